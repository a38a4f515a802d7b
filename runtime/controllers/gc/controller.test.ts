import { describe, it, expect } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import type { KubeObject } from '../../../model/api/types.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

function setup(bugs: string[] = []) {
  // api:1.0 takes 20s to stop after SIGTERM, so a deletion in progress is visible.
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2), bugs, images: { 'api:1.0': { stopMs: 20_000 } } });
  const owner = c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' }, data: {} } as KubeObject);
  const ref = (block: boolean) => [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: block }];
  const dep = (name: string, block = true) => c.store.create({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, ownerReferences: ref(block) },
    spec: { containers: [{ name: 'c', image: 'api:1.0' }] },
  });
  return { c, owner, dep };
}

describe('garbage collector', () => {
  it('background: the owner goes at once, then its dependents', () => {
    const { c, dep } = setup();
    dep('a'); dep('b');
    c.run(5_000);
    c.store.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Background' });
    expect(c.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    c.run(1_000);
    // Running pods terminate gracefully: they are Terminating, then gone once the kubelet confirms.
    expect(c.store.get('Pod', 'default', 'a')?.metadata.deletionTimestamp).toBeDefined();
    c.run(60_000);
    expect(c.store.list('Pod')).toHaveLength(0);
  });

  it('foreground: the owner waits with the foregroundDeletion finalizer until blocking dependents are gone', () => {
    const { c, dep } = setup();
    dep('a'); dep('b', false);
    c.run(5_000);
    c.store.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    const owner = c.store.get('ConfigMap', 'default', 'owner')!;
    expect(owner.metadata.finalizers).toContain('foregroundDeletion');
    expect(owner.metadata.deletionTimestamp).toBeDefined();
    c.settle();
    expect(c.store.get('ConfigMap', 'default', 'owner')).toBeDefined();
    c.run(60_000);
    expect(c.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    expect(c.store.list('Pod')).toHaveLength(0);
  });

  it('orphan: dependents survive without the owner reference', () => {
    const { c, dep } = setup();
    dep('a');
    c.run(5_000);
    c.store.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    expect(c.store.get('ConfigMap', 'default', 'owner')?.metadata.finalizers).toContain('orphan');
    c.run(1_000);
    expect(c.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    const a = c.store.get('Pod', 'default', 'a')!;
    expect(a.metadata.ownerReferences).toBeUndefined();
    expect(a.metadata.deletionTimestamp).toBeUndefined();
  });

  it('a new object with the owner\'s name is not the owner: the uid decides', () => {
    const { c, dep } = setup();
    dep('a');
    c.run(5_000);
    c.store.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    c.run(1_000);
    // Recreate the pod pointing at a uid that never existed: it is collected.
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' }, data: {} } as KubeObject);
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dangling', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'no-such-uid' }] }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    c.run(60_000);
    expect(c.store.get('Pod', 'default', 'dangling')).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'a')).toBeDefined();
  });

  it('with the gc-ignores-owner-uid bug, dependents of a live owner are deleted', () => {
    const { c, dep } = setup(['gc-ignores-owner-uid']);
    dep('a');
    c.run(60_000);
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('a raw DELETE without propagationPolicy orphans for ReplicationController and Job, cascades for the rest', () => {
    const { c } = setup();
    const rc = c.store.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' },
      spec: { replicas: 0, selector: { app: 'x' }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } } as KubeObject);
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'child', labels: { app: 'x' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: rc.metadata.uid!, controller: true }] }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    c.store.delete('ReplicationController', 'default', 'rc');
    c.run(30_000);
    expect(c.store.get('ReplicationController', 'default', 'rc')).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'child')?.metadata.ownerReferences).toBeUndefined();
  });
});
