import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS, type ProviderId } from '../../../src-shared/platforms';
import { createAdapterRegistry } from './adapter-registry';
import { scripted } from '../../../test/support/scripted-http';

describe('createAdapterRegistry', () => {
  it('serves every provider with its own callback path', () => {
    const registry = createAdapterRegistry(scripted().context);
    expect(Object.keys(registry).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) expect(registry[id].provider.id).toBe(id);
    expect(Object.fromEntries(PROVIDER_IDS.map((id) => [id, registry[id].callbackPath]))).toEqual({
      youtube: '/callback',
      instagram: '/callback',
      facebook: '/callback',
      tiktok: '/callback/',
      x: '/callback',
    });
    expect(registry.facebook.pageProfile).toBeTypeOf('function');
  });

  it('gives each provider the context made for it', async () => {
    const asked: ProviderId[] = [];
    const contexts = new Map(PROVIDER_IDS.map((id) => [id, scripted()]));
    const registry = createAdapterRegistry((id) => {
      asked.push(id);
      return contexts.get(id)!.context;
    });
    expect(asked.sort()).toEqual([...PROVIDER_IDS].sort());
    contexts.get('x')!.answer({ body: { data: { id: '1' } } });
    await registry.x.probe('t', { clientId: 'c', clientSecret: null });
    expect(contexts.get('x')!.requests).toHaveLength(1);
    expect(contexts.get('youtube')!.requests).toHaveLength(0);
  });
});
