import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from './types.js';
import {
  findUntoleratedTaint, isDoNotScheduleTaint, taintToString, toleratesTaint, tolerationsTolerateTaint,
  TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE,
} from './taints.js';

const unreachable: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
const gpu: Taint = { key: 'gpu', value: 'true', effect: 'NoSchedule' };

describe('toleratesTaint (upstream Toleration.ToleratesTaint)', () => {
  const cases: [string, Toleration, Taint, boolean][] = [
    ['empty key with Exists matches every taint', { operator: 'Exists' }, gpu, true],
    ['empty key with Exists matches every effect', { operator: 'Exists' }, unreachable, true],
    ['empty key with Exists but an effect matches only that effect', { operator: 'Exists', effect: 'NoSchedule' }, unreachable, false],
    ['empty effect matches all effects', { key: 'gpu', operator: 'Equal', value: 'true' }, gpu, true],
    ['effect must match when set', { key: 'gpu', value: 'true', effect: 'NoExecute' }, gpu, false],
    ['operator defaults to Equal: same value', { key: 'gpu', value: 'true' }, gpu, true],
    ['operator defaults to Equal: other value', { key: 'gpu', value: 'false' }, gpu, false],
    ['Equal with no value matches a taint with no value', { key: TAINT_NODE_UNREACHABLE }, unreachable, true],
    ['Equal with no value does not match a valued taint', { key: 'gpu', operator: 'Equal' }, gpu, false],
    ['Exists ignores the value', { key: 'gpu', operator: 'Exists' }, gpu, true],
    ['key must match', { key: 'other', operator: 'Exists' }, gpu, false],
    ['an unknown operator tolerates nothing', { key: 'gpu', operator: 'Gt', value: 'true' }, gpu, false],
    ['the default not-ready toleration does not cover unreachable',
      { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, unreachable, false],
  ];
  it.each(cases)('%s', (_, toleration, taint, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });

  it('a list tolerates when any toleration does', () => {
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'gpu', value: 'true' }], gpu)).toBe(true);
    expect(tolerationsTolerateTaint([], gpu)).toBe(false);
    expect(tolerationsTolerateTaint(undefined, gpu)).toBe(false);
  });
});

describe('findUntoleratedTaint', () => {
  const soft: Taint = { key: 'soft', effect: 'PreferNoSchedule' };
  it('returns the first untolerated taint passing the filter, in node order', () => {
    expect(findUntoleratedTaint([soft, gpu, unreachable], [], isDoNotScheduleTaint)).toBe(gpu);
    expect(findUntoleratedTaint([soft, gpu, unreachable], [{ key: 'gpu', operator: 'Exists' }], isDoNotScheduleTaint))
      .toBe(unreachable);
  });
  it('returns undefined when all are tolerated or filtered out', () => {
    expect(findUntoleratedTaint([soft], [], isDoNotScheduleTaint)).toBeUndefined();
    expect(findUntoleratedTaint([gpu], [{ operator: 'Exists' }])).toBeUndefined();
    expect(findUntoleratedTaint(undefined, [])).toBeUndefined();
  });
  it('without a filter considers every effect', () => {
    expect(findUntoleratedTaint([soft], [])).toBe(soft);
  });
});

describe('taintToString (upstream Taint.ToString)', () => {
  it('prints key=value:Effect, or key:Effect without a value', () => {
    expect(taintToString(gpu)).toBe('gpu=true:NoSchedule');
    expect(taintToString(unreachable)).toBe('node.kubernetes.io/unreachable:NoExecute');
    expect(taintToString({ key: 'k', value: '', effect: 'NoSchedule' })).toBe('k:NoSchedule');
  });
});
