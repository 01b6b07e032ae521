import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AccountSummary } from '../src-shared/account';
import { PLATFORM_IDS } from '../src-shared/platforms';
import { launchChromium } from '../test/e2e/chromium';
import { fmt, printTable } from './report';

const RENDERER = 'dist/renderer';
const ACCOUNTS = 1_000;
const FEW = 10;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
};

function accounts(count: number, now: number): AccountSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const platform = PLATFORM_IDS[i % PLATFORM_IDS.length]!;
    return {
      id: `account-${i}`,
      platform,
      provider: platform,
      label: null,
      displayName: `Creator ${i}`,
      handle: `@creator_${i}`,
      avatarKey: null,
      followers: i * 10,
      status: i % 50 === 0 ? 'needs_reauth' : i % 20 === 0 ? 'expiring' : 'healthy',
      statusReason: null,
      scopes: [],
      accessExpiresAt: new Date(now + 3_600_000).toISOString(),
      lastRefreshAt: null,
      lastCheckAt: null,
      nextRefreshAt: new Date(now + 3_000_000).toISOString(),
      lastError: null,
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      reauthBy: new Date(now + 86_400_000 * (1 + (i % 180))).toISOString(),
      reauthReason: 'Forecast.',
      usage: { postsToday: 0, postCap: null, postingCappedUntil: null, rateLimit: null },
    } as AccountSummary;
  });
}

/** The answers a bridge gives the renderer, so it renders without a core behind it. */
function bridgeScript(list: AccountSummary[]): string {
  return `(() => {
    const accounts = ${JSON.stringify(list)};
    const answers = {
      'app.info': { productName: 'Switchboard', version: 'bench', commit: 'bench', mode: 'desktop', dataDir: '/bench', metricsUrl: null },
      'vault.status': { state: 'open', keyProtector: 'bench', error: null, exists: true },
      'accounts.list': accounts,
      'platforms.list': [],
      'accounts.connections': [],
    };
    window.switchboard = {
      invoke: async (channel) => channel in answers
        ? { ok: true, value: answers[channel] }
        : { ok: false, error: { code: 'unknown_channel', message: 'bench' } },
      subscribe: () => () => {},
    };
  })();`;
}

/** Renderer figures: gzipped JavaScript, and the time to show 1,000 accounts on two screens. */
export async function benchRenderer(): Promise<void> {
  const assets = join(RENDERER, 'assets');
  const js = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const gzipped = js.reduce(
    (sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length,
    0,
  );
  const server = createServer((request, response) => {
    const path = request.url === '/' ? '/index.html' : (request.url ?? '/');
    try {
      const body = readFileSync(join(RENDERER, path));
      response.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const browser = await launchChromium();
  /** Load to last row of each screen (and the Accounts scroll) with `count` accounts. */
  const measure = async (count: number) => {
    const timings: Record<string, number> = {};
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(bridgeScript(accounts(count, Date.now())));
    for (const screen of ['Overview', 'Accounts'] as const) {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.evaluate(
        (view) => sessionStorage.setItem('switchboard.view', view),
        screen.toLowerCase(),
      );
      const started = Date.now();
      await page.reload();
      const row = screen === 'Overview' ? '.overview-row' : '.account-card';
      await page.waitForFunction(
        ({ selector, count }) => document.querySelectorAll(selector).length === count,
        { selector: row, count },
        { timeout: 60_000 },
      );
      timings[screen] = Date.now() - started;
      const scrolled = Date.now();
      await page.mouse.wheel(0, 200_000);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => resolve(null))),
      );
      timings[`${screen} scroll`] = Date.now() - scrolled;
    }
    await page.close();
    return timings;
  };
  let timings: Record<string, number>;
  let few: Record<string, number>;
  try {
    // The same page with 10 accounts: what loading the app costs before rows do.
    few = await measure(FEW);
    timings = await measure(ACCOUNTS);
  } finally {
    await browser.close();
    server.close();
  }
  printTable('Renderer', [
    {
      name: 'JavaScript, gzipped',
      value: `${fmt(gzipped / 1024, 1)} KB`,
      baseline: '200 KB target',
    },
    {
      name: `Overview with ${fmt(ACCOUNTS)} accounts, load to last row`,
      value: `${fmt(timings.Overview!)} ms`,
      baseline: `${fmt(few.Overview!)} ms with ${FEW}`,
    },
    {
      name: `Accounts with ${fmt(ACCOUNTS)} accounts, load to last row`,
      value: `${fmt(timings.Accounts!)} ms`,
      baseline: `${fmt(few.Accounts!)} ms with ${FEW}`,
    },
    {
      name: 'Accounts: scroll to the end, next frame',
      value: `${fmt(timings['Accounts scroll']!)} ms`,
    },
  ]);
}
