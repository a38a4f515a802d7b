// The Node kind: taints, resource quantities, and what an update may not change.
// upstream: pkg/apis/core/validation/validation.go (ValidateNode, validateNodeTaints, ValidateNodeUpdate),
//           pkg/apis/core/v1/defaults.go (SetDefaults_NodeStatus: allocatable defaults to capacity).
import { forbidden, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { validateQuantity } from './resources.js';
import { validateTaints } from './scheduling.js';
import { append } from '../../append.js';

/**
 * Upstream validates node taints under `metadata.taints` (ValidateNode passes the metadata path),
 * so that is what a real API server prints, e.g. `metadata.taints[0].effect: Required value`.
 */
const TAINTS_PATH = 'metadata.taints';

/** upstream ValidateNodeResources: capacity and allocatable quantities, paths `status.capacity.cpu`. */
function validateNodeResources(status: any): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable']) {
    const m = status?.[list];
    if (!m || typeof m !== 'object') continue;
    for (const [name, q] of Object.entries(m)) append(errs, validateQuantity(name, q, `status.${list}.${name}`));
  }
  return errs;
}

function validateNode(obj: KubeObject): FieldError[] {
  return [...validateTaints(obj.spec?.taints, TAINTS_PATH), ...validateNodeResources(obj.status)];
}

export const nodeAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    obj.spec ??= {};
    if (obj.status && typeof obj.status === 'object' && obj.status.capacity && !obj.status.allocatable) {
      obj.status.allocatable = { ...obj.status.capacity };
    }
  },
  validate: validateNode,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const errs = validateNode(obj);
    const oldCIDRs: string[] = Array.isArray(old.spec?.podCIDRs) ? old.spec.podCIDRs : [];
    const newCIDRs: string[] = Array.isArray(obj.spec?.podCIDRs) ? obj.spec.podCIDRs : [];
    if (oldCIDRs.length > 0) {
      const msg = 'node updates may not change podCIDR except from "" to valid';
      if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden('spec.podCIDRs', msg));
      else oldCIDRs.forEach((c, i) => { if (c !== newCIDRs[i]) errs.push(forbidden('spec.podCIDRs', msg)); });
    }
    if (old.spec?.providerID && old.spec.providerID !== obj.spec?.providerID) {
      errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
};
