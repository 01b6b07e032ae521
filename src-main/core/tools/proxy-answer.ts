import { pipeline, Readable, type Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from '../../../src-shared/errors';

type Headers = Record<string, string | string[] | undefined>;

/** A platform's answer as the proxy handles it: a body in plain bytes, whatever came over the wire. */
export interface PlainAnswer {
  status: number;
  headers: Headers;
  body: Readable;
}

/*
 * Lenient flushing: a body that ends early is cut short, not an error, like browsers treat it.
 * Decoding streams, so a small compressed answer that inflates to gigabytes is still read only
 * as fast as the tool (or a size limit) takes it.
 */
const LENIENT = { finishFlush: constants.Z_SYNC_FLUSH };
const DECODERS: Record<string, () => Transform> = {
  gzip: () => createGunzip(LENIENT),
  'x-gzip': () => createGunzip(LENIENT),
  deflate: () => createInflate(LENIENT),
  br: () => createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

const first = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * The answer with its content coding undone, so the echo mask and the size limit see the real
 * bytes. The proxy asks for `identity`, but a platform or its CDN may compress anyway: gzip,
 * deflate and br are decoded (the tool then gets the plain body, without Content-Encoding or
 * Content-Length); any other coding is refused with `proxy_answer_encoding`, as a masked answer
 * cannot be promised for bytes the proxy cannot read.
 */
export function plainAnswer(
  answer: { statusCode: number; headers: Headers; body: Readable },
  method: string,
): PlainAnswer {
  const { statusCode: status, headers, body } = answer;
  const codings = (first(headers['content-encoding']) ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  const bodiless = method === 'HEAD' || status === 204 || status === 304;
  if (codings.length === 0 || bodiless) return { status, headers, body };
  const decoders = codings.reverse().map((coding) => DECODERS[coding]);
  if (decoders.some((decoder) => decoder === undefined)) {
    body.destroy();
    throw new AppError('proxy_answer_encoding');
  }
  const rest: Headers = { ...headers };
  delete rest['content-encoding'];
  delete rest['content-length'];
  // An upstream error (or a corrupt stream) destroys the last stream, which fails the forwarding.
  const stages = decoders.map((decoder) => decoder!());
  pipeline([body, ...stages], () => {});
  return { status, headers: rest, body: stages.at(-1)! };
}

/** The first bytes of a body, and the body again from its start for forwarding. */
export interface PeekedBody {
  head: Buffer;
  /** Whether `head` is the whole body. */
  complete: boolean;
  /** The whole body, `head` first then the unread rest; use this or `stop`, not both. */
  replay(): Readable;
  /** Stops reading and hangs up on the platform. */
  stop(): void;
}

/**
 * Reads a body until it ends or passes `limit` bytes, whichever is first: at most `limit` plus
 * one chunk is ever taken from the platform before the caller decides.
 */
export async function peekBody(body: Readable, limit: number): Promise<PeekedBody> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = false;
  while (size <= limit) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  return {
    head,
    complete,
    replay: () =>
      Readable.from(
        (async function* () {
          try {
            yield head;
            if (complete) return;
            for (let next = await iterator.next(); !next.done; next = await iterator.next())
              yield next.value;
          } finally {
            // The tool hung up mid-answer: so does the proxy, upstream.
            body.destroy();
          }
        })(),
        { objectMode: false },
      ),
    stop: () => {
      void iterator.return?.();
      body.destroy();
    },
  };
}
