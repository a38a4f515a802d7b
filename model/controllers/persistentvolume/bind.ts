// The objects the binder writes, computed without writing them. A bind is
// four API calls in a fixed order — volume spec (claimRef), volume status
// (Bound), claim spec (volumeName), claim status (Bound) — because each may
// fail or conflict, and the next sync finishes whatever was left undone: the
// volume is saved first, so a claim never points at a volume that does not
// point back at it. Each function here is one of those calls.
//
// Convention: a function returns its input object itself when upstream would
// find nothing to change (its `dirty == false`, no API call), and otherwise a
// new object; inputs are never mutated.
// upstream: pkg/controller/volume/persistentvolume/pv_controller.go (bind, bindVolumeToClaim, bindClaimToVolume,
//           updateClaimStatus, updateVolumePhase, unbindVolume),
//           staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go (GetBindVolumeToClaim),
//           staging/src/k8s.io/client-go/tools/reference/ref.go (GetReference),
//           pkg/registry/core/persistentvolume/strategy.go (persistentvolumeStatusStrategy.PrepareForUpdate)
import { deepCopy, type KubeObject } from '../../api/types.js';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_PRE_RESIZE_CAPACITY } from './events.js';
import { BinderError, isVolumeBoundToClaim } from './helpers.js';
import { isValidQuantity } from '../../api/quantity.js';
import { compareQuantities } from './quantity.js';

/** The annotations' value; upstream only ever tests for presence. */
const YES = 'yes';

const has = (o: KubeObject, key: string): boolean => Boolean(o.metadata.annotations && Object.hasOwn(o.metadata.annotations, key));

function withAnnotation(o: KubeObject, key: string, value: string): void {
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [key]: value };
}

/**
 * upstream GetReference for a claim: kind, apiVersion, name, namespace, uid
 * and resourceVersion, each omitted when empty (as JSON drops Go's empty
 * strings). An object without type fields gets the scheme's, v1
 * PersistentVolumeClaim.
 */
export function claimReference(claim: KubeObject): Record<string, string> {
  const ref: Record<string, string> = { kind: claim.kind || 'PersistentVolumeClaim', apiVersion: claim.apiVersion || 'v1' };
  const m = claim.metadata;
  for (const [k, v] of [['name', m.name], ['namespace', m.namespace], ['uid', m.uid], ['resourceVersion', m.resourceVersion]] as const) {
    if (v) ref[k] = v;
  }
  return ref;
}

/**
 * upstream GetBindVolumeToClaim: point the volume's claimRef at the claim
 * (replaced whole unless name, namespace and uid already agree) and mark it
 * bound-by-controller unless the user had reserved it for this claim. A
 * reservation without a uid gets the uid filled in, and stays user-made.
 */
export function bindVolumeToClaim(volume: KubeObject, claim: KubeObject): KubeObject {
  const byController = !isVolumeBoundToClaim(volume, claim);
  const ref = volume.spec?.claimRef;
  const m = claim.metadata;
  const refAgrees = ref !== undefined && ref !== null && (ref.name ?? '') === (m.name ?? '') &&
    (ref.namespace ?? '') === (m.namespace ?? '') && (ref.uid ?? '') === (m.uid ?? '');
  const setAnnotation = byController && !has(volume, ANN_BOUND_BY_CONTROLLER);
  if (refAgrees && !setAnnotation) return volume;
  const out = deepCopy(volume);
  if (!refAgrees) out.spec = { ...(out.spec ?? {}), claimRef: claimReference(claim) };
  if (setAnnotation) withAnnotation(out, ANN_BOUND_BY_CONTROLLER, YES);
  return out;
}

/**
 * upstream bindClaimToVolume: set spec.volumeName (and bound-by-controller,
 * if not set) when it names another volume or none, and bind-completed when
 * missing. A claim the user pointed at this volume keeps no bound-by-controller.
 */
export function bindClaimToVolume(claim: KubeObject, volume: KubeObject): KubeObject {
  const name = volume.metadata.name ?? '';
  const rebind = name !== (claim.spec?.volumeName ?? '');
  const complete = !has(claim, ANN_BIND_COMPLETED);
  if (!rebind && !complete) return claim;
  const out = deepCopy(claim);
  if (rebind) {
    out.spec = { ...(out.spec ?? {}), volumeName: name };
    if (!has(out, ANN_BOUND_BY_CONTROLLER)) withAnnotation(out, ANN_BOUND_BY_CONTROLLER, YES);
  }
  if (complete) withAnnotation(out, ANN_BIND_COMPLETED, YES);
  return out;
}

/** reflect.DeepEqual on two access-mode lists: nil equals only nil. */
function sameModes(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * upstream updateClaimStatus: the claim's phase, and its accessModes and
 * capacity taken from `volume` (cleared without one). Capacity is copied
 * only as the claim enters the phase: later a difference can be on purpose
 * (the filesystem was not yet grown to the expanded volume). The whole
 * volume is the claim's, so a 1Gi request bound to 100Gi shows 100Gi.
 * Throws BinderError for a volume without a storage capacity.
 */
export function claimStatus(claim: KubeObject, phase: string, volume?: KubeObject): KubeObject {
  const status = claim.status ?? {};
  const out = deepCopy(claim);
  const outStatus: Record<string, any> = (out.status = { ...(out.status ?? {}) });
  let dirty = false;
  if (status.phase !== phase) {
    outStatus.phase = phase;
    dirty = true;
  }
  if (volume === undefined) {
    for (const field of ['accessModes', 'capacity'] as const) {
      if (status[field] !== undefined && status[field] !== null) {
        delete outStatus[field];
        dirty = true;
      }
    }
    return dirty ? out : claim;
  }
  const modes = volume.spec?.accessModes;
  if (!sameModes(status.accessModes, modes)) {
    if (modes === undefined || modes === null) delete outStatus.accessModes;
    else outStatus.accessModes = [...modes];
    dirty = true;
  }
  if (status.phase !== phase) {
    const volumeCap = volume.spec?.capacity?.storage;
    if (volumeCap === undefined || volumeCap === null) {
      throw new BinderError(`PersistentVolume ${JSON.stringify(volume.metadata.name ?? '')} is without a storage capacity`);
    }
    const claimCap = status.capacity?.storage;
    if (has(volume, ANN_PRE_RESIZE_CAPACITY)) {
      // The resizer recorded the size the filesystem still has; an unparsable record falls back to the volume's.
      const pre = volume.metadata.annotations![ANN_PRE_RESIZE_CAPACITY]!;
      outStatus.capacity = { ...(outStatus.capacity ?? {}), storage: isValidQuantity(pre) ? pre : volumeCap };
      dirty = true;
    } else if (claimCap === undefined || claimCap === null || compareQuantities(volumeCap, claimCap) !== 0) {
      outStatus.capacity = deepCopy(volume.spec.capacity);
      dirty = true;
    }
  }
  return dirty ? out : claim;
}

/** claimStatus(claim, 'Bound', volume): the last of the four writes of a bind. */
export function claimStatusBound(claim: KubeObject, volume: KubeObject): KubeObject {
  return claimStatus(claim, 'Bound', volume);
}

/**
 * upstream updateVolumePhase: a new phase and message (an empty message is
 * dropped). Nothing changes when the phase is already set, even if the
 * message differs. lastPhaseTransitionTime (GA in v1.31) is stamped `now`
 * on a phase change: upstream the controller leaves it alone and the API
 * server's status strategy stamps it, which yields the same stored object.
 */
export function volumePhase(volume: KubeObject, phase: string, now: string, message = ''): KubeObject {
  if ((volume.status?.phase ?? '') === phase) return volume;
  const out = deepCopy(volume);
  const status: Record<string, any> = { ...(out.status ?? {}), phase, lastPhaseTransitionTime: now };
  if (message) status.message = message;
  else delete status.message;
  out.status = status;
  return out;
}

/**
 * upstream unbindVolume's spec half: a binding the controller made is removed
 * (claimRef and bound-by-controller, and an emptied annotation map); a user's
 * reservation only loses its uid, so the volume stays reserved for a claim
 * of that name. Always a new object: upstream writes it unconditionally.
 * The status half is volumePhase(…, 'Available', now).
 */
export function unbindVolume(volume: KubeObject): KubeObject {
  const out = deepCopy(volume);
  if (has(volume, ANN_BOUND_BY_CONTROLLER)) {
    if (out.spec) delete out.spec.claimRef;
    delete out.metadata.annotations![ANN_BOUND_BY_CONTROLLER];
    if (Object.keys(out.metadata.annotations!).length === 0) delete out.metadata.annotations;
  } else if (out.spec?.claimRef) {
    delete out.spec.claimRef.uid;
  }
  return out;
}
