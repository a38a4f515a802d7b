import { describe, expect, it } from 'vitest';
import { IP_STATIC_BLOCK, PORT_STATIC_BLOCK, staticBlockSize, SubrangeBitmap } from './bitmap.js';

/** A fake stream that returns the given numbers in order and counts its draws. */
function seq(...values: number[]) {
  let i = 0;
  const rand = () => {
    if (i >= values.length) throw new Error('drew more numbers than the test expected');
    return values[i++]!;
  };
  return { rand, draws: () => i };
}

describe('static block size (calculateRangeOffset)', () => {
  it.each([
    ['a /12 (2^20 addresses) caps at 256', 2 ** 20, 256],
    ['a /16 also caps at 256', 2 ** 16, 256],
    ['a /24 gets 256/16 = 16', 256, 16],
    ['a /27 gets the minimum 16', 32, 16],
    ['a /28 (16 addresses) gets none', 16, 0],
  ])('IP: %s', (_name, size, expected) => {
    expect(staticBlockSize(size, IP_STATIC_BLOCK)).toBe(expected);
  });
  it.each([
    ['30000-32767 (2768 ports) gets 2768/32 = 86', 2768, 86],
    ['a big range caps at 128', 10000, 128],
    ['a small range gets the minimum 16', 100, 16],
    ['16 ports get none', 16, 0],
  ])('ports: %s', (_name, size, expected) => {
    expect(staticBlockSize(size, PORT_STATIC_BLOCK)).toBe(expected);
  });
});

describe('random pick: dynamic block first, static block last', () => {
  it('starts at the drawn slot of the dynamic block', () => {
    const m = new SubrangeBitmap(10, 4);
    expect(m.pick(seq(0).rand)).toBe(4);
    expect(m.pick(seq(0.5).rand)).toBe(7); // 4 + floor(0.5 * 6)
    expect(m.pick(seq(0.99).rand)).toBe(9);
  });

  it('scans forward and wraps inside the dynamic block, never into the static one', () => {
    const m = new SubrangeBitmap(10, 4);
    m.take(9);
    expect(m.pick(seq(0.99).rand)).toBe(4);
  });

  it('falls back to the static block only when the dynamic block is full, with a second draw', () => {
    const m = new SubrangeBitmap(10, 4);
    for (let o = 4; o < 10; o++) m.take(o);
    const s = seq(0.3, 0.5);
    expect(m.pick(s.rand)).toBe(2);
    expect(s.draws()).toBe(2);
  });

  it('a full map answers -1 without drawing', () => {
    const m = new SubrangeBitmap(3, 0);
    for (let o = 0; o < 3; o++) m.take(o);
    const s = seq();
    expect(m.pick(s.rand)).toBe(-1);
    expect(s.draws()).toBe(0);
  });

  it('skips slots promised to the same request, and counts them towards full', () => {
    const m = new SubrangeBitmap(3, 0);
    expect(m.pick(seq(0).rand, new Set([0, 1]))).toBe(2);
    expect(m.pick(seq(0).rand, new Set([0, 1, 2]))).toBe(-1);
  });

  it('a fake stream returning 1 stays inside the block', () => {
    const m = new SubrangeBitmap(10, 4);
    expect(m.pick(() => 1)).toBe(9);
  });
});

describe('take and free', () => {
  it('take refuses a taken or outside slot; free of a free slot is a no-op', () => {
    const m = new SubrangeBitmap(4, 0);
    expect(m.take(1)).toBe(true);
    expect(m.take(1)).toBe(false);
    expect(m.take(4)).toBe(false);
    expect(m.take(-1)).toBe(false);
    m.free(2);
    expect(m.used).toBe(1);
    m.free(1);
    expect(m.used).toBe(0);
  });

  it('a static block as large as the map is refused', () => {
    expect(() => new SubrangeBitmap(4, 4)).toThrow(/static block 4 must be smaller than the map size 4/);
  });
});
