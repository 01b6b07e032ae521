/** A failed call, shown as the sentence main sent and its stable code for support. */
export function ErrorNotice({ message, code }: { message: string; code?: string }) {
  return (
    <p className="error-notice" role="alert">
      {message}
      {code ? <span className="error-code"> ({code})</span> : null}
    </p>
  );
}
