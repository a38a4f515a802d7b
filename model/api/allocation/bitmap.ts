// The allocation map both Service allocators sit on: `size` numbered slots,
// split at `staticSize` into a lower static block and an upper dynamic block.
//
// Why the split (ServiceIPStaticSubrange, ServiceNodePortStaticSubrange, both
// GA): people who pick a clusterIP or a nodePort by hand usually pick a low
// one (10.96.0.10 for DNS, 30000-something for an ingress). If a random pick
// could land there, a manifest with a fixed value would fail at random on a
// busy cluster. So a random pick scans the upper block first and only falls
// back to the lower block once the upper one is exhausted; a chosen value can
// be anywhere.
//
// A pick starts at a random slot of the block and scans forward with
// wrap-around, so every scan is bounded by the block's size: a full range is
// reported, never looped on.
// upstream: pkg/registry/core/service/allocator/bitmap.go (randomScanStrategyWithOffset, NewAllocationMapWithOffset)

/** `floor(rand() * n)`, kept in [0, n) even if a fake stream returns 1. */
function randomIndex(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(rand() * n)));
}

export class SubrangeBitmap {
  private readonly taken = new Set<number>();

  constructor(readonly size: number, readonly staticSize: number) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`allocation map size must be a whole number ≥ 0, got ${size}`);
    if (!Number.isInteger(staticSize) || staticSize < 0 || (size > 0 && staticSize >= size) || (size === 0 && staticSize !== 0)) {
      throw new Error(`static block ${staticSize} must be smaller than the map size ${size}`);
    }
  }

  get used(): number {
    return this.taken.size;
  }

  has(offset: number): boolean {
    return this.taken.has(offset);
  }

  /** Mark a slot taken; false if it already was (or lies outside the map). */
  take(offset: number): boolean {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.size || this.taken.has(offset)) return false;
    this.taken.add(offset);
    return true;
  }

  /** Free a slot; freeing a free slot is a no-op, as upstream. */
  free(offset: number): void {
    this.taken.delete(offset);
  }

  /**
   * The slot a random allocation would take, without taking it, or -1 when
   * none is free. `promised` holds slots already handed out in the same
   * request (never taken ones), which the scan must also skip.
   * Draws one number for the dynamic block and, only if it is full, one more
   * for the static block.
   */
  pick(rand: () => number, promised: ReadonlySet<number> = EMPTY): number {
    if (this.taken.size + promised.size >= this.size) return -1;
    const busy = (at: number) => this.taken.has(at) || promised.has(at);
    const dynamicSize = this.size - this.staticSize;
    const start = randomIndex(rand, dynamicSize);
    for (let i = 0; i < dynamicSize; i++) {
      const at = this.staticSize + ((start + i) % dynamicSize);
      if (!busy(at)) return at;
    }
    if (this.staticSize > 0) {
      const lowStart = randomIndex(rand, this.staticSize);
      for (let i = 0; i < this.staticSize; i++) {
        const at = (lowStart + i) % this.staticSize;
        if (!busy(at)) return at;
      }
    }
    return -1;
  }

  /** Every taken slot, lowest first. */
  offsets(): number[] {
    return [...this.taken].sort((a, b) => a - b);
  }
}

const EMPTY: ReadonlySet<number> = new Set();

/**
 * The size of the static block: `min(max(min, size/step), max)`, and none at
 * all for a range of `min` slots or fewer.
 * upstream: ipallocator/bitmap.go and portallocator/allocator.go (calculateRangeOffset)
 */
export function staticBlockSize(rangeSize: number, limits: { min: number; max: number; step: number }): number {
  if (rangeSize <= limits.min) return 0;
  const offset = Math.floor(rangeSize / limits.step);
  return Math.min(Math.max(offset, limits.min), limits.max);
}

/** upstream ipallocator calculateRangeOffset: min 16, max 256, step 16 (of the CIDR's full size). */
export const IP_STATIC_BLOCK = { min: 16, max: 256, step: 16 };
/** upstream portallocator calculateRangeOffset: min 16, max 128, step 32. */
export const PORT_STATIC_BLOCK = { min: 16, max: 128, step: 32 };
