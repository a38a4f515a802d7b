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
