import { TechnicalDetails } from './TechnicalDetails';

/** A failed call: the sentence main sent; its stable code for support behind a disclosure. */
export function ErrorNotice({ message, code }: { message: string; code?: string }) {
  return (
    <div className="error-notice" role="alert">
      <p>{message}</p>
      {code ? <TechnicalDetails>{code}</TechnicalDetails> : null}
    </div>
  );
}
