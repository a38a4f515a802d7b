// Storage object in-use protection, pure: when a claim or a volume that is
// being deleted may lose its protection finalizer. The finalizer is added
// at creation (runtime/admission.ts); these rules decide when nothing uses
// the object any more.
//
// Why a finished pod still holds its claim: the kubelet may still be
// unmounting, and deleting the storage under a pod that has not let go
// leaves stale mounts (kubernetes issue 65552). Only a pod object that is
// gone, never scheduled, or shut down (deleted with grace 0) lets go; a
// Succeeded or Failed pod keeps the claim until it is deleted. (PR 123320
// proposed releasing on completion; it was not merged.)
// upstream: pkg/controller/volume/pvcprotection/pvc_protection_controller.go (podUsesPVC, enqueuePVCs),
//           pkg/controller/volume/pvprotection/pv_protection_controller.go (isBeingUsed),
//           pkg/controller/volume/protectionutil/utils.go (IsDeletionCandidate, NeedToAddFinalizer)
import type { KubeObject } from '../../api/types.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** Being deleted, and still holding `finalizer`. */
export function isDeletionCandidate(o: KubeObject, finalizer: string): boolean {
  return o.metadata.deletionTimestamp !== undefined && (o.metadata.finalizers ?? []).includes(finalizer);
}

/** Not being deleted, and missing `finalizer` (objects created before the admission plugin). */
export function needsFinalizer(o: KubeObject, finalizer: string): boolean {
  return o.metadata.deletionTimestamp === undefined && !(o.metadata.finalizers ?? []).includes(finalizer);
}

/** The claim names a pod's volumes refer to (persistentVolumeClaim volumes). */
export function claimsOfPod(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name === 'string' && name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Does this pod hold the claim `claimName` of its namespace? Only once scheduled: the kubelet refuses claims being deleted. */
export function podUsesClaim(pod: KubeObject, claimName: string): boolean {
  if (!pod.spec?.nodeName) return false;
  return claimsOfPod(pod).includes(claimName);
}

/**
 * Can this pod event let a claim go? Only a deletion, a terminated pod or
 * an unscheduled one: a running pod's updates cannot (upstream enqueuePVCs' filter).
 */
export function podEventMayReleaseClaims(pod: KubeObject, deleted: boolean): boolean {
  const phase = pod.status?.phase;
  return deleted || phase === 'Succeeded' || phase === 'Failed' || !pod.spec?.nodeName;
}

/** A volume is in use while it is Bound. */
export function volumeInUse(pv: KubeObject): boolean {
  return pv.status?.phase === 'Bound';
}
