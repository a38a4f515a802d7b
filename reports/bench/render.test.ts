import { describe, expect, it } from 'vitest';
import { baselineLabel, changeText, formatNumber, ratioText } from './markdown.js';
import { balancedTags } from './xmlcheck.js';
import { decades, escapeXml, logLogChart, suiteCharts, tickLabel, unitSlug } from './svg.js';

describe('markdown helpers', () => {
  it.each([
    [1234.5, '1,235'], [12.345, '12.3'], [0.00123456, '0.00123'], [0, '0'], [999.9, '1000'],
  ])('formatNumber(%s) = %s', (v, want) => expect(formatNumber(v)).toBe(want));

  it('names a baseline by what differs from the figure', () => {
    expect(baselineLabel('list 1k @0.1%: index', 'list 1k @0.1%: naive')).toBe('naive');
    expect(baselineLabel('3k pods (bare pods): wall time', '3k pods (bare pods, events off): wall time')).toBe('events off');
    expect(baselineLabel('match hit', 'naive match hit (parse + match)')).toBe('naive match hit (parse + match)');
  });

  it('says faster or slower', () => {
    expect(ratioText(412.4, 'naive')).toBe('412× faster than naive');
    expect(ratioText(1 / 1.4, 'events off')).toBe('1.4× slower than events off');
    expect(ratioText(NaN, 'x')).toBe('');
  });

  it('marks a regression in bold with its noise threshold', () => {
    expect(changeText({ suite: 's', figure: 'f', unit: 'ms', before: 1, after: 1.5, changePct: 50, thresholdPct: 10, verdict: 'regression' }))
      .toBe('**+50.0% regression** (noise ±10%)');
    expect(changeText({ suite: 's', figure: 'f', unit: 'ms', after: 1, verdict: 'new' })).toBe('new');
  });
});

describe('svg', () => {
  it('spans whole decades', () => {
    expect(decades(1_000, 150_000)).toEqual([1_000, 10_000, 100_000, 1_000_000]);
    expect(decades(5, 5)).toEqual([1, 10]);
    expect(tickLabel(1_000_000)).toBe('1M');
    expect(tickLabel(0.01)).toBe('0.01');
  });

  it('draws one polyline per series, escaped and balanced', () => {
    const svg = logLogChart({
      title: 'cost <vs> size', xLabel: 'objects', yLabel: 'µs/op',
      series: [{ name: 'index & co', points: [[1_000, 1], [10_000, 10]] }, { name: 'scan', points: [[1_000, 5], [10_000, 60], [100_000, 700]] }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('cost &lt;vs&gt; size');
    expect(svg).toContain('index &amp; co');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(balancedTags(svg)).toBe(true);
    expect(escapeXml(`a"b'c`)).toBe('a&quot;b&apos;c');
  });

  it('makes a chart per suite and unit with at least two sizes on a line', () => {
    const fig = (name: string, unit: string, series: string | undefined, size: number, value: number) =>
      ({ name, unit, value, samples: 1, rme: 0, better: 'smaller' as const, series, size });
    const charts = suiteCharts([
      { id: 'a', title: 'A', notes: [], figures: [fig('1', 's', 'x', 1, 1), fig('2', 's', 'x', 10, 9), fig('3', 'MiB', 'y', 1, 1), fig('4', 'MiB', 'y', 10, 12)] },
      { id: 'b', title: 'B', notes: [], figures: [fig('1', 's', 'x', 1, 1), fig('2', 's', undefined, 10, 2)] },
    ]);
    expect(charts.map((c) => [c.suite, c.id])).toEqual([['a', 'a-s'], ['a', 'a-MiB']]);
    expect(unitSlug('µs/op')).toBe('us-per-op');
  });
});
