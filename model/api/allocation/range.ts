// The shape both Service allocators share: values map to slots of a
// SubrangeBitmap; a specific value is checked against the range and the
// taken set, a random one comes from the bitmap's two-block scan.
//
// Why check and peekNext exist beside allocate and allocateNext: the Service
// store decides a whole request (a clusterIP and several nodePorts) before it
// commits any of it, so that a request failing at its third port leaves the
// allocators untouched. The planner asks with the values it has already
// promised to the same request, and commits only on success.
// upstream: pkg/registry/core/service/ipallocator/bitmap.go (Range.Allocate, AllocateNext, Release, Has),
//           pkg/registry/core/service/portallocator/allocator.go (PortAllocator)
import { SubrangeBitmap } from './bitmap.js';
import { ERR_FULL, fail, ok, type AllocResult, type AllocatorError } from './errors.js';

export abstract class RangeAllocator<V> {
  protected readonly map: SubrangeBitmap;

  protected constructor(size: number, staticSize: number) {
    this.map = new SubrangeBitmap(size, staticSize);
  }

  /** The slot of a value, or undefined when it lies outside the allocatable range. */
  protected abstract offsetOf(value: V): number | undefined;
  /** The value a slot stands for. */
  abstract valueAt(offset: number): V;
  protected abstract notInRange(value: V): AllocatorError;
  protected abstract readonly allocatedError: AllocatorError;

  /** How many values the range can hand out. */
  get size(): number {
    return this.map.size;
  }
  /** How many of them form the static block that random picks reach last. */
  get staticSize(): number {
    return this.map.staticSize;
  }
  get used(): number {
    return this.map.used;
  }
  get free(): number {
    return this.map.size - this.map.used;
  }

  /** upstream Has: taken, and a call to allocate(value) would fail as already allocated. */
  has(value: V): boolean {
    const at = this.offsetOf(value);
    return at !== undefined && this.map.has(at);
  }

  /** What allocate(value) would say, without taking: the slot, or not-in-range / already allocated. */
  check(value: V, promised?: ReadonlySet<number>): AllocResult<number> {
    const at = this.offsetOf(value);
    if (at === undefined) return fail(this.notInRange(value));
    if (this.map.has(at) || promised?.has(at)) return fail(this.allocatedError);
    return ok(at);
  }

  /** What allocateNext(rand) would take, without taking: a slot, or "range is full". */
  peekNext(rand: () => number, promised?: ReadonlySet<number>): AllocResult<number> {
    const at = this.map.pick(rand, promised);
    return at < 0 ? fail(ERR_FULL) : ok(at);
  }

  /** Reserve a specific value. */
  allocate(value: V): AllocResult<V> {
    const r = this.check(value);
    if (!r.ok) return fail(r.error);
    this.map.take(r.value);
    return ok(value);
  }

  /** Reserve a random free value, dynamic block first. */
  allocateNext(rand: () => number): AllocResult<V> {
    const r = this.peekNext(rand);
    if (!r.ok) return fail(r.error);
    this.map.take(r.value);
    return ok(this.valueAt(r.value));
  }

  /** Give a value back; releasing a free or out-of-range value is a no-op, as upstream. */
  release(value: V): void {
    const at = this.offsetOf(value);
    if (at !== undefined) this.map.free(at);
  }

  /** Every allocated value, lowest first (upstream ForEach). */
  values(): V[] {
    return this.map.offsets().map((o) => this.valueAt(o));
  }
}
