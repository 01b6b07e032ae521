import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../../src-shared/plans';
import { createPlanStore, type PlanTransport } from './plan-store';

const FREE: PlanStatus = {
  plan: 'free',
  planName: 'Free',
  usage: [{ platform: 'youtube', used: 1, limit: 1, over: [] }],
  licence: null,
  storeUrl: null,
};
const PRO: PlanStatus = { ...FREE, plan: 'pro', planName: 'Pro' };

function transport(answers: Record<string, () => unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const calls: string[] = [];
  const fake = {
    invoke: async (channel: string) => {
      calls.push(channel);
      return answers[channel]!();
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  } as unknown as PlanTransport;
  return {
    fake,
    calls,
    emit: (event: string, payload: unknown) => listeners.get(event)?.(payload),
  };
}

describe('the plan store', () => {
  it('loads, enters a key, and clears a shown explanation once the plan changes', async () => {
    const t = transport({ 'plan.get': () => FREE, 'plan.enterLicence': () => PRO });
    const store = createPlanStore(t.fake);
    await store.getState().load();
    store.getState().explain('youtube');
    expect(store.getState().explained).toBe('youtube');
    expect(await store.getState().enterLicence('SBL1.x.y')).toBeNull();
    expect(store.getState()).toMatchObject({ status: PRO, explained: null, busy: false });
  });

  it('keeps the plan as it was when a key is refused, and hands back the refusal', async () => {
    const t = transport({
      'plan.get': () => FREE,
      'plan.enterLicence': () => {
        throw Object.assign(new Error('This Pro licence expired on 2026-10-21.'), {
          code: 'licence_expired',
        });
      },
    });
    const store = createPlanStore(t.fake);
    await store.getState().load();
    const refused = await store.getState().enterLicence('SBL1.x.y');
    expect(refused).toMatchObject({ code: 'licence_expired' });
    expect(store.getState().status).toBe(FREE);
  });

  it('follows plan.changed, and reloads usage when accounts change', async () => {
    const t = transport({ 'plan.get': () => FREE });
    const store = createPlanStore(t.fake);
    const stop = store.getState().follow();
    t.emit('plan.changed', PRO);
    expect(store.getState().status).toBe(PRO);
    t.emit('accounts.changed', []);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.calls).toEqual(['plan.get']);
    expect(store.getState().status).toBe(FREE);
    stop();
  });
});
