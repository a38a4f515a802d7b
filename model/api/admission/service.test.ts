import { describe, expect, test } from 'vitest';
import { isDNS1035Label } from '../names.js';
import type { KubeObject } from '../types.js';
import { errorOf, bodyOf } from './testing.js';
import { admitCreate, admitUpdate } from './index.js';

function svc(mutate: (spec: any) => void = () => {}, name = 'web'): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  mutate(obj.spec);
  return obj;
}


describe('Service defaults', () => {
  test('ClusterIP service', () => {
    expect(admitCreate(svc()).spec).toEqual({
      selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
    });
  });

  test('NodePort gets externalTrafficPolicy, LoadBalancer also allocateLoadBalancerNodePorts', () => {
    expect(admitCreate(svc((s) => { s.type = 'NodePort'; })).spec.externalTrafficPolicy).toBe('Cluster');
    expect(admitCreate(svc((s) => { s.type = 'LoadBalancer'; })).spec.allocateLoadBalancerNodePorts).toBe(true);
  });

  test('ClientIP affinity gets the 3 h timeout; None drops any config', () => {
    expect(admitCreate(svc((s) => { s.sessionAffinity = 'ClientIP'; })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(admitCreate(svc((s) => { s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 5 } }; })).spec.sessionAffinityConfig).toBeUndefined();
  });

  test('a named targetPort is kept', () => {
    expect(admitCreate(svc((s) => { s.ports[0].targetPort = 'http'; })).spec.ports[0].targetPort).toBe('http');
  });
});

describe('Service validation', () => {
  test('the name is a DNS-1035 label', () => {
    expect(errorOf(() => admitCreate(svc(() => {}, '1web'))).message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${isDNS1035Label('1web')[0]}`);
  });

  const cases: Array<[string, (s: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['headless without ports', (s) => { s.clusterIP = 'None'; delete s.ports; }, []],
    ['ExternalName without ports', (s) => { s.type = 'ExternalName'; s.externalName = 'db.example.com.'; delete s.ports; delete s.selector; }, []],
    ['ports required', (s) => { delete s.ports; }, ['spec.ports: Required value']],
    ['port range', (s) => { s.ports[0].port = 0; }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['port names required with several ports', (s) => { s.ports.push({ port: 443 }); },
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    ['duplicate port names', (s) => { s.ports = [{ name: 'http', port: 80 }, { name: 'http', port: 81 }]; }, ['spec.ports[1].name: Duplicate value: "http"']],
    ['protocol', (s) => { s.ports[0].protocol = 'ICMP'; }, ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']],
    ['type', (s) => { s.type = 'Internal'; },
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort on a ClusterIP service', (s) => { s.ports[0].nodePort = 30080; }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['nodePort out of range', (s) => { s.type = 'NodePort'; s.ports[0].nodePort = 80; },
      ['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']],
    ['nodePort in range', (s) => { s.type = 'NodePort'; s.ports[0].nodePort = 30080; }, []],
    ['headless NodePort', (s) => { s.type = 'NodePort'; s.clusterIP = 'None'; },
      ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ['ExternalName needs externalName', (s) => { s.type = 'ExternalName'; }, ['spec.externalName: Required value']],
    ['affinity timeout range', (s) => { s.sessionAffinity = 'ClientIP'; s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } }; },
      ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400']],
    ['sessionAffinity value', (s) => { s.sessionAffinity = 'Cookie'; },
      ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']],
    ['externalTrafficPolicy on a ClusterIP service', (s) => { s.externalTrafficPolicy = 'Local'; },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']],
    ['allocateLoadBalancerNodePorts outside LoadBalancer', (s) => { s.allocateLoadBalancerNodePorts = false; },
      ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"]],
    ['clusterIP must be an IP', (s) => { s.clusterIP = '10.0.0.300'; },
      ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
  ];
  test.each(cases)('%s', (_, mutate, expected) => {
    if (expected.length === 0) {
      expect(() => admitCreate(svc(mutate))).not.toThrow();
      return;
    }
    expect(bodyOf(errorOf(() => admitCreate(svc(mutate))))).toBe(expected.length === 1 ? expected[0] : `[${expected.join(', ')}]`);
  });
});

describe('Service update', () => {
  const stored = admitCreate(svc((s) => { s.type = 'NodePort'; s.clusterIP = '10.96.0.10'; s.ports[0].nodePort = 30080; }));

  test('clusterIP is immutable', () => {
    const next = structuredClone(stored);
    next.spec.clusterIP = '10.96.0.11';
    next.spec.clusterIPs = ['10.96.0.11'];
    expect(bodyOf(errorOf(() => admitUpdate(next, stored)))).toBe('spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set');
  });

  test('a manifest that omits clusterIP and nodePort keeps the allocated values', () => {
    const out = admitUpdate(svc((s) => { s.type = 'NodePort'; }), stored);
    expect(out.spec.clusterIP).toBe('10.96.0.10');
    expect(out.spec.ports[0].nodePort).toBe(30080);
  });

  test('changing to ClusterIP releases the untouched nodePort; to ExternalName releases the clusterIP', () => {
    const toClusterIP = structuredClone(stored);
    toClusterIP.spec.type = 'ClusterIP';
    delete toClusterIP.spec.externalTrafficPolicy;
    expect(admitUpdate(toClusterIP, stored).spec.ports[0].nodePort).toBeUndefined();
    const toExternal = structuredClone(stored);
    Object.assign(toExternal.spec, { type: 'ExternalName', externalName: 'example.com' });
    delete toExternal.spec.externalTrafficPolicy;
    delete toExternal.spec.internalTrafficPolicy;
    const out = admitUpdate(toExternal, stored);
    expect(out.spec.clusterIP).toBeUndefined();
    expect(out.spec.clusterIPs).toBeUndefined();
  });
});
