import { describe, expect, it } from 'vitest';
import type { Ipc } from '../../ipc';
import { createAvatarLoader } from './avatar-loader';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function fakeInvoke(answers: (string | null | Error)[]) {
  const calls: unknown[] = [];
  const invoke = (async (channel: string, input: unknown) => {
    calls.push([channel, input]);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return { dataUrl: answer ?? null };
  }) as unknown as Ipc['invoke'];
  return { invoke, calls };
}

describe('createAvatarLoader', () => {
  it('asks main once per account and picture, and again when the picture changes', async () => {
    const { invoke, calls } = fakeInvoke([PNG, PNG]);
    const load = createAvatarLoader(invoke);
    expect(await Promise.all([load('a1', 'k1'), load('a1', 'k1')])).toEqual([PNG, PNG]);
    expect(await load('a1', 'k1')).toBe(PNG);
    expect(calls).toEqual([['accounts.avatar', { accountId: 'a1' }]]);
    await load('a1', 'k2');
    expect(calls).toHaveLength(2);
  });

  it('never hands an <img> anything but a data: image, and asks again after nothing came', async () => {
    const { invoke, calls } = fakeInvoke([
      'https://pbs.twimg.com/a.png',
      new Error('offline'),
      PNG,
    ]);
    const load = createAvatarLoader(invoke);
    expect(await load('a1', 'k1')).toBeNull();
    expect(await load('a1', 'k1')).toBeNull();
    expect(await load('a1', 'k1')).toBe(PNG);
    expect(calls).toHaveLength(3);
  });
});
