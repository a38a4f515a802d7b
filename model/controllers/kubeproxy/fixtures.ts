// Test fixtures for the kube-proxy modules: a Service, EndpointSlices built
// from a compact endpoint list, and a fake random stream that replays fixed
// numbers and fails loudly if a test draws more than it planned.
import type { KubeObject } from '../../api/types.js';

export function service(spec: Record<string, unknown> = {}, name = 'web'): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
    spec: {
      type: 'ClusterIP', clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'], selector: { app: name },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ...spec,
    },
  };
}

export interface Ep {
  ip: string;
  node?: string;
  pod?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

/** A ready endpoint on node-1 named after its last octet: `ep(3)` is pod web-3 at 10.244.0.3. */
export const ep = (n: number, more: Partial<Ep> = {}): Ep => ({ ip: `10.244.0.${n}`, node: 'node-1', pod: `web-${n}`, ready: true, serving: true, terminating: false, ...more });

export function slice(name: string, eps: Ep[], opts: { service?: string; port?: number; portName?: string; protocol?: string; addressType?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': opts.service ?? 'web', ...opts.labels } },
    addressType: opts.addressType ?? 'IPv4',
    ports: [{ name: opts.portName ?? '', port: opts.port ?? 8080, protocol: opts.protocol ?? 'TCP' }],
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace: 'default', name: e.pod } } : {}),
    })),
  };
}

/** Replays `values` in order; drawing past the end throws, so each test states exactly how many numbers a pick uses. */
export function seq(...values: number[]) {
  let i = 0;
  const rand = () => {
    if (i >= values.length) throw new Error(`drew a number past the ${values.length} the test planned`);
    return values[i++]!;
  };
  return { rand, draws: () => i };
}

export const noDraws = () => {
  throw new Error('this pick must not draw a random number');
};
