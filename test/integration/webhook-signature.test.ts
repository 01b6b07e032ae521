// Issue 20, item 2: signed webhooks, checked by receivers that share no code with the app.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import type { AccountAlert } from '../../src-shared/alerts';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';

// The README's Node snippet, copied as a receiver would copy it (not the app's own code).
function verifySwitchboard(
  secret: string,
  header: string | undefined,
  rawBody: string,
  toleranceSeconds = 300,
) {
  const t = Number(/(?:^|,)t=(\d+)/.exec(header ?? '')?.[1]);
  const v1 = /(?:^|,)v1=([0-9a-f]{64})/.exec(header ?? '')?.[1];
  if (!v1 || !(Math.abs(Date.now() / 1000 - t) <= toleranceSeconds)) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  accepted: boolean;
}

/** A receiver on 127.0.0.1:0 that answers 204 to a verified delivery and 400 to anything else. */
async function verifyingReceiver(secret: () => string) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const signature = req.headers['switchboard-signature'] as string | undefined;
      const accepted = verifySwitchboard(secret(), signature, body);
      received.push({ headers: req.headers, body, accepted });
      res.writeHead(accepted ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/switchboard`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ALERT: AccountAlert = {
  kind: 'status',
  accountId: 'acc-signed',
  platform: 'tiktok',
  label: 'My TikTok',
  oldStatus: 'healthy',
  newStatus: 'needs_reauth',
  reason: 'TikTok refused the sign-in.',
  at: '2026-11-25T12:00:00.000Z',
  reauthBy: null,
};

describe('signed alert webhooks against a receiver built from the README', () => {
  const dir = tempDir();
  const log = capturingLogger();
  let core: TestCore;
  let receiver: Awaited<ReturnType<typeof verifyingReceiver>>;
  let secret = '';
  let offsetMs = 0;
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const deliver = async (alert: AccountAlert): Promise<Received> => {
    const before = receiver.received.length;
    core.alerting.webhook.send(alert);
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(before + 1);
    await expect.poll(() => core.alerting.webhook.pending, { timeout: 5_000 }).toBe(0);
    return receiver.received[before]!;
  };

  beforeAll(async () => {
    receiver = await verifyingReceiver(() => secret);
    const { host } = recordingHost(
      memorySettingsStore({ ...DEFAULT_SETTINGS, metricsEnabled: false }),
    );
    core = await createTestCore({ dataDir: dir.path }, host, {
      log,
      now: () => Date.now() + offsetMs,
    });
    await call('settings.update', { alertWebhookUrl: receiver.url });
  });
  afterAll(async () => {
    await core.close();
    await receiver.close();
    dir.remove();
  });

  it('makes a secret shown once; the status says only that one is set', async () => {
    expect(await call('alerts.webhookSecretStatus')).toEqual({ set: false, createdAt: null });
    const rolled = await call<{ secret: string; createdAt: string }>('alerts.rollWebhookSecret');
    expect(rolled.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = rolled.secret;
    const status = await call<object>('alerts.webhookSecretStatus');
    expect(status).toEqual({ set: true, createdAt: rolled.createdAt });
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(log.lines.join('\n')).not.toContain(secret);
  });

  it('a real delivery verifies; the same headers with a tampered body are refused', async () => {
    const delivery = await deliver(ALERT);
    expect(delivery.accepted).toBe(true);
    expect(delivery.headers['switchboard-attempt']).toBe('1');
    expect(JSON.parse(delivery.body)).toMatchObject({ id: expect.any(String), kind: 'status' });
    const tampered = delivery.body.replace('needs_reauth', 'healthy');
    expect(tampered).not.toBe(delivery.body);
    const replay = await request(receiver.url, {
      method: 'POST',
      body: tampered,
      headers: {
        'content-type': 'application/json',
        'switchboard-signature': String(delivery.headers['switchboard-signature']),
      },
    });
    await replay.body.dump();
    expect(replay.statusCode).toBe(400);
  });

  it('a delivery signed six minutes ago is refused as old', async () => {
    offsetMs = -6 * 60_000;
    try {
      const delivery = await deliver({ ...ALERT, kind: 'reauth_due' });
      expect(delivery.accepted).toBe(false);
      // The same bytes and signature verify with a wider window: only the age was wrong.
      const signature = String(delivery.headers['switchboard-signature']);
      expect(verifySwitchboard(secret, signature, delivery.body, 3_600)).toBe(true);
    } finally {
      offsetMs = 0;
    }
    expect(log.lines.join('\n')).toMatch(/HTTP 400; 1 attempt\(s\), giving up/);
  });

  it('after a roll, deliveries verify with the new secret only', async () => {
    const old = secret;
    secret = (await call<{ secret: string }>('alerts.rollWebhookSecret')).secret;
    expect(secret).not.toBe(old);
    const delivery = await deliver(ALERT);
    expect(delivery.accepted).toBe(true);
    const signature = String(delivery.headers['switchboard-signature']);
    expect(verifySwitchboard(old, signature, delivery.body)).toBe(false);
    // "Send test" is signed too.
    expect(await call('alerts.testWebhook', {})).toMatchObject({ delivered: true });
    expect(receiver.received.at(-1)!.accepted).toBe(true);
  });

  it("the README's own Node and Python snippets reach the same verdicts", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = (language: string, marker: string) =>
      [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))]
        .map(([, code]) => code!)
        .find((code) => code.includes(marker))!;
    const cases = [
      ...receiver.received.map(({ headers, body }) => ({
        header: String(headers['switchboard-signature']),
        body,
      })),
      { header: String(receiver.received[0]!.headers['switchboard-signature']), body: '{}' },
    ];
    const expected = receiver.received.map(({ body, headers }) =>
      verifySwitchboard(secret, String(headers['switchboard-signature']), body),
    );
    expected.push(false);
    expect(expected).toContain(true);
    const nodeVerify = new Function(
      'require',
      `${block('js', 'verifySwitchboard')}\nreturn verifySwitchboard;`,
    )(createRequire(import.meta.url)) as typeof verifySwitchboard;
    expect(cases.map(({ header, body }) => nodeVerify(secret, header, body))).toEqual(expected);
    const python = spawnSync(
      'python3',
      [
        '-c',
        `${block('python', 'verify_switchboard')}\nimport json, sys\nargs = json.load(sys.stdin)\nprint(json.dumps([verify_switchboard(args["secret"], c["header"], c["body"].encode()) for c in args["cases"]]))`,
      ],
      { input: JSON.stringify({ secret, cases }), encoding: 'utf8' },
    );
    expect(python.stderr).toBe('');
    expect(JSON.parse(python.stdout)).toEqual(expected);
  });
});
