import {
  events,
  type EventMessage,
  type EventName,
  type EventPayload,
} from '../../src-shared/ipc-contract';

export type EventListener = (message: EventMessage) => void;

/** Main→renderer events; payloads are checked against the contract before anyone hears them. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const checked = events[event].parse(payload) as EventPayload<typeof event>;
      for (const listener of listeners) listener({ event, payload: checked });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
