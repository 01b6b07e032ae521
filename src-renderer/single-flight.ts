/**
 * A load that, asked again while it is still running, answers the running one's promise instead
 * of starting another. At start-up the app shell and the first screen both load the accounts and
 * the settings in the same effect pass; without this, 1,000 accounts crossed IPC, were validated
 * and compared twice before the first row showed. A call after the running one settles starts
 * afresh, so a later load still sees later changes.
 */
export function singleFlight(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    running ??= load().finally(() => {
      running = null;
    });
    return running;
  };
}
