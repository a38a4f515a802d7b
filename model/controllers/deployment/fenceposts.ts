// The rolling-update arithmetic: how far above `replicas` a rollout may go
// (maxSurge, a percentage rounded UP) and how far below (maxUnavailable,
// rounded DOWN). Rounding this way keeps a rollout of a small Deployment
// safe: 25%/25% of 1 replica is surge 1, unavailable 0 — surge first, never
// a moment with nothing running. If both resolve to 0 (validation forbids
// writing both as 0, but rounding can get there) unavailable becomes 1, on
// the theory that surging might be impossible (quota).
// upstream: pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts, MaxUnavailable, MaxSurge,
//           NewRSNewReplicas), k8s.io/apimachinery/pkg/util/intstr (GetScaledValueFromIntOrPercent)
import type { KubeObject } from '../../api/types.js';

/** Known-bug switch: maxUnavailable percentages rounded up (catalogue: deploy-rounds-unavailable-up). */
export interface FencepostBugs { roundUnavailableUp?: boolean }

/** upstream GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` rounded up or down. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) {
    if (/^\d+$/.test(String(v))) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid value "${String(v)}"`);
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** upstream ResolveFenceposts: [surge, unavailable] for `desired` replicas. */
export function resolveFenceposts(maxSurge: unknown, maxUnavailable: unknown, desired: number, bugs: FencepostBugs = {}): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, bugs.roundUnavailableUp === true);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export const isRollingUpdate = (d: KubeObject): boolean => d.spec?.strategy?.type === 'RollingUpdate';
export const replicasOf = (o: KubeObject | undefined): number => o?.spec?.replicas ?? 0;

/** upstream MaxUnavailable: 0 for Recreate or 0 replicas, and never more than replicas. */
export function maxUnavailable(d: KubeObject, bugs: FencepostBugs = {}): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const [, unavailable] = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicas, bugs);
  return Math.min(unavailable, replicas);
}

/** upstream MaxSurge: 0 for Recreate. */
export function maxSurge(d: KubeObject): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d))[0];
}

/** Σ spec.replicas: what upstream calls the pod count of a set of ReplicaSets (GetReplicaCountForReplicaSets). */
export function specReplicaSum(rss: readonly (KubeObject | undefined)[]): number {
  let n = 0;
  for (const rs of rss) n += replicasOf(rs);
  return n;
}

/**
 * upstream NewRSNewReplicas: the size the new ReplicaSet may grow to now. RollingUpdate: up to
 * replicas + maxSurge in total (counting spec.replicas of every ReplicaSet), never past replicas.
 * Recreate: replicas.
 */
export function newRSNewReplicas(d: KubeObject, allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValue(d.spec.strategy.rollingUpdate?.maxSurge ?? 0, replicas, true);
  const current = specReplicaSum(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}
