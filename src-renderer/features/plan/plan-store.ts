import { create } from 'zustand';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/ipc-contract';
import type { EventName, EventPayload } from '../../../src-shared/ipc-contract';
import type { PlanStatus } from '../../../src-shared/plans';
import type { PlatformId } from '../../../src-shared/platforms';
import { defaultMessage, type ErrorCode } from '../../../src-shared/errors';

/** A refusal as the screen shows it: main's code and sentence (ipc.ts's IpcError has both). */
export interface PlanRefusal {
  code: ErrorCode;
  message: string;
}

function refusalOf(error: unknown): PlanRefusal {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    return { code: error.code as ErrorCode, message: error.message };
  return { code: 'connection_lost', message: defaultMessage('connection_lost') };
}

/** The calls this store makes, injected so tests can answer them. */
export interface PlanTransport {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface PlanState {
  status: PlanStatus | null;
  error: PlanRefusal | null;
  busy: boolean;
  /** The platform whose Connect button was pressed at the limit: its explanation shows. */
  explained: PlatformId | null;
  load(): Promise<void>;
  /** Resolves with main's refusal, or null once the key is in force. */
  enterLicence(key: string): Promise<PlanRefusal | null>;
  removeLicence(): Promise<PlanRefusal | null>;
  explain(platform: PlatformId | null): void;
  /** Follows licence changes and account changes (usage); returns the unsubscribe. */
  follow(): () => void;
}

export function createPlanStore(transport: PlanTransport) {
  return create<PlanState>((set, get) => {
    const call = async (run: () => Promise<PlanStatus>): Promise<PlanRefusal | null> => {
      set({ busy: true });
      try {
        set({ status: await run(), error: null, explained: null });
        return null;
      } catch (error) {
        return refusalOf(error);
      } finally {
        set({ busy: false });
      }
    };
    return {
      status: null,
      error: null,
      busy: false,
      explained: null,
      load: async () => {
        try {
          set({ status: await transport.invoke('plan.get', {}), error: null });
        } catch (error) {
          set({ error: refusalOf(error) });
        }
      },
      enterLicence: (key) => call(() => transport.invoke('plan.enterLicence', { key })),
      removeLicence: () => call(() => transport.invoke('plan.removeLicence', {})),
      explain: (platform) => set({ explained: platform }),
      follow: () => {
        const stops = [
          transport.on('plan.changed', (status) => set({ status })),
          // Usage follows connects and disconnects; the plan itself comes from main each time.
          transport.on('accounts.changed', () => void get().load()),
        ];
        return () => stops.forEach((stop) => stop());
      },
    };
  });
}
