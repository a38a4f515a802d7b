// An invariant: a named predicate over the cluster (and, where it needs one,
// over the history of changes), checked after every event of a run.
import type { Cluster } from '../../runtime/cluster.js';
import type { RunInvariant } from '../../runtime/scenario/run.js';

export interface Invariant {
  name: string;
  /** One line: what must hold. */
  description: string;
  /** The upstream guarantee it encodes and the real bug it guards against. */
  guards: string;
  /**
   * `safety` (default): must hold after every event — what `invariants: all` selects.
   * `liveness`: judged at the end of a run that ends quietly (faults healed, no
   * operations for a while); a scenario names it to have it checked.
   */
  kind?: 'safety' | 'liveness';
  /** A checker bound to one cluster; it may subscribe to the store's changes for history. */
  create(cluster: Cluster): RunInvariant;
}
