import type { ReactNode } from 'react';

/** What a screen shows while it has nothing yet, with the next step to take. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state">
      <h3>{title}</h3>
      <p>{children}</p>
    </section>
  );
}
