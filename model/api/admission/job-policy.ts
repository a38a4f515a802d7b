// Job podFailurePolicy, podReplacementPolicy and successPolicy validation, and the
// completed/failed index-list format ("0,2-5") that successPolicy and status use.
// upstream: pkg/apis/batch/validation/validation.go (validatePodFailurePolicy*, validatePodReplacementPolicy,
//           validateSuccessPolicy*, validateIndexesFormat, parseIndexInterval)
import { duplicate, invalidValue, notSupported, OMIT, required, tooLong, type FieldError } from '../errors.js';
import { isQualifiedName } from '../names.js';
import { nonNegative } from './workload-common.js';
import { append } from '../../append.js';

const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

// Sorted, as upstream's sets.List prints them.
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's %q of a []string: `["a" "b"]`. */
const quotedList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** upstream field.TooMany. */
export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany', field, value: actual, detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}`,
});

function validateOnExitCodes(req: any, path: string, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator ?? '';
  if (op === '') errs.push(required(`${path}.operator`, `valid values: ${quotedList(EXIT_CODE_OPERATORS)}`));
  else if (!EXIT_CODE_OPERATORS.includes(op)) errs.push(notSupported(`${path}.operator`, op, EXIT_CODE_OPERATORS));
  if (req.containerName != null && !containerNames.has(req.containerName)) {
    errs.push(invalidValue(`${path}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values: number[] = Array.isArray(req.values) ? req.values : [];
  const vp = `${path}.values`;
  if (values.length === 0) errs.push(invalidValue(vp, values, 'at least one value is required'));
  else if (values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(vp, values.length, MAX_ON_EXIT_CODES_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(invalidValue(`${vp}[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(`${vp}[${j}]`, v));
    else seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalidValue(vp, values, 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) errs.push(tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  patterns.forEach((pattern, j) => {
    const p = `${path}[${j}]`;
    const type = String(pattern?.type ?? '');
    append(errs, isQualifiedName(type).map((m) => invalidValue(`${p}.type`, type, m)));
    const status = pattern?.status ?? '';
    if (status === '') errs.push(required(`${p}.status`, `valid values: ${quotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(`${p}.status`, status, CONDITION_STATUSES));
  });
  return errs;
}

export function validatePodFailurePolicy(spec: any, path: string): FieldError[] {
  const rules: any[] = Array.isArray(spec.podFailurePolicy?.rules) ? spec.podFailurePolicy.rules : [];
  const rulesPath = `${path}.rules`;
  const errs: FieldError[] = [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const podSpec = spec.template?.spec ?? {};
  const containerNames = new Set<string>(
    [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])].map((c: any) => c?.name),
  );
  rules.forEach((rule, i) => {
    const rp = `${rulesPath}[${i}]`;
    const action = rule?.action ?? '';
    if (action === '') errs.push(required(`${rp}.action`, `valid values: ${quotedList(ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex == null) errs.push(invalidValue(`${rp}.action`, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(notSupported(`${rp}.action`, action, ACTIONS));
    const conditions: any[] = Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : [];
    if (rule?.onExitCodes != null) append(errs, validateOnExitCodes(rule.onExitCodes, `${rp}.onExitCodes`, containerNames));
    if (conditions.length > 0) append(errs, validateOnPodConditions(conditions, `${rp}.onPodConditions`));
    if (rule?.onExitCodes != null && conditions.length > 0) {
      errs.push(invalidValue(rp, OMIT, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    }
    if (rule?.onExitCodes == null && conditions.length === 0) {
      errs.push(invalidValue(rp, OMIT, 'specifying one of OnExitCodes and OnPodConditions is required'));
    }
  });
  return errs;
}

/** With a podFailurePolicy only `Failed` is allowed. */
export function validatePodReplacementPolicy(spec: any, path: string): FieldError[] {
  const policy = spec.podReplacementPolicy;
  if (policy == null) return [];
  if (spec.podFailurePolicy != null) return policy === 'Failed' ? [] : [notSupported(path, policy, ['Failed'])];
  return REPLACEMENT_POLICIES.includes(policy) ? [] : [notSupported(path, policy, REPLACEMENT_POLICIES)];
}

/** One "x" or "x-y" interval of an index list, each index below `completions`. Throws upstream's text. */
function parseIndexInterval(interval: string, completions: number): [number, number] {
  const limits = interval.split('-');
  if (limits.length > 2) {
    throw new Error(`the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`);
  }
  const parse = (s: string): number => {
    if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`cannot convert string to integer for index: ${JSON.stringify(s)}`);
    const n = Number(s);
    if (n >= completions) throw new Error(`too large index: ${JSON.stringify(s)}`);
    return n;
  };
  const x = parse(limits[0]!);
  if (limits.length === 1) return [x, x];
  const y = parse(limits[1]!);
  if (x >= y) throw new Error(`non-increasing order, previous: ${x}, current: ${y}`);
  return [x, y];
}

/** upstream validateIndexesFormat: the number of indexes in a "0,2-5" list; throws on a bad list. */
export function countIndexes(indexes: string, completions: number): number {
  if (indexes === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of indexes.split(',')) {
    const [x, y] = parseIndexInterval(interval, completions);
    if (last !== undefined && last >= x) throw new Error(`non-increasing order, previous: ${last}, current: ${x}`);
    total += y - x + 1;
    last = y;
  }
  return total;
}

export function validateSuccessPolicy(spec: any, path: string): FieldError[] {
  const rules: any[] = Array.isArray(spec.successPolicy?.rules) ? spec.successPolicy.rules : [];
  const rulesPath = `${path}.rules`;
  const errs: FieldError[] = [];
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions: number = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const rp = `${rulesPath}[${i}]`;
    if (rule?.succeededCount == null && rule?.succeededIndexes == null) {
      errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (rule?.succeededIndexes != null) {
      const ip = `${rp}.succeededIndexes`;
      const indexes = String(rule.succeededIndexes);
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(ip, indexes, MAX_SUCCEEDED_INDEXES_LENGTH));
      try {
        total = countIndexes(indexes, completions);
      } catch (e) {
        errs.push(invalidValue(ip, indexes, `error parsing succeededIndexes: ${(e as Error).message}`));
      }
    }
    if (rule?.succeededCount != null) {
      const cp = `${rp}.succeededCount`;
      const count: number = rule.succeededCount;
      append(errs, nonNegative(count, cp));
      if (count > completions) {
        errs.push(invalidValue(cp, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (rule.succeededIndexes != null && count > total) {
        errs.push(invalidValue(cp, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}
