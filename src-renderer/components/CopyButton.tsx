import { useEffect, useState } from 'react';

/** The async clipboard needs a secure context and permission; fall back to a selection copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}

/** Copies a value and says so in a polite live region; `label` names what is copied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 4000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <span className="copy">
      <button
        type="button"
        aria-label={`Copy ${label}`}
        onClick={() => void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
      >
        Copy
      </button>
      <span className="copy-outcome" role="status">
        {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Select it and copy by hand' : ''}
      </span>
    </span>
  );
}
