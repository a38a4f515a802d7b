// No leaked volumes: at the end of a quiet run, every dynamically provisioned
// volume with reclaim Delete still belongs to a claim that exists (its
// claimRef names the claim's uid). One whose claim is gone must have been
// deleted, with its disk: otherwise the storage is paid for forever.
// Upstream guarantee: the provisioner pre-binds what it makes (claimRef with
// the claim's uid), so the binder releases it when the claim goes and the
// Delete reclaim removes it, even when the claim went while it was being made.
// Judged from the store: annotations, claimRefs and claims by uid.
import type { Invariant } from '../../invariants/types.js';

export const noLeakedVolumes: Invariant = {
  name: 'no-leaked-volumes',
  kind: 'liveness',
  description: 'at the end of a quiet run, every provisioned volume with reclaim Delete belongs to a claim that exists',
  guards: 'provisioner pre-binding and Delete reclaim (a volume made for a claim deleted meanwhile must not be left behind)',
  create() {
    return {
      name: 'no-leaked-volumes',
      check: () => undefined,
      final(cluster) {
        const claims = new Set(cluster.store.list('PersistentVolumeClaim').map((c) => c.metadata.uid));
        for (const pv of cluster.store.list('PersistentVolume')) {
          if (!pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') continue;
          const ref = pv.spec?.claimRef;
          if (!ref?.uid || !claims.has(ref.uid)) {
            return `volume ${pv.metadata.name} (${pv.status?.phase ?? 'no phase'}) was provisioned with reclaim Delete, and ${ref?.uid ? `its claim ${ref.namespace}/${ref.name} is gone` : 'names no claim'}`;
          }
        }
        return undefined;
      },
    };
  },
};
