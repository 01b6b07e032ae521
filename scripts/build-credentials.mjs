// Checks SWITCHBOARD_BUILD_CREDENTIALS before a build embeds it. A secret inside an installer can
// be read out by anyone, so a publisher's build names client ids and a relay URL only: Meta
// (instagram, facebook) and TikTok secrets belong in the relay's environment. Google's Desktop
// secret is not confidential by Google's own rules and may be built in; X's native app is public.
// The shape matches what src-main/core/platforms/build-credentials.ts reads at run time.

const PROVIDERS = ['youtube', 'instagram', 'facebook', 'tiktok', 'x'];
/** The providers whose secret the relay holds (src-main/core/platforms/relay.ts, RELAY_USE). */
const RELAY_PROVIDERS = ['instagram', 'facebook', 'tiktok'];
const RELAY_ENV = { instagram: 'INSTAGRAM', facebook: 'FACEBOOK', tiktok: 'TIKTOK' };

export class BuildCredentialsError extends Error {}

const refuse = (message) => {
  throw new BuildCredentialsError(`SWITCHBOARD_BUILD_CREDENTIALS refused: ${message}`);
};

function checkRelay(value) {
  if (typeof value !== 'string') refuse('"relay" must be the relay’s https URL.');
  let url;
  try {
    url = new URL(value);
  } catch {
    refuse('"relay" is not a URL.');
  }
  if (url.protocol !== 'https:')
    refuse('"relay" must be an https URL: Meta redirects only to https once the app is live.');
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    refuse('"relay" must be an origin such as https://relay.example (no path or query).');
  return url.origin;
}

function checkApp(provider, app, relay) {
  if (!app || typeof app !== 'object' || Array.isArray(app))
    refuse(`"${provider}" must be an object with a clientId.`);
  for (const key of Object.keys(app))
    if (key !== 'clientId' && key !== 'clientSecret')
      refuse(`"${provider}" has an unknown field "${key}" (only clientId and clientSecret).`);
  if (typeof app.clientId !== 'string' || !app.clientId.trim())
    refuse(`"${provider}" needs a clientId.`);
  const secret = app.clientSecret;
  if (secret !== undefined && secret !== null && typeof secret !== 'string')
    refuse(`"${provider}".clientSecret must be a string or null.`);
  if (RELAY_PROVIDERS.includes(provider)) {
    if (secret)
      refuse(
        `it holds a client secret for ${provider}. Anyone can read a secret out of an installer; put it in your relay's environment (RELAY_${RELAY_ENV[provider]}_CLIENT_SECRET) and name the relay in "relay" instead.`,
      );
    if (!relay)
      refuse(
        `${provider} needs its secret, which a build must not carry: name your relay in "relay" (see relay/README.md), or leave ${provider} out so creators use their own apps.`,
      );
  }
  return { clientId: app.clientId.trim(), clientSecret: secret ? secret : null };
}

/**
 * The checked, normalised JSON to embed, or a BuildCredentialsError saying in plain words why the
 * build must not embed it. An empty value means nothing is embedded (null).
 */
export function checkBuildCredentials(raw) {
  if (raw === undefined || raw === null || !String(raw).trim()) return null;
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    refuse('it is not JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    refuse('it must be a JSON object by provider.');
  const relay = parsed.relay === undefined ? null : checkRelay(parsed.relay);
  const out = relay ? { relay } : {};
  for (const [key, app] of Object.entries(parsed)) {
    if (key === 'relay') continue;
    if (!PROVIDERS.includes(key))
      refuse(`"${key}" is not a provider (${PROVIDERS.join(', ')}) or "relay".`);
    out[key] = checkApp(key, app, relay);
  }
  return JSON.stringify(out);
}
