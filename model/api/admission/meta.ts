// ObjectMeta: what the API server fixes up and checks on every object, whatever its kind.
// upstream: k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMeta, ValidateObjectMetaUpdate),
//           pkg/apis/core/validation/validation.go (validateKubeFinalizerName),
//           k8s.io/apiserver/pkg/registry/rest/create.go + update.go (BeforeCreate, BeforeUpdate).
import { forbidden, invalidValue, required, type FieldError } from '../errors.js';
import type { KindInfo } from '../kinds.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../names.js';
import type { KubeObject } from '../types.js';
import { validateAnnotations, validateLabelMap } from './labelmaps.js';
import { semanticEqual } from './equality.js';
import { append } from '../../append.js';

/** Finalizers that may go without a domain prefix (upstream helper.IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
/** upstream BannedOwners: an Event cannot own anything. */
const BANNED_OWNER = 'v1/Event';

/** The name check for a kind; `prefix` masks one trailing '-' as upstream's generateName check does. */
export function nameErrors(info: KindInfo, name: string, prefix = false): string[] {
  const value = prefix && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  switch (info.nameFormat) {
    case 'dns1123Label': return isDNS1123Label(value);
    case 'dns1035Label': return isDNS1035Label(value);
    case 'dns1123Subdomain': return isDNS1123Subdomain(value);
    case 'path': return pathSegmentNameErrors(value);
  }
}

/** upstream path.IsValidPathSegmentName: the loosest format, for kinds named by arbitrary strings. */
function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

/**
 * Create-time fix-ups, in place: a namespaced object without a namespace lands in "default"
 * (the request namespace kubectl sends), a cluster-scoped object has its namespace cleared
 * (upstream EnsureObjectNamespaceMatchesRequestNamespace clears it silently).
 */
export function prepareObjectMeta(obj: KubeObject, info: KindInfo): void {
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  if (info.namespaced) obj.metadata.namespace ||= 'default';
  else delete obj.metadata.namespace;
}

function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [invalidValue(path, refs, 'must be a list')];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs as any[]) {
    const apiVersion = String(ref?.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(invalidValue(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!ref?.kind) errs.push(invalidValue(`${path}.kind`, ref?.kind ?? '', 'must not be empty'));
    if (!ref?.name) errs.push(invalidValue(`${path}.name`, ref?.name ?? '', 'must not be empty'));
    if (!ref?.uid) errs.push(invalidValue(`${path}.uid`, ref?.uid ?? '', 'must not be empty'));
    if (`${apiVersion}/${ref?.kind}` === BANNED_OWNER) errs.push(invalidValue(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref?.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalidValue(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

/** upstream ValidateFinalizers + validateKubeFinalizerName. */
function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [invalidValue(path, finalizers, 'must be a list')];
  const errs: FieldError[] = [];
  for (const f of finalizers) append(errs, isQualifiedName(String(f)).map((m) => invalidValue(path, f, m)));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalidValue(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  finalizers.forEach((f, i) => {
    if (!String(f).includes('/') && !STANDARD_FINALIZERS.has(String(f))) {
      errs.push(invalidValue(`${path}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** Labels, annotations, owner references, finalizers: the part shared by create and update. */
function validateMetaCommon(meta: any): FieldError[] {
  return [
    ...validateLabelMap(meta.labels, 'metadata.labels'),
    ...validateAnnotations(meta.annotations, 'metadata.annotations'),
    ...validateOwnerReferences(meta.ownerReferences, 'metadata.ownerReferences'),
    ...validateFinalizers(meta.finalizers, 'metadata.finalizers'),
  ];
}

/**
 * upstream ValidateObjectMeta. A missing name is accepted when generateName is set: the store
 * generates the name (it owns the seeded random stream) and the prefix is checked here.
 */
export function validateObjectMeta(obj: KubeObject, info: KindInfo): FieldError[] {
  const meta: any = obj.metadata ?? {};
  const errs: FieldError[] = [];
  if (meta.generateName) {
    append(errs, nameErrors(info, String(meta.generateName), true).map((m) => invalidValue('metadata.generateName', meta.generateName, m)));
  }
  if (!meta.name) {
    if (!meta.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  } else if (typeof meta.name !== 'string') {
    errs.push(invalidValue('metadata.name', meta.name, 'must be a string'));
  } else {
    append(errs, nameErrors(info, meta.name).map((m) => invalidValue('metadata.name', meta.name, m)));
  }
  if (info.namespaced) {
    if (!meta.namespace) errs.push(required('metadata.namespace'));
    else append(errs, isDNS1123Label(String(meta.namespace)).map((m) => invalidValue('metadata.namespace', meta.namespace, m)));
  } else if (meta.namespace) {
    errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    errs.push(invalidValue('metadata.generation', meta.generation, 'must be greater than or equal to 0'));
  }
  return [...errs, ...validateMetaCommon(meta)];
}

/**
 * Update-time fix-ups, in place (upstream rest.BeforeUpdate): system fields the client may omit
 * are carried over from the stored object, so a `kubectl apply` of a manifest keeps them.
 */
export function prepareObjectMetaUpdate(obj: KubeObject, old: KubeObject): void {
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  const meta = obj.metadata;
  const oldMeta = old.metadata ?? {};
  if (!meta.namespace && oldMeta.namespace) meta.namespace = oldMeta.namespace;
  if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  }
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
}

function immutable(path: string, newV: unknown, oldV: unknown): FieldError[] {
  return semanticEqual(newV, oldV) ? [] : [invalidValue(path, newV ?? '', 'field is immutable')];
}

/** upstream ValidateObjectMetaUpdate. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const meta: any = obj.metadata ?? {};
  const oldMeta: any = old.metadata ?? {};
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const oldSet = new Set<string>(Array.isArray(oldMeta.finalizers) ? oldMeta.finalizers : []);
    const extra = [...new Set<string>(Array.isArray(meta.finalizers) ? meta.finalizers : [])].filter((f) => !oldSet.has(f)).sort();
    if (extra.length > 0) {
      errs.push(forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  if (typeof meta.generation === 'number' && typeof oldMeta.generation === 'number' && meta.generation < oldMeta.generation) {
    errs.push(invalidValue('metadata.generation', meta.generation, 'must not be decremented'));
  }
  append(errs, immutable('metadata.name', meta.name, oldMeta.name), immutable('metadata.namespace', meta.namespace, oldMeta.namespace), immutable('metadata.uid', meta.uid, oldMeta.uid), immutable('metadata.creationTimestamp', meta.creationTimestamp, oldMeta.creationTimestamp), immutable('metadata.deletionTimestamp', meta.deletionTimestamp, oldMeta.deletionTimestamp), immutable('metadata.deletionGracePeriodSeconds', meta.deletionGracePeriodSeconds, oldMeta.deletionGracePeriodSeconds));
  return [...errs, ...validateMetaCommon(meta)];
}
