// The harness's own rolling-update fenceposts, from a Deployment's spec
// alone: how many replicas above spec.replicas a rollout may ask for
// (maxSurge) and how many below it may be unavailable (maxUnavailable).
//
// The rules, as upstream states them:
// - an int is itself; "N%" is N% of spec.replicas, surge rounded up,
//   unavailable rounded down (so 25% of 1 is surge 1, unavailable 0);
// - a field left unset counts as 0;
// - when both come to 0, unavailable is 1 (validation forbids writing both
//   as 0, but rounding can get there);
// - maxUnavailable is never more than spec.replicas, and it is 0 for a
//   Recreate Deployment or one with 0 replicas; maxSurge is 0 for Recreate.
// upstream: pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts, MaxUnavailable, MaxSurge)
//           k8s.io/apimachinery/pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent)
import type { KubeObject } from '../../model/api/types.js';

/** spec.replicas of a Deployment or ReplicaSet (the API server defaults it; 0 when absent, or for no object). */
export function specReplicas(o: KubeObject | undefined): number {
  const r = o?.spec?.replicas;
  return typeof r === 'number' ? r : 0;
}

/**
 * An IntOrString against `total`: an int as it is, "N%" as N·total/100 rounded as asked.
 * A string that is not a percentage never passes validation; meeting one is an error.
 */
export function scaleIntOrPercent(v: unknown, total: number, round: 'up' | 'down'): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const text = String(v);
  const digits = text.endsWith('%') ? text.slice(0, -1) : '';
  if (digits === '' || [...digits].some((c) => c < '0' || c > '9')) {
    throw new Error(`oracle: ${JSON.stringify(v)} is neither an int nor a percentage`);
  }
  // Integer arithmetic: percent × total is exact, and so is its quotient by 100 once rounded.
  const hundredths = Number(digits) * total;
  const whole = Math.floor(hundredths / 100);
  return round === 'up' && whole * 100 < hundredths ? whole + 1 : whole;
}

const rolling = (d: KubeObject): boolean => d.spec?.strategy?.type === 'RollingUpdate';

/** [surge, unavailable] for `replicas`, before the caps MaxUnavailable applies. */
export function fenceposts(maxSurge: unknown, maxUnavailable: unknown, replicas: number): [number, number] {
  const surge = scaleIntOrPercent(maxSurge, replicas, 'up');
  const unavailable = scaleIntOrPercent(maxUnavailable, replicas, 'down');
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

/** How many replicas above spec.replicas the Deployment's ReplicaSets may ask for together. */
export function surgeAllowed(d: KubeObject): number {
  if (!rolling(d)) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  return fenceposts(ru.maxSurge, ru.maxUnavailable, specReplicas(d))[0];
}

/** How many of the Deployment's replicas may be unavailable during a rollout. */
export function unavailableAllowed(d: KubeObject): number {
  const replicas = specReplicas(d);
  if (!rolling(d) || replicas === 0) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const unavailable = fenceposts(ru.maxSurge, ru.maxUnavailable, replicas)[1];
  return unavailable > replicas ? replicas : unavailable;
}
