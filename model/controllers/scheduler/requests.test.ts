import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../api/types.js';
import { podRequests, DEFAULT_MEMORY_REQUEST } from './requests.js';
import { addPod, newNodeInfo, removePod, setNode } from './node-info.js';
import { makeNode, makePod } from './fixtures.js';

const c = (name: string, requests: Record<string, string>, restartPolicy?: string): Container =>
  ({ name, image: 'x', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });
const pod = (containers: Container[], initContainers: Container[] = [], overhead?: Record<string, string>): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers, initContainers, overhead } });

describe('podRequests (upstream computePodResourceRequest)', () => {
  const cases: [string, Pod, { cpuMilli: number; memory: number; nonZeroCpuMilli: number; nonZeroMemory: number }][] = [
    ['sums containers', pod([c('a', { cpu: '100m', memory: '1Gi' }), c('b', { cpu: '1', memory: '1Gi' })]),
      { cpuMilli: 1100, memory: 2 * 2 ** 30, nonZeroCpuMilli: 1100, nonZeroMemory: 2 * 2 ** 30 }],
    ['init containers count as their max, not a sum', pod([c('a', { cpu: '100m' })], [c('i1', { cpu: '2' }), c('i2', { cpu: '1' })]),
      { cpuMilli: 2000, memory: 0, nonZeroCpuMilli: 2000, nonZeroMemory: 200 * 2 ** 20 }],
    ['containers win when larger than any init container', pod([c('a', { cpu: '3' })], [c('i', { cpu: '2' })]),
      { cpuMilli: 3000, memory: 0, nonZeroCpuMilli: 3000, nonZeroMemory: DEFAULT_MEMORY_REQUEST }],
    ['a sidecar (restartable init) adds to the sum and to later init containers',
      pod([c('a', { cpu: '1' })], [c('sidecar', { cpu: '500m' }, 'Always'), c('init', { cpu: '1200m' })]),
      { cpuMilli: 1700, memory: 0, nonZeroCpuMilli: 1700, nonZeroMemory: 2 * DEFAULT_MEMORY_REQUEST }],
    ['overhead is added', pod([c('a', { cpu: '100m', memory: '10Mi' })], [], { cpu: '250m', memory: '120Mi' }),
      { cpuMilli: 350, memory: 130 * 2 ** 20, nonZeroCpuMilli: 350, nonZeroMemory: 130 * 2 ** 20 }],
    ['a container naming no request counts 0, or 100m/200Mi for scoring', pod([c('a', {}), c('b', { cpu: '0' })]),
      { cpuMilli: 0, memory: 0, nonZeroCpuMilli: 100, nonZeroMemory: 2 * DEFAULT_MEMORY_REQUEST }],
    ['cpu is rounded up once, on the total', pod([c('a', { cpu: '500u' }), c('b', { cpu: '500u' })]),
      { cpuMilli: 1, memory: 0, nonZeroCpuMilli: 1, nonZeroMemory: 2 * DEFAULT_MEMORY_REQUEST }],
  ];
  it.each(cases)('%s', (_, p, want) => {
    expect(podRequests(p)).toEqual({ ...want, pods: 1 });
  });

  it('pod-level requests win for the resources they name', () => {
    const p = pod([c('a', { cpu: '1', memory: '1Gi' })]);
    (p.spec as { resources?: unknown }).resources = { requests: { cpu: '3' } };
    expect(podRequests(p)).toMatchObject({ cpuMilli: 3000, memory: 2 ** 30 });
  });
});

describe('NodeInfo', () => {
  it('derives allocatable, taint lists and schedulability from the node', () => {
    const ni = newNodeInfo(makeNode('n1', {
      cpu: '3500m', memory: '8Gi', pods: '10', unschedulable: true,
      taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }, { key: 'c', effect: 'NoExecute' }],
    }));
    expect(ni.allocatable).toEqual({ cpuMilli: 3500, memory: 8 * 2 ** 30, pods: 10 });
    expect(ni.hardTaints.map((t) => t.key)).toEqual(['a', 'c']);
    expect(ni.softTaints.map((t) => t.key)).toEqual(['b']);
    expect(ni.unschedulable).toBe(true);
  });

  it('adds and removes pods by uid, subtracting what was added', () => {
    const ni = newNodeInfo(makeNode('n1'));
    const small = podRequests(makePod('a', { cpu: '100m', memory: '1Gi' }));
    const big = podRequests(makePod('a', { cpu: '1', memory: '2Gi' }));
    addPod(ni, 'a', small);
    addPod(ni, 'b', podRequests(makePod('b')));
    expect(ni.requested).toEqual({ cpuMilli: 100, memory: 2 ** 30, pods: 2 });
    expect(ni.nonZeroRequested).toEqual({ cpuMilli: 200, memory: 2 ** 30 + DEFAULT_MEMORY_REQUEST });
    addPod(ni, 'a', big); // the same uid again replaces, it does not double count
    expect(ni.requested).toEqual({ cpuMilli: 1000, memory: 2 * 2 ** 30, pods: 2 });
    expect(removePod(ni, 'a')).toBe(true);
    expect(removePod(ni, 'a')).toBe(false);
    expect(removePod(ni, 'b')).toBe(true);
    expect(ni.requested).toEqual({ cpuMilli: 0, memory: 0, pods: 0 });
    expect(ni.nonZeroRequested).toEqual({ cpuMilli: 0, memory: 0 });
  });

  it('keeps its pods when the node object changes, and refuses another node', () => {
    const ni = newNodeInfo(makeNode('n1'));
    addPod(ni, 'a', podRequests(makePod('a', { cpu: '1' })));
    const gen = ni.generation;
    setNode(ni, makeNode('n1', { cpu: '8' }));
    expect(ni.allocatable.cpuMilli).toBe(8000);
    expect(ni.requested.cpuMilli).toBe(1000);
    expect(ni.generation).toBeGreaterThan(gen);
    expect(() => setNode(ni, makeNode('n2'))).toThrow(/cannot take node "n2"/);
  });

  it('a node without allocatable has room for nothing, as upstream', () => {
    const node = { ...makeNode('n1'), status: {} };
    expect(newNodeInfo(node).allocatable).toEqual({ cpuMilli: 0, memory: 0, pods: 0 });
  });
});
