// One Deployment sync, after the ReplicaSets are claimed: find or create the
// new ReplicaSet, then scale (a resize or a paused Deployment), roll
// (RollingUpdate) or recreate, and write the status. The decisions are the
// pure functions of model/controllers/deployment; this file sequences them
// and writes, in upstream's order.
// upstream: pkg/controller/deployment/sync.go (sync, scale, getNewReplicaSet, syncDeploymentStatus,
//           cleanupDeployment), rolling.go (rolloutRolling), recreate.go (rolloutRecreate), progress.go
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import {
  DESIRED_REPLICAS, InvalidScaleDown, buildNewReplicaSet, calculateStatus, deploymentComplete, equalIgnoreHash,
  filterActive, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets, getCondition, hasProgressDeadline,
  historyToDelete, intAnnotation, isSaturated, isRollingUpdate, maxRevision, oldPodsRunning, planNewReplicaSet,
  planOldReplicaSets, progressRecheckMs, proportionalPlan, removeCondition, replicaFailure, replicasOf,
  rolloutEvent, rolloutStatus, sameStatus, setCondition, setDeploymentRevision, syncExistingNewReplicaSet,
  type FencepostBugs,
} from '../../../model/controllers/deployment/index.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import type { RuntimeContext } from '../../context.js';
import { COMPONENT, deleteReplicaSet, scaleAndRecord, scaleReplicaSet, updateDeploymentStatus } from './writes.js';

/** What a sync needs besides the Deployment: the world, the caches, the bug switches. */
export interface SyncEnv {
  ctx: RuntimeContext;
  /** The ReplicaSet as the controller's informer has it. */
  cachedRS(ns: string, name: string): KubeObject | undefined;
  /** The Deployment as cached when the sync began (its annotations, to tell what changed). */
  cached: KubeObject;
  fence: FencepostBugs;
  /** Catalogue bug deploy-rollback-new-rs. */
  rollbackNewRS: boolean;
  /** Look at this Deployment again after `ms` (0: soon, rate limited). */
  recheck(ms: number): void;
}

const now = (e: SyncEnv) => e.ctx.clock.iso();

interface Sets { newRS?: KubeObject; oldRSs: KubeObject[] }

/** upstream getAllReplicaSetsAndSyncRevision. */
export function getAllReplicaSets(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[], create: boolean): Sets {
  const found = findNewReplicaSet(d, rsList, { onlyNewest: e.rollbackNewRS });
  const oldRSs = findOldReplicaSets(rsList, found);
  return { newRS: getNewReplicaSet(e, d, found, oldRSs, create), oldRSs };
}

function getNewReplicaSet(e: SyncEnv, d: KubeObject, existing: KubeObject | undefined, oldRSs: KubeObject[], create: boolean): KubeObject | undefined {
  const { ctx } = e;
  const newRevision = maxRevision(oldRSs) + 1n;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}) };
  d.status = structuredClone(d.status ?? {});
  if (existing) {
    const synced = syncExistingNewReplicaSet(d, existing, newRevision);
    if (synced) return ctx.store.update(synced);
    let needsUpdate = setDeploymentRevision(d.metadata.annotations, existing.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      needsUpdate = rolloutEvent(d.status, { type: 'FOUND_RS' }, { d, newRS: existing, now: now(e) }) || needsUpdate;
    }
    if (needsUpdate) updateDeploymentStatus(ctx, d, e.cached);
    return existing;
  }
  if (!create) return undefined;

  const rs = buildNewReplicaSet(d, oldRSs, newRevision);
  let created: KubeObject;
  let alreadyExists = false;
  try {
    created = ctx.store.create(rs);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.reason === 'AlreadyExists') {
      const other = e.cachedRS(rs.metadata.namespace!, rs.metadata.name!);
      if (!other) throw err;
      // Ours, with our template: the cache was behind. Anything else is a hash collision.
      if (!e.rollbackNewRS && controllerRef(other)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, other.spec.template)) {
        created = other;
        alreadyExists = true;
      } else {
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        // The requeue retries with the new count; a failed status write only delays that.
        try { ctx.store.update(d, { subresource: 'status' }); } catch (w) { if (!(w instanceof ApiError)) throw w; }
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${rs.metadata.name}": ${err.message}`;
      if (hasProgressDeadline(d)) {
        rolloutEvent(d.status, { type: 'CREATE_FAILED' }, { d, newRS: rs, now: now(e), error: err.message });
        // The bigger problem is reported below; this write may fail.
        try { ctx.store.update(d, { subresource: 'status' }); } catch (w) { if (!(w instanceof ApiError)) throw w; }
      }
      ctx.recorder.record(d, 'Warning', 'ReplicaSetCreateError', msg, COMPONENT);
      throw err;
    }
  }
  if (!alreadyExists && replicasOf(created) > 0) {
    ctx.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicasOf(created)}`, COMPONENT);
  }
  let needsUpdate = setDeploymentRevision(d.metadata.annotations, newRevision.toString());
  if (!alreadyExists && hasProgressDeadline(d)) {
    needsUpdate = rolloutEvent(d.status, { type: 'NEW_RS' }, { d, newRS: created, now: now(e) }) || needsUpdate;
  }
  if (needsUpdate) updateDeploymentStatus(ctx, d, e.cached);
  return created;
}

/** upstream isScalingEvent: an active ReplicaSet was sized for a different replicas. */
export function isScalingEvent(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSets(e, d, rsList, false);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS);
    return desired !== undefined && desired !== replicasOf(d);
  });
}

/** upstream syncStatusOnly: a Deployment being deleted only has its status kept up to date. */
export function syncStatusOnly(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(e, d, rsList, false);
  syncStatus(e, [...oldRSs, newRS], newRS, d);
}

/** upstream sync: scale (proportionally when several ReplicaSets are active), clean up if paused, status. */
export function syncScale(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(e, d, rsList, false);
  scale(e, d, newRS, oldRSs);
  if (d.spec.paused) cleanup(e, d, oldRSs);
  syncStatus(e, [...oldRSs, newRS], newRS, d);
}

function scale(e: SyncEnv, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (replicasOf(one) !== replicasOf(d)) scaleAndRecord(e.ctx, one, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleAndRecord(e.ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  // Proportional scaling: every write, even an annotation-only one (scaleReplicaSet, not ...AndRecordEvent).
  for (const p of proportionalPlan(d, newRS, oldRSs)) scaleReplicaSet(e.ctx, p.rs, p.replicas, d);
}

/** upstream syncDeploymentStatus: counts and Available only. */
export function syncStatus(e: SyncEnv, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const s = calculateStatus(allRSs, newRS, d, now(e), e.fence);
  if (sameStatus(d.status, s)) return;
  e.ctx.store.update({ ...d, status: s }, { subresource: 'status' });
}

/** upstream syncRolloutStatus: counts, Available, Progressing (the rollout machine), ReplicaFailure; else a deadline recheck. */
function syncRolloutStatus(e: SyncEnv, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const { clock } = e.ctx;
  const s = rolloutStatus(d, allRSs, newRS, now(e), clock.now(), (iso) => clock.parse(iso), e.fence);
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(s, failure); else removeCondition(s, 'ReplicaFailure');
  if (sameStatus(d.status, s)) {
    const ms = progressRecheckMs(d, s, clock.now(), (iso) => clock.parse(iso));
    if (ms !== undefined) e.recheck(ms);
    return;
  }
  updateDeploymentStatus(e.ctx, { ...d, status: s }, e.cached);
}

/** upstream cleanupDeployment: old ReplicaSets past revisionHistoryLimit, fully scaled down. */
function cleanup(e: SyncEnv, d: KubeObject, oldRSs: KubeObject[]): void {
  for (const rs of historyToDelete(d, oldRSs)) deleteReplicaSet(e.ctx, rs);
}

/** upstream rolloutRolling: scale the new ReplicaSet up, else old ones down, else clean up; then the status. */
export function rolloutRolling(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(e, d, rsList, true);
  const rs = newRS!;
  const allRSs = [...oldRSs, rs];
  const target = planNewReplicaSet(d, allRSs, rs);
  if (target !== undefined && scaleAndRecord(e.ctx, rs, target, d).scaled) return syncRolloutStatus(e, allRSs, rs, d);
  let plans;
  try {
    plans = planOldReplicaSets(d, allRSs, filterActive(oldRSs), rs, e.fence);
  } catch (err) {
    if (err instanceof InvalidScaleDown) throw new ApiError('InternalError', err.message);
    throw err;
  }
  if (plans.length > 0) {
    const latest = new Map<string, KubeObject>();
    for (const p of plans) {
      const cur = latest.get(p.rs.metadata.uid!) ?? p.rs;
      latest.set(p.rs.metadata.uid!, scaleAndRecord(e.ctx, cur, p.replicas, d).rs);
    }
    return syncRolloutStatus(e, allRSs, rs, d);
  }
  if (deploymentComplete(d, d.status ?? {})) cleanup(e, d, oldRSs);
  syncRolloutStatus(e, allRSs, rs, d);
}

/** upstream rolloutRecreate: old ReplicaSets to 0, wait for their pods to stop, then the new one at full size. */
export function rolloutRecreate(e: SyncEnv, d: KubeObject, rsList: readonly KubeObject[], podsByRS: ReadonlyMap<string, KubeObject[]>): void {
  let { newRS, oldRSs } = getAllReplicaSets(e, d, rsList, false);
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (scaleAndRecord(e.ctx, rs, 0, d).scaled) scaledDown = true;
  if (scaledDown || oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(e, [...oldRSs, newRS], newRS, d);
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSets(e, d, rsList, true));
  scaleAndRecord(e.ctx, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanup(e, d, oldRSs);
  syncRolloutStatus(e, [...oldRSs, newRS], newRS, d);
}

/** upstream checkPausedConditions: Progressing Unknown/DeploymentPaused on pause, DeploymentResumed on resume. */
export function checkPausedConditions(e: SyncEnv, d: KubeObject): void {
  if (!hasProgressDeadline(d)) return;
  const paused = getCondition(d.status, 'Progressing')?.reason === 'DeploymentPaused';
  d.status = structuredClone(d.status ?? {});
  let changed = false;
  if (d.spec.paused && !paused) changed = rolloutEvent(d.status, { type: 'PAUSE' }, { d, now: now(e) });
  else if (!d.spec.paused && paused) changed = rolloutEvent(d.status, { type: 'RESUME' }, { d, now: now(e) });
  if (changed) e.ctx.store.update(d, { subresource: 'status' });
}
