// The PV controller's volume sync as a decision: which phase a volume moves
// to, whether its half of a binding is undone, and whether it is reclaimed.
// The runtime sends the phase event to the volume machine (machines.ts) and
// performs the writes; reclaim() says what the volume's reclaim policy asks.
//
// Why a missing claim is looked up live before the volume is released: the
// controller's claim cache may not have seen a claim that was just created,
// and releasing a volume whose claim exists would hand its data to the
// reclaim policy. The caller passes `claim` after that second look.
// upstream: pkg/controller/volume/persistentvolume/pv_controller.go (syncVolume, reclaimVolume,
//           deleteVolumeOperation, doDeleteVolume, findDeletablePlugin, recycleVolumeOperation);
//           pkg/volume/hostpath/host_path.go (newDeleter: only /tmp/.+ may be deleted)
import type { KubeObject } from '../../api/types.js';
import {
  ANN_DYNAMICALLY_PROVISIONED, MSG_NO_RECYCLER, MSG_UNKNOWN_RECLAIM_POLICY, VOLUME_FAILED_DELETE,
  VOLUME_FAILED_RECYCLE, VOLUME_MISMATCH, VOLUME_RECYCLED, VOLUME_UNKNOWN_RECLAIM_POLICY, MSG_VOLUME_RECYCLED,
  msgVolumeModeOnClaim, msgVolumeModeOnVolume, type BinderEvent,
} from './events.js';
import { volumeModeMismatch } from './helpers.js';
import type { VolumePhaseEvent } from './machines.js';

export interface VolumePlan {
  /** The phase event for the volume machine, if the phase should change. */
  readonly phase?: VolumePhaseEvent['type'];
  /** Undo the volume's half of a binding first (unbindVolume). */
  readonly unbind?: boolean;
  /** Apply the reclaim policy (after the phase write). */
  readonly reclaim?: boolean;
  /** Sync this claim (namespace/name): the claim's half of a binding is pending. */
  readonly syncClaim?: string;
  /** Events to record: on the volume, and on the claim. */
  readonly volumeEvent?: BinderEvent;
  readonly claimEvent?: BinderEvent;
}

const has = (o: KubeObject, key: string) => Boolean(o.metadata.annotations && Object.hasOwn(o.metadata.annotations, key));

/**
 * upstream syncVolume. `claim` is the claim the volume's claimRef names (by
 * namespace and name, after the live look), or undefined when it does not
 * exist; a claim with another uid is treated as missing here.
 */
export function syncVolume(volume: KubeObject, claim: KubeObject | undefined): VolumePlan {
  const ref = volume.spec?.claimRef;
  const phase = volume.status?.phase;
  // Unused volume, or reserved for a claim that has not been bound yet.
  if (ref === undefined || ref === null || !ref.uid) return phase === 'Available' ? {} : { phase: 'AVAILABLE' };
  const c = claim && claim.metadata.uid === ref.uid ? claim : undefined;
  if (c === undefined) {
    // The claim is gone: release the volume (once) and reclaim it.
    return { ...(phase !== 'Released' && phase !== 'Failed' ? { phase: 'RELEASE' as const } : {}), reclaim: true };
  }
  if (!c.spec?.volumeName) {
    // The claim is being bound (or the user pre-bound the volume): the claim's sync finishes it.
    if (volumeModeMismatch(c, volume)) {
      const warning = (message: string): BinderEvent => ({ type: 'Warning', reason: VOLUME_MISMATCH, message });
      return { volumeEvent: warning(msgVolumeModeOnVolume(c.metadata.name ?? '')), claimEvent: warning(msgVolumeModeOnClaim(volume.metadata.name ?? '')) };
    }
    return { syncClaim: `${c.metadata.namespace}/${c.metadata.name}` };
  }
  if (c.spec.volumeName === volume.metadata.name) return phase === 'Bound' ? {} : { phase: 'BIND' };
  // The claim is bound to another volume.
  if (has(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    // Provisioned for this claim, which got another volume: not needed any more.
    return { ...(phase !== 'Released' && phase !== 'Failed' ? { phase: 'RELEASE' as const } : {}), reclaim: true };
  }
  // Bound by the controller: undo it. Reserved by a user: keep the reservation, drop the uid (unbindVolume does both).
  return { unbind: true, phase: 'AVAILABLE' };
}

/** What the reclaim policy of a released volume asks. */
export type Reclaim =
  /** Retain: the data and the volume stay; an admin decides. */
  | { readonly action: 'retain' }
  /** Delete by an external provisioner (a CSI volume, or one an external provisioner made): the controller does nothing. */
  | { readonly action: 'external' }
  /** Delete in-tree: the storage and then the volume object are deleted. */
  | { readonly action: 'delete' }
  /** Recycle (deprecated): the storage is scrubbed and the volume made Available again. */
  | { readonly action: 'recycle'; readonly event: BinderEvent }
  /** The reclaim failed: the volume goes Failed with this event. */
  | { readonly action: 'fail'; readonly event: BinderEvent };

const HOSTPATH_DELETABLE = /^\/tmp\/.+/;

/**
 * upstream reclaimVolume for a released volume. The model's in-tree plugins:
 * hostPath (deleter for /tmp/… only, recycler), nfs (recycler); every other
 * source has neither. CSI volumes and externally provisioned ones are the
 * external provisioner's to delete (HonorPVReclaimPolicy, on in v1.32).
 */
export function reclaim(volume: KubeObject): Reclaim {
  const name = volume.metadata.name ?? '';
  const spec = volume.spec ?? {};
  switch (spec.persistentVolumeReclaimPolicy) {
    case 'Retain': return { action: 'retain' };
    case 'Recycle':
      if (spec.hostPath || spec.nfs) return { action: 'recycle', event: { type: 'Normal', reason: VOLUME_RECYCLED, message: MSG_VOLUME_RECYCLED } };
      return { action: 'fail', event: { type: 'Warning', reason: VOLUME_FAILED_RECYCLE, message: MSG_NO_RECYCLER } };
    case 'Delete': {
      const by = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
      if (by && !by.startsWith('kubernetes.io/')) return { action: 'external' };
      if (spec.csi) return { action: 'external' };
      const fail = (err: string): Reclaim => ({ action: 'fail', event: { type: 'Warning', reason: VOLUME_FAILED_DELETE, message: err } });
      if (spec.hostPath) {
        const path = String(spec.hostPath.path ?? '');
        return HOSTPATH_DELETABLE.test(path) ? { action: 'delete' } : fail(`host_path deleter only supports /tmp/.+ but received provided ${path}`);
      }
      return fail(`error getting deleter volume plugin for volume ${JSON.stringify(name)}: no deletable volume plugin matched`);
    }
    default:
      return { action: 'fail', event: { type: 'Warning', reason: VOLUME_UNKNOWN_RECLAIM_POLICY, message: MSG_UNKNOWN_RECLAIM_POLICY } };
  }
}
