import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1.js';
import type { Pod } from '../../api/types.js';
import {
  nodeAffinityFilter, nodeNameFilter, nodeResourcesFitFilter, nodeUnschedulableFilter, runFilters,
  taintTolerationFilter, REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY, REASON_NODE_AFFINITY,
  REASON_NODE_NAME, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE, REASON_UNTOLERATED_TAINT,
} from './filters.js';
import { addPod, newNodeInfo, type NodeInfo } from './node-info.js';
import { newPodInfo } from './pod-info.js';
import { podRequests } from './requests.js';
import { makeNode, makePod, type NodeSpecLite, type PodSpecLite } from './fixtures.js';

const node = (o: NodeSpecLite = {}, name = 'n1') => newNodeInfo(makeNode(name, o));
const pod = (o: PodSpecLite = {}) => newPodInfo(makePod('p', o));

describe('NodeUnschedulable', () => {
  it.each([
    ['schedulable node', {}, {}, null],
    ['cordoned node', { unschedulable: true }, {}, REASON_UNSCHEDULABLE],
    ['cordoned node, pod tolerates the unschedulable taint', { unschedulable: true },
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }, null],
    ['cordoned node, pod tolerates everything', { unschedulable: true }, { tolerations: [{ operator: 'Exists' }] }, null],
    ['cordoned node, toleration for another effect', { unschedulable: true },
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] }, REASON_UNSCHEDULABLE],
  ] as [string, NodeSpecLite, PodSpecLite, string | null][])('%s', (_, n, p, want) => {
    expect(nodeUnschedulableFilter(pod(p), node(n))).toBe(want);
  });
});

describe('NodeName', () => {
  it.each([
    ['no nodeName', {}, null],
    ['matching nodeName', { nodeName: 'n1' }, null],
    ['other nodeName', { nodeName: 'n2' }, REASON_NODE_NAME],
  ] as [string, PodSpecLite, string | null][])('%s', (_, p, want) => {
    expect(nodeNameFilter(pod(p), node())).toBe(want);
  });
});

describe('TaintToleration', () => {
  const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  it.each([
    ['no taints', [], [], null],
    ['PreferNoSchedule never filters', [{ key: 'a', effect: 'PreferNoSchedule' }], [], null],
    ['untolerated NoSchedule', [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], [], REASON_UNTOLERATED_TAINT],
    ['untolerated NoExecute', [unreachable], [], REASON_UNTOLERATED_TAINT],
    ['tolerated with Equal', [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], [{ key: 'gpu', value: 'true' }], null],
    ['Equal with another value', [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], [{ key: 'gpu', value: 'no' }],
      REASON_UNTOLERATED_TAINT],
    ['one of two tolerated', [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }],
      [{ key: 'a', operator: 'Exists' }], REASON_UNTOLERATED_TAINT],
  ] as [string, NodeSpecLite['taints'], PodSpecLite['tolerations'], string | null][])('%s', (_, taints, tolerations, want) => {
    expect(taintTolerationFilter(pod({ tolerations }), node({ taints }))).toBe(want);
  });

  it('prints the taint in the pre-v1.35 format when asked', () => {
    const n = node({ taints: [{ key: 'a', effect: 'NoSchedule' }, unreachable] });
    const p = pod({ tolerations: [{ key: 'a', operator: 'Exists' }] });
    expect(taintTolerationFilter(p, n, true)).toBe('node(s) had untolerated taint {node.kubernetes.io/unreachable: }');
    expect(taintTolerationFilter(pod(), node({ taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }), true))
      .toBe('node(s) had untolerated taint {gpu: true}');
  });
});

describe('NodeAffinity', () => {
  const labels = { zone: 'a', disk: 'ssd', cores: '8' };
  const required = (...terms: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[]) =>
    ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
  const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, values });
  it.each([
    ['nothing required', {}, null],
    ['nodeSelector matches', { nodeSelector: { zone: 'a', disk: 'ssd' } }, null],
    ['nodeSelector: one key differs', { nodeSelector: { zone: 'a', disk: 'hdd' } }, REASON_NODE_AFFINITY],
    ['nodeSelector: key absent, even with empty value', { nodeSelector: { gpu: '' } }, REASON_NODE_AFFINITY],
    ['In', { affinity: required({ matchExpressions: [expr('zone', 'In', ['a', 'b'])] }) }, null],
    ['In, no match', { affinity: required({ matchExpressions: [expr('zone', 'In', ['b'])] }) }, REASON_NODE_AFFINITY],
    ['NotIn', { affinity: required({ matchExpressions: [expr('zone', 'NotIn', ['b'])] }) }, null],
    ['NotIn an absent key matches', { affinity: required({ matchExpressions: [expr('gpu', 'NotIn', ['x'])] }) }, null],
    ['NotIn, excluded', { affinity: required({ matchExpressions: [expr('zone', 'NotIn', ['a'])] }) }, REASON_NODE_AFFINITY],
    ['Exists', { affinity: required({ matchExpressions: [expr('disk', 'Exists')] }) }, null],
    ['DoesNotExist', { affinity: required({ matchExpressions: [expr('disk', 'DoesNotExist')] }) }, REASON_NODE_AFFINITY],
    ['Gt', { affinity: required({ matchExpressions: [expr('cores', 'Gt', ['4'])] }) }, null],
    ['Gt, not greater', { affinity: required({ matchExpressions: [expr('cores', 'Gt', ['8'])] }) }, REASON_NODE_AFFINITY],
    ['Lt', { affinity: required({ matchExpressions: [expr('cores', 'Lt', ['9'])] }) }, null],
    ['Gt on a non-integer label', { affinity: required({ matchExpressions: [expr('zone', 'Gt', ['1'])] }) }, REASON_NODE_AFFINITY],
    ['Gt with a non-integer value never matches', { affinity: required({ matchExpressions: [expr('cores', 'Gt', ['x'])] }) },
      REASON_NODE_AFFINITY],
    ['expressions of a term are ANDed', { affinity: required({ matchExpressions: [expr('zone', 'In', ['a']), expr('disk', 'In', ['hdd'])] }) },
      REASON_NODE_AFFINITY],
    ['terms are ORed', { affinity: required({ matchExpressions: [expr('zone', 'In', ['b'])] }, { matchExpressions: [expr('disk', 'In', ['ssd'])] }) },
      null],
    ['an empty term matches nothing', { affinity: required({}) }, REASON_NODE_AFFINITY],
    ['no terms matches nothing', { affinity: required() }, REASON_NODE_AFFINITY],
    ['matchFields metadata.name In', { affinity: required({ matchFields: [expr('metadata.name', 'In', ['n1'])] }) }, null],
    ['matchFields metadata.name NotIn', { affinity: required({ matchFields: [expr('metadata.name', 'NotIn', ['n1'])] }) },
      REASON_NODE_AFFINITY],
    ['nodeSelector and affinity must both hold', { nodeSelector: { zone: 'b' }, affinity: required({ matchExpressions: [expr('disk', 'Exists')] }) },
      REASON_NODE_AFFINITY],
  ] as [string, PodSpecLite, string | null][])('%s', (_, p, want) => {
    expect(nodeAffinityFilter(pod(p), node({ labels }))).toBe(want);
  });
});

describe('NodeResourcesFit', () => {
  const full = (o: NodeSpecLite, pods: Pod[]): NodeInfo => {
    const ni = node(o);
    for (const p of pods) addPod(ni, p.metadata!.uid!, podRequests(p));
    return ni;
  };
  it.each([
    ['fits', { cpu: '2', memory: '4Gi' }, [], { cpu: '1', memory: '1Gi' }, null],
    ['exactly fills the node', { cpu: '2', memory: '4Gi' }, [makePod('a', { cpu: '1', memory: '2Gi' })], { cpu: '1', memory: '2Gi' }, null],
    ['cpu short', { cpu: '2' }, [makePod('a', { cpu: '1500m' })], { cpu: '600m' }, [REASON_INSUFFICIENT_CPU]],
    ['memory short', { memory: '1Gi' }, [], { memory: '2Gi' }, [REASON_INSUFFICIENT_MEMORY]],
    ['both short: the node counts for both', { cpu: '1', memory: '1Gi' }, [], { cpu: '2', memory: '2Gi' },
      [REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY]],
    ['pod slots used up', { pods: '1' }, [makePod('a')], {}, [REASON_TOO_MANY_PODS]],
    ['pod slots and cpu', { pods: '1', cpu: '1' }, [makePod('a', { cpu: '1' })], { cpu: '1' }, [REASON_TOO_MANY_PODS, REASON_INSUFFICIENT_CPU]],
    ['a pod without requests fits a full node', { cpu: '1' }, [makePod('a', { cpu: '1' })], {}, null],
    ['an overcommitted node still takes a pod that requests nothing', { cpu: '1' }, [makePod('a', { cpu: '2' })], {}, null],
  ] as [string, NodeSpecLite, Pod[], PodSpecLite, string[] | null][])('%s', (_, n, existing, p, want) => {
    expect(nodeResourcesFitFilter(pod(p), full(n, existing))).toEqual(want);
  });
});

describe('runFilters', () => {
  it('reports only the first plugin that rejects, in upstream order', () => {
    const ni = node({ unschedulable: true, cpu: '1', taints: [{ key: 'a', effect: 'NoSchedule' }] });
    expect(runFilters(pod({ cpu: '2', nodeName: 'other' }), ni)).toEqual([REASON_UNSCHEDULABLE]);
    expect(runFilters(pod({ cpu: '2', nodeName: 'other', tolerations: [{ operator: 'Exists' }] }), ni)).toEqual([REASON_NODE_NAME]);
    expect(runFilters(pod({ cpu: '2', tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }), ni))
      .toEqual([REASON_UNTOLERATED_TAINT]);
    expect(runFilters(pod({ cpu: '2', nodeSelector: { x: 'y' }, tolerations: [{ operator: 'Exists' }] }), ni)).toEqual([REASON_NODE_AFFINITY]);
    expect(runFilters(pod({ cpu: '2', tolerations: [{ operator: 'Exists' }] }), ni)).toEqual([REASON_INSUFFICIENT_CPU]);
    expect(runFilters(pod({ cpu: '1', tolerations: [{ operator: 'Exists' }] }), ni)).toBeNull();
  });
});
