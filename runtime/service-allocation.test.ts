// The store allocates a Service's clusterIP and nodePorts as the API server
// does: from 10.96.0.0/12 and 30000-32767, refusing a taken value in the
// allocator's words, keeping them across updates, giving them back on delete.
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';
import type { KubeObject } from '../model/api/types.js';

const svc = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
});
const inRange = (ip: string) => { const [a, b] = ip.split('.').map(Number); return a === 10 && b! >= 96 && b! <= 111; };

describe('Service allocation', () => {
  it('a ClusterIP Service gets an address of the range, and its families', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    const s = c.store.create(svc('web'));
    expect(inRange(s.spec.clusterIP)).toBe(true);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    expect(s.spec.ipFamilies).toEqual(['IPv4']);
    expect(s.spec.ipFamilyPolicy).toBe('SingleStack');
    // Kept by an update that leaves it out.
    const { clusterIP: _a, clusterIPs: _b, ...rest } = s.spec;
    const u = c.store.update({ ...s, spec: { ...rest, ports: [{ port: 81, targetPort: 8080 }] } } as KubeObject);
    expect(u.spec.clusterIP).toBe(s.spec.clusterIP);
  });

  it('a requested address that is taken is refused; after the delete it is free again', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    c.store.create(svc('a', { clusterIP: '10.96.0.10' }));
    expect(() => c.store.create(svc('b', { clusterIP: '10.96.0.10' })))
      .toThrow('Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    expect(c.store.get('Service', 'default', 'b')).toBeUndefined();
    c.store.delete('Service', 'default', 'a');
    expect(c.store.create(svc('b', { clusterIP: '10.96.0.10' })).spec.clusterIP).toBe('10.96.0.10');
  });

  it('an address outside the range is refused', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    expect(() => c.store.create(svc('b', { clusterIP: '10.0.0.10' }))).toThrow(/failed to allocate IP 10\.0\.0\.10: the provided IP \(10\.0\.0\.10\) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12/);
  });

  it('headless Services get no address; NodePort Services get a port of the range', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    expect(c.store.create(svc('h', { clusterIP: 'None' })).spec.clusterIPs).toEqual(['None']);
    const np = c.store.create(svc('np', { type: 'NodePort' }));
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(() => c.store.create(svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: np.spec.ports[0].nodePort }] })))
      .toThrow(`Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${np.spec.ports[0].nodePort}: provided port is already allocated`);
  });

  it('the same seed gives the same addresses', () => {
    const ips = (seed: number) => { const c = new Cluster({ seed, controllers: [], nodes: [] }); return ['a', 'b', 'c'].map((n) => c.store.create(svc(n)).spec.clusterIP); };
    expect(ips(7)).toEqual(ips(7));
    expect(new Set(ips(7)).size).toBe(3);
  });
});
