// Evictions respect budgets: an eviction of a Ready pod that a
// PodDisruptionBudget selects never leaves fewer healthy pods than the
// budget wants. Healthy: selected, Ready, not being deleted, and not evicted
// in the last two minutes (an eviction the pod has not yet gone through).
// What the budget wants is the harness's own arithmetic: an integer
// minAvailable as it is; a percentage of, or maxUnavailable below, the sum of
// the pods' controllers' replicas (a Deployment's for its ReplicaSets'
// pods), percentages rounded up. While the disruption controller lags (a
// watch delay on it or its process) its status may be stale, as upstream's
// is, and the invariant stands down.
// Upstream guarantee: eviction.go checkAndDecrement refuses with 429 once
// disruptionsAllowed is 0, and counts each approved eviction in
// disruptedPods until the controller has seen it through.
import type { KubeObject } from '../../../model/api/types.js';
import { selectorFromLabelSelector } from '../../../model/labels/index.js';
import type { Invariant } from '../../invariants/types.js';

const EVICTED_FOR_MS = 2 * 60_000;
const ready = (p: KubeObject) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const evictionMark = (p: KubeObject | undefined) => (p?.status?.conditions ?? []).some((c: any) => c.type === 'DisruptionTarget' && c.reason === 'EvictionByEvictionAPI');
const percent = (v: string, total: number) => Math.ceil((Number(v.slice(0, -1)) * total) / 100);

export const pdbRespected: Invariant = {
  name: 'pdb-respected',
  description: 'an eviction of a Ready pod never leaves a PodDisruptionBudget with fewer healthy pods than it wants',
  guards: 'the Eviction API checking disruptionsAllowed (429 at 0) and recording disruptedPods (eviction.go checkAndDecrement)',
  create(cluster) {
    const evictedAt = new Map<string, number>(); // pod uid → when the Eviction API marked it
    let broken: string | undefined;
    const selects = (b: KubeObject, p: KubeObject) => {
      if (b.metadata.namespace !== p.metadata.namespace || !b.spec?.selector) return false;
      try { return selectorFromLabelSelector(b.spec.selector).matches(p.metadata.labels ?? {}); } catch { return false; }
    };
    const replicasOfController = (p: KubeObject): [string, number] | undefined => {
      const ref = (p.metadata.ownerReferences ?? []).find((r: any) => r.controller);
      if (!ref) return undefined;
      const owner = cluster.store.get(ref.kind, p.metadata.namespace, ref.name);
      if (!owner) return undefined;
      const up = ref.kind === 'ReplicaSet' ? (owner.metadata.ownerReferences ?? []).find((r: any) => r.controller && r.kind === 'Deployment') : undefined;
      const top = up ? cluster.store.get('Deployment', p.metadata.namespace, up.name) : owner;
      return top ? [top.metadata.uid!, top.spec?.replicas ?? 1] : undefined;
    };
    const wanted = (b: KubeObject, pods: KubeObject[]): number => {
      const expected = () => {
        const seen = new Map<string, number>();
        for (const p of pods) { const r = replicasOfController(p); if (r) seen.set(r[0], r[1]); }
        return [...seen.values()].reduce((a, n) => a + n, 0);
      };
      const { minAvailable, maxUnavailable } = b.spec ?? {};
      if (maxUnavailable !== undefined && maxUnavailable !== null) {
        const e = expected();
        return Math.max(0, e - (typeof maxUnavailable === 'number' ? maxUnavailable : percent(String(maxUnavailable), e)));
      }
      if (typeof minAvailable === 'number') return minAvailable;
      if (typeof minAvailable === 'string') return percent(minAvailable, expected());
      return 0;
    };
    cluster.store.onChange((type, o, old) => {
      if (broken || o.kind !== 'Pod' || type === 'DELETED' || !evictionMark(o) || evictionMark(old) || !old || !ready(old)) return;
      const now = cluster.clock.now();
      evictedAt.set(o.metadata.uid!, now);
      if (cluster.maxWatchDelay('disruption-controller') > 0 || cluster.maxWatchDelay('kube-controller-manager') > 0) return;
      for (const b of cluster.store.list('PodDisruptionBudget', { namespace: o.metadata.namespace })) {
        if (!selects(b, o)) continue;
        const pods = cluster.store.list('Pod', { namespace: o.metadata.namespace }).filter((p) => selects(b, p));
        const healthy = pods.filter((p) => p.metadata.uid !== o.metadata.uid && !p.metadata.deletionTimestamp && ready(p)
          && !((evictedAt.get(p.metadata.uid!) ?? -Infinity) + EVICTED_FOR_MS > now)).length;
        const want = wanted(b, pods);
        if (healthy < want) {
          broken = `evicting pod ${o.metadata.namespace}/${o.metadata.name} left PodDisruptionBudget ${b.metadata.name} with ${healthy} healthy pods; it wants ${want}`;
        }
      }
    });
    return { name: 'pdb-respected', check: () => broken };
  },
};
