// Report files on disk: a bench run's files (JSON, Markdown, SVG charts)
// are one report set (properties/report-set.ts), swapped in whole, so an
// interrupted run leaves the previous report intact and never a mix; single
// files are written to a temporary file in the same directory and renamed
// into place. And the earlier report a run compares with.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SET_SUFFIX, SETS_DIR, writeReportSet, type SetFile } from '../../properties/report-set.js';
import { reportProblem, type BenchReport } from './report.js';

let tmpCounter = 0;

/** One file, atomically: a temporary file beside it, renamed over it; the temporary is removed if either step fails. */
export function writeAtomic(path: string, text: string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}-${tmpCounter++}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try { rmSync(tmp, { force: true }); } catch { /* keep the first error */ }
    throw e;
  }
}

/**
 * The report set `bench-<commit>` in `dir`: each file public as DIR/<file>
 * (a symlink into the set), so the Markdown's relative links to its charts
 * (`bench-<commit>-<chart>.svg`) resolve beside it. Returns the public paths.
 */
export function writeBenchSet(dir: string, commit: string, files: readonly SetFile[]): string[] {
  return writeReportSet(dir, `bench-${commit}`, files);
}

export class ReportReadError extends Error {}

/** A bench report is tens of kilobytes; anything past this is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Read and check an earlier report; a clear error naming the file when it cannot be used. */
export function readReport(path: string): BenchReport {
  let text: string;
  try {
    // Only a regular file of a report's size: a FIFO would hang the read, /dev/zero never end it.
    const st = statSync(path);
    if (!st.isFile()) throw new ReportReadError(`cannot read ${path}: not a regular file`);
    if (st.size > MAX_REPORT_BYTES) throw new ReportReadError(`cannot read ${path}: ${st.size} bytes, more than a report's ${MAX_REPORT_BYTES}`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ReportReadError) throw e;
    throw new ReportReadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    throw new ReportReadError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const problem = reportProblem(value);
  if (problem) throw new ReportReadError(`${path} is not a kubemodel bench report: ${problem}`);
  return value as BenchReport;
}

export const REPORT_FILE = /^bench-(.+)\.json$/;

/**
 * The most recent earlier report in `dir` (by its recorded date) from a
 * different commit; files that cannot be read or are not reports are skipped.
 */
export function findPrevious(dir: string, commit: string): { file: string; report: BenchReport } | undefined {
  let names: string[];
  try { names = readdirSync(dir); } catch { return undefined; }
  let best: { file: string; report: BenchReport } | undefined;
  for (const name of names) {
    // Reports are the public names (symlinks into their sets); never the sets' own machinery.
    if (name === SETS_DIR || name.startsWith('.') || name.endsWith(SET_SUFFIX) || !REPORT_FILE.test(name)) continue;
    let report: BenchReport;
    try { report = readReport(join(dir, name)); } catch { continue; }
    if (report.commit === commit) continue;
    if (!best || report.date > best.report.date) best = { file: join(dir, name), report };
  }
  return best;
}
