import { useId, useState, type FormEvent } from 'react';
import { openNewLink, parseNewLink } from './new-link';

/** Serve mode after a restart: paste the new link here instead of hunting for the tab's URL bar. */
export function NewLinkForm() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = parseNewLink(text);
    if (!url) {
      setProblem(
        'That is not a Switchboard link: paste the whole line starting with http://127.0.0.1.',
      );
      return;
    }
    openNewLink(url, window.location, window.history);
  };
  return (
    <form className="new-link" onSubmit={submit} aria-label="Sign this page in again">
      <label htmlFor={id}>New link</label>
      <input
        id={id}
        type="url"
        spellCheck={false}
        autoComplete="off"
        placeholder="http://127.0.0.1:…/#key=…"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
      />
      <button type="submit" className="primary">
        Open
      </button>
      {problem ? (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
