import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import {
  CONTROLLER_QUALIFIED_NAME, ENDPOINTS_LAST_CHANGE_TRIGGER_TIME, IS_HEADLESS_SERVICE, LABEL_MANAGED_BY, LABEL_SERVICE_NAME,
} from './constants.js';
import { podToEndpoint, type Endpoint, type EndpointPort } from './endpoints.js';
import { newEndpointSlice } from './slices.js';
import { FakeSliceStore, NS, node, plan, pod, podIP, podName, pods, service, type PodOver } from './fixtures.js';

const LABELS = { [LABEL_MANAGED_BY]: CONTROLLER_QUALIFIED_NAME, [LABEL_SERVICE_NAME]: 'foo' };
const OWNERS = [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }];
const HTTP: EndpointPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }];

/** The endpoint pod i becomes on node-1 (zone-a). */
function ep(i: number, c: { ready?: boolean; serving?: boolean; terminating?: boolean } = {}): Endpoint {
  const serving = c.serving ?? true;
  return {
    addresses: [podIP(i)],
    conditions: { ready: c.ready ?? serving, serving, terminating: c.terminating ?? false },
    targetRef: { kind: 'Pod', namespace: NS, name: podName(i), uid: `uid-${podName(i)}` },
    nodeName: 'node-1', zone: 'zone-a',
  };
}

/** A slice as the controller writes it. */
function slice(endpoints: Endpoint[], over: { name?: string; ports?: EndpointPort[]; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { ...(over.name ? { name: over.name } : {}), generateName: 'foo-', namespace: NS, labels: over.labels ?? LABELS, ownerReferences: OWNERS },
    addressType: 'IPv4', endpoints, ports: over.ports ?? HTTP,
  };
}

/** An existing slice named `name` holding the given pods' endpoints. */
function existing(name: string, ps: KubeObject[], svc = service(), ports: EndpointPort[] = HTTP): KubeObject {
  const s = newEndpointSlice(svc, ports, 'IPv4');
  return { ...s, metadata: { ...s.metadata, name }, endpoints: ps.map((p) => podToEndpoint(p, node('node-1', 'zone-a'), svc)) };
}

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.ceil((to - from) / step) }, (_, k) => from + k * step);
const names = (s: KubeObject) => (s.endpoints as Endpoint[]).map((e) => e.targetRef!.name);
const podNames = (idx: number[]) => idx.map(podName);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); }
  return o;
}

describe('reconcile from nothing', () => {
  it('one pod: one create, field for field', () => {
    expect(plan(service(), [pod(0)])).toStrictEqual({ create: [slice([ep(0)])], update: [], delete: [] });
  });

  it('250 pods: three slices of 100, 100 and 50, filled in pod-name order', () => {
    const p = plan(service(), pods(250));
    expect(p.update).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.create).toStrictEqual([
      slice(range(0, 100).map((i) => ep(i))), slice(range(100, 200).map((i) => ep(i))), slice(range(200, 250).map((i) => ep(i))),
    ]);
  });

  it('no pods: one empty placeholder slice, no ports', () => {
    expect(plan(service(), [])).toStrictEqual({ create: [slice([], { ports: [] })], update: [], delete: [] });
  });

  it('ready, not-ready and terminating pods share a slice, each with its conditions', () => {
    const p = plan(service(), [pod(0), pod(1, { ready: false }), pod(2, { terminating: true })]);
    expect(p.create).toStrictEqual([slice([ep(0), ep(1, { serving: false }), ep(2, { ready: false, terminating: true })])]);
  });

  it('publishNotReadyAddresses: every endpoint ready', () => {
    const svc = service({ spec: { publishNotReadyAddresses: true } });
    const p = plan(svc, [pod(0, { ready: false }), pod(1, { terminating: true })]);
    expect(p.create).toStrictEqual([slice([ep(0, { ready: true, serving: false }), ep(1, { ready: true, terminating: true })])]);
  });

  it('a headless Service: the headless label; hostname for pods in its subdomain', () => {
    const svc = service({ spec: { clusterIP: 'None', clusterIPs: ['None'] } });
    const p = plan(svc, [pod(0, { hostname: 'web-0', subdomain: 'foo' })]);
    expect(p.create).toStrictEqual([slice([{ ...ep(0), hostname: 'web-0' }], { labels: { ...LABELS, [IS_HEADLESS_SERVICE]: '' } })]);
  });

  it("the Service's labels are copied; its reserved ones are not", () => {
    const svc = service({ labels: { team: 'a', [LABEL_SERVICE_NAME]: 'bad', [LABEL_MANAGED_BY]: 'me', [IS_HEADLESS_SERVICE]: 'x' } });
    expect(plan(svc, [pod(0)]).create[0]!.metadata.labels).toStrictEqual({ ...LABELS, team: 'a' });
  });

  it('a named port resolving to two numbers: two slices, each with its port', () => {
    const svc = service({ spec: { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] } });
    const on = (i: number, containerPort: number) => pod(i, { containerPorts: [{ name: 'http', containerPort, protocol: 'TCP' }] });
    const p = plan(svc, [on(0, 8080), on(1, 9090), on(2, 8080)]);
    expect(p.create).toStrictEqual([
      slice([ep(0), ep(2)], { ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] }),
      slice([ep(1)], { ports: [{ name: 'web', port: 9090, protocol: 'TCP' }] }),
    ]);
  });

  it('the trigger time is stamped on every write', () => {
    const p = plan(service(), [pod(0)], [], { triggerTime: '2024-01-01T00:00:05Z' });
    expect(p.create[0]!.metadata.annotations).toStrictEqual({ [ENDPOINTS_LAST_CHANGE_TRIGGER_TIME]: '2024-01-01T00:00:05Z' });
  });
});

describe('reconcile against existing slices: minimal churn', () => {
  function synced(n: number, over?: (i: number) => PodOver) {
    const store = new FakeSliceStore();
    store.sync(service(), pods(n, over));
    store.writes = { create: 0, update: 0, delete: 0 };
    return store;
  }

  it('nothing changed: no writes', () => {
    const store = synced(250);
    expect(store.sync(service(), pods(250))).toEqual({ create: [], update: [], delete: [] });
  });

  it('a pod turning not-ready updates only its slice, in place', () => {
    const store = synced(250);
    const p = store.sync(service(), pods(250, (i) => (i === 150 ? { ready: false } : {})));
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.update).toStrictEqual([slice(range(100, 200).map((i) => ep(i, i === 150 ? { serving: false } : {})), { name: 'foo-1' })]);
  });

  it('a removed pod: its slice is updated without it; a slice left empty is deleted', () => {
    const store = synced(250);
    const without7 = pods(250).filter((_, i) => i !== 7);
    expect(store.sync(service(), without7).update.map((s) => [s.metadata.name, names(s).length])).toEqual([['foo-0', 99]]);
    const p = store.sync(service(), without7.slice(0, 199));
    expect(p).toEqual({ create: [], update: [], delete: [expect.objectContaining({ metadata: expect.objectContaining({ name: 'foo-2' }) })] });
  });

  it('new pods go to the existing slice they fill best, not to a new one', () => {
    const store = synced(250);
    const p = store.sync(service(), pods(260));
    expect(p.create).toEqual([]);
    expect(p.update.map((s) => [s.metadata.name, names(s).length])).toEqual([['foo-2', 60]]);
    expect(names(p.update[0]!).slice(-10)).toEqual(podNames(range(250, 260)));
  });

  it('all pods gone: slices deleted, the placeholder written over the first of them', () => {
    const store = synced(250);
    const p = store.sync(service(), []);
    expect(p.create).toEqual([]);
    expect(p.update).toStrictEqual([slice([], { name: 'foo-0', ports: [] })]);
    expect(p.delete.map((s) => s.metadata.name)).toEqual(['foo-1', 'foo-2']);
    // The placeholder is then left alone; new pods take it over.
    expect(store.sync(service(), [])).toEqual({ create: [], update: [], delete: [] });
    expect(store.sync(service(), [pod(0)]).update).toStrictEqual([slice([ep(0)], { name: 'foo-0' })]);
  });

  it('a placeholder whose labels are out of date is rewritten under its own name, not recreated', () => {
    const store = new FakeSliceStore();
    store.sync(service(), []);
    const p = store.sync(service({ labels: { team: 'a' } }), []);
    expect(p).toStrictEqual({ create: [], update: [slice([], { name: 'foo-0', ports: [], labels: { ...LABELS, team: 'a' } })], delete: [] });
  });

  it('a Service label change rewrites every slice once, labels only; a reserved label change writes nothing', () => {
    const store = synced(250);
    const p = store.sync(service({ labels: { team: 'a' } }), pods(250));
    expect(p.update.map((s) => [s.metadata.name, s.metadata.labels, names(s).length])).toEqual([
      ['foo-0', { ...LABELS, team: 'a' }, 100], ['foo-1', { ...LABELS, team: 'a' }, 100], ['foo-2', { ...LABELS, team: 'a' }, 50],
    ]);
    expect(store.sync(service({ labels: { team: 'a', [LABEL_SERVICE_NAME]: 'bad' } }), pods(250)).update).toEqual([]);
  });

  it('a slice owned by an older Service of the same name is deleted, not reused', () => {
    const old = existing('foo-old', [pod(0)]);
    old.metadata.ownerReferences = [{ ...OWNERS[0]!, uid: 'other' }];
    expect(plan(service(), [pod(0)], [old])).toStrictEqual({ create: [slice([ep(0)])], update: [], delete: [old] });
  });

  it('a slice of the deprecated "IP" address type is replaced', () => {
    const old = { ...existing('foo-ip', [pod(0)]), addressType: 'IP' };
    expect(plan(service(), [pod(0)], [old])).toStrictEqual({ create: [slice([ep(0)])], update: [], delete: [old] });
  });

  it('a Service being deleted gets no new slices, but its writes and deletes still happen', () => {
    const svc = service({ deleting: true });
    expect(plan(svc, pods(3))).toEqual({ create: [], update: [], delete: [] });
    const e = existing('foo-0', [pod(0), pod(1)], svc);
    expect(plan(svc, [pod(0)], [e]).update.map(names)).toEqual([['pod-000']]);
  });

  it('never mutates its inputs', () => {
    const ex = deepFreeze([existing('foo-0', pods(60)), existing('foo-1', pods(30).map((_, i) => pod(i + 60)))]);
    const ps = deepFreeze(pods(200, (i) => (i % 7 === 0 ? { ready: false } : {})));
    expect(() => plan(deepFreeze(service({ labels: { team: 'b' } })), ps, ex, { triggerTime: 't' })).not.toThrow();
  });
});

// upstream: k8s.io/endpointslice reconciler_test.go (the packing cases, same numbers)
describe('packing, as upstream tests it', () => {
  const flaky = (n: number) => pods(n, (i) => ({ ready: i % 3 !== 0 }));
  const seed = (store: FakeSliceStore, slices: KubeObject[]) => { store.slices = slices; };

  it('some preexisting: 62 + 61 existing, 127 to add → one new slice of 100, 27 into the fuller one', () => {
    const ps = flaky(250);
    const store = new FakeSliceStore();
    seed(store, [existing('foo-a', range(1, 246, 4).map((i) => ps[i]!)), existing('foo-b', range(3, 246, 4).map((i) => ps[i]!))]);
    store.sync(service(), ps);
    expect(store.writes).toEqual({ create: 1, update: 1, delete: 0 });
    expect(store.lengths()).toEqual([100, 89, 61]);
  });

  it('worse allocation: 74 + 74 existing, 152 to add → two creates rather than splitting 52', () => {
    const ps = flaky(300);
    const store = new FakeSliceStore();
    seed(store, [existing('foo-a', range(1, 296, 4).map((i) => ps[i]!)), existing('foo-b', range(3, 296, 4).map((i) => ps[i]!))]);
    store.sync(service(), ps);
    expect(store.writes).toEqual({ create: 2, update: 0, delete: 0 });
    expect(store.lengths()).toEqual([100, 74, 74, 52]);
  });

  it('recycling: a target port change over ten slices of 30 → 3 updates and 7 deletes, fully packed', () => {
    const ps = flaky(300);
    const store = new FakeSliceStore();
    seed(store, range(0, 10).map((k) => existing(`foo-${k}`, ps.slice(30 * k, 30 * k + 30))));
    store.sync(service(), ps);
    expect(store.writes).toEqual({ create: 0, update: 0, delete: 0 });
    store.sync(service({ spec: { ports: [{ name: 'http', port: 80, targetPort: 8081, protocol: 'TCP' }] } }), ps);
    expect(store.writes).toEqual({ create: 0, update: 3, delete: 7 });
    expect(store.lengths()).toEqual([100, 100, 100]);
  });

  it('update packing: new endpoints go to the fuller of two slices already being updated', () => {
    const first = range(0, 80).map((i) => pod(i));
    const second = range(100, 120).map((i) => pod(i));
    const store = new FakeSliceStore();
    // The fuller slice sorts second by name, so only the fullest-first rule puts the new endpoints there.
    seed(store, [existing('foo-a', second), existing('foo-b', first)]);
    const changed = [...first, ...second].map((p, k) => (k % 10 === 0 ? pod(Number(p.metadata.name!.slice(4)), { ready: false }) : p));
    store.sync(service(), [...changed, ...range(200, 215).map((i) => pod(i))]);
    expect(store.writes).toEqual({ create: 0, update: 2, delete: 0 });
    expect(store.lengths()).toEqual([95, 20]);
  });

  it('named ports: 300 pods over 5 port numbers → 5 slices of 60', () => {
    const svc = service({ spec: { ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] } });
    const ps = range(0, 300).map((i) => pod(i, { ready: i % 3 !== 0, containerPorts: [{ name: 'http', containerPort: 8080 + (i % 5), protocol: 'TCP' }] }));
    const p = plan(svc, ps);
    expect(p.create.map((s) => [s.ports, names(s).length])).toEqual(range(0, 5).map((k) => [[{ name: '', port: 8080 + k, protocol: 'TCP' }], 60]));
  });

  it('a maxEndpointsPerSlice outside 1..1000 is refused, not looped on', () => {
    for (const max of [0, -1, 1.5, 1001]) expect(() => plan(service(), pods(3), [], { max })).toThrow(RangeError);
  });

  const table: Array<[number, number[]]> = [[50, [50, 50, 50, 50, 50]], [80, [80, 80, 80, 10]], [150, [150, 100]], [250, [250]], [500, [250]]];
  it.each(table)('maxEndpointsPerSlice %i: slices of %j', (max, lengths) => {
    const store = new FakeSliceStore();
    store.sync(service(), flaky(250), max);
    expect(store.lengths()).toEqual(lengths);
  });
});
