// The `kubemodel check` report: a summary table for the terminal, and the
// same results as Markdown and JSON under reports/out/ (one report set, swapped whole),
// with each failure's violation, objects, counterexample file and the
// commands that reproduce it.
import { writeReportSet } from './report-set.js';

export interface FailureReport {
  invariant: string;
  message: string;
  objects: string[];
  seed: number;
  path: string;
  failedRun: number;
  shrinks: number;
  /** The counterexample scenario file. */
  file: string;
  /** Its steps, one kubectl-like line each. */
  steps: string[];
  reproduce: string[];
}

export interface PropertyReport {
  property: string;
  description: string;
  invariant: string;
  ok: boolean;
  runs: number;
  totalRuns: number;
  events: number;
  failures: number;
  timeMs: number;
  interrupted: boolean;
  /** `ok`, `failed`, or `partial`: it held for the runs done, but the time limit stopped it before all of them. */
  verdict: 'ok' | 'failed' | 'partial';
  failure?: FailureReport;
}

export interface CheckReport {
  seed: number;
  bugs: string[];
  /** Wall-clock start (ISO 8601): the report is about this machine's run, not virtual time. */
  startedAt: string;
  timeMs: number;
  timeLimitMs: number;
  ok: boolean;
  properties: PropertyReport[];
  /** Injected bugs that no property caught. */
  notCaught: string[];
  /** Injected bugs and the properties that caught each. */
  caught: Array<{ bug: string; by: string[]; catcher: string }>;
  /** Properties not run because every injected bug was already caught. */
  skipped: string[];
  /** Some property was stopped by the time limit before all its runs. */
  partial: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const thousands = (n: number) => n.toLocaleString('en-US');

function rows(r: CheckReport): string[][] {
  return r.properties.map((p) => [
    p.property, p.verdict, p.interrupted && p.ok ? `${p.runs}/${p.totalRuns}` : String(p.runs), thousands(p.events), String(p.failures), seconds(p.timeMs),
  ]);
}

const HEADER = ['PROPERTY', 'RESULT', 'RUNS', 'EVENTS CHECKED', 'FAILURES', 'TIME'];

/** The summary as kubectl prints tables: upper-case header, columns padded with spaces. */
export function renderTable(r: CheckReport): string {
  const all = [HEADER, ...rows(r)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n';
}

export function renderMarkdown(r: CheckReport): string {
  const out: string[] = [];
  out.push(`# kubemodel check — seed ${r.seed}`, '');
  out.push(`- result: **${!r.ok ? 'a property failed' : r.partial ? 'partial: every property held for the runs done, but the time limit stopped some before all their runs' : 'all properties hold'}**`);
  out.push(`- started: ${r.startedAt}, took ${seconds(r.timeMs)} (limit ${seconds(r.timeLimitMs)})`);
  if (r.bugs.length > 0) out.push(`- injected bugs: ${r.bugs.map((b) => `\`${b}\``).join(', ')}`);
  for (const b of r.notCaught) out.push(`- **not caught:** \`${b}\` (no property failed)`);
  for (const c of r.caught) out.push(`- caught: \`${c.bug}\` by ${c.by.map((x) => `\`${x}\``).join(', ')} (declared catcher: \`${c.catcher}\`)`);
  if (r.skipped.length > 0) out.push(`- not run (the injected bugs were already caught): ${r.skipped.map((x) => `\`${x}\``).join(', ')}`);
  out.push('', '| property | result | runs | events checked | failures | time |', '|---|---|---:|---:|---:|---:|');
  for (const row of rows(r)) out.push(`| ${row.join(' | ')} |`);
  for (const p of r.properties) {
    out.push('', `## ${p.property}`, '', `${p.description}. Invariant: \`${p.invariant}\`.`);
    if (p.interrupted && p.ok) out.push('', `Stopped by the time limit after ${p.runs} of ${p.totalRuns} runs.`);
    if (p.interrupted && !p.ok) out.push('', 'Shrinking was stopped by the time limit: the counterexample may not be minimal.');
    const f = p.failure;
    if (!f) continue;
    out.push('', `**Failed** at run ${f.failedRun}, shrunk in ${f.shrinks} steps (seed ${f.seed}, path \`${f.path}\`).`, '');
    out.push(`Violation of \`${f.invariant}\`: ${f.message}`, '');
    if (f.objects.length > 0) out.push('Objects involved:', '', '```', ...f.objects, '```', '');
    out.push(`Counterexample: \`${f.file}\``, '', '```', ...f.steps, '```', '', 'Reproduce:', '', '```', ...f.reproduce, '```');
  }
  return out.join('\n') + '\n';
}

export function renderJson(r: CheckReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/**
 * reports/out/check-<seed>.md and .json, written as one report set
 * (report-set.ts): an interrupted write never leaves the Markdown of one
 * run beside the JSON of another. Returns their paths. A `dir` that is not a directory is a
 * ReportDirError (one line).
 */
export function writeReport(dir: string, r: CheckReport): { markdown: string; json: string } {
  const name = `check-${r.seed}`;
  const [json, markdown] = writeReportSet(dir, name, [
    { file: `${name}.json`, text: renderJson(r) },
    { file: `${name}.md`, text: renderMarkdown(r) },
  ]) as [string, string];
  return { markdown, json };
}
