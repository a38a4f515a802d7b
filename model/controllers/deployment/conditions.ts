// A Deployment's status and conditions, computed from its ReplicaSets. The
// counts are sums over the ReplicaSets' statuses; Available says whether
// replicas − maxUnavailable are available; Progressing tells a rollout's
// story (see model/machines/rollout.ts for its states). A condition is only
// replaced when its status or reason changes, and lastTransitionTime moves
// only when its status does.
// upstream: pkg/controller/deployment/sync.go (calculateStatus), progress.go (syncRolloutStatus),
//           util/deployment_util.go (NewDeploymentCondition, SetDeploymentCondition, DeploymentComplete,
//           DeploymentProgressing, DeploymentTimedOut, HasProgressDeadline, reasons)
import type { KubeObject } from '../../api/types.js';
import { maxUnavailable, replicasOf, specReplicaSum, type FencepostBugs } from './fenceposts.js';
import { actualReplicas, availableReplicas, readyReplicas } from './replicasets.js';
import { canonicalJson } from './hash.js';

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

// upstream reasons (deployment_util.go)
export const REASON = {
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  ReplicaSetCreateError: 'ReplicaSetCreateError',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** upstream HasProgressDeadline: set and not MaxInt32 (which means "never"). */
export const hasProgressDeadline = (d: KubeObject): boolean =>
  d.spec?.progressDeadlineSeconds != null && d.spec.progressDeadlineSeconds !== 2147483647;

export function newCondition(type: string, status: DeploymentCondition['status'], reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: any, type: string): DeploymentCondition | undefined {
  return (status?.conditions ?? []).find((c: DeploymentCondition) => c.type === type);
}

/** upstream SetDeploymentCondition: no change for the same status and reason; the transition time kept for the same status. */
export function setCondition(status: any, c: DeploymentCondition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  status.conditions = [...(status.conditions ?? []).filter((x: DeploymentCondition) => x.type !== c.type), next];
}

export function removeCondition(status: any, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c: DeploymentCondition) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** upstream calculateStatus: the counts from the ReplicaSets, the Available condition, other conditions kept. */
export function calculateStatus(allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject, now: string, bugs: FencepostBugs = {}): any {
  const available = availableReplicas(allRSs);
  // upstream: unavailable counts against the ReplicaSets' desired sizes, never below 0
  const unavailable = Math.max(0, specReplicaSum(allRSs) - available);
  // The int fields are omitempty upstream: a 0 is not written.
  const status: any = {};
  const put = (k: string, v: number | undefined) => { if (v) status[k] = v; };
  put('observedGeneration', d.metadata.generation);
  put('replicas', actualReplicas(allRSs));
  put('updatedReplicas', actualReplicas([newRS]));
  put('readyReplicas', readyReplicas(allRSs));
  put('availableReplicas', available);
  put('unavailableReplicas', unavailable);
  // terminatingReplicas (beta, DeploymentReplicaSetTerminatingReplicas) is a pointer: written when the ReplicaSets report it.
  const terminating = allRSs.filter((rs) => rs?.status?.terminatingReplicas !== undefined);
  if (terminating.length > 0) status.terminatingReplicas = terminating.reduce((n, rs) => n + (rs!.status.terminatingReplicas ?? 0), 0);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = structuredClone(d.status.conditions);
  if (available >= replicasOf(d) - maxUnavailable(d, bugs)) {
    setCondition(status, newCondition('Available', 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** upstream DeploymentComplete: every replica updated and available, the latest spec observed. */
export function deploymentComplete(d: KubeObject, s: any): boolean {
  const replicas = replicasOf(d);
  return (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** upstream DeploymentProgressing: more updated, fewer old, more ready or more available than last time. */
export function deploymentProgressing(d: KubeObject, s: any): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld ||
    (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** upstream DeploymentTimedOut: no progress reported for progressDeadlineSeconds (never after a completed rollout). */
export function deploymentTimedOut(d: KubeObject, s: any, nowMs: number, parse: (iso: string) => number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === REASON.NewReplicaSetAvailable) return false;
  if (c.reason === REASON.ProgressDeadlineExceeded) return true;
  return parse(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 < nowMs;
}

/** Status equality as reflect.DeepEqual sees it (key order aside). */
export const sameStatus = (a: unknown, b: unknown): boolean => canonicalJson(a ?? {}) === canonicalJson(b ?? {});

/**
 * upstream getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else an old one's, as a
 * Deployment condition (lastUpdateTime = the ReplicaSet condition's transition time).
 */
export function replicaFailure(allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined): DeploymentCondition | undefined {
  const from = (rs: KubeObject | undefined) => (rs?.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure');
  const c = from(newRS) ?? allRSs.map(from).find((x) => x !== undefined);
  if (!c) return undefined;
  return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}
