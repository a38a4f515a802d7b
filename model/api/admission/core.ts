// Namespace, Event, Lease and StorageClass: small kinds with a few rules each.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Namespace, SetDefaults_NamespaceStatus),
//           pkg/registry/core/namespace/strategy.go, pkg/apis/core/validation/events.go,
//           pkg/apis/coordination/validation/validation.go, pkg/apis/storage/v1/defaults.go,
//           pkg/apis/storage/validation/validation.go (ValidateStorageClass, ValidateStorageClassUpdate).
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Subdomain, isQualifiedName } from '../names.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { semanticEqual } from './equality.js';
import { append } from '../../append.js';

/** The label every namespace carries with its own name (upstream v1.NamespaceDefaultLabelName). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const namespaceAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const meta = obj.metadata;
    if (meta.name) meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name };
    const spec = (obj.spec ??= {});
    // upstream namespaceStrategy.PrepareForCreate: the "kubernetes" finalizer is always present.
    const finalizers: string[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
    if (!obj.status || typeof obj.status !== 'object') obj.status = {};
    obj.status.phase ||= 'Active';
  },
  validate(obj: KubeObject): FieldError[] {
    const errs: FieldError[] = [];
    for (const f of Array.isArray(obj.spec?.finalizers) ? obj.spec.finalizers : []) {
      append(errs, isQualifiedName(String(f)).map((m) => invalidValue('spec.finalizers', f, m)));
      if (!String(f).includes('/') && f !== 'kubernetes') {
        errs.push(invalidValue('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    }
    return errs;
  },
  validateUpdate: () => [],
};

/** Namespace updates never change spec.finalizers (only the finalize subresource does). */
export function prepareNamespaceUpdate(obj: KubeObject, old: KubeObject): void {
  obj.spec = { ...(obj.spec ?? {}), finalizers: old.spec?.finalizers };
}

/** upstream legacyValidateEvent (core/v1 events): the involved object's namespace must match. */
function validateEvent(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = obj.metadata?.namespace ?? '';
  const involvedNs = (obj.involvedObject as any)?.namespace ?? '';
  if (!obj.eventTime) {
    const ok = involvedNs ? ns === involvedNs : (ns === '' || ns === 'default');
    if (!ok) errs.push(invalidValue('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  } else if (obj.type !== 'Normal' && obj.type !== 'Warning') {
    errs.push(invalidValue('type', '', `has invalid value: ${String(obj.type ?? '')}`));
  }
  append(errs, isDNS1123Subdomain(ns).map((m) => invalidValue('namespace', ns, m)));
  return errs;
}

export const eventAdmission: KindAdmission = {
  defaults(): void {},
  validate: validateEvent,
  validateUpdate: validateEvent,
};

/** upstream ValidateLeaseSpec. */
function validateLease(obj: KubeObject): FieldError[] {
  const spec: any = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds != null && !(spec.leaseDurationSeconds > 0)) {
    errs.push(invalidValue('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions != null && spec.leaseTransitions < 0) {
    errs.push(invalidValue('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

export const leaseAdmission: KindAdmission = {
  defaults(obj: KubeObject): void { obj.spec ??= {}; },
  validate: validateLease,
  validateUpdate: validateLease,
};

const SC_RECLAIM_POLICIES = ['Delete', 'Retain'];
const SC_BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PROVISIONER_PARAMETERS = 512;

/** upstream ValidateStorageClass: provisioner, parameters, reclaim policy, binding mode. */
function validateStorageClass(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = String(obj.provisioner ?? '');
  if (!provisioner) errs.push(required('provisioner', provisioner));
  else append(errs, isQualifiedName(provisioner.toLowerCase()).map((m) => invalidValue('provisioner', provisioner, m)));
  const params: Record<string, unknown> = (obj.parameters as Record<string, unknown>) ?? {};
  if (Object.keys(params).length > MAX_PROVISIONER_PARAMETERS) {
    errs.push({ type: 'FieldValueTooLong', field: 'parameters', detail: `may not be more than ${MAX_PROVISIONER_PARAMETERS} bytes` });
  }
  for (const k of Object.keys(params)) if (k === '') errs.push(invalidValue('parameters', k, 'field can not be empty.'));
  if (obj.reclaimPolicy && !SC_RECLAIM_POLICIES.includes(obj.reclaimPolicy as string)) {
    errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, SC_RECLAIM_POLICIES));
  }
  if (!obj.volumeBindingMode) errs.push(required('volumeBindingMode'));
  else if (!SC_BINDING_MODES.includes(obj.volumeBindingMode as string)) errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, SC_BINDING_MODES));
  return errs;
}

export const storageClassAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    obj.reclaimPolicy ||= 'Delete';
    obj.volumeBindingMode ||= 'Immediate';
  },
  validate: validateStorageClass,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const errs = validateStorageClass(obj);
    if (!semanticEqual(obj.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (obj.volumeBindingMode !== old.volumeBindingMode) errs.push(invalidValue('volumeBindingMode', obj.volumeBindingMode ?? null, 'field is immutable'));
    return errs;
  },
};
