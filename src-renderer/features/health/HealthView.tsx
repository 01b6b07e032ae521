import { EmptyState } from '../../components/EmptyState';

export function HealthView() {
  return (
    <EmptyState title="Nothing to watch yet">
      Once an account is connected, its token expiry and the platforms&apos; reachability show here.
    </EmptyState>
  );
}
