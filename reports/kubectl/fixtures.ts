// Test fixtures: realistic objects as a v1.32 cluster stores them, each
// placed at a known distance before NOW so AGE columns are predictable.
// Only the printer tests import this.

import type { KubeObject } from '../../model/api/types.js';

export const NOW = '2024-05-01T12:00:00Z';
const NOW_MS = Date.parse(NOW);
export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;

/** The ISO time `ms` before NOW, with whole seconds as the API server serializes it. */
export const ago = (ms: number): string => new Date(NOW_MS - ms).toISOString().replace('.000Z', 'Z');

const meta = (name: string, namespace: string | undefined, age: number, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: ago(age),
  ...extra,
});

export const running = (name = 'web') => ({ name, ready: true, restartCount: 0, image: 'nginx:1.25', imageID: '', started: true, state: { running: { startedAt: ago(4 * M) } } });
export const waiting = (reason: string, name = 'web', restartCount = 0, lastFinished?: number) => ({
  name,
  ready: false,
  restartCount,
  image: 'nginx:1.25',
  imageID: '',
  started: false,
  state: { waiting: { reason } },
  ...(lastFinished !== undefined ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(lastFinished + 5 * S), finishedAt: ago(lastFinished) } } } : {}),
});
export const terminated = (reason: string | undefined, exitCode: number, name = 'web', signal?: number) => ({
  name,
  ready: false,
  restartCount: 0,
  image: 'busybox',
  imageID: '',
  started: false,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}), startedAt: ago(3 * M), finishedAt: ago(2 * M) } },
});

interface PodOptions {
  namespace?: string;
  age?: number;
  phase?: string;
  reason?: string;
  containers?: unknown[];
  initContainers?: { name: string; restartPolicy?: string }[];
  initStatuses?: unknown[];
  conditions?: { type: string; status: string; reason?: string }[];
  deletedAgo?: number;
  nodeName?: string;
  podIP?: string;
}

export function pod(name: string, o: PodOptions = {}): KubeObject {
  const statuses = (o.containers ?? []) as { name: string }[];
  const names = statuses.length > 0 ? statuses.map((c) => c.name) : ['web'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, o.namespace ?? 'default', o.age ?? 5 * M, o.deletedAgo !== undefined ? { deletionTimestamp: ago(o.deletedAgo), deletionGracePeriodSeconds: 30 } : {}),
    spec: {
      containers: names.map((n) => ({ name: n, image: 'nginx:1.25' })),
      ...(o.initContainers ? { initContainers: o.initContainers.map((c) => ({ image: 'busybox', ...c })) } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      restartPolicy: 'Always',
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.reason ? { reason: o.reason } : {}),
      conditions: o.conditions ?? [],
      ...(o.podIP ? { podIP: o.podIP, podIPs: [{ ip: o.podIP }] } : {}),
      ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
      containerStatuses: statuses,
    },
  };
}

export function node(name: string, o: { ready?: string; age?: number; unschedulable?: boolean; labels?: Record<string, string>; noConditions?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, o.age ?? 3 * D, { labels: { 'kubernetes.io/hostname': name, ...o.labels } }),
    spec: o.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: o.noConditions ? [] : [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
        { type: 'Ready', status: o.ready ?? 'True', reason: 'KubeletReady' },
      ],
      addresses: [{ type: 'InternalIP', address: '10.0.0.' + name.slice(-1) }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.5.0', containerRuntimeVersion: 'containerd://1.7.13', architecture: 'amd64', operatingSystem: 'linux', bootID: '', machineID: '', systemUUID: '', kubeProxyVersion: '' },
    },
  };
}

export function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, age: number, fields: Record<string, unknown> = {}): KubeObject {
  const { metadata, ...rest } = fields as { metadata?: Record<string, unknown> };
  return { apiVersion, kind, metadata: meta(name, namespace, age, metadata ?? {}), ...rest };
}

export function event(name: string, o: { type?: string; reason: string; kind: string; object: string; message: string; last?: number; first?: number; count?: number; namespace?: string; eventTime?: number }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta(name, o.namespace ?? 'default', o.first ?? o.last ?? 0),
    involvedObject: { kind: o.kind, name: o.object, namespace: o.namespace ?? 'default', apiVersion: 'v1' },
    type: o.type ?? 'Normal',
    reason: o.reason,
    message: o.message,
    source: { component: 'kubelet', host: 'node-1' },
    ...(o.last !== undefined ? { lastTimestamp: ago(o.last), firstTimestamp: ago(o.first ?? o.last), count: o.count ?? 1 } : {}),
    ...(o.eventTime !== undefined ? { eventTime: new Date(NOW_MS - o.eventTime).toISOString().replace('Z', '000Z'), reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cp' } : {}),
  };
}
