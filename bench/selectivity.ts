// List-by-selector at a chosen selectivity, three ways in the same run:
//   index  - the LabelIndex (candidates from the most selective posting, then matched);
//   scan   - a full scan with the compiled selector;
//   naive  - the deliberately naive baseline: a full scan that parses the
//            selector string again for every object it matches (no compiled
//            matcher, no index), as code that keeps selectors as strings does.
// Ratios against the naive run hold on a noisy machine, where absolute
// times do not. Selectors differ only in which label they pin, so the three
// selectivities (0.1%, 10%, 100%) have the same shape and cost per match.
import { Bench, type Task } from 'tinybench';
import type { Labels } from '../model/api/types.js';
import { LabelIndex, parseSelector } from '../model/labels/index.js';
import type { Figure, Progress } from './types.js';

/** Selectivity in percent → the selector that hits that share of selectivityLabels(). */
export const SELECTIVITIES: ReadonlyArray<{ pct: number; selector: string }> = [
  { pct: 0.1, selector: 'app=bench,s1000=v0' },
  { pct: 10, selector: 'app=bench,s10=v0' },
  { pct: 100, selector: 'app=bench,s1=v0' },
];

/** `n` label sets: `s1000` cycles through 1000 values, `s10` through 10, `s1` is constant. */
export function selectivityLabels(n: number): Labels[] {
  const tiers = ['fe', 'be', 'db'];
  const out: Labels[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      app: 'bench', tier: tiers[i % 3]!, s1: 'v0', s10: `v${i % 10}`, s1000: `v${i % 1000}`,
      'pod-template-hash': `h${i.toString(36)}`,
    };
  }
  return out;
}

/** The naive match: parse the selector text, then match. Every call. */
export function naiveMatches(selector: string, labels: Labels): boolean {
  return parseSelector(selector).matches(labels);
}

const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

let sink = 0;

function toFigures(tasks: readonly Task[], meta: Map<string, Omit<Figure, 'value' | 'samples' | 'rme'>>, scale: number): Figure[] {
  return tasks.map((t) => {
    const r = t.result;
    if (!r || r.error) throw r?.error ?? new Error(`benchmark ${t.name} produced no result`);
    const m = meta.get(t.name)!;
    return { ...m, value: r.latency.mean * scale, samples: r.latency.samples.length, rme: r.latency.rme };
  });
}

/** The naive single match next to nothing else: the report sets the compiled `match hit` against it. */
export async function runNaiveMatchBench(quick: boolean): Promise<Figure[]> {
  const BATCH = 100;
  const bench = new Bench({ time: quick ? 100 : 1_000, warmupTime: quick ? 20 : 250, iterations: quick ? 8 : 64, throws: true });
  const hit: Labels = { app: 'web', tier: 'fe', 'pod-template-hash': 'abc12' };
  const text = 'app=web,tier in (fe,be),!canary';
  if (!naiveMatches(text, hit)) throw new Error('the naive fixture does not match');
  bench.add('naive match hit (parse + match)', () => { for (let i = 0; i < BATCH; i++) if (naiveMatches(text, hit)) sink++; });
  await bench.run();
  const meta = new Map([['naive match hit (parse + match)', { name: 'naive match hit (parse + match)', unit: 'ns/op', better: 'smaller' as const }]]);
  return toFigures(bench.tasks, meta, 1e6 / BATCH);
}

/** List-by-selector over each size at each selectivity: index, compiled scan and the naive scan. */
export async function runSelectivityBench(opts: { quick: boolean; sizes: readonly number[]; progress?: Progress }): Promise<Figure[]> {
  const out: Figure[] = [];
  let done = 0;
  for (const n of opts.sizes) {
    opts.progress?.step(`list by selector over ${sizeLabel(n)} objects`, done++, opts.sizes.length);
    // The largest sizes take long per call: fewer samples keep the run bounded.
    const big = n >= 1_000_000;
    const bench = new Bench({
      time: opts.quick ? 100 : big ? 500 : 1_000,
      warmupTime: opts.quick ? 0 : big ? 0 : 200,
      warmupIterations: opts.quick || big ? 1 : 5,
      iterations: opts.quick ? 3 : big ? 5 : 16,
      throws: true,
    });
    const sets = selectivityLabels(n);
    const idx = new LabelIndex<number>();
    for (let i = 0; i < n; i++) idx.set(i, sets[i]);
    const meta = new Map<string, Omit<Figure, 'value' | 'samples' | 'rme'>>();
    for (const { pct, selector } of SELECTIVITIES) {
      const sel = parseSelector(selector);
      const expected = Math.round((n * pct) / 100);
      const hits = idx.select(sel).length;
      if (hits !== expected) throw new Error(`${selector} selects ${hits} of ${n}, expected ${expected}`);
      const base = `list ${sizeLabel(n)} @${pct}%`;
      const common = { unit: 'µs/op', better: 'smaller' as const, size: n, sizeUnit: 'objects' };
      meta.set(`${base}: naive`, { ...common, name: `${base}: naive`, series: `naive @${pct}%` });
      meta.set(`${base}: scan`, { ...common, name: `${base}: scan`, series: `scan @${pct}%`, baseline: `${base}: naive` });
      meta.set(`${base}: index`, { ...common, name: `${base}: index`, series: `index @${pct}%`, baseline: `${base}: naive` });
      bench.add(`${base}: naive`, () => {
        const found: number[] = [];
        for (let i = 0; i < sets.length; i++) if (naiveMatches(selector, sets[i]!)) found.push(i);
        sink += found.length;
      });
      bench.add(`${base}: scan`, () => {
        const found: number[] = [];
        for (let i = 0; i < sets.length; i++) if (sel.matches(sets[i])) found.push(i);
        sink += found.length;
      });
      bench.add(`${base}: index`, () => { sink += idx.select(sel).length; });
    }
    await bench.run();
    out.push(...toFigures(bench.tasks, meta, 1e3));
  }
  opts.progress?.step('list by selector', done, opts.sizes.length);
  if (sink === -1) console.log(sink);
  return out;
}
