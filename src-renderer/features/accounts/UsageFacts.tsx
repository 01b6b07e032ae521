import type { AccountUsage } from '../../../src-shared/account';
import { absoluteTime, relativeTime } from '../../time-words';

/** Posts left today and the last rate limit seen, as rows of the detail's facts. */
export function UsageFacts({ usage, now }: { usage: AccountUsage; now: number }) {
  const capped = usage.postingCappedUntil && Date.parse(usage.postingCappedUntil) > now;
  const limit = usage.rateLimit;
  return (
    <>
      {usage.postCap !== null || capped ? (
        <>
          <dt>Posts today</dt>
          <dd data-testid="detail-posts">
            {capped
              ? `The platform paused posting until ${absoluteTime(usage.postingCappedUntil!)}`
              : `${usage.postsToday} of ${usage.postCap}; ${Math.max(0, usage.postCap! - usage.postsToday)} left today`}
          </dd>
        </>
      ) : null}
      {limit ? (
        <>
          <dt>Rate limit</dt>
          <dd data-testid="detail-rate-limit">
            {`${limit.remaining ?? '?'} of ${limit.limit ?? '?'} calls left for ${limit.endpoint}`}
            {limit.resetAt ? `; resets ${relativeTime(limit.resetAt, now)}` : ''}
          </dd>
        </>
      ) : null}
    </>
  );
}
