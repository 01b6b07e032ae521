import { EmptyState } from '../../components/EmptyState';

export function AccountsView() {
  return (
    <EmptyState title="No accounts connected yet">
      Connect your YouTube, Instagram, TikTok and X accounts here; Switchboard will keep their
      connections alive and warn you before anything expires.
    </EmptyState>
  );
}
