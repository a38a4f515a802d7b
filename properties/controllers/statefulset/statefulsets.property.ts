// StatefulSets under churn: a set of 1–3 replicas (OrderedReady mostly,
// sometimes Parallel, sometimes a partition or a start ordinal), then quick
// scale-ups and scale-downs (often two in a row with no wait between),
// template updates, readiness flips, pod deletions, node crashes, a lagging
// or restarted controller and waits; the faults then heal and the run stays
// quiet for five minutes. One draw, judged by three properties:
// `statefulsets` (sts-ordered-ready, after every event), `sts-scale-down`
// (sts-scale-down-order) and `sts-converge` (at the quiet end).
// Shown to catch `sts-creates-out-of-order`, `sts-scales-down-lowest-first`
// and `sts-ignores-readiness`.
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import type { Invariant } from '../../invariants/types.js';
import { drawnScenario, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { podStep } from '../../generators/pod-steps.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { stsOrderedReady, stsScaleDownOrder } from './ordering.invariant.js';
import { stsConverge } from './converge.invariant.js';

const NODES = 3;
const CONTROLLER = 'statefulset-controller';
const IMAGES = ['nginx:1.27', 'nginx:1.28'];

type Op =
  | { k: 'scale'; replicas: number; then?: number }
  | { k: 'set-image'; image: number }
  | { k: 'pod-unready' | 'pod-ready' | 'delete-pod'; pod: number }
  | { k: 'node-crash' | 'node-recover'; node: number }
  | { k: 'watch-delay'; s: number }
  | { k: 'restart' }
  | { k: 'wait'; s: number };
export interface StatefulSetDraw {
  seed: number; replicas: number; parallel: boolean; partition: number; start: number; minReady: number; ops: Op[];
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 4 }), then: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('set-image' as const), image: fc.nat({ max: IMAGES.length - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('pod-unready' as const, 'pod-ready' as const, 'delete-pod' as const), pod: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('watch-delay' as const), s: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 30 }) }) },
);
export const statefulSetDraws: fc.Arbitrary<StatefulSetDraw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  parallel: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  partition: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  start: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  minReady: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) }),
  ops: fc.array(opArb, { maxLength: 10 }),
});

export function statefulSet(d: Pick<StatefulSetDraw, 'replicas' | 'parallel' | 'partition' | 'start' | 'minReady'>): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
    spec: {
      replicas: d.replicas, serviceName: 'web', selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: d.parallel ? 'Parallel' : 'OrderedReady',
      ...(d.partition ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: d.partition } } } : {}),
      ...(d.start ? { ordinals: { start: d.start } } : {}),
      ...(d.minReady ? { minReadySeconds: d.minReady } : {}),
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: IMAGES[0] }] } },
    },
  };
}

function drawScenario(name: string, invariant: Invariant) {
  return (d: StatefulSetDraw, bugs: readonly string[] = []): Scenario => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const steps: Step[] = [step('apply', [svc, statefulSet(d)]), step('wait', '5s')];
    const crashes = new Hardware();
    for (const op of d.ops) {
      switch (op.k) {
        case 'scale':
          steps.push(step('scale', 'statefulset/web', { replicas: op.replicas }));
          if (op.then !== undefined) steps.push(step('wait', '1s'), step('scale', 'statefulset/web', { replicas: op.then }));
          break;
        case 'set-image': steps.push(step('set-image', 'statefulset/web', { image: IMAGES[op.image] })); break;
        case 'pod-unready': case 'pod-ready': case 'delete-pod': steps.push(podStep(op.k, op.pod)); break;
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
    // The quiet end: every pod made Ready again (a flipped-unready one would hold an OrderedReady set for good).
    for (let i = 0; i < 8; i++) steps.push(podStep('pod-ready', i));
    steps.push(step('watch-delay', CONTROLLER, { delay: '1ms' }), step('wait', '8m'));
    for (let i = 0; i < 8; i++) steps.push(podStep('pod-ready', i));
    steps.push(step('wait', '2m'));
    return drawnScenario(d, { name, nodes: defaultNodes(NODES), bugs, invariants: [invariant.name], steps });
  };
}

export const statefulSetsProperty: Property = scenarioProperty({
  name: 'statefulsets',
  description: 'a StatefulSet under quick scaling, template updates, readiness flips, deletes, node crashes and a lagging or restarted controller: under OrderedReady no pod is made before its predecessors are Running and Ready',
  invariant: stsOrderedReady, draws: statefulSetDraws, scenario: drawScenario('statefulsets', stsOrderedReady), defaultRuns: 100,
});

export const stsScaleDownProperty: Property = scenarioProperty({
  name: 'sts-scale-down',
  description: 'the same churn: under OrderedReady a pod beyond the range is deleted only when no higher ordinal is left',
  invariant: stsScaleDownOrder, draws: statefulSetDraws, scenario: drawScenario('sts-scale-down', stsScaleDownOrder), defaultRuns: 100,
});

export const stsConvergeProperty: Property = scenarioProperty({
  name: 'sts-converge',
  description: 'the same churn, then quiet: each StatefulSet ends with one Ready pod per ordinal, at its template, and a status that says so',
  invariant: stsConverge, draws: statefulSetDraws, scenario: drawScenario('sts-converge', stsConverge), defaultRuns: 100,
});
