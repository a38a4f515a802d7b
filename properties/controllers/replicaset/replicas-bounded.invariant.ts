// A ReplicaSet (or ReplicationController) never creates a pod that takes the
// active pods it controls above its spec.replicas — where spec.replicas means
// any value it held during the controller's watch lag.
//
// Upstream guarantee: expectations (pkg/controller/controller_utils.go
// ControllerExpectations). The controller acts only when its cache has seen
// every create and delete it asked for, so its count of its own pods is never
// lower than the truth; other writers can only lower the true count (deletes,
// evictions, failures) and only the controller itself raises it (creates,
// adoptions it counts in the same sync). What may be stale is spec.replicas:
// a scale-down it has not yet seen. So at every create, the true number of
// active pods it controls is at most the largest spec.replicas in force during
// the last D milliseconds, D the longest watch delay injected on the
// controller. Without expectations a lagging cache makes it create again for
// pods it already created (kubernetes issues 129795, 88851: catalogue bug
// rs-no-expectations).
//
// Surplus from adoption (orphans that match) is legitimate and is not a
// create, so it is not counted against the bound. When D reaches the 5-minute
// expectations timeout upstream itself may over-create; the check then stands down.
//
// The liveness half — after faults stop, active pods = spec.replicas — is
// replicas-converge (converge.invariant.ts).
// Active pods and ControllerRefs are read with the harness's own predicates
// (properties/oracles/pods.ts), not the controller's.
import type { KubeObject } from '../../../model/api/types.js';
import { EXPECTATIONS_TIMEOUT_MS } from '../../../model/controllers/expectations.js';
import type { Cluster } from '../../../runtime/cluster.js';
import { formatDuration } from '../../../runtime/clock.js';
import type { Invariant } from '../../invariants/types.js';
import { controllerOf, podActive } from '../../oracles/pods.js';

const OWNER_KINDS: Record<string, string> = {
  ReplicaSet: 'kube-controller-manager/replicaset-controller',
  ReplicationController: 'kube-controller-manager/replicationcontroller-controller',
};
/** spec.replicas changes kept per owner (older ones are pruned once out of every window). */
const HISTORY_MAX = 256;

interface Change { atMs: number; replicas: number }

/**
 * The largest value in force at any moment from `fromMs` to now (`h` oldest
 * first). Infinity when the window reaches back before the history starts
 * (the checker was created after the owner: what it held then is unknown).
 */
export function maxInWindow(h: readonly Change[], fromMs: number, knownSinceMs: number): number {
  if (fromMs < knownSinceMs) return Infinity;
  let max = -Infinity;
  for (let i = h.length - 1; i >= 0; i--) {
    max = Math.max(max, h[i]!.replicas);
    if (h[i]!.atMs < fromMs) break;
  }
  return max;
}

/** Active pods whose ControllerRef is `uid`. */
export function activeOwned(cluster: Cluster, uid: string): number {
  let n = 0;
  for (const d of cluster.store.dependentsOf(uid)) if (d.kind === 'Pod' && controllerOf(d)?.uid === uid && podActive(d)) n++;
  return n;
}

export const replicasBounded: Invariant = {
  name: 'replicas-bounded',
  description: 'a ReplicaSet or ReplicationController never creates a pod that takes its active pods above the largest spec.replicas it held during its watch lag',
  guards: 'controller expectations (controller_utils.go ControllerExpectations): without them a lagging pod cache makes a ReplicaSet over-create (kubernetes issues 129795, 88851; catalogue bug rs-no-expectations)',
  create(cluster) {
    const history = new Map<string, Change[]>();
    // Owners that exist before this checker: their earlier spec.replicas are unknown.
    const knownSince = new Map<string, number>();
    for (const kind of Object.keys(OWNER_KINDS)) {
      for (const o of cluster.store.list(kind)) {
        history.set(o.metadata.uid!, [{ atMs: cluster.clock.now(), replicas: o.spec?.replicas ?? 1 }]);
        knownSince.set(o.metadata.uid!, cluster.clock.now());
      }
    }
    const lagMs: Record<string, number> = { ReplicaSet: 0, ReplicationController: 0 };
    let violation: string | undefined;
    const sampleLag = (kind: string) => {
      for (const w of cluster.store.watches.ofComponent(OWNER_KINDS[kind]!)) lagMs[kind] = Math.max(lagMs[kind]!, w.delayMs);
    };
    cluster.store.onChange((type, obj) => {
      if (violation) return;
      const now = cluster.clock.now();
      if (OWNER_KINDS[obj.kind]) {
        sampleLag(obj.kind);
        const uid = obj.metadata.uid!;
        if (type === 'DELETED') { history.delete(uid); knownSince.delete(uid); return; }
        const replicas = obj.spec?.replicas ?? 1;
        const h = history.get(uid);
        if (!h) { history.set(uid, [{ atMs: now, replicas }]); return; }
        if (h[h.length - 1]!.replicas !== replicas) h.push({ atMs: now, replicas });
        // Drop changes no window can reach any more (the lag bound is below the expectations timeout).
        while (h.length > 1 && (h[1]!.atMs < now - EXPECTATIONS_TIMEOUT_MS || h.length > HISTORY_MAX)) h.shift();
        return;
      }
      if (obj.kind !== 'Pod' || type !== 'ADDED') return;
      const ref = controllerOf(obj);
      // Only the controller's own creates: generateName `<owner>-` and the ControllerRef set at birth.
      if (!ref || !OWNER_KINDS[ref.kind] || obj.metadata.generateName !== `${ref.name}-`) return;
      sampleLag(ref.kind);
      const h = history.get(ref.uid);
      const lag = lagMs[ref.kind]!;
      if (!h || lag >= EXPECTATIONS_TIMEOUT_MS) return;
      const bound = maxInWindow(h, now - lag, knownSince.get(ref.uid) ?? -Infinity);
      const active = activeOwned(cluster, ref.uid);
      if (active > bound) {
        const during = lag > 0 ? ` during the last ${formatDuration(lag)} (the controller's watch lag)` : '';
        violation = `at ${cluster.clock.iso()}: ${ref.kind} ${obj.metadata.namespace}/${ref.name} created pod ${obj.metadata.name}, ` +
          `making ${active} active pods it controls, but spec.replicas was at most ${bound}${during}`;
      }
    });
    return { name: 'replicas-bounded', check: () => violation };
  },
};
