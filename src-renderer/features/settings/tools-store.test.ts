import { describe, expect, it } from 'vitest';
import { TOOL_KEY_PREFIX, type ToolSummary } from '../../../src-shared/tools';
import { fakeIpc } from '../../../test/support/fake-ipc';
import { IpcError } from '../../ipc-error';
import { createToolsStore } from './tools-store';

const tool = (id: string, name: string): ToolSummary => ({
  id,
  name,
  hint: `${TOOL_KEY_PREFIX}abcd`,
  accounts: 'all',
  rights: ['token'],
  createdAt: '2026-11-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
});

describe('the tool keys store, on a fake transport', () => {
  it('puts a new key first and holds the key itself only until dismissed', async () => {
    const ipc = fakeIpc({
      'tools.create': ({ name }) => ({ key: `${TOOL_KEY_PREFIX}secret`, tool: tool('t2', name) }),
    });
    const store = createToolsStore(ipc);
    store.setState({ tools: [tool('t1', 'Old script')] });
    const input = { name: 'Uploader', accounts: 'all' as const, rights: ['token' as const] };
    expect(await store.getState().create(input)).toEqual({ ok: true });
    expect(store.getState().tools?.map((item) => item.id)).toEqual(['t2', 't1']);
    expect(store.getState().shownKey).toEqual({
      key: `${TOOL_KEY_PREFIX}secret`,
      name: 'Uploader',
    });
    store.getState().dismissKey();
    expect(store.getState().shownKey).toBeNull();
  });

  it("hands a refusal back by field, the way main's validator words it", async () => {
    const ipc = fakeIpc({
      'tools.create': () => {
        throw new IpcError(
          'invalid_input',
          'The request was not in the expected shape: name: Use at most 64 characters.',
        );
      },
    });
    const store = createToolsStore(ipc);
    const outcome = await store
      .getState()
      .create({ name: 'x', accounts: 'all', rights: ['token'] });
    expect(outcome).toMatchObject({ ok: false, fields: { name: 'Use at most 64 characters.' } });
    expect(store.getState().tools).toBeNull();
  });
});
