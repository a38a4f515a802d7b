// metav1.LabelSelector: conversion to a Selector and API validation.
// upstream: k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector),
//           k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector, ValidateLabels)
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { forbidden, invalidValue, required, type FieldError } from '../api/errors.js';
import { isQualifiedName, isValidLabelValue } from '../api/names.js';
import type { Labels } from '../api/types.js';
import { SelectorError, childPath, indexPath } from './errors.js';
import { newRequirement, type Operator, type Requirement } from './requirement.js';
import { everything, nothing, selectorFromRequirements, type Selector } from './selector.js';
import { append } from '../append.js';

export type { LabelSelector, LabelSelectorRequirement };

// The four operators a LabelSelector may use, and their selection.Operator.
const LABEL_SELECTOR_OPS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ['In', 'in'], ['NotIn', 'notin'], ['Exists', 'exists'], ['DoesNotExist', '!'],
]);

/** Own keys, sorted: Go ranges over maps in random order, the model fixes one so errors are reproducible. */
const sortedKeys = (m: Labels | null | undefined): string[] => (m ? Object.keys(m).sort() : []);

/**
 * A nil selector selects nothing; an empty `{}` selects everything. That
 * difference is why workload validation rejects `{}` and PDBs treat the two apart.
 * Throws SelectorError with upstream's text on a bad key, value or operator.
 */
export function selectorFromLabelSelector(ps: LabelSelector | null | undefined): Selector {
  if (ps == null) return nothing();
  const keys = sortedKeys(ps.matchLabels);
  const exprs = ps.matchExpressions ?? [];
  if (keys.length + exprs.length === 0) return everything();
  const reqs: Requirement[] = keys.map((k) => newRequirement(k, '=', [ps.matchLabels![k]!]));
  for (const expr of exprs) {
    const op = LABEL_SELECTOR_OPS.get(expr.operator);
    if (op === undefined) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid pod selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values ?? []));
  }
  return selectorFromRequirements(reqs);
}

/** upstream FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when it does not convert. */
export function formatLabelSelector(ps: LabelSelector | null | undefined): string {
  try {
    return selectorFromLabelSelector(ps).toString() || '<none>';
  } catch (e) {
    if (e instanceof SelectorError) return '<error>';
    throw e;
  }
}

export interface LabelSelectorValidationOptions {
  /** Only for updates of objects that already hold invalid values (backwards compatibility). */
  allowInvalidLabelValueInSelector?: boolean;
}

/** Field errors for a LabelSelector at `fieldPath` (`spec.selector`). A nil selector is valid. */
export function validateLabelSelector(
  ps: LabelSelector | null | undefined,
  fieldPath: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (ps == null) return [];
  const errs = validateLabels(ps.matchLabels, childPath(fieldPath, 'matchLabels'));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    append(errs, validateLabelSelectorRequirement(expr, indexPath(childPath(fieldPath, 'matchExpressions'), i), opts));
  });
  return errs;
}

export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  fieldPath: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  const valuesPath = childPath(fieldPath, 'values');
  switch (sr.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalidValue(childPath(fieldPath, 'operator'), sr.operator, 'not a valid selector operator'));
  }
  append(errs, validateLabelName(sr.key, childPath(fieldPath, 'key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalidValue(indexPath(valuesPath, i), v, msg));
    });
  }
  return errs;
}

/** One error per message, as upstream ValidateLabelName. */
export function validateLabelName(name: string | null | undefined, fieldPath: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalidValue(fieldPath, name ?? '', msg));
}

/**
 * Field errors for a label map (`metadata.labels`, `spec.template.metadata.labels`).
 * Upstream reports every error at the map's path, not per key. Only own keys
 * are read, so a `__proto__` entry is just an invalid key.
 */
export function validateLabels(labels: Labels | null | undefined, fieldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    append(errs, validateLabelName(k, fieldPath));
    for (const msg of isValidLabelValue(labels![k]!)) errs.push(invalidValue(fieldPath, labels![k], msg));
  }
  return errs;
}
