// The garbage collector deletes a dependent only when it should, and does
// delete it when it should.
// Upstream guarantee: pkg/controller/garbagecollector (attemptToDeleteItem:
// an owner is absent only if a live lookup finds no object with its uid).
import type { Invariant } from '../../invariants/types.js';

const GC = 'garbage-collector-controller';

/**
 * Never delete a dependent while one of its owners (same uid) exists and is
 * not itself being deleted in the foreground. Guards against matching owners
 * by name rather than uid, which deletes the children of a recreated owner.
 */
export const gcKeepsOwned: Invariant = {
  name: 'gc-keeps-owned',
  description: 'the garbage collector never deletes an object one of whose owners still exists',
  guards: 'GC owner identity by uid (attemptToDeleteItem); a name-only or uid-blind check deletes live workloads',
  create(cluster) {
    let violation: string | undefined;
    cluster.store.onChange((type, obj, old, actor) => {
      if (violation || actor !== GC) return;
      const started = type === 'DELETED' || (obj.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp);
      if (!started) return;
      for (const ref of (old ?? obj).metadata.ownerReferences ?? []) {
        const owner = cluster.store.getByUid(ref.uid);
        if (owner && !owner.metadata.deletionTimestamp) {
          violation = `the garbage collector deleted ${obj.kind.toLowerCase()} ${obj.metadata.namespace ?? ''}/${obj.metadata.name} while its owner ${owner.kind.toLowerCase()}/${owner.metadata.name} (uid ${ref.uid}) exists`;
          return;
        }
      }
    });
    return { name: 'gc-keeps-owned', check: () => violation };
  },
};

/** How long a dependent may outlive all its owners before this is a violation. */
export const GC_COLLECT_BOUND_MS = 10 * 60_000;

/**
 * A dependent whose owners are all gone is deleted (or starts deleting)
 * within a bound. Guards against a GC that misses events and leaks orphans.
 */
export const gcCollectsOrphans: Invariant = {
  name: 'gc-collects-orphans',
  description: `no object whose owners are all gone survives background collection for more than ${GC_COLLECT_BOUND_MS / 60_000} minutes`,
  guards: 'background cascading deletion (garbagecollector.go); leaked dependents keep running after their owner is gone',
  create(cluster) {
    const ownerless = new Map<string, number>();
    let lastScanMs = -Infinity;
    return {
      name: 'gc-collects-orphans',
      check(c) {
        const now = c.clock.now();
        // A scan per 10s of virtual time is enough for a bound of minutes.
        if (now - lastScanMs < 10_000) return undefined;
        lastScanMs = now;
        for (const kind of c.store.kinds()) {
          for (const o of c.store.list(kind)) {
            const refs = o.metadata.ownerReferences ?? [];
            const uid = o.metadata.uid!;
            if (refs.length === 0 || o.metadata.deletionTimestamp || refs.some((r) => c.store.getByUid(r.uid))) { ownerless.delete(uid); continue; }
            const since = ownerless.get(uid);
            if (since === undefined) ownerless.set(uid, now);
            else if (now - since > GC_COLLECT_BOUND_MS) return `${kind.toLowerCase()} ${o.metadata.namespace ?? ''}/${o.metadata.name} has outlived all its owners for ${Math.round((now - since) / 1000)}s`;
          }
        }
        void cluster;
        return undefined;
      },
    };
  },
};
