// The status a CRD reaches once the naming and establishing controllers have run and no other
// CRD claims its names: accepted names = spec.names, NamesAccepted and Established both True.
// upstream: pkg/controller/status/naming_controller.go (calculateNamesAndConditions: NoConflicts, "no conflicts found"),
//           pkg/controller/establish/establishing_controller.go (InitialNamesAccepted, "the initial names have been accepted"),
//           pkg/apihelpers/helpers.go (SetCRDCondition keeps lastTransitionTime while the status is unchanged)
import type { KubeObject } from '../types.js';
import { storageVersionOf } from './definition.js';
import { isObject, type Names } from './types.js';

export interface CrdCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The accepted names as the naming controller copies them: Go's omitempty drops empty ones. */
function acceptedNames(names: Names | undefined): Names {
  const n: Names = isObject(names) ? (names as Names) : {};
  const out: Names = { plural: n.plural ?? '' };
  if (n.singular) out.singular = n.singular;
  if (Array.isArray(n.shortNames) && n.shortNames.length > 0) out.shortNames = [...n.shortNames];
  out.kind = n.kind ?? '';
  if (n.listKind) out.listKind = n.listKind;
  if (Array.isArray(n.categories) && n.categories.length > 0) out.categories = [...n.categories];
  return out;
}

/** upstream SetCRDCondition for each: replaced where present, appended otherwise; other conditions stay. */
function setConditions(old: unknown[], next: CrdCondition[]): CrdCondition[] {
  const out = old.filter(isObject).map((c) => ({ ...c }) as unknown as CrdCondition);
  for (const c of next) {
    const i = out.findIndex((x) => x.type === c.type);
    if (i >= 0) out[i] = c;
    else out.push(c);
  }
  return out;
}

/** The status of an established CRD at virtual time `now` (RFC 3339). The input is not modified. */
export function establishedStatus(crd: KubeObject, now: string): { acceptedNames: Names; conditions: CrdCondition[]; storedVersions: string[] } {
  const old: unknown[] = Array.isArray(crd.status?.conditions) ? crd.status.conditions : [];
  const condition = (type: string, reason: string, message: string): CrdCondition => {
    const prev = old.find((c): c is CrdCondition => isObject(c) && c.type === type);
    const since = prev && prev.status === 'True' && typeof prev.lastTransitionTime === 'string' ? prev.lastTransitionTime : now;
    return { type, status: 'True', lastTransitionTime: since, reason, message };
  };
  const storage = storageVersionOf(crd);
  const stored: string[] = Array.isArray(crd.status?.storedVersions) ? [...crd.status.storedVersions] : [];
  if (storage !== undefined && !stored.includes(storage)) stored.push(storage);
  return {
    acceptedNames: acceptedNames(crd.spec?.names),
    conditions: setConditions(old, [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ]),
    storedVersions: stored,
  };
}
