// The progress of one property on stderr: on a terminal a bar redrawn in
// place (carriage return, erase to end of line), otherwise one plain line when
// the property is done, so that logs stay readable.
import type { Progress, PropertyResult } from './suites/types.js';

export interface ProgressSink { write(s: string): void; isTTY: boolean }

const BAR = 24;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export class ProgressLine {
  constructor(private readonly sink: ProgressSink, private readonly name: string, private readonly width: number) {}

  private label(): string { return this.name.padEnd(this.width); }

  update(p: Progress): void {
    if (!this.sink.isTTY) return;
    let text: string;
    if (p.shrinking) {
      text = `${this.label()}  FAILED at run ${p.runs}, shrinking (${p.shrinks} tried)  ${seconds(p.elapsedMs)}`;
    } else {
      const filled = p.totalRuns > 0 ? Math.min(BAR, Math.round((p.runs / p.totalRuns) * BAR)) : BAR;
      text = `${this.label()}  [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]  ${p.runs}/${p.totalRuns} runs  ${seconds(p.elapsedMs)}`;
    }
    this.sink.write(`\r${text}\x1b[K`);
  }

  done(r: PropertyResult, totalRuns: number): void {
    // A run the time limit cut short proved less than it was asked to: it is partial, not ok.
    const verdict = !r.ok ? 'FAIL' : r.interrupted ? 'PARTIAL' : 'ok  ';
    const runs = r.interrupted && r.ok ? `${r.runs}/${totalRuns} runs (stopped by the time limit)` : `${r.runs} runs`;
    const line = `${this.label()}  ${verdict}  ${runs}  ${seconds(r.timeMs)}`;
    this.sink.write(this.sink.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
