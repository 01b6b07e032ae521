import { create } from 'zustand';
import {
  connectionState,
  onConnectionChange,
  retryConnection,
  type ConnectionState,
} from '../../ipc';

interface ConnectionStore {
  state: ConnectionState;
  /** Changes each time the connection comes back, so screens load afresh what they missed. */
  epoch: number;
  /** When the connection was lost (epoch ms), or null while online. */
  lostAt: number | null;
  retry(): void;
  /** Follows the transport; returns the unsubscribe. */
  follow(): () => void;
}

export const useConnection = create<ConnectionStore>((set, get) => ({
  state: connectionState(),
  epoch: 0,
  lostAt: null,
  retry: () => retryConnection(),
  follow: () =>
    onConnectionChange((state) => {
      const { state: before, epoch, lostAt } = get();
      if (state === 'online')
        set({ state, lostAt: null, epoch: before === 'online' ? epoch : epoch + 1 });
      else set({ state, lostAt: lostAt ?? Date.now() });
    }),
}));
