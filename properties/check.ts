// `kubemodel check`: the properties, on generated clusters, with a progress
// bar, a summary table and a report under reports/out/. The seed comes first
// and every failure ends with the commands that reproduce it (TigerBeetle's
// VOPR habit). A library like the runtime: the CLI maps the exit status and
// CheckUsageError (bad input: exit 2, one line) — this file never exits.
import { join, relative } from 'node:path';
import { BUG_SWITCHES, KNOWN_BUGS } from '../runtime/bugs.js';
import { parseDuration } from '../runtime/clock.js';
import { PROPERTIES, propertyByName, type Property, type PropertyResult } from './suites/index.js';
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
}

export function defaultIO(): CheckIO {
  return {
    stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY), outDir: join(process.cwd(), 'reports', 'out'),
    env: process.env, now: () => Date.now(),
  };
}

export async function runCheck(flags: CheckFlags): Promise<number> {
  return runCheckWith(flags, defaultIO());
}

interface Plan { seed: number; properties: Property[]; runs?: number; bugs: string[]; timeLimitMs: number; path?: string }

function parseSeed(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) throw new CheckUsageError(`invalid ${what} "${text}": must be an integer from 0 to ${MAX_SEED}`);
  return Number(text);
}

/** Every flag checked before anything runs. */
export function plan(flags: CheckFlags, io: Pick<CheckIO, 'env' | 'now'>): Plan {
  const names = flags.property ?? [];
  for (const n of names) {
    if (!propertyByName(n)) throw new CheckUsageError(`unknown property "${n}" (known: ${PROPERTIES.map((p) => p.name).join(', ')})`);
  }
  const bugs = flags.inject ?? [];
  for (const b of bugs) if (!KNOWN_BUGS.has(b)) throw new CheckUsageError(`unknown bug "${b}" (see kubemodel check --list)`);
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
  let seed: number;
  if (flags.seed !== undefined) seed = parseSeed(flags.seed, '--seed');
  else if (io.env.KUBEMODEL_SEED !== undefined) seed = parseSeed(io.env.KUBEMODEL_SEED, 'KUBEMODEL_SEED');
  else if (io.env.CI) throw new CheckUsageError('a seed is required in CI: pass --seed or set KUBEMODEL_SEED');
  else seed = io.now() % 2 ** 31;
  const properties = names.length > 0 ? PROPERTIES.filter((p) => names.includes(p.name)) : [...PROPERTIES];
  if (flags.path !== undefined && properties.length !== 1) throw new CheckUsageError('--path replays one property: name it with --property');
  return { seed, properties, runs, bugs, timeLimitMs, path: flags.path };
}

export function listText(): string {
  const w = Math.max(...PROPERTIES.map((p) => p.name.length), ...BUG_SWITCHES.map((b) => b.name.length));
  const out = ['properties:'];
  for (const p of PROPERTIES) out.push(`  ${p.name.padEnd(w)}  ${p.description} (invariant ${p.invariant}; ${p.defaultRuns} runs)`);
  out.push('bugs:');
  for (const b of BUG_SWITCHES) out.push(`  ${b.name.padEnd(w)}  ${b.component}: ${b.description}`);
  return out.join('\n') + '\n';
}

export function runCheckWith(flags: CheckFlags, io: CheckIO): number {
  if (flags.list) { io.stdout(listText()); return 0; }
  const p = plan(flags, io);
  const started = io.now();
  const t0 = performance.now();
  io.stdout(`seed: ${p.seed}\n`);
  if (p.bugs.length > 0) io.stdout(`injected: ${p.bugs.join(', ')}\n`);
  const width = Math.max(...p.properties.map((x) => x.name.length));
  const reports: PropertyReport[] = [];
  const failures: Array<{ property: Property; result: PropertyResult }> = [];
  p.properties.forEach((prop, i) => {
    const totalRuns = p.runs ?? prop.defaultRuns;
    // What is left of the limit, shared among the properties still to run.
    const timeLimitMs = Math.max(1, (p.timeLimitMs - (performance.now() - t0)) / (p.properties.length - i));
    const line = new ProgressLine({ write: io.stderr, isTTY: io.isTTY }, prop.name, width);
    const result = prop.run({ seed: p.seed, runs: totalRuns, path: p.path, bugs: p.bugs, timeLimitMs, onProgress: (x) => line.update(x) });
    line.done(result, totalRuns);
    const rep: PropertyReport = {
      property: prop.name, description: prop.description, invariant: prop.invariant, ok: result.ok,
      runs: result.runs, totalRuns, events: result.events, failures: result.ok ? 0 : 1, timeMs: result.timeMs, interrupted: result.interrupted,
    };
    if (result.failure) {
      rep.failure = failureReport(prop, result, { outDir: io.outDir, runsFlag: flags.runs });
      failures.push({ property: prop, result });
    }
    reports.push(rep);
  });
  const report: CheckReport = {
    seed: p.seed, bugs: p.bugs, startedAt: new Date(started).toISOString(), timeMs: performance.now() - t0, timeLimitMs: p.timeLimitMs,
    ok: failures.length === 0, properties: reports, notCaught: failures.length === 0 ? p.bugs : [],
  };
  io.stdout('\n');
  for (const r of reports) if (r.failure) io.stdout(printFailure(r) + '\n');
  io.stdout(renderTable(report));
  const files = writeReport(io.outDir, report);
  const shown = (f: string) => relative(process.cwd(), f) || f;
  io.stdout(`report: ${shown(files.markdown)}, ${shown(files.json)}\n`);
  if (p.bugs.length > 0) {
    if (failures.length > 0) io.stdout(`caught: ${p.bugs.join(', ')} by ${failures.map((f) => f.property.name).join(', ')}\n`);
    else io.stdout(`not caught: ${p.bugs.join(', ')} (no property failed)\n`);
  }
  return failures.length === 0 ? 0 : 1;
}
