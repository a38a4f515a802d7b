// The status a ReplicaSet (or ReplicationController) reports, computed from
// the active pods it controls after claiming. `replicas` counts them all;
// `fullyLabeledReplicas` those that carry every template label (a pod can
// match the selector yet miss a template label); `readyReplicas` the Ready
// ones; `availableReplicas` those Ready for minReadySeconds. The one
// condition, ReplicaFailure, appears when creating or deleting failed and
// goes once a sync succeeds — the exceeded-quota e2e test watches exactly that.
// upstream: pkg/controller/replicaset/replica_set_utils.go (calculateStatus, updateReplicaSetStatus,
// NewReplicaSetCondition, SetCondition); k8s.io/api apps/v1 ReplicaSetStatus (omitempty fields)
import type { KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../podutil.js';

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  /** apps/v1 only (DeploymentReplicaSetTerminatingReplicas): owned pods with a deletionTimestamp that have not finished. */
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export const REPLICA_FAILURE = 'ReplicaFailure';

export interface StatusInput {
  owner: KubeObject;
  /** The claimed, active pods. */
  pods: readonly KubeObject[];
  /** Terminating pods it controls; undefined leaves the field out (ReplicationController has none). */
  terminating?: number;
  /** The error of this sync's creates or deletes, if any. */
  manageError?: string;
  nowMs: number;
  iso: (ms: number) => string;
  parse: (iso: string) => number;
}

function hasAllLabels(pod: KubeObject, template: Readonly<Record<string, string>> | undefined): boolean {
  if (!template) return true;
  const labels = pod.metadata.labels ?? {};
  for (const k of Object.keys(template)) if (labels[k] !== template[k]) return false;
  return true;
}

/** upstream calculateStatus, plus the observedGeneration updateReplicaSetStatus stamps on. */
export function calculateStatus(i: StatusInput): ReplicaStatus {
  const { owner, pods } = i;
  const spec = owner.spec ?? {};
  const templateLabels = spec.template?.metadata?.labels as Record<string, string> | undefined;
  const minReady = spec.minReadySeconds ?? 0;
  let fully = 0, ready = 0, available = 0;
  for (const p of pods) {
    if (hasAllLabels(p, templateLabels)) fully++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, i.nowMs, i.parse)) available++;
    }
  }
  let conditions: ReplicaSetCondition[] = [...((owner.status?.conditions ?? []) as ReplicaSetCondition[])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (i.manageError !== undefined && !failure) {
    const diff = pods.length - (spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: REPLICA_FAILURE, status: 'True', lastTransitionTime: i.iso(i.nowMs), reason, message: i.manageError });
  } else if (i.manageError === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  // Zero counts and empty lists are omitted, as Go's omitempty serialises them; `replicas` always shows.
  const out: ReplicaStatus = { replicas: pods.length };
  if (fully) out.fullyLabeledReplicas = fully;
  if (ready) out.readyReplicas = ready;
  if (available) out.availableReplicas = available;
  if (i.terminating !== undefined) out.terminatingReplicas = i.terminating;
  if (owner.metadata.generation !== undefined) out.observedGeneration = owner.metadata.generation;
  if (conditions.length > 0) out.conditions = conditions;
  return out;
}

const COUNTS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'terminatingReplicas', 'observedGeneration'] as const;

/** upstream's steady-state check in updateReplicaSetStatus: nothing to write. */
export function statusUnchanged(old: ReplicaStatus | undefined, next: ReplicaStatus): boolean {
  const o = (old ?? {}) as ReplicaStatus;
  for (const k of COUNTS) if ((o[k] ?? 0) !== (next[k] ?? 0)) return false;
  // A field that appears (terminatingReplicas: 0 for the first time) is a change too.
  if ((o.terminatingReplicas === undefined) !== (next.terminatingReplicas === undefined)) return false;
  return JSON.stringify(o.conditions ?? []) === JSON.stringify(next.conditions ?? []);
}
