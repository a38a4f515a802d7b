// ReplicationController (core/v1): the RC-only API rules. The selector is a plain map,
// defaulted from the template labels, and (unlike apps/v1) mutable.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController),
//           pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC)
import { required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import { selectorFromSet } from '../../labels/index.js';
import { defaultPodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import { nonNegative, validateReplicaTemplate } from './workload-common.js';

const isEmptyMap = (m: unknown): boolean => m === undefined || m === null || Object.keys(m as object).length === 0;

function validateRCSpec(spec: any, path: string): FieldError[] {
  const selector = selectorFromSet(spec.selector ?? undefined);
  return [
    ...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`),
    ...(isEmptyMap(spec.selector) ? [required(`${path}.selector`)] : []),
    ...nonNegative(spec.replicas, `${path}.replicas`),
    ...validateReplicaTemplate(spec.template, selector, `${path}.template`, 'ReplicationController'),
  ];
}

export const replicationControllerAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    // The template is a pointer here: an absent one stays absent and fails validation as Required.
    const labels = spec.template?.metadata?.labels;
    if (labels !== undefined && labels !== null) {
      if (isEmptyMap(spec.selector)) spec.selector = { ...labels };
      if (isEmptyMap(obj.metadata.labels)) obj.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    if (spec.template) defaultPodTemplateSpec(spec.template);
  },
  validate(obj: KubeObject): FieldError[] {
    return validateRCSpec(obj.spec ?? {}, 'spec');
  },
  // The RC selector is mutable: an update is validated like a create.
  validateUpdate(obj: KubeObject): FieldError[] {
    return validateRCSpec(obj.spec ?? {}, 'spec');
  },
};
