import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { createRefreshService } from '../../src-main/core/refresh/refresh-service';
import { ROTATION_LOST_REASON } from '../../src-main/core/refresh/refresh-failure';
import { credentials } from '../support/platform-harness';
import { startRefreshHarness, TOKEN_PATHS, type RefreshHarness } from '../support/refresh-harness';

const HOUR = 3_600_000;
let h: RefreshHarness;

beforeEach(async () => {
  h = await startRefreshHarness();
});
afterEach(async () => {
  await h.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error as AppError).code,
  );

describe('TokenKeeper single-flight', () => {
  it('answers many concurrent callers with ONE platform call (counted at the fake)', async () => {
    const id = await h.addAccount('x');
    const before = h.tokenCalls('x', TOKEN_PATHS.x);
    const callers = Array.from({ length: 25 }, (_, i) =>
      i % 2 === 0
        ? h.service.ensureFresh(id, 3 * 3600, 'test')
        : h.service.refreshDue(id).then(() => h.vault.tokens.readSecrets(id)),
    );
    const results = await Promise.all(callers);
    expect(h.tokenCalls('x', TOKEN_PATHS.x) - before).toBe(1);
    const stored = h.vault.tokens.readSecrets(id);
    for (const result of results) expect(result.accessToken).toBe(stored.accessToken);
    expect(h.fakes.x.isAccessTokenValid(stored.accessToken)).toBe(true);
    expect(h.refreshes).toEqual([{ platform: 'x', outcome: 'success' }]);
  });

  it('re-reads after taking the turn and skips a fresh token', async () => {
    const id = await h.addAccount('tiktok');
    const before = h.tokenCalls('tiktok', TOKEN_PATHS.tiktok);
    await h.service.ensureFresh(id, 60, 'fresh enough');
    // A rejection of a token that was already replaced does not refresh again.
    const first = await h.service.ensureFresh(id, 3 * 3600, 'force one');
    await h.service.afterRejection(id, 'an-old-access-token', 'stale 401');
    expect(h.tokenCalls('tiktok', TOKEN_PATHS.tiktok) - before).toBe(1);
    await h.service.afterRejection(id, first.accessToken, 'real 401');
    expect(h.tokenCalls('tiktok', TOKEN_PATHS.tiktok) - before).toBe(2);
  });

  it('records a routine renewal as ONE audit row with fingerprints, never tokens; every transition on the bus', async () => {
    const id = await h.addAccount('x');
    const old = h.vault.tokens.readSecrets(id);
    const before = h.vault.audit.forAccount(id).length;
    await h.service.ensureFresh(id, 3 * 3600, 'test');
    const now = h.vault.tokens.readSecrets(id);
    const entries = h.vault.audit.forAccount(id);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: 'rotate', outcome: 'ok' });
    expect(entries[0]!.detail).toMatch(/^rt [0-9a-f]{10} → [0-9a-f]{10}$/);
    const text = JSON.stringify(h.vault.audit.forAccount(id));
    for (const secret of [old.accessToken, old.refreshToken!, now.accessToken, now.refreshToken!])
      expect(text).not.toContain(secret);
    expect(text).toMatch(/rt [0-9a-f]{10} → [0-9a-f]{10}/);
    expect(h.transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'healthy>refreshing',
      'refreshing>healthy',
    ]);
    expect(h.vault.accounts.get(id)).toMatchObject({ status: 'healthy', lastError: null });
    expect(h.vault.accounts.get(id)!.nextRefreshAt).not.toBeNull();
  });
});

describe('classification before any state change', () => {
  it('invalid_grant then adopt: another keeper rotated first, so the account stays healthy', async () => {
    const id = await h.addAccount('tiktok');
    const other = createRefreshService({
      vault: { require: () => h.vault },
      adapters: h.registry,
      credentials: { resolve: credentials },
      metrics: { recordRefresh: () => {} },
      status: h.status,
      log: { info: () => {}, warn: () => {}, error: () => {} } as never,
      now: h.clock.now,
      marginMs: () => 300_000,
    });
    // Ours is sent first but lands after the other keeper's refresh spent the same token.
    h.fakes.tiktok.faults.add({ path: TOKEN_PATHS.tiktok, kind: 'latency', ms: 300 });
    const ours = h.service.ensureFresh(id, 3 * 3600, 'ours');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const theirs = await other.ensureFresh(id, 3 * 3600, 'theirs');
    const adopted = await ours;
    expect(adopted.accessToken).toBe(theirs.accessToken);
    expect(h.refreshes.map((r) => r.outcome)).toEqual(['invalid_grant']);
    expect(h.vault.accounts.get(id)!.status).toBe('healthy');
  });

  it('a refresh that lands after a reconnect stored newer tokens never overwrites them', async () => {
    const id = await h.addAccount('tiktok');
    h.fakes.tiktok.faults.add({ path: TOKEN_PATHS.tiktok, kind: 'latency', ms: 300 });
    const ours = h.service.ensureFresh(id, 3 * 3600, 'ours');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The creator reconnects meanwhile: a new grant's pair lands in the vault first.
    const { tokens } = await h.connect('tiktok');
    h.vault.tokens.write(id, tokens);
    const adopted = await ours;
    expect(adopted.accessToken).toBe(tokens.accessToken);
    expect(h.vault.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
  });

  it('needs_reauth only when the platform rejects the stored refresh token', async () => {
    const id = await h.addAccount('youtube');
    h.fakes.youtube.faults.add({ path: TOKEN_PATHS.youtube, kind: 'invalid_grant' });
    expect(await codeOf(h.service.ensureFresh(id, 2 * 3600, 'test'))).toBe('account_needs_reauth');
    expect(h.vault.accounts.get(id)).toMatchObject({
      status: 'needs_reauth',
      lastError: 'account_needs_reauth',
      nextRefreshAt: null,
    });
    expect(h.refreshes.map((r) => r.outcome)).toEqual(['invalid_grant']);
  });

  it('backs off on 5xx and network errors while the valid access token stays in use', async () => {
    const id = await h.addAccount('x');
    const stored = h.vault.tokens.readSecrets(id);
    h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: '503' });
    const kept = await h.service.ensureFresh(id, 3 * 3600, 'test');
    expect(kept.accessToken).toBe(stored.accessToken);
    const first = h.vault.accounts.get(id)!;
    expect(first.status).toBe('expiring');
    expect(Date.parse(first.nextRefreshAt!) - h.clock.now()).toBe(22_500);
    h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: 'reset' });
    await h.service.ensureFresh(id, 3 * 3600, 'again');
    expect(Date.parse(h.vault.accounts.get(id)!.nextRefreshAt!) - h.clock.now()).toBe(45_000);
    expect(h.refreshes.map((r) => r.outcome)).toEqual(['server_error', 'network_error']);
    // Neither answer spent the token: the labelled attempt succeeds and all is well again.
    await h.service.ensureFresh(id, 3 * 3600, 'third');
    expect(h.vault.accounts.get(id)).toMatchObject({ status: 'healthy', lastError: null });
  });

  it('waits until the platform’s reset after a 429', async () => {
    const id = await h.addAccount('x');
    h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: '429', resetAfterSeconds: 900 });
    await h.service.ensureFresh(id, 3 * 3600, 'test');
    const account = h.vault.accounts.get(id)!;
    expect(account.status).toBe('rate_limited');
    const wait = Date.parse(account.nextRefreshAt!) - h.clock.now();
    expect(wait).toBeGreaterThanOrEqual(899_000);
    expect(wait).toBeLessThanOrEqual(901_000);
    expect(h.vault.refresh.marker(id)).toBeNull();
  });
});

describe('persist first, crash-safe rotation', () => {
  it('marks the flight before the call and keeps it after an unknown outcome', async () => {
    const id = await h.addAccount('x');
    const print = h.vault.refresh.marker(id);
    expect(print).toBeNull();
    h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: '500', afterEffect: true });
    await h.service.ensureFresh(id, 3 * 3600, 'test');
    expect(h.vault.refresh.marker(id)).not.toBeNull();
    // The one labelled attempt replays the spent token: X kills the family; rotation lost.
    h.clock.advance(HOUR);
    expect(await codeOf(h.service.ensureFresh(id, 3 * 3600, 'labelled'))).toBe('rotation_lost');
    expect(h.vault.accounts.get(id)).toMatchObject({
      status: 'needs_reauth',
      statusReason: ROTATION_LOST_REASON,
      lastError: 'rotation_lost',
    });
    // Never again: a needs_reauth account makes no more platform calls.
    const calls = h.tokenCalls('x', TOKEN_PATHS.x);
    await h.service.refreshDue(id);
    expect(h.tokenCalls('x', TOKEN_PATHS.x)).toBe(calls);
  });

  it('stores the marker before a rotating platform hears the request, and the pair before it is handed out or announced (group commit)', async () => {
    const ids = [await h.addAccount('x'), await h.addAccount('tiktok')];
    const old = new Map(ids.map((id) => [id, h.vault.tokens.readSecrets(id).accessToken]));
    // Committed, not merely written: the vault has no transaction open when the check runs.
    const stored = (id: string) => !h.vault.db.inTransaction && h.vault.tokens.readSecrets(id);
    const atRequest: boolean[] = [];
    for (const provider of ['x', 'tiktok'] as const) {
      const real = h.registry[provider].refresh;
      h.registry[provider].refresh = (secrets, client) => {
        const marked = h.vault.refresh.marker(secrets.accountId) !== null;
        atRequest.push(!h.vault.db.inTransaction && marked);
        return real(secrets, client);
      };
    }
    const atAnnounce: boolean[] = [];
    h.bus.subscribe((t) => {
      if (t.to !== 'healthy') return;
      const now = stored(t.accountId);
      atAnnounce.push(!!now && now.accessToken !== old.get(t.accountId));
    });
    // Two refreshes at once share their commits; each caller still sees only stored tokens.
    const handed = await Promise.all(
      ids.map((id) =>
        h.service.ensureFresh(id, 48 * 3600, 'test').then((secrets) => {
          const now = stored(id);
          return (
            !!now && now.accessToken === secrets.accessToken && secrets.accessToken !== old.get(id)
          );
        }),
      ),
    );
    expect(atRequest).toEqual([true, true]);
    expect(atAnnounce).toEqual([true, true]);
    expect(handed).toEqual([true, true]);
  });

  it('keeps a rotated pair in memory when the vault cannot store it, and stores it later', async () => {
    const id = await h.addAccount('tiktok');
    const real = h.vault.refresh.storeRefreshed;
    let failing = true;
    h.vault.refresh.storeRefreshed = (...args) => {
      if (failing) throw new AppError('vault_disk_full');
      return real(...args);
    };
    const kept = await h.service.ensureFresh(id, 3 * 3600, 'test');
    expect(h.fakes.tiktok.isAccessTokenValid(kept.accessToken)).toBe(true);
    expect(h.service.unsavedIds()).toEqual([id]);
    expect(h.transitions.at(-1)).toMatchObject({ to: 'vault_error' });
    const calls = h.tokenCalls('tiktok', TOKEN_PATHS.tiktok);
    // Asked again: hands out the pair in memory, never spends the stored (spent) token.
    const again = await h.service.ensureFresh(id, 3 * 3600, 'again');
    expect(again.accessToken).toBe(kept.accessToken);
    expect(h.tokenCalls('tiktok', TOKEN_PATHS.tiktok)).toBe(calls);
    failing = false;
    await h.service.ensureFresh(id, 3 * 3600, 'disk has room');
    expect(h.vault.tokens.readSecrets(id).accessToken).toBe(kept.accessToken);
    expect(h.service.unsavedIds()).toEqual([]);
    expect(h.refreshes.map((r) => r.outcome)).toEqual(['vault_error']);
  });
});
