// One StatefulSet sync, as upstream's defaultStatefulSetControl runs it:
// work out the current and update revisions (re-using an equal earlier one:
// a rollback), sort the pods into the ordinal range and the condemned, make
// the range whole (lowest ordinal first; under OrderedReady one create per
// sync and a wait for Running and Ready before the next ordinal), fix the
// condemned pods' claims, delete the condemned (highest first; one at a
// time under OrderedReady), then roll: delete the highest pod below the
// update revision down to the partition, or up to maxUnavailable of them
// when that feature is on. Status is written even when a step fails; the
// revision history is trimmed at the end.
// upstream: pkg/controller/statefulset/stateful_set_control.go (UpdateStatefulSet, performUpdate,
// getStatefulSetRevisions, updateStatefulSet, processReplica, processCondemned, runForAll,
// updateStatefulSetAfterInvariantEstablished, updateStatefulSetStatus, truncateHistory)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import {
  DEFAULT_REVISION_HISTORY_LIMIT, equalRevision, findEqualRevisions, newRevision, nextRevision, revisionsToTrim, templateOf,
} from '../../../model/controllers/history.js';
import {
  atCurrentRevision, endOrdinal, identityMatches, inOrdinalRange, newStatefulSetPod, ordinalOf, podRevision,
  replicasOf, startOrdinal, storageMatches, withRevision,
} from '../../../model/controllers/statefulset/identity.js';
import {
  completeRollingUpdate, countReplicas, inconsistentStatus, isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable,
  isRunningAndReady, isSucceeded, isTerminating, maxUnavailableOf, statusObject, type Slot, type StatefulSetStatus,
} from '../../../model/controllers/statefulset/status.js';
import type { StatefulSetRolloutEvent } from '../../../model/controllers/statefulset/rollout-machine.js';
import { ownerOf, ownerRefFor } from '../../../model/controllers/claim.js';
import type { RuntimeContext } from '../../context.js';
import { createRevision, deleteRevision, renumberRevision } from '../history.js';
import { COMPONENT, type StatefulPodControl } from './podcontrol.js';

/** The known bugs this code can switch on (declared in its module). */
export interface StatefulSetSwitches {
  /** OrderedReady: after creating a pod, go on to the next ordinal in the same sync instead of waiting for it. */
  createWithoutWaiting?: boolean;
  /** A pod terminating on an unreachable node is force-deleted and replaced at once (split brain). */
  replaceUnreachable?: boolean;
  /** Condemned pods are taken lowest ordinal first. */
  scaleDownLowestFirst?: boolean;
  /** Pod updates that change only status (readiness) enqueue nothing. */
  ignoreReadiness?: boolean;
}

export interface SyncResult { outcome: StatefulSetRolloutEvent['type']; status?: StatefulSetStatus; error?: ApiError }

type Step = { exit: boolean; error?: ApiError };
const go: Step = { exit: false }, stop: Step = { exit: true };

/** upstream runForAll: in order, stopping at the first exit (monotonic), or in slow-start batches stopping at an error. */
function runForAll(n: number, fn: (i: number) => Step, monotonic: boolean): Step {
  if (monotonic) {
    for (let i = 0; i < n; i++) { const r = fn(i); if (r.exit || r.error) return { exit: true, error: r.error }; }
    return go;
  }
  let done = 0;
  for (let batch = 1; done < n; batch *= 2) {
    const size = Math.min(batch, n - done);
    let error: ApiError | undefined;
    for (let i = done; i < done + size; i++) error ??= fn(i).error;
    done += size;
    if (error) return { exit: true, error };
  }
  return go;
}

export interface ControlDeps {
  ctx: RuntimeContext;
  pods: StatefulPodControl;
  /** The set's revisions, from the cache (owned by it). */
  revisions(set: KubeObject): KubeObject[];
  /** Is this node unreachable (the split-brain bug's test)? */
  nodeUnreachable(name: string | undefined): boolean;
  switches: StatefulSetSwitches;
  actor: string;
}

export function updateStatefulSet(d: ControlDeps, set: KubeObject, pods: readonly KubeObject[]): SyncResult {
  const revisions = d.revisions(set);
  const { current, update, collisionCount } = setRevisions(d, set, revisions);
  const r = performUpdate(d, set, pods, current, update, collisionCount);
  const live = new Set<string>([current.metadata.name!, update.metadata.name!]);
  for (const p of pods) { const rev = podRevision(p); if (rev) live.add(rev); }
  for (const old of revisionsToTrim(revisions, live, set.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT)) deleteRevision(d.ctx, old, d.actor);
  return r;
}

/** upstream getStatefulSetRevisions. */
function setRevisions(d: ControlDeps, set: KubeObject, revisions: KubeObject[]): { current: KubeObject; update: KubeObject; collisionCount: number } {
  let collisionCount = set.status?.collisionCount ?? 0;
  const candidate = newRevision(set, set.spec.template, nextRevision(revisions), collisionCount);
  const equal = findEqualRevisions(revisions, candidate);
  let update: KubeObject;
  if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1]!;
  } else if (equal.length > 0) {
    update = renumberRevision(d.ctx, equal[equal.length - 1]!, Number(candidate.revision));
  } else {
    const made = createRevision(d.ctx, set, set.spec.template, Number(candidate.revision), collisionCount);
    update = made.revision;
    collisionCount = made.collisionCount;
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

function performUpdate(d: ControlDeps, set: KubeObject, pods: readonly KubeObject[], current: KubeObject, update: KubeObject, collisionCount: number): SyncResult {
  const r = run(d, set, pods, current, update, collisionCount);
  if (!r.status) return r;
  completeRollingUpdate(set, r.status);
  if (inconsistentStatus(set, r.status) || (set.status?.collisionCount ?? 0) !== r.status.collisionCount) {
    try {
      writeStatus(d.ctx, set, r.status);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { ...r, error: r.error ?? e };
    }
  }
  return r;
}

/** upstream UpdateStatefulSetStatus: from the cached set, once more from a fresh read on a conflict. */
function writeStatus(ctx: RuntimeContext, set: KubeObject, status: StatefulSetStatus): void {
  const write = (o: KubeObject) => ctx.store.update({ ...o, status: statusObject(status, o.status) } as KubeObject, { subresource: 'status' });
  try {
    write(set);
  } catch (e) {
    if (!(e instanceof ApiError) || e.reason !== 'Conflict') throw e;
    const live = ctx.store.get('StatefulSet', set.metadata.namespace, set.metadata.name!);
    if (!live || live.metadata.uid !== set.metadata.uid) throw e;
    write(live);
  }
}

/** upstream updateStatefulSet. */
function run(d: ControlDeps, set: KubeObject, pods: readonly KubeObject[], current: KubeObject, update: KubeObject, collisionCount: number): SyncResult {
  const clock = { nowMs: d.ctx.clock.now(), parse: (s: string) => d.ctx.clock.parse(s) };
  const currentTemplate = templateOf(current), updateTemplate = templateOf(update);
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation, replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0,
    currentRevision: current.metadata.name!, updateRevision: update.metadata.name!, collisionCount,
  };
  const minReady = set.spec?.minReadySeconds ?? 0;
  const existing = pods.map((pod) => ({ pod, created: true }));
  countReplicas(status, minReady, clock, existing);

  const start = startOrdinal(set), count = replicasOf(set);
  const replicas: (Slot | undefined)[] = new Array(count);
  const condemned: Slot[] = [];
  for (const s of existing) {
    const o = ordinalOf(s.pod);
    if (inOrdinalRange(s.pod, set)) replicas[o - start] = s;
    else if (o >= 0) condemned.push(s);
  }
  const ref = ownerRefFor(ownerOf(set));
  // A missing pod is only made (its template copied) when it is created: a set of N walks its N slots on every sync.
  const fresh = (ordinal: number): Slot => {
    const atCurrent = atCurrentRevision(set, ordinal);
    const revision = atCurrent ? current.metadata.name! : update.metadata.name!;
    let pod: KubeObject | undefined;
    return {
      created: false, revision,
      get pod() { return (pod ??= withRevision(newStatefulSetPod(set, atCurrent ? currentTemplate : updateTemplate, ordinal, ref), revision)); },
    };
  };
  const revisionOf = (s: Slot) => (s.created ? podRevision(s.pod) : s.revision);
  const outdated = (s: Slot) => revisionOf(s) !== update.metadata.name && !(s.created && isTerminating(s.pod));
  for (let ord = start; ord <= endOrdinal(set); ord++) replicas[ord - start] ??= fresh(ord);
  const slots = replicas as Slot[];
  condemned.sort((a, b) => d.switches.scaleDownLowestFirst ? ordinalOf(a.pod) - ordinalOf(b.pod) : ordinalOf(b.pod) - ordinalOf(a.pod));

  let firstUnhealthy: Slot | undefined;
  for (const s of slots) if (!isHealthy(s)) firstUnhealthy ??= s;
  for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i]!)) firstUnhealthy ??= condemned[i];

  const done = (outcome: SyncResult['outcome'], error?: ApiError): SyncResult => {
    countReplicas(status, minReady, clock, slots, condemned);
    return { outcome, status, error };
  };
  if (set.metadata.deletionTimestamp) return { outcome: 'DELETING', status };

  const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  let outcome: SyncResult['outcome'] | undefined;
  const note = (o: SyncResult['outcome']) => { outcome ??= o; };

  // Each living replica, lowest ordinal first.
  const processReplica = (i: number): Step => {
    let s = slots[i]!;
    if (s.created && (isFailed(s.pod) || isSucceeded(s.pod))) {
      const failed = isFailed(s.pod);
      d.ctx.recorder.record(set, failed ? 'Warning' : 'Normal', failed ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod',
        `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${failed ? 'failed' : 'terminated'} Pod ${s.pod.metadata.name}`, COMPONENT);
      const e = d.pods.delete(set, s.pod);
      if (e) return { exit: true, error: e };
      note('RECREATE');
      s = slots[i] = fresh(start + i);
    }
    if (d.switches.replaceUnreachable && s.created && isTerminating(s.pod) && d.nodeUnreachable(s.pod.spec?.nodeName)) {
      // The split-brain bug: the name is freed by force while the old pod may still run on the far side of a partition.
      const e = d.pods.delete(set, s.pod, true);
      if (e && e.reason !== 'NotFound') return { exit: true, error: e };
      s = slots[i] = fresh(start + i);
    }
    if (!isCreated(s)) {
      if (s.created) return monotonic ? stop : go; // in the cache, but the API server has not given it a phase yet
      if (d.pods.claimIsStale(set, s.pod)) { note('WAIT_CLAIM'); return stop; }
      const e = d.pods.create(set, s.pod);
      if (e) return { exit: true, error: e };
      note('CREATE');
      if (monotonic && !d.switches.createWithoutWaiting) return stop;
      if (d.switches.createWithoutWaiting) return go;
    }
    if (s.created && isPending(s.pod)) {
      const e = d.pods.createClaims(set, s.pod);
      if (e) return { exit: true, error: e };
    }
    if (!s.created) return go;
    if (isTerminating(s.pod) && monotonic) { note('WAIT_TERMINATION'); return stop; }
    if (!isRunningAndReady(s.pod) && monotonic) { note('WAIT_READY'); return stop; }
    if (!isRunningAndAvailable(s.pod, minReady, clock.nowMs, clock.parse) && monotonic) { note('WAIT_READY'); return stop; }
    if (identityMatches(set, s.pod) && storageMatches(set, s.pod) && d.pods.claimsMatchRetention(set, s.pod)) return go;
    const e = d.pods.update(set, s.pod);
    return e ? { exit: true, error: e } : go;
  };
  let r = runForAll(slots.length, processReplica, monotonic);
  if (r.exit || r.error) return done(outcome ?? 'WAIT_READY', r.error);

  // The condemned pods' claims, as the retention policy says.
  r = runForAll(condemned.length, (i) => {
    const s = condemned[i]!;
    if (d.pods.claimsMatchRetention(set, s.pod)) return go;
    const e = d.pods.updateClaimsForRetention(set, s.pod);
    return e ? { exit: true, error: e } : go;
  }, monotonic);
  if (r.exit || r.error) return done(outcome ?? 'CONDEMN', r.error);

  // Scale-down: the condemned, highest ordinal first.
  r = runForAll(condemned.length, (i) => {
    const s = condemned[i]!;
    if (isTerminating(s.pod)) { note('WAIT_TERMINATION'); return monotonic ? stop : go; }
    if (monotonic && s !== firstUnhealthy && (!isRunningAndReady(s.pod) || !isRunningAndAvailable(s.pod, minReady, clock.nowMs, clock.parse))) {
      note('WAIT_READY');
      return stop;
    }
    const e = d.pods.delete(set, s.pod);
    note('CONDEMN');
    return { exit: true, error: e };
  }, monotonic);
  if (r.exit || r.error) return done(outcome ?? 'CONDEMN', r.error);

  countReplicas(status, minReady, clock, slots, condemned);
  if (outcome) return { outcome, status };
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') {
    return { outcome: slots.some((s) => revisionOf(s) !== update.metadata.name) ? 'OUTDATED' : 'SETTLED', status };
  }
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (d.ctx.featureGates.MaxUnavailableStatefulSet) {
    const maxUnavailable = maxUnavailableOf(set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, count);
    const unavailable = slots.filter((s) => !isHealthy(s)).length;
    if (unavailable >= maxUnavailable) return { outcome: slots.some((s) => revisionOf(s) !== update.metadata.name) ? 'WAIT_UPDATE' : 'SETTLED', status };
    let deleted = 0;
    for (let t = slots.length - 1; t >= partition && deleted < maxUnavailable - unavailable; t--) {
      const s = slots[t]!;
      if (outdated(s)) {
        const e = d.pods.delete(set, s.pod);
        if (e && e.reason !== 'NotFound') return { outcome: 'UPDATE', status, error: e };
        deleted++;
        status.currentReplicas--;
      }
    }
    return { outcome: deleted > 0 ? 'UPDATE' : 'SETTLED', status };
  }
  for (let t = slots.length - 1; t >= partition; t--) {
    const s = slots[t]!;
    if (outdated(s)) {
      const e = d.pods.delete(set, s.pod);
      status.currentReplicas--;
      return { outcome: 'UPDATE', status, error: e && e.reason !== 'NotFound' ? e : undefined };
    }
    if (!isHealthy(s)) return { outcome: 'WAIT_UPDATE', status };
  }
  return { outcome: 'SETTLED', status };
}
