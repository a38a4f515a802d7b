// Compiled label selectors: built once, matched many times.
// upstream: k8s.io/apimachinery/pkg/labels/selector.go (internalSelector, Everything, Nothing, SelectorFromSet)
import type { Labels } from '../api/types.js';
import {
  compareInt64, newRequirement, parseInt64, requirementToString, sortByKey, unvalidatedRequirement,
  type Requirement,
} from './requirement.js';

export interface Selector {
  /** True when every requirement holds. Missing or undefined labels behave as an empty map. */
  matches(labels: Labels | undefined): boolean;
  /** Upstream's canonical form: requirements sorted by key, joined with ",". */
  toString(): string;
  /** True when the selector does not restrict anything (Everything). Nothing is not empty. */
  empty(): boolean;
  /** The requirements, sorted by key (stable for equal keys). Nothing has none. */
  readonly requirements: readonly Requirement[];
  /** The single value a requirement on `key` pins (`=`, `==`, or `in` with one value), as RequiresExactMatch. */
  requiresExactMatch(key: string): string | undefined;
  /** A new selector with the extra requirements; the receiver is unchanged. */
  add(...reqs: Requirement[]): Selector;
}

// Operator codes for the match loop: small integers keep the switch a jump table.
const IN = 0, NOT_IN = 1, EXISTS = 2, NOT_EXISTS = 3, GT = 4, LT = 5;

/** One requirement lowered for matching; every instance has the same shape so the loop stays monomorphic. */
class Compiled {
  constructor(
    readonly key: string,
    readonly op: number,
    /** The value when there is exactly one; compared with === (no hashing). */
    readonly one: string | undefined,
    /** The value set when there are several. */
    readonly set: ReadonlySet<string> | undefined,
    /** The parsed integer bound for gt/lt; undefined when it is not an integer (matches nothing, as upstream). */
    readonly bound: number | bigint | undefined,
  ) {}
}

function compile(r: Requirement): Compiled {
  const vs = r.values;
  const one = vs.length === 1 ? vs[0] : undefined;
  const set = vs.length > 1 ? new Set(vs) : undefined;
  switch (r.operator) {
    case 'in': case '=': case '==': return new Compiled(r.key, IN, one, set, undefined);
    case 'notin': case '!=': return new Compiled(r.key, NOT_IN, one, set, undefined);
    case 'exists': return new Compiled(r.key, EXISTS, undefined, undefined, undefined);
    case '!': return new Compiled(r.key, NOT_EXISTS, undefined, undefined, undefined);
    case 'gt': case 'lt': {
      // Upstream requires exactly one integer value; anything else never matches.
      const bound = vs.length === 1 ? parseInt64(vs[0]!) : undefined;
      return new Compiled(r.key, r.operator === 'gt' ? GT : LT, undefined, undefined, bound);
    }
  }
}

const EMPTY_LABELS: Labels = Object.freeze(Object.create(null));
const hasOwn = Object.hasOwn;

/**
 * Own-property lookup. A plain `labels[key]` would also find `constructor` or
 * `toString` on Object.prototype (both valid label keys), or whatever a
 * polluted prototype carries, so a hit is confirmed with Object.hasOwn; a miss
 * needs no second check. The confirmation costs about 7 ns per present key.
 */
function lookup(labels: Labels, key: string): string | undefined {
  const v = labels[key];
  return v !== undefined && hasOwn(labels, key) ? v : undefined;
}

function matchOne(c: Compiled, labels: Labels): boolean {
  const v = lookup(labels, c.key);
  switch (c.op) {
    case IN: return v !== undefined && (c.set === undefined ? v === c.one : c.set.has(v));
    // notin and != select objects that lack the key: `env!=prod` selects unlabeled pods.
    case NOT_IN: return v === undefined || (c.set === undefined ? v !== c.one : !c.set.has(v));
    case EXISTS: return v !== undefined;
    case NOT_EXISTS: return v === undefined;
    default: {
      if (v === undefined || c.bound === undefined) return false;
      const n = parseInt64(v);
      if (n === undefined) return false;
      const d = compareInt64(n, c.bound);
      return c.op === GT ? d > 0 : d < 0;
    }
  }
}

/**
 * Requirements from newRequirement are frozen already; a hand-built literal is
 * copied and frozen, so later mutation cannot make toString() and matches() disagree.
 */
function owned(r: Requirement): Requirement {
  return Object.isFrozen(r) && Object.isFrozen(r.values) ? r : unvalidatedRequirement(r.key, r.operator, r.values);
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class InternalSelector implements Selector {
  readonly requirements: readonly Requirement[];
  private readonly compiled: readonly Compiled[];
  private text: string | undefined;

  /** `reqs` must already be sorted by key and owned by this selector. */
  constructor(reqs: Requirement[]) {
    this.requirements = Object.freeze(reqs);
    this.compiled = reqs.map(compile);
  }

  matches(labels: Labels | undefined): boolean {
    const ls = labels ?? EMPTY_LABELS;
    const cs = this.compiled;
    for (let i = 0; i < cs.length; i++) if (!matchOne(cs[i]!, ls)) return false;
    return true;
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return (this.text ??= this.requirements.map(requirementToString).join(','));
  }

  requiresExactMatch(key: string): string | undefined {
    // Upstream answers from the first requirement on the key only.
    const r = this.requirements.find((x) => x.key === key);
    if (!r || r.values.length !== 1) return undefined;
    return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
  }

  add(...reqs: Requirement[]): Selector {
    return new InternalSelector(sortByKey([...this.requirements, ...reqs.map(owned)]));
  }
}

/** A selector that selects nothing; distinct from an empty selector, which selects everything. */
class NothingSelector implements Selector {
  readonly requirements: readonly Requirement[] = Object.freeze([]);
  matches(): boolean { return false; }
  empty(): boolean { return false; }
  toString(): string { return ''; }
  requiresExactMatch(): string | undefined { return undefined; }
  add(): Selector { return this; }
}

// Shared instances are safe because selectors are immutable.
const EVERYTHING: Selector = new InternalSelector([]);
const NOTHING: Selector = new NothingSelector();

/** Matches every label set, including none. String form is "". */
export const everything = (): Selector => EVERYTHING;
/** Matches no label set. What a nil LabelSelector converts to. */
export const nothing = (): Selector => NOTHING;
/** upstream labels.MatchesNothing: true only for the nothing() selector. */
export const matchesNothing = (s: Selector): boolean => s === NOTHING;

/** A selector from already-validated requirements (ANDed, sorted by key). */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  return reqs.length === 0 ? EVERYTHING : new InternalSelector(sortByKey(reqs.map(owned)));
}

function setKeys(set: Labels | null | undefined): string[] {
  return set ? Object.keys(set).sort(compareKeys) : [];
}

/**
 * Equality selector matching exactly the given map (RC and Service selectors).
 * Like upstream SelectorFromSet it does not validate; an undefined or empty map is everything().
 */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  const keys = setKeys(set);
  if (keys.length === 0) return EVERYTHING;
  return new InternalSelector(keys.map((k) => unvalidatedRequirement(k, '=', [set![k]!])));
}

/** upstream ValidatedSelectorFromSet: as selectorFromSet, but throws a SelectorError on a bad key or value. */
export function validatedSelectorFromSet(set: Labels | null | undefined): Selector {
  const keys = setKeys(set);
  if (keys.length === 0) return EVERYTHING;
  return new InternalSelector(keys.map((k) => newRequirement(k, '=', [set![k]!])));
}
