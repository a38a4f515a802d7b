// PersistentVolume and PersistentVolumeClaim: defaults, validation, update rules.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolume, SetDefaults_PersistentVolumeClaim),
//           pkg/apis/core/validation/validation.go (ValidatePersistentVolumeSpec, ValidatePersistentVolumeUpdate,
//           ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate).
import { forbidden, formatValue, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Subdomain } from '../names.js';
import type { KubeObject } from '../types.js';
import { deepCopy } from '../types.js';
import type { KindAdmission } from './types.js';
import { semanticEqual } from './equality.js';
import { validateLabelSelector } from './labelmaps.js';
import { quantityValue, QUANTITY_FORMAT_MSG } from './resources.js';
import { validateNodeSelector } from './scheduling.js';
import { append } from '../../append.js';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** PersistentVolume sources in upstream's checking order, with the field each requires. */
const PV_SOURCES: ReadonlyArray<[string, string[]]> = [
  ['hostPath', ['path']], ['gcePersistentDisk', ['pdName']], ['awsElasticBlockStore', ['volumeID']], ['glusterfs', ['endpoints', 'path']],
  ['flocker', []], ['nfs', ['server', 'path']], ['rbd', ['monitors', 'image']], ['quobyte', ['registry', 'volume']], ['cephfs', ['monitors']],
  ['iscsi', ['targetPortal', 'iqn']], ['cinder', ['volumeID']], ['fc', []], ['flexVolume', ['driver']], ['azureFile', ['secretName', 'shareName']],
  ['vsphereVolume', ['volumePath']], ['photonPersistentDisk', ['pdID']], ['portworxVolume', ['volumeID']], ['azureDisk', ['diskName', 'diskURI']],
  ['scaleIO', ['gateway', 'system', 'volumeName']], ['local', ['path']], ['storageos', ['volumeName']], ['csi', ['driver', 'volumeHandle']],
];
const PV_SOURCE_NAMES = PV_SOURCES.map(([s]) => s);

const present = (v: unknown): boolean => v !== undefined && v !== null;
const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function validateAccessModes(modes: unknown, path: string, requiredDetail: string): FieldError[] {
  const list: unknown[] = Array.isArray(modes) ? modes : [];
  const errs: FieldError[] = [];
  if (list.length === 0) errs.push(required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(m as string)) errs.push(notSupported(path, m, ACCESS_MODES));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** upstream ValidatePositiveQuantityValue (after the quantity parses). */
function positiveQuantity(q: unknown, path: string): FieldError[] {
  const v = quantityValue(q);
  if (v === undefined) return [invalidValue(path, q, QUANTITY_FORMAT_MSG)];
  return v > 0 ? [] : [invalidValue(path, String(q), 'must be greater than zero')];
}

function validatePVSpec(spec: any): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes', '');
  const capacity = spec.capacity && typeof spec.capacity === 'object' ? spec.capacity : {};
  const keys = Object.keys(capacity);
  if (keys.length === 0) errs.push(required('spec.capacity'));
  if (!Object.hasOwn(capacity, 'storage') || keys.length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
  for (const k of keys) append(errs, positiveQuantity(capacity[k], `spec.capacity[${k}]`));
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  }
  let nodeAffinity = false;
  if (present(spec.nodeAffinity)) {
    if (present(spec.nodeAffinity.required)) {
      nodeAffinity = true;
      append(errs, validateNodeSelector(spec.nodeAffinity.required, 'spec.nodeAffinity.required'));
    } else {
      errs.push(required('spec.nodeAffinity.required', 'must specify required node constraints'));
    }
  }
  let count = 0;
  for (const [source, fields] of PV_SOURCES) {
    const src = spec[source];
    if (!present(src)) continue;
    if (count++ > 0) {
      errs.push(forbidden(`spec.${source}`, 'may not specify more than 1 volume type'));
      continue;
    }
    for (const f of fields) if (empty(src[f])) errs.push(required(`spec.${source}.${f}`));
    if (source === 'nfs' && src.path && !String(src.path).startsWith('/')) errs.push(invalidValue('spec.nfs.path', src.path, 'must be an absolute path'));
    if (source === 'local' && !nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (count === 0) errs.push(required('spec', 'must specify a volume type'));
  if (spec.storageClassName) append(errs, isDNS1123Subdomain(String(spec.storageClassName)).map((m) => invalidValue('spec.storageClassName', spec.storageClassName, m)));
  if (present(spec.volumeMode) && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

const pick = (spec: any, keys: string[]) => Object.fromEntries(keys.filter((k) => present(spec?.[k])).map((k) => [k, spec[k]]));
const diffLine = (o: unknown, n: unknown) => `- ${formatValue(o)}\n+ ${formatValue(n)}`;

export const persistentVolumeAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ||= 'Filesystem';
    if (!obj.status || typeof obj.status !== 'object') obj.status = {};
    obj.status.phase ||= 'Pending';
  },
  validate: (obj) => validatePVSpec(obj.spec ?? {}),
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const errs = validatePVSpec(obj.spec ?? {});
    const newSrc = pick(obj.spec, PV_SOURCE_NAMES);
    const oldSrc = pick(old.spec, PV_SOURCE_NAMES);
    if (!semanticEqual(newSrc, oldSrc)) {
      errs.push(forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diffLine(oldSrc, newSrc)}`));
    }
    if (!semanticEqual(obj.spec?.volumeMode, old.spec?.volumeMode)) errs.push(invalidValue('volumeMode', obj.spec?.volumeMode ?? null, 'field is immutable'));
    if (present(old.spec?.nodeAffinity) && !semanticEqual(obj.spec?.nodeAffinity, old.spec?.nodeAffinity)) {
      errs.push(invalidValue('nodeAffinity', obj.spec?.nodeAffinity ?? null, 'field is immutable'));
    }
    return errs;
  },
};

function validatePVCSpec(spec: any): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  append(errs, validateLabelSelector(spec.selector, 'spec.selector'));
  const requests = spec.resources?.requests ?? {};
  // upstream reports the storage request at `spec.resources[storage]` (Child("resources").Key("storage")).
  if (!Object.hasOwn(requests, 'storage')) errs.push(required('spec.resources[storage]'));
  else append(errs, positiveQuantity(requests.storage, 'spec.resources[storage]'));
  if (spec.storageClassName) append(errs, isDNS1123Subdomain(String(spec.storageClassName)).map((m) => invalidValue('spec.storageClassName', spec.storageClassName, m)));
  if (present(spec.volumeMode) && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

/**
 * upstream ValidatePersistentVolumeClaimUpdate: the spec is frozen except volumeName (set once by
 * the binder), storageClassName (set once from nil) and, for a Bound claim, the storage request.
 * RecoverVolumeExpansionFailure (on by default) lets a request shrink down to above status.capacity.
 */
function validatePVCUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePVCSpec(obj.spec ?? {});
  const n = deepCopy(obj.spec ?? {});
  const o = deepCopy(old.spec ?? {});
  if (!o.volumeName) o.volumeName = n.volumeName;
  if (!present(o.storageClassName) && present(n.storageClassName)) n.storageClassName = o.storageClassName;
  const bound = obj.status?.phase === 'Bound';
  if (bound && n.resources?.requests) n.resources.requests.storage = old.spec?.resources?.requests?.storage;
  if (bound && present(n.volumeAttributesClassName)) n.volumeAttributesClassName = o.volumeAttributesClassName;
  if (!semanticEqual(n, o)) {
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diffLine(o, n)}`));
  }
  const newSize = quantityValue(obj.spec?.resources?.requests?.storage) ?? 0;
  const oldSize = quantityValue(old.spec?.resources?.requests?.storage) ?? 0;
  const statusSize = quantityValue(old.status?.capacity?.storage) ?? 0;
  if (newSize < oldSize && newSize <= statusSize) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if (!semanticEqual(obj.spec?.volumeMode, old.spec?.volumeMode)) errs.push(invalidValue('volumeMode', obj.spec?.volumeMode ?? null, 'field is immutable'));
  return errs;
}

export const persistentVolumeClaimAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    spec.volumeMode ||= 'Filesystem';
    if (!obj.status || typeof obj.status !== 'object') obj.status = {};
    obj.status.phase ||= 'Pending';
  },
  validate: (obj) => validatePVCSpec(obj.spec ?? {}),
  validateUpdate: validatePVCUpdate,
};
