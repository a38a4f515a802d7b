import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { endpointAddresses, endpointPorts, findPort, podToEndpoint, shouldPodBeInEndpoints, type Endpoint } from './endpoints.js';
import { desiredEndpoints, portMapKey } from './desired.js';
import { NS, node, nodeLookup, pod, podIP, service, type PodOver } from './fixtures.js';

const target = (i: number) => ({ kind: 'Pod', namespace: NS, name: `pod-${String(i).padStart(3, '0')}`, uid: `uid-pod-${String(i).padStart(3, '0')}` });

describe('shouldPodBeInEndpoints: which pods may become endpoints', () => {
  const table: Array<[string, PodOver, boolean, boolean]> = [
    // name, pod, includeTerminating, expected
    ['running with an IP', {}, true, true],
    ['not ready still counts (its conditions say so)', { ready: false }, true, true],
    ['Succeeded is terminal', { phase: 'Succeeded' }, true, false],
    ['Failed is terminal', { phase: 'Failed' }, true, false],
    ['Pending with an IP counts', { phase: 'Pending' }, true, true],
    ['no IP yet', { ips: [] }, true, false],
    ['podIP alone is enough here', { podIPOnly: true }, true, true],
    ['terminating, included', { terminating: true }, true, true],
    ['terminating, excluded when asked', { terminating: true }, false, false],
  ];
  it.each(table)('%s', (_name, over, includeTerminating, want) => {
    expect(shouldPodBeInEndpoints(pod(1, over), includeTerminating)).toBe(want);
  });
});

describe('podToEndpoint: the Endpoint object, field for field', () => {
  const zoneA = node('node-1', 'zone-a');
  const table: Array<[string, KubeObject, KubeObject | undefined, KubeObject, Endpoint]> = [
    ['ready pod', pod(1), zoneA, service(), {
      addresses: [podIP(1)], conditions: { ready: true, serving: true, terminating: false },
      targetRef: target(1), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['not-ready pod', pod(2, { ready: false }), zoneA, service(), {
      addresses: [podIP(2)], conditions: { ready: false, serving: false, terminating: false },
      targetRef: target(2), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['terminating ready pod: serving but never ready', pod(3, { terminating: true }), zoneA, service(), {
      addresses: [podIP(3)], conditions: { ready: false, serving: true, terminating: true },
      targetRef: target(3), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['terminating not-ready pod', pod(4, { terminating: true, ready: false }), zoneA, service(), {
      addresses: [podIP(4)], conditions: { ready: false, serving: false, terminating: true },
      targetRef: target(4), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['publishNotReadyAddresses: a not-ready pod is ready', pod(5, { ready: false }), zoneA, service({ spec: { publishNotReadyAddresses: true } }), {
      addresses: [podIP(5)], conditions: { ready: true, serving: false, terminating: false },
      targetRef: target(5), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['publishNotReadyAddresses: a terminating pod is ready too', pod(6, { terminating: true }), zoneA, service({ spec: { publishNotReadyAddresses: true } }), {
      addresses: [podIP(6)], conditions: { ready: true, serving: true, terminating: true },
      targetRef: target(6), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['hostname when subdomain is the service name', pod(7, { hostname: 'web-0', subdomain: 'foo' }), zoneA, service(), {
      addresses: [podIP(7)], conditions: { ready: true, serving: true, terminating: false }, hostname: 'web-0',
      targetRef: target(7), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['no hostname when subdomain is another service', pod(8, { hostname: 'web-0', subdomain: 'bar' }), zoneA, service(), {
      addresses: [podIP(8)], conditions: { ready: true, serving: true, terminating: false },
      targetRef: target(8), nodeName: 'node-1', zone: 'zone-a',
    }],
    ['node without a zone label: no zone', pod(9), node('node-1'), service(), {
      addresses: [podIP(9)], conditions: { ready: true, serving: true, terminating: false },
      targetRef: target(9), nodeName: 'node-1',
    }],
    ['node not found: no zone, nodeName still', pod(10), undefined, service(), {
      addresses: [podIP(10)], conditions: { ready: true, serving: true, terminating: false },
      targetRef: target(10), nodeName: 'node-1',
    }],
    ['dual-stack pod: only the IPv4 address', pod(11, { ips: ['fd00::b', '10.9.9.9'] }), zoneA, service(), {
      addresses: ['10.9.9.9'], conditions: { ready: true, serving: true, terminating: false },
      targetRef: target(11), nodeName: 'node-1', zone: 'zone-a',
    }],
  ];
  it.each(table)('%s', (_name, p, n, svc, want) => {
    expect(podToEndpoint(p, n, svc)).toStrictEqual(want);
  });

  it('reads status.podIPs only: a pod with podIP alone has no address', () => {
    expect(endpointAddresses(pod(1, { podIPOnly: true }))).toEqual([]);
    expect(endpointAddresses(pod(1, { ips: ['fd00::1', '10.0.0.1', '::ffff:10.0.0.2'] }), 'IPv6')).toEqual(['fd00::1']);
  });
});

describe('endpointPorts: service ports resolved on each pod', () => {
  const http = { name: 'http', containerPort: 8080, protocol: 'TCP' };
  const table: Array<[string, Record<string, unknown>, PodOver, unknown[]]> = [
    ['numeric targetPort', {}, {}, [{ name: 'http', port: 8080, protocol: 'TCP' }]],
    ['named targetPort resolved from the container', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      { containerPorts: [http] }, [{ name: 'web', port: 8080, protocol: 'TCP' }]],
    ['named targetPort missing on the pod: dropped', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      {}, []],
    ['named targetPort with another protocol: dropped', { ports: [{ name: 'dns', port: 53, targetPort: 'http', protocol: 'UDP' }] },
      { containerPorts: [http] }, []],
    ['one of two ports unresolved: the other stays', {
      ports: [{ name: 'a', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'b', port: 90, targetPort: 'metrics', protocol: 'TCP' }],
    }, { containerPorts: [http] }, [{ name: 'a', port: 8080, protocol: 'TCP' }]],
    ['unnamed port: name is "", appProtocol copied', { ports: [{ port: 80, targetPort: 80, protocol: 'TCP', appProtocol: 'http' }] },
      {}, [{ name: '', port: 80, protocol: 'TCP', appProtocol: 'http' }]],
    ['v1.32 ignores sidecar (restartable init) container ports', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      { initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', ports: [http] }] }, []],
    ['headless without ports: none', { clusterIP: 'None', clusterIPs: ['None'], ports: [] }, {}, []],
  ];
  it.each(table)('%s', (_name, spec, over, want) => {
    expect(endpointPorts(service({ spec }), pod(1, over))).toStrictEqual(want);
  });

  it('findPort: the first matching container port wins; undefined when none', () => {
    const p = pod(1, { containerPorts: [{ name: 'http', containerPort: 8081, protocol: 'TCP' }, { name: 'http', containerPort: 8082, protocol: 'TCP' }] });
    expect(findPort(p, { targetPort: 'http', protocol: 'TCP' })).toBe(8081);
    expect(findPort(p, { targetPort: 'grpc', protocol: 'TCP' })).toBeUndefined();
    expect(findPort(p, { targetPort: 9000, protocol: 'TCP' })).toBe(9000);
  });
});

describe('desiredEndpoints: grouping by resolved ports', () => {
  const named = service({ spec: { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] } });
  const on = (i: number, port: number) => pod(i, { containerPorts: [{ name: 'http', containerPort: port, protocol: 'TCP' }] });

  it('a named port resolving differently per pod makes two groups, sorted by key', () => {
    const d = desiredEndpoints(named, [on(0, 8080), on(1, 9090), on(2, 8080)], nodeLookup());
    expect(d.errors).toEqual([]);
    expect(d.groups.map((g) => [g.ports, g.endpoints.map((e) => e.targetRef!.name)])).toEqual([
      [[{ name: 'web', port: 8080, protocol: 'TCP' }], ['pod-000', 'pod-002']],
      [[{ name: 'web', port: 9090, protocol: 'TCP' }], ['pod-001']],
    ]);
  });

  it('the same ports in another order are the same group', () => {
    const a = [{ name: 'a', port: 1, protocol: 'TCP' }, { name: 'b', port: 2, protocol: 'TCP' }];
    expect(portMapKey(a)).toBe(portMapKey([...a].reverse()));
    expect(portMapKey([])).not.toBe(portMapKey(undefined));
  });

  it('terminal and IP-less pods are left out; addresses are sorted', () => {
    const d = desiredEndpoints(service(), [pod(0, { phase: 'Failed' }), pod(1, { ips: [] }), pod(2, { ips: ['10.0.0.9', '10.0.0.10'] })], nodeLookup());
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0]!.endpoints.map((e) => e.addresses)).toEqual([['10.0.0.10', '10.0.0.9']]);
  });

  it('a pod whose node is missing is skipped with an error, its group kept (empty)', () => {
    const d = desiredEndpoints(service(), [pod(0, { node: 'gone' })], nodeLookup());
    expect(d.errors).toEqual(['skipping Pod pod-000 for Service test/foo: Node gone Not Found']);
    expect(d.groups).toEqual([{ key: d.groups[0]!.key, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: [] }]);
  });

  it('with publishNotReadyAddresses the pod on a missing node is kept, without a zone', () => {
    const d = desiredEndpoints(service({ spec: { publishNotReadyAddresses: true } }), [pod(0, { node: 'gone' })], nodeLookup());
    expect(d.errors).toEqual([]);
    expect(d.groups[0]!.endpoints).toEqual([{
      addresses: [podIP(0)], conditions: { ready: true, serving: true, terminating: false }, targetRef: target(0), nodeName: 'gone',
    }]);
  });
});
