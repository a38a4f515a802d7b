// What an allocator says when it cannot hand out a value, in the API server's
// words. The Service store wraps these texts into field errors or internal
// errors (see service.ts), so a client sees exactly the sentence a real
// cluster prints, e.g. "provided port is already allocated".
// upstream: pkg/registry/core/service/ipallocator/interfaces.go (ErrFull, ErrAllocated, ErrNotInRange),
//           pkg/registry/core/service/portallocator/allocator.go (ErrFull, ErrAllocated, ErrNotInRange)

export type AllocatorErrorKind = 'Full' | 'Allocated' | 'NotInRange';

export interface AllocatorError {
  kind: AllocatorErrorKind;
  /** The error's text, as upstream's err.Error(). */
  message: string;
}

/** An allocator call either gives a value or says why not; it never throws for a full or taken range. */
export type AllocResult<T> = { ok: true; value: T } | { ok: false; error: AllocatorError };

export const ok = <T>(value: T): AllocResult<T> => ({ ok: true, value });
export const fail = <T>(error: AllocatorError): AllocResult<T> => ({ ok: false, error });

/** Both allocators use the same words for an exhausted range. */
export const ERR_FULL: AllocatorError = { kind: 'Full', message: 'range is full' };

export const ERR_IP_ALLOCATED: AllocatorError = { kind: 'Allocated', message: 'provided IP is already allocated' };
export const ERR_PORT_ALLOCATED: AllocatorError = { kind: 'Allocated', message: 'provided port is already allocated' };

/** v1.32 names both the address and the range (a later release drops the range from the text). */
export function ipNotInRange(ip: string, cidr: string): AllocatorError {
  return { kind: 'NotInRange', message: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${cidr}` };
}

/** The port is not repeated; the range is printed as `min-max`, as net.PortRange.String(). */
export function portNotInRange(range: string): AllocatorError {
  return { kind: 'NotInRange', message: `provided port is not in the valid range. The range of valid ports is ${range}` };
}
