// Which pods a ReplicaSet deletes first when it has too many: the ones whose
// loss hurts least. A pod that is not yet on a node, not yet running or not
// yet ready is cheaper to lose than one serving traffic; among equals, the
// user's pod-deletion-cost decides, then the pod on the most crowded node
// (spreading what remains), then the one ready or created most recently.
// Times are compared in log2 buckets (LogarithmicScaleDown, on by default)
// so that pods of similar age are picked pseudo-randomly by uid instead of
// always the newest — which kept old pods forever and new ones churning.
// upstream: pkg/controller/controller_utils.go (ActivePodsWithRanks.Less, logarithmicRankDiff,
// podReadyTime, maxContainerRestarts); pkg/controller/replicaset/replica_set.go (getPodsToDelete,
// getPodsRankedByRelatedPodsOnSameNode); pkg/apis/core/helper (GetDeletionCostFromPodAnnotations)
import type { KubeObject } from '../../api/types.js';
import { isPodActive, isPodReady, readyCondition } from '../podutil.js';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

// upstream podPhaseToOrdinal; a phase missing from the map (Succeeded, Failed, none) is Go's zero value.
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** What the comparison needs of one pod, computed once so a 10,000-pod sort does not re-derive it. */
export interface RankedPod {
  pod: KubeObject;
  assigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  /** Active related pods on the same node (upstream's Rank). */
  colocated: number;
  /** When the Ready condition last became True, in virtual ms; undefined when not ready or unknown. */
  readySinceMs: number | undefined;
  restarts: number;
  createdMs: number | undefined;
  /** log2 buckets of the two ages, when ranked against a `now` (computed once, not per comparison). */
  readyLog?: number;
  createdLog?: number;
  uid: string;
}

/** upstream GetDeletionCostFromPodAnnotations: an int32; anything else counts as 0 (the error is ignored). */
export function deletionCost(pod: KubeObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v.trim());
  return n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : 0;
}

function maxRestarts(pod: KubeObject): number {
  let m = 0;
  for (const c of (pod.status?.containerStatuses ?? []) as Array<{ restartCount?: number }>) m = Math.max(m, c.restartCount ?? 0);
  return m;
}

/**
 * Rank every pod to delete, with `colocated` counted over the active related
 * pods (a superset). With `nowMs`, ages are also put in their log2 buckets.
 */
export function rankPods(pods: readonly KubeObject[], related: readonly KubeObject[], parse: (iso: string) => number, nowMs?: number): RankedPod[] {
  // Timestamps have second precision and repeat across pods; parsing is most of the ranking's cost.
  const parsed = new Map<string, number>();
  const time = (iso: string): number => {
    let v = parsed.get(iso);
    if (v === undefined) parsed.set(iso, (v = parse(iso)));
    return v;
  };
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return pods.map((pod) => {
    const ready = isPodReady(pod);
    const since = ready ? readyCondition(pod)?.lastTransitionTime : undefined;
    const created = pod.metadata.creationTimestamp;
    const r: RankedPod = {
      pod, assigned: Boolean(pod.spec?.nodeName), phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0, ready,
      cost: deletionCost(pod), colocated: onNode.get(pod.spec?.nodeName ?? '') ?? 0,
      readySinceMs: since ? time(since) : undefined, restarts: maxRestarts(pod),
      createdMs: created ? time(created) : undefined, uid: pod.metadata.uid ?? '',
    };
    if (nowMs !== undefined) {
      if (r.readySinceMs !== undefined) r.readyLog = logRank(r.readySinceMs, nowMs);
      if (r.createdMs !== undefined) r.createdLog = logRank(r.createdMs, nowMs);
    }
    return r;
  });
}

/** upstream logarithmicRankDiff: floor(log2(age in nanoseconds)), -1 for an age of zero or less. */
function logRank(tMs: number, nowMs: number): number {
  const d = nowMs - tMs;
  return d > 0 ? Math.floor(Math.log2(d * 1e6)) : -1;
}

/**
 * Earlier in the order = deleted first. `t` undefined is Go's zero time, which
 * sorts first (afterOrZero). With log buckets (`li`, `lj`), equal buckets tie
 * and the uid decides; without, the later time goes first.
 */
function compareTimes(ti: number | undefined, tj: number | undefined, li: number | undefined, lj: number | undefined, a: RankedPod, b: RankedPod, nowMs: number | undefined): number {
  if (ti === tj) return 0;
  if (ti === undefined || tj === undefined) return ti === undefined ? -1 : 1;
  if (nowMs === undefined) return ti > tj ? -1 : 1;
  const diff = (li ?? logRank(ti, nowMs)) - (lj ?? logRank(tj, nowMs));
  if (diff === 0) return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
  return diff < 0 ? -1 : 1;
}

/**
 * The comparison of ActivePodsWithRanks.Less, as a sort comparator: negative
 * when `a` should be deleted before `b`. `nowMs` undefined compares times exactly
 * (LogarithmicScaleDown off).
 */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs?: number): number {
  // 1. Unassigned < assigned.
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1;
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase - b.phase;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  // 4. Lower pod-deletion-cost first.
  if (a.cost !== b.cost) return a.cost - b.cost;
  // 5. More related pods on the same node first ("doubled up").
  if (a.colocated !== b.colocated) return b.colocated - a.colocated;
  // 6. Ready for less time first (both ready).
  if (a.ready && b.ready) {
    const c = compareTimes(a.readySinceMs, b.readySinceMs, a.readyLog, b.readyLog, a, b, nowMs);
    if (c !== 0) return c;
  }
  // 7. More container restarts first.
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  // 8. Newer first.
  return compareTimes(a.createdMs, b.createdMs, a.createdLog, b.createdLog, a, b, nowMs);
}

/**
 * upstream getPodsToDelete: the `n` pods to delete. Sorting is skipped when
 * all of them go. `related` are the pods of every ReplicaSet with the same
 * controller (a Deployment's old and new sets), for the colocation rank.
 */
export function podsToDelete(pods: readonly KubeObject[], related: readonly KubeObject[], n: number, nowMs: number | undefined,
  parse: (iso: string) => number): KubeObject[] {
  if (n >= pods.length) return pods.slice(0, n);
  const ranked = rankPods(pods, related, parse, nowMs);
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs));
  return ranked.slice(0, n).map((r) => r.pod);
}
