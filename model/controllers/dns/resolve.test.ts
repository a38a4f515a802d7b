import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { candidates, resolve, resolveFQDN, type DnsView } from './resolve.js';

const svc = (name: string, spec: Record<string, unknown>, ns = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec });
const slice = (service: string, eps: Array<{ ip: string; ready?: boolean; hostname?: string }>): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${service}-abc`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4', endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true }, ...(e.hostname ? { hostname: e.hostname } : {}) })),
});
const services = [svc('api', { clusterIP: '10.96.0.10' }), svc('db', { clusterIP: 'None' }), svc('empty', { clusterIP: 'None' }), svc('ext', { type: 'ExternalName', externalName: 'x.example.com' })];
const slices = [slice('db', [{ ip: '10.244.1.9', hostname: 'db-0' }, { ip: '10.244.1.2' }, { ip: '10.244.2.7', ready: false, hostname: 'db-2' }]), slice('empty', [{ ip: '10.244.3.3', ready: false }])];
const view: DnsView = {
  service: (ns, name) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
  slices: (ns, name) => slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels!['kubernetes.io/service-name'] === name),
};
const a = (r: ReturnType<typeof resolveFQDN>) => (r.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : r.answers.map((x) => x.data).join(','));

describe('cluster DNS', () => {
  it('answers Services, headless endpoints by hostname or dashed address, ExternalName and pod names', () => {
    expect(a(resolveFQDN('api.default.svc.cluster.local', view))).toBe('10.96.0.10');
    expect(a(resolveFQDN('db.default.svc.cluster.local', view))).toBe('10.244.1.2,10.244.1.9');
    expect(a(resolveFQDN('db-0.db.default.svc.cluster.local', view))).toBe('10.244.1.9');
    expect(a(resolveFQDN('10-244-1-2.db.default.svc.cluster.local', view))).toBe('10.244.1.2');
    expect(a(resolveFQDN('db-2.db.default.svc.cluster.local', view))).toBe('NXDOMAIN'); // not ready
    expect(a(resolveFQDN('empty.default.svc.cluster.local', view))).toBe('NXDOMAIN'); // kubernetes/dns#245
    expect(a(resolveFQDN('x.api.default.svc.cluster.local', view))).toBe('NXDOMAIN'); // only headless Services have endpoint names
    expect(resolveFQDN('ext.default.svc.cluster.local', view).answers).toEqual([{ name: 'ext.default.svc.cluster.local', type: 'CNAME', data: 'x.example.com' }]);
    expect(a(resolveFQDN('10-1-2-3.default.pod.cluster.local', view))).toBe('10.1.2.3');
    expect(a(resolveFQDN('api.other.svc.cluster.local', view))).toBe('NXDOMAIN');
  });

  it('walks the search list as a pod in its namespace does (ndots 5)', () => {
    expect(candidates('api', 'shop')).toEqual(['api.shop.svc.cluster.local', 'api.svc.cluster.local', 'api.cluster.local', 'api']);
    expect(candidates('a.b.c.d.e.f', 'shop')[0]).toBe('a.b.c.d.e.f');
    expect(candidates('api.default.svc.cluster.local.', 'shop')).toEqual(['api.default.svc.cluster.local']);
    expect(resolve('api', 'default', view)).toMatchObject({ rcode: 'NOERROR', name: 'api.default.svc.cluster.local' });
    expect(resolve('api', 'shop', view).rcode).toBe('NXDOMAIN');
    expect(resolve('api.default', 'shop', view)).toMatchObject({ rcode: 'NOERROR', name: 'api.default.svc.cluster.local' });
  });
});
