// The shape of a scenario verb: one object per verb, one file each, all of
// them in one table (index.ts). A verb says how its step is read when the
// file loads (the value's kind, its options, what is required), how it runs
// on a cluster, how it reads as a kubectl-like line, whether it applies where
// the cluster stands (the property driver skips it otherwise), and — for the
// verbs the random scenarios use — how fast-check draws it.
import type { Arbitrary } from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../cluster.js';
import type { NodeSpecInput } from '../../config.js';
import type { CheckResult } from '../run.js';
import type { RequestResult } from '../../controllers/kubeproxy/proxy.js';
import type { Position, Step } from '../types.js';
import type { HardwareState } from '../../../model/machines/hardware.js';

/** How a step's value is read when the file loads (load.ts decodes each kind). */
export type ValueKind = 'target' | 'bareTarget' | 'duration' | 'manifests' | 'checks' | 'nodeSpec' | 'component' | 'name';

export type OptionKind = 'int' | 'nonNegInt' | 'duration' | 'string' | 'map' | 'bool' | 'cascade' | 'any';

/** What a step may add to the run's record while it runs. */
export interface StepRun {
  /** Expectation results (the expect verb). */
  checks: CheckResult[];
  /** The results of request steps, in order. */
  requests: RequestResult[];
  /** The results of resolve steps, in order. */
  lookups: LookupResult[];
  /** The results of evict steps, in order. */
  evictions: EvictionResult[];
}

/** One `evict` step: evicted, or refused with the API's code and message (and the budget's cause). */
export interface EvictionResult {
  pod: string;
  time: string;
  evicted: boolean;
  code?: number;
  message?: string;
  cause?: string;
}

/** One `resolve` step's answer, as `run -o json` lists it under `lookups`. */
export interface LookupResult {
  /** The name asked, as written. */
  query: string;
  namespace: string;
  time: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** The name that answered (after the search list), or the query when none did. */
  name: string;
  answers: ReadonlyArray<{ type: 'A' | 'CNAME'; data: string }>;
}

export interface Verb {
  readonly name: string;
  readonly value: ValueKind;
  /** For a bare target (`node-crash: node-2`): the kind it names. */
  readonly bareKind?: string;
  readonly options: Readonly<Record<string, OptionKind>>;
  /** Options that must be present. */
  readonly required?: readonly string[];
  /** Not modelled in this version: refused when the file loads, with this reason. */
  readonly unsupported?: string;
  /** Load-time checks beyond the value and the options; throw an Error (its message is the error's). */
  check?(step: Step): void;
  /** Run the step; return a message when the run must stop there (a wait that timed out). */
  execute(cluster: Cluster, step: Step, run: StepRun): string | undefined;
  /** The step as a kubectl-like line; default: `VERB VALUE --option=value...`. */
  describe?(step: Step): string;
  /** Whether the step can run where the cluster stands; the property driver skips it otherwise. Default: yes. */
  applicable?(cluster: Cluster, step: Step): boolean;
  /** How random scenarios draw this verb (properties/generators/scenario.ts); absent: never drawn. */
  readonly generate?: VerbGenerator;
}

/** The swarm switch that turns a drawn verb on or off for a whole scenario (properties/generators/ops.ts). */
export type SwarmGroup = 'always' | 'podFaults' | 'deletes' | 'nodeFaults' | 'watchDelay' | 'restarts';

/**
 * What the generator knows of the cluster as it builds a scenario: which
 * nodes exist and what state their hardware is in (tracked with the hardware
 * machine itself), which pods were named, which components lag. Pod facts
 * beyond their names are the cluster's: the driver skips a pod step whose pod
 * is gone.
 */
export interface GenModel {
  nodes: Array<{ name: string; hw: HardwareState; cordoned: boolean }>;
  pods: string[];
  delayed: Set<string>;
  exclude: readonly string[];
  /** The scenario's swarm profile: `small` nodes, `burst` applies. */
  small: boolean;
  burst: boolean;
}

/**
 * The generator's tools, handed in by the property layer so that verbs need
 * no import of it: fast-check itself, the shared arbitraries, and the builders
 * of pod manifests and node specs.
 */
export interface GenKit {
  fc: typeof import('fast-check').default;
  /** A pod or node index (resolved modulo what exists). */
  index: Arbitrary<number>;
  rawPod: Arbitrary<any>;
  rawNode: Arbitrary<any>;
  wait: Arbitrary<string>;
  component: Arbitrary<string>;
  podManifest(raw: any, name: string | undefined): KubeObject;
  nodeSpecOf(raw: any, name: string, small: boolean): NodeSpecInput;
  /** Build a step as if loaded from a file (generated steps have no position). */
  step(verb: string, value: unknown, options?: Record<string, unknown>): Step;
  /** The `exclude` entry that forbids ending a watch delay. */
  watchDelayOff: string;
}

export interface VerbGenerator<D = any> {
  /** Relative frequency among the drawn verbs. */
  readonly weight: number;
  readonly group: SwarmGroup;
  draw(kit: GenKit): Arbitrary<D>;
  /** The step the draw stands for where the model stands (updating the model), or undefined to drop it. */
  resolve(d: D, m: GenModel, kit: GenKit): Step | undefined;
}

/** Why an option value is wrong, or undefined when it is fine. */
export type { Position, Step };
