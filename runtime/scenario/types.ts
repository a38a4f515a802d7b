// A scenario as the runner executes it: the file's content, checked and
// resolved (manifests loaded and admitted in a dry run), with the position of
// everything so that any later error can point into the file.
import type { KubeObject } from '../../model/api/types.js';
import { oneLine } from '../../model/api/errors.js';
import type { ClusterConfig, FeatureGates, ImageBehaviour, NodeSpecInput } from '../config.js';

export interface Position { file: string; line: number; col: number }

/** One line `error: FILE:LINE:COL: message`; exit status 2. */
export class ScenarioError extends Error {
  constructor(readonly pos: Position, message: string) { super(message); this.name = 'ScenarioError'; }
  /** One line, always: control characters in the file name or the message are escaped. */
  format(): string { return `error: ${oneLine(this.pos.file)}:${this.pos.line}:${this.pos.col}: ${oneLine(this.message)}`; }
}

export interface LoadedObject { object: KubeObject; pos: Position; locate(path: string): Position }

export interface Check {
  get: string;
  path?: string;
  count?: number;
  equals?: unknown;
  exists?: boolean;
  atLeast?: number;
  atMost?: number;
  pos: Position;
}

export interface Step {
  verb: string;
  /** The verb's value (a target name, a duration, a path...). */
  value: unknown;
  options: Record<string, unknown>;
  pos: Position;
  /** For apply/create: the objects, loaded and checked. */
  objects?: LoadedObject[];
  /** For expect. */
  checks?: Check[];
  /**
   * A step chosen as it runs: the concrete steps it stands for where the
   * cluster is then (none: it is left out). Generators use it to name "the
   * third pod that exists"; the driver records the steps it yields.
   */
  resolve?: (cluster: import('../cluster.js').Cluster) => Step[];
}

export interface Scenario {
  file: string;
  name: string;
  description?: string;
  seed: number;
  nodes: NodeSpecInput[];
  config: Partial<ClusterConfig>;
  images: Record<string, ImageBehaviour>;
  /** Feature gates switched on or off (`cluster.featureGates`); absent: v1.32's defaults. */
  featureGates?: Partial<FeatureGates>;
  bugs: string[];
  invariants: 'all' | string[];
  /** Where each named invariant is written (for an unknown-name error). */
  invariantPositions?: Position[];
  /** The run's limits (`cluster.limits`): objects besides Events, events, virtual time in all. */
  limits?: Partial<import('./limits.js').ScenarioLimits>;
  /** Modules of users' controllers to load beside the built-ins (`controllers:`), as absolute paths. */
  controllers?: Array<{ path: string; pos: Position }>;
  /** Where each `cluster.bugs` entry is written: which bugs exist depends on the controllers, checked before the run. */
  bugPositions?: Position[];
  steps: Step[];
}

/** A limit on everything: scenario size and length. */
export const LIMITS = {
  steps: 10_000,
  nodes: 10_000,
  waitMs: 30 * 24 * 3600 * 1000,
  requestCount: 100_000,
};
