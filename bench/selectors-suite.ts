// The selectors suite: runSelectorBench (parse, compiled match, list over a
// mixed ~3% selector) plus, in the same run, the naive baselines and the
// list-by-selector sweep over sizes and selectivities (bench/selectivity.ts).
import { runSelectorBench } from './selectors.bench.js';
import { runNaiveMatchBench, runSelectivityBench } from './selectivity.js';
import { betterFor, type Figure, type RawResult, type Suite } from './types.js';

// upstream: k8s.io/apimachinery/pkg/labels benchmarks on the reference machine.
const REFERENCES: Record<string, { value: number; source: string }> = {
  'parse selector': { value: 3_200, source: 'Go labels.Parse' },
  'match hit': { value: 30, source: 'Go Selector.Matches (hit)' },
  'match miss': { value: 8.6, source: 'Go Selector.Matches (miss)' },
  'list 100k: full scan': { value: 1_500, source: 'Go scan of 100k label sets' },
};

const SIZES_QUICK = [1_000, 10_000, 100_000] as const;
const SIZES_FULL = [1_000, 10_000, 100_000, 1_000_000] as const;

/** Give runSelectorBench's results their relations: baselines, series, upstream references. */
export function selectorFigures(raw: readonly RawResult[]): Figure[] {
  return raw.map((r): Figure => {
    const f: Figure = { ...r, better: betterFor(r.unit) };
    const ref = REFERENCES[r.name];
    if (ref) f.reference = ref;
    if (r.name === 'match hit') f.baseline = 'naive match hit (parse + match)';
    const list = /^list (\d+)k: (index|full scan)$/.exec(r.name);
    if (list) {
      f.size = Number(list[1]) * 1000;
      f.sizeUnit = 'objects';
      f.series = `${list[2]} (mixed ~3% selector)`;
      if (list[2] === 'index') f.baseline = `list ${list[1]}k: full scan`;
    }
    return f;
  });
}

export const selectorsSuite: Suite = {
  id: 'selectors',
  title: 'Selectors',
  async run({ quick, progress }) {
    progress.step('parse, match, list (mixed selector)', 0, 3);
    const figures = selectorFigures(await runSelectorBench({ quick }));
    progress.step('naive match baseline', 1, 3);
    figures.push(...(await runNaiveMatchBench(quick)));
    progress.step('list by selector: sizes × selectivities', 2, 3);
    figures.push(...(await runSelectivityBench({ quick, sizes: quick ? SIZES_QUICK : SIZES_FULL, progress })));
    return {
      figures,
      notes: [
        'Naive baseline: a full scan that parses the selector text again for every object (no compiled matcher, no index).',
        'Selectivity sweep: `app=bench,sN=v0` over objects whose `s1000`/`s10`/`s1` labels cycle through 1000/10/1 values, so 0.1%, 10% and 100% of them match with the same selector shape.',
        '"index" is the store\'s LabelIndex; "scan" is a full scan with the compiled selector.',
      ],
    };
  },
};
