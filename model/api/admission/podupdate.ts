// What a pod update may change: images, activeDeadlineSeconds (only lowered), tolerations (only added),
// terminationGracePeriodSeconds (negative → 1), scheduling gates (only removed). Everything else in the
// spec is fixed once the pod exists; controllers replace pods instead of editing them.
// upstream: pkg/apis/core/validation/validation.go ValidatePodUpdate, ValidateContainerUpdates,
//           validateOnlyAddedTolerations, validateOnlyDeletedSchedulingGates.
import { forbidden, formatValue, invalidValue, required, type FieldError } from '../errors.js';
import { deepCopy } from '../types.js';
import { isEmpty, semanticEqual } from './equality.js';
import { validateTolerations } from './scheduling.js';
import { append } from '../../append.js';

const MAX_INT32 = 2147483647;

/** upstream updatablePodSpecFields, joined with "," as the message does. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** A short diff in the spirit of cmp.Diff: one `-`/`+` pair per changed leaf path. */
function specDiff(oldV: unknown, newV: unknown, path: string, out: string[]): void {
  if (semanticEqual(oldV, newV)) return;
  const bothObjects = typeof oldV === 'object' && oldV !== null && typeof newV === 'object' && newV !== null &&
    Array.isArray(oldV) === Array.isArray(newV) && (!Array.isArray(oldV) || (oldV as unknown[]).length === (newV as unknown[]).length);
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(oldV as object), ...Object.keys(newV as object)])].sort();
    for (const k of keys) {
      const sub = Array.isArray(oldV) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      specDiff((oldV as Record<string, unknown>)[k], (newV as Record<string, unknown>)[k], sub, out);
    }
    return;
  }
  if (!isEmpty(oldV)) out.push(`- \t${path}: ${formatValue(oldV)}`);
  if (!isEmpty(newV)) out.push(`+ \t${path}: ${formatValue(newV)}`);
}

function validateContainerUpdates(newC: unknown, oldC: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const n: any[] = Array.isArray(newC) ? newC : [];
  const o: any[] = Array.isArray(oldC) ? oldC : [];
  if (n.length !== o.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c?.image) errs.push(required(`${path}[${i}].image`));
    else if (typeof c.image === 'string' && c.image.trim() !== c.image) {
      errs.push(invalidValue(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return { errs, stop: false };
}

/** upstream validateOnlyAddedTolerations: every old toleration still present (tolerationSeconds may change). */
function validateOnlyAddedTolerations(newT: unknown, oldT: unknown, path: string): FieldError[] {
  const n: any[] = Array.isArray(newT) ? newT : [];
  const o: any[] = Array.isArray(oldT) ? oldT : [];
  for (const old of o) {
    const found = n.some((t) => semanticEqual({ ...old, tolerationSeconds: t?.tolerationSeconds }, t));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

/** upstream validateOnlyDeletedSchedulingGates. */
function validateOnlyDeletedSchedulingGates(newG: unknown, oldG: unknown, path: string): FieldError[] {
  const n: any[] = Array.isArray(newG) ? newG : [];
  const old = new Set((Array.isArray(oldG) ? oldG : []).map((g: any) => g?.name));
  const errs: FieldError[] = [];
  n.forEach((g, i) => {
    if (!old.has(g?.name)) errs.push(forbidden(`${path}[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`));
  });
  return errs;
}

/** The spec part of upstream ValidatePodUpdate. `path` is the spec's path (`spec`). */
export function validatePodSpecUpdate(newSpec: any, oldSpec: any, path: string): FieldError[] {
  const n = newSpec ?? {};
  const o = oldSpec ?? {};
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(n[list], o[list], `${path}.${list}`);
    append(errs, r.errs);
    if (r.stop) return errs;
  }
  const adsPath = `${path}.activeDeadlineSeconds`;
  if (n.activeDeadlineSeconds !== undefined && n.activeDeadlineSeconds !== null) {
    const v = n.activeDeadlineSeconds;
    if (typeof v !== 'number' || v < 0 || v > MAX_INT32) return [...errs, invalidValue(adsPath, v, `must be between 0 and ${MAX_INT32}, inclusive`)];
    if (typeof o.activeDeadlineSeconds === 'number' && o.activeDeadlineSeconds < v) {
      return [...errs, invalidValue(adsPath, v, 'must be less than or equal to previous value')];
    }
  } else if (o.activeDeadlineSeconds !== undefined && o.activeDeadlineSeconds !== null) {
    errs.push(invalidValue(adsPath, null, 'must not update from a positive integer to nil value'));
  }
  append(errs, validateOnlyAddedTolerations(n.tolerations, o.tolerations, `${path}.tolerations`));
  append(errs, validateOnlyDeletedSchedulingGates(n.schedulingGates, o.schedulingGates, `${path}.schedulingGates`));
  if (semanticEqual(n, o)) return errs;

  // Munge the updatable fields back to their old values; whatever still differs is forbidden.
  const munged = deepCopy(n);
  for (const list of ['containers', 'initContainers']) {
    (Array.isArray(munged[list]) ? munged[list] : []).forEach((c: any, i: number) => { c.image = o[list][i].image; });
  }
  munged.activeDeadlineSeconds = o.activeDeadlineSeconds;
  munged.schedulingGates = o.schedulingGates;
  munged.tolerations = o.tolerations;
  if (typeof o.terminationGracePeriodSeconds === 'number' && o.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(munged, o)) {
    const diff: string[] = [];
    specDiff(o, munged, '', diff);
    errs.push(forbidden(path, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff.join('\n')}`));
  }
  return errs;
}
