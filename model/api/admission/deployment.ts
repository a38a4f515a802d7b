// Deployment (apps/v1): defaults and validation.
// upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment), pkg/apis/apps/validation/validation.go
//           (ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment),
//           pkg/registry/apps/deployment/strategy.go (selector immutable in apps/v1)
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import { defaultPodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import {
  asSelector, immutable, intOrPercentValue, invalidSelector, nonNegative, notMoreThan100Percent,
  validatePositiveIntOrPercent, validateReplicaTemplate, validateRequiredSelector,
} from './workload-common.js';
import { append } from '../../append.js';

/** The defaults a Deployment gets; upstream's values (25% / 25%, 10 revisions, 600 s). */
export const DEPLOYMENT_DEFAULTS = {
  maxSurge: '25%',
  maxUnavailable: '25%',
  revisionHistoryLimit: 10,
  progressDeadlineSeconds: 600,
} as const;

function validateRollingUpdate(ru: any, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalidValue(`${path}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  // Only maxUnavailable is capped: a surge above 100% is allowed.
  append(errs, notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}

function validateStrategy(strategy: any, path: string): FieldError[] {
  switch (strategy?.type) {
    case 'Recreate':
      return strategy.rollingUpdate == null ? [] : [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      return strategy.rollingUpdate == null
        ? [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')]
        : validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`);
    default:
      return [notSupported(path, strategy ?? {}, ['Recreate', 'RollingUpdate'])];
  }
}

function validateDeploymentSpec(spec: any, path: string): FieldError[] {
  const errs = [
    ...nonNegative(spec.replicas, `${path}.replicas`),
    ...validateRequiredSelector(spec.selector, `${path}.selector`, 'deployment'),
  ];
  const selector = asSelector(spec.selector);
  if (selector === undefined) errs.push(invalidSelector(spec.selector, `${path}.selector`));
  // Deployment shares the ReplicaSet template check, wording included.
  else append(errs, validateReplicaTemplate(spec.template, selector, `${path}.template`, 'ReplicaSet'));
  append(errs, validateStrategy(spec.strategy, `${path}.strategy`));
  append(errs, nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  if (spec.revisionHistoryLimit != null) append(errs, nonNegative(spec.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  if (spec.progressDeadlineSeconds != null) {
    append(errs, nonNegative(spec.progressDeadlineSeconds, `${path}.progressDeadlineSeconds`));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalidValue(`${path}.progressDeadlineSeconds`, spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const deploymentAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    const strategy = (spec.strategy ??= {});
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      ru.maxUnavailable ??= DEPLOYMENT_DEFAULTS.maxUnavailable;
      ru.maxSurge ??= DEPLOYMENT_DEFAULTS.maxSurge;
    }
    spec.revisionHistoryLimit ??= DEPLOYMENT_DEFAULTS.revisionHistoryLimit;
    spec.progressDeadlineSeconds ??= DEPLOYMENT_DEFAULTS.progressDeadlineSeconds;
    spec.template ??= {};
    defaultPodTemplateSpec(spec.template);
  },
  validate(obj: KubeObject): FieldError[] {
    return validateDeploymentSpec(obj.spec ?? {}, 'spec');
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [
      ...validateDeploymentSpec(obj.spec ?? {}, 'spec'),
      ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
};
