import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { podsToDelete, rankPods, compareForDeletion, deletionCost } from './rank.js';
import { pod } from './fixtures.js';

const EPOCH = Date.UTC(2017, 2, 11);
const parse = (s: string) => Date.parse(s) - EPOCH;
const HOUR_S = 3600;

/** Is `a` deleted before `b` (and not the other way round)? */
function first(a: KubeObject, b: KubeObject, related: KubeObject[] = [], nowMs?: number): boolean {
  const [ra, rb] = rankPods([a, b], related, parse);
  return compareForDeletion(ra!, rb!, nowMs) < 0 && compareForDeletion(rb!, ra!, nowMs) > 0;
}

describe('deletion ranking (ActivePodsWithRanks.Less)', () => {
  const now = 10 * HOUR_S * 1000;
  // Each row: the pod deleted first, the pod kept, and why — in upstream's order of precedence.
  const table: Array<[string, KubeObject, KubeObject]> = [
    ['1. unassigned before assigned', pod({ node: null, phase: 'Running' }), pod({ phase: 'Pending', ready: false })],
    ['2. Pending before Running', pod({ phase: 'Pending', ready: false }), pod({ ready: false })],
    ['2. Pending before Unknown', pod({ phase: 'Pending' }), pod({ phase: 'Unknown' })],
    ['2. Unknown before Running', pod({ phase: 'Unknown' }), pod({ phase: 'Running' })],
    ['3. not ready before ready', pod({ ready: false, createdS: 0 }), pod({ ready: true, createdS: 100 })],
    ['4. lower pod-deletion-cost first', pod({ cost: -5, createdS: 0 }), pod({ cost: 10, createdS: 100 })],
    ['6. ready for less time first', pod({ readyS: 9 * HOUR_S }), pod({ readyS: 1 * HOUR_S })],
    ['7. more restarts first', pod({ restarts: 4 }), pod({ restarts: 1 })],
    ['8. newer before older', pod({ createdS: 9 * HOUR_S, readyS: 0 }), pod({ createdS: 1 * HOUR_S, readyS: 0 })],
  ];
  it.each(table)('%s', (_why, del, keep) => {
    expect(first(del, keep, [], now)).toBe(true);
  });

  it('5. the pod on the node with more related pods goes first ("doubled up")', () => {
    const a = pod({ node: 'n1' }), b = pod({ node: 'n2' });
    const related = [a, b, pod({ node: 'n1' }), pod({ node: 'n1' })];
    expect(first(a, b, related, now)).toBe(true);
    // Terminating related pods do not count.
    const gone = { ...pod({ node: 'n2' }), metadata: { ...pod().metadata, deletionTimestamp: 'x' } };
    expect(first(a, b, [a, b, pod({ node: 'n1' }), gone, gone], now)).toBe(true);
  });

  it('precedence: an earlier rule wins over every later one', () => {
    // Unready but old and never restarted, vs ready, brand new and crash-looping: the unready one goes.
    expect(first(pod({ ready: false, createdS: 0 }), pod({ ready: true, createdS: 9 * HOUR_S, restarts: 50 }), [], now)).toBe(true);
  });

  it('LogarithmicScaleDown: times in the same log2 bucket tie, and the uid decides', () => {
    // Ages 100s and 101s from now fall in one log2(ns) bucket.
    const a = pod({ createdS: 36_000 - 100, readyS: 0, uid: 'b-uid' });
    const b = pod({ createdS: 36_000 - 101, readyS: 0, uid: 'a-uid' });
    expect(first(b, a, [], now)).toBe(true);
    // Compared exactly (no now), the newer goes first.
    expect(first(a, b)).toBe(true);
  });

  it('a missing timestamp counts as Go\'s zero time, which sorts first', () => {
    const a = pod({ createdS: 100 });
    delete (a.metadata as { creationTimestamp?: string }).creationTimestamp;
    expect(first(a, pod({ createdS: 50 }), [], now)).toBe(true);
  });

  it('podsToDelete: unscheduled and unready pods go first; deleting them all skips the sort', () => {
    const keep1 = pod({ name: 'ready-old', createdS: 0 });
    const keep2 = pod({ name: 'ready-old-2', createdS: 0 });
    const unready = pod({ name: 'unready', ready: false });
    const pending = pod({ name: 'pending', node: null, phase: 'Pending', ready: false });
    const chosen = podsToDelete([keep1, unready, keep2, pending], [], 2, now, parse).map((p) => p.metadata.name);
    expect(chosen).toEqual(['pending', 'unready']);
    expect(podsToDelete([keep1, unready], [], 5, now, parse)).toHaveLength(2);
  });

  it('deletion cost: an int32 annotation; anything else is 0', () => {
    expect(deletionCost(pod({ cost: -7 }))).toBe(-7);
    const bad = pod();
    bad.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': 'high' };
    expect(deletionCost(bad)).toBe(0);
    bad.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '99999999999' };
    expect(deletionCost(bad)).toBe(0);
  });
});
