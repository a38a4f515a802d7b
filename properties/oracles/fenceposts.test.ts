// upstream: pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts, MaxUnavailable, MaxSurge)
// Expected values worked out by hand from the rules: surge = ceil(p·n/100), unavailable = floor(p·n/100),
// both 0 → unavailable 1, unavailable capped at n, 0 for Recreate or n = 0.
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { fenceposts, scaleIntOrPercent, specReplicas, surgeAllowed, unavailableAllowed } from './fenceposts.js';

const deployment = (replicas: number | undefined, maxSurge?: unknown, maxUnavailable?: unknown, type = 'RollingUpdate'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    strategy: type === 'RollingUpdate' ? { type, rollingUpdate: { maxSurge, maxUnavailable } } : { type },
  },
});

describe('scaleIntOrPercent', () => {
  it.each([
    // value, total, round, expected
    [3, 10, 'up', 3], [3, 10, 'down', 3], [0, 10, 'up', 0],
    ['25%', 10, 'up', 3], ['25%', 10, 'down', 2], // 2.5
    ['25%', 4, 'up', 1], ['25%', 4, 'down', 1], // exactly 1
    ['25%', 1, 'up', 1], ['25%', 1, 'down', 0], // 0.25
    ['33%', 3, 'up', 1], ['33%', 3, 'down', 0], // 0.99
    ['50%', 7, 'up', 4], ['50%', 7, 'down', 3], // 3.5
    ['10%', 10, 'up', 1], ['10%', 10, 'down', 1],
    ['10%', 9, 'up', 1], ['10%', 9, 'down', 0], // 0.9
    ['100%', 5, 'down', 5], ['0%', 5, 'up', 0], ['25%', 0, 'up', 0],
    [undefined, 10, 'up', 0], [null, 10, 'down', 0],
  ] as const)('%j of %d rounded %s is %d', (v, total, round, want) => {
    expect(scaleIntOrPercent(v, total, round)).toBe(want);
  });

  it('refuses what validation refuses: a string that is not a percentage', () => {
    expect(() => scaleIntOrPercent('5', 10, 'up')).toThrow(/neither an int nor a percentage/);
    expect(() => scaleIntOrPercent('%', 10, 'up')).toThrow();
    expect(() => scaleIntOrPercent('2.5%', 10, 'up')).toThrow();
  });
});

describe('fenceposts', () => {
  it.each([
    // maxSurge, maxUnavailable, replicas, [surge, unavailable]
    ['25%', '25%', 10, [3, 2]],
    ['25%', '25%', 1, [1, 0]],
    ['10%', '10%', 5, [1, 0]], // 0.5 up, 0.5 down
    [0, '10%', 5, [0, 1]], // both 0 after rounding: unavailable 1
    [0, 0, 3, [0, 1]],
    [undefined, undefined, 3, [0, 1]],
    [2, 1, 10, [2, 1]],
    ['50%', 0, 3, [2, 0]],
  ] as const)('maxSurge %j maxUnavailable %j of %d replicas', (s, u, n, want) => {
    expect(fenceposts(s, u, n)).toEqual(want);
  });
});

describe('surgeAllowed and unavailableAllowed', () => {
  it.each([
    // replicas, maxSurge, maxUnavailable, type, surge, unavailable
    [10, '25%', '25%', 'RollingUpdate', 3, 2],
    [1, '25%', '25%', 'RollingUpdate', 1, 0],
    [3, 0, 5, 'RollingUpdate', 0, 3], // unavailable capped at replicas
    [2, 1, '100%', 'RollingUpdate', 1, 2],
    [0, '25%', '25%', 'RollingUpdate', 0, 0], // 0 replicas: unavailable 0; surge ceil(0) = 0
    [0, 2, 1, 'RollingUpdate', 2, 0],
    [5, 0, 0, 'RollingUpdate', 0, 1],
    [10, '25%', '25%', 'Recreate', 0, 0],
  ] as const)('%d replicas at %j/%j (%s): surge %d, unavailable %d', (n, s, u, type, surge, unavailable) => {
    const d = deployment(n, s, u, type);
    expect(surgeAllowed(d)).toBe(surge);
    expect(unavailableAllowed(d)).toBe(unavailable);
  });

  it('reads spec.replicas, 0 when absent', () => {
    expect(specReplicas(deployment(4))).toBe(4);
    expect(specReplicas(deployment(undefined))).toBe(0);
    expect(specReplicas(undefined)).toBe(0);
  });
});
