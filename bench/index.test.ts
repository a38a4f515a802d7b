// runBench end to end, in-process, with fake suites: the report's structure
// (files, JSON fields, a table per suite, charts) and the comparison with
// an earlier report. Never timings.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { balancedTags } from '../reports/bench/xmlcheck.js';
import { BenchUsageError, runBench, runBenchReport, type BenchDeps } from './index.js';
import type { Figure, Suite } from './types.js';

/** A suite that returns the figures it is given (costs scaled by `factor`). */
function fakeSuite(id: string, factor = 1): Suite {
  const f = (name: string, value: number, extra: Partial<Figure> = {}): Figure =>
    ({ name, unit: 'ms', value: value * factor, samples: 5, rme: 2, better: 'smaller', ...extra });
  return {
    id, title: `Suite ${id}`,
    async run({ progress }) {
      progress.step('one', 0, 2);
      progress.step('one and a half', 0.5, 2);
      progress.step('two', 1, 2);
      return {
        notes: [`fake ${id}`],
        figures: [
          f('naive 1k', 100, { series: 'naive', size: 1_000, sizeUnit: 'objects' }),
          f('naive 10k', 1_000, { series: 'naive', size: 10_000, sizeUnit: 'objects' }),
          f('fast 1k', 1, { series: 'fast', size: 1_000, baseline: 'naive 1k', reference: { value: 2, source: 'Go' } }),
          f('fast 10k', 100, { series: 'fast', size: 10_000, baseline: 'naive 10k' }),
          { name: 'rate', unit: 'ops/s', value: 50 / factor, samples: 5, rme: 2, better: 'larger' },
        ],
      };
    },
  };
}

let dir: string;
let err: string[];
let out: string[];
const deps = (commit: string, factor = 1): BenchDeps => ({
  suites: [fakeSuite('alpha', factor), fakeSuite('beta', factor)], outDir: dir, commit: { commit, dirty: false },
  stderr: { write: (s: string) => err.push(s), isTTY: false }, stdout: { write: (s: string) => out.push(s) },
});

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'kubemodel-bench-')); err = []; out = []; });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runBench', () => {
  it('writes the JSON, the Markdown and the charts, and exits 0', async () => {
    expect(await runBench({ quick: true }, deps('abc1234'))).toBe(0);
    // The public names, beside the set's own machinery (.sets/ and the bench-<commit>.set link).
    const files = readdirSync(dir).filter((f) => f !== '.sets' && !f.endsWith('.set')).sort();
    expect(files).toEqual(['bench-abc1234-alpha.svg', 'bench-abc1234-beta.svg', 'bench-abc1234.json', 'bench-abc1234.md']);

    const json = JSON.parse(readFileSync(join(dir, 'bench-abc1234.json'), 'utf8'));
    expect(json).toMatchObject({ schema: 'kubemodel-bench/1', commit: 'abc1234', quick: true, dirty: false });
    expect(typeof json.date).toBe('string');
    expect(json.machine).toEqual(expect.objectContaining({ node: process.version, cpu: expect.any(String), cores: expect.any(Number) }));
    expect(json.suites.map((s: { id: string }) => s.id)).toEqual(['alpha', 'beta']);
    for (const s of json.suites) {
      for (const f of s.figures) expect(f).toEqual(expect.objectContaining({ name: expect.any(String), unit: expect.any(String), value: expect.any(Number), samples: expect.any(Number), rme: expect.any(Number) }));
    }
    expect(json.ratios).toHaveLength(4);
    expect(json.growth.map((g: { series: string }) => g.series)).toEqual(['naive', 'fast', 'naive', 'fast']);
    // github-action-benchmark: costs only, each with name, unit, value.
    expect(json.customSmallerIsBetter).toHaveLength(8);
    for (const e of json.customSmallerIsBetter) expect(e).toEqual(expect.objectContaining({ name: expect.any(String), unit: 'ms', value: expect.any(Number) }));
    expect(json.comparison).toBeUndefined();

    const md = readFileSync(join(dir, 'bench-abc1234.md'), 'utf8');
    expect(md.match(/^## /gm)).toHaveLength(2);
    for (const title of ['Suite alpha', 'Suite beta']) {
      const section = md.split(`## ${title}`)[1]!.split('\n## ')[0]!;
      expect(section).toMatch(/^\| Figure \| Value \| Unit \|/m);
      expect(section).toContain('100× faster than naive');
      expect(section).toMatch(/Growth exponents/);
    }
    expect(md).toContain('](bench-abc1234-alpha.svg)');

    const svg = readFileSync(join(dir, 'bench-abc1234-alpha.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(balancedTags(svg)).toBe(true);
  });

  it('prints plain progress lines when stderr is not a terminal, one per whole step', async () => {
    await runBench({}, deps('abc1234'));
    const text = err.join('');
    expect(text).not.toContain('\r');
    expect(text).toContain('bench [1/2] Suite alpha: two\n');
    expect(text).not.toContain('one and a half');
    expect(out.join('')).toContain('bench-abc1234.md');
  });

  it('compares with the most recent earlier report of another commit and flags regressions', async () => {
    await runBenchReport({}, deps('old0001'));
    const { report } = await runBenchReport({}, deps('new0002', 1.5));
    expect(report.comparison?.commit).toBe('old0001');
    const verdicts = new Set(report.comparison!.changes.map((c) => c.verdict));
    expect(verdicts).toEqual(new Set(['regression']));
    const md = readFileSync(join(dir, 'bench-new0002.md'), 'utf8');
    expect(md).toContain('| Change |');
    expect(md).toContain('**+50.0% regression**');
    // The same commit again is not its own baseline; the older one still is.
    const again = await runBenchReport({}, deps('new0002'));
    expect(again.report.comparison?.commit).toBe('old0001');
  });

  it('takes --compare FILE, and finds nothing to compare in an empty directory', async () => {
    const first = await runBenchReport({}, deps('old0001'));
    expect(first.report.comparison).toBeUndefined();
    const elsewhere = join(dir, 'kept.json');
    writeFileSync(elsewhere, readFileSync(join(dir, 'bench-old0001.json')));
    const { report } = await runBenchReport({ compare: elsewhere }, deps('old0001', 1.02));
    expect(report.comparison?.changes.every((c) => c.verdict === 'within noise')).toBe(true);
  });

  it('throws BenchUsageError for an unreadable or foreign --compare file before running anything', async () => {
    await expect(runBench({ compare: join(dir, 'missing.json') }, deps('x'))).rejects.toThrow(BenchUsageError);
    writeFileSync(join(dir, 'bad.json'), '{"schema": "something-else"}');
    await expect(runBench({ compare: join(dir, 'bad.json') }, deps('x'))).rejects.toThrow(/not a kubemodel bench report/);
    writeFileSync(join(dir, 'broken.json'), '{');
    await expect(runBench({ compare: join(dir, 'broken.json') }, deps('x'))).rejects.toThrow(BenchUsageError);
    expect(err.join('')).toBe('');
  });

  it('keeps its time budget: a suite that would start after --time-limit is left out, and the report says so', async () => {
    // The first suite works until the budget is spent (it asks, as the cluster suite does before each run).
    const spender: Suite = {
      id: 'spender', title: 'Suite spender',
      async run({ timeLeftMs }) {
        while (timeLeftMs() > 0) await new Promise((r) => setTimeout(r, 1));
        return { figures: [{ name: 'one', unit: 'ms', value: 1, samples: 1, rme: 0, better: 'smaller' }], notes: [] };
      },
    };
    const { report } = await runBenchReport({ timeLimit: '30ms' }, { ...deps('budget1'), suites: [spender, fakeSuite('beta')] });
    expect(report.suites.map((s) => [s.id, s.figures.length, s.skipped ?? false])).toEqual([['spender', 1, false], ['beta', 0, true]]);
    expect(report.suites[1]!.notes).toEqual(['Not run: the time budget was spent.']);
    expect(readFileSync(join(dir, 'bench-budget1.md'), 'utf8')).toContain('Not run: the time budget was spent.');
  });

  it('stops a whole-cluster run still going when the budget is spent (the compiled worker, as the CLI runs it)', async () => {
    const { convergeIsolated } = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'bench', 'converge-worker.js')).href) as typeof import('./converge-worker.js');
    const t0 = performance.now();
    const r = await convergeIsolated({ nodes: 1_000, pods: 10_000 }, () => 200 - (performance.now() - t0));
    expect(r).toBeUndefined();
  });

  it('refuses a --time-limit that is not a positive Go duration before running anything', async () => {
    for (const bad of ['30', '-5s', '0s', 'soon']) {
      await expect(runBench({ timeLimit: bad }, deps('x'))).rejects.toThrow(BenchUsageError);
    }
    expect(err.join('')).toBe('');
  });

  it('leaves no temporary files behind', async () => {
    await runBench({}, deps('abc1234'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.') && f !== '.sets')).toEqual([]);
  });
});
