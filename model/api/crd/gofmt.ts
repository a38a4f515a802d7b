// How Go prints the values that appear inside apiextensions error messages: `%v` of a float64,
// `%#v` of decoded JSON (map[string]interface {}...) and of the internal CRD version structs.
// upstream: Go fmt + strconv.FormatFloat('g', -1); k8s.io/apimachinery/pkg/util/validation/field/errors.go (ErrorBody)
import { OMIT, type FieldError, type FieldErrorType } from '../errors.js';
import type { VersionSpec } from './types.js';

/** Go's `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e6 up (`1e+06`). */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, e] = v.toExponential().split('e');
  const exp = Number(e);
  // upstream strconv: %e when exp < -4 || exp >= 6 for the shortest representation
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

/** `%v` of a bound as kube-openapi prints it: an int64 when the checked value is an integer. */
export const goBound = (bound: number, intData: boolean): string => (intData ? String(Math.trunc(bound)) : goFloat(bound));

/** Go's `%#v` of a value decoded from JSON into interface{}. */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `map[string]interface {}{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${goSharpV(o[k])}`).join(', ')}}`;
}

/** `%#v` of a []string: `[]string(nil)` for an absent list. */
export const goStrings = (v: string[] | undefined): string =>
  v === undefined ? '[]string(nil)' : `[]string{${v.map((s) => JSON.stringify(s)).join(', ')}}`;

/**
 * A field error whose bad value is already rendered in Go's words (field.Error prints `%#v` of
 * values the model's formatValue cannot reproduce). The value travels in the detail.
 */
export function rendered(type: FieldErrorType, field: string, value: string, detail: string): FieldError {
  return { type, field, value: OMIT, detail: detail ? `${value}: ${detail}` : value };
}

// A non-nil pointer prints as its address; the model has none and uses this fixed one.
const ADDR = '0xc000100000';
const ptr = (type: string, set: boolean): string => `(*${type})(${set ? ADDR : 'nil'})`;

/** The internal version structs after v1 conversion (per-version fields hoisted when identical), as `%#v`. */
export function goVersions(versions: VersionSpec[] | undefined, hoisted: { schema: boolean; subresources: boolean; columns: boolean }): string {
  if (versions === undefined) return '[]apiextensions.CustomResourceDefinitionVersion(nil)';
  const col = (c: any) => `apiextensions.CustomResourceColumnDefinition{Name:${JSON.stringify(c?.name ?? '')}, Type:${JSON.stringify(c?.type ?? '')}, ` +
    `Format:${JSON.stringify(c?.format ?? '')}, Description:${JSON.stringify(c?.description ?? '')}, Priority:${c?.priority ?? 0}, JSONPath:${JSON.stringify(c?.jsonPath ?? '')}}`;
  const list = (type: string, items: unknown[] | undefined, f: (x: any) => string) =>
    !items || items.length === 0 ? `[]apiextensions.${type}(nil)` : `[]apiextensions.${type}{${items.map(f).join(', ')}}`;
  const one = (v: VersionSpec) => 'apiextensions.CustomResourceDefinitionVersion{' + [
    `Name:${JSON.stringify(v?.name ?? '')}`, `Served:${v?.served === true}`, `Storage:${v?.storage === true}`, `Deprecated:${v?.deprecated === true}`,
    `DeprecationWarning:${ptr('string', v?.deprecationWarning !== undefined)}`,
    `Schema:${ptr('apiextensions.CustomResourceValidation', !hoisted.schema && v?.schema !== undefined)}`,
    `Subresources:${ptr('apiextensions.CustomResourceSubresources', !hoisted.subresources && v?.subresources !== undefined)}`,
    `AdditionalPrinterColumns:${list('CustomResourceColumnDefinition', hoisted.columns ? undefined : v?.additionalPrinterColumns, col)}`,
    `SelectableFields:${list('SelectableField', v?.selectableFields, (s) => `apiextensions.SelectableField{JSONPath:${JSON.stringify(s?.jsonPath ?? '')}}`)}`,
  ].join(', ') + '}';
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map(one).join(', ')}}`;
}
