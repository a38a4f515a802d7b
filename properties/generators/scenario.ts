// Whole scenarios as plain data (runtime/scenario/types.ts): a cluster, the
// image behaviours, and steps resolved from abstract draws against a small
// model of what exists — which nodes are up, crashed, partitioned, removed
// or cordoned (tracked with the hardware machine), which pods were applied —
// so that every node step is valid where it stands. (Whether a pod still
// exists or is bound to a node is up to the cluster; the driver skips pod
// steps whose pod is not there.) Which verbs are drawn, how often, and how
// each resolves is the verb table's (`generate` on each verb).
import fc from 'fast-check';
import type { KubeObject } from '../../model/api/types.js';
import type { NodeSpecInput } from '../../runtime/config.js';
import type { Cluster } from '../../runtime/cluster.js';
import type { Position, Scenario, Step } from '../../runtime/scenario/types.js';
import { describeStep } from '../../runtime/scenario/describe.js';
import { VERB_LIST, verbOf, type GenKit, type GenModel } from '../../runtime/scenario/verbs/index.js';
import { nodeSpecOf, rawNodeArb, type RawNode } from './nodes.js';
import { imagesArb, podManifest, rawPodArb } from './pods.js';
import { componentArb, enabled, profileArb, waitArb, type Profile } from './ops.js';
import { append } from '../../model/append.js';

export const GENERATED: Position = { file: '<generated>', line: 0, col: 0 };

export function step(verb: string, value: unknown, options: Record<string, unknown> = {}): Step {
  const s: Step = { verb, value, options, pos: GENERATED };
  if (verb === 'apply' || verb === 'create') {
    const objs = (Array.isArray(value) ? value : [value]) as KubeObject[];
    s.objects = objs.map((object) => ({ object, pos: GENERATED, locate: () => GENERATED }));
  }
  return s;
}

/** A step chosen when it runs: `pick` names it from the cluster as it is then (undefined: left out). */
export function late(pick: (c: Cluster) => Step | undefined): Step {
  return { ...step('wait', '0s'), resolve: (c) => { const s = pick(c); return s ? [s] : []; } };
}

/** A per-controller property's scenario from its draw: fast-check prints the draw as the counterexample's name. */
export function drawnScenario(draw: { seed: number }, s: Pick<Scenario, 'name' | 'nodes' | 'invariants' | 'steps'> & Partial<Pick<Scenario, 'images'>> & { bugs: readonly string[] }): Scenario {
  const out: Scenario = { file: '<generated>', seed: draw.seed, config: {}, images: {}, ...s, bugs: [...s.bugs] };
  Object.defineProperty(out, fc.toStringMethod, { value: () => JSON.stringify(draw), enumerable: false });
  return out;
}

/** An `exclude` entry: no `watch-delay ... --delay=0s` (ending a delay), in the random steps or when healing. */
export const WATCH_DELAY_OFF = 'watch-delay-off';

/** What the verbs' generators are handed. */
export const GEN_KIT: GenKit = {
  fc, index: fc.nat({ max: 63 }), rawPod: rawPodArb, rawNode: rawNodeArb, wait: waitArb, component: componentArb,
  podManifest, nodeSpecOf, step, watchDelayOff: WATCH_DELAY_OFF,
};

/** One drawn operation: a verb and its draw. */
export interface RawOp { verb: string; d: unknown }

const DRAWN = VERB_LIST.filter((v) => v.generate);
/** The names of the verbs random scenarios draw. */
export const GENERATED_VERBS: readonly string[] = DRAWN.map((v) => v.name);

export const opArb: fc.Arbitrary<RawOp> = fc.oneof(
  ...DRAWN.map((v) => ({ weight: v.generate!.weight, arbitrary: v.generate!.draw(GEN_KIT).map((d): RawOp => ({ verb: v.name, d })) })),
);

/** What the steps so far have done to the cluster, as far as the generator can know it. */
export type ModelState = GenModel;

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

export interface RawScenario { seed: number; profile: Profile; nodes: RawNode[]; images: Scenario['images']; ops: RawOp[] }

export interface ScenarioOptions {
  /** Most random steps (before the suffix). Default 25. */
  maxSteps?: number;
  maxNodes?: number;
  bugs?: readonly string[];
  invariants?: readonly string[];
  name?: string;
  /** Verbs never to generate (a runtime bug under repair, say), and WATCH_DELAY_OFF. */
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
  const m: ModelState = {
    nodes: nodes.map((n) => ({ name: n.name, hw: 'up', cordoned: false })), pods: [], delayed: new Set(),
    exclude: o.exclude ?? [], small: raw.profile.small, burst: raw.profile.burst,
  };
  const steps: Step[] = [];
  for (const op of raw.ops) {
    const gen = verbOf(op.verb)!.generate!;
    if (!enabled(raw.profile, gen.group) || o.exclude?.includes(op.verb)) continue;
    const s = gen.resolve(op.d, m, GEN_KIT);
    if (s) steps.push(s);
  }
  append(steps, (o.suffix?.(m) ?? []));
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
