// Service clusterIPs from the service CIDR (kube-apiserver
// --service-cluster-ip-range). The network address and, for IPv4, the
// broadcast address are never handed out and cannot be allocated or released;
// nothing else is reserved here (the `kubernetes` Service takes the first
// address like any other Service asking for a specific IP).
//
// The default is 10.96.0.0/12, kubeadm's serviceSubnet, because a kubeadm
// cluster is what most readers have run and its addresses (10.96.0.1 for the
// API, 10.96.0.10 for DNS) are the ones docs and e2e logs show. kind narrows
// it to 10.96.0.0/16 and a bare kube-apiserver without the flag uses
// 10.0.0.0/24; pass either as the constructor's argument.
// upstream: cmd/kubeadm/app/constants/constants.go (DefaultServicesSubnet),
//           pkg/registry/core/service/ipallocator/bitmap.go (New, contains, calculateRangeOffset)
import { IP_STATIC_BLOCK, staticBlockSize } from './bitmap.js';
import { ERR_IP_ALLOCATED, ipNotInRange, type AllocatorError } from './errors.js';
import { formatCIDR, formatIPv4, parseCIDR, parseIPv4, type IPv4CIDR } from './ipv4.js';
import { RangeAllocator } from './range.js';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

/** upstream validateMaxCIDRRange (maxCIDRBits 20): a bitmap of at most 2^20 addresses. */
export const MAX_CIDR_HOST_BITS = 20;
/** upstream ServiceIPRange (pkg/controlplane): a smaller range is refused at start-up. */
export const MIN_CIDR_ADDRESSES = 8;

export class IPAllocator extends RangeAllocator<string> {
  /** The range as upstream prints it in errors: the network address and prefix. */
  readonly cidr: string;
  private readonly net: IPv4CIDR;
  protected readonly allocatedError: AllocatorError = ERR_IP_ALLOCATED;

  constructor(cidr: string = DEFAULT_SERVICE_CIDR) {
    const net = parseCIDR(cidr);
    if (!net) throw new Error(`invalid service CIDR ${JSON.stringify(cidr)}: expected an IPv4 CIDR such as ${DEFAULT_SERVICE_CIDR}`);
    if (32 - net.prefix > MAX_CIDR_HOST_BITS) {
      throw new Error(`specified --service-cluster-ip-range[0] is too large; for 32-bit addresses, the mask must be >= ${32 - MAX_CIDR_HOST_BITS}`);
    }
    if (net.size < MIN_CIDR_ADDRESSES) throw new Error(`the service cluster IP range must be at least ${MIN_CIDR_ADDRESSES} IP addresses`);
    // Usable: every address but the network (.0) and the broadcast one.
    super(net.size - 2, staticBlockSize(net.size, IP_STATIC_BLOCK));
    this.net = net;
    this.cidr = formatCIDR(net);
  }

  /** The first usable address, where upstream puts the `kubernetes` Service. */
  get first(): string {
    return formatIPv4(this.net.network + 1);
  }

  /** Within the CIDR and neither its network nor its broadcast address. */
  contains(ip: string): boolean {
    return this.offsetOf(ip) !== undefined;
  }

  protected offsetOf(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined) return undefined;
    const offset = n - (this.net.network + 1);
    return offset >= 0 && offset < this.size ? offset : undefined;
  }

  valueAt(offset: number): string {
    return formatIPv4(this.net.network + 1 + offset);
  }

  protected notInRange(ip: string): AllocatorError {
    const n = parseIPv4(ip);
    return ipNotInRange(n === undefined ? ip : formatIPv4(n), this.cidr);
  }
}
