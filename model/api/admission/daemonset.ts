// DaemonSet (apps/v1): defaults and validation.
// upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet), pkg/apis/apps/validation/validation.go
//           (ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet),
//           pkg/registry/apps/daemonset/strategy.go (selector immutable in apps/v1)
import { invalidValue, notSupported, required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import { validateLabelSelector } from '../../labels/index.js';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import {
  alwaysRestartRules, asSelector, immutable, intOrPercentValue, nonNegative, notMoreThan100Percent,
  SELECTOR_MISMATCH, selectorSize, validatePositiveIntOrPercent,
} from './workload-common.js';
import { append } from '../../append.js';

/** Exactly one of maxSurge and maxUnavailable is non-zero; both are capped at 100%. */
function validateRollingUpdate(ru: any, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalidValue(`${path}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

function validateUpdateStrategy(strategy: any, path: string): FieldError[] {
  switch (strategy?.type) {
    case 'OnDelete': return [];
    case 'RollingUpdate':
      return strategy.rollingUpdate == null
        ? [required(`${path}.rollingUpdate`)]
        : validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`);
    default: return [notSupported(path, strategy ?? {}, ['RollingUpdate', 'OnDelete'])];
  }
}

/**
 * Unlike the other apps/v1 kinds a nil selector is not reported as Required: it converts to
 * "matches nothing", so only the template-labels mismatch is reported.
 */
function validateDaemonSetSpec(spec: any, path: string): FieldError[] {
  const errs = validateLabelSelector(spec.selector, `${path}.selector`);
  const selector = asSelector(spec.selector);
  const tp = `${path}.template`;
  const labels = spec.template?.metadata?.labels;
  if (selector !== undefined && !selector.matches(labels)) {
    errs.push(invalidValue(`${tp}.metadata.labels`, labels ?? null, SELECTOR_MISMATCH));
  }
  if (spec.selector != null && selectorSize(spec.selector) === 0) {
    errs.push(invalidValue(`${path}.selector`, spec.selector, 'empty selector is invalid for daemonset'));
  }
  append(errs, validatePodTemplateSpec(spec.template, tp));
  append(errs, alwaysRestartRules(spec.template, tp, 'DaemonSet'));
  append(errs, nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`));
  append(errs, validateUpdateStrategy(spec.updateStrategy, `${path}.updateStrategy`));
  if (spec.revisionHistoryLimit != null) append(errs, nonNegative(spec.revisionHistoryLimit, `${path}.revisionHistoryLimit`));
  return errs;
}

export const daemonSetAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    const strategy = (spec.updateStrategy ??= {});
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    spec.template ??= {};
    defaultPodTemplateSpec(spec.template);
  },
  validate(obj: KubeObject): FieldError[] {
    return validateDaemonSetSpec(obj.spec ?? {}, 'spec');
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [
      ...validateDaemonSetSpec(obj.spec ?? {}, 'spec'),
      ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
};
