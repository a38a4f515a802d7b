// The small predicates the binder is built from: which class a claim asks
// for, which class a volume offers, how access modes are keyed, and when a
// volume's claimRef names a claim. Each is a separate upstream helper that
// the PV controller and the scheduler's VolumeBinding plugin share, so both
// callers here use these too and cannot drift apart.
// upstream: staging/src/k8s.io/component-helpers/storage/volume/helpers.go (GetPersistentVolumeClaimClass,
//           GetPersistentVolumeClass, PersistentVolumeClaimHasClass, CheckNodeAffinity),
//           staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go (IsVolumeBoundToClaim,
//           CheckVolumeModeMismatches, CheckAccessModes, IsDelayBindingMode, IsDelayBindingProvisioning),
//           pkg/apis/core/v1/helper/helpers.go (GetAccessModesAsString, GetAccessModesFromString),
//           pkg/volume/util/util.go (ContainsAllAccessModes)
import type { KubeObject, Labels } from '../../api/types.js';
import { compileTerm, termMatches, type NodeSelectorTermLike } from '../scheduler/node-affinity.js';
import { ANN_BETA_STORAGE_CLASS, ANN_SELECTED_NODE } from './events.js';

/** A binder failure that upstream returns as an error: the sync is retried, nothing is written. */
export class BinderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BinderError';
  }
}

/** "namespace/name", as upstream's claimToClaimKey. */
export const claimKey = (claim: KubeObject): string => `${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`;

const annotation = (o: KubeObject, key: string): string | undefined => {
  const a = o.metadata.annotations;
  return a && Object.hasOwn(a, key) ? a[key] : undefined;
};

/**
 * The class a claim asks for: the beta annotation when present (even ""),
 * else spec.storageClassName, else "". So an unset class and `""` both mean
 * "no class" here; admission is what tells them apart (it gives an unset one
 * the default class).
 */
export function claimClass(claim: KubeObject): string {
  const beta = annotation(claim, ANN_BETA_STORAGE_CLASS);
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? '';
}

/** upstream PersistentVolumeClaimHasClass: the annotation is present or spec.storageClassName is non-nil (`""` counts). */
export function claimHasClass(claim: KubeObject): boolean {
  return annotation(claim, ANN_BETA_STORAGE_CLASS) !== undefined || (claim.spec?.storageClassName !== undefined && claim.spec?.storageClassName !== null);
}

/** The class a volume offers: the beta annotation when present, else spec.storageClassName ("" when unset). */
export function volumeClass(volume: KubeObject): string {
  const beta = annotation(volume, ANN_BETA_STORAGE_CLASS);
  if (beta !== undefined) return beta;
  return volume.spec?.storageClassName ?? '';
}

// The index key's abbreviations, in the fixed order the key lists them.
const MODES: ReadonlyArray<readonly [string, string]> = [
  ['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP'],
];

/**
 * upstream GetAccessModesAsString, the key of the binder's access-mode index:
 * the modes present, always in the order RWO,ROX,RWX,RWOP, duplicates and
 * unknown modes dropped ("" for none).
 */
export function accessModesKey(modes: readonly string[] | null | undefined): string {
  const have = new Set(modes ?? []);
  return MODES.filter(([full]) => have.has(full)).map(([, abbrev]) => abbrev).join(',');
}

/** upstream GetAccessModesFromString: the modes a key stands for (spaces trimmed, unknown parts dropped). */
export function accessModesFromKey(key: string): string[] {
  const out: string[] = [];
  for (const part of key.split(',')) {
    const found = MODES.find(([, abbrev]) => abbrev === part.trim());
    if (found) out.push(found[0]);
  }
  return out;
}

/** upstream ContainsAllAccessModes: every requested mode is offered. */
export function containsAllAccessModes(offered: readonly string[], requested: readonly string[] | null | undefined): boolean {
  return (requested ?? []).every((m) => offered.includes(m));
}

/** upstream CheckAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(claim: KubeObject, volume: KubeObject): boolean {
  return containsAllAccessModes(volume.spec?.accessModes ?? [], claim.spec?.accessModes);
}

/** upstream CheckVolumeModeMismatches: nil means Filesystem on both sides (an older API server may not have defaulted it). */
export function volumeModeMismatch(claim: KubeObject, volume: KubeObject): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/**
 * upstream IsVolumeBoundToClaim: the volume's claimRef names this claim by
 * namespace and name, and by uid when the claimRef carries one. A claimRef
 * without a uid is a reservation ("pre-bound") that any claim of that name
 * takes; one with a stale uid (the claim was deleted and re-created) does not.
 */
export function isVolumeBoundToClaim(volume: KubeObject, claim: KubeObject): boolean {
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null) return false;
  if ((claim.metadata.name ?? '') !== (ref.name ?? '') || (claim.metadata.namespace ?? '') !== (ref.namespace ?? '')) return false;
  const uid = ref.uid ?? '';
  return uid === '' || uid === (claim.metadata.uid ?? '');
}

/**
 * upstream CheckNodeAffinity, as the scheduler path calls it: the node is
 * rebuilt from its labels alone, so a matchFields term on metadata.name sees
 * an empty name. No required terms allows every node; terms are ORed.
 */
export function nodeAffinityAllows(volume: KubeObject, nodeLabels: Labels): boolean {
  const required = volume.spec?.nodeAffinity?.required;
  if (required === undefined || required === null) return true;
  const terms = (required.nodeSelectorTerms ?? []) as NodeSelectorTermLike[];
  return terms.some((t) => termMatches(compileTerm(t), nodeLabels, ''));
}

/**
 * upstream IsDelayBindingMode: the claim's class exists and binds
 * WaitForFirstConsumer. No class, or a class that does not exist, binds at
 * once. `storageClass` is the StorageClass named by claimClass(claim), if any.
 */
export function isDelayBindingMode(claim: KubeObject, storageClass: KubeObject | undefined): boolean {
  const name = claimClass(claim);
  if (name === '' || storageClass === undefined) return false;
  const mode = storageClass['volumeBindingMode'];
  if (mode === undefined || mode === null) throw new BinderError(`VolumeBindingMode not set for StorageClass ${JSON.stringify(name)}`);
  return mode === 'WaitForFirstConsumer';
}

/** upstream IsDelayBindingProvisioning: the scheduler has picked a node (selected-node annotation present). */
export function isDelayBindingProvisioning(claim: KubeObject): boolean {
  return annotation(claim, ANN_SELECTED_NODE) !== undefined;
}
