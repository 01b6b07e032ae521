import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AccountSummary } from '../src-shared/account';
import { PLATFORM_IDS } from '../src-shared/platforms';
import { launchChromium } from '../test/e2e/chromium';
import { fmt, printTable } from './report';

// Another build's renderer (main's, for a before/after) with SWITCHBOARD_BENCH_RENDERER=<dir>.
const RENDERER = process.env.SWITCHBOARD_BENCH_RENDERER ?? 'dist/renderer';
const ACCOUNTS = 1_000;
const FEW = 10;
const ROUNDS = 5;
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

/** Each screen's list of accounts (Accounts has one per platform), and its last row's list. */
const LISTS = { Overview: '.overview-list', Accounts: '.account-list' } as const;
type Screen = keyof typeof LISTS;

/**
 * In the page: wait until the screen's lists hold `count` accounts (a windowed list counts by its
 * rows' aria-setsize, a plain one by its rows), then scroll the window until the last list's last
 * row is on screen, and wait for two frames so it is painted. Answers ms since navigation began,
 * at "ready" (the lists complete) and at "last row".
 */
function lastRowInPage({ lists, count }: { lists: string; count: number }) {
  const total = () =>
    [...document.querySelectorAll<HTMLElement>(lists)].reduce((sum, list) => {
      const row = list.querySelector('li[aria-setsize]');
      return sum + (row ? Number(row.getAttribute('aria-setsize')) : list.children.length);
    }, 0);
  const lastRow = () => {
    const all = document.querySelectorAll<HTMLElement>(lists);
    const last = all[all.length - 1]?.lastElementChild;
    if (!last) return null;
    const size = last.getAttribute('aria-setsize');
    return size === null || size === last.getAttribute('aria-posinset') ? last : null;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  return new Promise<{ ready: number; last: number }>((resolve) => {
    let ready = 0;
    const step = async () => {
      if (!ready) {
        if (total() === count) ready = performance.now();
      } else {
        const all = document.querySelectorAll<HTMLElement>(lists);
        const bottom = all[all.length - 1]!.getBoundingClientRect().bottom;
        window.scrollBy(0, bottom - window.innerHeight);
        const row = lastRow()?.getBoundingClientRect();
        if (row && row.height > 0 && row.bottom <= window.innerHeight + 1 && row.top >= 0) {
          await frame();
          await frame();
          resolve({ ready, last: performance.now() });
          return;
        }
      }
      requestAnimationFrame(() => void step());
    };
    void step();
  });
}

/** Each figure's median over the rounds. */
function medians(rounds: Record<string, number>[]): Record<string, number> {
  return Object.fromEntries(
    Object.keys(rounds[0]!).map((key) => {
      const sorted = rounds.map((round) => round[key]!).sort((a, b) => a - b);
      return [key, sorted[Math.floor(sorted.length / 2)]!];
    }),
  );
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
  /** Load to "ready" and to the last row painted, on each screen, with `count` accounts. */
  const measure = async (count: number) => {
    const timings: Record<string, number> = {};
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(bridgeScript(accounts(count, Date.now())));
    for (const screen of ['Overview', 'Accounts'] as const satisfies Screen[]) {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.evaluate(
        (view) => sessionStorage.setItem('switchboard.view', view),
        screen.toLowerCase(),
      );
      await page.reload({ waitUntil: 'commit' });
      // Measured in the page from the navigation's start, so Playwright's round trips add nothing.
      const { ready, last } = await page.evaluate(lastRowInPage, {
        lists: LISTS[screen],
        count,
      });
      timings[`${screen} ready`] = ready;
      timings[screen] = last;
    }
    await page.close();
    return timings;
  };
  const fews: Record<string, number>[] = [];
  const manys: Record<string, number>[] = [];
  try {
    // The same page with 10 accounts: what loading the app costs before rows do. Rounds
    // alternate the two, so a busy moment on a shared machine does not land on one side only.
    for (let round = 0; round < ROUNDS; round++) {
      fews.push(await measure(FEW));
      manys.push(await measure(ACCOUNTS));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const few = medians(fews);
  const timings = medians(manys);
  console.log(
    [
      `\nRenderer, the median of ${ROUNDS} rounds at 1280 x 900.`,
      '"ready": from navigation until the screen\'s lists hold every account (a windowed list',
      'counts by its rows\' aria-setsize; rows off screen are not in the page). "last row": then',
      'scrolled to the last account row, two frames after it is on screen (so it is painted).',
    ].join('\n'),
  );
  const rows = (['Overview', 'Accounts'] as const).flatMap((screen) => [
    {
      name: `${screen} with ${fmt(ACCOUNTS)} accounts, load to ready`,
      value: `${fmt(timings[`${screen} ready`]!)} ms`,
      baseline: `${fmt(few[`${screen} ready`]!)} ms with ${FEW}`,
    },
    {
      name: `${screen} with ${fmt(ACCOUNTS)} accounts, load to last row`,
      value: `${fmt(timings[screen]!)} ms`,
      baseline: `${fmt(few[screen]!)} ms with ${FEW}`,
      target: '≤ 200 ms',
      met: timings[screen]! <= 200,
    },
  ]);
  printTable('Renderer', [
    {
      name: 'JavaScript, gzipped',
      value: `${fmt(gzipped / 1024, 1)} KB`,
      target: '≤ 200 KB',
      met: gzipped / 1024 <= 200,
    },
    ...rows,
  ]);
}
