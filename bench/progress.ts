// Progress on stderr: a bar redrawn in place on a terminal, plain lines
// elsewhere (CI logs, files), so a log never fills with carriage returns.
import type { Progress } from './types.js';

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

export class ProgressReporter {
  private suiteIndex = 0;
  private suiteTitle = '';
  private drawn = false;
  private lastLine = '';

  constructor(private readonly out: ProgressSink, private readonly suiteCount: number) {}

  /** The progress handle of the next suite. */
  suite(title: string): Progress {
    this.suiteIndex++;
    this.suiteTitle = title;
    this.step(title, 0, 1);
    return { step: (label, done, total) => this.step(label, done, total) };
  }

  /** A line that must stay in the log (a warning, the files written). */
  note(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
  }

  done(): void { this.clear(); }

  private step(label: string, done: number, total: number): void {
    const within = total > 0 ? Math.min(1, done / total) : 0;
    const overall = (this.suiteIndex - 1 + within) / this.suiteCount;
    const head = `[${this.suiteIndex}/${this.suiteCount}] ${this.suiteTitle}`;
    const text = label === this.suiteTitle ? head : `${head}: ${label}`;
    if (!this.out.isTTY) {
      // A log gets a line per step, not per fractional update within one.
      if (!Number.isInteger(done)) return;
      if (text !== this.lastLine) this.out.write(`bench ${text}\n`);
      this.lastLine = text;
      return;
    }
    const filled = Math.round(overall * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
    const line = `bench [${bar}] ${Math.round(overall * 100)}% ${text}`;
    const max = (this.out.columns ?? 100) - 1;
    this.out.write(`\r\x1b[2K${line.length > max ? line.slice(0, max) : line}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }
}
