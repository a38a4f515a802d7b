// The property driver: runs a generated scenario the way runScenario does
// (same cluster, same steps, same settle after each step, invariants after
// every event), with two differences the properties need:
//
// - A step that does not apply where it stands — deleting a pod that is
//   already gone, failing a pod no node runs — is skipped instead of failing
//   the run. Generators cannot know what the cluster did with a pod; the
//   driver can. Only steps that passed make up `executed`, which is the
//   scenario a counterexample file holds, so `kubemodel run` replays exactly
//   what ran.
// - The run stops at the first violation (the rest cannot un-violate it),
//   with the cluster frozen at that event, so the objects involved can be shown.
//
// The same-seed-same-trace property checks that this driver and runScenario
// produce byte-identical watch streams, which is what makes the replay promise hold.
import type { KubeObject } from '../model/api/types.js';
import { Cluster } from '../runtime/cluster.js';
import { executeStep } from '../runtime/scenario/run.js';
import { parseTarget } from '../runtime/scenario/target.js';
import type { RunInvariant, Violation } from '../runtime/scenario/run.js';
import type { Scenario, Step } from '../runtime/scenario/types.js';
import type { WatchEventType } from '../runtime/watch.js';
import type { NodeSpecInput } from '../runtime/config.js';

export interface DriveOptions {
  seed?: number;
  bugs?: readonly string[];
  invariants?: readonly RunInvariant[];
  onWatch?: (type: WatchEventType, obj: KubeObject) => void;
  /** Stop at the first violation (default true). */
  stopOnViolation?: boolean;
  maxEvents?: number;
}

export interface DriveResult {
  cluster: Cluster;
  /** The steps that ran, in order: up to and including the one during which the first violation happened. */
  executed: Step[];
  skipped: number;
  violations: Violation[];
  /** Clock tasks run: the events the invariants were checked after. */
  events: number;
  /**
   * An exception out of the cluster (a component's API call failing, a broken
   * step): runScenario would end the run with it, so it is a failure too.
   */
  error?: Error;
}

class Stop extends Error {}

const ns = (s: Step) => (s.options.namespace as string | undefined) ?? 'default';
const name = (s: Step, kind?: string) => parseTarget(s.value, kind).name;
const HW_FROM: Record<string, readonly string[]> = {
  'node-crash': ['up', 'partitioned'], 'node-recover': ['crashed'], 'node-partition': ['up'], 'node-heal': ['partitioned'],
  'node-remove': ['up', 'crashed', 'partitioned'], drain: ['up'],
};

/** Would this step run without error here? (runScenario would stop the run with a ScenarioError.) */
export function applicable(c: Cluster, s: Step): boolean {
  const { store } = c;
  switch (s.verb) {
    case 'apply': case 'create':
      return (s.objects ?? []).every((o) => !o.object.metadata.name || !store.get(o.object.kind, o.object.metadata.namespace ?? 'default', o.object.metadata.name));
    case 'delete': { const t = parseTarget(s.value); return Boolean(store.get(t.kind.kind, t.kind.namespaced ? ns(s) : undefined, t.name)); }
    case 'cordon': case 'uncordon': return Boolean(store.get('Node', undefined, name(s, 'node')));
    case 'node-add': { const n = (s.value as NodeSpecInput).name; return !c.kubelets.has(n) && !store.get('Node', undefined, n); }
    case 'pod-fail': case 'pod-unready': case 'pod-ready': {
      const pod = store.get('Pod', ns(s), name(s, 'pod'));
      return Boolean(pod?.spec?.nodeName && c.kubelets.has(pod.spec.nodeName));
    }
    case 'label': case 'patch': {
      const t = parseTarget(s.value);
      const o = store.get(t.kind.kind, t.kind.namespaced ? ns(s) : undefined, t.name);
      if (!o) return false;
      // The API server lets a pod's activeDeadlineSeconds be set or lowered, never raised.
      const want = (s.options.merge as any)?.spec?.activeDeadlineSeconds;
      const have = o.spec?.activeDeadlineSeconds;
      return want === undefined || have === undefined || want < have;
    }
    default: {
      const from = HW_FROM[s.verb];
      if (!from) return true;
      try { return from.includes(c.nodeState(name(s, 'node'))); } catch { return false; }
    }
  }
}

export function drive(scenario: Scenario, opts: DriveOptions = {}): DriveResult {
  const cluster = new Cluster({
    seed: opts.seed ?? scenario.seed, nodes: scenario.nodes, config: scenario.config, images: scenario.images,
    bugs: [...scenario.bugs, ...(opts.bugs ?? [])], maxEvents: opts.maxEvents,
  });
  const result: DriveResult = { cluster, executed: [], skipped: 0, violations: [], events: 0 };
  if (opts.onWatch) {
    for (const o of cluster.objects()) opts.onWatch('ADDED', o);
    cluster.store.onChange((type, obj) => opts.onWatch!(type, obj));
  }
  const stopOnViolation = opts.stopOnViolation ?? true;
  const invariants = opts.invariants ?? [];
  const violated = new Set<string>();
  const startTasks = cluster.clock.tasksRun;
  const check = () => {
    for (const inv of invariants) {
      if (violated.has(inv.name)) continue;
      const message = inv.check(cluster);
      if (!message) continue;
      violated.add(inv.name);
      result.violations.push({ invariant: inv.name, message, timeMs: cluster.clock.now(), step: result.executed.length - 1 });
      if (stopOnViolation) throw new Stop();
    }
  };
  if (invariants.length > 0) cluster.clock.afterTask = check;
  try {
    for (const s of scenario.steps) {
      if (!applicable(cluster, s)) { result.skipped++; continue; }
      result.executed.push(s);
      executeStep(cluster, s);
      cluster.settle();
    }
    if (invariants.length > 0) check();
  } catch (e) {
    if (!(e instanceof Stop)) result.error = e instanceof Error ? e : new Error(String(e));
  } finally {
    cluster.clock.afterTask = undefined;
    result.events = cluster.clock.tasksRun - startTasks;
  }
  return result;
}
