// StatefulSets across partitions: a set of 1–3 replicas on three nodes,
// then partitions, heals, crashes and recoveries of the nodes its pods run
// on, a restarted controller and waits long enough for the unreachable taint
// and its eviction (over five minutes). At no moment may two pods with one
// identity run, as the kubelets see it (sts-at-most-one) — a partitioned
// node keeps running what the API has given up on.
// Shown to catch `sts-replaces-unreachable-pod`.
import fc from 'fast-check';
import type { Cluster } from '../../../runtime/cluster.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { stsAtMostOne } from './ordering.invariant.js';
import { statefulSet } from './statefulsets.property.js';

const NODES = 3;

type Op =
  | { k: 'node-partition' | 'node-heal' | 'node-crash' | 'node-recover'; pod: number }
  | { k: 'restart' }
  | { k: 'wait'; s: number };
interface Draw { seed: number; replicas: number; ops: Op[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('node-partition' as const, 'node-heal' as const, 'node-crash' as const, 'node-recover' as const), pod: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 10, max: 480 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), replicas: fc.integer({ min: 1, max: 3 }), ops: fc.array(opArb, { maxLength: 8 }),
});

function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const steps: Step[] = [step('apply', [statefulSet({ replicas: d.replicas, parallel: false, partition: 0, start: 0, minReady: 0 })]), step('wait', '30s')];
  // The hardware tracker lives with the run's cluster: these steps are chosen as they run, and a scenario may be run again.
  const trackers = new WeakMap<Cluster, Hardware>();
  const hw = (c: Cluster) => { let h = trackers.get(c); if (!h) trackers.set(c, (h = new Hardware())); return h; };
  for (const op of d.ops) {
    switch (op.k) {
      case 'node-partition': case 'node-heal': case 'node-crash': case 'node-recover':
        // Aimed at the node the pick-th pod of the set runs on (modulo), chosen when the step runs.
        steps.push(late((c) => {
          const nodes = c.store.list('Pod').map((p) => p.spec?.nodeName).filter((n): n is string => !!n);
          const node = nodes.length > 0 ? nodes[op.pod % nodes.length]! : `node-${(op.pod % NODES) + 1}`;
          return hw(c).step(op.k, node);
        }));
        break;
      case 'restart': steps.push(step('restart', 'statefulset-controller')); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push({ ...step('wait', '0s'), resolve: (c: Cluster) => hw(c).heal() });
  steps.push(step('wait', '2m'));
  return drawnScenario(d, { name: 'sts-split-brain', nodes: defaultNodes(NODES), bugs, invariants: [stsAtMostOne.name], steps });
}

export const splitBrainProperty: Property = scenarioProperty({
  name: 'sts-split-brain',
  description: 'a StatefulSet whose nodes are partitioned, crashed, healed and recovered for minutes at a time: never two pods with one identity running at once',
  invariant: stsAtMostOne, draws: drawArb, scenario: drawScenario, defaultRuns: 100,
});
