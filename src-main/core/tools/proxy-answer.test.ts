import { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { peekBody, plainAnswer } from './proxy-answer';

const text = async (stream: Readable) => {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

/** A body that makes its chunks only when asked, counting every byte it handed over. */
function countingBody(total: number, chunkSize: number) {
  const counter = { produced: 0, destroyed: false };
  const body = new Readable({
    highWaterMark: 0,
    read() {
      if (counter.produced >= total) return this.push(null);
      const size = Math.min(chunkSize, total - counter.produced);
      counter.produced += size;
      this.push(Buffer.alloc(size, 0x61));
    },
    destroy(error, callback) {
      counter.destroyed = true;
      callback(error);
    },
  });
  return { body, counter };
}

const ANSWER = '{"paging":{"next":"https://graph.example/me/media?access_token=TOKEN-123456"}}';

describe('a platform answer in plain bytes', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s and drops the encoding headers', async (coding, encode) => {
    const answer = plainAnswer(
      {
        statusCode: 200,
        headers: { 'content-encoding': coding, 'content-length': '99', 'x-app-usage': '{}' },
        body: Readable.from([encode(Buffer.from(ANSWER))]),
      },
      'GET',
    );
    expect(await text(answer.body)).toBe(ANSWER);
    expect(answer.headers).toEqual({ 'x-app-usage': '{}' });
  });

  it('undoes stacked codings in reverse order', async () => {
    const answer = plainAnswer(
      {
        statusCode: 200,
        headers: { 'content-encoding': 'gzip, br' },
        body: Readable.from([brotliCompressSync(gzipSync(Buffer.from(ANSWER)))]),
      },
      'GET',
    );
    expect(await text(answer.body)).toBe(ANSWER);
  });

  it('refuses a coding it cannot read, and hangs up on the platform', () => {
    for (const coding of ['compress', 'zstd', 'gzip, exi']) {
      const { body, counter } = countingBody(1024, 256);
      expect(() =>
        plainAnswer({ statusCode: 200, headers: { 'content-encoding': coding }, body }, 'GET'),
      ).toThrow(expect.objectContaining({ code: 'proxy_answer_encoding' }));
      expect(counter.destroyed).toBe(true);
    }
  });

  it('passes identity answers and bodiless ones through untouched', () => {
    const body = Readable.from([Buffer.from(ANSWER)]);
    const headers = { 'content-encoding': 'identity', 'content-length': '80' };
    expect(plainAnswer({ statusCode: 200, headers, body }, 'GET').body).toBe(body);
    const gzipHead = { 'content-encoding': 'gzip' };
    expect(plainAnswer({ statusCode: 200, headers: gzipHead, body }, 'HEAD').headers).toBe(
      gzipHead,
    );
    expect(plainAnswer({ statusCode: 304, headers: gzipHead, body }, 'GET').body).toBe(body);
  });
});

describe('peeking at a body', () => {
  it('reads no more than the limit plus one chunk of a huge body, then stops it', async () => {
    const limit = 256 * 1024;
    const chunk = 16 * 1024;
    const { body, counter } = countingBody(300 * 1024 * 1024, chunk);
    const peeked = await peekBody(body, limit);
    expect(peeked.complete).toBe(false);
    expect(peeked.head.length).toBe(limit + chunk);
    expect(counter.produced).toBeLessThanOrEqual(limit + chunk);
    peeked.stop();
    await tick();
    expect(counter.destroyed).toBe(true);
    expect(counter.produced).toBeLessThanOrEqual(limit + chunk);
  });

  it('gives a small body whole, and replays a large one from its first byte', async () => {
    const small = await peekBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), 1024);
    expect(small).toMatchObject({ complete: true });
    expect(small.head.toString()).toBe('{"a":1}');
    expect(await text(small.replay())).toBe('{"a":1}');
    const { body, counter } = countingBody(10_000, 1_000);
    const large = await peekBody(body, 2_500);
    expect(large.complete).toBe(false);
    expect(counter.produced).toBe(3_000);
    expect((await text(large.replay())).length).toBe(10_000);
  });
});
