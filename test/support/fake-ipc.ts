// A stand-in for the renderer's transport (src-renderer/ipc.ts) so store logic runs in unit tests
// without a page: each call answers from a handler and is checked against the contract's output
// schema, as the real `invoke` checks it; a handler that throws an IpcError is main refusing.
import {
  channels,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '../../src-shared/ipc-contract';
import { IpcError } from '../../src-renderer/ipc-error';
import type { Ipc } from '../../src-renderer/ipc';

type Handlers = {
  [C in ChannelName]?: (input: ChannelInput<C>) => unknown;
};

export interface FakeIpc extends Ipc {
  /** Every call in order, with its input. */
  calls: { channel: ChannelName; input: unknown }[];
  /** Delivers an event to the listeners `on` registered, as main pushes one. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listeners(event: EventName): number;
}

export function fakeIpc(handlers: Handlers): FakeIpc {
  const calls: FakeIpc['calls'] = [];
  const listening = new Map<EventName, Set<(payload: unknown) => void>>();
  async function invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<ChannelOutput<C>> {
    calls.push({ channel, input });
    const handler = handlers[channel] as ((input: ChannelInput<C>) => unknown) | undefined;
    if (!handler) throw new IpcError('internal', `fake ipc: no answer for ${channel}`);
    return channels[channel].output.parse(await handler(input)) as ChannelOutput<C>;
  }
  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
    const set = listening.get(event) ?? new Set();
    listening.set(event, set);
    const wrapped = (payload: unknown) => listener(payload as EventPayload<E>);
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }
  return {
    invoke,
    on,
    calls,
    emit: (event, payload) => {
      for (const listener of listening.get(event) ?? []) listener(payload);
    },
    listeners: (event) => listening.get(event)?.size ?? 0,
  };
}
