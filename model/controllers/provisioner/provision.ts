// The simulated CSI external-provisioner's decisions, pure: which claims are
// its to provision, the PersistentVolume it creates for one, and whether a
// released volume is its to delete.
//
// Why the volume is named after the claim's uid: the name is the
// provisioner's idempotency key. A provisioner that restarts mid-operation
// finds the volume it made already there instead of making a second one
// (and a claim deleted and re-created under the same name gets a new one).
// upstream: kubernetes-csi/external-provisioner pkg/controller/controller.go (Provision, makeVolumeName "pvc-<uid>"),
//           sig-storage-lib-external-provisioner controller/controller.go (shouldProvision, provisionClaimOperation,
//           the Provisioning/ProvisioningSucceeded events, shouldDelete)
import type { KubeObject } from '../../api/types.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER,
  PV_DELETION_PROTECTION_FINALIZER,
} from '../persistentvolume/events.js';

export const PROVISIONING = 'Provisioning';
export const PROVISIONING_SUCCEEDED = 'ProvisioningSucceeded';
export const msgProvisioning = (claimKey: string): string => `External provisioner is provisioning volume for claim ${JSON.stringify(claimKey)}`;
export const msgProvisioned = (volumeName: string): string => `Successfully provisioned volume ${volumeName}`;

/** upstream shouldProvision: a Pending claim, not yet bound to a volume, that the binder handed to this provisioner. */
export function shouldProvision(claim: KubeObject, sc: KubeObject | undefined): boolean {
  if (claim.metadata.deletionTimestamp || claim.spec?.volumeName) return false;
  if (!sc || typeof sc['provisioner'] !== 'string' || sc['provisioner'].startsWith('kubernetes.io/')) return false;
  const ann = claim.metadata.annotations ?? {};
  const asked = ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER];
  if (asked !== sc['provisioner']) return false;
  // WaitForFirstConsumer: only once the scheduler has picked a node.
  if (sc['volumeBindingMode'] === 'WaitForFirstConsumer' && !ann[ANN_SELECTED_NODE]) return false;
  return true;
}

export const volumeNameFor = (claim: KubeObject): string => `pvc-${claim.metadata.uid}`;

/** The topology key the simulated drivers report: they are zonal, as the cloud disk drivers are. */
export const TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/**
 * Where the new volume can be reached, as the driver's accessible topology
 * becomes the volume's required node affinity: the selected node's zone
 * (WaitForFirstConsumer), else the first allowed topology of the class (the
 * driver's pick among requisite ones, made deterministic), else anywhere.
 * upstream: external-provisioner pkg/controller/topology.go (GenerateAccessibilityRequirements, GenerateVolumeNodeAffinity)
 */
export function volumeTopology(sc: KubeObject, selectedNodeLabels: Readonly<Record<string, string>> | undefined): Record<string, unknown> | undefined {
  const terms = (selectedNodeLabels?.[TOPOLOGY_ZONE] !== undefined)
    ? [{ matchExpressions: [{ key: TOPOLOGY_ZONE, operator: 'In', values: [selectedNodeLabels[TOPOLOGY_ZONE]] }] }]
    : undefined;
  const allowed = sc['allowedTopologies'];
  const first = Array.isArray(allowed) && allowed.length > 0 ? allowed[0] : undefined;
  const fromClass = first
    ? [{ matchExpressions: ((first.matchLabelExpressions ?? []) as Array<{ key: string; values?: string[] }>)
        .map((e) => ({ key: e.key, operator: 'In', values: (e.values ?? []).slice(0, 1) })) }]
    : undefined;
  const chosen = selectedNodeLabels ? terms : fromClass;
  return chosen ? { required: { nodeSelectorTerms: chosen } } : undefined;
}

/** The volume the provisioner creates for `claim` of class `sc`: pre-bound to the claim, the class's reclaim policy. */
export function provisionedVolume(claim: KubeObject, sc: KubeObject, selectedNodeLabels?: Readonly<Record<string, string>>): KubeObject {
  const provisioner = String(sc['provisioner']);
  const reclaim = typeof sc['reclaimPolicy'] === 'string' ? sc['reclaimPolicy'] : 'Delete';
  const fsType: unknown = (sc['parameters'] as Record<string, unknown> | undefined)?.['csi.storage.k8s.io/fstype'];
  const spec: Record<string, unknown> = {
    accessModes: [...(claim.spec?.accessModes ?? [])],
    capacity: { storage: claim.spec?.resources?.requests?.storage },
    claimRef: {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace,
      resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid,
    },
    csi: { driver: provisioner, volumeHandle: `${claim.metadata.uid}`, ...(typeof fsType === 'string' && fsType ? { fsType } : {}) },
    persistentVolumeReclaimPolicy: reclaim,
    storageClassName: sc.metadata.name,
    volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
  };
  if (Array.isArray(sc['mountOptions']) && sc['mountOptions'].length > 0) spec.mountOptions = [...sc['mountOptions']];
  const nodeAffinity = volumeTopology(sc, selectedNodeLabels);
  if (nodeAffinity) spec.nodeAffinity = nodeAffinity;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name: volumeNameFor(claim),
      annotations: { [ANN_DYNAMICALLY_PROVISIONED]: provisioner },
      // Deletion waits for the provisioner to delete the storage (HonorPVReclaimPolicy, beta in v1.31).
      ...(reclaim === 'Delete' ? { finalizers: [PV_DELETION_PROTECTION_FINALIZER] } : {}),
    },
    spec,
  };
}

/** upstream shouldDelete: a Released volume with reclaim Delete that this provisioner made. */
export function shouldDelete(pv: KubeObject, provisioners: (name: string) => boolean): boolean {
  const by = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  if (typeof by !== 'string' || !provisioners(by)) return false;
  if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return false;
  return pv.status?.phase === 'Released' || (pv.metadata.deletionTimestamp !== undefined && pv.status?.phase !== 'Bound');
}
