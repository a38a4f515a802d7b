// `kubemodel bench`: run the suites and write the report under reports/out/:
// bench-<commit>.json, bench-<commit>.md and an SVG chart per suite with
// sizes. Flags are checked before anything runs; a bad --compare file is a
// BenchUsageError (exit status 2 in the CLI). The files are one report set,
// swapped in whole (properties/report-set.ts).
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import {
  ReportReadError, buildReport, findPrevious, readReport, renderMarkdown, suiteCharts,
  type BenchReport, type Machine,
} from '../reports/bench/index.js';
import { writeBenchSet } from '../reports/bench/files.js';
import { ProgressReporter, type ProgressSink } from './progress.js';
import { SUITES } from './suites.js';
import type { Suite, SuiteResult } from './types.js';
import { checkReportDir, ReportDirError } from '../properties/report-set.js';
import { parseDuration } from '../runtime/clock.js';

export interface BenchFlags { quick?: boolean; compare?: string; timeLimit?: string }

/** The bench's own time budget unless --time-limit says otherwise: quick runs are meant for CI. */
export const DEFAULT_BENCH_TIME_LIMIT_MS = { quick: 60_000, full: 30 * 60_000 };

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
  const known = new Set(['quick', 'compare', 'timeLimit']);
  for (const k of Object.keys(flags)) if (!known.has(k)) throw new BenchUsageError(`unknown option "${k}"`);
  if (flags.timeLimit !== undefined) {
    let ms: number;
    try { ms = parseDuration(flags.timeLimit); } catch (e) { throw new BenchUsageError(`invalid --time-limit "${flags.timeLimit}": ${(e as Error).message}`); }
    if (ms <= 0) throw new BenchUsageError(`invalid --time-limit "${flags.timeLimit}": must be more than 0s`);
  }
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
  try { checkReportDir(outDir); } catch (e) {
    if (e instanceof ReportDirError) throw new BenchUsageError(e.message);
    throw e;
  }
  const stderr = deps.stderr ?? process.stderr;
  const stdout = deps.stdout ?? process.stdout;
  const { commit, dirty } = deps.commit ?? currentCommit();
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const t0 = performance.now();
  const limitMs = flags.timeLimit !== undefined ? parseDuration(flags.timeLimit) : DEFAULT_BENCH_TIME_LIMIT_MS[quick ? 'quick' : 'full'];
  const timeLeftMs = () => limitMs - (performance.now() - t0);
  const progress = new ProgressReporter(stderr, suites.length);
  progress.note(`bench: ${quick ? 'quick' : 'full'} run of ${suites.length} suite(s) at ${commit}${dirty ? ' (uncommitted changes)' : ''}`);
  const results: SuiteResult[] = [];
  for (const s of suites) {
    const p = progress.suite(s.title);
    // A suite that would start past the budget is left out, and the report says so.
    if (timeLeftMs() <= 0) { results.push({ id: s.id, title: s.title, figures: [], notes: ['Not run: the time budget was spent.'], skipped: true }); continue; }
    const r = await s.run({ quick, progress: p, timeLeftMs });
    results.push({ id: s.id, title: s.title, figures: r.figures, notes: r.notes ?? [], ...(r.skipped ? { skipped: true } : {}) });
  }
  progress.done();
  const previous = against ? { file: flags.compare!, report: against } : findPrevious(outDir, commit);
  const report = buildReport({
    commit, dirty, date: started.toISOString(), quick, machine: machine(loadAtStart), durationMs: performance.now() - t0,
    suites: results, previous: previous ? { file: relative(outDir, previous.file) || previous.file, report: previous.report } : undefined,
  });
  const base = `bench-${commit}`;
  // One report set: the charts, the JSON and the Markdown change together.
  // Each is public as outDir/<file>, so the Markdown's links to its charts
  // (plain `bench-<commit>-<chart>.svg`) resolve beside it.
  const set: Array<{ file: string; text: string }> = [];
  const chartFiles = new Map<string, Array<{ file: string; title: string }>>();
  for (const ch of suiteCharts(results)) {
    const file = `${base}-${ch.id}.svg`;
    set.push({ file, text: ch.svg });
    chartFiles.set(ch.suite, [...(chartFiles.get(ch.suite) ?? []), { file, title: ch.title }]);
  }
  set.push({ file: `${base}.json`, text: `${JSON.stringify(report, null, 2)}\n` });
  set.push({ file: `${base}.md`, text: renderMarkdown(report, chartFiles) });
  const files = writeBenchSet(outDir, commit, set);
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
