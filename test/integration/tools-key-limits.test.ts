import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIVE_TOOL_KEYS } from '../../src-main/core/tools/tool-keys-repo';
import type { CreatedTool, CreateToolInput } from '../../src-shared/tools';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

// Two bounds on tools.create: live keys at most MAX_LIVE_TOOL_KEYS, and one live key per name
// (the name labels the key's /metrics series and audit entries).
describe('tool key limits', () => {
  let t: ToolsHarness;
  beforeAll(async () => {
    t = await startToolsHarness(['x']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const create = (name: string) =>
    t.core.dispatch('tools.create', {
      name,
      accounts: 'all',
      rights: ['token'],
    } satisfies CreateToolInput);
  const revoke = (toolId: string) => t.core.dispatch('tools.revoke', { toolId });

  it('refuses a second live key of the same name; a revoked key frees its name', async () => {
    const first = await create('nightly');
    if (!first.ok) throw new Error(first.error.message);
    expect(await create('nightly')).toMatchObject({
      ok: false,
      error: { code: 'tool_name_taken' },
    });
    // The schema trims names, so a padded copy is the same name.
    expect(await create('  nightly ')).toMatchObject({ error: { code: 'tool_name_taken' } });
    expect(await create('Nightly')).toMatchObject({ ok: true });
    await revoke((first.value as CreatedTool).tool.id);
    expect(await create('nightly')).toMatchObject({ ok: true });
  });

  it(`allows ${MAX_LIVE_TOOL_KEYS} live keys, refuses one more with a stable code, and counts only live ones`, async () => {
    expect(MAX_LIVE_TOOL_KEYS).toBe(50);
    const live = () =>
      t.core.vault
        .require()
        .db.prepare('SELECT COUNT(*) AS n FROM tool_keys WHERE revoked_at IS NULL')
        .get() as { n: number };
    const made: string[] = [];
    for (let i = live().n; i < MAX_LIVE_TOOL_KEYS; i++) {
      const created = await create(`batch ${i}`);
      if (!created.ok) throw new Error(`key ${i}: ${created.error.code}`);
      made.push((created.value as CreatedTool).tool.id);
    }
    expect(live().n).toBe(MAX_LIVE_TOOL_KEYS);
    const refused = await create('one too many');
    expect(refused).toMatchObject({ ok: false, error: { code: 'tool_key_limit_reached' } });
    expect((await t.call_()).some((tool) => tool.name === 'one too many')).toBe(false);
    await revoke(made[0]!);
    expect(await create('one too many')).toMatchObject({ ok: true });
  });
});
