// Endpoints under churn: a Service in front of a ReplicaSet of 1–3 pods,
// then readiness flips, scaling, pod deletions, node crashes and recoveries,
// a lagging or restarted EndpointSlice controller and waits; then the faults
// heal and the run stays quiet for two minutes. At the end the slices must
// list exactly the selected pods, ready as they are (endpoints-converge).
// Shown to catch `endpointslice-ignores-status-updates`.
import fc from 'fast-check';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { replicaSet } from '../../../runtime/controllers/replicaset/fixtures.js';
import { drawnScenario, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { podStep } from '../../generators/pod-steps.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { endpointsConverge } from './endpoints-converge.invariant.js';

const NODES = 2;
const CONTROLLER = 'endpointslice-controller';

type Op =
  | { k: 'pod-unready' | 'pod-ready' | 'delete-pod'; pod: number }
  | { k: 'scale'; replicas: number }
  | { k: 'node-crash' | 'node-recover'; node: number }
  | { k: 'watch-delay'; s: number }
  | { k: 'restart' }
  | { k: 'wait'; s: number };
interface Draw { seed: number; replicas: number; ops: Op[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constantFrom('pod-unready' as const, 'pod-ready' as const, 'delete-pod' as const), pod: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('watch-delay' as const), s: fc.nat({ max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 60 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), replicas: fc.integer({ min: 1, max: 3 }), ops: fc.array(opArb, { maxLength: 12 }),
});

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const rs = replicaSet('web', { replicas: d.replicas, selector: { app: 'web' }, labels: { app: 'web' } });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } };
  const steps: Step[] = [step('apply', [svc, rs]), step('wait', '20s')];
  const crashes = new Hardware();
  for (const op of d.ops) {
    switch (op.k) {
      case 'pod-unready': case 'pod-ready': case 'delete-pod':
        steps.push(podStep(op.k, op.pod));
        break;
      case 'scale': steps.push(step('scale', 'rs/web', { replicas: op.replicas })); break;
      case 'node-crash': case 'node-recover': {
        const s = crashes.step(op.k, `node-${op.node + 1}`);
        if (s) steps.push(s);
        break;
      }
      case 'watch-delay': steps.push(step('watch-delay', CONTROLLER, { delay: `${op.s * 1000 + 1}ms` })); break;
      case 'restart': steps.push(step('restart', CONTROLLER)); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push(...crashes.heal());
  steps.push(step('watch-delay', CONTROLLER, { delay: '1ms' }), step('wait', '2m'));
  return drawnScenario(d, { name: 'endpoints', nodes: defaultNodes(NODES), bugs, invariants: [endpointsConverge.name], steps });
}

export const endpointsProperty: Property = scenarioProperty({
  name: 'endpoints',
  description: 'a Service over a ReplicaSet under readiness flips, scaling, deletes, node crashes and a lagging or restarted controller: the slices end listing exactly the pods, ready as they are',
  invariant: endpointsConverge, draws: drawArb, scenario: drawScenario,
});
