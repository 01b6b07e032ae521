import type { ProviderStatus } from '../../../src-shared/connect';
import { OWN_APP_GUIDES } from './own-app-guide';

/**
 * "Use your own app": the console steps, what to enable, the scopes and the traps. The exact
 * redirect URI, with Copy, is the card's own field just above.
 */
export function OwnAppGuide({ status }: { status: ProviderStatus }) {
  const guide = OWN_APP_GUIDES[status.id];
  const scopes = status.scopes;
  return (
    <details className="own-app-guide">
      <summary>Set up your own {status.displayName} app</summary>
      <p className="muted small">
        In the{' '}
        <a href={guide.console.url} target="_blank" rel="noreferrer noopener">
          {guide.console.name}
        </a>
        :
      </p>
      <ol>
        {guide.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="small">
        <strong>Enable:</strong> {guide.products.join(', ')}. <strong>Scopes:</strong>{' '}
        {scopes.map((scope, index) => (
          <span key={scope}>
            {index > 0 ? ', ' : ''}
            <code>{scope}</code>
          </span>
        ))}
      </p>
      <ul className="traps" aria-label={`${status.displayName} pitfalls`}>
        {guide.traps.map((trap) => (
          <li key={trap}>{trap}</li>
        ))}
      </ul>
    </details>
  );
}
