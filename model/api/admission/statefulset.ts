// StatefulSet (apps/v1): defaults and validation.
// upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_StatefulSet), pkg/apis/apps/validation/validation.go
//           (ValidateStatefulSetSpec, ValidateStatefulSetUpdate), pkg/apis/core/v1/defaults.go (PVC defaults)
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Label } from '../names.js';
import type { KubeObject } from '../types.js';
import { defaultPodTemplateSpec } from './pod.js';
import { validateAnnotations, validateLabelMap } from './labelmaps.js';
import { ACCESS_MODES } from './storage.js';
import type { KindAdmission } from './types.js';
import {
  alwaysRestartRules, asSelector, intOrPercentValue, invalidSelector, nonNegative, notMoreThan100Percent,
  semanticEqual, templateMismatch, validatePositiveIntOrPercent, validateRequiredSelector,
} from './workload-common.js';
import { append } from '../../append.js';

/** The fields an update may change; every other spec field is frozen. (Current text, with revisionHistoryLimit.) */
const MUTABLE_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
  "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
const RETENTION = ['Retain', 'Delete'];

interface SetOptions {
  /** Update of an object whose serviceName was already invalid (ratcheting). */
  allowInvalidServiceName: boolean;
  /** Update that leaves the template as it was. */
  skipPodTemplate: boolean;
  /** Update that leaves volumeClaimTemplates as they were. */
  skipVolumeClaimTemplates: boolean;
}

function validateRollingUpdate(ru: any, path: string): FieldError[] {
  const errs = nonNegative(ru.partition, `${path}.partition`);
  if (ru.maxUnavailable != null) {
    const p = `${path}.maxUnavailable`;
    append(errs, validatePositiveIntOrPercent(ru.maxUnavailable, p));
    if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalidValue(p, ru.maxUnavailable, 'cannot be 0'));
    append(errs, notMoreThan100Percent(ru.maxUnavailable, p));
  }
  return errs;
}

/** The PVC-spec checks the model makes on claim templates (a subset of ValidatePersistentVolumeClaimSpec). */
function validateClaimTemplates(vcts: unknown, path: string): FieldError[] {
  if (!Array.isArray(vcts)) return [];
  return vcts.flatMap((pvc: any, i: number) => {
    const p = `${path}[${i}].spec`;
    const modes: unknown[] = Array.isArray(pvc?.spec?.accessModes) ? pvc.spec.accessModes : [];
    const errs: FieldError[] = modes.length === 0 ? [required(`${p}.accessModes`, 'at least 1 access mode is required')] : [];
    for (const m of modes) if (!ACCESS_MODES.includes(m as string)) errs.push(notSupported(`${p}.accessModes`, m, ACCESS_MODES));
    if (pvc?.spec?.resources?.requests?.storage == null) errs.push(required(`${p}.resources[storage]`));
    return errs;
  });
}

function validateStatefulSetSpec(spec: any, path: string, opts: SetOptions): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(required(`${path}.podManagementPolicy`));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalidValue(`${path}.podManagementPolicy`, policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = spec.updateStrategy ?? {};
  switch (strategy.type ?? '') {
    case '': errs.push(required(`${path}.updateStrategy`)); break;
    case 'OnDelete':
      if (strategy.rollingUpdate != null) {
        errs.push(invalidValue(`${path}.updateStrategy.rollingUpdate`, strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate':
      if (strategy.rollingUpdate != null) append(errs, validateRollingUpdate(strategy.rollingUpdate, `${path}.updateStrategy.rollingUpdate`));
      break;
    default: errs.push(invalidValue(`${path}.updateStrategy`, strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention != null) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (!RETENTION.includes(retention[f])) errs.push(notSupported(`${path}.persistentVolumeClaimRetentionPolicy.${f}`, retention[f] ?? '', RETENTION));
    }
  }
  if (!opts.skipVolumeClaimTemplates) append(errs, validateClaimTemplates(spec.volumeClaimTemplates, `${path}.volumeClaimTemplates`));
  append(errs, nonNegative(spec.replicas, `${path}.replicas`));
  append(errs, nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  if (spec.ordinals != null) append(errs, nonNegative(spec.ordinals.start, `${path}.ordinals.start`));
  // serviceName is optional; when set it becomes part of pod hostnames, so it must be a DNS label.
  if (!opts.allowInvalidServiceName && typeof spec.serviceName === 'string' && spec.serviceName !== '') {
    append(errs, isDNS1123Label(spec.serviceName).map((m) => invalidValue(`${path}.serviceName`, spec.serviceName, m)));
  }
  append(errs, validateRequiredSelector(spec.selector, `${path}.selector`, 'statefulset'));
  const selector = asSelector(spec.selector);
  const tp = `${path}.template`;
  if (selector === undefined) errs.push(invalidSelector(spec.selector, `${path}.selector`, ''));
  else {
    append(errs, templateMismatch(selector, spec.template, tp));
    // upstream ValidatePodTemplateSpecForStatefulSet checks only the template's labels and annotations:
    // the pod spec is not validated (its volumeMounts may name claim templates), so a bad one fails at pod creation.
    if (!opts.skipPodTemplate) {
      append(errs, validateLabelMap(spec.template?.metadata?.labels, `${tp}.labels`));
      append(errs, validateAnnotations(spec.template?.metadata?.annotations, `${tp}.annotations`));
    }
  }
  append(errs, alwaysRestartRules(spec.template, tp, 'StatefulSet'));
  return errs;
}

function withoutMutable(spec: any): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...(spec ?? {}) };
  for (const f of MUTABLE_FIELDS) delete rest[f];
  return rest;
}

const CREATE: SetOptions = { allowInvalidServiceName: false, skipPodTemplate: false, skipVolumeClaimTemplates: false };

export const statefulSetAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
    const strategy = (spec.updateStrategy ??= {});
    if (!strategy.type) {
      strategy.type = 'RollingUpdate';
      strategy.rollingUpdate ??= {};
    }
    // As upstream: an explicit RollingUpdate without rollingUpdate stays without (no partition is set).
    if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate != null) {
      strategy.rollingUpdate.partition ??= 0;
      // MaxUnavailableStatefulSet (beta, on by default in current releases).
      strategy.rollingUpdate.maxUnavailable ??= 1;
    }
    const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
    if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
    if (!retention.whenScaled) retention.whenScaled = 'Retain';
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.template ??= {};
    defaultPodTemplateSpec(spec.template);
    // upstream SetDefaults_PersistentVolumeClaim(+Spec) run on each claim template.
    for (const pvc of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
      if (!pvc || typeof pvc !== 'object') continue;
      pvc.spec ??= {};
      pvc.spec.volumeMode ??= 'Filesystem';
      pvc.status ??= {};
      if (!pvc.status.phase) pvc.status.phase = 'Pending';
    }
  },
  validate(obj: KubeObject): FieldError[] {
    return validateStatefulSetSpec(obj.spec ?? {}, 'spec', CREATE);
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const spec = obj.spec ?? {};
    const prev = old.spec ?? {};
    const oldName = prev.serviceName;
    const errs = validateStatefulSetSpec(spec, 'spec', {
      allowInvalidServiceName: typeof oldName === 'string' && oldName !== '' && isDNS1123Label(oldName).length > 0,
      skipPodTemplate: semanticEqual(spec.template, prev.template),
      skipVolumeClaimTemplates: semanticEqual(spec.volumeClaimTemplates, prev.volumeClaimTemplates),
    });
    if (!semanticEqual(withoutMutable(spec), withoutMutable(prev))) errs.push(forbidden('spec', STATEFULSET_UPDATE_FORBIDDEN));
    return errs;
  },
};
