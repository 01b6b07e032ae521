import type { ReactNode } from 'react';

/**
 * Codes, fingerprints and raw errors, for support or the curious: closed by default, so every
 * line a creator reads first is a plain sentence. Tests scan screens' text outside these.
 */
export function TechnicalDetails({ children }: { children: ReactNode }) {
  return (
    <details className="technical-details">
      <summary>Technical details</summary>
      <code>{children}</code>
    </details>
  );
}
