// During a rolling update, a Deployment keeps at least replicas −
// maxUnavailable replicas available and asks for at most replicas +
// maxSurge, counted the way the controller itself counts: over its
// ReplicaSets, availability as Σ min(spec.replicas, status.availableReplicas)
// (a ReplicaSet scaled down no longer counts the pods it is about to
// delete) and size as Σ spec.replicas (upstream's own "pod count",
// GetReplicaCountForReplicaSets — actual pods briefly exceed it while a
// scaled-down ReplicaSet's pods are still being deleted, by design).
//
// Upstream guarantee: rolling.go's NewRSNewReplicas (growth bounded by the
// spec sum) and reconcileOldReplicaSets (shrinking bounded by the available
// count, and refusing outright when a ReplicaSet reports more available than
// it has). The bounds are what the controller keeps, not what the world
// may do to it, so an instant is exempt:
// - until the bound first holds under the current replicas and strategy —
//   a new Deployment starts with nothing available, and a resize (or a new
//   maxSurge/maxUnavailable) restarts the wait (proportional scaling then
//   lands at exactly replicas + maxSurge);
// - after a fault: a ReplicaSet lost available replicas it still wanted
//   (a pod failed, went unready, was evicted or deleted by someone else), or
//   a ReplicaSet joined or left the Deployment (adoption, release), or one
//   with replicas was deleted. Re-armed once the bound holds again and the
//   Deployment's status shows the controller has seen the ReplicaSets as they are;
// - while the deployment or replicaset controller's watch lags (the
//   watch-delay fault, and for as long after it ends as events may still be
//   in flight). Upstream keeps no expectations for Deployments: it trusts
//   its cache to show its own writes, and a lagging one breaks both bounds —
//   a scale-up computed from a spec sum that misses its last scale-up, or a
//   rollback counting the available pods of a ReplicaSet it has just scaled
//   to 0 whose status has not caught up (both found by the Deployment
//   property with a few seconds of lag, both upstream's behaviour).
// Recreate Deployments promise neither bound and are not checked.
// maxSurge and maxUnavailable come from the harness's own arithmetic
// (properties/oracles/fenceposts.ts), never from the controller's.
// Catches `deploy-rounds-unavailable-up` (maxUnavailable rounded up: one replica too few).
// upstream: pkg/controller/deployment/rolling.go, util/deployment_util.go (ResolveFenceposts)
import type { KubeObject } from '../../../model/api/types.js';
import type { Watcher } from '../../../runtime/watch.js';
import type { Invariant } from '../../invariants/types.js';
import { specReplicas, surgeAllowed, unavailableAllowed } from '../../oracles/fenceposts.js';
import { deploymentRef, ownedReplicaSets, rsLine } from './owned.js';

interface Track { shape: string; armedAvail: boolean; armedSurge: boolean }

/** The controllers whose lag the bounds cannot survive (their informers' component names). */
const LAG_SENSITIVE = ['kube-controller-manager/deployment-controller', 'kube-controller-manager/replicaset-controller'];

const shape = (d: KubeObject) => JSON.stringify([d.spec?.replicas, d.spec?.strategy]);
const avail = (rs: KubeObject | undefined) => rs?.status?.availableReplicas ?? 0;

export const rolloutAvailability: Invariant = {
  name: 'rollout-availability',
  description: 'a rolling Deployment keeps Σ min(spec, available) ≥ replicas − maxUnavailable and Σ spec ≤ replicas + maxSurge over its ReplicaSets',
  guards: 'rolling.go NewRSNewReplicas / reconcileOldReplicaSets with ResolveFenceposts rounding (surge up, unavailable down)',
  create(cluster) {
    const tracks = new Map<string, Track>();
    const dirty = new Set<string>();
    // The watch-delay fault, sampled at every check: lag lasts until the last delayed event can have arrived.
    let watchers: Watcher[] | undefined;
    let lagUntilMs = -1;
    const lagging = (nowMs: number): boolean => {
      if (!watchers || watchers.some((w) => w.stopped)) watchers = LAG_SENSITIVE.flatMap((c) => cluster.store.watches.ofComponent(c));
      for (const w of watchers) if (w.delayMs > 0) lagUntilMs = Math.max(lagUntilMs, nowMs + w.delayMs);
      return nowMs <= lagUntilMs;
    };
    const disarm = (uid: string | undefined, both: boolean) => {
      const t = uid ? tracks.get(uid) : undefined;
      if (!t) return;
      t.armedAvail = false;
      if (both) t.armedSurge = false;
    };
    cluster.store.onChange((type, o, old) => {
      if (o.kind === 'Deployment') {
        const uid = o.metadata.uid!;
        if (type === 'DELETED' || o.metadata.deletionTimestamp) { tracks.delete(uid); dirty.delete(uid); return; }
        const t = tracks.get(uid);
        if (!t || t.shape !== shape(o)) tracks.set(uid, { shape: shape(o), armedAvail: false, armedSurge: false });
        dirty.add(uid);
        return;
      }
      if (o.kind !== 'ReplicaSet') return;
      const now = deploymentRef(type === 'DELETED' ? undefined : o), before = deploymentRef(old);
      if (type === 'MODIFIED' && now?.uid !== before?.uid) { disarm(now?.uid, true); disarm(before?.uid, true); }
      if (type === 'DELETED' && specReplicas(o) > 0) disarm(before?.uid, true);
      // Lost availability it still wants: a fault, not the controller's doing.
      if (type === 'MODIFIED' && now && avail(o) < avail(old) && avail(o) < specReplicas(o)) disarm(now.uid, false);
      for (const r of [now, before]) if (r) dirty.add(r.uid);
    });
    return {
      name: 'rollout-availability',
      check(c) {
        if (lagging(c.clock.now())) {
          for (const t of tracks.values()) { t.armedAvail = false; t.armedSurge = false; }
          for (const uid of tracks.keys()) dirty.add(uid);
          return undefined;
        }
        for (const uid of dirty) {
          const t = tracks.get(uid);
          const d = c.store.getByUid(uid);
          if (!t || !d || d.spec?.strategy?.type !== 'RollingUpdate') continue;
          const rss = ownedReplicaSets(c.store, d);
          const replicas = specReplicas(d);
          const minAvailable = replicas - unavailableAllowed(d);
          const maxTotal = replicas + surgeAllowed(d);
          let available = 0, total = 0, reported = 0;
          for (const rs of rss) { available += Math.min(specReplicas(rs), avail(rs)); total += specReplicas(rs); reported += avail(rs); }
          const seen = (d.status?.availableReplicas ?? 0) === reported && (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
          const name = `deployment ${d.metadata.namespace}/${d.metadata.name}`;
          const list = rss.map(rsLine).join(', ');
          if (t.armedAvail && available < minAvailable) {
            return `${name}: ${available} available (Σ min(spec, available) over ${list}) < replicas ${replicas} − maxUnavailable ${unavailableAllowed(d)} = ${minAvailable}`;
          }
          if (t.armedSurge && total > maxTotal) {
            return `${name}: ReplicaSets ask for ${total} replicas (${list}) > replicas ${replicas} + maxSurge ${surgeAllowed(d)} = ${maxTotal}`;
          }
          if (!t.armedAvail && available >= minAvailable && seen) t.armedAvail = true;
          if (!t.armedSurge && total <= maxTotal) t.armedSurge = true;
        }
        dirty.clear();
        return undefined;
      },
    };
  },
};
