// The arithmetic of the bench report, kept pure so it can be tested on
// synthetic numbers: ratios against in-run baselines, growth exponents
// between sizes, and the comparison with an earlier report that tells a
// regression from noise.
import type { Figure, SuiteResult } from '../../bench/types.js';

export interface Ratio {
  suite: string;
  figure: string;
  baseline: string;
  /** How many times cheaper (or faster) the figure is than its baseline: >1 means better. */
  times: number;
}

export interface Growth {
  suite: string;
  series: string;
  unit: string;
  sizeUnit?: string;
  fromSize: number;
  toSize: number;
  fromValue: number;
  toValue: number;
  /** log(cost2/cost1) / log(size2/size1): 1.0 is linear, 0 constant, 2 quadratic. */
  exponent: number;
}

export type Verdict = 'regression' | 'improvement' | 'within noise' | 'new' | 'gone';

export interface Change {
  suite: string;
  figure: string;
  unit: string;
  before?: number;
  after?: number;
  /** (after - before) / before, in percent. */
  changePct?: number;
  /** The change a verdict needs: max(2 × the larger rme, the floor), in percent. */
  thresholdPct?: number;
  verdict: Verdict;
}

/** The smallest change ever called a regression, in percent, however quiet the samples. */
export const NOISE_FLOOR_PCT = 10;

/** A cost to compare: smaller-is-better figures as they are, rates inverted. */
const cost = (f: Pick<Figure, 'value' | 'better'>): number => (f.better === 'smaller' ? f.value : 1 / f.value);

export function growthExponent(size1: number, cost1: number, size2: number, cost2: number): number {
  if (!(size1 > 0 && size2 > 0 && cost1 > 0 && cost2 > 0) || size1 === size2) return NaN;
  return Math.log(cost2 / cost1) / Math.log(size2 / size1);
}

export function ratios(suites: readonly SuiteResult[]): Ratio[] {
  const out: Ratio[] = [];
  for (const s of suites) {
    const byName = new Map(s.figures.map((f) => [f.name, f]));
    for (const f of s.figures) {
      if (!f.baseline) continue;
      const b = byName.get(f.baseline);
      if (!b || b.unit !== f.unit || cost(f) <= 0) continue;
      out.push({ suite: s.id, figure: f.name, baseline: b.name, times: cost(b) / cost(f) });
    }
  }
  return out;
}

/** Consecutive sizes of each series, in size order. Only costs (smaller is better) form series. */
export function growth(suites: readonly SuiteResult[]): Growth[] {
  const out: Growth[] = [];
  for (const s of suites) {
    const series = new Map<string, Figure[]>();
    for (const f of s.figures) {
      if (f.series === undefined || f.size === undefined || f.better !== 'smaller') continue;
      const list = series.get(f.series) ?? [];
      list.push(f);
      series.set(f.series, list);
    }
    for (const [name, list] of series) {
      list.sort((a, b) => a.size! - b.size!);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!, b = list[i]!;
        out.push({
          suite: s.id, series: name, unit: b.unit, sizeUnit: b.sizeUnit, fromSize: a.size!, toSize: b.size!,
          fromValue: a.value, toValue: b.value, exponent: growthExponent(a.size!, a.value, b.size!, b.value),
        });
      }
    }
  }
  return out;
}

/** The verdict on one figure measured twice. */
export function judge(before: Figure, after: Figure, floorPct = NOISE_FLOOR_PCT): Omit<Change, 'suite' | 'figure' | 'unit'> {
  const changePct = before.value === 0 ? (after.value === 0 ? 0 : Infinity) : ((after.value - before.value) / Math.abs(before.value)) * 100;
  // A single sample has no spread (and JSON turns a NaN rme into null): count it as 0, leaving the floor.
  const rme = (f: Figure) => (typeof f.rme === 'number' && Number.isFinite(f.rme) ? f.rme : 0);
  const thresholdPct = Math.max(2 * Math.max(rme(before), rme(after)), floorPct);
  let verdict: Verdict = 'within noise';
  if (Math.abs(changePct) > thresholdPct) {
    const worse = after.better === 'smaller' ? changePct > 0 : changePct < 0;
    verdict = worse ? 'regression' : 'improvement';
  }
  return { before: before.value, after: after.value, changePct, thresholdPct, verdict };
}

/** Every figure of `current` against the same suite and name in `previous` (and what `previous` had that is gone). */
export function compare(previous: readonly SuiteResult[], current: readonly SuiteResult[], floorPct = NOISE_FLOOR_PCT): Change[] {
  const old = new Map<string, Figure>();
  for (const s of previous) for (const f of s.figures) old.set(`${s.id}\u0000${f.name}`, f);
  const out: Change[] = [];
  for (const s of current) {
    for (const f of s.figures) {
      const k = `${s.id}\u0000${f.name}`;
      const b = old.get(k);
      old.delete(k);
      // A unit change makes the numbers incomparable: treat the figure as new.
      if (!b || b.unit !== f.unit) { out.push({ suite: s.id, figure: f.name, unit: f.unit, after: f.value, verdict: 'new' }); continue; }
      out.push({ suite: s.id, figure: f.name, unit: f.unit, ...judge(b, f, floorPct) });
    }
  }
  for (const [k, f] of old) out.push({ suite: k.split('\u0000')[0]!, figure: f.name, unit: f.unit, before: f.value, verdict: 'gone' });
  return out;
}
