// The ReplicaSet / ReplicationController property: whatever users, nodes and
// a lagging or restarting kube-controller-manager do to 1–3 ReplicaSets and
// ReplicationControllers (overlapping selectors or not), no pod ever has two
// controllers or changes controller directly (no-double-controller), no owner
// creates past its replicas (replicas-bounded); once the faults stop every
// owner converges to exactly spec.replicas active pods (replicas-converge),
// and then, with no new operation, nothing is created or deleted for five
// minutes (bounded-churn).
//
// Scenarios are drawn as abstract operations and resolved against the live
// cluster as they run (a pod is an index into the pods that exist then), so
// every executed step is concrete and valid: the counterexample is exactly the
// steps that ran, a scenario `kubemodel run` replays.
import fc from 'fast-check';
import type { KubeObject } from '../../model/api/types.js';
import { Cluster } from '../../runtime/cluster.js';
import { defaultNodes } from '../../runtime/nodes.js';
import type { Scenario, Step } from '../../runtime/scenario/types.js';
import { describeStep } from '../../runtime/scenario/describe.js';
import { replicaSet, replicationController, nakedPod } from '../../runtime/controllers/rs-fixtures.js';
import { step } from '../generators/scenario.js';
import { noDoubleController } from '../invariants/no-double-controller.js';
import { replicasBounded, replicaCountsConverged } from '../invariants/replicas-bounded.js';
import { gcKeepsOwned } from '../invariants/gc.js';
import { checkScenarios, type Finding, type Outcome, type Property, type PropertyOptions } from './types.js';

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

class Found extends Error { constructor(readonly invariant: string, message: string) { super(message); } }

export const RS_INVARIANTS = [noDoubleController.name, replicasBounded.name, gcKeepsOwned.name];

/** What one draw did: the steps that ran (a replayable scenario) and, if any, what it found. */
export interface DrawResult { scenario: Scenario; events: number; finding?: { invariant: string; message: string; timeMs: number; step: number } }

/** Run one draw: every step resolved against the cluster as it stands, invariants after every event. */
export function runDraw(d: Draw, bugs: readonly string[] = []): DrawResult {
  const c = new Cluster({ seed: d.seed, nodes: defaultNodes(NODES), bugs: [...bugs], maxEvents: 2_000_000 });
  const checks = [noDoubleController.create(c), replicasBounded.create(c), gcKeepsOwned.create(c)];
  const scenario: Scenario = {
    file: '<generated>', name: 'replicasets', seed: d.seed, nodes: defaultNodes(NODES), config: {}, images: {},
    bugs: [...bugs], invariants: [...RS_INVARIANTS], steps: [],
  };
  const out: DrawResult = { scenario, events: 0 };
  let orphans = 0;
  const owners = d.owners.map(ownerManifest);
  const crashed = new Set<string>();
  const check = () => { for (const k of checks) { const m = k.check(c); if (m) throw new Found(k.name, m); } };
  c.clock.afterTask = check;
  const pods = () => c.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp);
  const churn: string[] = [];
  c.store.onChange((t, o) => {
    const e = o as { reason?: string; message?: string; source?: { component?: string } };
    if (o.kind === 'Event' && t === 'ADDED' && /^(Successful|Failed)(Create|Delete)$/.test(e.reason ?? '') &&
      /^(replicaset-controller|replication-controller)$/.test(e.source?.component ?? '')) churn.push(`${e.reason}: ${e.message}`);
  });
  const run = (s: Step, fn: () => void) => { scenario.steps.push(s); fn(); c.settle(); };
  try {
    run(step('apply', owners, {}), () => { for (const o of owners) c.store.create(o); });
    for (const op of d.ops) {
      switch (op.k) {
        case 'scale': {
          const o = owners[op.owner % owners.length]!;
          if (!c.store.get(o.kind, 'default', o.metadata.name!)) break;
          run(step('scale', `${o.kind === 'ReplicaSet' ? 'rs' : 'rc'}/${o.metadata.name}`, { replicas: op.replicas }),
            () => c.store.patch(o.kind, 'default', o.metadata.name!, { spec: { replicas: op.replicas } }));
          break;
        }
        case 'orphan': {
          const p = nakedPod(`orphan-${++orphans}`, { ...LABELS[op.labels]! });
          run(step('apply', p, {}), () => c.store.create(p));
          break;
        }
        case 'relabel': {
          const all = pods();
          if (all.length === 0) break;
          const p = all[op.pod % all.length]!;
          // Every label set has `app`; `tier` is removed when the new set has none.
          const labels = { tier: null, ...LABELS[op.labels]! };
          run(step('label', `pod/${p.metadata.name}`, { labels, overwrite: true }),
            () => c.store.patch('Pod', 'default', p.metadata.name!, { metadata: { labels } }));
          break;
        }
        case 'watch-delay': {
          const comp = COMPONENTS[op.component]!;
          const ms = op.delayS > 0 ? op.delayS * 1000 : NO_LAG_MS;
          run(step('watch-delay', comp, { delay: `${ms}ms` }), () => c.watchDelay(comp, ms));
          break;
        }
        case 'restart': run(step('restart', 'kube-controller-manager', {}), () => c.restart('kube-controller-manager')); break;
        case 'node-crash': case 'node-recover': {
          const n = `node-${op.node + 1}`;
          if ((op.k === 'node-crash') === crashed.has(n)) break;
          if (op.k === 'node-crash') crashed.add(n); else crashed.delete(n);
          run(step(op.k, n, {}), () => (op.k === 'node-crash' ? c.nodeCrash(n) : c.nodeRecover(n)));
          break;
        }
        case 'pod-fail': {
          const live = pods().filter((p) => p.spec?.nodeName && !crashed.has(p.spec.nodeName) && p.status?.phase === 'Running');
          if (live.length === 0) break;
          const p = live[op.pod % live.length]!;
          run(step('pod-fail', p.metadata.name, {}), () => c.podFail(p.metadata.name!));
          break;
        }
        case 'delete': {
          const o = owners[op.owner % owners.length]!;
          if (!c.store.get(o.kind, 'default', o.metadata.name!)) break;
          run(step('delete', `${o.kind === 'ReplicaSet' ? 'rs' : 'rc'}/${o.metadata.name}`, { cascade: op.orphan ? 'orphan' : 'background' }),
            () => c.store.delete(o.kind, 'default', o.metadata.name!, { propagationPolicy: op.orphan ? 'Orphan' : 'Background' }));
          break;
        }
        case 'wait': run(step('wait', `${op.s}s`, {}), () => c.run(op.s * 1000)); break;
      }
    }
    // Liveness phase: faults off, then time for expectations (5m) and evictions to run out.
    for (const n of [...crashed].sort()) run(step('node-recover', n, {}), () => c.nodeRecover(n));
    for (const comp of COMPONENTS) run(step('watch-delay', comp, { delay: `${NO_LAG_MS}ms` }), () => c.watchDelay(comp, NO_LAG_MS));
    run(step('wait', '7m', {}), () => c.run(7 * 60_000));
    check();
    const converged = replicaCountsConverged(c);
    if (converged) throw new Found('replicas-converge', converged);
    // Bounded churn: once converged, with no new operation, the controllers neither create nor delete.
    const before = churn.length;
    run(step('wait', '5m', {}), () => c.run(5 * 60_000));
    if (churn.length > before) throw new Found('bounded-churn', `after convergence, with no new operation: ${churn.slice(before, before + 3).join('; ')}`);
  } catch (e) {
    if (!(e instanceof Found)) throw e;
    out.finding = { invariant: e.invariant, message: e.message, timeMs: c.clock.now(), step: scenario.steps.length - 1 };
  } finally {
    c.clock.afterTask = undefined;
    out.events = c.clock.tasksRun;
  }
  return out;
}

/** A finding as one line plus the steps, for a test's failure message. */
export function findingText(r: DrawResult): string {
  const f = r.finding!;
  return `${f.invariant}: ${f.message}\nseed ${r.scenario.seed}; steps:\n  ${r.scenario.steps.map(describeStep).join('\n  ')}`;
}

// checkScenarios shrinks and reports scenarios; a draw rides along inside a placeholder one.
const DRAW = Symbol('draw');
type Carrier = Scenario & { [DRAW]: Draw };

export const replicaSetProperty: Property = {
  name: 'replicasets',
  description: 'ReplicaSets and ReplicationControllers under scaling, orphans, relabels, lag, restarts and node crashes: no double controller, no over-creation, then convergence without churn',
  invariant: RS_INVARIANTS.join(', '),
  defaultRuns: 300,
  run(opts: PropertyOptions) {
    const arb = drawArb.map((d): Carrier => {
      const s = { file: '<generated>', name: 'replicasets', seed: d.seed, nodes: defaultNodes(NODES), config: {}, images: {}, bugs: [...(opts.bugs ?? [])], invariants: [...RS_INVARIANTS], steps: [], [DRAW]: d };
      Object.defineProperty(s, fc.toStringMethod, { value: () => JSON.stringify(d), enumerable: false });
      return s;
    });
    const test = (s: Scenario): Outcome => {
      const r = runDraw((s as Carrier)[DRAW], opts.bugs ?? []);
      if (!r.finding) return { events: r.events };
      const finding: Finding = { ...r.finding, objects: [], counterexample: r.scenario };
      return { events: r.events, finding };
    };
    return checkScenarios(this.name, arb, test, opts);
  },
};

