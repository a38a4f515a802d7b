// Liveness, TigerBeetle style: a safety phase of random steps with faults,
// then every fault healed (crashed nodes recover, partitions heal, cordons
// lift, watch delays end) and a bounded wait. Throughout, no pod may stay
// Pending and unbound while it fits a Ready, schedulable node for longer than
// the eventually-scheduled bound (6m); the 12m wait after healing gives every
// pod that fits once the cluster settles more than that bound to be placed.
import { healSteps, scenarioArb, step } from '../../generators/scenario.js';
import { driveOutcome } from '../../suites/findings.js';
import { eventuallyScheduled } from './eventually-scheduled.invariant.js';
import { checkScenarios, type Property, type PropertyOptions } from '../../suites/types.js';
import { excludesFor } from '../../suites/excludes.js';

/** The liveness phase's wait: the 6m bound plus time for the healed cluster to settle (back-offs up to 5m). */
export const LIVENESS_WAIT = '12m';

export const pendingPodsScheduledProperty: Property = {
  name: 'pending-pods-scheduled',
  description: 'every pod that fits somewhere is eventually scheduled (faults on, then healed)',
  invariant: 'eventually-scheduled',
  defaultRuns: 1500,
  run(opts: PropertyOptions) {
    const exclude = opts.exclude ?? excludesFor('pending-pods-scheduled');
    const arb = scenarioArb({
      name: 'pending-pods-scheduled', invariants: ['eventually-scheduled'], bugs: opts.bugs, exclude,
      suffix: (m) => [...healSteps(m, exclude), step('wait', LIVENESS_WAIT)],
    });
    return checkScenarios('pending-pods-scheduled', arb, (s) => driveOutcome(s, [eventuallyScheduled], opts.controllers, { interrupt: opts.interrupt }), opts);
  },
};
