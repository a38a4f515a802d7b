// Proportional scaling: when a Deployment is resized while more than one of
// its ReplicaSets has replicas (mid-rollout, or paused mid-rollout), the
// change is shared out in proportion to each ReplicaSet's size, so the mix
// of old and new pods stays what the rollout had reached. Each ReplicaSet
// gets round(size × newMax / oldMax) − size, where the max is replicas +
// maxSurge (the old one read from the max-replicas annotation); the shares
// never add up past what is to be added, and what rounding leaves over goes
// to the largest ReplicaSet. Example (e2e "proportional scaling"): 8 old and
// 5 new of 10+3, scaled to 30 (+3 = 33): round(8·33/13) = 20 and
// round(5·33/13) = 13.
// upstream: pkg/controller/deployment/sync.go (scale), deployment_util.go (GetProportion, getReplicaSetFraction)
import type { KubeObject } from '../../api/types.js';
import { MAX_REPLICAS, intAnnotation } from './annotations.js';
import { maxSurge, replicasOf, specReplicaSum } from './fenceposts.js';
import { bySizeNewer, bySizeOlder, filterActive } from './replicasets.js';

/** Go's math.Round: halves away from zero. */
export const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** upstream getReplicaSetFraction: the change this ReplicaSet's share of the new size asks for. */
export function replicaSetFraction(rs: KubeObject, d: KubeObject): number {
  const replicas = replicasOf(d);
  if (replicas === 0) return -replicasOf(rs);
  const newMax = replicas + maxSurge(d);
  let oldMax = intAnnotation(rs, MAX_REPLICAS);
  // No annotation (someone scaled the ReplicaSet by hand): fall back to the Deployment's status.
  if (oldMax === undefined || oldMax === 0) oldMax = d.status?.replicas ?? 0;
  if (!oldMax) return 0;
  return roundHalfAway((replicasOf(rs) * newMax) / oldMax) - replicasOf(rs);
}

/** upstream GetProportion: the fraction, bounded by what is still to be added (or removed). */
export function getProportion(rs: KubeObject | undefined, d: KubeObject, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export interface ScalePlan { rs: KubeObject; replicas: number }

/**
 * The sizes proportional scaling gives every active ReplicaSet, in the order upstream writes them
 * (largest first; ties newer first when growing, older first when shrinking).
 */
export function proportionalPlan(d: KubeObject, newRS: KubeObject | undefined, oldRSs: readonly KubeObject[]): ScalePlan[] {
  const all = filterActive([...oldRSs, newRS]);
  const replicas = replicasOf(d);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - specReplicaSum(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const p = getProportion(rs, d, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return all.map((rs, i) => ({ rs, replicas: sizes[i]! }));
}
