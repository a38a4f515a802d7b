// The public library's conveniences: what `import ... from 'kubemodel'`
// offers beyond the layers' own functions — a cluster, a scenario run and a
// property run that default to the built-in controllers, builders for
// scenarios, invariants and properties, and a property's shrunk
// counterexample as a scenario file. The curated list of exports is index.ts.
import fc from 'fast-check';
import type { KubeObject } from '../model/api/types.js';
import { Cluster as RuntimeCluster, type ClusterOptions as RuntimeClusterOptions } from '../runtime/cluster.js';
import type { ControllerDefinition } from '../runtime/controllers/definition.js';
import type { NodeSpecInput } from '../runtime/config.js';
import { defaultNodes } from '../runtime/nodes.js';
import { runScenario as drive, type RunOptions, type RunResult } from '../runtime/scenario/run.js';
import { ScenarioError, type Scenario, type Step } from '../runtime/scenario/types.js';
import { readLimited } from '../runtime/scenario/load.js';
import { ManifestError, parseManifests } from '../model/api/manifest.js';
import type { WatchEventType } from '../runtime/watch.js';
import { builtinControllers } from './controllers/index.js';
import type { ControllerModule } from './controllers/module.js';
import type { Invariant } from './invariants/types.js';
import { checkScenarios, type Property, type PropertyOptions, type PropertyResult } from './suites/types.js';
import { driveOutcome } from './suites/findings.js';
import { harnessOf } from './registry.js';
import { scenarioToYaml, withUsedImages } from './counterexample.js';
import { testSeed } from './test-seed.js';
import { GENERATED, step as makeStep } from './generators/scenario.js';

export interface ClusterOptions extends Omit<RuntimeClusterOptions, 'controllers' | 'nodes'> {
  /** A node count (node-1..node-N, 4 cpu, 16Gi, 110 pods each) or node specs; default 3. */
  nodes?: number | NodeSpecInput[];
  /** Default: the built-in controllers. */
  controllers?: readonly ControllerDefinition[];
}

const nodesOf = (n: number | NodeSpecInput[] | undefined): NodeSpecInput[] => (Array.isArray(n) ? n : defaultNodes(n ?? 3));

/** A simulated cluster: by default 3 nodes and the built-in controllers. */
export class Cluster extends RuntimeCluster {
  constructor(opts: ClusterOptions = {}) {
    super({ ...opts, nodes: nodesOf(opts.nodes), controllers: opts.controllers ?? builtinControllers });
  }
}

export interface ScenarioRunOptions extends Partial<RunOptions> {
  /** Keep every change of the store, in order, as `kubemodel run --watch` prints them (result.watch). */
  watch?: boolean;
}

export interface ScenarioRun extends RunResult {
  /** With `watch: true`: every ADDED, MODIFIED and DELETED, in the order it happened. */
  watch: Array<{ type: WatchEventType; object: KubeObject }>;
  /** Every object in the store at the end, Events included. */
  objects: KubeObject[];
}

/**
 * Run a scenario as `kubemodel run` does: with the built-in controllers unless
 * told otherwise, the invariants the scenario names (from the controllers'
 * harness), and the result as data.
 */
export function runScenario(scenario: Scenario, opts: ScenarioRunOptions = {}): ScenarioRun {
  const controllers = (opts.controllers ?? builtinControllers) as readonly ControllerModule[];
  const watch: ScenarioRun['watch'] = [];
  const onWatch = opts.watch ? (type: WatchEventType, object: KubeObject, timeMs: number) => { watch.push({ type, object }); opts.onWatch?.(type, object, timeMs); } : opts.onWatch;
  const r = drive(scenario, { ...opts, controllers, onWatch, invariants: opts.invariants ?? harnessOf(controllers).checkers(scenario.invariants) });
  return { ...r, watch, objects: r.cluster.objects() };
}

/** The objects of a YAML manifest file (multi-document), as `apply: FILE` reads them; a bad file is a ScenarioError. */
export function readManifests(path: string): KubeObject[] {
  try {
    return parseManifests(readLimited(path), path).map((d) => d.object);
  } catch (e) {
    if (e instanceof ManifestError) throw new ScenarioError({ file: e.file, line: e.line, col: e.col }, e.message);
    throw e;
  }
}

/** A step, as a scenario file writes it: `step('scale', 'deploy/web', { replicas: 3 })`. */
export const step = makeStep;

/**
 * A step chosen when it runs: `pick` sees the cluster as it is then and names
 * the step (or nothing, to leave it out) — "fail the second pod that exists".
 * The driver records the step it named, so a counterexample replays exactly.
 */
export function pickStep(pick: (cluster: RuntimeCluster) => Step | undefined): Step {
  return { ...step('wait', '0s'), resolve: (c) => { const s = pick(c); return s ? [s] : []; } };
}

export interface ScenarioParts {
  name?: string;
  seed?: number;
  nodes?: number | NodeSpecInput[];
  images?: Scenario['images'];
  bugs?: string[];
  invariants?: Scenario['invariants'];
  /** Paths of controller modules a replay must load (`controllers:` in the file): absolute, or relative to where it is run. */
  controllers?: string[];
  steps: Step[];
}

/** A scenario built in code (the same shape a file loads into). */
export function scenario(p: ScenarioParts): Scenario {
  const s: Scenario = {
    file: '<code>', name: p.name ?? 'scenario', seed: p.seed ?? 1, nodes: nodesOf(p.nodes), config: {}, images: p.images ?? {},
    bugs: p.bugs ?? [], invariants: p.invariants ?? [], steps: p.steps,
  };
  if (p.controllers) s.controllers = p.controllers.map((path) => ({ path, pos: GENERATED }));
  return s;
}

/** Check an invariant's shape and return it. */
export function defineInvariant(inv: Invariant): Invariant {
  if (!inv || typeof inv.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(inv.name)) throw new TypeError(`invariant name ${JSON.stringify(inv?.name)} must be a lowercase DNS label`);
  if (typeof inv.create !== 'function') throw new TypeError(`invariant "${inv.name}": create(cluster) must be a function`);
  return inv;
}

export interface PropertyDefinition {
  name: string;
  description: string;
  /** Checked after every event (and, for liveness ones, at the end). */
  invariants: readonly Invariant[];
  /** The scenarios to try: an arbitrary, or one made from the run's options (its bugs, say). */
  scenarios: fc.Arbitrary<Scenario> | ((opts: PropertyOptions) => fc.Arbitrary<Scenario>);
  defaultRuns?: number;
}

/**
 * A property: scenarios drawn by fast-check, each run the property way (steps
 * that do not apply are skipped) with the invariants after every event; a
 * failure shrinks to the steps that ran.
 */
export function defineProperty(d: PropertyDefinition): Property {
  return {
    name: d.name, description: d.description, invariant: d.invariants.map((i) => i.name).join(', '), defaultRuns: d.defaultRuns ?? 100,
    run(opts) {
      const arb = typeof d.scenarios === 'function' ? d.scenarios(opts) : d.scenarios;
      const bugs = opts.bugs ?? [];
      return checkScenarios(d.name, arb.map((s) => ({ ...s, bugs: [...new Set([...s.bugs, ...bugs])] })), (s) => driveOutcome(s, d.invariants, opts.controllers, { interrupt: opts.interrupt }), opts);
    },
  };
}

export interface PropertyRunOptions extends Partial<Omit<PropertyOptions, 'controllers'>> {
  /** Default: the built-in controllers. */
  controllers?: readonly ControllerModule[];
}

export interface PropertyRun extends PropertyResult {
  /** On failure: the shrunk counterexample as a scenario file that `kubemodel run` replays. */
  counterexampleYaml?: string;
}

/**
 * Run a property from code (a vitest file, say): the seed is KUBEMODEL_SEED or
 * a fixed default unless given, runs the property's default count.
 */
export function runProperty(p: Property, opts: PropertyRunOptions = {}): PropertyRun {
  const controllers = opts.controllers ?? builtinControllers;
  const r: PropertyRun = p.run({ ...opts, controllers, seed: opts.seed ?? testSeed(), runs: opts.runs ?? p.defaultRuns });
  if (r.failure) {
    const f = r.failure;
    const ce = withUsedImages({ ...f.counterexample, name: `counterexample-${p.name}-${f.seed}`, description: `Shrunk counterexample of ${p.name}: ${f.invariant}: ${f.message}` });
    r.counterexampleYaml = scenarioToYaml(ce, [`Found by property ${p.name}, seed ${f.seed}, fast-check path ${f.path}.`, `Violation: ${f.invariant}: ${f.message}`]);
  }
  return r;
}

export { fc };
