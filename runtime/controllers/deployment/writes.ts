// The deployment controller's API writes: scaling a ReplicaSet (with its
// ScalingReplicaSet event), writing a Deployment's status, deleting old
// history (adoption and release are refmanager.ts's, shared). Every write carries the
// resourceVersion the controller read from its cache, so a decision made on
// a stale cache fails with a Conflict and the key is retried, as upstream's
// optimistic concurrency makes it.
// upstream: pkg/controller/deployment/sync.go (scaleReplicaSet, scaleReplicaSetAndRecordEvent),
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import { maxSurge, replicasOf, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from '../../../model/controllers/deployment/index.js';
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

/** Delete an old ReplicaSet for revisionHistoryLimit; NotFound is ignored. */
export function deleteReplicaSet(ctx: RuntimeContext, rs: KubeObject): void {
  try {
    ctx.store.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, { uid: rs.metadata.uid });
  } catch (e) {
    if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
  }
}
