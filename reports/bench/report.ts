// The bench report as data: what bench-<commit>.json holds, and what the
// Markdown and the charts are drawn from. Every figure keeps its unit,
// sample count and spread; the same figures also appear in the
// `customSmallerIsBetter` shape of github-action-benchmark.
import type { SuiteResult } from '../../bench/types.js';
import { compare, growth, ratios, type Change, type Growth, type Ratio } from './analysis.js';

export const REPORT_SCHEMA = 'kubemodel-bench/1';

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  platform: string;
  arch: string;
  /** os.loadavg() one-minute figure when the run started and ended: above the core count, other work shared the CPU. */
  loadAverage: { start: number; end: number };
}

/** One entry of github-action-benchmark's customSmallerIsBetter input. */
export interface GabEntry { name: string; unit: string; value: number; range?: string; extra?: string }

export interface Comparison {
  /** The earlier report's file name and commit. */
  file: string;
  commit: string;
  date: string;
  changes: Change[];
}

export interface BenchReport {
  schema: typeof REPORT_SCHEMA;
  commit: string;
  /** The work tree had uncommitted changes when the run started. */
  dirty: boolean;
  /** Wall-clock time of the run (the bench is outside the model: real time is what it measures). */
  date: string;
  quick: boolean;
  machine: Machine;
  durationMs: number;
  suites: SuiteResult[];
  ratios: Ratio[];
  growth: Growth[];
  comparison?: Comparison;
  customSmallerIsBetter: GabEntry[];
}

export interface ReportInput {
  commit: string;
  dirty: boolean;
  date: string;
  quick: boolean;
  machine: Machine;
  durationMs: number;
  suites: SuiteResult[];
  previous?: { file: string; report: BenchReport };
}

/**
 * github-action-benchmark's customSmallerIsBetter takes costs only: rates
 * (runs/s, pods/s) are left out, each suite reports the matching cost too.
 */
export function toGab(suites: readonly SuiteResult[]): GabEntry[] {
  const out: GabEntry[] = [];
  for (const s of suites) {
    for (const f of s.figures) {
      if (f.better !== 'smaller') continue;
      const e: GabEntry = { name: `${s.title}: ${f.name}`, unit: f.unit, value: f.value };
      if (f.samples > 1) e.range = `±${f.rme.toFixed(2)}%`;
      e.extra = `${f.samples} sample${f.samples === 1 ? '' : 's'}`;
      out.push(e);
    }
  }
  return out;
}

export function buildReport(input: ReportInput): BenchReport {
  const report: BenchReport = {
    schema: REPORT_SCHEMA,
    commit: input.commit, dirty: input.dirty, date: input.date, quick: input.quick,
    machine: input.machine, durationMs: input.durationMs,
    suites: input.suites,
    ratios: ratios(input.suites),
    growth: growth(input.suites),
    customSmallerIsBetter: toGab(input.suites),
  };
  if (input.previous) {
    const p = input.previous.report;
    report.comparison = { file: input.previous.file, commit: p.commit, date: p.date, changes: compare(p.suites, input.suites) };
  }
  return report;
}

/** Why `value` is not a report this version can compare with, or undefined when it is. */
export function reportProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const r = value as Partial<BenchReport>;
  if (r.schema !== REPORT_SCHEMA) return `schema is ${JSON.stringify(r.schema)}, expected "${REPORT_SCHEMA}"`;
  if (!Array.isArray(r.suites)) return 'no suites array';
  for (const s of r.suites) {
    if (typeof s?.id !== 'string' || !Array.isArray(s.figures)) return 'a suite without id or figures';
    for (const f of s.figures) {
      if (typeof f?.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string') return `suite ${s.id}: a figure without name, unit or value`;
    }
  }
  return undefined;
}
