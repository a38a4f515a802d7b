// Retain keeps the data: the disk behind a volume whose reclaim policy is
// Retain is never destroyed or wiped — not when its claim is deleted, not
// when the volume object itself is deleted (the storage outlives the object;
// an admin reclaims it by hand). A volume whose policy is changed away from
// Retain is no longer held to it.
// Upstream guarantee: reclaimVolume acts on the volume's own
// spec.persistentVolumeReclaimPolicy (pv_controller.go), and the external
// provisioner deletes only volumes whose policy is Delete (shouldDelete).
// Judged with the harness's own record of every volume seen with Retain and
// the most data its disk has held.
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';

export const retainKeepsData: Invariant = {
  name: 'retain-keeps-data',
  description: 'the disk behind a Retain volume is never destroyed or wiped, even after its claim and its volume object are deleted',
  guards: "reclaim by the volume's own policy (a reclaimer that reads the class's policy, or ignores the volume's, deletes data an admin chose to keep)",
  create(cluster) {
    /** Volume name → its last Retain copy, and the most entries its disk has held. */
    const kept = new Map<string, { pv: KubeObject; most: number; seen: boolean }>();
    cluster.store.onChange((type, o) => {
      if (o.kind !== 'PersistentVolume' || type === 'DELETED') return;
      const name = o.metadata.name!;
      if (o.spec?.persistentVolumeReclaimPolicy === 'Retain') {
        const k = kept.get(name);
        if (k) k.pv = o; else kept.set(name, { pv: o, most: 0, seen: false });
      } else kept.delete(name);
    });
    return {
      name: 'retain-keeps-data',
      check() {
        for (const [name, k] of kept) {
          const disk = cluster.storage.find(k.pv);
          if (!disk) {
            if (k.seen) return `volume ${name} has reclaim policy Retain, but its disk was destroyed`;
            continue;
          }
          k.seen = true;
          if (disk.written < k.most) return `volume ${name} has reclaim policy Retain, but the data on its disk went from ${k.most} entries to ${disk.written}`;
          k.most = disk.written;
        }
        return undefined;
      },
    };
  },
};
