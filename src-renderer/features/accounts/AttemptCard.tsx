import { ErrorNotice } from '../../components/ErrorNotice';
import { PROVIDERS } from '../../../src-shared/platforms';
import { useNavigation } from '../../navigation-store';
import { fixFor } from './connect-fixes';
import { useConnect, type Attempt } from './connect-store';
import { PagePicker } from './PagePicker';
import { isWebUrl } from './sign-in-tab';
import { useConnectAction } from './use-connect';

/** One sign-in's progress, its Page choice, or its error with the action that fixes it. */
export function AttemptCard({ attempt }: { attempt: Attempt }) {
  const { mode, cancel, choosePage, dismiss } = useConnect();
  const connect = useConnectAction();
  const show = useNavigation((state) => state.show);
  const { provider, session, error, accountId } = attempt;
  const name = PROVIDERS[provider].displayName;
  const title = `${accountId ? 'Reconnecting' : 'Connecting'} ${name}`;
  const cancelButton = (
    <button type="button" onClick={() => void cancel(provider)}>
      Cancel
    </button>
  );

  if (error && (!session || session.stage === 'failed')) {
    const fix = fixFor(error.code);
    return (
      <li className="attempt attempt-failed">
        <strong>{`Could not ${accountId ? 'reconnect' : 'connect'} ${name}`}</strong>
        <ErrorNotice message={error.message} code={error.code} />
        <div className="actions">
          {fix === 'retry' ? (
            <button type="button" className="primary" onClick={() => connect(provider, accountId)}>
              Try again
            </button>
          ) : null}
          {fix === 'settings' ? (
            <button type="button" className="primary" onClick={() => show('settings', 'platforms')}>
              Open Settings → Platforms
            </button>
          ) : null}
          <button type="button" onClick={() => dismiss(provider)}>
            Dismiss
          </button>
        </div>
      </li>
    );
  }

  let body;
  if (!session) {
    body = <p className="progress">Starting the sign-in…</p>;
  } else if (session.stage === 'waiting_for_browser') {
    const where =
      mode === 'desktop'
        ? 'in the browser window that opened'
        : mode === null
          ? 'in your browser'
          : 'in the new tab';
    body = (
      <>
        <p className="progress">Waiting for your browser…</p>
        <p className="muted">{`Sign in to ${name} ${where}, then come back here.`}</p>
        <div className="actions">
          {isWebUrl(session.authorizeUrl) ? (
            <a href={session.authorizeUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page again
            </a>
          ) : null}
          {cancelButton}
        </div>
      </>
    );
  } else if (session.stage === 'choose_page' && session.pages) {
    body = (
      <PagePicker pages={session.pages} onChoose={(pageId) => choosePage(provider, pageId)}>
        {cancelButton}
      </PagePicker>
    );
  } else {
    body = <p className="progress">Finishing sign-in…</p>;
  }
  return (
    <li className="attempt">
      <strong>{title}</strong>
      {body}
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </li>
  );
}
