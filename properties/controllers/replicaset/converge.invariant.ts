// The liveness half of the ReplicaSet controller's promise, judged at the end
// of a run whose last stretch has no faults and no operations (the
// replicasets property ends so):
// - replicas-converge: every ReplicaSet and ReplicationController that is not
//   being deleted controls exactly spec.replicas active pods;
// - bounded-churn: over the run's last CHURN_WINDOW_MS, the controllers
//   neither created nor deleted a pod — a converged owner stays put, where two
//   controllers that fight, or one that miscounts, keep replacing pods.
// Counted from the pods' ControllerRefs in the store, and from the
// SuccessfulCreate/SuccessfulDelete events the controllers record.
// upstream: pkg/controller/replicaset/replica_set.go (manageReplicas' diff reaching 0)
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';
import { activeOwned } from './replicas-bounded.invariant.js';

const OWNER_KINDS = ['ReplicaSet', 'ReplicationController'];
const CHURN_SOURCES = new Set(['replicaset-controller', 'replication-controller']);
export const CHURN_WINDOW_MS = 5 * 60_000;

export const replicasConverge: Invariant = {
  name: 'replicas-converge',
  kind: 'liveness',
  description: 'at the end of a quiet run, every ReplicaSet and ReplicationController controls exactly spec.replicas active pods',
  guards: 'manageReplicas reaching a diff of 0 once faults stop (a stuck expectation or a lost event leaves it short or over)',
  create() {
    return {
      name: 'replicas-converge',
      check: () => undefined,
      final(cluster) {
        for (const kind of OWNER_KINDS) {
          for (const o of cluster.store.list(kind) as KubeObject[]) {
            if (o.metadata.deletionTimestamp) continue;
            const want = o.spec?.replicas ?? 1;
            const have = activeOwned(cluster, o.metadata.uid!);
            if (have !== want) return `${kind} ${o.metadata.namespace}/${o.metadata.name} controls ${have} active pods, spec.replicas is ${want}`;
          }
        }
        return undefined;
      },
    };
  },
};

export const boundedChurn: Invariant = {
  name: 'bounded-churn',
  kind: 'liveness',
  description: `over the last ${CHURN_WINDOW_MS / 60_000}m of a quiet run, the ReplicaSet and ReplicationController controllers neither create nor delete pods`,
  guards: 'controllers fighting over pods, or replacing pods they miscount, forever',
  create(cluster) {
    const churn: Array<{ atMs: number; text: string }> = [];
    cluster.store.onChange((type, o) => {
      if (o.kind !== 'Event' || type !== 'ADDED') return;
      const e = o as { reason?: string; message?: string; source?: { component?: string } };
      if (/^(Successful|Failed)(Create|Delete)$/.test(e.reason ?? '') && CHURN_SOURCES.has(e.source?.component ?? '')) {
        churn.push({ atMs: cluster.clock.now(), text: `${e.reason}: ${e.message}` });
      }
    });
    return {
      name: 'bounded-churn',
      check: () => undefined,
      final(c) {
        const since = c.clock.now() - CHURN_WINDOW_MS;
        const late = churn.filter((x) => x.atMs > since);
        return late.length === 0 ? undefined
          : `after convergence, with no new operation: ${late.slice(0, 3).map((x) => x.text).join('; ')}`;
      },
    };
  },
};
