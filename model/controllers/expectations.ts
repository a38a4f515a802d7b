// Expectations: what a controller has asked the API for and not yet seen in
// its cache. A controller whose creates or deletes are still unobserved must
// not sync that key again, or a lagging informer makes it act twice (the
// over-creation of kubernetes issues 129795 and 88851). Expectations are only
// ever lowered by observations; they expire after 5 minutes so a lost event
// cannot wedge a controller forever.
// upstream: pkg/controller/controller_utils.go (ControllerExpectations, ExpectationsTimeout,
// UIDTrackingControllerExpectations)

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation { add: number; del: number; setAtMs: number; deleteUids: Set<string> }

export class Expectations {
  private byKey = new Map<string, Expectation>();
  constructor(private readonly now: () => number, private readonly timeoutMs = EXPECTATIONS_TIMEOUT_MS) {}

  /** upstream SatisfiedExpectations: true when nothing is pending, the record expired, or none exists. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.setAtMs > this.timeoutMs;
  }

  /** Set what the next sync result must wait for (replaces any old record, as upstream SetExpectations). */
  expect(key: string, add: number, del: number, deleteUids: Iterable<string> = []): void {
    this.byKey.set(key, { add, del, setAtMs: this.now(), deleteUids: new Set(deleteUids) });
  }

  /** A create the controller made has shown up in the cache (or failed: it will never show). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  /** A delete has been observed. With a uid, only counts if that uid was expected (UID tracking). */
  deletionObserved(key: string, uid?: string): void {
    const e = this.byKey.get(key);
    if (!e) return;
    if (uid !== undefined && e.deleteUids.size > 0) {
      if (!e.deleteUids.delete(uid)) return;
    }
    e.del--;
  }

  forget(key: string): void { this.byKey.delete(key); }

  pending(key: string): { add: number; del: number } | undefined {
    const e = this.byKey.get(key);
    return e ? { add: e.add, del: e.del } : undefined;
  }
}
