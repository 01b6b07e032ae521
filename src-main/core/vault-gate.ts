import { AppError, isAppError } from '../../src-shared/errors';
import type { ErrorBody, VaultStatus } from '../../src-shared/ipc-contract';
import type { KeyProtector } from './host';
import type { Logger } from './logger';
import { passphraseKeyProtector } from './vault/key-protectors';
import { openVault, type Vault } from './vault/vault';

/** Failures the creator can fix from the UI (by typing a passphrase), so the app still starts. */
const UNLOCKABLE = new Set(['vault_wrong_key', 'vault_insecure_keystore', 'vault_key_unavailable']);

/**
 * Holds the vault once it is open. A vault that cannot be unlocked with the host's key
 * protector leaves the app running and locked, with the reason, until the creator unlocks it.
 */
export function createVaultGate(options: {
  dataDir: string;
  keyProtector: KeyProtector;
  log: Logger;
  now?: () => number;
}) {
  let vault: Vault | null = null;
  let protector = options.keyProtector;
  let error: ErrorBody | null = null;

  const tryOpen = async (candidate: KeyProtector): Promise<void> => {
    vault = await openVault({
      dataDir: options.dataDir,
      keyProtector: candidate,
      ...(options.now ? { now: options.now } : {}),
    });
    protector = candidate;
    error = null;
  };

  return {
    /** Opens with the host's protector; an unlockable failure leaves the gate locked, others throw. */
    async open(): Promise<void> {
      try {
        await tryOpen(options.keyProtector);
      } catch (failure) {
        if (!isAppError(failure) || !UNLOCKABLE.has(failure.code)) throw failure;
        error = { code: failure.code, message: failure.message };
        options.log.warn(`vault stays locked: ${failure.code}`);
      }
    },
    /** Unlocks (or, in a new data folder, creates) the vault with a passphrase. */
    async unlockWithPassphrase(passphrase: string): Promise<void> {
      if (vault) return;
      await tryOpen(passphraseKeyProtector(passphrase));
    },
    status(): VaultStatus {
      return {
        state: vault ? 'open' : 'locked',
        keyProtector: protector.kind,
        error: vault ? null : error,
      };
    },
    /** The open vault, or AppError `vault_locked`. */
    require(): Vault {
      if (!vault) throw new AppError('vault_locked');
      return vault;
    },
    current(): Vault | null {
      return vault;
    },
    close(): void {
      vault?.close();
      vault = null;
    },
  };
}

export type VaultGate = ReturnType<typeof createVaultGate>;
