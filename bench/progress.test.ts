import { describe, expect, it } from 'vitest';
import { ProgressReporter } from './progress.js';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, out: { write: (s: string) => chunks.push(s), isTTY, columns: 80 } };
};

describe('ProgressReporter', () => {
  it('redraws one bar in place on a terminal and clears it at the end', () => {
    const { chunks, out } = sink(true);
    const p = new ProgressReporter(out, 2);
    p.suite('Selectors').step('list 10k', 1, 2);
    p.suite('Scheduler').step('10k pods', 0.5, 1);
    p.done();
    expect(chunks.every((c) => c.startsWith('\r\x1b[2K'))).toBe(true);
    expect(chunks).toContain('\r\x1b[2Kbench [######------------------] 25% [1/2] Selectors: list 10k');
    expect(chunks.at(-2)).toContain('75% [2/2] Scheduler: 10k pods');
    expect(chunks.at(-1)).toBe('\r\x1b[2K');
    expect(chunks.every((c) => c.length <= 80 + 5)).toBe(true);
  });

  it('writes plain lines elsewhere, and keeps notes on their own line', () => {
    const { chunks, out } = sink(false);
    const p = new ProgressReporter(out, 1);
    p.note('bench: starting');
    const s = p.suite('Harness');
    s.step('runs', 0, 1);
    s.step('runs', 0, 1);
    p.done();
    expect(chunks).toEqual(['bench: starting\n', 'bench [1/1] Harness\n', 'bench [1/1] Harness: runs\n']);
  });
});
