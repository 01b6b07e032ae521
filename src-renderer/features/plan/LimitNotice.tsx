import { ErrorNotice } from '../../components/ErrorNotice';
import { useNavigation } from '../../navigation-store';
import { roomFor } from './plan-words';
import { usePlan } from './use-plan';

/** What a Connect button pressed at the limit says, instead of opening a consent page. */
export function LimitNotice() {
  const { status, explained, explain } = usePlan();
  const show = useNavigation((state) => state.show);
  const room = explained ? roomFor(status, explained) : null;
  if (!room?.refusal) return null;
  return (
    <div className="limit-notice" data-testid="limit-notice">
      <ErrorNotice message={room.refusal} code="tier_limit_reached" />
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            explain(null);
            show('settings', 'plan');
          }}
        >
          See plans
        </button>
        <button type="button" onClick={() => explain(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
