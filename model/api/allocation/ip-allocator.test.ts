import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_CIDR, IPAllocator } from './ip-allocator.js';

const zero = () => 0;

describe('the default service CIDR', () => {
  const a = new IPAllocator();
  it('is kubeadm\'s 10.96.0.0/12: 2^20 − 2 usable addresses, a 256-address static block', () => {
    expect(DEFAULT_SERVICE_CIDR).toBe('10.96.0.0/12');
    expect(a.cidr).toBe('10.96.0.0/12');
    expect(a.size).toBe(2 ** 20 - 2);
    expect(a.staticSize).toBe(256);
    expect(a.first).toBe('10.96.0.1');
  });

  it('kind\'s /16 also gets 256; host bits in the flag are cleared', () => {
    expect(new IPAllocator('10.96.0.0/16').staticSize).toBe(256);
    expect(new IPAllocator('10.96.5.5/12').cidr).toBe('10.96.0.0/12');
  });
});

describe('allocate a specific IP', () => {
  it('takes it once; the second time it is already allocated', () => {
    const a = new IPAllocator();
    expect(a.allocate('10.96.0.10')).toEqual({ ok: true, value: '10.96.0.10' });
    expect(a.has('10.96.0.10')).toBe(true);
    expect(a.used).toBe(1);
    expect(a.allocate('10.96.0.10')).toEqual({ ok: false, error: { kind: 'Allocated', message: 'provided IP is already allocated' } });
  });

  it.each([
    ['outside the CIDR', '10.0.0.5'],
    ['the network address', '10.96.0.0'],
    ['the broadcast address', '10.111.255.255'],
  ])('%s is not in the valid range', (_what, ip) => {
    const r = new IPAllocator().allocate(ip);
    expect(r).toEqual({ ok: false, error: {
      kind: 'NotInRange',
      message: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
    } });
  });

  it('the last address before broadcast and the first after network are fine', () => {
    const a = new IPAllocator();
    expect(a.allocate('10.96.0.1').ok).toBe(true);
    expect(a.allocate('10.111.255.254').ok).toBe(true);
  });

  it('the error prints the address as parsed (leading zeros read as decimal)', () => {
    const r = new IPAllocator('10.96.0.0/24').allocate('010.097.0.1');
    expect(r.ok ? '' : r.error.message).toBe('the provided IP (10.97.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/24');
  });
});

describe('allocate the next IP', () => {
  it('a random pick lands in the dynamic block: above the first 256 addresses', () => {
    const a = new IPAllocator();
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: '10.96.1.1' });
    expect(a.allocateNext(() => 0.999999999)).toEqual({ ok: true, value: '10.111.255.254' });
  });

  it('a /27 hands out .17-.30 first, then the static .1-.16', () => {
    const a = new IPAllocator('192.168.0.0/27');
    expect(a.size).toBe(30);
    expect(a.staticSize).toBe(16);
    const picked = Array.from({ length: 14 }, () => a.allocateNext(zero));
    expect(picked.map((r) => (r.ok ? r.value : '')).slice(0, 2)).toEqual(['192.168.0.17', '192.168.0.18']);
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: '192.168.0.1' });
  });

  it('a full range says so, and a release makes room again', () => {
    const a = new IPAllocator('10.0.0.0/29');
    expect(a.size).toBe(6);
    expect(a.staticSize).toBe(0);
    for (let i = 0; i < 6; i++) expect(a.allocateNext(zero).ok).toBe(true);
    expect(a.allocateNext(zero)).toEqual({ ok: false, error: { kind: 'Full', message: 'range is full' } });
    a.release('10.0.0.4');
    expect(a.allocateNext(zero)).toEqual({ ok: true, value: '10.0.0.4' });
    expect(a.free).toBe(0);
  });
});

describe('release', () => {
  it('releasing a free, outside or malformed address is a no-op', () => {
    const a = new IPAllocator();
    a.allocate('10.96.0.10');
    a.release('10.96.0.11');
    a.release('192.168.0.1');
    a.release('not-an-ip');
    expect(a.values()).toEqual(['10.96.0.10']);
    a.release('10.96.0.10');
    expect(a.used).toBe(0);
  });
});

describe('start-up checks on the range', () => {
  it('larger than 2^20 addresses is refused, as kube-apiserver refuses it', () => {
    expect(() => new IPAllocator('10.0.0.0/8')).toThrow('specified --service-cluster-ip-range[0] is too large; for 32-bit addresses, the mask must be >= 12');
  });
  it('fewer than 8 addresses, or a malformed CIDR, is refused', () => {
    expect(() => new IPAllocator('10.0.0.0/30')).toThrow(/at least 8 IP addresses/);
    expect(() => new IPAllocator('10.96.0.0')).toThrow(/invalid service CIDR/);
    expect(() => new IPAllocator('fd00::/108')).toThrow(/invalid service CIDR/);
  });
});
