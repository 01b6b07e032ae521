import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { PageChoice } from '../../../src-shared/connect';

/** Instagram via Facebook Page: which Page's linked Instagram account to connect. */
export function PagePicker({
  pages,
  onChoose,
  children,
}: {
  pages: PageChoice[];
  onChoose(pageId: string): Promise<void>;
  /** More actions beside "Use this Page" (Cancel). */
  children?: ReactNode;
}) {
  const [pageId, setPageId] = useState(pages[0]?.pageId ?? '');
  const [choosing, setChoosing] = useState(false);
  const name = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pageId || choosing) return;
    setChoosing(true);
    void onChoose(pageId).finally(() => setChoosing(false));
  };
  return (
    <form className="page-picker" onSubmit={submit}>
      <fieldset>
        <legend>Several of your Facebook Pages have an Instagram account. Which one?</legend>
        {pages.map((page) => (
          <label key={page.pageId} className="page-choice">
            <input
              type="radio"
              name={name}
              value={page.pageId}
              checked={page.pageId === pageId}
              onChange={() => setPageId(page.pageId)}
            />
            <span>
              <strong>{page.pageName}</strong>{' '}
              <span className="muted">
                {page.instagramUsername
                  ? `@${page.instagramUsername}`
                  : `Instagram account ${page.instagramUserId}`}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={!pageId || choosing}>
          {choosing ? 'Connecting…' : 'Use this Page'}
        </button>
        {children}
      </div>
    </form>
  );
}
