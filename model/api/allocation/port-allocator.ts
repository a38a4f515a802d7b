// Service nodePorts (and healthCheckNodePorts) from kube-apiserver's
// --service-node-port-range, 30000-32767 by default. Every port of the range
// can be allocated; the lowest 86 (2768/32) form the static block that random
// picks reach only when the rest is taken.
// upstream: pkg/registry/core/service/portallocator/allocator.go (New, contains, calculateRangeOffset),
//           pkg/kubeapiserver/options/options.go (DefaultServiceNodePortRange)
import { SERVICE_NODE_PORT_RANGE } from '../admission/service.js';
import { PORT_STATIC_BLOCK, staticBlockSize } from './bitmap.js';
import { ERR_PORT_ALLOCATED, portNotInRange, type AllocatorError } from './errors.js';
import { RangeAllocator } from './range.js';

export interface PortRange {
  min: number;
  max: number;
}

export class PortAllocator extends RangeAllocator<number> {
  /** `min-max`, as net.PortRange.String() prints it in errors. */
  readonly range: string;
  readonly min: number;
  readonly max: number;
  protected readonly allocatedError: AllocatorError = ERR_PORT_ALLOCATED;

  constructor(range: PortRange = SERVICE_NODE_PORT_RANGE) {
    const { min, max } = range;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || max < min) {
      throw new Error(`invalid node port range ${min}-${max}: expected whole ports with 1 <= min <= max <= 65535`);
    }
    const size = max - min + 1;
    super(size, staticBlockSize(size, PORT_STATIC_BLOCK));
    this.min = min;
    this.max = max;
    this.range = `${min}-${max}`;
  }

  contains(port: number): boolean {
    return this.offsetOf(port) !== undefined;
  }

  protected offsetOf(port: number): number | undefined {
    return Number.isInteger(port) && port >= this.min && port <= this.max ? port - this.min : undefined;
  }

  valueAt(offset: number): number {
    return this.min + offset;
  }

  protected notInRange(): AllocatorError {
    return portNotInRange(this.range);
  }
}
