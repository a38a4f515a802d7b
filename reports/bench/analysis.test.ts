import { describe, expect, it } from 'vitest';
import type { Figure, SuiteResult } from '../../bench/types.js';
import { compare, growth, growthExponent, judge, ratios } from './analysis.js';

const fig = (name: string, value: number, extra: Partial<Figure> = {}): Figure =>
  ({ name, unit: 'ms', value, samples: 10, rme: 1, better: 'smaller', ...extra });
const suite = (figures: Figure[], id = 's'): SuiteResult => ({ id, title: id.toUpperCase(), figures, notes: [] });

describe('growthExponent', () => {
  it.each([
    ['linear', 1_000, 2, 10_000, 20, 1],
    ['quadratic', 1_000, 1, 10_000, 100, 2],
    ['constant', 10, 5, 1_000, 5, 0],
    ['n log n is a little above linear', 1_000, 1_000 * Math.log(1_000), 10_000, 10_000 * Math.log(10_000), 1 + Math.log10(4 / 3)],
  ])('%s', (_name, s1, c1, s2, c2, want) => {
    expect(growthExponent(s1, c1, s2, c2)).toBeCloseTo(want, 6);
  });

  it('is NaN for equal sizes or non-positive numbers', () => {
    expect(growthExponent(10, 1, 10, 2)).toBeNaN();
    expect(growthExponent(10, 0, 100, 2)).toBeNaN();
  });
});

describe('growth', () => {
  it('pairs consecutive sizes of each series in size order, costs only', () => {
    const g = growth([suite([
      fig('c', 400, { series: 'scan', size: 100_000 }),
      fig('a', 4, { series: 'scan', size: 1_000 }),
      fig('b', 40, { series: 'scan', size: 10_000 }),
      fig('rate', 5, { series: 'scan', size: 5, better: 'larger', unit: 'ops/s' }),
      fig('lonely', 1, { series: 'other', size: 1 }),
    ])]);
    expect(g.map((x) => [x.series, x.fromSize, x.toSize])).toEqual([['scan', 1_000, 10_000], ['scan', 10_000, 100_000]]);
    for (const x of g) expect(x.exponent).toBeCloseTo(1, 9);
  });
});

describe('ratios', () => {
  it('states how many times cheaper a figure is than its baseline', () => {
    const r = ratios([suite([fig('naive', 300), fig('index', 3, { baseline: 'naive' }), fig('orphan', 1, { baseline: 'missing' })])]);
    expect(r).toEqual([{ suite: 's', figure: 'index', baseline: 'naive', times: 100 }]);
  });

  it('inverts rates and skips a baseline in another unit', () => {
    const r = ratios([suite([
      fig('slow', 10, { unit: 'pods/s', better: 'larger' }),
      fig('fast', 40, { unit: 'pods/s', better: 'larger', baseline: 'slow' }),
      fig('mixed', 1, { unit: 's', baseline: 'slow' }),
    ])]);
    expect(r).toHaveLength(1);
    expect(r[0]!.times).toBeCloseTo(4, 9);
  });
});

describe('judge', () => {
  it('calls a cost increase beyond max(2 × rme, 10%) a regression', () => {
    expect(judge(fig('x', 100, { rme: 2 }), fig('x', 111, { rme: 2 })).verdict).toBe('regression');
    expect(judge(fig('x', 100, { rme: 2 }), fig('x', 109, { rme: 2 })).verdict).toBe('within noise');
  });

  it('widens the threshold to twice the larger rme', () => {
    const j = judge(fig('x', 100, { rme: 8 }), fig('x', 115, { rme: 3 }));
    expect(j.thresholdPct).toBe(16);
    expect(j.verdict).toBe('within noise');
    expect(judge(fig('x', 100, { rme: 8 }), fig('x', 117, { rme: 3 })).verdict).toBe('regression');
  });

  it('reads direction from the figure: a falling rate is a regression, a falling cost an improvement', () => {
    const rate = { unit: 'pods/s', better: 'larger' as const };
    expect(judge(fig('r', 1000, rate), fig('r', 800, rate)).verdict).toBe('regression');
    expect(judge(fig('r', 1000, rate), fig('r', 1300, rate)).verdict).toBe('improvement');
    expect(judge(fig('c', 100), fig('c', 50)).verdict).toBe('improvement');
  });

  it('falls back to the floor when a spread is missing', () => {
    const j = judge(fig('x', 100, { rme: null as unknown as number }), fig('x', 105, { rme: NaN }));
    expect(j.thresholdPct).toBe(10);
    expect(j.verdict).toBe('within noise');
  });

  it('reports the change in percent', () => {
    expect(judge(fig('x', 200), fig('x', 250)).changePct).toBeCloseTo(25, 9);
  });
});

describe('compare', () => {
  it('matches figures by suite and name and lists new and gone ones', () => {
    const before = [suite([fig('kept', 10), fig('dropped', 5)]), suite([fig('kept', 1)], 't')];
    const after = [suite([fig('kept', 20), fig('added', 1)]), suite([fig('kept', 1)], 't')];
    const c = compare(before, after);
    const by = new Map(c.map((x) => [`${x.suite}/${x.figure}`, x.verdict]));
    expect(Object.fromEntries(by)).toEqual({ 's/kept': 'regression', 's/added': 'new', 't/kept': 'within noise', 's/dropped': 'gone' });
  });

  it('treats a figure whose unit changed as new', () => {
    const c = compare([suite([fig('x', 1, { unit: 'ms' })])], [suite([fig('x', 1000, { unit: 'µs' })])]);
    expect(c.map((x) => x.verdict)).toEqual(['new']);
  });
});
