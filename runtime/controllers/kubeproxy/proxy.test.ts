// kube-proxy end to end: connections spread over ready pods, rules that lag
// the API by up to a second, REJECT with no endpoints, session affinity.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';
import { KubeProxy } from './proxy.js';

const rs = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const svc = (spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec } });
const proxy = (c: Cluster) => c.controller('kube-proxy') as KubeProxy;

describe('kube-proxy', () => {
  it('spreads connections over the ready pods, and the same seed gives the same spread', () => {
    const spread = () => {
      const c = new Cluster({ seed: 3, controllers: builtinControllers, nodes: defaultNodes(2) });
      c.store.create(svc()); c.store.create(rs(2));
      c.run(30_000);
      return proxy(c).request('default', 'web', 'node-1', 1000);
    };
    const r = spread();
    expect(Object.keys(r.answered)).toHaveLength(2);
    for (const n of Object.values(r.answered)) expect(n).toBeGreaterThan(400);
    expect(r.errors).toEqual({});
    expect(spread()).toEqual(r);
  });

  it('a pod that becomes unready is picked until the rules are next programmed, then no more', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc()); c.store.create(rs(2));
    c.run(30_000);
    const [a] = c.store.list('Pod');
    c.podReadiness(a!.metadata.name!, 'default', false);
    c.run(2_000);
    const r = proxy(c).request('default', 'web', 'node-1', 200);
    expect(Object.keys(r.answered)).not.toContain(a!.metadata.name);
    expect(r.answered[Object.keys(r.answered)[0]!]).toBe(200);
  });

  it('a deleted pod whose slice has not caught up is a stale endpoint: no answer', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc()); c.store.create(rs(1));
    c.run(30_000);
    c.watchDelay('kube-proxy', 20_000);
    const [a] = c.store.list('Pod');
    c.store.delete('Pod', 'default', a!.metadata.name!, { gracePeriodSeconds: 0 });
    c.run(5_000);
    const r = proxy(c).request('default', 'web', 'node-1', 10);
    expect(r.errors.StaleEndpoint ?? 0).toBeGreaterThan(0);
  });

  it('no endpoints: every connection is rejected; a Service with no rules is not proxied', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc());
    c.store.create({ ...svc({ clusterIP: 'None' }), metadata: { name: 'headless' } } as KubeObject);
    c.run(5_000);
    expect(proxy(c).request('default', 'web', 'node-1', 3).errors).toEqual({ NoEndpoints: 3 });
    expect(proxy(c).request('default', 'headless', 'node-1', 2).errors).toEqual({ NotProxied: 2 });
  });

  it('ClientIP session affinity: every connection from one node goes to one pod', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc({ sessionAffinity: 'ClientIP' })); c.store.create(rs(3));
    c.run(30_000);
    const r = proxy(c).request('default', 'web', 'node-1', 50);
    expect(Object.values(r.answered)).toEqual([50]);
  });
});

describe('kube-proxy, one per node', () => {
  const setup = () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3) });
    c.store.create(svc()); c.store.create(rs(2));
    c.run(30_000);
    return c;
  };

  it('each node hears changes after its own watch delay', () => {
    const c = setup();
    c.watchDelay('kube-proxy/node-2', 10_000);
    const live = c.store.get('ReplicaSet', 'default', 'web')!;
    c.store.update({ ...live, spec: { ...live.spec, replicas: 0 } });
    c.run(5_000);
    // node-1 has programmed the empty slice; node-2 still routes to the pods being deleted.
    expect(proxy(c).request('default', 'web', 'node-1', 10).errors).toEqual({ NoEndpoints: 10 });
    const lagging = proxy(c).request('default', 'web', 'node-2', 10);
    expect(lagging.errors.NoEndpoints).toBeUndefined();
    c.run(10_000);
    expect(proxy(c).request('default', 'web', 'node-2', 10).errors).toEqual({ NoEndpoints: 10 });
  });

  it('a partitioned node keeps its rules (stale endpoints) until it heals; a crashed one connects nowhere', () => {
    const c = setup();
    c.nodePartition('node-3');
    const live = c.store.get('ReplicaSet', 'default', 'web')!;
    c.store.update({ ...live, spec: { ...live.spec, replicas: 0 } });
    c.run(60_000);
    expect(c.store.list('Pod').filter((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== 'node-3')).toHaveLength(0);
    expect(proxy(c).request('default', 'web', 'node-1', 5).errors).toEqual({ NoEndpoints: 5 });
    const stale = proxy(c).request('default', 'web', 'node-3', 5);
    expect(stale.errors.NoEndpoints).toBeUndefined();
    expect(proxy(c).perNode('node-3')!.state).toBe('stale');
    c.nodeHeal('node-3');
    c.run(2_000);
    expect(proxy(c).request('default', 'web', 'node-3', 5).errors).toEqual({ NoEndpoints: 5 });
    c.nodeCrash('node-2');
    expect(proxy(c).request('default', 'web', 'node-2', 3).errors).toEqual({ NodeDown: 3 });
    expect(() => c.components('kube-proxy/node-9')).toThrow(/unknown component "kube-proxy\/node-9" \(.*kube-proxy\/NODE/);
  });

  it('a restarted proxy lists everything again; a pod that answers writes to its volume', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } } });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
    c.store.create(svc());
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    c.run(40_000);
    c.restart('kube-proxy/node-1');
    expect(proxy(c).request('default', 'web', 'node-1', 4).answered).toEqual({ db: 4 }); // the kernel's rules still route
    c.run(2_000);
    expect(proxy(c).perNode('node-1')!.state).toBe('running.inSync');
    expect(proxy(c).request('default', 'web', 'node-1', 3).answered).toEqual({ db: 3 });
    const disk = c.storage.find(c.store.get('PersistentVolume', undefined, 'pv-1')!)!;
    expect(disk.log.map((e) => e.what)).toEqual(['start', 'request', 'request', 'request', 'request', 'request', 'request', 'request']);
    expect(disk.written).toBe(8);
  });
});
