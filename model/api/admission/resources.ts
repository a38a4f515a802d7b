// Resource quantities and container resource requirements.
// upstream: k8s.io/apimachinery/pkg/api/resource/quantity.go (syntax),
//           pkg/apis/core/validation/validation.go ValidateContainerResourceRequirements.
// Quantities are parsed by model/api/quantity.ts; this file adds the per-resource rules.
import { invalidValue, required, type FieldError } from '../errors.js';
import { isQualifiedName } from '../names.js';
import { ERR_FORMAT_WRONG, parseQuantity } from '../quantity.js';
import { append } from '../../append.js';

/** upstream resource.ErrFormatWrong text, shown when a quantity does not parse. */
export const QUANTITY_FORMAT_MSG = ERR_FORMAT_WRONG;

/** The value in base units (cores, bytes), or undefined when `q` is not a quantity. */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  try {
    return parseQuantity(q);
  } catch {
    return undefined;
  }
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
/** upstream helper.IsNativeResource: no domain, or the kubernetes.io domain. */
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** upstream helper.IsOvercommitAllowed: native and not hugepages; requests may then be below limits. */
const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePages(name);
/** Extended resources are counted in whole units. */
const isIntegerResource = (name: string) => !isNative(name);

function validateResourceName(name: string, path: string): FieldError[] {
  if (STANDARD_CONTAINER_RESOURCES.has(name) || isHugePages(name)) return [];
  const errs = isQualifiedName(name).map((m) => invalidValue(path, name, m));
  if (errs.length > 0) return errs;
  // Extended resources need a domain prefix outside kubernetes.io.
  if (!name.includes('/') || name.startsWith('kubernetes.io/')) {
    return [invalidValue(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

/** Quantity syntax and sign for one entry of a resource list. */
export function validateQuantity(name: string, q: unknown, path: string): FieldError[] {
  const v = quantityValue(q);
  if (v === undefined) return [invalidValue(path, q, QUANTITY_FORMAT_MSG)];
  if (v < 0) return [invalidValue(path, String(q), 'must be greater than or equal to 0')];
  if (isIntegerResource(name) && !Number.isInteger(v)) return [invalidValue(path, String(q), 'must be an integer')];
  return [];
}

/** A resource list (`requests`, `limits`, `capacity`): names and quantities; keyed paths as upstream prints them. */
export function validateResourceList(list: unknown, path: string): FieldError[] {
  if (list === undefined || list === null) return [];
  if (typeof list !== 'object' || Array.isArray(list)) return [invalidValue(path, list, 'must be a map of resource name to quantity')];
  const errs: FieldError[] = [];
  for (const [name, q] of Object.entries(list)) {
    append(errs, validateResourceName(name, `${path}[${name}]`), validateQuantity(name, q, `${path}[${name}]`));
  }
  return errs;
}

/** upstream ValidateContainerResourceRequirements: names, quantities, requests ≤ limits (= for extended resources and hugepages). */
export function validateResourceRequirements(res: any, path: string): FieldError[] {
  if (!res) return [];
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  const errs = [...validateResourceList(res.limits, `${path}.limits`), ...validateResourceList(res.requests, `${path}.requests`)];
  if (errs.length > 0) return errs;
  for (const [name, q] of Object.entries<unknown>(requests)) {
    if (!Object.hasOwn(limits, name)) {
      if (!isOvercommitAllowed(name)) errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
      continue;
    }
    const req = quantityValue(q)!;
    const lim = quantityValue(limits[name])!;
    if (req !== lim && !isOvercommitAllowed(name)) {
      errs.push(invalidValue(`${path}.requests`, String(q), `must be equal to ${name} limit of ${String(limits[name])}`));
    } else if (req > lim) {
      errs.push(invalidValue(`${path}.requests`, String(q), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
    }
  }
  return errs;
}

/**
 * upstream pkg/apis/core/helper/qos GetPodQOS: Guaranteed when every container sets cpu and memory limits
 * with requests equal to them, BestEffort when nothing is set, Burstable otherwise.
 */
export function podQOSClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: any[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const rq = quantityValue(req[r]);
      const lm = quantityValue(lim[r]);
      if ((rq !== undefined && rq !== 0) || (lm !== undefined && lm !== 0)) any = true;
      if (lm === undefined || (rq !== undefined && rq !== lm)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
