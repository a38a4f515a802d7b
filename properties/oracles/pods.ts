// Pod facts the invariants read, written from the API's definitions:
// - active: neither Succeeded nor Failed, and not being deleted (no
//   deletionTimestamp) — what a ReplicaSet counts towards its replicas;
// - the controller reference: the ownerReference marked controller: true
//   (the API allows at most one);
// - ready: the Ready condition (the first of that type) has status True.
// upstream: pkg/controller/controller_utils.go (IsPodActive),
//           k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go (GetControllerOf),
//           pkg/api/v1/pod/util.go (IsPodReady, GetPodReadyCondition)
import type { KubeObject, OwnerReference } from '../../model/api/types.js';

export function podActive(p: KubeObject): boolean {
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return p.metadata.deletionTimestamp === undefined || p.metadata.deletionTimestamp === null;
}

/** Succeeded or Failed: a pod that will not run again and holds nothing on its node. */
export function podFinished(p: KubeObject): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

export function controllerOf(o: KubeObject | undefined): OwnerReference | undefined {
  for (const ref of o?.metadata.ownerReferences ?? []) if (ref.controller === true) return ref;
  return undefined;
}

export function podReady(p: KubeObject): boolean {
  for (const c of p.status?.conditions ?? []) if (c?.type === 'Ready') return c.status === 'True';
  return false;
}
