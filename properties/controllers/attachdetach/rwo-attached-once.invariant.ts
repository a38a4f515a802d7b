// A volume that may hang off one machine at a time is never attached to two
// nodes at once: no two nodes' status.volumesAttached name the same volume
// unless its access modes allow many nodes (ReadWriteMany, ReadOnlyMany).
// Upstream guarantee: the attach/detach reconciler's multi-attach check
// (reconciler.go: GetNodesForAttachedVolume before an attach); its absence
// corrupts filesystems (kubernetes issue 105341's failover class).
// The harness names volumes itself from the PV's source, not with the
// controller's helper.
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';

/** The attachment names this invariant understands: CSI's driver^handle and GCE PD's. */
function attachName(pv: KubeObject): string | undefined {
  const s = pv.spec ?? {};
  if (s.csi?.driver && s.csi.volumeHandle) return `kubernetes.io/csi/${s.csi.driver}^${s.csi.volumeHandle}`;
  if (s.gcePersistentDisk?.pdName) return `kubernetes.io/gce-pd/${s.gcePersistentDisk.pdName}`;
  return undefined;
}

export const rwoAttachedOnce: Invariant = {
  name: 'rwo-attached-once',
  description: 'a volume whose access modes do not allow many nodes is in at most one node\'s status.volumesAttached',
  guards: 'attach/detach multi-attach check (kubernetes issue 105341: a RWO disk attached to a replacement node before the old detach)',
  create() {
    return {
      name: 'rwo-attached-once',
      check(cluster) {
        const exclusive = new Map<string, string>();
        for (const pv of cluster.store.list('PersistentVolume')) {
          const modes: string[] = pv.spec?.accessModes ?? [];
          if (modes.length === 0 || modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany')) continue;
          const n = attachName(pv);
          if (n) exclusive.set(n, pv.metadata.name!);
        }
        if (exclusive.size === 0) return undefined;
        const holder = new Map<string, string>();
        for (const node of cluster.store.list('Node')) {
          for (const a of node.status?.volumesAttached ?? []) {
            const pv = exclusive.get(a.name);
            if (!pv) continue;
            const first = holder.get(a.name);
            if (first) return `volume ${pv} is attached to both ${first} and ${node.metadata.name}`;
            holder.set(a.name, node.metadata.name!);
          }
        }
        return undefined;
      },
    };
  },
};
