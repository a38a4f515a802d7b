// The disruption controller's arithmetic and the Eviction API's decision,
// pure.
//
// A PodDisruptionBudget's status says how many of its pods may be disrupted
// now: the pods it selects that are Ready, not being deleted and not just
// evicted (disruptedPods, trusted for two minutes) are currentHealthy;
// desiredHealthy comes from minAvailable or maxUnavailable, a percentage
// taken of expectedPods, which is then the sum of the pods' controllers'
// replicas (a Deployment's, not its ReplicaSets') — with an integer
// minAvailable it is the number of selected pods. disruptionsAllowed is
// currentHealthy − desiredHealthy, never below 0 (and 0 with no pods).
//
// An eviction of a Running pod covered by one budget is refused with 429
// while disruptionsAllowed is 0 (or the status is stale); an approved one
// takes one disruption away and records the pod in disruptedPods, so a
// second eviction before the controller has recounted cannot take the same
// one. A pod that is Pending, finished or being deleted is deleted without
// asking any budget; an unready pod, without taking a disruption, when the
// budget is healthy (IfHealthyBudget) or always (AlwaysAllow).
// upstream: pkg/controller/disruption/disruption.go (getExpectedPodCount, getExpectedScale, countHealthyPods,
//           buildDisruptedPodMap, updatePdbStatus, failSafe), pkg/apis/policy/helper (UpdateDisruptionAllowedCondition),
//           pkg/registry/core/pod/storage/eviction.go (canIgnorePDB, checkAndDecrement)
import type { KubeObject } from '../../api/types.js';
import { isPodReady } from '../podutil.js';
import { scaledValue } from '../deployment/fenceposts.js';
import { selectorFromLabelSelector } from '../../labels/index.js';

/** upstream DeletionTimeout: an evicted pod not deleted within this is counted again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;
/** upstream MaxDisruptedPodSize. */
export const MAX_DISRUPTED_PODS = 2_000;

export const MSG_EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MSG_MULTIPLE_PDBS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
export const msgBudgetNeeds = (name: string, desired: number, current: number): string =>
  `The disruption budget ${name} needs ${desired} healthy pods and has ${current} currently`;
export const msgBudgetProcessing = (name: string): string => `The disruption budget ${name} is still being processed by the server.`;

/** A pod's controller's wanted replicas; undefined when the controller cannot be found. */
export type ScaleOf = (pod: KubeObject) => { uid: string; replicas: number } | undefined;

export interface BudgetCounts {
  expectedPods: number;
  desiredHealthy: number;
  /** Selected pods with no controller (ignored by a percentage or maxUnavailable). */
  unmanaged: string[];
}

/** upstream getExpectedPodCount. Throws an Error (the controller's failSafe) when a pod's controller is unknown. */
export function expectedCounts(pdb: KubeObject, pods: readonly KubeObject[], scaleOf: ScaleOf): BudgetCounts {
  const spec = pdb.spec ?? {};
  const unmanaged: string[] = [];
  const expectedScale = (): number => {
    const seen = new Set<string>();
    let sum = 0;
    for (const p of pods) {
      if (!(p.metadata.ownerReferences ?? []).some((r: any) => r.controller)) { unmanaged.push(p.metadata.name!); continue; }
      const s = scaleOf(p);
      if (!s) throw new Error(`found no controllers for pod ${JSON.stringify(p.metadata.name)}`);
      if (seen.has(s.uid)) continue;
      seen.add(s.uid);
      sum += s.replicas;
    }
    return sum;
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const expectedPods = expectedScale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, expectedPods, true);
    return { expectedPods, desiredHealthy: Math.max(0, expectedPods - maxUnavailable), unmanaged };
  }
  if (typeof spec.minAvailable === 'number') return { expectedPods: pods.length, desiredHealthy: spec.minAvailable, unmanaged };
  if (typeof spec.minAvailable === 'string') {
    const expectedPods = expectedScale();
    return { expectedPods, desiredHealthy: scaledValue(spec.minAvailable, expectedPods, true), unmanaged };
  }
  return { expectedPods: 0, desiredHealthy: 0, unmanaged };
}

/** upstream buildDisruptedPodMap: the still-trusted entries, and when the next one expires. */
export function liveDisruptedPods(pdb: KubeObject, pods: readonly KubeObject[], nowMs: number, parse: (iso: string) => number): { kept: Record<string, string>; recheckMs?: number } {
  const listed: Record<string, string> = pdb.status?.disruptedPods ?? {};
  const kept: Record<string, string> = {};
  let recheckMs: number | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const at = listed[p.metadata.name!];
    if (at === undefined) continue;
    const expires = parse(at) + DELETION_TIMEOUT_MS;
    if (expires < nowMs) continue;
    kept[p.metadata.name!] = at;
    if (recheckMs === undefined || expires < recheckMs) recheckMs = expires;
  }
  return { kept, recheckMs };
}

/** upstream countHealthyPods. */
export function countHealthy(pods: readonly KubeObject[], disrupted: Record<string, string>, nowMs: number, parse: (iso: string) => number): number {
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const at = disrupted[p.metadata.name!];
    if (at !== undefined && parse(at) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(p)) n++;
  }
  return n;
}

/** upstream UpdateDisruptionAllowedCondition. */
export function disruptionAllowedCondition(status: Record<string, any>, generation: number, nowIso: string, failure?: string): Record<string, unknown> {
  const ok = !failure && (status.disruptionsAllowed ?? 0) > 0;
  const reason = failure ? 'SyncFailed' : ok ? 'SufficientPods' : 'InsufficientPods';
  const prev = (status.conditions ?? []).find((c: any) => c.type === 'DisruptionAllowed');
  const s = ok ? 'True' : 'False';
  return {
    type: 'DisruptionAllowed', status: s, observedGeneration: generation,
    lastTransitionTime: prev && prev.status === s ? prev.lastTransitionTime : nowIso, reason, message: failure ?? '',
  };
}

/** The status the controller writes (upstream updatePdbStatus, or failSafe when the counts cannot be made). */
export function budgetStatus(pdb: KubeObject, pods: readonly KubeObject[], scaleOf: ScaleOf, nowMs: number, nowIso: string, parse: (iso: string) => number): { status: Record<string, unknown>; recheckMs?: number; unmanaged: string[] } {
  const generation = pdb.metadata.generation ?? 1;
  const old = pdb.status ?? {};
  let counts: BudgetCounts;
  try {
    counts = expectedCounts(pdb, pods, scaleOf);
  } catch (e) {
    const status: Record<string, any> = { ...old, disruptionsAllowed: 0 };
    status.conditions = [disruptionAllowedCondition(status, generation, nowIso, (e as Error).message)];
    return { status, unmanaged: [] };
  }
  const { kept, recheckMs } = liveDisruptedPods(pdb, pods, nowMs, parse);
  const currentHealthy = countHealthy(pods, kept, nowMs, parse);
  let disruptionsAllowed = currentHealthy - counts.desiredHealthy;
  if (counts.expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const status: Record<string, any> = {
    observedGeneration: generation, disruptionsAllowed, currentHealthy, desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedPods, ...(Object.keys(kept).length ? { disruptedPods: kept } : {}),
  };
  status.conditions = [disruptionAllowedCondition({ ...status, conditions: old.conditions }, generation, nowIso)];
  return { status, recheckMs, unmanaged: counts.unmanaged };
}

/** What the Eviction API does with one pod. */
export type EvictionDecision =
  | { kind: 'delete' }
  | { kind: 'decrement'; pdb: KubeObject; status: Record<string, unknown> }
  | { kind: 'refuse'; code: 429 | 403 | 500; message: string; cause?: string };

/** upstream canIgnorePDB: a pod that is not running, or is already going, is deleted without asking. */
export const canIgnoreBudget = (pod: KubeObject): boolean =>
  ['Succeeded', 'Failed', 'Pending'].includes(pod.status?.phase) || Boolean(pod.metadata.deletionTimestamp);

/** The Eviction API's decision for `pod`, given the budgets whose selectors match it. */
export function decideEviction(pod: KubeObject, pdbs: readonly KubeObject[], nowIso: string): EvictionDecision {
  if (canIgnoreBudget(pod)) return { kind: 'delete' };
  if (pdbs.length > 1) return { kind: 'refuse', code: 500, message: MSG_MULTIPLE_PDBS };
  if (pdbs.length === 0) return { kind: 'delete' };
  const pdb = pdbs[0]!;
  const st = pdb.status ?? {};
  const ready = isPodReady(pod);
  if (!ready && pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { kind: 'delete' };
  if (!ready && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return { kind: 'delete' };
  const name = pdb.metadata.name!;
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) return { kind: 'refuse', code: 429, message: MSG_EVICTION_REFUSED, cause: msgBudgetProcessing(name) };
  const allowed = st.disruptionsAllowed ?? 0;
  const forbidden = (why: string) => ({ kind: 'refuse' as const, code: 403 as const, message: `poddisruptionbudgets.policy ${JSON.stringify(name)} is forbidden: ${why}` });
  if (allowed < 0) return forbidden('pdb disruptions allowed is negative');
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) return forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if (allowed === 0) return { kind: 'refuse', code: 429, message: MSG_EVICTION_REFUSED, cause: msgBudgetNeeds(name, st.desiredHealthy ?? 0, st.currentHealthy ?? 0) };
  const status: Record<string, any> = { ...st, disruptionsAllowed: allowed - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [pod.metadata.name!]: nowIso } };
  if (status.disruptionsAllowed === 0) status.conditions = [disruptionAllowedCondition(status, pdb.metadata.generation ?? 1, nowIso)];
  return { kind: 'decrement', pdb, status };
}

/** Does the budget select the pod? policy/v1: a nil selector selects nothing, an empty one every pod of the namespace. */
export function budgetSelects(pdb: KubeObject, pod: KubeObject): boolean {
  if ((pdb.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) return false;
  const sel = pdb.spec?.selector;
  if (sel === undefined || sel === null) return false;
  try {
    return selectorFromLabelSelector(sel).matches(pod.metadata.labels ?? {});
  } catch {
    return false;
  }
}
