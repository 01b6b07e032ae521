import { request } from 'undici';

/** The fake's page was an error (or not a consent form): its status and HTML. */
export class ConsentPageError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'ConsentPageError';
  }
}

export interface ConsentChoice {
  decision?: 'allow' | 'deny';
  /** A user id, handle or name from the account picker (default: the first account). */
  user?: string;
  /** Optional scopes to untick (TikTok's toggles, Google's and Facebook's checkboxes). */
  uncheckScopes?: string[];
}

export interface ConsentResult {
  /** The Location the fake redirected to, fragment included. */
  redirectedTo: string;
  /** The app's loopback listener's answer to the browser. */
  status: number;
  body: string;
}

const TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 30_000 };

const unescape = (value: string) =>
  value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '',
  );

const attribute = (tag: string, name: string) =>
  unescape(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '');

/** Reads the fake consent form the way a browser would submit it. */
function formFields(html: string, choice: ConsentChoice) {
  const form = /<form\b[^>]*>/.exec(html)?.[0];
  if (!form) return null;
  const fields = new URLSearchParams();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const type = attribute(tag, 'type');
    const name = attribute(tag, 'name');
    const value = attribute(tag, 'value');
    if (type === 'hidden') fields.append(name, value);
    if (type === 'checkbox' && /\bchecked\b/.test(tag) && !choice.uncheckScopes?.includes(value))
      fields.append(name, value);
  }
  const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map(
    ([, value, label]) => ({ value: unescape(value!), label: unescape(label!) }),
  );
  const wanted = choice.user;
  const picked = wanted
    ? options.find((option) => option.value === wanted || option.label.includes(wanted))
    : options[0];
  if (!picked) return { error: `No account "${wanted ?? ''}" on the consent page.` };
  fields.append('user', picked.value);
  fields.append('decision', choice.decision ?? 'allow');
  return { action: attribute(form, 'action'), fields };
}

/**
 * Plays the browser for an integration test: opens the fake's authorize URL, submits the consent
 * form, and follows the redirect to the app's loopback listener, returning what it answered.
 */
export async function driveConsent(
  authorizeUrl: string,
  choice: ConsentChoice = {},
  /**
   * Where this "browser" finds hosts that are not on 127.0.0.1 (a relay's https origin in
   * tests): like a DNS entry. With it, redirects are followed (a relay's 303 to the loopback
   * listener) until an answer is not a redirect.
   */
  browserOrigins?: Record<string, string>,
): Promise<ConsentResult> {
  const page = await request(authorizeUrl, { method: 'GET', ...TIMEOUTS });
  const html = await page.body.text();
  let location: string;
  let base = authorizeUrl;
  if (page.statusCode === 302 && typeof page.headers.location === 'string') {
    location = page.headers.location;
  } else {
    const parsed = page.statusCode === 200 ? formFields(html, choice) : null;
    if (!parsed || 'error' in parsed)
      throw new ConsentPageError(
        parsed?.error ?? `The authorize page answered ${page.statusCode} without a consent form.`,
        page.statusCode,
        html,
      );
    base = new URL(parsed.action, authorizeUrl).href;
    const post = await request(base, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: parsed.fields.toString(),
      ...TIMEOUTS,
    });
    const postBody = await post.body.text();
    if (post.statusCode !== 302 || typeof post.headers.location !== 'string')
      throw new ConsentPageError(
        `The consent form answered ${post.statusCode}, not a redirect.`,
        post.statusCode,
        postBody,
      );
    location = post.headers.location;
  }
  const redirectedTo = new URL(location, base).href;
  // Browsers never send the fragment (Instagram's `#_`, Facebook's `#_=_`).
  const target = new URL(redirectedTo);
  target.hash = '';
  const landing = browserOrigins
    ? await follow(target, browserOrigins)
    : await request(target, { method: 'GET', ...TIMEOUTS });
  return { redirectedTo, status: landing.statusCode, body: await landing.body.text() };
}

/** GETs a URL the way a browser would, through `origins`, following up to five redirects. */
async function follow(start: URL, origins: Record<string, string>) {
  let url = start;
  for (let hop = 0; ; hop += 1) {
    const standIn = origins[url.origin];
    const target = standIn ? new URL(`${url.pathname}${url.search}`, standIn) : url;
    const answer = await request(target, { method: 'GET', ...TIMEOUTS });
    const location = answer.headers.location;
    if (
      hop >= 5 ||
      answer.statusCode < 300 ||
      answer.statusCode > 399 ||
      typeof location !== 'string'
    )
      return answer;
    await answer.body.dump();
    url = new URL(location, target);
  }
}
