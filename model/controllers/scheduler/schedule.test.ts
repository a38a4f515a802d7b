// v1.35 message wording (no taint names, DRA's text); the model's default is v1.32's.
const V135 = { taintInMessage: false, dynamicResources: true };
import { describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../api/types.js';
import { addPod, newNodeInfo, type NodeInfo } from './node-info.js';
import { newPodInfo } from './pod-info.js';
import { podRequests } from './requests.js';
import { numFeasibleNodesToFind, schedulePod, type ScheduleCursor, type ScheduleResult } from './schedule.js';
import { lcg, makeNode, makePod, type NodeSpecLite } from './fixtures.js';

const nodes = (n: number, o: NodeSpecLite = {}, prefix = 'n'): NodeInfo[] =>
  Array.from({ length: n }, (_, i) => newNodeInfo(makeNode(`${prefix}${i}`, o)));
const fill = (ni: NodeInfo, cpu: string, uid = `${ni.name}-fill`) => addPod(ni, uid, podRequests(makePod(uid, { cpu })));
const noRand = () => { throw new Error('rand must not be drawn'); };
const nodeOf = (r: ScheduleResult) => ('node' in r ? r.node : r.unschedulable);
const pinned = (...names: string[]): Pod => makePod('ds', {
  cpu: '1',
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: names }] },
  ] } } },
});

describe('schedulePod picks the best node', () => {
  it('prefers the least allocated node', () => {
    const ns = nodes(3);
    fill(ns[0]!, '2');
    fill(ns[1]!, '1');
    expect(schedulePod(makePod('p', { cpu: '500m', memory: '1Gi' }), ns, noRand))
      .toEqual({ node: 'n2', evaluatedNodes: 3, feasibleNodes: 3 });
  });

  it('takes the only feasible node without scoring or drawing', () => {
    const ns = nodes(3);
    fill(ns[0]!, '4');
    fill(ns[2]!, '4');
    expect(schedulePod(makePod('p', { cpu: '1' }), ns, noRand)).toEqual({ node: 'n1', evaluatedNodes: 3, feasibleNodes: 1 });
  });

  it('accepts a cached PodInfo', () => {
    expect(nodeOf(schedulePod(newPodInfo(makePod('p', { nodeName: 'n1' })), nodes(3), noRand))).toBe('n1');
  });
});

describe('ties are broken by the caller\'s rand, reproducibly', () => {
  const run = (seed: number) => {
    const ns = nodes(10);
    const rand = lcg(seed);
    const picks: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = schedulePod(makePod(`p${i}`), ns, rand); // best-effort: every node ties
      picks.push(nodeOf(r));
    }
    return picks;
  };

  it('the same seed gives the same placements', () => {
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(7));
  });

  it('every tied node can win (reservoir sampling)', () => {
    expect(new Set(run(1).concat(run(2), run(3))).size).toBe(10);
  });

  it('draws once per extra tied node', () => {
    const rand = vi.fn(lcg(5));
    schedulePod(makePod('p'), nodes(4), rand);
    expect(rand).toHaveBeenCalledTimes(3);
  });
});

describe('FailedScheduling message', () => {
  const fiveNodes = () => {
    const ns = nodes(5, { cpu: '2' });
    fill(ns[0]!, '2');
    fill(ns[1]!, '1500m');
    for (const ni of ns.slice(2)) {
      ni.hardTaints = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }];
    }
    return ns;
  };
  const pod = makePod('p', { cpu: '1' });

  it('counts reasons per node, sorted, with the PostFilter messages (upstream v1.35)', () => {
    expect(schedulePod(pod, fiveNodes(), noRand, V135)).toEqual({
      unschedulable: '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint(s). ' +
        'no new claims to deallocate, preemption: 0/5 nodes are available: ' +
        '2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    });
  });

  it('prints the taint and no DRA message when configured as before v1.34', () => {
    expect(schedulePod(pod, fiveNodes(), noRand, { taintInMessage: true, dynamicResources: false })).toEqual({
      unschedulable: '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ' +
        'preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    });
  });

  it('sorts "<count> <reason>" as strings, so 10 comes before 2', () => {
    const ns = [...nodes(10, { unschedulable: true }, 'c'), ...nodes(2, { memory: '1Gi' }, 'm')];
    expect(nodeOf(schedulePod(makePod('p', { memory: '2Gi' }), ns, noRand, V135))).toBe(
      '0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient memory. no new claims to deallocate, ' +
      'preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.', // 2Gi > the 1Gi nodes
    );
  });

  it('a node short of cpu and memory counts for both reasons but once for preemption', () => {
    const ns = nodes(2, { cpu: '2', memory: '2Gi' });
    fill(ns[0]!, '2');
    addPod(ns[1]!, 'big', podRequests(makePod('big', { cpu: '2', memory: '2Gi' })));
    expect(nodeOf(schedulePod(makePod('p', { cpu: '1', memory: '1Gi' }), ns, noRand, V135))).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. no new claims to deallocate, ' +
      'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('a pod larger than a whole node: preemption is not helpful there', () => {
    const ns = nodes(3, { cpu: '2' });
    fill(ns[0]!, '1');
    expect(nodeOf(schedulePod(makePod('p', { cpu: '3' }), ns, noRand, V135))).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, ' +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('preemptionPolicy: Never', () => {
    const ns = nodes(1, { cpu: '1' });
    fill(ns[0]!, '1');
    expect(nodeOf(schedulePod(makePod('p', { cpu: '1', preemptionPolicy: 'Never' }), ns, noRand, V135))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('no nodes at all', () => {
    expect(schedulePod(makePod('p'), [], noRand)).toEqual({ unschedulable: 'no nodes available to schedule pods' });
  });
});

describe('NodeAffinity PreFilter (pods pinned by metadata.name, as DaemonSet pods are)', () => {
  it('evaluates only the named node', () => {
    const lookup = vi.fn((name: string) => ns.find((n) => n.name === name));
    const ns = nodes(5);
    expect(schedulePod(pinned('n3'), ns, noRand, { nodeByName: lookup })).toEqual({ node: 'n3', evaluatedNodes: 1, feasibleNodes: 1 });
    expect(lookup).toHaveBeenCalledWith('n3');
  });

  it('reports the other nodes as not satisfying the plugin', () => {
    const ns = nodes(5, { cpu: '1' });
    fill(ns[3]!, '1');
    expect(nodeOf(schedulePod(pinned('n3'), ns, noRand, V135))).toBe(
      "0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, " +
      'preemption: 0/5 nodes are available: 1 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.',
    );
  });

  it('conflicting terms fail in PreFilter', () => {
    const p = pinned('a');
    p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchFields!.push(
      { key: 'metadata.name', operator: 'In', values: ['b'] });
    expect(nodeOf(schedulePod(p, nodes(3), noRand, V135))).toBe(
      '0/3 nodes are available: pod affinity terms conflict. no new claims to deallocate, ' +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
});

describe('percentageOfNodesToScore and the rotating start', () => {
  it.each([
    [0, 50, 50], [0, 99, 99], [0, 100, 100], [0, 500, 230], [0, 1000, 420], [0, 5000, 500], [0, 6000, 300],
    [0, 20000, 1000], [30, 1000, 300], [30, 200, 100], [100, 1000, 1000],
  ])('percentage %d of %d nodes → %d', (pct, n, want) => {
    expect(numFeasibleNodesToFind(pct, n)).toBe(want);
  });

  it('stops after enough feasible nodes and resumes where it stopped', () => {
    const ns = nodes(1000);
    fill(ns[0]!, '4'); // node 0 rejects a 1-cpu pod
    const cursor: ScheduleCursor = { nextStartNodeIndex: 0 };
    const r = schedulePod(makePod('p', { cpu: '1' }), ns, lcg(1), { cursor });
    expect(r).toMatchObject({ evaluatedNodes: 421, feasibleNodes: 420 });
    expect(cursor.nextStartNodeIndex).toBe(421);
    schedulePod(makePod('q', { cpu: '1' }), ns, lcg(1), { cursor });
    expect(cursor.nextStartNodeIndex).toBe(841);
    schedulePod(makePod('r', { cpu: '1' }), ns, lcg(1), { cursor });
    expect(cursor.nextStartNodeIndex).toBe((841 + 420 + 1) % 1000); // wraps, and passes node 0 again
  });

  it('only scores the nodes it found: a better node beyond the sample is not seen', () => {
    const ns = nodes(200);
    for (const ni of ns.slice(0, 100)) fill(ni, '2');
    const r = schedulePod(makePod('p', { cpu: '1' }), ns, lcg(3), { cursor: { nextStartNodeIndex: 0 } });
    expect(r).toMatchObject({ feasibleNodes: 100 });
    expect(Number(nodeOf(r).slice(1))).toBeLessThan(100);
  });
});
