// The API server's admission chain as the store calls it: the mutating
// plugins that need the cluster's state, then the kind's own defaulting and
// validation (model/api/admission), then the validating plugins. The
// mutating ones run on create only, as upstream registers them for CREATE.
//
// - DefaultStorageClass: a PersistentVolumeClaim that names no class (nil,
//   not "") gets the default StorageClass, the newest if several are marked.
//   upstream: plugin/pkg/admission/storage/storageclass/setdefault/admission.go,
//             pkg/volume/util/storageclass.go (GetDefaultClass)
// - StorageObjectInUseProtection: every new claim and volume carries its
//   protection finalizer, which the protection controllers remove once
//   nothing uses it.
//   upstream: plugin/pkg/admission/storage/storageobjectinuseprotection/admission.go
// - PersistentVolumeClaimResize (validating, on update): a claim may ask for
//   more storage only once Bound, and only when its class (the same before
//   and after) sets allowVolumeExpansion: true. Expansion itself is not
//   modelled: an allowed request is stored and the volume keeps its size.
//   upstream: plugin/pkg/admission/storage/persistentvolume/resize/admission.go
import { admitCreate, admitUpdate } from '../model/api/admission/index.js';
import { ApiError, goQuote } from '../model/api/errors.js';
import { claimClass } from '../model/controllers/persistentvolume/helpers.js';
import { compareQuantities } from '../model/controllers/persistentvolume/quantity.js';
import type { KindRegistry } from '../model/api/kinds.js';
import type { KubeObject } from '../model/api/types.js';
import { PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER } from '../model/controllers/volumeprotection/index.js';
import type { Admission } from './store.js';

export const defaultAdmission: Admission = { create: admitCreate, update: admitUpdate };

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** Is this StorageClass marked as the default (either annotation, "true")? upstream: storageutil.IsDefaultAnnotation */
export function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/**
 * The default StorageClass among `classes`: of those marked, the most
 * recently created, then by name. undefined when none is marked.
 * upstream: pkg/volume/util/storageclass.go (GetDefaultClass: "sort by creation timestamp, newest first")
 */
export function defaultClass(classes: readonly KubeObject[]): KubeObject | undefined {
  const marked = classes.filter(isDefaultClass);
  marked.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
  });
  return marked[0];
}

const withFinalizer = (o: KubeObject, f: string): KubeObject => {
  const finalizers = o.metadata?.finalizers ?? [];
  if (finalizers.includes(f)) return o;
  return { ...o, metadata: { ...o.metadata, finalizers: [...finalizers, f] } } as KubeObject;
};

/** The cluster's admission: the plugins above, reading StorageClasses through `listClasses`. */
export function clusterAdmission(listClasses: () => readonly KubeObject[], base: Admission = defaultAdmission): Admission {
  return {
    create(obj: KubeObject, kinds: KindRegistry): KubeObject {
      let o = obj;
      if (o.kind === 'PersistentVolumeClaim' && o.apiVersion === 'v1') {
        const spec = o.spec && typeof o.spec === 'object' ? o.spec : undefined;
        const named = spec?.storageClassName !== undefined && spec?.storageClassName !== null;
        if (!named && o.metadata?.annotations?.[BETA_CLASS_ANNOTATION] === undefined) {
          const d = defaultClass(listClasses());
          if (d) o = { ...o, spec: { ...(spec ?? {}), storageClassName: d.metadata.name } } as KubeObject;
        }
        o = withFinalizer(o, PVC_PROTECTION_FINALIZER);
      } else if (o.kind === 'PersistentVolume' && o.apiVersion === 'v1') {
        o = withFinalizer(o, PV_PROTECTION_FINALIZER);
      }
      return base.create(o, kinds);
    },
    update(obj, old, kinds) {
      const out = base.update(obj, old, kinds);
      if (out.kind === 'PersistentVolumeClaim') resizeAllowed(out, old, listClasses);
      return out;
    },
  };
}

/** PersistentVolumeClaimResize: throws Forbidden for a growth the claim's state or class does not allow. */
function resizeAllowed(claim: KubeObject, old: KubeObject, listClasses: () => readonly KubeObject[]): void {
  const grown = compareQuantities(claim.spec?.resources?.requests?.storage, old.spec?.resources?.requests?.storage) > 0;
  if (!grown) return;
  const forbidden = (why: string) => new ApiError('Forbidden', `persistentvolumeclaims ${goQuote(claim.metadata.name ?? '')} is forbidden: ${why}`);
  if (old.status?.phase !== 'Bound') throw forbidden('Only bound persistent volume claims can be expanded');
  const cls = claimClass(claim);
  const sc = cls !== '' && cls === claimClass(old) ? listClasses().find((c) => c.metadata.name === cls) : undefined;
  if (sc?.['allowVolumeExpansion'] !== true) {
    throw forbidden('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  }
}
