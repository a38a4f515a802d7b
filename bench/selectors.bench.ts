// Selector benchmarks: parse, compiled match (hit and miss), and list-by-selector
// through the LabelIndex versus a full scan. Upstream Go on the reference
// machine: parse 3.2 µs, match 30 ns hit / 8.6 ns miss, scan of 100k sets 1.5 ms.
// Run standalone after a build: `node dist/bench/selectors.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import type { Labels } from '../model/api/types.js';
import { LabelIndex, parseSelector } from '../model/labels/index.js';
import { RandomStreams } from '../runtime/random.js';

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  samples: number;
  rme: number;
}

const SELECTOR = 'app=web,tier in (fe,be),!canary';
const SIZES = [1_000, 10_000, 100_000] as const;
// Nanosecond work is timed in batches: one timer read costs more than one match.
const PARSE_BATCH = 100;
const MATCH_BATCH = 1_000;

/**
 * Label sets shaped like a cluster's pods: 20 apps (one is `web`), three
 * tiers, 10% canaries, plus a unique hash label. About 3% match SELECTOR.
 */
export function podLabels(n: number, seed = 1): Labels[] {
  const rnd = new RandomStreams(seed).stream('bench/selectors');
  const tiers = ['fe', 'be', 'db'];
  const out: Labels[] = [];
  for (let i = 0; i < n; i++) {
    const l: Record<string, string> = {
      app: rnd.int(20) === 0 ? 'web' : `app-${rnd.int(19)}`,
      tier: tiers[rnd.int(3)]!,
      'pod-template-hash': `h${i.toString(36)}`,
    };
    if (rnd.int(10) === 0) l['canary'] = 'true';
    out.push(l);
  }
  return out;
}

// A sink the optimiser cannot see through, so measured work is not dropped.
let sink = 0;

export async function runSelectorBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const bench = new Bench({
    time: opts.quick ? 100 : 1_000,
    warmupTime: opts.quick ? 20 : 250,
    iterations: opts.quick ? 8 : 64,
    throws: true,
  });
  const perOp = new Map<string, { unit: string; scale: number }>();
  const add = (name: string, unit: string, scale: number, fn: () => void) => {
    perOp.set(name, { unit, scale });
    bench.add(name, fn);
  };

  add('parse selector', 'ns/op', 1e6 / PARSE_BATCH, () => {
    for (let i = 0; i < PARSE_BATCH; i++) sink += parseSelector(SELECTOR).requirements.length;
  });

  const sel = parseSelector(SELECTOR);
  const hit: Labels = { app: 'web', tier: 'fe', 'pod-template-hash': 'abc12' };
  const miss: Labels = { app: 'db', tier: 'fe', 'pod-template-hash': 'abc12' };
  if (!sel.matches(hit) || sel.matches(miss)) throw new Error('benchmark fixtures do not hit/miss as intended');
  add('match hit', 'ns/op', 1e6 / MATCH_BATCH, () => {
    for (let i = 0; i < MATCH_BATCH; i++) if (sel.matches(hit)) sink++;
  });
  add('match miss', 'ns/op', 1e6 / MATCH_BATCH, () => {
    for (let i = 0; i < MATCH_BATCH; i++) if (sel.matches(miss)) sink++;
  });

  for (const n of SIZES) {
    const sets = podLabels(n);
    const idx = new LabelIndex<number>();
    sets.forEach((l, i) => idx.set(i, l));
    const scanned = sets.filter((l) => sel.matches(l)).length;
    if (idx.select(sel).length !== scanned) throw new Error(`index and scan disagree at n=${n}`);
    add(`list ${n / 1000}k: index`, 'µs/op', 1e3, () => { sink += idx.select(sel).length; });
    add(`list ${n / 1000}k: full scan`, 'µs/op', 1e3, () => {
      const out: number[] = [];
      for (let i = 0; i < sets.length; i++) if (sel.matches(sets[i])) out.push(i);
      sink += out.length;
    });
  }

  await bench.run();
  return bench.tasks.map((t: Task) => {
    const r = t.result;
    if (!r || r.error) throw r?.error ?? new Error(`benchmark ${t.name} produced no result`);
    const { unit, scale } = perOp.get(t.name)!;
    return { name: t.name, unit, value: r.latency.mean * scale, samples: r.latency.samples.length, rme: r.latency.rme };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runSelectorBench({ quick: process.argv.includes('--quick') });
  console.table(results.map((r) => ({ ...r, value: Number(r.value.toPrecision(4)), rme: `±${r.rme.toFixed(1)}%` })));
  if (sink === -1) console.log(sink);
}
