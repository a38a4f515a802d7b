// Each invariant holds on correct behaviour and catches its known bug.
import { describe, it, expect } from 'vitest';
import { Cluster } from '../../runtime/cluster.js';
import { defaultNodes } from '../../runtime/nodes.js';
import type { KubeObject } from '../../model/api/types.js';
import { evictionRespectsTolerations } from '../controllers/tainteviction/eviction-respects-tolerations.invariant.js';
import { gcKeepsOwned, gcCollectsOrphans } from '../controllers/gc/gc.invariant.js';
import type { Invariant } from './types.js';
import { builtinControllers } from '../controllers/index.js';

function watch(c: Cluster, invs: Invariant[]): () => string[] {
  const checkers = invs.map((i) => i.create(c));
  const found: string[] = [];
  c.clock.afterTask = () => { for (const k of checkers) { const m = k.check(c); if (m && !found.includes(`${k.name}: ${m}`)) found.push(`${k.name}: ${m}`); } };
  return () => found;
}

const pod = (name: string, spec: any = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

describe('eviction-respects-tolerations', () => {
  const scenario = (bugs: string[]) => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3), bugs });
    const found = watch(c, [evictionRespectsTolerations]);
    c.store.create(pod('a', { nodeName: 'node-2' }));
    c.store.create(pod('b', { nodeName: 'node-2', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }));
    c.run(10_000);
    c.nodeCrash('node-2');
    c.run(20 * 60_000);
    return { c, found: found() };
  };
  it('holds: a is evicted after 300s, b (forever) never', () => {
    const { c, found } = scenario([]);
    expect(found).toEqual([]);
    expect(c.store.get('Pod', 'default', 'a')!.metadata.deletionTimestamp).toBeDefined();
    expect(c.store.get('Pod', 'default', 'b')!.metadata.deletionTimestamp).toBeUndefined();
  });
  it('catches taint-eviction-ignores-tolerations', () => {
    const { found } = scenario(['taint-eviction-ignores-tolerations']);
    expect(found.join('\n')).toMatch(/eviction-respects-tolerations: pod default\/\w was evicted 0s after node node-2 was tainted|tolerates every NoExecute taint on node-2 forever, yet was evicted/);
  });
});

describe('garbage collector invariants', () => {
  const scenario = (bugs: string[]) => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2), bugs });
    const found = watch(c, [gcKeepsOwned, gcCollectsOrphans]);
    const owner = c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' } } as KubeObject);
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: owner.metadata.uid!, controller: true };
    c.store.create(pod('kept', {}));
    c.store.patch('Pod', 'default', 'kept', { metadata: { ownerReferences: [ref] } });
    c.run(30_000);
    const owner2 = c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o2' } } as KubeObject);
    c.store.create({ ...pod('collected'), metadata: { name: 'collected', ownerReferences: [{ ...ref, name: 'o2', uid: owner2.metadata.uid! }] } });
    c.run(10_000);
    c.store.delete('ConfigMap', 'default', 'o2', { propagationPolicy: 'Background' });
    c.run(15 * 60_000);
    return { c, found: found() };
  };
  it('hold on correct collection', () => {
    const { c, found } = scenario([]);
    expect(found).toEqual([]);
    expect(c.store.get('Pod', 'default', 'kept')).toBeDefined();
    expect(c.store.get('Pod', 'default', 'collected')).toBeUndefined();
  });
  it('gc-keeps-owned catches gc-ignores-owner-uid', () => {
    const { found } = scenario(['gc-ignores-owner-uid']);
    expect(found.join('\n')).toMatch(/gc-keeps-owned: the garbage collector deleted pod default\/kept while its owner configmap\/o/);
  });
  it('gc-collects-orphans fires when the collector is stopped', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    const found = watch(c, [gcCollectsOrphans]);
    c.components('garbage-collector-controller')[0]!.stop();
    const owner = c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' } } as KubeObject);
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: owner.metadata.uid! }] } } as KubeObject);
    c.store.delete('ConfigMap', 'default', 'o');
    c.run(12 * 60_000);
    expect(found().join('\n')).toMatch(/gc-collects-orphans: configmap default\/d has outlived all its owners/);
  });
});
