// The PV controller's volume index: the same choice as findBestMatchForClaim
// without scanning every volume for every claim.
//
// Why: upstream's binder walks its access-mode index, every volume in a
// group, for each claim it syncs; binding N claims among N volumes is then
// N² volume checks (10,000 of each: 10⁸). Here the volumes no claim holds
// are kept per class and access-mode set, sorted by capacity (then by when
// the controller first saw them, the order a scan meets them), so a claim's
// smallest fit is a binary search and a short walk past the volumes that
// fail its other checks; the volumes reserved for a claim (a claimRef) are
// found by the claim's name.
//
// Same answer as the scan, in every case: groups are tried fewest modes
// first; in a group a volume pre-bound to the claim wins, else the smallest
// fitting free one, ties to the first met. (volume-index.test.ts checks the
// two against each other on random volumes and claims.)
import type { KubeObject } from '../../api/types.js';
import { SelectorError, selectorFromLabelSelector } from '../../labels/index.js';
import { matchingAccessModeKeys } from './binding.js';
import {
  BinderError, accessModesKey, claimClass, claimKey, isVolumeBoundToClaim, volumeClass, volumeModeMismatch,
} from './helpers.js';
import { compareExact, exactQuantity, type ExactQuantity } from './quantity.js';

interface Entry {
  readonly volume: KubeObject;
  /** When the index first saw a volume of this name: a scan's order. */
  readonly seq: number;
  readonly qty: ExactQuantity;
  readonly modes: string;
  readonly cls: string;
  /** Where it is filed: the free lists (class), or the reservations (the claimRef's namespace/name). */
  readonly free: boolean;
  readonly reservedFor: string;
}

const byQtyThenSeq = (a: Entry, b: Entry): number => compareExact(a.qty, b.qty) || a.seq - b.seq;
const bySeq = (a: Entry, b: Entry): number => a.seq - b.seq;

export class VolumeIndex {
  private seq = 0;
  private byName = new Map<string, Entry>();
  /** Free volumes (Available, no claimRef): class → access-mode key → sorted by capacity, then seq. */
  private free = new Map<string, Map<string, Entry[]>>();
  /** Volumes whose claimRef names a claim: namespace/name → entries by seq. */
  private reserved = new Map<string, Entry[]>();

  clear(): void { this.byName.clear(); this.free.clear(); this.reserved.clear(); this.seq = 0; }

  get size(): number { return this.byName.size; }

  get(name: string): KubeObject | undefined { return this.byName.get(name)?.volume; }

  /** A volume was added or changed. */
  upsert(volume: KubeObject): void {
    const name = volume.metadata.name!;
    const prev = this.byName.get(name);
    if (prev) this.unfile(prev);
    const ref = volume.spec?.claimRef;
    const reservedFor = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const e: Entry = {
      volume, seq: prev?.seq ?? ++this.seq, qty: exactQuantity(volume.spec?.capacity?.storage),
      modes: accessModesKey(volume.spec?.accessModes), cls: volumeClass(volume),
      free: !ref && volume.status?.phase === 'Available', reservedFor,
    };
    this.byName.set(name, e);
    if (e.reservedFor) {
      let list = this.reserved.get(e.reservedFor);
      if (!list) this.reserved.set(e.reservedFor, (list = []));
      insertSorted(list, e, bySeq);
    } else if (e.free) {
      let groups = this.free.get(e.cls);
      if (!groups) this.free.set(e.cls, (groups = new Map()));
      let list = groups.get(e.modes);
      if (!list) groups.set(e.modes, (list = []));
      insertSorted(list, e, byQtyThenSeq);
    }
  }

  remove(name: string): void {
    const e = this.byName.get(name);
    if (!e) return;
    this.unfile(e);
    this.byName.delete(name);
  }

  private unfile(e: Entry): void {
    if (e.reservedFor) {
      const list = this.reserved.get(e.reservedFor);
      if (list) { removeEntry(list, e, bySeq); if (list.length === 0) this.reserved.delete(e.reservedFor); }
    } else if (e.free) {
      const groups = this.free.get(e.cls);
      const list = groups?.get(e.modes);
      if (list) { removeEntry(list, e, byQtyThenSeq); if (list.length === 0) groups!.delete(e.modes); }
      if (groups?.size === 0) this.free.delete(e.cls);
    }
  }

  /** findBestMatchForClaim over the indexed volumes. Throws BinderError where it does. */
  bestMatch(claim: KubeObject, opts: { delayBinding?: boolean; volumeAttributesClass?: boolean } = {}): KubeObject | undefined {
    const vacEnabled = opts.volumeAttributesClass ?? false;
    const claimVAC: string = claim.spec?.volumeAttributesClassName ?? '';
    if (!vacEnabled && claimVAC !== '') {
      throw new BinderError(`unsupported volumeAttributesClassName is set on claim ${claimKey(claim)} when the feature-gate VolumeAttributesClass is disabled`);
    }
    const requested = exactQuantity(claim.spec?.resources?.requests?.storage);
    const ps = claim.spec?.selector;
    let selector;
    try {
      selector = ps === undefined || ps === null ? undefined : selectorFromLabelSelector(ps);
    } catch (e) {
      if (e instanceof SelectorError) throw new BinderError(`error creating internal label selector for claim: ${claimKey(claim)}: ${e.message}`);
      throw e;
    }
    const vacOk = (v: KubeObject) => {
      const volumeVAC: string = v.spec?.volumeAttributesClassName ?? '';
      return vacEnabled ? claimVAC === volumeVAC : volumeVAC === '';
    };
    // The checks a pre-bound volume still has to pass, and a free one too.
    const fits = (e: Entry) => compareExact(e.qty, requested) >= 0 && !volumeModeMismatch(claim, e.volume) && vacOk(e.volume)
      && (e.volume.metadata.deletionTimestamp === undefined || e.volume.metadata.deletionTimestamp === null);
    const mine = this.reserved.get(`${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`) ?? [];
    const groups = opts.delayBinding ? undefined : this.free.get(claimClass(claim));
    const keys = new Set<string>(groups?.keys() ?? []);
    for (const e of mine) keys.add(e.modes);
    for (const key of matchingAccessModeKeys(keys, claim.spec?.accessModes)) {
      for (const e of mine) if (e.modes === key && isVolumeBoundToClaim(e.volume, claim) && fits(e)) return e.volume;
      const list = groups?.get(key);
      if (!list) continue;
      for (let i = lowerBound(list, requested); i < list.length; i++) {
        const e = list[i]!;
        if (!fits(e)) continue;
        if (selector !== undefined && !selector.matches(e.volume.metadata.labels)) continue;
        return e.volume;
      }
    }
    return undefined;
  }
}

/** The first index whose capacity is at least `q`. */
function lowerBound(list: readonly Entry[], q: ExactQuantity): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareExact(list[mid]!.qty, q) < 0) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function insertSorted(list: Entry[], e: Entry, cmp: (a: Entry, b: Entry) => number): void {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, e) <= 0) lo = mid + 1; else hi = mid;
  }
  list.splice(lo, 0, e);
}

/** Remove `e` from a list kept sorted by `cmp` (entries are unique by seq): a binary search, not a scan. */
function removeEntry(list: Entry[], e: Entry, cmp: (a: Entry, b: Entry) => number): void {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, e) < 0) lo = mid + 1; else hi = mid;
  }
  if (list[lo] === e) list.splice(lo, 1);
}
