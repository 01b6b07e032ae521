import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import { openVault } from '../src-main/core/vault/vault';
import { startFakePlatforms } from '../src-main/demo/fake-platforms';
import { accountLimit } from '../src-shared/tiers';
import { fmt, printTable } from './report';

const PER_TENANT = 50; // the agency plan's limit per platform
const RUNS = 3;

/** A vault of `count` X accounts in workspaces of 50, each planned a day out (a settled vault). */
async function makeVault(dir: string, key: string, count: number): Promise<void> {
  const vault = await openVault({
    dataDir: dir,
    keyProtector: rawKeyProtector(key),
    planLimit: (platform) => ({ tier: 'agency', limit: accountLimit('agency', platform) }),
  });
  const insertTenant = vault.db.prepare(
    "INSERT INTO tenants (id, name, tier, is_default, created_at) VALUES (?, ?, 'agency', 0, ?)",
  );
  const now = Date.now();
  vault.db.transaction(() => {
    for (let t = 0; t * PER_TENANT < count; t += 1) {
      const tenant = { id: randomUUID(), name: `bench ${t}`, tier: 'agency' as const };
      insertTenant.run(tenant.id, tenant.name, now);
      for (let i = 0; i < Math.min(PER_TENANT, count - t * PER_TENANT); i += 1) {
        const user = `u${t}-${i}`;
        vault.accounts.saveConnection(
          {
            platform: 'x',
            platformUserId: user,
            displayName: user,
            handle: null,
            avatarUrl: null,
            followers: null,
            accountType: null,
            channelId: null,
            pageId: null,
          },
          {
            accessToken: `xat-${randomBytes(24).toString('hex')}`,
            refreshToken: `xrt-${randomBytes(24).toString('hex')}`,
            scopes: ['tweet.read', 'users.read', 'offline.access'],
            issuedAt: now,
            accessExpiresAt: now + 7_200_000,
          },
          tenant,
        );
      }
    }
    vault.db.prepare('UPDATE accounts SET next_refresh_at = ?').run(now + 86_400_000);
  })();
  vault.close();
}

/** Spawns serve mode and waits for its ready line: time from spawn, and its RSS then. */
function startOnce(dir: string, key: string, origins: string, lastName: string) {
  return new Promise<{ ms: number; rssMiB: number; peakMiB: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['dist/serve/cli.mjs', '--data-dir', dir, '--port', '0', '--metrics-port', '0'],
      {
        env: { ...process.env, SWITCHBOARD_VAULT_KEY: key, SWITCHBOARD_PLATFORM_ORIGINS: origins },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let measured = false;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (!out.includes('is ready')) reject(new Error(`serve exited ${code}: ${err.slice(-500)}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (measured || !out.includes('is ready')) return;
      measured = true;
      const ms = performance.now() - started;
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
      const result = { ms, rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
      // Ready with a locked vault would measure nothing: its accounts must be in /metrics.
      const metrics = /Metrics at (\S+)/.exec(out)?.[1];
      void fetch(metrics!)
        .then((response) => response.text())
        .then((text) => {
          child.once('exit', () =>
            text.includes(`"${lastName}"`)
              ? resolve(result)
              : reject(new Error(`the vault did not open (no ${lastName} in /metrics)`)),
          );
          child.kill('SIGTERM');
        }, reject);
    });
  });
}

/** The display name of the last account makeVault stores. */
const lastUser = (count: number) =>
  `u${Math.floor((count - 1) / PER_TENANT)}-${(count - 1) % PER_TENANT}`;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Cold start to "ready" (serve mode's ready line: vault open, core up, HTTP listening) with
 * 10,000 accounts in the vault, beside the same start with 10; median of three starts each
 * (a new process every time; the vault file stays in the page cache, as on a desktop).
 */
export async function benchStartup(): Promise<void> {
  const built = spawnSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building serve mode failed');
  const fakes = await startFakePlatforms();
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-startup-'));
  try {
    const origins = join(root, 'origins.json');
    writeFileSync(origins, JSON.stringify(fakes.origins));
    const results: Record<number, { ms: number; rssMiB: number; peakMiB: number }[]> = {};
    for (const count of [10, 10_000]) {
      const dir = join(root, `v${count}`);
      const key = randomBytes(32).toString('hex');
      await makeVault(dir, key, count);
      results[count] = [];
      for (let run = 0; run < RUNS; run += 1)
        results[count].push(await startOnce(dir, key, origins, lastUser(count)));
    }
    const pick = (count: number, field: 'ms' | 'rssMiB' | 'peakMiB') =>
      median(results[count]!.map((result) => result[field]));
    printTable('Cold start to "ready" (serve mode, a new process, median of 3)', [
      {
        name: 'time to ready, 10,000 accounts (ms)',
        value: fmt(pick(10_000, 'ms')),
        baseline: `${fmt(pick(10, 'ms'))} with 10`,
        ratio: `${fmt(pick(10_000, 'ms') / pick(10, 'ms'), 2)}×`,
        target: '≤ 1,500 ms',
        met: pick(10_000, 'ms') <= 1500,
      },
      {
        name: 'RSS at ready, 10,000 accounts (MiB)',
        value: fmt(pick(10_000, 'rssMiB')),
        baseline: `${fmt(pick(10, 'rssMiB'))} with 10`,
        target: '≤ 200 MiB',
        met: pick(10_000, 'rssMiB') <= 200,
      },
      {
        name: 'peak RSS by ready, 10,000 accounts (MiB)',
        value: fmt(pick(10_000, 'peakMiB')),
        baseline: `${fmt(pick(10, 'peakMiB'))} with 10`,
      },
    ]);
  } finally {
    await fakes.close();
    rmSync(root, { recursive: true, force: true });
  }
}
