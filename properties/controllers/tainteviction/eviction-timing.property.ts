// Taint-based eviction under node faults: random pods (some tolerating
// `unreachable` for 30s, some with the default 300s), nodes crashing,
// partitioning and recovering, waits that cross the 50s grace period and the
// tolerations. The taint-eviction controller must never delete a pod sooner
// than its tolerations allow.
import { scenarioArb } from '../../generators/scenario.js';
import { driveOutcome } from '../../suites/findings.js';
import { evictionRespectsTolerations } from './eviction-respects-tolerations.invariant.js';
import { checkScenarios, type Property, type PropertyOptions } from '../../suites/types.js';
import { excludesFor } from '../../suites/excludes.js';

export const evictionProperty: Property = {
  name: 'eviction-timing',
  description: 'pods on a crashed or partitioned node are evicted no earlier than their tolerations allow',
  invariant: 'eviction-respects-tolerations',
  defaultRuns: 600,
  run(opts: PropertyOptions) {
    const exclude = opts.exclude ?? excludesFor('eviction-timing');
    const arb = scenarioArb({ name: 'eviction-timing', invariants: ['eviction-respects-tolerations'], bugs: opts.bugs, exclude });
    return checkScenarios('eviction-timing', arb, (s) => driveOutcome(s, [evictionRespectsTolerations], opts.controllers, { interrupt: opts.interrupt }), opts);
  },
};
