// `kubemodel bench`: run the suites and write the report under reports/out/:
// bench-<commit>.json, bench-<commit>.md and an SVG chart per suite with
// sizes. Flags are checked before anything runs; a bad --compare file is a
// BenchUsageError (exit status 2 in the CLI). Files are written atomically.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import {
  ReportReadError, buildReport, findPrevious, readReport, renderMarkdown, suiteCharts, writeAtomic,
  type BenchReport, type Machine,
} from '../reports/bench/index.js';
import { ProgressReporter, type ProgressSink } from './progress.js';
import { SUITES } from './suites.js';
import type { Suite, SuiteResult } from './types.js';

export interface BenchFlags { quick?: boolean; compare?: string }

/** Bad flags or an unusable --compare file. */
export class BenchUsageError extends Error {
  constructor(message: string) { super(message); this.name = 'BenchUsageError'; }
}

/** What tests (and embedders) can replace. */
export interface BenchDeps {
  suites?: readonly Suite[];
  /** Where the report goes; reports/out under the working directory by default. */
  outDir?: string;
  /** Progress and notes; process.stderr by default. */
  stderr?: ProgressSink;
  /** The summary of what was written; process.stdout by default. */
  stdout?: { write(text: string): unknown };
  /** The commit to name the report after; `git rev-parse --short HEAD` by default. */
  commit?: { commit: string; dirty: boolean };
}

export interface BenchOutcome { report: BenchReport; files: string[] }

export const DEFAULT_OUT_DIR = join('reports', 'out');

/** The short commit, or 'nogit' outside a repository; dirty when the work tree has changes. */
export function currentCommit(cwd = process.cwd()): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    let dirty = false;
    try { dirty = git('status', '--porcelain', '--untracked-files=no').length > 0; } catch { /* unknown: say clean */ }
    return { commit, dirty };
  } catch {
    return { commit: 'nogit', dirty: false };
  }
}

export function machine(loadAtStart: number): Machine {
  const cpu = cpus();
  return {
    node: process.version, cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, memoryBytes: totalmem(),
    platform: process.platform, arch: process.arch, loadAverage: { start: loadAtStart, end: loadavg()[0]! },
  };
}

function checkFlags(flags: BenchFlags): BenchReport | undefined {
  const known = new Set(['quick', 'compare']);
  for (const k of Object.keys(flags)) if (!known.has(k)) throw new BenchUsageError(`unknown option "${k}"`);
  if (flags.compare === undefined) return undefined;
  if (typeof flags.compare !== 'string' || flags.compare === '') throw new BenchUsageError('--compare needs a file');
  try { return readReport(flags.compare); } catch (e) {
    if (e instanceof ReportReadError) throw new BenchUsageError(`--compare: ${e.message}`);
    throw e;
  }
}

/** Run the suites, write the report; returns what was written. */
export async function runBenchReport(flags: BenchFlags, deps: BenchDeps = {}): Promise<BenchOutcome> {
  const against = checkFlags(flags);
  const quick = flags.quick === true;
  const suites = deps.suites ?? SUITES;
  const outDir = deps.outDir ?? DEFAULT_OUT_DIR;
  const stderr = deps.stderr ?? process.stderr;
  const stdout = deps.stdout ?? process.stdout;
  const { commit, dirty } = deps.commit ?? currentCommit();
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();
  const progress = new ProgressReporter(stderr, suites.length);
  progress.note(`bench: ${quick ? 'quick' : 'full'} run of ${suites.length} suite(s) at ${commit}${dirty ? ' (uncommitted changes)' : ''}`);
  const results: SuiteResult[] = [];
  for (const s of suites) {
    const p = progress.suite(s.title);
    const r = await s.run({ quick, progress: p });
    results.push({ id: s.id, title: s.title, figures: r.figures, notes: r.notes ?? [] });
  }
  progress.done();
  const previous = against ? { file: flags.compare!, report: against } : findPrevious(outDir, commit);
  const report = buildReport({
    commit, dirty, date: started.toISOString(), quick, machine: machine(loadAtStart), durationMs: performance.now() - t0,
    suites: results, previous: previous ? { file: relative(outDir, previous.file) || previous.file, report: previous.report } : undefined,
  });
  const base = `bench-${commit}`;
  const files: string[] = [];
  const chartFiles = new Map<string, Array<{ file: string; title: string }>>();
  for (const ch of suiteCharts(results)) {
    const file = `${base}-${ch.id}.svg`;
    writeAtomic(join(outDir, file), ch.svg);
    files.push(join(outDir, file));
    chartFiles.set(ch.suite, [...(chartFiles.get(ch.suite) ?? []), { file, title: ch.title }]);
  }
  writeAtomic(join(outDir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  files.push(join(outDir, `${base}.json`));
  writeAtomic(join(outDir, `${base}.md`), renderMarkdown(report, chartFiles));
  files.push(join(outDir, `${base}.md`));
  const regressions = report.comparison?.changes.filter((c) => c.verdict === 'regression').length;
  const against2 = report.comparison ? `; compared with ${report.comparison.file}: ${regressions} regression(s)` : '';
  stdout.write(`wrote ${files.join(', ')} in ${(report.durationMs / 1000).toFixed(1)}s${against2}\n`);
  return { report, files };
}

/** The CLI entry: the exit status (0: the report was written; regressions are in the report, not the status). */
export async function runBench(flags: BenchFlags, deps: BenchDeps = {}): Promise<number> {
  await runBenchReport(flags, deps);
  return 0;
}
