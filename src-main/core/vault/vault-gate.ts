import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isAppError } from '../../../src-shared/errors';
import type { ErrorBody, VaultStatus } from '../../../src-shared/ipc-contract';
import type { KeyProtector } from '../host';
import type { Logger } from '../logger';
import { passphraseKeyProtector } from './key-protectors';
import { passphraseOpensVault } from './passphrase-check';
import type { ScryptCost } from './scrypt-kdf';
import { createSerialQueue } from './serial-queue';
import type { SummaryPolicy } from './account-extras';
import type { PlanLimit } from './accounts-repo';
import { openVault, VAULT_FILE, type Vault } from './vault';

/** Whether the data folder holds a vault with a key (a failed first open may leave an empty file). */
function hasVaultKey(dataDir: string): boolean {
  const file = join(dataDir, VAULT_FILE);
  if (!existsSync(file)) return false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM vault_keys').get() as { n: number }).n > 0;
    } finally {
      db.close();
    }
  } catch {
    // Unreadable or locked by another process: it exists, whatever state it is in.
    return true;
  }
}

/** Failures the creator can fix from the UI (by typing a passphrase), so the app still starts. */
const UNLOCKABLE = new Set(['vault_wrong_key', 'vault_insecure_keystore', 'vault_key_unavailable']);

/**
 * The wait before an unlock attempt after `failures` wrong passphrases in a row: none at first,
 * then 0.5 s doubling up to 30 s. Together with scrypt's own cost it makes guessing through the
 * unlock call slow, while a creator who mistypes once barely notices.
 */
export function unlockDelayMs(failures: number): number {
  return failures === 0 ? 0 : Math.min(500 * 2 ** (failures - 1), 30_000);
}

/** The vault behind its lock: what the core, the shells and the tests hold instead of a Vault. */
export interface VaultGate {
  /** Opens with the host's protector; an unlockable failure leaves the gate locked, others throw. */
  open(): Promise<void>;
  /** Unlocks (or creates) the vault with a passphrase; wrong ones wait longer each time. */
  unlockWithPassphrase(passphrase: string): Promise<void>;
  /** Protects the open vault with a new passphrase (and, with `rotateKey`, a fresh data key). */
  changePassphrase(change: { current: string; next: string; rotateKey: boolean }): Promise<void>;
  status(): VaultStatus;
  /** The open vault, or AppError `vault_locked`. */
  require(): Vault;
  /** The open vault, or null while locked. */
  current(): Vault | null;
  close(): void;
}

/**
 * Holds the vault once it is open. A vault that cannot be unlocked with the host's key
 * protector leaves the app running and locked, with the reason, until the creator unlocks it.
 * Opening and unlocking run one at a time: two overlapping opens of the same file would fight
 * over its lock.
 */
export function createVaultGate(options: {
  dataDir: string;
  keyProtector: KeyProtector;
  log: Logger;
  now?: () => number;
  /** The forecast and caps account summaries show (decided above the vault). */
  summaryPolicy?: SummaryPolicy;
  /** The plan's limit at the moment of a connect, derived from the verified licence. */
  planLimit?: PlanLimit;
  /** Days the audit log keeps rows (a setting). */
  auditRetentionDays?: () => number;
  /** Waits between wrong passphrases; injected by tests. Must not block the event loop. */
  wait?: (ms: number) => Promise<void>;
  /** scrypt cost of new passphrase wraps (default SCRYPT_COST); tests pass a cheap one. */
  scryptCost?: ScryptCost;
}): VaultGate {
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  const serially = createSerialQueue();
  let vault: Vault | null = null;
  let protector = options.keyProtector;
  let error: ErrorBody | null = null;
  let wrongPassphrases = 0;
  let closed = false;

  const tryOpen = async (candidate: KeyProtector): Promise<void> => {
    const opened = await openVault({
      dataDir: options.dataDir,
      keyProtector: candidate,
      ...(options.now ? { now: options.now } : {}),
      ...(options.summaryPolicy ? { summaryPolicy: options.summaryPolicy } : {}),
      ...(options.planLimit ? { planLimit: options.planLimit } : {}),
      ...(options.auditRetentionDays ? { auditRetentionDays: options.auditRetentionDays } : {}),
    });
    if (closed) {
      opened.close();
      throw new AppError('vault_locked');
    }
    vault = opened;
    protector = candidate;
    error = null;
  };

  return {
    /** Opens with the host's protector; an unlockable failure leaves the gate locked, others throw. */
    open(): Promise<void> {
      return serially(async () => {
        try {
          await tryOpen(options.keyProtector);
        } catch (failure) {
          if (!isAppError(failure) || !UNLOCKABLE.has(failure.code)) throw failure;
          error = { code: failure.code, message: failure.message };
          options.log.warn(`vault stays locked: ${failure.code}`);
        }
      });
    },
    /**
     * Unlocks (or, in a new data folder, creates) the vault with a passphrase. A weak passphrase
     * is refused at once (`passphrase_too_weak`); after wrong ones each attempt waits longer.
     * While the vault is open every call answers `vault_already_open` at once, whatever the
     * passphrase: answering "open" would look like a right one, and checking it would give a
     * guessing oracle (and a scrypt run per call) to anyone who can reach the call.
     */
    unlockWithPassphrase(passphrase: string): Promise<void> {
      if (vault) return Promise.reject(new AppError('vault_already_open'));
      let candidate: KeyProtector;
      try {
        candidate = passphraseKeyProtector(passphrase, options.scryptCost);
      } catch (failure) {
        return Promise.reject(failure);
      }
      return serially(async () => {
        if (vault) throw new AppError('vault_already_open');
        const delay = unlockDelayMs(wrongPassphrases);
        if (delay > 0) await wait(delay);
        try {
          await tryOpen(candidate);
          wrongPassphrases = 0;
        } catch (failure) {
          if (isAppError(failure) && failure.code === 'vault_wrong_key') wrongPassphrases += 1;
          throw failure;
        }
      });
    },
    /**
     * Protects the open vault with a new passphrase (and, with `rotateKey`, a fresh data key).
     * A passphrase-protected vault asks for the current one first (`passphrase_current_wrong`,
     * slowed down like wrong unlocks); a vault kept by the OS key store or SWITCHBOARD_VAULT_KEY
     * switches to the passphrase without one, since that store already stands for the creator.
     * From then on status and later unlocks use the new passphrase.
     */
    changePassphrase(change: { current: string; next: string; rotateKey: boolean }): Promise<void> {
      let candidate: KeyProtector;
      try {
        candidate = passphraseKeyProtector(change.next, options.scryptCost);
      } catch (failure) {
        return Promise.reject(failure);
      }
      return serially(async () => {
        const open = vault;
        if (!open) throw new AppError('vault_locked');
        if (open.protectorKind === 'passphrase') {
          const delay = unlockDelayMs(wrongPassphrases);
          if (delay > 0) await wait(delay);
          if (!(await passphraseOpensVault(open.db, change.current))) {
            wrongPassphrases += 1;
            throw new AppError('passphrase_current_wrong');
          }
          wrongPassphrases = 0;
        }
        await open.changePassphrase(candidate, { rotateKey: change.rotateKey });
        protector = candidate;
      });
    },
    status(): VaultStatus {
      return {
        state: vault ? 'open' : 'locked',
        keyProtector: vault ? vault.protectorKind : protector.kind,
        error: vault ? null : error,
        exists: vault !== null || hasVaultKey(options.dataDir),
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
      closed = true;
      vault?.close();
      vault = null;
    },
  };
}
