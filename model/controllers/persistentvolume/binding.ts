// Which PersistentVolume the binder gives a claim. Two callers share one
// matching loop, and they choose differently:
//
// - The PV controller (Immediate classes) indexes volumes by their set of
//   access modes and tries the sets with the fewest modes first, taking the
//   smallest fit inside the first set that has one. So an RWO claim gets an
//   RWO-only 100Gi volume before an RWO+RWX 10Gi one: scarce multi-mode
//   volumes are kept for claims that need the extra modes.
// - The scheduler (WaitForFirstConsumer, a node in hand) runs the same loop
//   once over every volume, checking access modes and the node affinity,
//   so there the smallest fit wins outright.
//
// A volume pre-bound to the claim (its claimRef names the claim) is returned
// as soon as the loop meets it, skipping the phase, selector and class checks
// but not the size, volumeMode and deletion ones. A claim that names its
// volume (spec.volumeName) never enters the loop; see requestedVolume.
//
// Order: upstream walks a hash set, so among equal candidates the pick is
// unspecified. The model walks `volumes` in the order given and breaks ties
// between access-mode sets of the same size by their key ("RWO,ROX" before
// "RWO,RWX").
// upstream: staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go (FindMatchingVolume),
//           pkg/controller/volume/persistentvolume/index.go (findByClaim, allPossibleMatchingAccessModes),
//           pkg/scheduler/framework/plugins/volumebinding/binder.go (findMatchingVolumes), …/assume_cache.go (ListPVs),
//           pkg/controller/volume/persistentvolume/pv_controller.go (syncUnboundClaim, checkVolumeSatisfyClaim)
import type { KubeObject, Labels } from '../../api/types.js';
import { SelectorError, selectorFromLabelSelector, type Selector } from '../../labels/index.js';
import {
  BinderError, accessModesFromKey, accessModesKey, checkAccessModes, claimClass, claimKey, containsAllAccessModes,
  isVolumeBoundToClaim, nodeAffinityAllows, volumeClass, volumeModeMismatch,
} from './helpers.js';
import { compareExact, exactQuantity, quantityIntValue, type ExactQuantity } from './quantity.js';

export interface MatchOptions {
  /** The claim's class binds WaitForFirstConsumer (isDelayBindingMode): the PV controller then only completes pre-bound volumes. */
  delayBinding?: boolean;
  /** The scheduler path: the labels of the node being tried. Absent: the PV controller path. */
  nodeLabels?: Labels;
  /** The scheduler path: volumes already chosen for the pod's other claims, by name. */
  excluded?: ReadonlySet<string>;
  /** The VolumeAttributesClass feature gate; beta and off by default in v1.32. */
  volumeAttributesClass?: boolean;
}

const storageOf = (o: KubeObject, field: 'capacity' | 'request'): unknown =>
  field === 'capacity' ? o.spec?.capacity?.storage : o.spec?.resources?.requests?.storage;

/** The claim's selector, or undefined when it has none (nil); `{}` selects every volume. */
function claimSelector(claim: KubeObject): Selector | undefined {
  const ps = claim.spec?.selector;
  if (ps === undefined || ps === null) return undefined;
  try {
    return selectorFromLabelSelector(ps);
  } catch (e) {
    if (e instanceof SelectorError) throw new BinderError(`error creating internal label selector for claim: ${claimKey(claim)}: ${e.message}`);
    throw e;
  }
}

/**
 * upstream FindMatchingVolume, one pass over `volumes`: the first volume
 * pre-bound to the claim, else the smallest that fits. Throws BinderError
 * where upstream returns an error (a bad selector; a volumeAttributesClassName
 * on the claim while the gate is off).
 */
export function matchVolume(claim: KubeObject, volumes: readonly KubeObject[], opts: MatchOptions = {}): KubeObject | undefined {
  const vacEnabled = opts.volumeAttributesClass ?? false;
  const claimVAC: string = claim.spec?.volumeAttributesClassName ?? '';
  if (!vacEnabled && claimVAC !== '') {
    throw new BinderError(`unsupported volumeAttributesClassName is set on claim ${claimKey(claim)} when the feature-gate VolumeAttributesClass is disabled`);
  }
  const requested = exactQuantity(storageOf(claim, 'request'));
  const requestedClass = claimClass(claim);
  const selector = claimSelector(claim);
  const scheduler = opts.nodeLabels !== undefined;
  let smallest: KubeObject | undefined;
  let smallestQty: ExactQuantity | undefined;
  for (const volume of volumes) {
    if (opts.excluded?.has(volume.metadata.name ?? '')) continue;
    const ref = volume.spec?.claimRef;
    const preBound = ref !== undefined && ref !== null;
    if (preBound && !isVolumeBoundToClaim(volume, claim)) continue; // held by another claim, or by a deleted one
    const qty = exactQuantity(storageOf(volume, 'capacity'));
    if (compareExact(qty, requested) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    const volumeVAC: string = volume.spec?.volumeAttributesClassName ?? '';
    if (vacEnabled ? claimVAC !== volumeVAC : volumeVAC !== '') continue;
    if (volume.metadata.deletionTimestamp !== undefined && volume.metadata.deletionTimestamp !== null) continue;
    const affinityOk = !scheduler || nodeAffinityAllows(volume, opts.nodeLabels!);
    // A pre-bound volume whose node affinity rules out this node rules out the whole search.
    if (preBound) return affinityOk ? volume : undefined;
    if (!scheduler && opts.delayBinding) continue; // the scheduler binds unbound volumes for these classes
    // Volumes not yet Available are skipped: binding one now would likely lose an API conflict.
    if (volume.status?.phase !== 'Available') continue;
    if (selector !== undefined && !selector.matches(volume.metadata.labels)) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (!affinityOk) continue;
    if (scheduler && !checkAccessModes(claim, volume)) continue; // the controller path checked them through the index
    if (smallestQty === undefined || compareExact(smallestQty, qty) > 0) {
      smallest = volume;
      smallestQty = qty;
    }
  }
  return smallest;
}

/**
 * upstream allPossibleMatchingAccessModes: of the index keys present, those
 * whose modes include every requested one, fewest modes first.
 */
export function matchingAccessModeKeys(keys: Iterable<string>, requested: readonly string[] | null | undefined): string[] {
  const out: Array<[string, number]> = [];
  for (const key of keys) {
    const modes = accessModesFromKey(key);
    if (containsAllAccessModes(modes, requested)) out.push([key, modes.length]);
  }
  out.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out.map(([key]) => key);
}

/**
 * upstream findBestMatchForClaim (findByClaim), the PV controller's pick:
 * group `volumes` (every volume the controller knows) by access-mode key, then
 * matchVolume group by group, fewest modes first; the first hit wins.
 */
export function findBestMatchForClaim(claim: KubeObject, volumes: readonly KubeObject[], opts: Pick<MatchOptions, 'delayBinding' | 'volumeAttributesClass'> = {}): KubeObject | undefined {
  const groups = new Map<string, KubeObject[]>();
  for (const v of volumes) {
    const key = accessModesKey(v.spec?.accessModes);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(v);
  }
  const pass = { delayBinding: opts.delayBinding, volumeAttributesClass: opts.volumeAttributesClass };
  for (const key of matchingAccessModeKeys(groups.keys(), claim.spec?.accessModes)) {
    const found = matchVolume(claim, groups.get(key)!, pass);
    if (found) return found;
  }
  return undefined;
}

/**
 * upstream checkVolumeSatisfyClaim: null when the volume fits the claim, else
 * upstream's reason. Used where the claim named the volume, so no selector,
 * phase or node check; sizes compare as whole bytes rounded up (Value()),
 * unlike the exact comparison of the matching loop.
 */
export function volumeSatisfiesClaim(volume: KubeObject, claim: KubeObject): string | null {
  const requestedSize = quantityIntValue(storageOf(claim, 'request'));
  if (volume.metadata.deletionTimestamp !== undefined && volume.metadata.deletionTimestamp !== null) {
    return `the volume is marked for deletion ${JSON.stringify(volume.metadata.name ?? '')}`;
  }
  if (quantityIntValue(storageOf(volume, 'capacity')) < requestedSize) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return null;
}

/** What the controller finds for a claim that names its volume (spec.volumeName). */
export type RequestedVolume =
  | { readonly kind: 'missing' }
  | { readonly kind: 'bind'; readonly volume: KubeObject }
  | { readonly kind: 'mismatch'; readonly volume: KubeObject; readonly reason: string }
  | { readonly kind: 'taken'; readonly volume: KubeObject };

/**
 * upstream syncUnboundClaim's volumeName branch: a free volume is bound if it
 * satisfies the claim; a volume whose claimRef already names this claim is
 * bound with no check at all (the user reserved it both ways); a volume held
 * by another claim is not.
 */
export function requestedVolume(claim: KubeObject, volumes: readonly KubeObject[]): RequestedVolume {
  const name = claim.spec?.volumeName;
  const volume = volumes.find((v) => v.metadata.name === name);
  if (!volume) return { kind: 'missing' };
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null) {
    const reason = volumeSatisfiesClaim(volume, claim);
    return reason === null ? { kind: 'bind', volume } : { kind: 'mismatch', volume, reason };
  }
  return isVolumeBoundToClaim(volume, claim) ? { kind: 'bind', volume } : { kind: 'taken', volume };
}

/**
 * The volume upstream's binder would bind an unbound claim to, or undefined.
 * Without `nodeLabels` it is the PV controller: a claim with spec.volumeName
 * gets that volume when requestedVolume allows it, any other claim the
 * access-mode-grouped search. With `nodeLabels` it is the scheduler, which
 * leaves claims with spec.volumeName to the PV controller and searches the
 * volumes of the claim's class in one pass, minus `excluded`.
 */
export function findMatchingVolume(claim: KubeObject, volumes: readonly KubeObject[], opts: MatchOptions = {}): KubeObject | undefined {
  const named = Boolean(claim.spec?.volumeName);
  if (opts.nodeLabels !== undefined) {
    if (named) return undefined;
    // The scheduler lists candidates from its cache by class, so a pre-bound volume of another class is not among them.
    const cls = claimClass(claim);
    return matchVolume(claim, volumes.filter((v) => volumeClass(v) === cls), opts);
  }
  if (named) {
    const r = requestedVolume(claim, volumes);
    return r.kind === 'bind' ? r.volume : undefined;
  }
  return findBestMatchForClaim(claim, volumes, opts);
}
