// The deployment controller's API writes: scaling a ReplicaSet (with its
// ScalingReplicaSet event), writing a Deployment's status, adopting and
// releasing ReplicaSets, deleting old history. Every write carries the
// resourceVersion the controller read from its cache, so a decision made on
// a stale cache fails with a Conflict and the key is retried, as upstream's
// optimistic concurrency makes it.
// upstream: pkg/controller/deployment/sync.go (scaleReplicaSet, scaleReplicaSetAndRecordEvent),
//           pkg/controller/controller_ref_manager.go (ClaimReplicaSets, AdoptReplicaSet, ReleaseReplicaSet)
import type { KubeObject, OwnerReference } from '../../../model/api/types.js';
import { ApiError, conflict } from '../../../model/api/errors.js';
import { maxSurge, replicasOf, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from '../../../model/controllers/deployment/index.js';
import { controllerRef, ownerRefFor } from '../../../model/controllers/claim.js';
import { deploymentOwner } from '../../../model/controllers/deployment/newrs.js';
import type { RuntimeContext } from '../../context.js';

export const COMPONENT = 'deployment-controller';

export interface Scaled { scaled: boolean; rs: KubeObject }

/** upstream scaleReplicaSet: the new size and the replicas annotations in one update; an event when the size changed. */
export function scaleReplicaSet(ctx: RuntimeContext, rs: KubeObject, newScale: number, d: KubeObject): Scaled {
  const replicas = replicasOf(d);
  const max = replicas + maxSurge(d);
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const copy = structuredClone(rs);
  copy.spec.replicas = newScale;
  const ann = { ...(copy.metadata.annotations ?? {}) };
  setReplicasAnnotations(ann, replicas, max);
  copy.metadata.annotations = ann;
  const updated = ctx.store.update(copy);
  if (sizeNeedsUpdate) {
    const op = oldScale < newScale ? 'up' : 'down';
    ctx.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`, COMPONENT);
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

/** upstream scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export function scaleAndRecord(ctx: RuntimeContext, rs: KubeObject, newScale: number, d: KubeObject): Scaled {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d);
}

/**
 * UpdateStatus of a Deployment. Upstream's status update also persists the annotations (the
 * revision); the model's status subresource keeps metadata, so a changed annotation goes first as its
 * own update. The caller's object keeps its old resourceVersion, as upstream's does: a second status
 * write in the same sync conflicts and the sync is retried.
 */
export function updateDeploymentStatus(ctx: RuntimeContext, d: KubeObject, cached: KubeObject): void {
  let rv = d.metadata.resourceVersion;
  if (JSON.stringify(d.metadata.annotations ?? {}) !== JSON.stringify(cached.metadata.annotations ?? {})) {
    const meta = structuredClone(cached);
    meta.metadata.annotations = d.metadata.annotations;
    meta.metadata.resourceVersion = rv;
    rv = ctx.store.update(meta).metadata.resourceVersion;
  }
  ctx.store.update({ ...d, metadata: { ...d.metadata, resourceVersion: rv } }, { subresource: 'status' });
}

/** The Deployment, read live (uncached), may still adopt: upstream RecheckDeletionTimestamp. */
export function canAdopt(ctx: RuntimeContext, d: KubeObject): void {
  const fresh = ctx.store.get('Deployment', d.metadata.namespace, d.metadata.name!);
  if (!fresh || fresh.metadata.uid !== d.metadata.uid) {
    throw new ApiError('Conflict', `original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh?.metadata.uid ?? ''}, wanted ${d.metadata.uid}`);
  }
  if (fresh.metadata.deletionTimestamp) {
    throw new ApiError('Conflict', `${d.metadata.namespace}/${d.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }
}

/** Patch in a ControllerRef (adoption); the patch carries the ReplicaSet's uid as a precondition. */
export function adoptReplicaSet(ctx: RuntimeContext, d: KubeObject, rs: KubeObject): void {
  const live = ctx.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
  if (!live) return; // NotFound is ignored
  if (live.metadata.uid !== rs.metadata.uid) throw conflict('replicasets', 'apps', rs.metadata.name!, `Precondition failed: UID in precondition: ${rs.metadata.uid}, UID in object meta: ${live.metadata.uid}`);
  const owned = controllerRef(live);
  if (owned) {
    if (owned.uid === d.metadata.uid) return;
    // upstream: API validation of the patched object
    throw new ApiError('Invalid', `ReplicaSet.apps "${rs.metadata.name}" is invalid: metadata.ownerReferences: Invalid value: "${owned.name}": Only one reference can have Controller set to true`);
  }
  const copy = structuredClone(live);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), ownerRefFor(deploymentOwner(d))];
  ctx.store.update(copy);
}

/** Patch out this Deployment's owner reference (release); NotFound is ignored. */
export function releaseReplicaSet(ctx: RuntimeContext, d: KubeObject, rs: KubeObject): void {
  const live = ctx.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
  if (!live || live.metadata.uid !== rs.metadata.uid) return;
  const copy = structuredClone(live);
  const refs = (copy.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== d.metadata.uid);
  if (refs.length > 0) copy.metadata.ownerReferences = refs; else delete copy.metadata.ownerReferences;
  ctx.store.update(copy);
}

/** Delete an old ReplicaSet for revisionHistoryLimit; NotFound is ignored. */
export function deleteReplicaSet(ctx: RuntimeContext, rs: KubeObject): void {
  try {
    ctx.store.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, { uid: rs.metadata.uid });
  } catch (e) {
    if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
  }
}
