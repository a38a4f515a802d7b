import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { allocators, errorOf, planOf, svc, zero } from './fixtures.js';
import type { Allocators } from './pending.js';
import { commitServicePlan, planServiceCreate, planServiceUpdate, releaseService, serviceReleases } from './service.js';

const tcp = (port: number, nodePort?: number, name?: string) => ({ name, port, protocol: 'TCP', targetPort: port, ...(nodePort ? { nodePort } : {}) });

/** Create and commit, returning the stored object. */
function stored(al: Allocators, spec: Record<string, unknown>): KubeObject {
  const plan = planOf(planServiceCreate(svc(spec), al, zero));
  commitServicePlan(plan, al);
  return plan.service;
}

/** The stored object with some spec fields changed, as a client would send it. */
function edit(obj: KubeObject, change: (spec: any) => void): KubeObject {
  const copy = structuredClone(obj);
  change(copy.spec);
  return copy;
}

describe('update: type changes', () => {
  it('NodePort → ClusterIP releases the nodePorts, on commit only', () => {
    const al = allocators();
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30080)] });
    const plan = planOf(planServiceUpdate(edit(old, (s) => { s.type = 'ClusterIP'; delete s.ports[0].nodePort; }), old, al, zero));
    expect(plan.release).toEqual({ ips: [], ports: [30080] });
    expect(plan.allocate).toEqual({ ips: [], ports: [] });
    expect(al.ports.has(30080)).toBe(true);
    commitServicePlan(plan, al);
    expect(al.ports.has(30080)).toBe(false);
    expect(al.ip.used).toBe(1); // the clusterIP stays
  });

  it('ClusterIP → NodePort takes new nodePorts and keeps the clusterIP', () => {
    const al = allocators();
    const old = stored(al, {});
    const plan = planOf(planServiceUpdate(edit(old, (s) => { s.type = 'NodePort'; }), old, al, zero));
    expect(plan.allocate).toEqual({ ips: [], ports: [30086] });
    expect(plan.service.spec.clusterIP).toBe(old.spec.clusterIP);
  });

  it('ClusterIP → ExternalName releases the address; ExternalName → ClusterIP takes a new one', () => {
    const al = allocators();
    const old = stored(al, { clusterIP: '10.96.0.10' });
    const toName = planOf(planServiceUpdate(edit(old, (s) => {
      s.type = 'ExternalName'; s.externalName = 'example.com'; delete s.clusterIP; delete s.clusterIPs;
    }), old, al, zero));
    expect(toName.release.ips).toEqual(['10.96.0.10']);
    commitServicePlan(toName, al);
    expect(al.ip.used).toBe(0);
    const back = planOf(planServiceUpdate(edit(toName.service, (s) => { s.type = 'ClusterIP'; delete s.externalName; }), toName.service, al, zero));
    expect(back.allocate.ips).toEqual(['10.96.1.1']);
    expect(back.service.spec).toMatchObject({ clusterIP: '10.96.1.1', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  });
});

describe('update: nodePorts of a NodePort Service', () => {
  it('unchanged ports take and release nothing', () => {
    const al = allocators();
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30080)] });
    const plan = planOf(planServiceUpdate(edit(old, () => {}), old, al, zero));
    expect(plan.allocate).toEqual({ ips: [], ports: [] });
    expect(plan.release).toEqual({ ips: [], ports: [] });
  });

  it('a changed nodePort takes the new one and gives the old one back', () => {
    const al = allocators();
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30080)] });
    const plan = planOf(planServiceUpdate(edit(old, (s) => { s.ports[0].nodePort = 30090; }), old, al, zero));
    expect(plan.allocate.ports).toEqual([30090]);
    expect(plan.release.ports).toEqual([30080]);
  });

  it('a new nodePort someone else holds is refused with the field error', () => {
    const al = allocators();
    al.ports.allocate(30090);
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30080)] });
    const err = errorOf(planServiceUpdate(edit(old, (s) => { s.ports[0].nodePort = 30090; }), old, al, zero));
    expect(err.message).toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30090: provided port is already allocated');
  });

  it('the same protocol and nodePort twice is a plain 500', () => {
    const al = allocators();
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30080, 'a')] });
    const err = errorOf(planServiceUpdate(edit(old, (s) => { s.ports.push(tcp(81, 30080, 'b')); }), old, al, zero));
    expect(err.message).toBe('duplicate nodePort: {TCP 30080}');
    expect(err.code).toBe(500);
  });

  it('a released port is not offered again in the same request', () => {
    const al = allocators(undefined, { min: 30000, max: 30001 });
    const old = stored(al, { type: 'NodePort', ports: [tcp(80, 30000)] });
    al.ports.allocate(30001);
    // Dropping 30000 and asking for any port: 30000 is still held until commit, so the range is full.
    const err = errorOf(planServiceUpdate(edit(old, (s) => { delete s.ports[0].nodePort; }), old, al, zero));
    expect(err.message).toBe('Internal error occurred: failed to allocate a nodePort: range is full');
  });
});

describe('update: healthCheckNodePort follows externalTrafficPolicy', () => {
  it('Cluster → Local takes one; Local → Cluster gives it back', () => {
    const al = allocators();
    const old = stored(al, { type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', ports: [tcp(80, 30080)] });
    const toLocal = planOf(planServiceUpdate(edit(old, (s) => { s.externalTrafficPolicy = 'Local'; }), old, al, zero));
    expect(toLocal.allocate.ports).toEqual([30086]);
    expect(toLocal.service.spec.healthCheckNodePort).toBe(30086);
    commitServicePlan(toLocal, al);
    const back = planOf(planServiceUpdate(edit(toLocal.service, (s) => { s.externalTrafficPolicy = 'Cluster'; }), toLocal.service, al, zero));
    expect(back.release.ports).toEqual([30086]);
  });
});

describe('update: IP family fields', () => {
  it('an update without ipFamilyPolicy keeps the stored one', () => {
    const al = allocators();
    const old = stored(al, { ipFamilyPolicy: 'PreferDualStack' });
    const plan = planOf(planServiceUpdate(edit(old, (s) => { delete s.ipFamilyPolicy; }), old, al, zero));
    expect(plan.service.spec.ipFamilyPolicy).toBe('PreferDualStack');
  });
});

describe('delete', () => {
  it('gives back the clusterIP, every nodePort and the health check port', () => {
    const al = allocators();
    const obj = stored(al, {
      type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Local', clusterIP: '10.96.0.10',
      ports: [tcp(80, 30080, 'http'), { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }],
    });
    expect(serviceReleases(obj)).toEqual({ ips: ['10.96.0.10'], ports: [30080, 30086, 30087] });
    releaseService(obj, al);
    expect(al.ip.used).toBe(0);
    expect(al.ports.used).toBe(0);
  });

  it('headless and ExternalName Services hold no address', () => {
    expect(serviceReleases(svc({ clusterIP: 'None', clusterIPs: ['None'] })).ips).toEqual([]);
    expect(serviceReleases(svc({ type: 'ExternalName', clusterIP: '10.96.0.10' })).ips).toEqual([]);
  });
});

describe('commit', () => {
  it('a stale plan (the value was taken meanwhile) throws and takes nothing', () => {
    const al = allocators();
    const plan = planOf(planServiceCreate(svc({ type: 'NodePort', ports: [tcp(80, 30080)] }), al, zero));
    al.ports.allocate(30080);
    expect(() => commitServicePlan(plan, al)).toThrow('stale allocation plan: port 30080: provided port is already allocated');
    expect(al.ip.used).toBe(0);
  });
});
