import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueTestLicence, testLicenceKeys } from '../../../test/support/test-licences';
import { tempDir } from '../../../test/support/test-host';
import { fileLicenceStore } from './licence-store';
import { createPlanService } from './plan-service';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('the plan service alone', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) dir.remove();
  });
  const service = (now = () => NOW) => {
    const dir = tempDir();
    dirs.push(dir);
    return createPlanService({
      store: fileLicenceStore(dir.path),
      keys: testLicenceKeys,
      now,
      accounts: () => null,
      storeUrl: null,
    });
  };

  it('verifies and applies a key with no network at all: no socket, no DNS, no fetch', () => {
    const attempts: string[] = [];
    const refuse = (what: string) => () => {
      attempts.push(what);
      throw new Error(`the network was used: ${what}`);
    };
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('socket'));
    vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns'));
    vi.spyOn(dns.promises, 'lookup').mockImplementation(refuse('dns.promises'));
    vi.spyOn(http, 'request').mockImplementation(refuse('http'));
    vi.spyOn(https, 'request').mockImplementation(refuse('https'));
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch'));

    const plans = service();
    const status = plans.enter(issueTestLicence({ plan: 'agency', now: NOW }));
    expect(status.plan).toBe('agency');
    expect(plans.tier()).toBe('agency');
    expect(plans.limit('x')).toEqual({ tier: 'agency', limit: 50 });
    expect(plans.status().licence?.state).toBe('active');
    expect(attempts).toEqual([]);
  });

  it('re-verifies on every read: the same stored key stops counting once it expires', () => {
    let clock = NOW;
    const plans = service(() => clock);
    plans.enter(issueTestLicence({ plan: 'pro', now: NOW, days: 30 }));
    expect(plans.tier()).toBe('pro');
    clock = NOW + 30 * 86_400_000;
    expect(plans.tier()).toBe('free');
    expect(plans.limit('youtube')).toEqual({ tier: 'free', limit: 1 });
    expect(plans.status().licence).toMatchObject({ state: 'expired', plan: 'pro' });
  });

  it('at the limit without a vault open, leaves the refusal to the connect itself', () => {
    expect(() => service().assertRoom('youtube')).not.toThrow();
  });
});
