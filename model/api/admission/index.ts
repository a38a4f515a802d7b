// The API server's admission chain for every kind the model serves: resolve the kind, fix up
// metadata, default, validate, and report all field errors at once in the API server's words.
// upstream: k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create, Update),
//           k8s.io/apiserver/pkg/registry/rest/create.go + update.go (BeforeCreate, BeforeUpdate).
import { badRequest, invalid, type FieldError } from '../errors.js';
import { kindByName, KindRegistry, type KindInfo } from '../kinds.js';
import { crdAdmission, customObjectAdmission, prepareCrdCreate, prepareCrdUpdate, prepareCustomObject, type CustomResource } from '../crd/index.js';
import { deepCopy, type KubeObject } from '../types.js';
import { configMapAdmission, secretAdmission } from './config.js';
import { eventAdmission, leaseAdmission, namespaceAdmission, prepareNamespaceUpdate, storageClassAdmission } from './core.js';
import { endpointSliceAdmission, podDisruptionBudgetAdmission } from './discovery.js';
import { prepareObjectMeta, prepareObjectMetaUpdate, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nodeAdmission } from './node.js';
import { podAdmission } from './podkind.js';
import { prepareServiceUpdate, serviceAdmission } from './service.js';
import { persistentVolumeAdmission, persistentVolumeClaimAdmission } from './storage.js';
import type { KindAdmission } from './types.js';
import { workloadAdmission } from './workloads.js';

export type { KindAdmission } from './types.js';
export { defaultPodSpec, defaultPodTemplateSpec, validatePodSpec, validatePodTemplateSpec, validatePodSpecUpdate } from './pod.js';
export { addDefaultTolerations } from './podkind.js';

const coreAdmission: Record<string, KindAdmission> = {
  Namespace: namespaceAdmission,
  Node: nodeAdmission,
  Pod: podAdmission,
  Service: serviceAdmission,
  PersistentVolumeClaim: persistentVolumeClaimAdmission,
  PersistentVolume: persistentVolumeAdmission,
  ConfigMap: configMapAdmission,
  Secret: secretAdmission,
  Event: eventAdmission,
  StorageClass: storageClassAdmission,
  Lease: leaseAdmission,
  EndpointSlice: endpointSliceAdmission,
  PodDisruptionBudget: podDisruptionBudgetAdmission,
  CustomResourceDefinition: crdAdmission,
};

/**
 * Update-time steps that need the stored object before defaulting (upstream PrepareForUpdate and
 * the Priority plugin): values the server assigned survive a client that omits them.
 */
const prepareUpdate: Record<string, (obj: KubeObject, old: KubeObject) => void> = {
  Service: prepareServiceUpdate,
  Namespace: prepareNamespaceUpdate,
  Pod(obj, old) {
    // upstream Priority plugin on update: the priority resolved at create is kept.
    if (obj.spec && old.spec?.priority !== undefined) obj.spec.priority = old.spec.priority;
    if (obj.spec && old.spec?.preemptionPolicy !== undefined) obj.spec.preemptionPolicy = old.spec.preemptionPolicy;
  },
};

/** The admission for a kind, or undefined when the model does not serve it. */
export function kindAdmission(kind: string): KindAdmission | undefined {
  if (Object.hasOwn(coreAdmission, kind)) return coreAdmission[kind];
  if (Object.hasOwn(workloadAdmission, kind)) return workloadAdmission[kind];
  return undefined;
}

/** The registry of a server with no CRDs: what admission answers for when no registry is given. */
const BUILTINS = new KindRegistry();

// One admission per custom resource (its compiled schema validators are cached on it).
const customAdmissions = new WeakMap<CustomResource, KindAdmission>();

/**
 * The kind's table entry and admission, or a BadRequest in kubectl's words
 * (meta.NoKindMatchError): `no matches for kind "Foo" in version "v1"`.
 */
function resolve(obj: KubeObject, kinds: KindRegistry): { info: KindInfo; adm: KindAdmission; cr?: CustomResource } {
  if (!obj || typeof obj !== 'object') throw badRequest('Object \'Kind\' is missing in \'null\'');
  if (!obj.kind) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  if (!obj.apiVersion) throw badRequest(`Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`);
  const info = kinds.info(String(obj.apiVersion), String(obj.kind));
  const cr = info ? kinds.customResource(info.kind) : undefined;
  let adm = info && !cr ? kindAdmission(info.kind) : undefined;
  if (cr) { adm = customAdmissions.get(cr); if (!adm) customAdmissions.set(cr, (adm = customObjectAdmission(cr))); }
  if (!info || !adm) throw badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return { info, adm, cr };
}

function fail(info: KindInfo, obj: KubeObject, errs: FieldError[]): void {
  if (errs.length > 0) throw invalid(info.kind, info.group, String(obj.metadata?.name ?? ''), errs);
}

/** Admit a new object: a defaulted deep copy, or an ApiError (BadRequest or Invalid with every field error). */
export function admitCreate(input: KubeObject, kinds: KindRegistry = BUILTINS): KubeObject {
  const { info, adm, cr } = resolve(input, kinds);
  const obj = deepCopy(input);
  prepareObjectMeta(obj, info);
  if (cr) prepareCustomObject(obj, undefined, cr);
  if (info.kind === 'CustomResourceDefinition') prepareCrdCreate(obj);
  adm.defaults(obj);
  fail(info, obj, [...validateObjectMeta(obj, info), ...adm.validate(obj)]);
  return obj;
}

/**
 * Admit a replacement of `old`: a defaulted deep copy, or an ApiError. Immutable metadata
 * (name, namespace, uid, creationTimestamp, deletionTimestamp) and the kind's own update rules
 * are checked against `old`; no finalizer may be added once the object is being deleted.
 */
export function admitUpdate(input: KubeObject, old: KubeObject, kinds: KindRegistry = BUILTINS): KubeObject {
  const { info, adm, cr } = resolve(input, kinds);
  const obj = deepCopy(input);
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  if (!info.namespaced) delete obj.metadata.namespace;
  prepareObjectMetaUpdate(obj, old);
  // Status is written through the status subresource; a spec update that omits it keeps the stored one.
  if (obj.status === undefined && old.status !== undefined && !cr) obj.status = deepCopy(old.status);
  if (cr) prepareCustomObject(obj, old, cr);
  if (info.kind === 'CustomResourceDefinition') prepareCrdUpdate(obj, old);
  prepareUpdate[info.kind]?.(obj, old);
  adm.defaults(obj);
  fail(info, obj, [...validateObjectMetaUpdate(obj, old), ...adm.validateUpdate(obj, old)]);
  return obj;
}

/** Every kind with admission (for tests and the CLI's `api-resources`). */
export function admittedKinds(): string[] {
  return [...Object.keys(coreAdmission), ...Object.keys(workloadAdmission)].filter((k) => kindByName(k) !== undefined);
}
