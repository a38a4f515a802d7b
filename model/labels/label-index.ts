// An inverted index from labels to ids, so listing by selector costs about the
// size of the answer rather than the size of the store. The API server has no
// such index (it filters a full list); the model needs one because properties
// list by selector on every step of every run.
import type { Labels } from '../api/types.js';
import { matchesNothing, type Selector } from './selector.js';

/** One indexed id. `seq` fixes its place in results: the order of its first set() since it was last deleted. */
interface Entry<Id> {
  readonly id: Id;
  readonly seq: number;
  labels: Labels;
}

/** The postings a requirement could be answered from, and how many ids they hold. */
interface Candidates<Id> {
  sets: Set<Entry<Id>>[];
  size: number;
}

export class LabelIndex<Id> {
  private readonly entries = new Map<Id, Entry<Id>>();
  // key -> value -> entries with that label, and key -> entries with the key at all.
  private readonly byValue = new Map<string, Map<string, Set<Entry<Id>>>>();
  private readonly byKey = new Map<string, Set<Entry<Id>>>();
  private nextSeq = 0;

  get size(): number {
    return this.entries.size;
  }

  has(id: Id): boolean {
    return this.entries.has(id);
  }

  /**
   * Index (or re-index) an id. The labels are copied, so later mutation of the
   * caller's object cannot desynchronise the index. Re-setting keeps the id's
   * place in result order, as Map.set does.
   */
  set(id: Id, labels: Labels | undefined): void {
    const copy = copyLabels(labels);
    let e = this.entries.get(id);
    if (e) this.unpost(e);
    else this.entries.set(id, (e = { id, seq: this.nextSeq++, labels: copy }));
    e.labels = copy;
    this.post(e);
  }

  delete(id: Id): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    this.unpost(e);
    this.entries.delete(id);
    return true;
  }

  /**
   * The ids whose labels match, in result order (see Entry.seq). The most
   * selective positive requirement (=, ==, in, exists, gt, lt: each needs the
   * key) supplies the candidates, which are then filtered with matches(). Only
   * a selector without one (everything, `!key`, `key!=v`, `key notin (...)`)
   * scans all ids.
   */
  select(selector: Selector): Id[] {
    if (matchesNothing(selector)) return [];
    const best = this.mostSelective(selector);
    if (best === undefined) return this.scan(selector);
    const out: Entry<Id>[] = [];
    let sorted = true;
    let lastSeq = -1;
    for (const set of best.sets) {
      for (const e of set) {
        if (!selector.matches(e.labels)) continue;
        if (e.seq < lastSeq) sorted = false;
        lastSeq = e.seq;
        out.push(e);
      }
    }
    // Postings keep their own insertion order, which re-labelling or an `in`
    // union can disturb. Sorting k hits costs about k·log2(k) comparisons; a
    // scan costs n matches and comes out in order, so take the cheaper one.
    if (!sorted) {
      if (out.length * Math.log2(out.length) > this.entries.size) return this.scan(selector);
      out.sort((a, b) => a.seq - b.seq);
    }
    return out.map((e) => e.id);
  }

  /** The candidate postings of the smallest positive requirement, or undefined when there is none. */
  private mostSelective(selector: Selector): Candidates<Id> | undefined {
    let best: Candidates<Id> | undefined;
    for (const r of selector.requirements) {
      let c: Candidates<Id> | undefined;
      switch (r.operator) {
        case '=': case '==': case 'in': {
          const values = this.byValue.get(r.key);
          const sets: Set<Entry<Id>>[] = [];
          let size = 0;
          for (const v of new Set(r.values)) {
            const s = values?.get(v);
            if (s) { sets.push(s); size += s.size; }
          }
          c = { sets, size };
          break;
        }
        case 'exists': case 'gt': case 'lt': {
          const s = this.byKey.get(r.key);
          c = s ? { sets: [s], size: s.size } : { sets: [], size: 0 };
          break;
        }
        default:
          continue;
      }
      if (best === undefined || c.size < best.size) best = c;
      if (best.size === 0) break;
    }
    return best;
  }

  private scan(selector: Selector): Id[] {
    const out: Id[] = [];
    for (const e of this.entries.values()) if (selector.matches(e.labels)) out.push(e.id);
    return out;
  }

  private post(e: Entry<Id>): void {
    for (const k of Object.keys(e.labels)) {
      let values = this.byValue.get(k);
      if (!values) this.byValue.set(k, (values = new Map()));
      let s = values.get(e.labels[k]!);
      if (!s) values.set(e.labels[k]!, (s = new Set()));
      s.add(e);
      let ks = this.byKey.get(k);
      if (!ks) this.byKey.set(k, (ks = new Set()));
      ks.add(e);
    }
  }

  private unpost(e: Entry<Id>): void {
    for (const k of Object.keys(e.labels)) {
      const values = this.byValue.get(k)!;
      const s = values.get(e.labels[k]!)!;
      s.delete(e);
      // Empty postings are dropped so label churn cannot grow the maps without bound.
      if (s.size === 0) values.delete(e.labels[k]!);
      if (values.size === 0) this.byValue.delete(k);
      const ks = this.byKey.get(k)!;
      ks.delete(e);
      if (ks.size === 0) this.byKey.delete(k);
    }
  }
}

/**
 * A frozen copy of own enumerable string labels: a `__proto__`
 * key becomes an ordinary entry instead of changing the copy's prototype.
 */
function copyLabels(labels: Labels | undefined): Labels {
  // fromEntries defines own properties, so `__proto__` stays an ordinary key; a plain
  // prototype keeps V8's fast object shapes (a null-prototype copy matched 2x slower).
  return Object.freeze(Object.fromEntries(labels ? Object.entries(labels) : []));
}
