// The ReplicaSet / ReplicationController property: whatever users, nodes and
// a lagging or restarting kube-controller-manager do to 1–3 ReplicaSets and
// ReplicationControllers (overlapping selectors or not), no pod ever has two
// controllers or changes controller directly (no-double-controller), no owner
// creates past its replicas (replicas-bounded); once the faults stop every
// owner converges to exactly spec.replicas active pods (replicas-converge),
// and then, with no new operation, nothing is created or deleted for five
// minutes (bounded-churn).
//
// Scenarios are drawn as abstract operations; those that name a pod are
// resolved against the live cluster as they run (a pod is an index into the
// pods that exist then, `Step.resolve`), so every executed step is concrete
// and valid: the counterexample is exactly the steps that ran, a scenario
// `kubemodel run` replays. One driver runs it (runtime/scenario/run.ts).
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../../runtime/cluster.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import type { ControllerDefinition } from '../../../runtime/controllers/definition.js';
import { replicaSet, replicationController, nakedPod } from '../../../runtime/controllers/replicaset/fixtures.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { driveOutcome } from '../../suites/findings.js';
import { noDoubleController } from '../../invariants/no-double-controller.js';
import { replicasBounded } from './replicas-bounded.invariant.js';
import { boundedChurn, replicasConverge, CHURN_WINDOW_MS } from './converge.invariant.js';
import { gcKeepsOwned } from '../gc/gc.invariant.js';
import { checkScenarios, type Outcome, type Property, type PropertyOptions } from '../../suites/types.js';

const NODES = 3;
/** Label sets: selectors and templates overlap on app=web; app=db is apart; app=other matches nothing. */
const LABELS = [{ app: 'web' }, { app: 'web', tier: 'fe' }, { app: 'db' }, { app: 'other' }] as const;
/** Owner shapes: [selector, template labels]. 0 and 1 select each other's pods. */
const SHAPES = [[LABELS[0], LABELS[1]], [LABELS[1], LABELS[1]], [LABELS[2], LABELS[2]]] as const;
const COMPONENTS = ['replicaset-controller', 'replicationcontroller-controller', 'kube-controller-manager'] as const;
/**
 * "No lag" is 1ms, not 0: runtime/watch.ts delivers a delay-0 event through a
 * separate same-tick queue, ahead of events still held back by an earlier
 * delay, so lowering a delay to 0 reorders the stream — a stale MODIFIED can
 * land after the DELETED and resurrect a deleted pod in the informer cache
 * forever (reported to the lead; the fix keeps FIFO while deliveries are
 * pending; properties/suites/excludes.ts WATCH_REORDER). A 1ms delay always
 * delivers in order and lags by nothing.
 */
const NO_LAG_MS = 1;

interface OwnerDraw { rc: boolean; shape: number; replicas: number }
type Op =
  | { k: 'scale'; owner: number; replicas: number }
  | { k: 'orphan'; labels: number }
  | { k: 'relabel'; pod: number; labels: number }
  | { k: 'watch-delay'; component: number; delayS: number }
  | { k: 'restart' }
  | { k: 'node-crash' | 'node-recover'; node: number }
  | { k: 'pod-fail'; pod: number }
  | { k: 'delete'; owner: number; orphan: boolean }
  | { k: 'wait'; s: number };
export interface Draw { seed: number; owners: OwnerDraw[]; ops: Op[] }

const ownerArb: fc.Arbitrary<OwnerDraw> = fc.record({ rc: fc.boolean(), shape: fc.nat({ max: SHAPES.length - 1 }), replicas: fc.nat({ max: 4 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('scale' as const), owner: fc.nat({ max: 2 }), replicas: fc.nat({ max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('orphan' as const), labels: fc.nat({ max: LABELS.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('relabel' as const), pod: fc.nat({ max: 31 }), labels: fc.nat({ max: LABELS.length - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('watch-delay' as const), component: fc.nat({ max: COMPONENTS.length - 1 }), delayS: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pod-fail' as const), pod: fc.nat({ max: 31 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), owner: fc.nat({ max: 2 }), orphan: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 90 }) }) },
);
export const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  owners: fc.array(ownerArb, { minLength: 1, maxLength: 3 }),
  ops: fc.array(opArb, { maxLength: 20 }),
});

function ownerManifest(o: OwnerDraw, i: number): KubeObject {
  const [selector, labels] = SHAPES[o.shape]!;
  const name = `${o.rc ? 'rc' : 'rs'}-${i}`;
  return (o.rc ? replicationController : replicaSet)(name, { replicas: o.replicas, selector: { ...selector }, labels: { ...labels } });
}

export const RS_INVARIANTS = [noDoubleController, replicasBounded, gcKeepsOwned, replicasConverge, boundedChurn];

/** Pods that exist and are not being deleted, in the store's order. */
const livePods = (c: Cluster) => c.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp);

/** The scenario a draw stands for: the owners, the operations, then the liveness phase. Pure. */
export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const owners = d.owners.map(ownerManifest);
  const word = (o: KubeObject) => `${o.kind === 'ReplicaSet' ? 'rs' : 'rc'}/${o.metadata.name}`;
  const steps: Step[] = [step('apply', owners)];
  let orphans = 0;
  const crashes = new Hardware();
  for (const op of d.ops) {
    switch (op.k) {
      case 'scale': steps.push(step('scale', word(owners[op.owner % owners.length]!), { replicas: op.replicas })); break;
      case 'orphan': steps.push(step('apply', nakedPod(`orphan-${++orphans}`, { ...LABELS[op.labels]! }))); break;
      case 'relabel':
        // Every label set has `app`; `tier` is removed when the new set has none.
        steps.push(late((c) => {
          const all = livePods(c);
          if (all.length === 0) return undefined;
          return step('label', `pod/${all[op.pod % all.length]!.metadata.name}`, { labels: { tier: null, ...LABELS[op.labels]! }, overwrite: true });
        }));
        break;
      case 'watch-delay': {
        const ms = op.delayS > 0 ? op.delayS * 1000 : NO_LAG_MS;
        steps.push(step('watch-delay', COMPONENTS[op.component]!, { delay: `${ms}ms` }));
        break;
      }
      case 'restart': steps.push(step('restart', 'kube-controller-manager')); break;
      case 'node-crash': case 'node-recover': {
        const s = crashes.step(op.k, `node-${op.node + 1}`);
        if (s) steps.push(s);
        break;
      }
      case 'pod-fail':
        steps.push(late((c) => {
          const live = livePods(c).filter((p) => p.spec?.nodeName && c.nodeState(p.spec.nodeName) !== 'crashed' && p.status?.phase === 'Running');
          return live.length === 0 ? undefined : step('pod-fail', live[op.pod % live.length]!.metadata.name);
        }));
        break;
      case 'delete': steps.push(step('delete', word(owners[op.owner % owners.length]!), { cascade: op.orphan ? 'orphan' : 'background' })); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  // Liveness phase: faults off, then time for expectations (5m) and evictions to run out, then a quiet
  // stretch in which nothing may be created or deleted (bounded-churn's window).
  steps.push(...crashes.heal());
  for (const comp of COMPONENTS) steps.push(step('watch-delay', comp, { delay: `${NO_LAG_MS}ms` }));
  steps.push(step('wait', '7m'), step('wait', `${CHURN_WINDOW_MS / 60_000}m`));
  return drawnScenario(d, { name: 'replicasets', nodes: defaultNodes(NODES), bugs, invariants: RS_INVARIANTS.map((i) => i.name), steps });
}

/** Run one draw through the driver: the steps that run are the counterexample. */
export function runDraw(d: Draw, controllers: readonly ControllerDefinition[], bugs: readonly string[] = []): Outcome {
  return driveOutcome(drawScenario(d, bugs), RS_INVARIANTS, controllers, { maxEvents: 2_000_000 });
}

/** A finding as one line plus the steps, for a test's failure message. */
export function findingText(o: Outcome): string {
  const f = o.finding!;
  return `${f.invariant}: ${f.message}\nseed ${f.counterexample.seed}; steps:\n  ${f.counterexample.steps.map(describeStep).join('\n  ')}`;
}

export const replicaSetProperty: Property = {
  name: 'replicasets',
  description: 'ReplicaSets and ReplicationControllers under scaling, orphans, relabels, lag, restarts and node crashes: no double controller, no over-creation, then convergence without churn',
  invariant: RS_INVARIANTS.map((i) => i.name).join(', '),
  defaultRuns: 300,
  run(opts: PropertyOptions) {
    const arb = drawArb.map((d) => drawScenario(d, opts.bugs));
    return checkScenarios(this.name, arb, (s) => driveOutcome(s, RS_INVARIANTS, opts.controllers, { maxEvents: 2_000_000, interrupt: opts.interrupt }), opts);
  },
};
