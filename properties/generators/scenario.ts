// Whole scenarios as plain data (runtime/scenario/types.ts): a cluster, the
// image behaviours, and steps resolved from abstract operations against a
// small model of what exists — which nodes are up, crashed, partitioned,
// removed or cordoned, which pods were applied — so that every node step is
// valid where it stands. (Whether a pod still exists or is bound to a node is
// up to the cluster; the driver skips pod steps whose pod is not there.)
import fc from 'fast-check';
import type { KubeObject } from '../../model/api/types.js';
import type { NodeSpecInput } from '../../runtime/config.js';
import type { Position, Scenario, Step } from '../../runtime/scenario/types.js';
import { describeStep } from '../../runtime/scenario/describe.js';
import { nodeSpecOf, rawNodeArb, type RawNode } from './nodes.js';
import { imagesArb, podManifest } from './pods.js';
import { enabled, opArb, profileArb, type Op, type Profile } from './ops.js';

export const GENERATED: Position = { file: '<generated>', line: 0, col: 0 };

export function step(verb: string, value: unknown, options: Record<string, unknown> = {}): Step {
  const s: Step = { verb, value, options, pos: GENERATED };
  if (verb === 'apply' || verb === 'create') {
    const objs = (Array.isArray(value) ? value : [value]) as KubeObject[];
    s.objects = objs.map((object) => ({ object, pos: GENERATED, locate: () => GENERATED }));
  }
  return s;
}

type HwState = 'up' | 'crashed' | 'partitioned' | 'removed';
interface NodeModel { name: string; hw: HwState; cordoned: boolean }

/** What the steps so far have done to the cluster, as far as the generator can know it. */
export interface ModelState { nodes: NodeModel[]; pods: string[]; delayed: Set<string>; exclude: readonly string[] }

/** An `exclude` entry: no `watch-delay ... --delay=0s` (ending a delay), in the random steps or when healing. */
export const WATCH_DELAY_OFF = 'watch-delay-off';

// The hardware machine's transitions (model/machines/hardware.ts): which states a verb applies to.
const FROM: Record<string, readonly HwState[]> = {
  'node-crash': ['up', 'partitioned'], 'node-recover': ['crashed'], 'node-partition': ['up'], 'node-heal': ['partitioned'],
  'node-remove': ['up', 'crashed', 'partitioned'], cordon: ['up', 'crashed', 'partitioned'], uncordon: ['up', 'crashed', 'partitioned'],
  // Only a running node: its kubelet confirms the evictions, so the drain finishes within the grace periods.
  drain: ['up'],
};
const TO: Record<string, HwState | undefined> = {
  'node-crash': 'crashed', 'node-recover': 'up', 'node-partition': 'partitioned', 'node-heal': 'up', 'node-remove': 'removed',
};

/** One operation as a step, or undefined when nothing it could name exists. Updates the model. */
function resolveOp(op: Op, m: ModelState, profile: Profile): Step | undefined {
  switch (op.k) {
    case 'apply': {
      const pods = profile.burst ? op.pods : op.pods.slice(0, 1);
      const objs = pods.map((p) => {
        const name = p.generated ? undefined : `pod-${m.pods.length + 1}`;
        if (name) m.pods.push(name);
        return podManifest(p, name);
      });
      return step('apply', objs);
    }
    case 'wait': return step('wait', op.duration);
    case 'create': {
      // create (not apply): always a fresh name, so AlreadyExists cannot happen.
      const name = `pod-${m.pods.length + 1}`;
      m.pods.push(name);
      return step('create', podManifest(op.pod, name));
    }
    case 'label': case 'patch': {
      if (m.pods.length === 0) return undefined;
      const target = `pod/${m.pods[op.pod % m.pods.length]}`;
      // A pod may change its labels and lower (never raise) activeDeadlineSeconds; generated pods have none.
      return op.k === 'label'
        ? step('label', target, { labels: { track: op.value }, overwrite: true })
        : step('patch', target, { merge: { spec: { activeDeadlineSeconds: op.activeDeadlineSeconds } } });
    }
    case 'delete': {
      if (m.pods.length === 0) return undefined;
      const opts: Record<string, unknown> = {};
      if (op.cascade) opts.cascade = op.cascade;
      if (op.grace !== undefined) opts.grace = op.grace;
      return step('delete', `pod/${m.pods[op.pod % m.pods.length]}`, opts);
    }
    case 'pod-fail': case 'pod-unready': case 'pod-ready': {
      if (m.pods.length === 0) return undefined;
      const name = m.pods[op.pod % m.pods.length]!;
      return op.k === 'pod-fail' ? step('pod-fail', name, { exitCode: op.exitCode }) : step(op.k, name);
    }
    case 'watch-delay':
      if (op.delayS === 0 && m.exclude.includes(WATCH_DELAY_OFF)) return undefined;
      if (op.delayS > 0) m.delayed.add(op.component); else m.delayed.delete(op.component);
      return step('watch-delay', op.component, { delay: `${op.delayS}s` });
    case 'restart': return step('restart', op.component);
    case 'node-add': {
      const name = `node-${m.nodes.length + 1}`;
      m.nodes.push({ name, hw: 'up', cordoned: false });
      return step('node-add', nodeSpecOf(op.node, name, profile.small));
    }
    default: {
      const candidates = m.nodes.filter((n) => FROM[op.k]!.includes(n.hw));
      if (candidates.length === 0) return undefined;
      const n = candidates[op.node % candidates.length]!;
      if (TO[op.k]) n.hw = TO[op.k]!;
      if (op.k === 'cordon' || op.k === 'uncordon' || op.k === 'drain') n.cordoned = op.k !== 'uncordon';
      // Generated pods have no controller: drain needs force, as kubectl does.
      return op.k === 'drain' ? step('drain', n.name, { force: true }) : step(op.k, n.name);
    }
  }
}

/**
 * Faults off, for the liveness phase: every node back up and schedulable, no
 * watch lag. Verbs in `exclude` are left out (a node then stays down).
 */
export function healSteps(m: ModelState, exclude: readonly string[] = []): Step[] {
  const out: Step[] = [];
  for (const n of m.nodes) {
    if (n.hw === 'crashed' && !exclude.includes('node-recover')) out.push(step('node-recover', n.name));
    if (n.hw === 'partitioned' && !exclude.includes('node-heal')) out.push(step('node-heal', n.name));
    if (n.hw !== 'removed' && n.cordoned) out.push(step('uncordon', n.name));
  }
  if (!exclude.includes(WATCH_DELAY_OFF)) for (const c of [...m.delayed].sort()) out.push(step('watch-delay', c, { delay: '0s' }));
  return out;
}

export interface RawScenario { seed: number; profile: Profile; nodes: RawNode[]; images: Scenario['images']; ops: Op[] }

export interface ScenarioOptions {
  /** Most random steps (before the suffix). Default 25. */
  maxSteps?: number;
  maxNodes?: number;
  bugs?: readonly string[];
  invariants?: readonly string[];
  name?: string;
  /** Kinds of operation never to generate (Op['k']): a runtime bug under repair, say. */
  exclude?: readonly string[];
  /** Steps appended after the random ones, given the model's final state (e.g. healSteps and a wait). */
  suffix?: (m: ModelState) => Step[];
}

export const rawScenarioArb = (o: ScenarioOptions = {}): fc.Arbitrary<RawScenario> => fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  profile: profileArb,
  nodes: fc.array(rawNodeArb, { minLength: 1, maxLength: o.maxNodes ?? 6 }),
  images: imagesArb,
  ops: fc.array(opArb, { maxLength: o.maxSteps ?? 25, size: 'max' }),
});

/** The scenario a raw draw stands for. Pure: the same draw gives the same scenario. */
export function buildScenario(raw: RawScenario, o: ScenarioOptions = {}): Scenario {
  const nodes: NodeSpecInput[] = raw.nodes.map((n, i) => nodeSpecOf(n, `node-${i + 1}`, raw.profile.small));
  const m: ModelState = { nodes: nodes.map((n) => ({ name: n.name, hw: 'up', cordoned: false })), pods: [], delayed: new Set(), exclude: o.exclude ?? [] };
  const steps: Step[] = [];
  for (const op of raw.ops) {
    if (!enabled(raw.profile, op) || o.exclude?.includes(op.k)) continue;
    const s = resolveOp(op, m, raw.profile);
    if (s) steps.push(s);
  }
  steps.push(...(o.suffix?.(m) ?? []));
  const scenario: Scenario = {
    file: '<generated>', name: o.name ?? 'generated', seed: raw.seed, nodes, config: {}, images: raw.images,
    bugs: [...(o.bugs ?? [])], invariants: [...(o.invariants ?? [])], steps,
  };
  // fast-check prints a counterexample with this: the steps as kubectl-like lines.
  Object.defineProperty(scenario, fc.toStringMethod, { value: () => scenarioText(scenario), enumerable: false });
  return scenario;
}

export function scenarioArb(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return rawScenarioArb(o).map((raw) => buildScenario(raw, o));
}

/** Nodes, then one kubectl-like line per step. */
export function scenarioText(s: Scenario): string {
  const nodes = s.nodes.map((n) => `${n.name}(${n.capacity?.cpu}cpu,${n.capacity?.memory},${n.capacity?.pods}pods${n.taints?.length ? `,${n.taints[0]!.key}:${n.taints[0]!.effect}` : ''})`);
  return [`seed ${s.seed}; nodes ${nodes.join(' ')}`, ...s.steps.map((st) => describeStep(st))].join('\n');
}
