// Checks every workload kind shares: non-negative integers, int-or-percent
// values, the apps/v1 selector rules, the ReplicaSet-style template rules and
// semantic equality for immutable fields.
// upstream: pkg/apis/apps/validation/validation.go (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent,
//           ValidatePodTemplateSpecForReplicaSet), pkg/apis/core/validation/validation.go (ValidateNonnegativeField,
//           ValidateImmutableField), k8s.io/apimachinery/third_party/forked/golang/reflect (Semantic.DeepEqual)
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import type { Labels } from '../types.js';
import { selectorFromLabelSelector, validateLabelSelector, type LabelSelector, type Selector } from '../../labels/index.js';
import { validatePodTemplateSpec } from './pod.js';

/** upstream apimachinery IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** upstream apimachinery FieldImmutableErrorMsg. */
export const IMMUTABLE = 'field is immutable';
export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';
export const MAX_INT32 = 2147483647;

/** upstream ValidateNonnegativeField; absent values are Go zero values and pass. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidValue(path, value, IS_NEGATIVE)] : [];
}

const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%', regex used for validation is '[0-9]+%')";

/** upstream ValidatePositiveIntOrPercent. An absent value is the IntOrString zero value, int 0. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return PERCENT_RE.test(v) ? [] : [invalidValue(path, v, PERCENT_MSG)];
  if (typeof v === 'number') return nonNegative(v, path);
  // The doubled percent sign is upstream's: the text never goes through Sprintf.
  return [invalidValue(path, v, "must be an integer or percentage (e.g '5%%')")];
}

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && PERCENT_RE.test(v) ? Number(v.slice(0, -1)) : undefined;
}

/** upstream getIntOrPercentValue: the percent number, else IntValue() (a non-numeric string is 0). */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number(v);
  return 0;
}

/** upstream IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalidValue(path, v, 'must not be greater than 100%')] : [];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Absent, null, [], or an object holding only such values: what Go's Semantic.DeepEqual sees as nil-or-empty. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.values(v).every(isEmpty);
  return false;
}

/**
 * upstream equality.Semantic.DeepEqual over JSON: nil and empty slices and maps are equal, and an absent
 * field equals null or an empty list or map. Scalars compare strictly, so an absent optional number is
 * not 0 (as a nil pointer is not a pointer to 0).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** upstream ValidateImmutableField: the new value is reported. */
export function immutable(next: unknown, prev: unknown, path: string): FieldError[] {
  return semanticEqual(next, prev) ? [] : [invalidValue(path, next, IMMUTABLE)];
}

/**
 * metav1.LabelSelectorAsSelector: nil matches nothing (and is not empty), {} matches everything (and is
 * empty); undefined when the selector cannot be converted (a bad operator, key or value).
 */
export function asSelector(sel: unknown): Selector | undefined {
  try {
    return selectorFromLabelSelector(sel as LabelSelector | null | undefined);
  } catch {
    return undefined;
  }
}

/** The selector could not be converted (a bad operator or value); StatefulSet passes an empty detail. */
export function invalidSelector(sel: unknown, path: string, detail = 'invalid label selector'): FieldError {
  return invalidValue(path, sel, detail);
}

/** matchLabels plus matchExpressions: 0 is the `{}` selector. */
export const selectorSize = (sel: any): number =>
  Object.keys(isPlainObject(sel?.matchLabels) ? sel.matchLabels : {}).length +
  (Array.isArray(sel?.matchExpressions) ? sel.matchExpressions.length : 0);

/**
 * The apps/v1 required-selector rules (ReplicaSet, Deployment, StatefulSet): present, valid, not `{}`.
 * `kindWord` is the word in "empty selector is invalid for <kindWord>" (ReplicaSet says "deployment").
 */
export function validateRequiredSelector(sel: unknown, path: string, kindWord: string): FieldError[] {
  if (sel === undefined || sel === null) return [required(path)];
  const errs = validateLabelSelector(sel as LabelSelector, path);
  if (selectorSize(sel) === 0) errs.push(invalidValue(path, sel, `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** The template-labels check: a non-empty selector must match the template's labels. */
export function templateMismatch(selector: Selector, template: any, path: string): FieldError[] {
  const labels = template?.metadata?.labels as Labels | undefined;
  if (selector.empty() || selector.matches(labels)) return [];
  return [invalidValue(`${path}.metadata.labels`, labels ?? null, SELECTOR_MISMATCH)];
}

/** restartPolicy must be Always and activeDeadlineSeconds unset, for every long-running controller's pods. */
export function alwaysRestartRules(template: any, path: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined && template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/**
 * upstream ValidatePodTemplateSpecForReplicaSet (also used by Deployment, hence its "ReplicaSet" wording)
 * and ValidatePodTemplateSpecForRC: label match, the pod template, then the Always-restart rules.
 */
export function validateReplicaTemplate(template: any, selector: Selector, path: string, kind: string): FieldError[] {
  if (template === undefined || template === null) return [required(path)];
  return [
    ...templateMismatch(selector, template, path),
    ...validatePodTemplateSpec(template, path),
    ...alwaysRestartRules(template, path, kind),
  ];
}
