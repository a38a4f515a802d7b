// The PV controller's claim sync as a decision, without the writes: given a
// claim and the volumes the controller knows, what it does next and which
// event it records. The runtime performs the plan (the four bind writes in
// bind.ts, a status update, provisioning) and the next sync, on a watch event
// or the 15 s resync, picks up whatever failed.
//
// Why the bind-completed annotation splits the sync: once a claim has been
// bound, losing its volume must not send it looking for another one (the
// data is on the old one), so a bound claim can only stay Bound or go Lost.
// upstream: pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim, syncUnboundClaim, syncBoundClaim,
//           updateClaimStatusWithEvent, emitEventForUnboundDelayBindingClaim, assignDefaultStorageClass)
import type { KubeObject } from '../../api/types.js';
import { VolumeIndex } from './volume-index.js';
import { findBestMatchForClaim, requestedVolume } from './binding.js';
import {
  ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, CLAIM_LOST, CLAIM_MISBOUND, FAILED_BINDING, MSG_CLAIM_LOST_REFERENCE,
  MSG_CLAIM_LOST_VOLUME, MSG_CLAIM_MISBOUND, MSG_NO_VOLUMES_NO_CLASS, MSG_WAIT_FOR_FIRST_CONSUMER, VOLUME_MISMATCH,
  WAIT_FOR_FIRST_CONSUMER, WAIT_FOR_POD_SCHEDULED, msgAlreadyBoundElsewhere, msgCannotBindRequested,
  msgWaitForPodsScheduled, type BinderEvent,
} from './events.js';
import { BinderError, claimClass, claimHasClass, claimKey, isDelayBindingProvisioning } from './helpers.js';

/** The next step for a claim. `event` is recorded on the claim. */
export type ClaimPlan =
  /** Run the four bind writes with this volume. */
  | { readonly action: 'bind'; readonly volume: KubeObject }
  /** Set the claim's status to Pending (accessModes and capacity cleared), if it is not already. */
  | { readonly action: 'pending'; readonly event?: BinderEvent }
  /** Write spec.storageClassName (the default class) and sync again. */
  | { readonly action: 'assignDefaultClass'; readonly storageClassName: string }
  /** Hand the claim to provisionClaim; its status is left as it is. */
  | { readonly action: 'provision' }
  /** Set the claim's status to Lost; the event only when it was not Lost already. */
  | { readonly action: 'lost'; readonly event?: BinderEvent }
  /** Upstream returns an error: nothing is written and the claim is retried. */
  | { readonly action: 'error'; readonly error: string; readonly event?: BinderEvent };

export interface ClaimSyncInput {
  readonly claim: KubeObject;
  /** Every PersistentVolume the controller knows: a list, or the controller's index of them (the same answers, no scan). */
  readonly volumes: readonly KubeObject[] | VolumeIndex;
  /** isDelayBindingMode(claim, its class): the class binds WaitForFirstConsumer. */
  readonly delayBinding?: boolean;
  /** The default StorageClass's name, if one is marked (runtime/admission.ts defaultClass). */
  readonly defaultClassName?: string;
  /** Names of the live, unscheduled pods that use the claim, in the order to print them. */
  readonly unscheduledPods?: readonly string[];
  /** The VolumeAttributesClass feature gate (off by default in v1.32). */
  readonly volumeAttributesClass?: boolean;
}

const warning = (reason: string, message: string): BinderEvent => ({ type: 'Warning', reason, message });
const normal = (reason: string, message: string): BinderEvent => ({ type: 'Normal', reason, message });

const byName = (volumes: ClaimSyncInput['volumes'], name: string): KubeObject | undefined =>
  volumes instanceof VolumeIndex ? volumes.get(name) : volumes.find((v) => v.metadata.name === name);

/** upstream syncClaim: a claim that has never completed a bind is synced as unbound. */
export function syncClaim(input: ClaimSyncInput): ClaimPlan {
  const a = input.claim.metadata.annotations;
  if (!(a && Object.hasOwn(a, ANN_BIND_COMPLETED))) return syncUnboundClaim(input);
  const name = input.claim.spec?.volumeName;
  return syncBoundClaim(input.claim, name ? byName(input.volumes, name) : undefined);
}

/** upstream syncUnboundClaim. */
export function syncUnboundClaim(input: ClaimSyncInput): ClaimPlan {
  const { claim } = input;
  if (claim.spec?.volumeName) {
    const named = byName(input.volumes, claim.spec.volumeName);
    return syncRequestedVolume(claim, named ? [named] : []);
  }
  let volume: KubeObject | undefined;
  try {
    const opts = { delayBinding: input.delayBinding, volumeAttributesClass: input.volumeAttributesClass };
    volume = input.volumes instanceof VolumeIndex ? input.volumes.bestMatch(claim, opts) : findBestMatchForClaim(claim, input.volumes, opts);
  } catch (e) {
    if (e instanceof BinderError) return { action: 'error', error: `error finding PV for claim ${JSON.stringify(claimKey(claim))}: ${e.message}` };
    throw e;
  }
  if (volume) return { action: 'bind', volume };
  // Since v1.28 a claim created before any default class existed gets it now (retroactive default).
  if (!claimHasClass(claim) && input.defaultClassName !== undefined) return { action: 'assignDefaultClass', storageClassName: input.defaultClassName };
  if (input.delayBinding && !isDelayBindingProvisioning(claim)) {
    const pods = input.unscheduledPods ?? [];
    const event = pods.length > 0 ? normal(WAIT_FOR_POD_SCHEDULED, msgWaitForPodsScheduled(pods)) : normal(WAIT_FOR_FIRST_CONSUMER, MSG_WAIT_FOR_FIRST_CONSUMER);
    return { action: 'pending', event };
  }
  if (claimClass(claim) !== '') return { action: 'provision' };
  return { action: 'pending', event: normal(FAILED_BINDING, MSG_NO_VOLUMES_NO_CLASS) };
}

/** upstream syncUnboundClaim's spec.volumeName branch. */
function syncRequestedVolume(claim: KubeObject, volumes: readonly KubeObject[]): ClaimPlan {
  const r = requestedVolume(claim, volumes);
  switch (r.kind) {
    case 'missing': return { action: 'pending' }; // retried until the volume appears
    case 'bind': return { action: 'bind', volume: r.volume };
    case 'mismatch': {
      const name = r.volume.metadata.name ?? '';
      return { action: 'pending', event: warning(VOLUME_MISMATCH, msgCannotBindRequested(name, r.reason)) };
    }
    case 'taken': {
      const name = r.volume.metadata.name ?? '';
      const event = warning(FAILED_BINDING, msgAlreadyBoundElsewhere(name));
      const a = claim.metadata.annotations;
      if (!(a && Object.hasOwn(a, ANN_BOUND_BY_CONTROLLER))) return { action: 'pending', event };
      // The controller bound it, yet bind-completed is missing: someone removed it. Upstream calls this impossible.
      const ref = r.volume.spec.claimRef;
      const holder = `${ref.namespace ?? ''}/${ref.name ?? ''}`;
      return { action: 'error', event, error: `invalid binding of claim ${JSON.stringify(claimKey(claim))} to volume ${JSON.stringify(name)}: volume already claimed by ${JSON.stringify(holder)}` };
    }
  }
}

/**
 * upstream syncBoundClaim: `volume` is the one spec.volumeName names
 * (undefined when it does not exist). The claim stays bound while the volume
 * is unclaimed (the volume's half is redone) or holds this claim's uid; the
 * uid alone decides, as upstream compares nothing else.
 */
export function syncBoundClaim(claim: KubeObject, volume: KubeObject | undefined): ClaimPlan {
  const lost = (reason: string, message: string): ClaimPlan =>
    claim.status?.phase === 'Lost' ? { action: 'lost' } : { action: 'lost', event: warning(reason, message) };
  if (!claim.spec?.volumeName) return lost(CLAIM_LOST, MSG_CLAIM_LOST_REFERENCE);
  if (volume === undefined) return lost(CLAIM_LOST, MSG_CLAIM_LOST_VOLUME);
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null || (ref.uid ?? '') === (claim.metadata.uid ?? '')) return { action: 'bind', volume };
  return lost(CLAIM_MISBOUND, MSG_CLAIM_MISBOUND);
}
