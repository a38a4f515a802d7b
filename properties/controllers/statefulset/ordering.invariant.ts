// The StatefulSet guarantees, judged from the API's changes and the nodes'
// truth with the harness's own arithmetic (names parsed here, readiness read
// off the pods, nothing asked of the controller):
// - sts-ordered-ready: under OrderedReady, when pod N of a set is created,
//   every ordinal from the start up to N-1 is Running, Ready and not
//   terminating — or was, within the controller's watch lag (its cache may
//   not yet show a predecessor going unready, as upstream's may not);
// - sts-scale-down-order: under OrderedReady the controller deletes a pod
//   beyond the ordinal range only when no higher ordinal of the set is left;
// - sts-at-most-one: no two pods with one StatefulSet identity ever run at
//   once, on any node — the kubelets' own view, so a pod the API has deleted
//   but whose partitioned node still runs it counts.
// A set whose ordinals.start changed within the lag window is not judged
// (the controller may still be acting on the old start).
// Upstream guarantee: stateful_set_control.go processReplica (monotonic: one create, then wait for Running
// and Ready), processCondemned (descending ordinal, one at a time), and the fixed pod name that a
// terminating pod keeps until its kubelet confirms, or a person force-deletes it.
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../../runtime/cluster.js';
import type { Invariant } from '../../invariants/types.js';

const NAME = /^(.*)-([0-9]+)$/;
/** The set a pod belongs to by its controller reference, and its ordinal by its name. */
function identity(pod: KubeObject): { set: string; ordinal: number } | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'StatefulSet');
  const m = NAME.exec(pod.metadata.name ?? '');
  if (!ref || !m || m[1] !== ref.name) return undefined;
  return { set: ref.name, ordinal: Number(m[2]) };
}
const readyNow = (p: KubeObject) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running'
  && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const ordered = (set: KubeObject | undefined) => set !== undefined && (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
const range = (set: KubeObject) => { const start = set.spec?.ordinals?.start ?? 0; return { start, end: start + (set.spec?.replicas ?? 1) - 1 }; };

/** The controller's watch lag as the run has injected it (on it or its process), plus a second of slack. */
const lagMs = (cluster: Cluster) => Math.max(cluster.maxWatchDelay('statefulset-controller'), cluster.maxWatchDelay('kube-controller-manager')) + 1000;

/**
 * When each set's ordinals.start last changed (the only spec change that moves
 * which ordinals come first or lie beyond the range in both directions), so a
 * judgement stands down while the controller may act on the old start.
 */
function startChanges(cluster: Cluster): (ns: string | undefined, name: string) => boolean {
  const changed = new Map<string, number>();
  cluster.store.onChange((type, o, old) => {
    if (o.kind !== 'StatefulSet' || type !== 'MODIFIED' || (o.spec?.ordinals?.start ?? 0) === (old?.spec?.ordinals?.start ?? 0)) return;
    changed.set(`${o.metadata.namespace}/${o.metadata.name}`, cluster.clock.now());
  });
  return (ns, name) => {
    const t = changed.get(`${ns}/${name}`);
    return t !== undefined && cluster.clock.now() - t <= lagMs(cluster);
  };
}

export const stsOrderedReady: Invariant = {
  name: 'sts-ordered-ready',
  description: 'under OrderedReady a StatefulSet\'s pod N is created only when ordinals start..N-1 are Running and Ready (or were, within the controller\'s watch lag)',
  guards: 'stateful_set_control.go processReplica: in monotonic mode one create per sync, then wait for Running and Ready (kubernetes PR 45113)',
  create(cluster) {
    /** Pod key → the last time it was seen Running and Ready (Infinity while it is). */
    const lastReady = new Map<string, number>();
    const recentStart = startChanges(cluster);
    let broken: string | undefined;
    cluster.store.onChange((type, o) => {
      if (o.kind !== 'Pod' || broken) return;
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      const now = cluster.clock.now();
      if (type !== 'DELETED' && readyNow(o)) lastReady.set(key, Infinity);
      else if (lastReady.get(key) === Infinity) lastReady.set(key, now);
      if (type !== 'ADDED') return;
      const id = identity(o);
      if (!id) return;
      const set = cluster.store.get('StatefulSet', o.metadata.namespace, id.set);
      if (!ordered(set) || set!.metadata.uid !== (o.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid) return;
      if (recentStart(o.metadata.namespace, id.set)) return;
      const { start } = range(set!);
      const since = now - lagMs(cluster);
      for (let j = start; j < id.ordinal; j++) {
        const t = lastReady.get(`${o.metadata.namespace}/${id.set}-${j}`);
        if (t === undefined || t < since) {
          broken = `pod ${key} was created while ${id.set}-${j} ${t === undefined ? 'had never been Running and Ready' : `had not been Running and Ready for ${((now - t) / 1000).toFixed(3)}s`} (OrderedReady)`;
          return;
        }
      }
    });
    return { name: 'sts-ordered-ready', check: () => broken };
  },
};

export const stsScaleDownOrder: Invariant = {
  name: 'sts-scale-down-order',
  description: 'under OrderedReady the StatefulSet controller deletes a pod beyond the ordinal range only when no higher ordinal of the set is left',
  guards: 'stateful_set_control.go processCondemned: condemned pods go in descending ordinal order, one at a time, each deletion finished first',
  create(cluster) {
    const recentStart = startChanges(cluster);
    let broken: string | undefined;
    cluster.store.onChange((type, o, old, actor) => {
      if (broken || o.kind !== 'Pod' || actor !== 'statefulset-controller') return;
      const deleting = type === 'DELETED' ? !old?.metadata.deletionTimestamp : !!o.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp;
      if (!deleting) return;
      const id = identity(o);
      if (!id) return;
      const set = cluster.store.get('StatefulSet', o.metadata.namespace, id.set);
      if (!ordered(set) || set!.metadata.deletionTimestamp || recentStart(o.metadata.namespace, id.set)) return;
      const { start, end } = range(set!);
      if (id.ordinal >= start && id.ordinal <= end) return; // an update or a re-creation, not scale-down
      for (const p of cluster.store.list('Pod', { namespace: o.metadata.namespace })) {
        const other = identity(p);
        if (other?.set === id.set && other.ordinal > id.ordinal && other.ordinal > end && p.metadata.uid !== o.metadata.uid) {
          broken = `pod ${o.metadata.namespace}/${o.metadata.name} was deleted for scale-down while ${p.metadata.name} was still there (OrderedReady)`;
          return;
        }
      }
    });
    return { name: 'sts-scale-down-order', check: () => broken };
  },
};

export const stsAtMostOne: Invariant = {
  name: 'sts-at-most-one',
  description: 'no two pods with one StatefulSet identity run at the same time on any nodes, as the kubelets see it (a partitioned node\'s pods included)',
  guards: 'StatefulSet at-most-one semantics: a pod on an unreachable node keeps its name until its kubelet confirms or it is force-deleted (docs "Force Delete StatefulSet Pods")',
  create() {
    return {
      name: 'sts-at-most-one',
      check(cluster) {
        if (cluster.store.count('StatefulSet') === 0) return undefined;
        const running = new Map<string, { uid: string; node: string }>();
        for (const [node, k] of cluster.kubelets) {
          for (const r of k.runningPods()) {
            if (!identity(r.pod)) continue;
            const key = `${r.namespace}/${r.name}`;
            const first = running.get(key);
            if (first && first.uid !== r.uid) return `two pods named ${key} run at once: uid ${first.uid} on ${first.node} and uid ${r.uid} on ${node}`;
            running.set(key, { uid: r.uid, node });
          }
        }
        return undefined;
      },
    };
  },
};
