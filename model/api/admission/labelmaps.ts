// Label maps, annotation maps and structured label selectors, as admission sees them: untyped
// JSON from a manifest. The shape is checked here (a number where a string belongs, a list where
// a map belongs); the rules themselves are model/labels', which mirror upstream.
// upstream: k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels, ValidateLabelSelector),
//           k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateAnnotations).
import { invalidValue, tooLong, type FieldError } from '../errors.js';
import { isQualifiedName } from '../names.js';
import { validateLabelName, validateLabels, validateLabelSelector as validateSelector } from '../../labels/index.js';
import { append } from '../../append.js';

export { validateLabelName };

/** upstream TotalAnnotationSizeLimitB: all annotation keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

const isPlainMap = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m);

/** Errors for entries whose value is not a string, and the map restricted to the string ones. */
function splitStrings(m: Record<string, unknown>, path: string): { errs: FieldError[]; strings: Record<string, string> } {
  const errs: FieldError[] = [];
  const strings: Record<string, string> = Object.create(null);
  for (const k of Object.keys(m).sort()) {
    const v = m[k];
    if (typeof v === 'string') Object.defineProperty(strings, k, { value: v, enumerable: true });
    else errs.push(invalidValue(path, v, 'must be a string'));
  }
  return { errs, strings };
}

/** upstream ValidateLabels: every key a qualified name, every value a label value; errors at the map's path. */
export function validateLabelMap(labels: unknown, path: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isPlainMap(labels)) return [invalidValue(path, labels, 'must be a map of string keys to string values')];
  const { errs, strings } = splitStrings(labels, path);
  return [...errs, ...validateLabels(strings, path)];
}

/** upstream ValidateAnnotations: keys are qualified names (case-insensitive), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isPlainMap(annotations)) return [invalidValue(path, annotations, 'must be a map of string keys to string values')];
  const { errs, strings } = splitStrings(annotations, path);
  let size = 0;
  for (const k of Object.keys(strings)) {
    append(errs, isQualifiedName(k.toLowerCase()).map((m) => invalidValue(path, k, m)));
    size += Buffer.byteLength(k) + Buffer.byteLength(strings[k]!);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** upstream ValidateLabelSelector (metav1.LabelSelector), after a shape check of the JSON. */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (sel === undefined || sel === null) return [];
  if (!isPlainMap(sel)) return [invalidValue(path, sel, 'must be a label selector')];
  const exprs = sel.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) return [invalidValue(`${path}.matchExpressions`, exprs, 'must be a list')];
    for (const [i, e] of exprs.entries()) {
      const p = `${path}.matchExpressions[${i}]`;
      if (!isPlainMap(e)) return [invalidValue(p, e, 'must be a label selector requirement')];
      if (typeof e.key !== 'string') return [invalidValue(`${p}.key`, e.key ?? null, 'must be a string')];
      if (e.values !== undefined && e.values !== null && !(Array.isArray(e.values) && e.values.every((v) => typeof v === 'string'))) {
        return [invalidValue(`${p}.values`, e.values, 'must be a list of strings')];
      }
    }
  }
  const labels = sel.matchLabels;
  if (labels !== undefined && labels !== null && !(isPlainMap(labels) && Object.values(labels).every((v) => typeof v === 'string'))) {
    return [invalidValue(`${path}.matchLabels`, labels, 'must be a map of string keys to string values')];
  }
  return validateSelector(sel as Parameters<typeof validateSelector>[0], path);
}
