import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PLATFORMS } from '../../../src-shared/platforms';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import type { PlanRefusal } from './plan-store';
import { useNavigation } from '../../navigation-store';
import { licenceLine, overLimitLines } from './plan-words';
import { usePlan } from './use-plan';
import './plan.css';

/** Settings → Plan: the plan in force, what it allows and uses, and the licence key behind it. */
export function PlanSettings() {
  const { status, error, busy, load, follow, enterLicence, removeLicence } = usePlan();
  const { section, sectionShown } = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [key, setKey] = useState('');
  const [refusal, setRefusal] = useState<PlanRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void load();
    return follow();
  }, [load, follow]);
  useEffect(() => {
    // Sent here by a Connect button at the limit ("See plans"): land on this section.
    if (section !== 'plan') return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
    sectionShown();
  }, [section, sectionShown]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || key.trim() === '') return;
    const refused = await enterLicence(key);
    setRefusal(refused);
    if (!refused) {
      setKey('');
      setDone('Licence key accepted: the new limits apply now.');
    } else setDone(null);
  };

  return (
    <section className="settings plan-settings" aria-labelledby="plan-title">
      <h3 id="plan-title" ref={heading} tabIndex={-1}>
        Plan
      </h3>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
      {status ? (
        <>
          <p data-testid="plan-current">
            <strong>{status.planName} plan.</strong> {licenceLine(status)}
          </p>
          <table className="plan-usage" aria-label="Accounts per platform">
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Connected</th>
                <th scope="col">Allowed</th>
              </tr>
            </thead>
            <tbody>
              {status.usage.map((row) => (
                <tr key={row.platform} className={row.over.length > 0 ? 'over' : ''}>
                  <th scope="row">{PLATFORMS[row.platform].displayName}</th>
                  <td>{row.used}</td>
                  <td>{row.limit}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {overLimitLines(status).map((line) => (
            <p key={line} className="plan-over" data-testid="plan-over">
              {line}
            </p>
          ))}
        </>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
      <form className="plan-key" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Licence key"
          value={key}
          spellCheck={false}
          autoComplete="off"
          placeholder="SBL1.…"
          hint="Paste the whole key from the email it came in; line breaks do not matter. It is checked on this computer, with no network."
          onChange={(value) => {
            setKey(value);
            setRefusal(null);
            setDone(null);
          }}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Enter licence key
          </button>
          {status?.licence ? (
            <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
              Remove licence
            </button>
          ) : null}
          <span role="status" className="saved">
            {done ?? ''}
          </span>
        </div>
        {refusal ? <ErrorNotice message={refusal.message} code={refusal.code} /> : null}
      </form>
      {status?.storeUrl ? (
        <p>
          <a href={status.storeUrl} target="_blank" rel="noopener noreferrer">
            See plans and buy a licence
          </a>
        </p>
      ) : (
        <p className="muted">
          Plans are sold by whoever publishes your copy of Switchboard; this build names no shop.
        </p>
      )}
      {confirming ? (
        <ConfirmDialog
          title="Remove the licence key?"
          confirmLabel="Remove licence"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void removeLicence().then((refused) => {
              setRefusal(refused);
              setDone(refused ? null : 'Licence removed: the Free plan applies to new connects.');
            });
          }}
        >
          The Free plan then applies to new connects. Every account already connected stays
          connected and keeps refreshing.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
