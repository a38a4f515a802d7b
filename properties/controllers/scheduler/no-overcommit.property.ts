// Safety: whatever nodes and pods do, no node's bound, unfinished pods ever
// request more than its allocatable — checked after every event.
// Shown to catch `scheduler-ignores-assumed-pods` (with a lagging scheduler watch).
import { scenarioArb, step } from '../../generators/scenario.js';
import { driveOutcome } from '../../suites/findings.js';
import { noOvercommit } from './no-overcommit.invariant.js';
import { checkScenarios, type Property, type PropertyOptions } from '../../suites/types.js';
import { excludesFor } from '../../suites/excludes.js';

export const noOvercommitProperty: Property = {
  name: 'no-overcommit',
  description: "random node and pod operations never over-commit a node's allocatable",
  invariant: 'no-overcommit',
  defaultRuns: 1500,
  run(opts: PropertyOptions) {
    const exclude = opts.exclude ?? excludesFor('no-overcommit');
    const arb = scenarioArb({
      name: 'no-overcommit', invariants: ['no-overcommit'], bugs: opts.bugs, exclude,
      // A last minute for whatever the steps set going (binds, back-offs, evictions) to happen.
      suffix: () => [step('wait', '1m')],
    });
    return checkScenarios('no-overcommit', arb, (s) => driveOutcome(s, [noOvercommit], opts.controllers, { interrupt: opts.interrupt }), opts);
  },
};
