// One step of a rolling update, as pure plans the controller then writes.
// Each sync either grows the new ReplicaSet or shrinks old ones, never both:
// growth is bounded by replicas + maxSurge counted over every ReplicaSet's
// spec.replicas; shrinking is bounded by availability, replicas −
// maxUnavailable, counted from the ReplicaSets' status.availableReplicas.
// Old ReplicaSets' unavailable replicas go first (oldest ReplicaSet first):
// removing them costs no availability, and a rollout stuck behind them would
// otherwise never finish (kubernetes issue 16737). The new ReplicaSet's own
// unavailable pods hold the scale-down back, so a broken image stalls the
// rollout instead of eating into capacity.
// upstream: pkg/controller/deployment/rolling.go (reconcileNewReplicaSet, reconcileOldReplicaSets,
//           cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate)
import type { KubeObject } from '../../api/types.js';
import { maxUnavailable, newRSNewReplicas, replicasOf, specReplicaSum, type FencepostBugs } from './fenceposts.js';
import { availableReplicas, byCreationTimestamp } from './replicasets.js';
import type { ScalePlan } from './proportion.js';

/** upstream reconcileNewReplicaSet: the new ReplicaSet's next size, or undefined when it stays. */
export function planNewReplicaSet(d: KubeObject, allRSs: readonly KubeObject[], newRS: KubeObject): number | undefined {
  const replicas = replicasOf(d);
  if (replicasOf(newRS) === replicas) return undefined;
  if (replicasOf(newRS) > replicas) return replicas;
  const next = newRSNewReplicas(d, allRSs, newRS);
  return next === replicasOf(newRS) ? undefined : next;
}

/** A scale-down upstream refuses (a ReplicaSet reporting more available replicas than it has): the sync fails and retries. */
export class InvalidScaleDown extends Error {}

/**
 * upstream reconcileOldReplicaSets: the old ReplicaSets' new sizes, in write order (the unhealthy
 * clean-up first, then the availability-bounded scale-down). Empty when nothing may shrink.
 */
export function planOldReplicaSets(
  d: KubeObject, allRSs: readonly KubeObject[], oldRSs: readonly KubeObject[], newRS: KubeObject, bugs: FencepostBugs = {},
): ScalePlan[] {
  const active = oldRSs.filter((rs) => replicasOf(rs) > 0);
  if (specReplicaSum(active) === 0) return [];
  const minAvailable = replicasOf(d) - maxUnavailable(d, bugs);
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicaSum(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return [];

  const plans: ScalePlan[] = [];
  // Working sizes: the clean-up's results feed the availability step, as upstream replaces oldRSs[i].
  const size = new Map<string, number>(active.map((rs) => [rs.metadata.uid!, replicasOf(rs)]));
  const cur = (rs: KubeObject) => size.get(rs.metadata.uid!)!;
  const sorted = [...active].sort(byCreationTimestamp);

  let cleaned = 0;
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (cur(rs) === 0 || cur(rs) === available) continue;
    const count = Math.min(maxScaledDown - cleaned, cur(rs) - available);
    const next = cur(rs) - count;
    if (next > cur(rs)) {
      throw new InvalidScaleDown(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${cur(rs)} -> ${next}`);
    }
    size.set(rs.metadata.uid!, next);
    plans.push({ rs, replicas: next });
    cleaned += count;
  }

  // upstream scaleDownOldReplicaSetsForRollingUpdate: availability counted over every ReplicaSet.
  const available = availableReplicas([...sorted, newRS]);
  if (available > minAvailable) {
    const total = available - minAvailable;
    let done = 0;
    for (const rs of sorted) {
      if (done >= total) break;
      if (cur(rs) === 0) continue;
      const count = Math.min(cur(rs), total - done);
      size.set(rs.metadata.uid!, cur(rs) - count);
      plans.push({ rs, replicas: cur(rs) });
      done += count;
    }
  }
  return plans;
}
