// Routing under churn: a Service over two ReplicaSets, one whose pods become
// Ready and one whose pods never pass readiness, then requests from every
// node interleaved with readiness flips, scaling, pod deletions, node
// crashes and partitions, lagging or restarted per-node proxies and a lagging EndpointSlice
// controller. No connection may be answered by a pod that has never been
// Ready (requests-reach-ready-pods), checked after every event.
// Shown to catch `endpointslice-ready-when-running`.
import fc from 'fast-check';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { replicaSet } from '../../../runtime/controllers/replicaset/fixtures.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { podStep } from '../../generators/pod-steps.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { requestsReachReadyPods } from './requests-reach-ready.invariant.js';

const NODES = 3;
/** An image whose readiness probe never passes. */
const UNREADY_IMAGE = 'web:unready';

type Op =
  | { k: 'request'; node: number; count: number }
  | { k: 'pod-unready' | 'pod-ready' | 'delete-pod'; pod: number }
  | { k: 'scale'; rs: 'good' | 'bad'; replicas: number }
  | { k: 'node-crash' | 'node-recover' | 'node-partition' | 'node-heal'; node: number }
  | { k: 'proxy-delay'; node: number; s: number }
  | { k: 'proxy-restart'; node: number }
  | { k: 'slices-delay'; s: number }
  | { k: 'wait'; s: number };
interface Draw { seed: number; good: number; bad: number; ops: Op[] }

const node = fc.nat({ max: NODES - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('request' as const), node, count: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('pod-unready' as const, 'pod-ready' as const, 'delete-pod' as const), pod: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('scale' as const), rs: fc.constantFrom('good' as const, 'bad' as const), replicas: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const, 'node-partition' as const, 'node-heal' as const), node }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('proxy-delay' as const), node, s: fc.nat({ max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('proxy-restart' as const), node }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('slices-delay' as const), s: fc.nat({ max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 30 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), good: fc.integer({ min: 0, max: 3 }), bad: fc.integer({ min: 0, max: 2 }),
  ops: fc.array(opArb, { maxLength: 14 }),
});

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const good = replicaSet('good', { replicas: d.good, selector: { app: 'web', track: 'good' }, labels: { app: 'web', track: 'good' } });
  const bad = replicaSet('bad', { replicas: d.bad, selector: { app: 'web', track: 'bad' }, labels: { app: 'web', track: 'bad' }, image: UNREADY_IMAGE });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } };
  const steps: Step[] = [step('apply', [svc, good, bad]), step('wait', '20s')];
  const hardware = new Hardware();
  for (const op of d.ops) {
    switch (op.k) {
      case 'request': steps.push(step('request', 'svc/web', { from: `node-${op.node + 1}`, count: op.count })); break;
      case 'pod-unready': case 'pod-ready': case 'delete-pod':
        steps.push(podStep(op.k, op.pod));
        break;
      case 'scale': steps.push(step('scale', `rs/${op.rs}`, { replicas: op.replicas })); break;
      case 'node-crash': case 'node-recover': case 'node-partition': case 'node-heal': {
        const s = hardware.step(op.k, `node-${op.node + 1}`);
        if (s) steps.push(s);
        break;
      }
      case 'proxy-delay': steps.push(step('watch-delay', `kube-proxy/node-${op.node + 1}`, { delay: `${op.s * 1000 + 1}ms` })); break;
      case 'proxy-restart': steps.push(late((c) => (c.nodeState(`node-${op.node + 1}`) === 'up' ? step('restart', `kube-proxy/node-${op.node + 1}`) : undefined))); break;
      case 'slices-delay': steps.push(step('watch-delay', 'endpointslice-controller', { delay: `${op.s * 1000 + 1}ms` })); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push(...hardware.heal(), step('wait', '30s'), step('request', 'svc/web', { from: 'node-1', count: 20 }));
  return drawnScenario(d, {
    name: 'routing', nodes: defaultNodes(NODES), bugs, invariants: [requestsReachReadyPods.name], steps,
    images: { [UNREADY_IMAGE]: { ready: 'never' } },
  });
}

export const routingProperty: Property = scenarioProperty({
  name: 'routing',
  description: 'requests from every node to a Service over ready and never-ready pods, under readiness flips, scaling, deletes, crashes, partitions and lagging or restarted proxies: no connection answered by a pod that is not Ready, past the lag the slices and proxies are allowed',
  invariant: requestsReachReadyPods, draws: drawArb, scenario: drawScenario,
});
