// The virtual clock's ordering promises, and that a run stopped by its
// condition loses nothing it had queued.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('runs tasks by time, then the idle tasks of an instant before time moves on', () => {
    const c = new VirtualClock();
    const seen: string[] = [];
    c.schedule(10, () => seen.push('t10'));
    c.whenIdle(() => seen.push('idle0'));
    c.schedule(0, () => seen.push('t0'));
    c.runUntil(20);
    expect(seen).toEqual(['t0', 'idle0', 't10']);
  });

  it('a run stopped in the middle of the idle tasks keeps the rest for the next run', () => {
    const c = new VirtualClock();
    const seen: string[] = [];
    for (const n of ['a', 'b', 'c']) c.whenIdle(() => seen.push(n));
    c.schedule(5, () => seen.push('later'));
    expect(c.runUntil(100, () => seen.includes('a'))).toBe(true);
    expect(seen).toEqual(['a']);
    c.runUntil(100);
    expect(seen).toEqual(['a', 'b', 'c', 'later']);
  });
});
