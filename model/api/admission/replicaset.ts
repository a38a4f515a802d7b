// ReplicaSet (apps/v1): defaults and validation.
// upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_ReplicaSet), pkg/apis/apps/validation/validation.go
//           (ValidateReplicaSetSpec), pkg/registry/apps/replicaset/strategy.go (selector immutable in apps/v1)
import type { FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import { defaultPodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import { asSelector, immutable, invalidSelector, nonNegative, validateReplicaTemplate, validateRequiredSelector } from './workload-common.js';
import { append } from '../../append.js';

function validateReplicaSetSpec(spec: any, path: string): FieldError[] {
  const errs = [
    ...nonNegative(spec.replicas, `${path}.replicas`),
    ...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`),
    // ⚠ upstream reuses the Deployment wording here.
    ...validateRequiredSelector(spec.selector, `${path}.selector`, 'deployment'),
  ];
  const selector = asSelector(spec.selector);
  if (selector === undefined) errs.push(invalidSelector(spec.selector, `${path}.selector`));
  else append(errs, validateReplicaTemplate(spec.template, selector, `${path}.template`, 'ReplicaSet'));
  return errs;
}

export const replicaSetAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    // apps/v1 templates are values, not pointers: an absent template is an empty one, defaulted like any other.
    spec.template ??= {};
    defaultPodTemplateSpec(spec.template);
  },
  validate(obj: KubeObject): FieldError[] {
    return validateReplicaSetSpec(obj.spec ?? {}, 'spec');
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [
      ...validateReplicaSetSpec(obj.spec ?? {}, 'spec'),
      ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
};
