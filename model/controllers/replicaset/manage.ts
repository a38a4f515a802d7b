// The ReplicaSet reconcile, pure: given the active pods a ReplicaSet (or a
// ReplicationController, which upstream runs through the same code) controls
// after claiming, how many pods to create and which to delete. The runtime
// performs the plan — creates in slow-start batches, expectations set before
// the first call — and this module never touches the API.
//
// Why at most 500 at a time (burstReplicas): a sync that asks for 10,000 pods
// would hold the controller for one huge burst and flood the API server; the
// rest come on the next sync, once the first batch has been observed.
// upstream: pkg/controller/replicaset/replica_set.go (manageReplicas, BurstReplicas, getIndirectlyRelatedPods)
import type { KubeObject } from '../../api/types.js';
import { selectorFromLabelSelector, selectorFromSet, type Selector } from '../../labels/index.js';
import { BURST_REPLICAS } from '../podutil.js';
import { podsToDelete } from './rank.js';

export { podsToDelete, compareForDeletion, rankPods, deletionCost, POD_DELETION_COST, type RankedPod } from './rank.js';
export { calculateStatus, statusUnchanged, REPLICA_FAILURE, type ReplicaStatus, type ReplicaSetCondition, type StatusInput } from './status.js';

export interface ManageInput {
  /** spec.replicas. */
  replicas: number;
  /** The active pods the owner controls after claiming. */
  active: readonly KubeObject[];
  /** Pods of every ReplicaSet with the same controller, for the colocation rank (default: none). */
  related?: readonly KubeObject[];
  burst?: number;
  /** Virtual now, for the logarithmic time buckets; undefined compares times exactly. */
  nowMs?: number;
  parse: (iso: string) => number;
}

export interface ManagePlan {
  /** Pods to create from the template (at most the burst). */
  create: number;
  /** Pods to delete, best candidates first (at most the burst). */
  delete: KubeObject[];
}

/**
 * upstream manageReplicas' arithmetic: diff = active − replicas; too few →
 * create min(−diff, burst); too many → delete the min(diff, burst) best-ranked.
 * `related` defaults to none, as upstream for a ReplicaSet without a
 * controller (its colocation rank is then 0 for every pod).
 */
export function manageReplicas(i: ManageInput): ManagePlan {
  const burst = i.burst ?? BURST_REPLICAS;
  const diff = i.active.length - i.replicas;
  if (diff < 0) return { create: Math.min(-diff, burst), delete: [] };
  if (diff > 0) return { create: 0, delete: podsToDelete(i.active, i.related ?? [], Math.min(diff, burst), i.nowMs, i.parse) };
  return { create: 0, delete: [] };
}

/** The two API flavours of the same controller. */
export type ReplicaKind = 'ReplicaSet' | 'ReplicationController';

/**
 * The owner's pod selector: apps/v1 has a LabelSelector (nil selects nothing,
 * `{}` everything); core/v1 a plain map (empty selects everything; admission
 * defaults it from the template labels). Throws SelectorError on a bad one.
 */
export function ownerSelector(owner: KubeObject): Selector {
  if (owner.kind === 'ReplicationController') return selectorFromSet(owner.spec?.selector);
  return selectorFromLabelSelector(owner.spec?.selector);
}
