// IPv4 addresses and CIDRs as 32-bit numbers, for the clusterIP allocator.
// The model's service network is single-stack IPv4 (as the Service admission
// is); an IPv6 address is recognised only so the store can say that family is
// not configured, as a single-stack API server does.
// upstream: k8s.io/utils/net (ParseIPSloppy, ParseCIDRSloppy, RangeSize)

/** A dotted quad, each part 0-255; leading zeros are read as decimal, as the "sloppy" parser does. */
export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = n * 256 + part;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Loose IPv6 syntax check: hex groups and colons, at most one `::`, or an embedded IPv4 tail. */
export function looksLikeIPv6(s: string): boolean {
  if (!s.includes(':') || (s.match(/::/g) ?? []).length > 1) return false;
  const tail = s.lastIndexOf(':');
  const last = s.slice(tail + 1);
  const head = last.includes('.') ? s.slice(0, tail) : s;
  if (last.includes('.') && parseIPv4(last) === undefined) return false;
  return /^[0-9a-fA-F:]*$/.test(head) && head.split(':').every((g) => g.length <= 4);
}

export type IPFamily = 'IPv4' | 'IPv6';

/** upstream familyOf: IPv4, IPv6, or neither. */
export function familyOf(ip: string): IPFamily | 'unknown' {
  if (parseIPv4(ip) !== undefined) return 'IPv4';
  if (looksLikeIPv6(ip)) return 'IPv6';
  return 'unknown';
}

export interface IPv4CIDR {
  /** The network address (host bits cleared). */
  network: number;
  prefix: number;
  /** 2^(32 − prefix): every address, network and broadcast included. */
  size: number;
}

/** `10.96.0.0/12`; host bits are cleared, as ParseCIDR returns the network. Undefined when malformed. */
export function parseCIDR(s: string): IPv4CIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIPv4(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (addr === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: addr - (addr % size), prefix, size };
}

export function formatCIDR(c: IPv4CIDR): string {
  return `${formatIPv4(c.network)}/${c.prefix}`;
}
