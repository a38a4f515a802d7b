// upstream: pkg/scheduler/framework/plugins/ (nodeunschedulable, nodename, tainttoleration, nodeaffinity, noderesources/fit.go)
// Each expected verdict worked out by hand from the filter's rule.
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { allocatableOf, fits, rejection, usageByNode, type Usage } from './fit.js';

const Mi = 1024 * 1024, Gi = 1024 * Mi;
const NONE: Usage = { cpuMilli: 0, memory: 0, pods: 0 };

const node = (o: { name?: string; labels?: Record<string, string>; taints?: any[]; unschedulable?: boolean; allocatable?: Record<string, string> } = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: o.name ?? 'n1', labels: o.labels ?? {} },
  spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
  status: { allocatable: o.allocatable ?? { cpu: '2', memory: '4Gi', pods: '10' } },
});
const pod = (spec: Record<string, unknown> = {}, cpu = '500m', memory = '512Mi'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu, memory } } }], ...spec },
});
const affinity = (...nodeSelectorTerms: any[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

describe('rejection: one filter at a time', () => {
  it.each<[string, KubeObject, KubeObject, Usage, string | undefined]>([
    ['a plain pod on an empty node fits', pod(), node(), NONE, undefined],
    // NodeUnschedulable
    ['cordoned', pod(), node({ unschedulable: true }), NONE, 'NodeUnschedulable'],
    ['cordoned, pod tolerates unschedulable:NoSchedule', pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), node({ unschedulable: true }), NONE, undefined],
    ['cordoned, pod tolerates everything', pod({ tolerations: [{ operator: 'Exists' }] }), node({ unschedulable: true }), NONE, undefined],
    ['cordoned, toleration for NoExecute only', pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] }), node({ unschedulable: true }), NONE, 'NodeUnschedulable'],
    // NodeName
    ['nodeName elsewhere', pod({ nodeName: 'n2' }), node(), NONE, 'NodeName'],
    ['nodeName here', pod({ nodeName: 'n1' }), node(), NONE, undefined],
    // TaintToleration
    ['NoSchedule taint, not tolerated', pod(), node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), NONE, 'TaintToleration'],
    ['NoExecute taint, not tolerated', pod(), node({ taints: [{ key: 'maintenance', effect: 'NoExecute' }] }), NONE, 'TaintToleration'],
    ['PreferNoSchedule taint only scores', pod(), node({ taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), NONE, undefined],
    ['NoSchedule taint tolerated with Equal', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }),
      node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), NONE, undefined],
    ['tolerated value differs', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }] }),
      node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), NONE, 'TaintToleration'],
    // NodeAffinity: nodeSelector
    ['nodeSelector matches', pod({ nodeSelector: { disktype: 'ssd' } }), node({ labels: { disktype: 'ssd', zone: 'a' } }), NONE, undefined],
    ['nodeSelector value differs', pod({ nodeSelector: { disktype: 'ssd' } }), node({ labels: { disktype: 'hdd' } }), NONE, 'NodeAffinity'],
    ['nodeSelector label missing', pod({ nodeSelector: { disktype: 'ssd' } }), node(), NONE, 'NodeAffinity'],
    ['nodeSelector with two pairs, one missing', pod({ nodeSelector: { disktype: 'ssd', zone: 'b' } }), node({ labels: { disktype: 'ssd', zone: 'a' } }), NONE, 'NodeAffinity'],
    // NodeAffinity: required terms
    ['In matches', pod(affinity(expr('zone', 'In', ['a', 'b']))), node({ labels: { zone: 'b' } }), NONE, undefined],
    ['In, value not listed', pod(affinity(expr('zone', 'In', ['a']))), node({ labels: { zone: 'b' } }), NONE, 'NodeAffinity'],
    ['In, label missing', pod(affinity(expr('zone', 'In', ['a']))), node(), NONE, 'NodeAffinity'],
    ['NotIn, value listed', pod(affinity(expr('zone', 'NotIn', ['a']))), node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    ['NotIn, label missing: matches', pod(affinity(expr('zone', 'NotIn', ['a']))), node(), NONE, undefined],
    ['Exists', pod(affinity(expr('gpu', 'Exists'))), node({ labels: { gpu: '' } }), NONE, undefined],
    ['Exists, missing', pod(affinity(expr('gpu', 'Exists'))), node(), NONE, 'NodeAffinity'],
    ['DoesNotExist', pod(affinity(expr('gpu', 'DoesNotExist'))), node(), NONE, undefined],
    ['DoesNotExist, present', pod(affinity(expr('gpu', 'DoesNotExist'))), node({ labels: { gpu: 'x' } }), NONE, 'NodeAffinity'],
    ['Gt: 8 > 4', pod(affinity(expr('cores', 'Gt', ['4']))), node({ labels: { cores: '8' } }), NONE, undefined],
    ['Gt: 4 > 4 is false', pod(affinity(expr('cores', 'Gt', ['4']))), node({ labels: { cores: '4' } }), NONE, 'NodeAffinity'],
    ['Lt: 2 < 4', pod(affinity(expr('cores', 'Lt', ['4']))), node({ labels: { cores: '2' } }), NONE, undefined],
    ['Lt, label not an integer', pod(affinity(expr('cores', 'Lt', ['4']))), node({ labels: { cores: 'two' } }), NONE, 'NodeAffinity'],
    ['Gt with two values is invalid: the term matches nothing', pod(affinity(expr('cores', 'Gt', ['1', '2']))), node({ labels: { cores: '8' } }), NONE, 'NodeAffinity'],
    ['In with no values is invalid', pod(affinity(expr('zone', 'In', []))), node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    ['Exists with values is invalid', pod(affinity(expr('zone', 'Exists', ['a']))), node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    ['an unknown operator is invalid', pod(affinity(expr('zone', 'Like', ['a']))), node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    ['an empty term matches nothing', pod(affinity({})), node(), NONE, 'NodeAffinity'],
    ['no terms match nothing', pod(affinity()), node(), NONE, 'NodeAffinity'],
    ['terms are ORed', pod(affinity(expr('zone', 'In', ['x']), expr('zone', 'In', ['a']))), node({ labels: { zone: 'a' } }), NONE, undefined],
    ['an invalid term does not spoil a valid one', pod(affinity(expr('zone', 'Bad'), expr('zone', 'In', ['a']))), node({ labels: { zone: 'a' } }), NONE, undefined],
    ['requirements of a term are ANDed', pod(affinity({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'Exists' }] })),
      node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    ['matchFields metadata.name In', pod(affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] })), node(), NONE, undefined],
    ['matchFields metadata.name In, other node', pod(affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] })), node(), NONE, 'NodeAffinity'],
    ['matchFields NotIn', pod(affinity({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] })), node(), NONE, 'NodeAffinity'],
    ['matchFields In with two values is invalid', pod(affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }] })), node(), NONE, 'NodeAffinity'],
    ['nodeSelector and affinity must both hold', pod({ nodeSelector: { disktype: 'ssd' }, ...affinity(expr('zone', 'In', ['a'])) }),
      node({ labels: { zone: 'a' } }), NONE, 'NodeAffinity'],
    // NodeResourcesFit (allocatable 2 cpu, 4Gi, 10 pods)
    ['cpu exactly full', pod({}, '500m'), node(), { cpuMilli: 1500, memory: 0, pods: 3 }, undefined],
    ['cpu over by 1m', pod({}, '501m'), node(), { cpuMilli: 1500, memory: 0, pods: 3 }, 'NodeResourcesFit'],
    ['memory exactly full', pod({}, '100m', '1Gi'), node(), { cpuMilli: 0, memory: 3 * Gi, pods: 1 }, undefined],
    ['memory over', pod({}, '100m', '1025Mi'), node(), { cpuMilli: 0, memory: 3 * Gi, pods: 1 }, 'NodeResourcesFit'],
    ['the 11th pod', pod({}, '1m', '1Mi'), node(), { cpuMilli: 0, memory: 0, pods: 10 }, 'NodeResourcesFit'],
    ['a pod asking nothing fits an over-committed node', pod({ containers: [{ name: 'c', image: 'i' }] }), node(), { cpuMilli: 5000, memory: 9 * Gi, pods: 2 }, undefined],
    ['asking no cpu, the node over on cpu, memory fits', pod({}, '0', '1Mi'), node(), { cpuMilli: 5000, memory: 0, pods: 2 }, undefined],
    ['bigger than the node', pod({}, '3'), node(), NONE, 'NodeResourcesFit'],
    ['no allocatable: no room', pod(), { ...node(), status: {} }, NONE, 'NodeResourcesFit'],
    // Order: the first filter that rejects is named.
    ['cordoned and tainted: NodeUnschedulable first', pod(), node({ unschedulable: true, taints: [{ key: 'x', effect: 'NoSchedule' }] }), NONE, 'NodeUnschedulable'],
    ['tainted and too small: TaintToleration first', pod({}, '3'), node({ taints: [{ key: 'x', effect: 'NoSchedule' }] }), NONE, 'TaintToleration'],
  ])('%s', (_what, p, n, used, want) => {
    expect(rejection(p, n, used)).toBe(want);
    expect(fits(p, n, used)).toBe(want === undefined);
  });
});

describe('allocatableOf', () => {
  it('reads cpu as millicores, memory as bytes, pods', () => {
    expect(allocatableOf(node({ allocatable: { cpu: '1500m', memory: '1Gi', pods: '110' } }))).toEqual({ cpuMilli: 1500, memory: Gi, pods: 110 });
    expect(allocatableOf({ ...node(), status: {} })).toEqual({ cpuMilli: 0, memory: 0, pods: 0 });
  });
});

describe('usageByNode', () => {
  const bound = (name: string, nodeName: string | undefined, phase: string, cpu: string, memory: string): KubeObject => ({
    ...pod(nodeName ? { nodeName } : {}, cpu, memory), metadata: { name, namespace: 'default' }, status: { phase },
  });
  it('sums the unfinished pods bound to each node; unbound and finished pods hold nothing', () => {
    const u = usageByNode([
      bound('a', 'n1', 'Running', '500m', '64Mi'), bound('b', 'n1', 'Pending', '250m', '64Mi'),
      bound('c', 'n1', 'Succeeded', '1', '1Gi'), bound('d', 'n1', 'Failed', '1', '1Gi'),
      bound('e', 'n2', 'Running', '1', '1Gi'), bound('f', undefined, 'Pending', '1', '1Gi'),
    ]);
    expect(Object.fromEntries(u)).toEqual({
      n1: { cpuMilli: 750, memory: 128 * Mi, pods: 2 },
      n2: { cpuMilli: 1000, memory: Gi, pods: 1 },
    });
  });
});
