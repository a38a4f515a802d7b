// The PersistentVolume binder's vocabulary: the event reasons and messages it
// records, the annotations and finalizers it reads and writes, and its
// timings. They are upstream's exact strings because users grep events and
// `kubectl describe` output for them, and because the annotations are a
// protocol shared with the scheduler and external provisioners: a binder that
// spells one differently would not interoperate with them.
//
// Go's %q is written as JSON.stringify: the two agree on every name the API
// accepts (DNS-1123 names and label-like strings have nothing to escape).

/** An event the binder records on a claim or a volume. */
export interface BinderEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

const q = (s: string): string => JSON.stringify(s);

// --- Event reasons. upstream: pkg/controller/volume/events/event.go
export const FAILED_BINDING = 'FailedBinding';
export const VOLUME_MISMATCH = 'VolumeMismatch';
export const VOLUME_FAILED_RECYCLE = 'VolumeFailedRecycle';
export const VOLUME_RECYCLED = 'VolumeRecycled';
export const RECYCLER_POD = 'RecyclerPod';
export const VOLUME_DELETE = 'VolumeDelete';
export const VOLUME_FAILED_DELETE = 'VolumeFailedDelete';
export const EXTERNAL_PROVISIONING = 'ExternalProvisioning';
export const PROVISIONING_FAILED = 'ProvisioningFailed';
export const PROVISIONING_CLEANUP_FAILED = 'ProvisioningCleanupFailed';
export const PROVISIONING_SUCCEEDED = 'ProvisioningSucceeded';
export const WAIT_FOR_FIRST_CONSUMER = 'WaitForFirstConsumer';
export const WAIT_FOR_POD_SCHEDULED = 'WaitForPodScheduled';
export const EXTERNAL_EXPANDING = 'ExternalExpanding';
// Reasons pv_controller.go spells inline. upstream: pkg/controller/volume/persistentvolume/pv_controller.go
export const CLAIM_LOST = 'ClaimLost';
export const CLAIM_MISBOUND = 'ClaimMisbound';
export const VOLUME_UNKNOWN_RECLAIM_POLICY = 'VolumeUnknownReclaimPolicy';

// --- Messages. upstream: pkg/controller/volume/persistentvolume/pv_controller.go
/** syncUnboundClaim, Normal FailedBinding: nothing matched and the claim names no class. */
export const MSG_NO_VOLUMES_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';
/** emitEventForUnboundDelayBindingClaim, Normal WaitForFirstConsumer: no pod uses the claim yet. */
export const MSG_WAIT_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
/** emitEventForUnboundDelayBindingClaim, Normal WaitForPodScheduled: pods use it but none is scheduled (pod names, not keys). */
export function msgWaitForPodsScheduled(podNames: readonly string[]): string {
  return podNames.length > 1 ? `waiting for pods ${podNames.join(',')} to be scheduled` : `waiting for pod ${podNames[0]} to be scheduled`;
}
/** syncUnboundClaim, Warning VolumeMismatch: the claim's spec.volumeName names a free volume that does not fit. */
export const msgCannotBindRequested = (volumeName: string, reason: string): string => `Cannot bind to requested volume ${q(volumeName)}: ${reason}`;
/** syncUnboundClaim, Warning FailedBinding: the claim's spec.volumeName names a volume another claim holds. */
export const msgAlreadyBoundElsewhere = (volumeName: string): string => `volume ${q(volumeName)} already bound to a different claim.`;
/** syncBoundClaim, Warning ClaimLost: a bound claim's spec.volumeName was emptied. */
export const MSG_CLAIM_LOST_REFERENCE = 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!';
/** syncBoundClaim, Warning ClaimLost: a bound claim's volume no longer exists. */
export const MSG_CLAIM_LOST_VOLUME = 'Bound claim has lost its PersistentVolume. Data on the volume is lost!';
/** syncBoundClaim, Warning ClaimMisbound: the volume's claimRef holds another claim's uid. */
export const MSG_CLAIM_MISBOUND = 'Two claims are bound to the same volume, this one is bound incorrectly';
/** syncVolume, Warning VolumeMismatch on the volume: pre-bound to a claim of another volumeMode. */
export const msgVolumeModeOnVolume = (claimName: string): string =>
  `Cannot bind PersistentVolume to requested PersistentVolumeClaim ${q(claimName)} due to incompatible volumeMode.`;
/** syncVolume, Warning VolumeMismatch on the claim, the same case. */
export const msgVolumeModeOnClaim = (volumeName: string): string =>
  `Cannot bind PersistentVolume ${q(volumeName)} to requested PersistentVolumeClaim due to incompatible volumeMode.`;
/** reclaimVolume, Warning VolumeUnknownReclaimPolicy (the volume goes Failed). */
export const MSG_UNKNOWN_RECLAIM_POLICY = 'Volume has unrecognized PersistentVolumeReclaimPolicy';
/** recycleVolumeOperation, Normal VolumeFailedRecycle: live pods still use the claim (namespace/name keys, sorted as a string set). */
export const msgVolumeUsedByPods = (podKeys: readonly string[]): string => `Volume is used by pods: ${[...new Set(podKeys)].sort().join(',')}`;
/** recycleVolumeOperation, Warning VolumeFailedRecycle (the volume goes Failed). */
export const MSG_NO_RECYCLER = 'No recycler plugin found for the volume!';
export const msgRecycleFailed = (err: string): string => `Recycle failed: ${err}`;
/** recycleVolumeOperation, Normal VolumeRecycled; the volume is then unbound and Available again. */
export const MSG_VOLUME_RECYCLED = 'Volume recycled';
/** newRecyclerEventRecorder: the recycler pod's own events, forwarded to the volume. */
export const msgRecyclerPod = (message: string): string => `Recycler pod: ${message}`;
/** provisionClaimOperationExternal, Normal ExternalProvisioning. */
export const msgExternalProvisioning = (provisioner: string): string =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' ` +
  'or manually by the system administrator. If volume creation is delayed, please verify that ' +
  'the provisioner is running and correctly registered.';
/** provisionClaimOperation (in-tree plugins only), Normal ProvisioningSucceeded. */
export const msgProvisioningSucceeded = (volumeName: string, plugin: string): string => `Successfully provisioned volume ${volumeName} using ${plugin}`;
/** provisionClaimOperation, Warning ProvisioningFailed. */
export const msgProvisionFailed = (className: string, err: string): string => `Failed to provision volume with StorageClass ${q(className)}: ${err}`;
/** provisionClaimOperation, Warning ProvisioningFailed: the PV object could not be saved. */
export const msgCreatePVFailed = (claimKey: string, err: string): string => `Error creating provisioned PV object for claim ${claimKey}: ${err}. Deleting the volume.`;
/** provisionClaimOperation, Warning ProvisioningCleanupFailed. */
export const msgCleanupFailed = (claimKey: string, err: string): string => `Error cleaning provisioned volume for claim ${claimKey}: ${err}. Please delete manually.`;
/**
 * provisionClaim, Warning ProvisioningFailed: findProvisionablePlugin's error
 * for a class that does not exist (the lister's NotFound text).
 * upstream: k8s.io/apimachinery/pkg/api/errors/errors.go (NewNotFound)
 */
export const msgStorageClassNotFound = (className: string): string => `storageclass.storage.k8s.io ${q(className)} not found`;
/**
 * provisionClaim, Warning ProvisioningFailed: a `kubernetes.io/` provisioner
 * with no in-tree plugin, `kubernetes.io/no-provisioner` among them.
 * upstream: pkg/volume/plugins.go (FindPluginByName)
 */
export const msgNoVolumePlugin = (provisioner: string): string => `no volume plugin matched name: ${provisioner}`;

// --- Annotations. upstream: staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go
/** On a claim: binding has completed once; the claim is then synced as bound. The value is ignored. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a volume or claim: the controller, not the user, set the binding. The value is ignored. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the scheduler chose this node for a WaitForFirstConsumer claim; provisioning may start. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: the plugin or provisioner that created it. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a claim or volume: handled by this CSI driver through CSI migration; the controller stands down. */
export const ANN_MIGRATED_TO = 'pv.kubernetes.io/migrated-to';
/** On a claim: the provisioner asked to provision it (both spellings are written). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** A StorageClass provisioner meaning "no dynamic provisioning" (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
/** The class annotation that predates spec.storageClassName; it wins over the field. upstream: k8s.io/api/core/v1/annotation_key_constants.go */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** On a StorageClass: the default class ("true"). upstream: pkg/apis/storage/util/helpers.go */
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
/** On a volume: the size before an expansion that still needs a filesystem resize. upstream: pkg/volume/util/resize_util.go */
export const ANN_PRE_RESIZE_CAPACITY = 'volume.alpha.kubernetes.io/pre-resize-capacity';

// --- Finalizers.
/** upstream: pkg/volume/util/finalizer.go (PVCProtectionFinalizer, PVProtectionFinalizer) */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** On provisioned volumes with reclaimPolicy Delete, until the backing storage is gone. upstream: pv_helpers.go */
export const PV_DELETION_IN_TREE_PROTECTION_FINALIZER = 'kubernetes.io/pv-controller';
export const PV_DELETION_PROTECTION_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';

// --- Timings.
/** --pvclaimbinder-sync-period: every claim and volume is re-synced this often. upstream: pkg/controller/volume/persistentvolume/config/v1alpha1/defaults.go */
export const CLAIM_BINDER_SYNC_PERIOD_MS = 15_000;
/** Attempts to save a provisioned PV object, and the pause between them. upstream: pv_controller.go (createProvisionedPVRetryCount, createProvisionedPVInterval) */
export const CREATE_PROVISIONED_PV_RETRY_COUNT = 5;
export const CREATE_PROVISIONED_PV_INTERVAL_MS = 10_000;
