// What a StatefulSet's controller reads off a pod (created, running and
// ready, available, healthy, terminating, finished) and the status it writes:
// replicas created, ready, available, and counts per revision; the rolling
// update is complete — currentRevision becomes updateRevision — once every
// replica is updated and ready.
// upstream: pkg/controller/statefulset/stateful_set_utils.go (isCreated, isRunningAndReady,
// isRunningAndAvailable, isHealthy, isTerminating, isFailed, isSucceeded, getStatefulSetMaxUnavailable),
// stateful_set_control.go (computeReplicaStatus, updateStatus, completeRollingUpdate, inconsistentStatus)
import type { KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../podutil.js';
import { podRevision } from './identity.js';

/** A pod slot: the pod from the cache, or one the controller means to create (`created: false`, at `revision`). */
export interface Slot { readonly pod: KubeObject; created: boolean; revision?: string }

/** upstream isCreated: the API server has given it a phase. */
export const isCreated = (s: Slot): boolean => s.created && !!s.pod.status?.phase;
export const isTerminating = (p: KubeObject): boolean => !!p.metadata.deletionTimestamp;
export const isFailed = (p: KubeObject): boolean => p.status?.phase === 'Failed';
export const isSucceeded = (p: KubeObject): boolean => p.status?.phase === 'Succeeded';
export const isPending = (p: KubeObject): boolean => p.status?.phase === 'Pending';
export const isRunningAndReady = (p: KubeObject): boolean => p.status?.phase === 'Running' && isPodReady(p);
export function isRunningAndAvailable(p: KubeObject, minReadySeconds: number, nowMs: number, parse: (iso: string) => number): boolean {
  return p.status?.phase === 'Running' && isPodAvailable(p, minReadySeconds, nowMs, parse);
}
/** upstream isHealthy: running, ready and not terminating. */
export const isHealthy = (s: Slot): boolean => isCreated(s) && isRunningAndReady(s.pod) && !isTerminating(s.pod);

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

export interface Clock { nowMs: number; parse: (iso: string) => number }

/** upstream updateStatus over one or more lists of slots (computeReplicaStatus each). */
export function countReplicas(status: StatefulSetStatus, minReadySeconds: number, clock: Clock, ...lists: readonly (readonly Slot[])[]): void {
  status.replicas = 0; status.readyReplicas = 0; status.availableReplicas = 0; status.currentReplicas = 0; status.updatedReplicas = 0;
  for (const list of lists) {
    for (const s of list) {
      const created = isCreated(s);
      if (created) status.replicas++;
      if (created && isRunningAndReady(s.pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(s.pod, minReadySeconds, clock.nowMs, clock.parse)) status.availableReplicas++;
      }
      if (created && !isTerminating(s.pod)) {
        const r = podRevision(s.pod);
        if (r === status.currentRevision) status.currentReplicas++;
        if (r === status.updateRevision) status.updatedReplicas++;
      }
    }
  }
}

/** upstream completeRollingUpdate. */
export function completeRollingUpdate(set: KubeObject, status: StatefulSetStatus): void {
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** upstream inconsistentStatus: does the written status differ in anything the controller owns? */
export function inconsistentStatus(set: KubeObject, s: StatefulSetStatus): boolean {
  const o = set.status ?? {};
  return s.observedGeneration !== o.observedGeneration || s.replicas !== (o.replicas ?? 0) ||
    s.currentReplicas !== (o.currentReplicas ?? 0) || s.readyReplicas !== (o.readyReplicas ?? 0) ||
    s.updatedReplicas !== (o.updatedReplicas ?? 0) || s.currentRevision !== (o.currentRevision ?? '') ||
    s.availableReplicas !== (o.availableReplicas ?? 0) || s.updateRevision !== (o.updateRevision ?? '');
}

/** The status object as the API holds it (empty revisions and a zero count left out as Go's omitempty does). */
export function statusObject(s: StatefulSetStatus, old: any): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(old ?? {}) };
  out.observedGeneration = s.observedGeneration;
  out.replicas = s.replicas;
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas'] as const) {
    if (s[k]) out[k] = s[k]; else delete out[k];
  }
  // apps/v1 StatefulSetStatus: availableReplicas has no omitempty.
  out.availableReplicas = s.availableReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  out.collisionCount = s.collisionCount;
  return out;
}

/**
 * upstream getStatefulSetMaxUnavailable: an integer, or a percentage of
 * replicas rounded DOWN (the API doc says up; the code does not), at least 1.
 */
export function maxUnavailableOf(value: number | string | undefined, replicas: number): number {
  let n: number;
  if (value === undefined || value === null) n = 1;
  else if (typeof value === 'number') n = value;
  else {
    const m = /^(\d+)%$/.exec(value);
    n = m ? Math.floor((Number(m[1]) * replicas) / 100) : Number(value);
  }
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
