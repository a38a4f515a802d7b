// With a scale subresource, the replica counts at the CRD's paths must be int32-range integers
// and the label selector a string. Paths are the CRD's own (`.spec.replicas`), as upstream prints them.
// upstream: pkg/registry/customresource/validator.go (ValidateScaleSpec, ValidateScaleStatus),
//           k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/helpers.go (NestedFieldNoCopy, NestedInt64, NestedString)
import { invalidValue, type FieldError } from '../errors.js';
import { goFloat } from './gofmt.js';
import { isObject } from './types.js';

export interface ScaleSpec {
  specReplicasPath?: string;
  statusReplicasPath?: string;
  labelSelectorPath?: string;
}

const MAX_INT32 = 2147483647;

/** Go's %T of a decoded JSON value. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** Go's %v of a decoded JSON value. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  return String(v);
}

/** upstream NestedFieldNoCopy + a type check: the value, whether found, or the accessor error. */
function nested(obj: unknown, path: string, want: 'int64' | 'string'): { value: unknown; error?: string } {
  const fields = path.replace(/^\./, '').split('.');
  let val: unknown = obj;
  for (let i = 0; i < fields.length; i++) {
    if (val === null || val === undefined) return { value: undefined };
    if (!isObject(val)) return { value: undefined, error: `.${fields.slice(0, i + 1).join('.')} accessor error: ${goV(val)} is of the type ${goType(val)}, expected map[string]interface{}` };
    if (!Object.hasOwn(val, fields[i]!)) return { value: undefined };
    val = val[fields[i]!];
  }
  if (goType(val) !== want) return { value: undefined, error: `.${fields.join('.')} accessor error: ${goV(val)} is of the type ${goType(val)}, expected ${want}` };
  return { value: val };
}

function replicas(obj: unknown, path: string | undefined): FieldError[] {
  if (typeof path !== 'string') return [];
  const { value, error } = nested(obj, path, 'int64');
  const n = typeof value === 'number' ? value : 0;
  if (error) return [invalidValue(path, n, error)];
  if (n < 0) return [invalidValue(path, n, 'should be a non-negative integer')];
  if (n > MAX_INT32) return [invalidValue(path, n, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

export function validateScaleSpec(obj: unknown, scale: ScaleSpec | undefined): FieldError[] {
  return scale ? replicas(obj, scale.specReplicasPath) : [];
}

export function validateScaleStatus(obj: unknown, scale: ScaleSpec | undefined): FieldError[] {
  if (!scale) return [];
  const errs = replicas(obj, scale.statusReplicasPath);
  if (typeof scale.labelSelectorPath === 'string') {
    const { error } = nested(obj, scale.labelSelectorPath, 'string');
    if (error) errs.push(invalidValue(scale.labelSelectorPath, '', error));
  }
  return errs;
}
