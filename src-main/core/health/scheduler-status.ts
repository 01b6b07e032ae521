/**
 * What the refresh scheduler reports about itself, for `scheduler:lag` and the tray. The
 * scheduler implements this; until it runs, `running` is false.
 */
export interface SchedulerStatus {
  running: boolean;
  /** When the last tick ran (epoch ms), and how late it was against its planned time. */
  lastTickAt: number | null;
  lastTickLagMs: number | null;
  /** When the next refresh is planned (epoch ms). */
  nextDueAt: number | null;
}

export interface SchedulerStatusSource {
  status(): SchedulerStatus;
}

/** Before the scheduler exists: honest about not running. */
export const NO_SCHEDULER: SchedulerStatusSource = {
  status: () => ({ running: false, lastTickAt: null, lastTickLagMs: null, nextDueAt: null }),
};
