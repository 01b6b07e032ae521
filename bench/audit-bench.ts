import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformId } from '../src-shared/platforms';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import { openVault, VAULT_FILE } from '../src-main/core/vault/vault';
import { fmt, printTable } from './report';
import { accountLimit } from '../src-shared/tiers';

const DAYS = 365;
/** 20 accounts: routine renewals per day (Google's 1-hour tokens, X's 2-hour, TikTok's day, Instagram's 60 days). */
const MIX: [PlatformId, number, number][] = [
  ['youtube', 4, 24],
  ['x', 4, 12],
  ['tiktok', 4, 1],
  ['instagram', 8, 1 / 50],
];

const RENEWAL = 'rt 0a1b2c3d4e → 5f6a7b8c9d';
const secret = () => randomBytes(120).toString('base64url');
const tokens = (now: number, rotate: boolean) => ({
  accessToken: secret(),
  refreshToken: rotate ? secret() : null,
  scopes: ['a'],
  issuedAt: now,
  accessExpiresAt: now + 3_600_000,
});

/** A year of one laptop's audit writes for 20 accounts; the vault's size and rows at the end. */
async function year(retentionDays: number | null) {
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(root, 'switchboard-bench-'));
  let clock = Date.UTC(2026, 0, 1);
  const vault = await openVault({
    dataDir: dir,
    keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
    now: () => clock,
    auditRetentionDays: () => retentionDays,
    // The agency plan's room, as a licence would give it (the bench connects many accounts).
    planLimit: (platform) => ({ tier: 'agency', limit: accountLimit('agency', platform) }),
  });
  const countRows = () =>
    (vault.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  let rowsPerRenewal: number | undefined;
  try {
    const accounts = MIX.flatMap(([platform, count, perDay]) =>
      Array.from({ length: count }, (_, i) => {
        const profile = { platform, platformUserId: `${platform}-${i}`, displayName: 'a' };
        const blank = { handle: null, avatarUrl: null, followers: null, accountType: null };
        const ids = { channelId: null, pageId: null };
        const rotate = platform === 'x' || platform === 'tiktok';
        const id = vault.accounts.saveConnection(
          { ...profile, ...blank, ...ids },
          tokens(clock, true),
        ).id;
        return { id, platform, perDay, rotate, owed: 0 };
      }),
    );
    for (let day = 0; day < DAYS; day++) {
      for (const account of accounts) {
        account.owed += account.perDay;
        for (; account.owed >= 1; account.owed -= 1) {
          clock += 60_000;
          // As refresh-repo's storeRefreshed writes it: the one renewal row with its fingerprints.
          const before = rowsPerRenewal === undefined ? countRows() : 0;
          vault.tokens.storeRotation(account.id, tokens(clock, account.rotate), undefined, RENEWAL);
          rowsPerRenewal ??= countRows() - before;
        }
        vault.audit.record({
          accountId: account.id,
          platform: account.platform,
          action: 'tool_token',
          outcome: 'ok',
          detail: 'tool "scheduler" took an access token',
        });
      }
      clock = Date.UTC(2026, 0, 2 + day);
    }
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = statSync(join(dir, VAULT_FILE)).size;
    return { rows: countRows(), bytes, rowsPerRenewal: rowsPerRenewal ?? 0 };
  } finally {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The audit log after a simulated year of 20 accounts, with retention and without. */
export async function benchAudit(): Promise<void> {
  const kept = await year(null);
  const bounded = await year(365);
  const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;
  printTable(
    'Audit log after a simulated year of 20 accounts (renewals as the refresh service writes them)',
    [
      {
        name: 'audit rows',
        value: fmt(bounded.rows),
        baseline: `${fmt(kept.rows)} without retention`,
        ratio: `${fmt(bounded.rows / kept.rows, 2)}×`,
        target: 'bounded (retention on)',
        met: bounded.rows < kept.rows,
      },
      {
        name: 'audit rows per routine renewal, when written',
        value: fmt(bounded.rowsPerRenewal),
        baseline: '3 before issue 21 (two status rows and the renewal)',
        target: 'bounded (summarised per account and day)',
        met: bounded.rowsPerRenewal <= 1,
      },
      {
        name: 'vault file',
        value: mib(bounded.bytes),
        baseline: `${mib(kept.bytes)} without retention`,
        ratio: `${fmt(bounded.bytes / kept.bytes, 2)}×`,
      },
    ],
  );
}
