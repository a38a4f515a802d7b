// Evictions under churn: a Deployment of 1–5 replicas behind a
// PodDisruptionBudget (an integer or percentage minAvailable, or
// maxUnavailable), then evictions of its running pods, some in quick
// succession, readiness flips, scaling, node crashes, a restarted
// kube-controller-manager and waits. No eviction of a Ready pod may leave
// the budget short (pdb-respected), checked after every event.
// Shown to catch `eviction-ignores-budget`.
import fc from 'fast-check';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { podStep, runningPods } from '../../generators/pod-steps.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { pdbRespected } from './pdb-respected.invariant.js';

const NODES = 2;

type Op =
  | { k: 'evict'; pod: number; burst: number }
  | { k: 'pod-unready' | 'pod-ready'; pod: number }
  | { k: 'scale'; replicas: number }
  | { k: 'node-crash' | 'node-recover'; node: number }
  | { k: 'restart' }
  | { k: 'wait'; s: number };
interface Draw { seed: number; replicas: number; budget: { minAvailable?: number | string; maxUnavailable?: number | string }; ops: Op[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('evict' as const), pod: fc.nat({ max: 7 }), burst: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('pod-unready' as const, 'pod-ready' as const), pod: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 40 }) }) },
);
const budgetArb = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => ({ minAvailable: n })),
  fc.constantFrom('50%', '80%', '100%').map((p) => ({ minAvailable: p })),
  fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('25%', '50%')).map((v) => ({ maxUnavailable: v as number | string })),
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), replicas: fc.integer({ min: 1, max: 5 }), budget: budgetArb, ops: fc.array(opArb, { maxLength: 14 }),
});

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const deploy = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: d.replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  };
  const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...d.budget } };
  const steps: Step[] = [step('apply', [deploy, pdb]), step('wait', '20s')];
  const crashes = new Hardware();
  for (const op of d.ops) {
    switch (op.k) {
      case 'evict':
        // A burst: several evictions at one instant, before the controller has recounted.
        for (let i = 0; i < op.burst; i++) {
          steps.push(late((c) => {
            const pods = runningPods(c);
            return pods.length === 0 ? undefined : step('evict', `pod/${pods[(op.pod + i) % pods.length]!.metadata.name}`);
          }));
        }
        break;
      case 'pod-unready': case 'pod-ready': steps.push(podStep(op.k, op.pod)); break;
      case 'scale': steps.push(step('scale', 'deploy/web', { replicas: op.replicas })); break;
      case 'node-crash': case 'node-recover': {
        const s = crashes.step(op.k, `node-${op.node + 1}`);
        if (s) steps.push(s);
        break;
      }
      case 'restart': steps.push(step('restart', 'kube-controller-manager')); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push(...crashes.heal(), step('wait', '30s'));
  return drawnScenario(d, { name: 'evictions', nodes: defaultNodes(NODES), bugs, invariants: [pdbRespected.name], steps });
}

export const evictionsProperty: Property = scenarioProperty({
  name: 'evictions',
  description: 'evictions (some at one instant) of a Deployment\'s pods behind a PodDisruptionBudget, under readiness flips, scaling, crashes and controller restarts: no eviction leaves the budget short',
  invariant: pdbRespected, draws: drawArb, scenario: drawScenario,
});
