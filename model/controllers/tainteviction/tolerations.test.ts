import { describe, it, expect } from 'vitest';
import { minTolerationMs } from './tolerations.js';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const tol = (key: string | undefined, seconds?: number, operator = 'Exists') => ({ key, operator, effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) });

describe('minTolerationMs (upstream getMinTolerationTime over GetMatchingTolerations)', () => {
  it.each([
    ['no toleration for a taint: evict at once (undefined)', [unreachable], [tol('node.kubernetes.io/not-ready', 300)], undefined],
    ['tolerated forever', [unreachable], [tol('node.kubernetes.io/unreachable')], -1],
    ['the default 300s', [unreachable], [tol('node.kubernetes.io/unreachable', 300)], 300_000],
    ['the shortest over the taints', [unreachable, notReady], [tol('node.kubernetes.io/unreachable', 300), tol('node.kubernetes.io/not-ready', 30)], 30_000],
    ['only the first toleration that matches a taint counts', [unreachable], [tol('node.kubernetes.io/unreachable'), tol('node.kubernetes.io/unreachable', 10)], -1],
    ['an empty key with Exists tolerates every taint', [unreachable, notReady], [tol(undefined, 60)], 60_000],
    ['zero or negative seconds: evict at once', [unreachable], [tol('node.kubernetes.io/unreachable', -5)], 0],
  ])('%s', (_name, taints, tolerations, want) => {
    expect(minTolerationMs(taints, tolerations)).toBe(want);
  });
});
