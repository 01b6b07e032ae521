import { useAccounts } from '../accounts/use-accounts';
import { VaultUnlock } from './VaultUnlock';

/**
 * A locked vault stops every account from being kept alive, so every screen says so and can
 * unlock it (Accounts shows the same card in place of the list).
 */
export function VaultBanner() {
  const { vault, error, unlocking, unlock } = useAccounts();
  if (vault?.state !== 'locked') return null;
  return (
    <div className="vault-banner">
      <VaultUnlock
        status={vault}
        unlocking={unlocking}
        error={error}
        onUnlock={(passphrase) => void unlock(passphrase)}
      />
    </div>
  );
}
