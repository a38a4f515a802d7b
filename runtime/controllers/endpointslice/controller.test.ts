// The EndpointSlice controller end to end: a Deployment's pods behind a
// Service, readiness, scale, named ports, deletion.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';

const rs = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
});
const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } };
const slices = (c: Cluster) => c.store.list('EndpointSlice').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web') as any[];

describe('endpointslice-controller', () => {
  it('one slice with every ready pod, the named port resolved, owned by the Service', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
    c.store.create(svc);
    c.store.create(rs(3));
    c.run(30_000);
    const [s, ...rest] = slices(c);
    expect(rest).toEqual([]);
    expect(s.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(s.metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe('endpointslice-controller.k8s.io');
    expect(s.metadata.ownerReferences[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    const pods = c.store.list('Pod');
    expect(s.endpoints.map((e: any) => e.addresses[0]).sort()).toEqual(pods.map((p) => p.status.podIP).sort());
    expect(s.endpoints.every((e: any) => e.conditions.ready === true && e.conditions.serving === true && e.conditions.terminating === false)).toBe(true);
    expect(s.endpoints.every((e: any) => e.targetRef.kind === 'Pod' && e.nodeName)).toBe(true);
  });

  it('a pod that is not ready is listed as not ready; scaling down removes endpoints; deleting the Service removes its slices', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc);
    c.store.create(rs(2));
    c.run(30_000);
    const p = c.store.list('Pod')[0]!;
    c.podReadiness(p.metadata.name!, 'default', false);
    c.run(5_000);
    const ep = slices(c)[0].endpoints.find((e: any) => e.targetRef.name === p.metadata.name);
    expect(ep.conditions).toEqual({ ready: false, serving: false, terminating: false });
    c.store.patch('ReplicaSet', 'default', 'web', { spec: { replicas: 1 } });
    c.run(60_000);
    expect(slices(c)[0].endpoints).toHaveLength(1);
    c.store.delete('Service', 'default', 'web');
    c.run(10_000);
    expect(slices(c)).toEqual([]);
  });

  it('a slice deleted by someone else is put back', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(svc);
    c.store.create(rs(1));
    c.run(30_000);
    const s = slices(c)[0];
    c.store.delete('EndpointSlice', 'default', s.metadata.name);
    c.run(5_000);
    expect(slices(c)).toHaveLength(1);
    expect(slices(c)[0].endpoints).toHaveLength(1);
  });
});
