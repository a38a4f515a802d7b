// Which volumes must be attached to a node before a pod there can mount
// them, how the attach/detach controller and the kubelet name them, and
// which may be attached to several nodes at once.
//
// Why RWO blocks a second node: a ReadWriteOnce disk (a cloud block device)
// can hang off one machine at a time; attaching it elsewhere while the old
// node still has it would corrupt it, so the controller refuses with a
// Multi-Attach error until the old attachment is gone.
// upstream: pkg/volume/util/util.go (IsMultiAttachAllowed), pkg/volume/util/volumehelper (GetUniqueVolumeName),
//           pkg/volume/csi/csi_plugin.go (GetVolumeName: driver^handle), the in-tree attachable plugins
import type { KubeObject } from '../../api/types.js';

/** In-tree volume sources whose plugins attach (block devices); the rest (hostPath, local, nfs, …) only mount. */
const ATTACHABLE_SOURCES: Readonly<Record<string, (s: any) => string>> = {
  gcePersistentDisk: (s) => `kubernetes.io/gce-pd/${s.pdName}`,
  awsElasticBlockStore: (s) => `kubernetes.io/aws-ebs/${s.volumeID}`,
  azureDisk: (s) => `kubernetes.io/azure-disk/${s.diskURI}`,
  cinder: (s) => `kubernetes.io/cinder/${s.volumeID}`,
  vsphereVolume: (s) => `kubernetes.io/vsphere-volume/${s.volumePath}`,
  portworxVolume: (s) => `kubernetes.io/portworx-volume/${s.volumeID}`,
  iscsi: (s) => `kubernetes.io/iscsi/${s.targetPortal}:${s.iqn}:${s.lun ?? 0}`,
  fc: (s) => `kubernetes.io/fc/${(s.targetWWNs ?? []).join('_')}-lun-${s.lun ?? 0}`,
  rbd: (s) => `kubernetes.io/rbd/${s.pool ?? 'rbd'}-image-${s.image}`,
};

/** Does this volume need an attachment to the pod's node? CSI volumes do (the model's driver requires attach). */
export function isAttachable(pv: KubeObject): boolean {
  const s = pv.spec ?? {};
  if (s.csi) return true;
  return Object.keys(ATTACHABLE_SOURCES).some((k) => s[k]);
}

/** The name node.status.volumesAttached and volumesInUse use: `kubernetes.io/csi/<driver>^<handle>` for CSI. */
export function uniqueVolumeName(pv: KubeObject): string {
  const s = pv.spec ?? {};
  if (s.csi) return `kubernetes.io/csi/${s.csi.driver}^${s.csi.volumeHandle}`;
  for (const [k, name] of Object.entries(ATTACHABLE_SOURCES)) if (s[k]) return name(s[k]);
  return `kubernetes.io/pv/${pv.metadata.name}`;
}

/** upstream IsMultiAttachAllowed: only ReadWriteMany and ReadOnlyMany volumes may hang off several nodes (no modes: allowed). */
export function isMultiAttachAllowed(pv: KubeObject): boolean {
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (modes.length === 0) return true;
  return modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
}

/** upstream GenerateMsg (operationexecutor): `<prefix> for volume "<name>" <suffix>`, trailing space and all when the suffix is empty. */
export function volumeMessage(prefix: string, volumeName: string, suffix = ''): string {
  return `${prefix} for volume ${JSON.stringify(volumeName)} ${suffix}`;
}
