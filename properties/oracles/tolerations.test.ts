// upstream: k8s.io/api/core/v1/toleration.go (ToleratesTaint), pkg/controller/tainteviction/taint_eviction.go (getMinTolerationTime)
// Expected values worked out by hand from those rules.
import { describe, it, expect } from 'vitest';
import { noExecuteAllowanceMs, tolerated, tolerates, type TaintLike, type TolerationLike } from './tolerations.js';

const unreachable: TaintLike = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: TaintLike = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const dedicated: TaintLike = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('tolerates', () => {
  it.each<[string, TolerationLike, TaintLike, boolean]>([
    ['Equal, same key, value, effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, dedicated, true],
    ['Equal, other value', { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, dedicated, false],
    ['no operator means Equal', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, dedicated, true],
    ['no operator, no value, taint with a value', { key: 'dedicated', effect: 'NoSchedule' }, dedicated, false],
    ['Equal with no value matches a taint with no value', { key: 'node.kubernetes.io/unreachable', operator: 'Equal', effect: 'NoExecute' }, unreachable, true],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, dedicated, true],
    ['Exists, other key', { key: 'other', operator: 'Exists' }, dedicated, false],
    ['empty effect matches every effect', { key: 'dedicated', operator: 'Exists' }, dedicated, true],
    ['other effect', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, dedicated, false],
    ['PreferNoSchedule toleration, NoSchedule taint', { key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }, dedicated, false],
    ['empty key with Exists tolerates everything', { operator: 'Exists' }, dedicated, true],
    ['empty key with Exists and an effect', { operator: 'Exists', effect: 'NoExecute' }, unreachable, true],
    ['empty key with Exists, other effect', { operator: 'Exists', effect: 'NoExecute' }, dedicated, false],
    ['empty key with Equal: value must match', { operator: 'Equal', value: 'gpu' }, dedicated, true],
    ['an unknown operator tolerates nothing', { key: 'dedicated', operator: 'Gt', value: 'gpu' }, dedicated, false],
  ])('%s', (_what, t, taint, want) => {
    expect(tolerates(t, taint)).toBe(want);
  });

  it('tolerated: any of the list', () => {
    expect(tolerated(undefined, dedicated)).toBe(false);
    expect(tolerated([], dedicated)).toBe(false);
    expect(tolerated([{ key: 'x', operator: 'Exists' }, { key: 'dedicated', operator: 'Exists' }], dedicated)).toBe(true);
  });
});

describe('noExecuteAllowanceMs', () => {
  const def300 = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  it.each<[string, TaintLike[], TolerationLike[] | undefined, number | undefined]>([
    ['no tolerations at all: evict now', [unreachable], undefined, undefined],
    ['an untolerated taint: evict now', [unreachable], [{ key: 'other', operator: 'Exists' }], undefined],
    ['the defaults: 300s', [unreachable], def300, 300_000],
    ['one of two taints untolerated', [unreachable, { key: 'x', effect: 'NoExecute' }], def300, undefined],
    ['both taints, both 300s', [unreachable, notReady], def300, 300_000],
    ['no tolerationSeconds: forever', [unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }], -1],
    ['forever and 30s on two taints: 30s', [unreachable, notReady],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 30 }], 30_000],
    ['0 seconds: at once', [unreachable], [{ operator: 'Exists', tolerationSeconds: 0 }], 0],
    ['negative seconds count as 0', [unreachable], [{ operator: 'Exists', tolerationSeconds: -5 }], 0],
    ['null seconds: forever', [unreachable], [{ operator: 'Exists', tolerationSeconds: null }], -1],
    ['the shortest of the used: 30s over 300s', [unreachable, notReady],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 30 }, def300[0]!], 30_000],
    // GetMatchingTolerations keeps only the first toleration that tolerates each taint.
    ['the first match is used: forever before 10s', [unreachable],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 10 }], -1],
    ['the first match is used: 60s before 10s', [unreachable],
      [{ operator: 'Exists', tolerationSeconds: 60 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 10 }], 60_000],
    ['a NoSchedule toleration does not tolerate a NoExecute taint', [unreachable],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }], undefined],
  ])('%s', (_what, taints, tolerations, want) => {
    expect(noExecuteAllowanceMs(taints, tolerations)).toBe(want);
  });
});
