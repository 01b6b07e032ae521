import { useEffect } from 'react';
import { useConnection } from './connection-store';
import { NewLinkForm } from './NewLinkForm';

/**
 * Shown on every screen while the page cannot reach Switchboard, so nothing on screen passes for
 * current when it is not. Gone again as soon as the connection comes back.
 */
export function ConnectionBanner() {
  const { state, lostAt, retry, follow } = useConnection();
  useEffect(() => follow(), [follow]);
  if (state === 'online') return null;
  const since = lostAt ? ` since ${new Date(lostAt).toLocaleTimeString()}` : '';
  return (
    // Offline is news worth interrupting for; a lost session is also explained by each call's error.
    <div
      className="banner banner-bad"
      role={state === 'offline' ? 'alert' : 'status'}
      data-testid="connection-banner"
    >
      {state === 'offline' ? (
        <>
          <p>
            <strong>{`Switchboard is not answering${since}.`}</strong> What you see may be out of
            date; this page reconnects by itself when it comes back.
          </p>
          <button type="button" onClick={retry}>
            Retry now
          </button>
        </>
      ) : (
        <>
          <p>
            <strong>This page is no longer signed in to Switchboard</strong>, probably because it
            was restarted. Paste the link it printed when it started. For another one, run the
            command printed under that link (<code>kill -USR1</code> and a number).
          </p>
          <NewLinkForm />
        </>
      )}
    </div>
  );
}
