// The kubelet's volume manager, as far as the model needs it: before a
// pod's containers start, every claim it mounts must be Bound, its volume
// must exist and, for an attachable volume, be in the node's
// status.volumesAttached (the attach/detach controller's doing). Until then
// the pod waits in ContainerCreating; past the kubelet's 2m3s wait it
// records FailedMount, as syncPod does, and keeps waiting.
// upstream: pkg/kubelet/volumemanager/volume_manager.go (WaitForAttachAndMount, podAttachAndMountTimeout,
//           podAttachAndMountRetryInterval), populator/desired_state_of_world_populator.go (getPVCExtractPV),
//           pkg/kubelet/kubelet.go (syncPod: "Unable to attach or mount volumes: %v")
import type { KubeObject } from '../../model/api/types.js';
import { isAttachable, uniqueVolumeName } from '../../model/controllers/attachdetach/volumes.js';
import type { ApiStore } from '../store.js';

export const ATTACH_AND_MOUNT_TIMEOUT_MS = 2 * 60_000 + 3_000;
export const ATTACH_AND_MOUNT_RETRY_MS = 300;

export interface PodVolume { /** The pod's name for the volume. */ name: string; claim: string }

/** The pod's claim volumes, in its spec's order. */
export function claimVolumes(pod: KubeObject): PodVolume[] {
  const out: PodVolume[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claim = v?.persistentVolumeClaim?.claimName;
    if (typeof claim === 'string' && claim !== '') out.push({ name: String(v.name), claim });
  }
  return out;
}

export type MountCheck =
  | { ready: true; volumes: KubeObject[] }
  | { ready: false; unmounted: string[]; unattached: string[]; failed: string[] };

/** Can the pod's claim volumes be mounted on `nodeName` now? Read through the API, as the kubelet's populator does. */
export function checkMounts(store: ApiStore, pod: KubeObject, nodeName: string): MountCheck {
  const ns = pod.metadata.namespace;
  const node = store.get('Node', undefined, nodeName);
  const attached = new Set<string>((node?.status?.volumesAttached ?? []).map((a: any) => a.name));
  const volumes: KubeObject[] = [];
  const unattached: string[] = [];
  const failed: string[] = [];
  const all = claimVolumes(pod);
  for (const v of all) {
    const pvc = store.get('PersistentVolumeClaim', ns, v.claim);
    if (!pvc || pvc.metadata.deletionTimestamp || pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) { failed.push(v.name); continue; }
    const pv = store.get('PersistentVolume', undefined, pvc.spec.volumeName);
    if (!pv || (pv.spec?.claimRef?.uid && pv.spec.claimRef.uid !== pvc.metadata.uid)) { failed.push(v.name); continue; }
    if (isAttachable(pv) && !attached.has(uniqueVolumeName(pv))) { unattached.push(v.name); continue; }
    volumes.push(pv);
  }
  if (failed.length === 0 && unattached.length === 0) return { ready: true, volumes };
  // The volumes that are ready are mounted meanwhile; the rest are unmounted.
  return { ready: false, unmounted: all.map((v) => v.name).filter((n) => failed.includes(n) || unattached.includes(n)), unattached, failed };
}

/** Go's %v of a []string: `[a b]`. */
const list = (xs: readonly string[]) => `[${xs.join(' ')}]`;

/** The FailedMount event's message after the wait times out. */
export function failedMountMessage(c: Extract<MountCheck, { ready: false }>): string {
  return `Unable to attach or mount volumes: unmounted volumes=${list(c.unmounted)}, unattached volumes=${list(c.unattached)}, failed to process volumes=${list(c.failed)}: context deadline exceeded`;
}
