import { describe, expect, it } from 'vitest';
import { chunkMasker, echoMatcher, maskText } from './proxy-mask';

/** Shaped like the platforms' tokens: letters of both cases, digits, `-._~/+=`. */
const TOKEN = 'ya29.A0ARrd-aM_x~Qv/8Zk+T3q=Lm';

/** The streaming mask the proxy relays with (proxy-relay.ts), chunk by chunk. */
async function masked(chunks: Buffer[], secrets: string[]): Promise<string> {
  const masker = chunkMasker(echoMatcher(secrets));
  const parts = chunks.map((chunk) => Buffer.from(masker.push(chunk)));
  return Buffer.concat([...parts, masker.end()]).toString('latin1');
}

const codes = [...TOKEN].map((char) => char.charCodeAt(0));
/** Each way the review (and a platform) could repeat the token, inside a realistic answer. */
const ECHOES: Record<string, string> = {
  plain: TOKEN,
  'lower-cased (an Authorization header echoed by a case-folding server)': TOKEN.toLowerCase(),
  'upper-cased': TOKEN.toUpperCase(),
  'URL-encoded': encodeURIComponent(TOKEN),
  'form-encoded': new URLSearchParams({ t: TOKEN }).toString().slice(2),
  '%xx of every byte': codes
    .map((c) => `%${c.toString(16).toUpperCase().padStart(2, '0')}`)
    .join(''),
  '%xx of every byte, lower-case hex': codes
    .map((c) => `%${c.toString(16).padStart(2, '0')}`)
    .join(''),
  'JSON \\uXXXX': codes.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join(''),
  'JSON \\uXXXX, upper-case hex': codes
    .map((c) => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(''),
  'JSON-escaped slash': TOKEN.replaceAll('/', '\\/'),
  'HTML decimal references': codes.map((c) => `&#${c};`).join(''),
  'HTML hex references': codes.map((c) => `&#x${c.toString(16)};`).join(''),
  base64: Buffer.from(TOKEN).toString('base64'),
  base64url: Buffer.from(TOKEN).toString('base64url'),
};

describe('the echo mask', () => {
  it.each(Object.entries(ECHOES))(
    'masks the token %s, split anywhere across chunks',
    async (_name, echo) => {
      const text = `{"echo":"${echo}","next":"/me/media?after=QVFI"}`;
      const start = text.indexOf(echo);
      // Cuts near both ends of the echo and through it, and a three-piece split around its middle.
      const cuts = [...Array(echo.length + 1).keys()].filter(
        (at) => at < 8 || at > echo.length - 8 || at % 5 === 0,
      );
      for (const cut of cuts.map((at) => start + at)) {
        const out = await masked(
          [Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))],
          [TOKEN],
        );
        expect(out.length).toBe(text.length);
        expect(out.slice(start, start + echo.length)).toMatch(/^\*+$/);
        expect(out.slice(0, start) + out.slice(start + echo.length)).toBe(
          text.slice(0, start) + text.slice(start + echo.length),
        );
      }
      const middle = start + (echo.length >> 1);
      const pieces = [
        text.slice(0, middle - 1),
        text.slice(middle - 1, middle + 1),
        text.slice(middle + 1),
      ];
      expect(
        await masked(
          pieces.map((piece) => Buffer.from(piece)),
          [TOKEN],
        ),
      ).not.toContain(echo);
    },
  );

  it('finds the token inside a longer base64 text at every byte alignment', async () => {
    for (const prefix of ['', 'B', 'Be', 'Bearer ', '{"access_token":"']) {
      for (const alphabet of ['base64', 'base64url'] as const) {
        const encoded = Buffer.from(`${prefix}${TOKEN}","x":1}`).toString(alphabet);
        const out = await masked([Buffer.from(encoded)], [TOKEN]);
        const decoded = Buffer.from(out.replaceAll('*', 'A'), alphabet).toString('latin1');
        expect(decoded, `${alphabet} after ${JSON.stringify(prefix)}`).not.toContain(TOKEN);
        // At most the characters shared with the neighbours' bits stay readable.
        expect(out.match(/\*+/)?.[0].length).toBeGreaterThanOrEqual(
          Math.floor((TOKEN.length * 4) / 3) - 2,
        );
      }
    }
  });

  it('leaves ordinary text alone and ignores secrets too short to mask', async () => {
    const text = 'plain answer with ya29 and %41%42 and &#65; in it';
    expect(await masked([Buffer.from(text)], [TOKEN])).toBe(text);
    expect(await masked([Buffer.from('abc1234 abc1234')], ['abc1234'])).toBe('abc1234 abc1234');
  });

  it('masks an answer that is nothing but the echo (the shortest text that can hold one)', () => {
    const matcher = echoMatcher([TOKEN]);
    for (const [name, echo] of Object.entries(ECHOES)) {
      const out = matcher.mask(Buffer.from(echo, 'latin1')).toString('latin1');
      expect(out, name).toMatch(/^\*+$/);
    }
  });

  it('masks header values with the same rules', () => {
    const matcher = echoMatcher([TOKEN]);
    const location = `https://graph.example/next?access_token=${encodeURIComponent(TOKEN).toLowerCase()}&a=1`;
    const out = maskText(location, matcher);
    expect(out).toBe(
      location.replace(
        encodeURIComponent(TOKEN).toLowerCase(),
        '*'.repeat(encodeURIComponent(TOKEN).length),
      ),
    );
  });
});
