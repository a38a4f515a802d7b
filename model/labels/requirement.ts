// One selector requirement: key, operator, values, with upstream's validation
// and printing. Selectors, node affinity and LabelSelector conversion all build
// on newRequirement, so the Gt/Lt rules live here once.
// upstream: k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement, Requirement.String)
import { invalidValue, notSupported, type FieldError } from '../api/errors.js';
import { isQualifiedName, isValidLabelValue } from '../api/names.js';
import { SelectorError, aggregateText, childPath, indexPath, keyPath, pathText, type FieldPath } from './errors.js';

/** upstream: k8s.io/apimachinery/pkg/selection/operator.go (the strings are the wire form). */
export const selection = {
  DoesNotExist: '!',
  Equals: '=',
  DoubleEquals: '==',
  In: 'in',
  NotEquals: '!=',
  NotIn: 'notin',
  Exists: 'exists',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const;

export type Operator = (typeof selection)[keyof typeof selection];

/** A validated requirement. Frozen: compiled selectors precompute from it. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

// Upstream lists binary operators first; parse errors and NotSupported print this order.
export const binaryOperators: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validOperators: readonly Operator[] = [...binaryOperators, 'exists', '!'];

export function isOperator(op: unknown): op is Operator {
  return typeof op === 'string' && (validOperators as readonly string[]).includes(op);
}

/** The key check every requirement makes, as one field error (messages joined with "; "). */
export function labelKeyError(key: string, path: FieldPath): FieldError | undefined {
  const msgs = isQualifiedName(key);
  return msgs.length ? invalidValue(pathText(path), key, msgs.join('; ')) : undefined;
}

/**
 * Every reason the requirement is invalid, in upstream's order: key, operator
 * arity, integer values for Gt/Lt, then each value as a label value.
 */
export function requirementErrors(
  key: string, op: string, values: readonly string[], path: FieldPath = null,
  opts: { keyChecked?: boolean } = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const keyErr = opts.keyChecked ? undefined : labelKeyError(key, childPath(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const valuesPath = childPath(path, 'values');
  // Error values are copied, so a caller reusing its array cannot change a reported error.
  const shown = (): string[] => [...values];
  switch (op) {
    case 'in': case 'notin':
      if (values.length === 0) errs.push(invalidValue(valuesPath, shown(), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (values.length !== 1) errs.push(invalidValue(valuesPath, shown(), 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (values.length !== 0) errs.push(invalidValue(valuesPath, shown(), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (values.length !== 1) errs.push(invalidValue(valuesPath, shown(), "for 'Gt', 'Lt' operators, exactly one value is required"));
      for (let i = 0; i < values.length; i++) {
        if (parseInt64(values[i]!) === undefined) errs.push(invalidValue(indexPath(valuesPath, i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
      break;
    default:
      errs.push(notSupported(childPath(path, 'operator'), op, [...validOperators]));
  }
  for (let i = 0; i < values.length; i++) {
    const msgs = isValidLabelValue(values[i]!);
    if (msgs.length) errs.push(invalidValue(keyPath(indexPath(valuesPath, i), key), values[i], msgs.join('; ')));
  }
  return errs;
}

/**
 * Build a validated requirement or throw a SelectorError whose message is the
 * aggregate of field errors (`values: Invalid value: []string{}: for 'in', ...`).
 * Values keep their given order; toString sorts a copy, as upstream does.
 */
export function newRequirement(key: string, operator: string, values: readonly string[] = [], path: FieldPath = null): Requirement {
  const errs = requirementErrors(key, operator, values, path);
  if (errs.length) throw new SelectorError(aggregateText(errs), errs);
  return unvalidatedRequirement(key, operator as Operator, values);
}

/**
 * For callers that validated already (SelectorFromValidatedSet, the parser).
 * Freezes a private copy of the values; `ownedValues` skips the copy when the
 * caller built the array itself and lets go of it.
 */
export function unvalidatedRequirement(key: string, operator: Operator, values: readonly string[], ownedValues = false): Requirement {
  return Object.freeze({ key, operator, values: Object.freeze(ownedValues ? values : [...values]) });
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Requirement.String(): `!k`, `k`, `k=v`, `k!=v`, `k in (a,b)`, `k>3`; multiple values print sorted. */
export function requirementToString(r: Requirement): string {
  let out = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case '=': case '==': case '!=': out += r.operator; break;
    case 'in': out += ' in ('; break;
    case 'notin': out += ' notin ('; break;
    case 'gt': out += '>'; break;
    case 'lt': out += '<'; break;
    case 'exists': case '!': return out;
  }
  out += r.values.length === 1 ? r.values[0] : [...r.values].sort(compareStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${out})` : out;
}

/**
 * Upstream keeps requirements sorted by key; JS sort is stable, so equal keys
 * keep their order. Already-sorted input (the parser's) is checked, not re-sorted.
 */
export function sortByKey(reqs: Requirement[]): Requirement[] {
  for (let i = 1; i < reqs.length; i++) {
    if (reqs[i - 1]!.key > reqs[i]!.key) return reqs.sort((a, b) => compareStrings(a.key, b.key));
  }
  return reqs;
}

const INT_RE = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64.
 * Short inputs come back as exact numbers; long ones as bigint, so values near
 * 2^63 compare exactly instead of rounding through float64.
 */
export function parseInt64(s: string): number | bigint | undefined {
  if (!INT_RE.test(s)) return undefined;
  if (s.length <= 15) return Number(s);
  const b = BigInt(s);
  return b < INT64_MIN || b > INT64_MAX ? undefined : b;
}

/** Sign of a - b for two parsed int64 values. */
export function compareInt64(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
