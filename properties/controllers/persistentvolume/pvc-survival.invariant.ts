// PVC survival: a claim, once Bound, keeps its volume and its data for as
// long as the claim exists. Its volume exists and names it back (claimRef
// with the claim's uid), no other Bound claim holds the same volume, the
// disk behind it is not destroyed, and the data on it only grows.
// Upstream guarantee: the binder's bind writes are guarded by resourceVersion
// preconditions (pv_controller.go bindVolumeToClaim: a conflict is retried,
// never overwritten) and reclaim runs only for volumes whose claim is gone.
// The check is the harness's own: it reads the objects and the disks and
// remembers each claim's data length.
import type { Invariant } from '../../invariants/types.js';

export const pvcSurvival: Invariant = {
  name: 'pvc-survival',
  description: 'a Bound claim keeps its volume (which names it back, and no other claim) and the data on it, for as long as the claim exists',
  guards: 'PV binder bind preconditions and reclaim (a stale-cache double bind, or a reclaim that destroys a live claim\'s data)',
  create(cluster) {
    /** Claim uid → the most entries its disk has held. */
    const seen = new Map<string, number>();
    return {
      name: 'pvc-survival',
      check() {
        const holder = new Map<string, string>();
        const live = new Set<string>();
        for (const c of cluster.store.list('PersistentVolumeClaim')) {
          if (c.status?.phase !== 'Bound' || !c.spec?.volumeName) continue;
          const who = `${c.metadata.namespace}/${c.metadata.name}`;
          const uid = c.metadata.uid!;
          live.add(uid);
          const pv = cluster.store.get('PersistentVolume', undefined, c.spec.volumeName);
          if (!pv) return `claim ${who} is Bound to volume ${c.spec.volumeName}, which does not exist`;
          const ref = pv.spec?.claimRef;
          if (ref?.uid !== uid) return `claim ${who} is Bound to volume ${pv.metadata.name}, whose claimRef names ${ref ? `${ref.namespace}/${ref.name} (uid ${ref.uid ?? 'none'})` : 'no claim'}`;
          const other = holder.get(pv.metadata.name!);
          if (other) return `volume ${pv.metadata.name} is held by two Bound claims: ${other} and ${who}`;
          holder.set(pv.metadata.name!, who);
          const disk = cluster.storage.find(pv);
          const n = disk?.written ?? 0;
          const before = seen.get(uid) ?? 0;
          if (n < before) return `claim ${who}: the data on volume ${pv.metadata.name} went from ${before} entries to ${n}`;
          seen.set(uid, n);
        }
        for (const uid of seen.keys()) if (!live.has(uid)) seen.delete(uid);
        return undefined;
      },
    };
  },
};
