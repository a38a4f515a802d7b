// Report files on disk: every write goes to a temporary file in the same
// directory and is renamed into place, so an interrupted run leaves the
// previous report intact; and the earlier report a run compares with.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { reportProblem, type BenchReport } from './report.js';

export function writeAtomic(path: string, text: string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export class ReportReadError extends Error {}

/** Read and check an earlier report; a clear error naming the file when it cannot be used. */
export function readReport(path: string): BenchReport {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
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
    if (!REPORT_FILE.test(name)) continue;
    let report: BenchReport;
    try { report = readReport(join(dir, name)); } catch { continue; }
    if (report.commit === commit) continue;
    if (!best || report.date > best.report.date) best = { file: join(dir, name), report };
  }
  return best;
}
