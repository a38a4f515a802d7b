// ControllerRevision (apps/v1): a snapshot of a StatefulSet's or DaemonSet's template.
// Data is mandatory and frozen; revision is a non-negative number. No defaults.
// upstream: pkg/apis/apps/validation/validation.go (ValidateControllerRevision, ValidateControllerRevisionUpdate)
import { required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { immutable, nonNegative } from './workload-common.js';

function validateRevision(obj: KubeObject): FieldError[] {
  return [
    ...(obj.data === undefined || obj.data === null ? [required('data', 'data is mandatory')] : []),
    ...nonNegative(obj.revision, 'revision'),
  ];
}

export const controllerRevisionAdmission: KindAdmission = {
  defaults(): void {},
  validate: validateRevision,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [...validateRevision(obj), ...immutable(obj.data, old.data, 'data')];
  },
};
