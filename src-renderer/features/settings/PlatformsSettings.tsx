import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useNavigation } from '../../navigation-store';
import { usePlatforms } from './platforms-store';
import { ProviderSettings } from './ProviderSettings';
import { useSettings } from './use-settings';

/** Settings → Platforms: the developer-app credentials each way of connecting signs in with. */
export function PlatformsSettings() {
  const { providers, error, load } = usePlatforms();
  const settings = useSettings((state) => state.settings);
  const { section, sectionShown } = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    // Sent here by an error's fix ("Open Settings → Platforms"): land on this section.
    if (section !== 'platforms') return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
    sectionShown();
  }, [section, sectionShown]);

  return (
    <section className="platforms" aria-labelledby="platforms-title">
      <h3 id="platforms-title" ref={heading} tabIndex={-1}>
        Platforms
      </h3>
      <p className="muted">
        Switchboard signs in through your own developer apps. Values saved here win over the
        environment (<code>SWITCHBOARD_&lt;PLATFORM&gt;_CLIENT_ID</code> and{' '}
        <code>_CLIENT_SECRET</code>) and over values built into this copy. Secrets are stored
        encrypted in the vault and never shown again, so each platform’s card has its own Save;
        leaving Settings with something typed there and not saved asks first.
      </p>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
      {providers && settings
        ? providers.map((status) => (
            <ProviderSettings key={status.id} status={status} settings={settings} />
          ))
        : null}
      {!providers && !error ? <p className="muted">Loading…</p> : null}
    </section>
  );
}
