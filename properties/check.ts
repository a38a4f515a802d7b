// `kubemodel check`: the properties, on generated clusters, with a progress
// bar, a summary table and a report under reports/out/. The seed comes first
// and every failure ends with the commands that reproduce it (TigerBeetle's
// VOPR habit). A library like the runtime: the CLI maps the exit status and
// CheckUsageError (bad input: exit 2, one line) — this file never exits.
import { join, relative } from 'node:path';
import { parseDuration } from '../runtime/clock.js';
import type { Property, PropertyResult } from './suites/types.js';
import type { ControllerModule } from './controllers/module.js';
import { harnessOf, type Harness } from './registry.js';
import { checkReportDir, ReportDirError } from './report-set.js';
import { ProgressLine } from './progress.js';
import { renderTable, writeReport, type CheckReport, type PropertyReport } from './report.js';
import { failureReport, printFailure } from './failure.js';

export interface CheckFlags {
  runs?: string;
  seed?: string;
  property?: string[];
  inject?: string[];
  timeLimit?: string;
  list?: boolean;
  /** fast-check's counterexample path, to replay one property's failure (needs --seed and one --property). */
  path?: string;
  /** The users' controller modules loaded (absolute paths): a counterexample names them for its replay. */
  modules?: string[];
}

/** Bad flags: the CLI prints `error: <message>` and exits 2. Nothing has run or been printed. */
export class CheckUsageError extends Error {
  constructor(message: string) { super(message); this.name = 'CheckUsageError'; }
}

/** What `kubemodel check` with no flags may spend, in wall time, over all properties. */
export const DEFAULT_TIME_LIMIT_MS = 90_000;
/** fast-check seeds are 32-bit. */
const MAX_SEED = 2 ** 32 - 1;

export interface CheckIO {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Draw the progress bar (stderr is a terminal). */
  isTTY: boolean;
  /** Where reports and counterexamples go (reports/out). */
  outDir: string;
  env: Record<string, string | undefined>;
  /** Wall clock, for a seed when none is given and for the report's start time. */
  now(): number;
  /**
   * Milliseconds the command has run, from its start (the CLI: since the
   * process started, so that --time-limit bounds the whole process).
   */
  elapsedMs?(): number;
}

export function defaultIO(): CheckIO {
  return {
    stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY), outDir: join(process.cwd(), 'reports', 'out'),
    env: process.env, now: () => Date.now(), elapsedMs: () => performance.now(),
  };
}

export async function runCheck(flags: CheckFlags, controllers: readonly ControllerModule[]): Promise<number> {
  return runCheckWith(flags, defaultIO(), controllers);
}

/** The seed `check` uses in CI when none is given: fixed, so every CI run can be replayed. */
export const CI_SEED = 1;

interface Plan { seed: number; seedNote: string; properties: Property[]; catchers: Property[]; runs?: number; bugs: string[]; timeLimitMs: number; path?: string; harness: Harness }

function parseSeed(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) throw new CheckUsageError(`invalid ${what} "${text}": must be an integer from 0 to ${MAX_SEED}`);
  return Number(text);
}

/** Every flag checked before anything runs. */
export function plan(flags: CheckFlags, io: Pick<CheckIO, 'env' | 'now'>, controllers: readonly ControllerModule[]): Plan {
  const harness = harnessOf(controllers);
  const names = flags.property ?? [];
  for (const n of names) {
    if (!harness.property(n)) throw new CheckUsageError(`unknown property "${n}" (known: ${harness.properties.map((p) => p.name).join(', ')})`);
  }
  const bugs = flags.inject ?? [];
  for (const b of bugs) if (!harness.bug(b)) throw new CheckUsageError(`unknown bug "${b}" (see kubemodel check --list)`);
  let runs: number | undefined;
  if (flags.runs !== undefined) {
    if (!/^\d+$/.test(flags.runs) || Number(flags.runs) < 1 || Number(flags.runs) > 1_000_000) throw new CheckUsageError(`invalid --runs "${flags.runs}": must be an integer from 1 to 1000000`);
    runs = Number(flags.runs);
  }
  let timeLimitMs = DEFAULT_TIME_LIMIT_MS;
  if (flags.timeLimit !== undefined) {
    try { timeLimitMs = parseDuration(flags.timeLimit); } catch (e) { throw new CheckUsageError(`invalid --time-limit "${flags.timeLimit}": ${(e as Error).message}`); }
    if (timeLimitMs <= 0) throw new CheckUsageError(`invalid --time-limit "${flags.timeLimit}": must be more than 0s`);
  }
  let seed: number, seedNote = '';
  if (flags.seed !== undefined) seed = parseSeed(flags.seed, '--seed');
  else if (io.env.KUBEMODEL_SEED !== undefined) { seed = parseSeed(io.env.KUBEMODEL_SEED, 'KUBEMODEL_SEED'); seedNote = ' (KUBEMODEL_SEED)'; }
  else if (io.env.CI) { seed = CI_SEED; seedNote = ' (the fixed CI seed; --seed or KUBEMODEL_SEED to change it)'; }
  else seed = io.now() % 2 ** 31;
  let properties = names.length > 0 ? harness.properties.filter((p) => names.includes(p.name)) : [...harness.properties];
  // With a bug injected, its declared catcher goes first: the rest run only if it does not catch it.
  let catchers: Property[] = [];
  if (names.length === 0 && bugs.length > 0) {
    catchers = [...new Set(bugs.map((b) => harness.bug(b)!.property))].map((n) => harness.property(n)).filter((x): x is Property => x !== undefined);
    properties = [...catchers, ...properties.filter((x) => !catchers.includes(x))];
  } else {
    // The budget is shared among the properties still to run, so the ones asking for the fewest runs go
    // first: what they leave over goes to the big ones. The report keeps the declared order.
    properties = properties.map((x, i) => ({ x, i })).sort((a, b) => (runs ?? a.x.defaultRuns) - (runs ?? b.x.defaultRuns) || a.i - b.i).map(({ x }) => x);
  }
  if (flags.path !== undefined && properties.length !== 1) throw new CheckUsageError('--path replays one property: name it with --property');
  return { seed, seedNote, properties, catchers, runs, bugs, timeLimitMs, path: flags.path, harness };
}

export function listText(controllers: readonly ControllerModule[]): string {
  const h = harnessOf(controllers);
  const w = Math.max(...h.properties.map((p) => p.name.length), ...h.bugs.map((b) => b.name.length));
  const out = ['properties:'];
  for (const p of h.properties) out.push(`  ${p.name.padEnd(w)}  ${p.description} (invariant ${p.invariant}; ${p.defaultRuns} runs)`);
  out.push('bugs:');
  for (const b of h.bugs) out.push(`  ${b.name.padEnd(w)}  ${b.component}: ${b.description} (caught by ${b.property}, invariant ${b.invariant})`);
  return out.join('\n') + '\n';
}

/** The injected bugs a failed property accounts for: those it is declared to catch, or else all of them. */
function attribute(h: Harness, bugs: readonly string[], prop: Property, invariant: string): string[] {
  const declared = bugs.filter((b) => { const d = h.bug(b)!; return d.property === prop.name || d.invariant === invariant; });
  return declared.length > 0 ? declared : [...bugs];
}

export function runCheckWith(flags: CheckFlags, io: CheckIO, controllers: readonly ControllerModule[]): number {
  if (flags.list) { io.stdout(listText(controllers)); return 0; }
  const p = plan(flags, io, controllers);
  // Where the report goes must be writable before anything runs: finding out after the run loses it.
  try { checkReportDir(io.outDir); } catch (e) {
    if (e instanceof ReportDirError) throw new CheckUsageError(e.message);
    throw e;
  }
  const started = io.now();
  const t0 = performance.now();
  const elapsed = io.elapsedMs ?? (() => performance.now() - t0);
  // The limit is a budget for the whole command: kept inside each run and while shrinking (the
  // properties ask `interrupt`), with a little kept back for writing the report.
  const budgetMs = p.timeLimitMs - Math.min(500, p.timeLimitMs * 0.03);
  io.stdout(`seed: ${p.seed}${p.seedNote}\n`);
  if (p.bugs.length > 0) io.stdout(`injected: ${p.bugs.join(', ')}\n`);
  const width = Math.max(...p.properties.map((x) => x.name.length));
  const reports: PropertyReport[] = [];
  const failures: Array<{ property: Property; result: PropertyResult }> = [];
  const caughtBy = new Map<string, string[]>(p.bugs.map((b) => [b, []]));
  const skipped: string[] = [];
  p.properties.forEach((prop, i) => {
    if (p.bugs.length > 0 && p.path === undefined && (flags.property ?? []).length === 0 && [...caughtBy.values()].every((by) => by.length > 0)) {
      skipped.push(prop.name);
      return;
    }
    const totalRuns = p.runs ?? prop.defaultRuns;
    // What is left of the limit, shared among the properties still to run.
    // What is left of the budget, shared among the properties still to run; an injected bug's declared
    // catcher, run first, gets most of it (the others run only if it does not catch the bug).
    const left = budgetMs - elapsed();
    const catchersLeft = p.catchers.filter((c) => p.properties.indexOf(c) >= i).length;
    const timeLimitMs = Math.max(1, p.catchers.includes(prop) ? (left * 0.8) / catchersLeft : left / (p.properties.length - i));
    const until = elapsed() + timeLimitMs;
    const interrupt = () => elapsed() > until;
    const line = new ProgressLine({ write: io.stderr, isTTY: io.isTTY }, prop.name, width);
    const result = prop.run({ controllers, seed: p.seed, runs: totalRuns, path: p.path, bugs: p.bugs, timeLimitMs, interrupt, onProgress: (x) => line.update(x) });
    line.done(result, totalRuns);
    const rep: PropertyReport = {
      property: prop.name, description: prop.description, invariant: prop.invariant, ok: result.ok,
      runs: result.runs, totalRuns, events: result.events, failures: result.ok ? 0 : 1, timeMs: result.timeMs, interrupted: result.interrupted,
      verdict: !result.ok ? 'failed' : result.interrupted ? 'partial' : 'ok',
    };
    if (result.failure) {
      rep.failure = failureReport(prop, result, { outDir: io.outDir, runsFlag: flags.runs, modules: flags.modules });
      failures.push({ property: prop, result });
      for (const b of attribute(p.harness, p.bugs, prop, result.failure.invariant)) caughtBy.get(b)!.push(prop.name);
    }
    reports.push(rep);
  });
  // In the order the properties are declared, whatever order they ran in.
  const declared = (name: string) => p.harness.properties.findIndex((x) => x.name === name);
  reports.sort((a, b) => declared(a.property) - declared(b.property));
  const report: CheckReport = {
    seed: p.seed, bugs: p.bugs, startedAt: new Date(started).toISOString(), timeMs: performance.now() - t0, timeLimitMs: p.timeLimitMs,
    ok: failures.length === 0, properties: reports,
    notCaught: p.bugs.filter((b) => caughtBy.get(b)!.length === 0),
    caught: p.bugs.filter((b) => caughtBy.get(b)!.length > 0).map((b) => ({ bug: b, by: caughtBy.get(b)!, catcher: p.harness.bug(b)!.property })),
    skipped, partial: reports.some((r) => r.verdict === 'partial'),
  };
  io.stdout('\n');
  for (const r of reports) if (r.failure) io.stdout(printFailure(r) + '\n');
  io.stdout(renderTable(report));
  const files = writeReport(io.outDir, report);
  const shown = (f: string) => relative(process.cwd(), f) || f;
  io.stdout(`report: ${shown(files.markdown)}, ${shown(files.json)}\n`);
  for (const c of report.caught) io.stdout(`caught: ${c.bug} by ${c.by.join(', ')}${c.by[0] === c.catcher ? ' (its declared catcher)' : ` (declared catcher: ${c.catcher})`}\n`);
  for (const b of report.notCaught) io.stdout(`not caught: ${b} (no property failed)\n`);
  if (skipped.length > 0) io.stdout(`not run, the injected bugs being caught: ${skipped.join(', ')}\n`);
  if (report.partial && report.ok) io.stdout('partial: the time limit stopped some properties before all their runs (see RESULT)\n');
  return failures.length === 0 ? 0 : 1;
}
