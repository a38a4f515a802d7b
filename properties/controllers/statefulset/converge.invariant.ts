// A StatefulSet converges: at the end of a quiet run each set has exactly
// one pod per ordinal of its range, none beyond, every one Running and
// Ready; under RollingUpdate every pod from the partition up runs the set's
// template's images, and once all do (partition 0) the status says the
// rollout is done (currentRevision = updateRevision, all replicas ready and
// updated, the latest generation observed).
// Upstream guarantee: the StatefulSet controller's sync after every pod and set change, and
// completeRollingUpdate (stateful_set_control.go). Judged from the store with the harness's own
// name parsing and image comparison.
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';

const NAME = /^(.*)-([0-9]+)$/;
const images = (spec: any) => JSON.stringify((spec?.containers ?? []).map((c: any) => c.image));
const ready = (p: KubeObject) => p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

export const stsConverge: Invariant = {
  name: 'sts-converge',
  kind: 'liveness',
  description: 'at the end of a quiet run each StatefulSet has one Running and Ready pod per ordinal of its range and none beyond, from the partition up at its template, and a status that says so',
  guards: 'the StatefulSet sync loop and completeRollingUpdate (a lost event or a stuck wait leaves a set short or half-rolled)',
  create() {
    return {
      name: 'sts-converge',
      check: () => undefined,
      final(cluster) {
        for (const set of cluster.store.list('StatefulSet')) {
          if (set.metadata.deletionTimestamp) continue;
          const ns = set.metadata.namespace, name = set.metadata.name!;
          const start = set.spec?.ordinals?.start ?? 0, replicas = set.spec?.replicas ?? 1;
          const byOrdinal = new Map<number, KubeObject>();
          for (const p of cluster.store.list('Pod', { namespace: ns })) {
            const m = NAME.exec(p.metadata.name ?? '');
            const owned = (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === set.metadata.uid);
            if (!m || m[1] !== name || !owned) continue;
            const o = Number(m[2]);
            if (o < start || o >= start + replicas) return `statefulset ${ns}/${name} still has ${p.metadata.name}, beyond its ordinals ${start}..${start + replicas - 1}`;
            byOrdinal.set(o, p);
          }
          const strategy = set.spec?.updateStrategy ?? {};
          const partition = strategy.type === 'OnDelete' ? Infinity : (strategy.rollingUpdate?.partition ?? 0);
          for (let o = start; o < start + replicas; o++) {
            const p = byOrdinal.get(o);
            if (!p) return `statefulset ${ns}/${name} has no pod ${name}-${o}`;
            if (p.metadata.deletionTimestamp || !ready(p)) return `statefulset ${ns}/${name}: pod ${p.metadata.name} is ${p.metadata.deletionTimestamp ? 'terminating' : `${p.status?.phase ?? 'Pending'} and not Ready`}`;
            if (o - start >= partition && images(p.spec) !== images(set.spec?.template?.spec)) {
              return `statefulset ${ns}/${name}: pod ${p.metadata.name} runs ${images(p.spec)}, not the template's ${images(set.spec?.template?.spec)}`;
            }
          }
          const s = set.status ?? {};
          if ((s.observedGeneration ?? 0) < (set.metadata.generation ?? 0)) return `statefulset ${ns}/${name}: status.observedGeneration ${s.observedGeneration} behind generation ${set.metadata.generation}`;
          if ((s.replicas ?? 0) !== replicas || (s.readyReplicas ?? 0) !== replicas) return `statefulset ${ns}/${name}: status says ${s.replicas ?? 0} replicas, ${s.readyReplicas ?? 0} ready; it has ${replicas} Ready pods`;
          const revisions = new Set([...byOrdinal.values()].map((p) => p.metadata.labels?.['controller-revision-hash']));
          if (partition === 0 && revisions.size === 1 && (s.currentRevision !== s.updateRevision || (s.updatedReplicas ?? 0) !== replicas)) {
            return `statefulset ${ns}/${name}: every pod is at one revision but status has currentRevision ${s.currentRevision}, updateRevision ${s.updateRevision}, updatedReplicas ${s.updatedReplicas ?? 0}`;
          }
        }
        return undefined;
      },
    };
  },
};
