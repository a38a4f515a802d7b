// Node selectors and node affinity, compiled once per pod and matched against node labels.
// upstream: k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
//           (GetRequiredNodeAffinity, NewPreferredSchedulingTerms, nodeSelectorTerm.match),
//           k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches for Gt/Lt),
//           pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (PreFilter, Score).
//
// Terms are ORed, the expressions of a term ANDed. A term that is empty, or that fails to
// parse (an unknown operator, In with no values, Gt with a non-integer), matches no node;
// upstream ignores such parse errors in Filter for backward compatibility, and so do we.
import type { Pod } from '../../api/types.js';

type Labels = Readonly<Record<string, string>>;

const IN = 0, NOT_IN = 1, EXISTS = 2, DOES_NOT_EXIST = 3, GT = 4, LT = 5;
const OPS: Record<string, number> = { In: IN, NotIn: NOT_IN, Exists: EXISTS, DoesNotExist: DOES_NOT_EXIST, Gt: GT, Lt: LT };
const INT64 = /^[+-]?[0-9]+$/; // strconv.ParseInt(s, 10, 64), short of the range check

interface Requirement {
  readonly key: string;
  readonly op: number;
  readonly values: readonly string[];
  readonly bound: number; // Gt/Lt
}

export interface CompiledTerm {
  /** False for an empty term or one that failed to parse: it matches nothing. */
  readonly valid: boolean;
  readonly exprs: readonly Requirement[];
  readonly fields: readonly Requirement[];
}

export interface NodeSelectorRequirementLike { key: string; operator: string; values?: string[] }
export interface NodeSelectorTermLike { matchExpressions?: NodeSelectorRequirementLike[]; matchFields?: NodeSelectorRequirementLike[] }

const NEVER: CompiledTerm = { valid: false, exprs: [], fields: [] };

/** upstream labels.NewRequirement's checks on operator and values. */
function labelRequirement(r: NodeSelectorRequirementLike): Requirement | null {
  const op = Object.hasOwn(OPS, r.operator) ? OPS[r.operator]! : -1;
  const values = r.values ?? [];
  switch (op) {
    case IN: case NOT_IN:
      return values.length > 0 ? { key: r.key, op, values, bound: 0 } : null;
    case EXISTS: case DOES_NOT_EXIST:
      return values.length === 0 ? { key: r.key, op, values, bound: 0 } : null;
    case GT: case LT:
      return values.length === 1 && INT64.test(values[0]!) ? { key: r.key, op, values, bound: Number(values[0]) } : null;
    default:
      return null;
  }
}

/** upstream nodeSelectorRequirementsAsFieldSelector: In/NotIn with exactly one value. */
function fieldRequirement(r: NodeSelectorRequirementLike): Requirement | null {
  const values = r.values ?? [];
  if (values.length !== 1) return null;
  if (r.operator === 'In') return { key: r.key, op: IN, values, bound: 0 };
  if (r.operator === 'NotIn') return { key: r.key, op: NOT_IN, values, bound: 0 };
  return null;
}

export function compileTerm(term: NodeSelectorTermLike | undefined): CompiledTerm {
  const me = term?.matchExpressions ?? [];
  const mf = term?.matchFields ?? [];
  if (me.length === 0 && mf.length === 0) return NEVER;
  const exprs: Requirement[] = [];
  for (const r of me) {
    const c = labelRequirement(r);
    if (!c) return NEVER;
    exprs.push(c);
  }
  const fields: Requirement[] = [];
  for (const r of mf) {
    const c = fieldRequirement(r);
    if (!c) return NEVER;
    fields.push(c);
  }
  return { valid: true, exprs, fields };
}

function labelMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case IN: return has && r.values.includes(labels[r.key]!);
    case NOT_IN: return !has || !r.values.includes(labels[r.key]!);
    case EXISTS: return has;
    case DOES_NOT_EXIST: return !has;
    default: {
      if (!has || !INT64.test(labels[r.key]!)) return false;
      const v = Number(labels[r.key]);
      return r.op === GT ? v > r.bound : v < r.bound;
    }
  }
}

/** A node's fields as a field selector sees them: only metadata.name is supported. */
function fieldMatches(r: Requirement, nodeName: string): boolean {
  const equal = r.key === 'metadata.name' && nodeName === r.values[0];
  return r.op === IN ? equal : !equal;
}

export function termMatches(t: CompiledTerm, labels: Labels, nodeName: string): boolean {
  if (!t.valid) return false;
  for (let i = 0; i < t.exprs.length; i++) if (!labelMatches(t.exprs[i]!, labels)) return false;
  for (let i = 0; i < t.fields.length; i++) if (!fieldMatches(t.fields[i]!, nodeName)) return false;
  return true;
}

/** spec.nodeSelector plus requiredDuringSchedulingIgnoredDuringExecution, both must hold. */
export interface RequiredNodeAffinity {
  readonly selector: readonly (readonly [string, string])[];
  /** null: no required node affinity; [] (or all invalid): matches no node. */
  readonly terms: readonly CompiledTerm[] | null;
}

/** upstream GetRequiredNodeAffinity; null when the pod has neither (upstream PreFilter returns Skip). */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity | null {
  const selector = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!selector && !required) return null;
  return {
    selector: Object.entries(selector ?? {}),
    terms: required ? (required.nodeSelectorTerms ?? []).map(compileTerm) : null,
  };
}

export function matchesRequired(r: RequiredNodeAffinity, labels: Labels, nodeName: string): boolean {
  for (let i = 0; i < r.selector.length; i++) {
    const [k, v] = r.selector[i]!;
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  if (r.terms === null) return true;
  for (let i = 0; i < r.terms.length; i++) if (termMatches(r.terms[i]!, labels, nodeName)) return true;
  return false;
}

export interface PreferredTerm {
  readonly term: CompiledTerm;
  readonly weight: number;
}

/** upstream NewPreferredSchedulingTerms: terms with weight 0 or an empty preference are dropped. */
export function preferredTerms(pod: Pod): readonly PreferredTerm[] | null {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!terms) return null;
  const out: PreferredTerm[] = [];
  for (const t of terms) {
    const term = compileTerm(t.preference);
    if (t.weight !== 0 && term.valid) out.push({ term, weight: t.weight });
  }
  return out;
}

/** upstream PreferredSchedulingTerms.Score: the sum of the weights of the matching terms. */
export function preferredScore(terms: readonly PreferredTerm[], labels: Labels, nodeName: string): number {
  let sum = 0;
  for (let i = 0; i < terms.length; i++) if (termMatches(terms[i]!.term, labels, nodeName)) sum += terms[i]!.weight;
  return sum;
}

/**
 * upstream NodeAffinity.PreFilter: when every required term pins metadata.name (as the
 * DaemonSet controller's affinity does), only those nodes are evaluated at all.
 * Returns null (all nodes), the set of names, or 'conflict' when the terms pin no name.
 */
export function preFilterNodeNames(pod: Pod): ReadonlySet<string> | 'conflict' | null {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  let names: Set<string> | null = null;
  for (const t of terms) {
    let termNames: Set<string> | null = null;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      if (termNames !== null) for (const name of s) if (!termNames.has(name)) s.delete(name);
      termNames = s; // requirements are ANDed: intersect
    }
    if (termNames === null) return null; // this term admits any node; terms are ORed
    names = names === null ? termNames : new Set([...names, ...termNames]);
  }
  return names !== null && names.size === 0 ? 'conflict' : names;
}
