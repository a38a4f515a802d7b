import { describe, it, expect } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import { NodeLifecycleController } from './controller.js';

const ready = (c: Cluster, n: string) => c.store.get('Node', undefined, n)!.status.conditions.find((x: any) => x.type === 'Ready');
const taints = (c: Cluster, n: string) => (c.store.get('Node', undefined, n)!.spec.taints ?? []).map((t: any) => `${t.key}:${t.effect}`).sort();

function firstTime(c: Cluster, pred: () => boolean, limitMs: number): number {
  const t0 = c.clock.now();
  expect(c.runUntil(pred, limitMs)).toBe(true);
  return c.clock.now() - t0;
}

describe('node lifecycle timings (upstream v1.32: grace 50s, monitor period 5s, lease every 10s)', () => {
  it('a crashed node goes Unknown between 50s and 65s after its last heartbeat, and is tainted', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3) });
    c.run(20_000);
    c.nodeCrash('node-1');
    const t = firstTime(c, () => ready(c, 'node-1').status === 'Unknown', 120_000);
    expect(t).toBeGreaterThan(40_000);
    expect(t).toBeLessThanOrEqual(65_000);
    expect(ready(c, 'node-1').reason).toBe('NodeStatusUnknown');
    expect(ready(c, 'node-1').message).toBe('Kubelet stopped posting node status.');
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('recovery brings Ready back and removes the taints', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3) });
    c.run(10_000);
    c.nodeCrash('node-1');
    c.run(120_000);
    c.nodeRecover('node-1');
    c.run(1_000);
    expect(ready(c, 'node-1').status).toBe('True');
    expect(taints(c, 'node-1')).toEqual([]);
  });

  it('a partitioned node is marked Unknown too, and heals without restarting its pods', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    c.run(10_000);
    c.nodePartition('node-2');
    c.run(90_000);
    expect(ready(c, 'node-2').status).toBe('Unknown');
    expect(c.store.get('Pod', 'default', 'p')!.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('False');
    c.nodeHeal('node-2');
    c.run(1_000);
    expect(ready(c, 'node-2').status).toBe('True');
    const p = c.store.get('Pod', 'default', 'p')!;
    expect(p.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('True');
    expect(p.status.containerStatuses[0].restartCount).toBe(0);
  });

  it('when every node is down, the controller does not taint (it assumes the control plane is cut off)', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.run(10_000);
    c.nodeCrash('node-1');
    c.run(120_000);
    expect(ready(c, 'node-1').status).toBe('Unknown');
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('NoExecute tainting is rate-limited to one node per 10s', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(4) });
    c.run(10_000);
    c.nodeCrash('node-1'); c.nodeCrash('node-2');
    const first = firstTime(c, () => taints(c, 'node-1').includes('node.kubernetes.io/unreachable:NoExecute') || taints(c, 'node-2').includes('node.kubernetes.io/unreachable:NoExecute'), 120_000);
    const second = firstTime(c, () => taints(c, 'node-1').includes('node.kubernetes.io/unreachable:NoExecute') && taints(c, 'node-2').includes('node.kubernetes.io/unreachable:NoExecute'), 120_000);
    expect(first).toBeGreaterThan(40_000);
    expect(second).toBeGreaterThanOrEqual(10_000);
  });

  it('a deleted Node takes its machine to deleted: the controller forgets it and never taints it again', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
    c.run(10_000);
    const nlc = c.controller('node-lifecycle-controller') as NodeLifecycleController;
    expect(nlc.states()).toEqual(new Map([['node-1', 'ready'], ['node-2', 'ready']]));
    c.nodeCrash('node-2');
    c.run(70_000);
    expect(nlc.states().get('node-2')).toBe('unknown');
    c.store.delete('Node', undefined, 'node-2');
    c.run(10_000);
    expect([...nlc.states().keys()]).toEqual(['node-1']);
  });
});

