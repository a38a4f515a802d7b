// Scheduling-related validation shared by Pod and Node: tolerations, taints, node affinity,
// pod (anti-)affinity, topology spread.
// upstream: pkg/apis/core/validation/validation.go (ValidateTolerations, validateNodeTaints,
//           ValidateNodeSelector, validateAffinity, validateTopologySpreadConstraints).
import { duplicate, forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isValidLabelValue } from '../names.js';
import { validateLabelName, validateLabelSelector } from './labelmaps.js';
import { append } from '../../append.js';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** upstream validateTaintEffect. */
function validateTaintEffect(effect: unknown, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && (effect === undefined || effect === '')) return [required(path)];
  if (TAINT_EFFECTS.includes(effect as string)) return [];
  return [notSupported(path, effect, TAINT_EFFECTS)];
}

/** upstream ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  if (tolerations === undefined || tolerations === null) return [];
  if (!Array.isArray(tolerations)) return [invalidValue(path, tolerations, 'must be a list')];
  const errs: FieldError[] = [];
  tolerations.forEach((t: any, i: number) => {
    const p = `${path}[${i}]`;
    const key: string = t?.key ?? '';
    const op: string = t?.operator ?? '';
    const value: string = t?.value ?? '';
    const effect: string = t?.effect ?? '';
    if (key.length > 0) append(errs, validateLabelName(key, `${p}.key`));
    if (key.length === 0 && op !== 'Exists') {
      errs.push(invalidValue(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t?.tolerationSeconds !== undefined && t?.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalidValue(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalidValue(`${p}.operator`, value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(invalidValue(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) append(errs, validateTaintEffect(effect, true, `${p}.effect`));
  });
  return errs;
}

/** upstream validateNodeTaints: key, value, effect required, unique by (key, effect). */
export function validateTaints(taints: unknown, path: string): FieldError[] {
  if (taints === undefined || taints === null) return [];
  if (!Array.isArray(taints)) return [invalidValue(path, taints, 'must be a list')];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t: any, i: number) => {
    const p = `${path}[${i}]`;
    append(errs, validateLabelName(String(t?.key ?? ''), `${p}.key`));
    const msgs = isValidLabelValue(String(t?.value ?? ''));
    if (msgs.length > 0) errs.push(invalidValue(`${p}.value`, t?.value, msgs.join(';')));
    append(errs, validateTaintEffect(t?.effect, false, `${p}.effect`));
    const id = `${t?.effect}\u0000${t?.key}`;
    if (seen.has(id)) errs.push({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
    seen.add(id);
  });
  return errs;
}

/** upstream ValidateNodeSelectorRequirement (node affinity, matchExpressions). */
function validateNodeSelectorRequirement(rq: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values: unknown[] = Array.isArray(rq?.values) ? rq.values : [];
  switch (rq?.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalidValue(`${path}.operator`, rq?.operator ?? '', 'not a valid selector operator'));
  }
  append(errs, validateLabelName(String(rq?.key ?? ''), `${path}.key`));
  return errs;
}

/** upstream validateNodeFieldSelectorRequirement: only `metadata.name`, In/NotIn, one value. */
function validateNodeFieldSelectorRequirement(rq: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values: unknown[] = Array.isArray(rq?.values) ? rq.values : [];
  if (rq?.operator === 'In' || rq?.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalidValue(`${path}.operator`, rq?.operator ?? '', 'not a valid selector operator'));
  }
  if (rq?.key !== 'metadata.name') errs.push(invalidValue(`${path}.key`, rq?.key ?? '', 'not a valid field selector key'));
  return errs;
}

function validateNodeSelectorTerm(term: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (term?.matchExpressions ?? []).forEach((rq: any, j: number) => append(errs, validateNodeSelectorRequirement(rq, `${path}.matchExpressions[${j}]`)));
  (term?.matchFields ?? []).forEach((rq: any, j: number) => append(errs, validateNodeFieldSelectorRequirement(rq, `${path}.matchFields[${j}]`)));
  return errs;
}

/** upstream ValidateNodeSelector (requiredDuringScheduling..., PV nodeAffinity.required): at least one term. */
export function validateNodeSelector(sel: any, path: string): FieldError[] {
  const terms: unknown[] = Array.isArray(sel?.nodeSelectorTerms) ? sel.nodeSelectorTerms : [];
  if (terms.length === 0) return [required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, `${path}.nodeSelectorTerms[${i}]`));
}

function validateWeight(w: unknown, path: string): FieldError[] {
  return typeof w === 'number' && w >= 1 && w <= 100 ? [] : [invalidValue(path, w ?? 0, 'must be in the range 1-100')];
}

function validatePodAffinityTerm(term: any, path: string): FieldError[] {
  const errs = validateLabelSelector(term?.labelSelector, `${path}.labelSelector`);
  append(errs, validateLabelSelector(term?.namespaceSelector, `${path}.namespaceSelector`));
  if (!term?.topologyKey) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  append(errs, validateLabelName(String(term?.topologyKey ?? ''), `${path}.topologyKey`));
  return errs;
}

function validatePodAffinityTerms(a: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => append(errs, validatePodAffinityTerm(t, `${req}[${i}]`)));
  const pref = `${path}.preferredDuringSchedulingIgnoredDuringExecution`;
  (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
    append(errs, validateWeight(t?.weight, `${pref}[${i}].weight`), validatePodAffinityTerm(t?.podAffinityTerm, `${pref}[${i}].podAffinityTerm`));
  });
  return errs;
}

/** upstream validateAffinity: node affinity, pod affinity, pod anti-affinity. */
export function validateAffinity(affinity: any, path: string): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const p = `${path}.nodeAffinity`;
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      append(errs, validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${p}.requiredDuringSchedulingIgnoredDuringExecution`));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      append(errs, validateWeight(t?.weight, `${tp}.weight`), validateNodeSelectorTerm(t?.preference, `${tp}.preference`));
    });
  }
  if (affinity.podAffinity) append(errs, validatePodAffinityTerms(affinity.podAffinity, `${path}.podAffinity`));
  if (affinity.podAntiAffinity) append(errs, validatePodAffinityTerms(affinity.podAntiAffinity, `${path}.podAntiAffinity`));
  return errs;
}

/** upstream validateTopologySpreadConstraints: maxSkew > 0, topologyKey set, whenUnsatisfiable known, pairs unique. */
export function validateTopologySpreadConstraints(constraints: unknown, path: string): FieldError[] {
  if (!Array.isArray(constraints)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  constraints.forEach((c: any, i: number) => {
    const p = `${path}[${i}]`;
    if (!(typeof c?.maxSkew === 'number' && c.maxSkew > 0)) errs.push(invalidValue(`${p}.maxSkew`, c?.maxSkew ?? 0, 'must be greater than zero'));
    if (!c?.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    else append(errs, validateLabelName(c.topologyKey, `${p}.topologyKey`));
    const when = ['DoNotSchedule', 'ScheduleAnyway'];
    if (!when.includes(c?.whenUnsatisfiable)) errs.push(notSupported(`${p}.whenUnsatisfiable`, c?.whenUnsatisfiable ?? '', when));
    const pair = `${c?.topologyKey}\u0000${c?.whenUnsatisfiable}`;
    if (seen.has(pair)) errs.push(duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c?.topologyKey}, ${c?.whenUnsatisfiable}}`));
    seen.add(pair);
    append(errs, validateLabelSelector(c?.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}
