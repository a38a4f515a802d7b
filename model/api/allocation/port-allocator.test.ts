import { describe, expect, it } from 'vitest';
import { PortAllocator } from './port-allocator.js';

const zero = () => 0;

describe('the default node port range', () => {
  const a = new PortAllocator();
  it('is 30000-32767: 2768 ports, the lowest 86 static', () => {
    expect(a.range).toBe('30000-32767');
    expect(a.size).toBe(2768);
    expect(a.staticSize).toBe(86);
  });
});

describe('allocate a specific port', () => {
  it('takes it once; the second time it is already allocated', () => {
    const a = new PortAllocator();
    expect(a.allocate(30080)).toEqual({ ok: true, value: 30080 });
    expect(a.allocate(30080)).toEqual({ ok: false, error: { kind: 'Allocated', message: 'provided port is already allocated' } });
  });

  it.each([29999, 32768, 80])('%i is not in the valid range', (port) => {
    expect(new PortAllocator().allocate(port)).toEqual({ ok: false, error: {
      kind: 'NotInRange',
      message: 'provided port is not in the valid range. The range of valid ports is 30000-32767',
    } });
  });

  it('both ends of the range can be allocated', () => {
    const a = new PortAllocator();
    expect(a.allocate(30000).ok).toBe(true);
    expect(a.allocate(32767).ok).toBe(true);
  });
});

describe('allocate the next port', () => {
  it('a random pick starts above the static block (30086 and up)', () => {
    const a = new PortAllocator();
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: 30086 });
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: 30087 });
    expect(a.allocateNext(() => 0.99999)).toEqual({ ok: true, value: 32767 });
  });

  it('the static block is used once the dynamic one is exhausted', () => {
    const a = new PortAllocator({ min: 30000, max: 30099 }); // 100 ports, 16 static
    expect(a.staticSize).toBe(16);
    for (let i = 0; i < 84; i++) expect(a.allocateNext(zero).ok).toBe(true);
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: 30000 });
  });

  it('a full range says so, bounded by the range size', () => {
    const a = new PortAllocator({ min: 30000, max: 30002 });
    for (let i = 0; i < 3; i++) expect(a.allocateNext(zero).ok).toBe(true);
    expect(a.allocateNext(zero)).toEqual({ ok: false, error: { kind: 'Full', message: 'range is full' } });
    a.release(30001);
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: 30001 });
  });

  it('an inverted or out-of-bounds range is refused', () => {
    expect(() => new PortAllocator({ min: 32767, max: 30000 })).toThrow(/invalid node port range/);
    expect(() => new PortAllocator({ min: 0, max: 10 })).toThrow(/invalid node port range/);
  });
});
