import { describe, expect, it } from 'vitest';
import { addPod, newNodeInfo } from './node-info.js';
import { newPodInfo } from './pod-info.js';
import { podRequests } from './requests.js';
import {
  balancedAllocationScore, leastAllocatedScore, nodeScores, normalizeScore, scoreNodes,
} from './scoring.js';
import { lcg, makeNode, makePod, type NodeSpecLite, type PodSpecLite } from './fixtures.js';

const node = (name: string, o: NodeSpecLite = {}, used: PodSpecLite[] = []) => {
  const ni = newNodeInfo(makeNode(name, o));
  used.forEach((p, i) => addPod(ni, `${name}-${i}`, podRequests(makePod(`${name}-${i}`, p))));
  return ni;
};
const req = (o: PodSpecLite) => podRequests(makePod('p', o));

describe('NodeResourcesFit LeastAllocated', () => {
  it.each([
    ['empty node, quarter of each', { cpu: '4', memory: '16Gi' }, [], { cpu: '1', memory: '4Gi' }, 75],
    ['cpu and memory averaged', { cpu: '4', memory: '16Gi' }, [], { cpu: '2', memory: '4Gi' }, 62], // (50 + 75) / 2
    ['integer division at each step', { cpu: '3', memory: '3Gi' }, [], { cpu: '1', memory: '1Gi' }, 66],
    ['existing requests count', { cpu: '4', memory: '16Gi' }, [{ cpu: '2', memory: '8Gi' }], { cpu: '1', memory: '4Gi' }, 25],
    ['a pod without requests scores with 100m / 200Mi', { cpu: '4', memory: '16Gi' }, [], {}, 97], // (97 + 98) / 2
    ['over capacity scores 0 for that resource', { cpu: '1', memory: '16Gi' }, [{ cpu: '2' }], { memory: '4Gi' }, 36], // (0 + 73) / 2: the existing pod counts 200Mi
  ] as [string, NodeSpecLite, PodSpecLite[], PodSpecLite, number][])('%s', (_, n, used, p, want) => {
    expect(leastAllocatedScore(req(p), node('n', n, used))).toBe(want);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it.each([
    ['equal fractions', { cpu: '4', memory: '16Gi' }, { cpu: '1', memory: '4Gi' }, 100],
    ['half vs quarter: std 0.125', { cpu: '4', memory: '16Gi' }, { cpu: '2', memory: '4Gi' }, 87],
    ['fractions cap at 1', { cpu: '1', memory: '16Gi' }, { cpu: '4', memory: '0' }, 50],
    ['real requests, no defaults: a pod naming only cpu', { cpu: '4', memory: '16Gi' }, { cpu: '2' }, 75],
  ] as [string, NodeSpecLite, PodSpecLite, number][])('%s', (_, n, p, want) => {
    expect(balancedAllocationScore(req(p), node('n', n))).toBe(want);
  });
});

describe('normalizeScore (upstream DefaultNormalizeScore)', () => {
  it('scales by the maximum with integer division', () => {
    expect([0, 1, 2, 3].map((s) => normalizeScore(s, 3, false))).toEqual([0, 33, 66, 100]);
  });
  it('reverses for TaintToleration', () => {
    expect([0, 1, 2].map((s) => normalizeScore(s, 2, true))).toEqual([100, 50, 0]);
  });
  it('all zero: 0, or 100 when reversed', () => {
    expect(normalizeScore(0, 0, false)).toBe(0);
    expect(normalizeScore(0, 0, true)).toBe(100);
  });
});

describe('nodeScores and scoreNodes', () => {
  const nodes = [
    node('clean', { cpu: '4', memory: '16Gi', labels: { disk: 'ssd' } }),
    node('one-soft', { cpu: '4', memory: '16Gi', taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
    node('two-soft', { cpu: '4', memory: '16Gi', taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] }),
  ];
  const p = newPodInfo(makePod('p', {
    cpu: '1', memory: '4Gi',
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 40, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
      { weight: 0, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
    ] } },
  }));

  it('normalises taints (reversed) and preferred affinity across the nodes, then weights them', () => {
    const s = nodeScores(p, nodes);
    expect(s.map((x) => [x.node, x.TaintToleration, x.NodeAffinity])).toEqual([
      ['clean', 100, 100], ['one-soft', 50, 0], ['two-soft', 0, 0],
    ]);
    expect(s[0]!.total).toBe(3 * 100 + 2 * 100 + 75 + 100);
    expect(s[2]!.total).toBe(75 + 100);
  });

  it('a PreferNoSchedule toleration removes the penalty', () => {
    const tolerant = newPodInfo(makePod('t', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] }));
    expect(nodeScores(tolerant, nodes).map((x) => x.TaintToleration)).toEqual([100, 100, 0]);
  });

  it('best-effort pods skip BalancedAllocation', () => {
    expect(nodeScores(newPodInfo(makePod('b')), nodes).every((x) => x.NodeResourcesBalancedAllocation === 0)).toBe(true);
  });

  it('the allocation-free path agrees with the explained one', () => {
    const totals = new Float64Array(3);
    scoreNodes(p, nodes, 3, totals);
    expect([...totals]).toEqual(nodeScores(p, nodes).map((x) => x.total));
  });
});

describe('scoreNodes agrees with nodeScores on varied clusters', () => {
  it.each([1, 2, 3, 4, 5])('seed %d', (seed) => {
    const rand = lcg(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const cluster = Array.from({ length: 60 }, (_, i) => node(`n${i}`, {
      cpu: pick(['0', '1', '2', '4', '16']), memory: pick(['0', '1Gi', '4Gi', '64Gi']),
      labels: { zone: pick(['a', 'b']) },
      taints: pick([[], [], [{ key: 'soft', effect: 'PreferNoSchedule' }], [{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'x', effect: 'PreferNoSchedule' }]]),
    }, Array.from({ length: Math.floor(rand() * 4) }, () => pick([{}, { cpu: '500m' }, { memory: '1Gi' }, { cpu: '3', memory: '3Gi' }]))));
    for (let k = 0; k < 20; k++) {
      const p = newPodInfo(makePod(`p${k}`, {
        ...pick([{}, { cpu: '250m' }, { memory: '512Mi' }, { cpu: '1', memory: '2Gi' }]),
        tolerations: pick([undefined, [{ key: 'soft', operator: 'Exists' }]]),
        affinity: pick([undefined, { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 7, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
        ] } }]),
      }));
      const totals = new Float64Array(cluster.length);
      scoreNodes(p, cluster, cluster.length, totals);
      expect([...totals]).toEqual(nodeScores(p, cluster).map((x) => x.total));
    }
  });
});
