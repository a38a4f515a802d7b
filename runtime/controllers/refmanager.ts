// The API calls of ControllerRef claiming, for any owner and any dependent
// kind (pods of a ReplicaSet, ReplicaSets of a Deployment, a user's kinds):
// before the first adoption of a sync, re-read the owner live (it must still
// be there, with the same uid, and not be deleting); adopt by adding the
// ControllerRef to the *live* object, carrying its uid as a precondition (the
// API server refuses a second controller reference, so a stale cache cannot
// take an object someone else adopted); release by removing the owner's
// reference. Adopting what is gone, or releasing what is gone or already
// released, writes nothing (upstream's patch would be a no-op or a NotFound
// that is ignored).
// upstream: pkg/controller/controller_ref_manager.go (RecheckDeletionTimestamp, AdoptPod, ReleasePod,
//           AdoptReplicaSet, ReleaseReplicaSet, and the controllers' getObject uid checks)
import type { KubeObject, OwnerReference } from '../../model/api/types.js';
import { ApiError, conflict, notFound } from '../../model/api/errors.js';
import { controllerRef, ownerOf, ownerRefFor } from '../../model/controllers/claim.js';
import type { RuntimeContext } from '../context.js';
import type { Informer } from '../informer.js';

/** upstream RecheckDeletionTimestamp: throws (a retryable ApiError) when the owner may not adopt. */
export function recheckOwner(ctx: RuntimeContext, owner: KubeObject): void {
  const live = ctx.store.get(owner.kind, owner.metadata.namespace, owner.metadata.name!);
  const k = ctx.store.registry.byName(owner.kind)!;
  if (!live) throw notFound(k.resource, k.group, owner.metadata.name!);
  if (live.metadata.uid !== owner.metadata.uid) {
    throw new ApiError('Conflict', `original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${live.metadata.uid}, wanted ${owner.metadata.uid}`);
  }
  if (live.metadata.deletionTimestamp) {
    throw new ApiError('Conflict', `${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${live.metadata.deletionTimestamp}`);
  }
}

/**
 * Add the owner's ControllerRef to the live object. False when it is gone
 * (ignored upstream). `steal` is the catalogue's fighting bug: it drops
 * whatever controller reference the object had.
 */
export function adopt(ctx: RuntimeContext, owner: KubeObject, obj: KubeObject, steal = false): boolean {
  const live = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name!);
  if (!live) return false;
  if (live.metadata.uid !== obj.metadata.uid) {
    const k = ctx.store.registry.byName(obj.kind)!;
    throw conflict(k.resource, k.group, obj.metadata.name!, `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${live.metadata.uid}`);
  }
  if (controllerRef(live)?.uid === owner.metadata.uid) return true;
  const mine = ownerRefFor(ownerOf(owner));
  const refs: OwnerReference[] = (live.metadata.ownerReferences ?? []).filter((r) => r.uid !== mine.uid && !(steal && r.controller));
  refs.push(mine);
  // Admission rejects a second controller reference: a stale view cannot take what someone else adopted.
  ctx.store.update({ ...live, metadata: { ...live.metadata, ownerReferences: refs } } as KubeObject);
  return true;
}

/** Remove the owner's reference from the live object; gone, replaced or already released: nothing to do. */
export function release(ctx: RuntimeContext, owner: KubeObject, obj: KubeObject): void {
  const live = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name!);
  if (!live || live.metadata.uid !== obj.metadata.uid) return;
  const refs = live.metadata.ownerReferences ?? [];
  if (!refs.some((r) => r.uid === owner.metadata.uid)) return;
  const metadata = { ...live.metadata, ownerReferences: refs.filter((r) => r.uid !== owner.metadata.uid) };
  if (metadata.ownerReferences.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
  ctx.store.update({ ...live, metadata } as KubeObject);
}

/**
 * upstream resolveControllerRef: the cached owner a ControllerRef names, if
 * it is of this kind and has the same uid (a new object with the old name is
 * not the owner).
 */
export function resolveControllerRef(owners: Informer, kind: string, ns: string | undefined, ref: OwnerReference | undefined): KubeObject | undefined {
  if (!ref || ref.kind !== kind) return undefined;
  const o = owners.get(ns, ref.name);
  return o && o.metadata.uid === ref.uid ? o : undefined;
}

/** The cached owner of `obj` (through its ControllerRef), as resolveControllerRef finds it. */
export const ownerInCache = (owners: Informer, kind: string, obj: KubeObject): KubeObject | undefined =>
  resolveControllerRef(owners, kind, obj.metadata.namespace, controllerRef(obj));
