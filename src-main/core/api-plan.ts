import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { PlanService } from './plans/plan-service';

/** Settings → Plan: plan.get, plan.enterLicence and plan.removeLicence. */
export function createPlanHandlers(services: {
  plans: PlanService;
  events: EventBus;
  log: Logger;
}): Pick<Handlers, 'plan.get' | 'plan.enterLicence' | 'plan.removeLicence'> {
  const { plans, events, log } = services;
  return {
    'plan.get': () => plans.status(),
    'plan.enterLicence': ({ key }) => {
      const status = plans.enter(key);
      // The holder is the creator's own name; the key itself is never logged.
      log.info(`licence entered: ${status.planName} plan`);
      events.emit('plan.changed', status);
      return status;
    },
    'plan.removeLicence': () => {
      const status = plans.remove();
      log.info('licence removed: Free plan for new connects');
      events.emit('plan.changed', status);
      return status;
    },
  };
}
