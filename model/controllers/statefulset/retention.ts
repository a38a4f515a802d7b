// persistentVolumeClaimRetentionPolicy: which owner references a
// StatefulSet's claims carry, so that the garbage collector deletes them when
// the policy says. whenDeleted: Delete puts a reference to the set on each
// claim (the claims go with the set); whenScaled: Delete puts a reference to
// the pod on the claims of a pod condemned by scale-down (the claims go with
// that pod). Both default to Retain: no references, claims outlive all.
// A claim another controller owns is left alone.
// upstream: pkg/controller/statefulset/stateful_set_utils.go (getPersistentVolumeClaimRetentionPolicy,
// claimOwnerMatchesSetAndPod, updateClaimOwnerRefForSetAndPod, hasOwnerRef, hasStaleOwnerRef,
// hasUnexpectedController)
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { inOrdinalRange } from './identity.js';

export interface RetentionPolicy { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' }

export function retentionPolicy(set: KubeObject): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: p.whenDeleted === 'Delete' ? 'Delete' : 'Retain', whenScaled: p.whenScaled === 'Delete' ? 'Delete' : 'Retain' };
}

const refs = (o: KubeObject): OwnerReference[] => o.metadata.ownerReferences ?? [];
export const hasOwnerRef = (target: KubeObject, owner: KubeObject): boolean => refs(target).some((r) => r.uid === owner.metadata.uid);

/** upstream hasStaleOwnerRef: a reference to an object of that kind and name but another uid. */
export const hasStaleOwnerRef = (target: KubeObject, owner: KubeObject): boolean =>
  refs(target).some((r) => r.kind === owner.kind && r.name === owner.metadata.name && r.uid !== owner.metadata.uid);

/** upstream hasUnexpectedController: a controller reference to something other than this set or pod. */
export const hasUnexpectedController = (claim: KubeObject, set: KubeObject, pod: KubeObject): boolean =>
  refs(claim).some((r) => r.controller === true && r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid);

/** upstream claimOwnerMatchesSetAndPod: do the claim's references already say what the policy says? */
export function claimOwnerMatches(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  if (hasUnexpectedController(claim, set, pod)) return true;
  const p = retentionPolicy(set);
  const onSet = hasOwnerRef(claim, set), onPod = hasOwnerRef(claim, pod);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === 'Retain' && p.whenDeleted === 'Retain') return !onSet && !onPod;
  if (p.whenScaled === 'Retain') return onSet && !onPod;
  if (p.whenDeleted === 'Retain') return !onSet && scaledDown === onPod;
  return scaledDown !== onSet && scaledDown === onPod;
}

const refTo = (o: KubeObject): OwnerReference => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid! });

/**
 * upstream updateClaimOwnerRefForSetAndPod: the claim's owner references as
 * the policy wants them (other owners kept), or undefined when nothing changes.
 */
export function claimOwnerRefsFor(claim: KubeObject, set: KubeObject, pod: KubeObject): OwnerReference[] | undefined {
  if (hasUnexpectedController(claim, set, pod)) return undefined;
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  const wantSet = p.whenDeleted === 'Delete' && !(p.whenScaled === 'Delete' && scaledDown);
  const wantPod = p.whenScaled === 'Delete' && scaledDown && pod.metadata.uid !== undefined;
  let out = refs(claim).filter((r) => r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid);
  const had = refs(claim);
  if (wantSet) out = [...out, had.find((r) => r.uid === set.metadata.uid) ?? refTo(set)];
  if (wantPod) out = [...out, had.find((r) => r.uid === pod.metadata.uid) ?? refTo(pod)];
  const same = out.length === had.length && out.every((r) => had.some((h) => h.uid === r.uid));
  return same ? undefined : out;
}
