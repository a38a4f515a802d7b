import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { CONTROLLER_QUALIFIED_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './constants.js';
import { managesService, podsForService, slicesForService, syncService } from './sync.js';
import { NS, nodeLookup, pod, podIP, service } from './fixtures.js';

const managed = (name: string, over: { ns?: string; svc?: string; by?: string; deleting?: boolean } = {}): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
  metadata: {
    name, namespace: over.ns ?? NS,
    labels: { [LABEL_SERVICE_NAME]: over.svc ?? 'foo', [LABEL_MANAGED_BY]: over.by ?? CONTROLLER_QUALIFIED_NAME },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
    ...(over.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
  },
  addressType: 'IPv4', endpoints: [], ports: [],
});

describe('syncService: which Services the controller manages', () => {
  const table: Array<[string, Record<string, unknown>, boolean]> = [
    ['a selector', {}, true],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, false],
    ['no selector (user-managed slices)', { selector: undefined }, false],
    ['an empty selector counts as none', { selector: {} }, false],
  ];
  it.each(table)('%s', (_name, spec, want) => {
    expect(managesService(service({ spec }))).toBe(want);
  });

  it('an unmanaged Service gets an empty plan, whatever slices and pods exist', () => {
    const r = syncService({ service: service({ spec: { selector: undefined } }), pods: [pod(0)], slices: [managed('foo-0')], getNode: nodeLookup() });
    expect(r).toEqual({ create: [], update: [], delete: [], errors: [] });
  });
});

describe('syncService: what it lists', () => {
  it('pods of the namespace whose labels match the selector', () => {
    const other = { ...pod(1), metadata: { ...pod(1).metadata, namespace: 'elsewhere' } };
    const got = podsForService(service(), [pod(0), other, pod(2, { labels: { app: 'db' } }), pod(3, { labels: { app: 'web', x: 'y' } })]);
    expect(got.map((p) => p.metadata.name)).toEqual(['pod-000', 'pod-003']);
  });

  it("slices labelled with the Service's name and this controller, not being deleted", () => {
    const slices = [
      managed('keep'), managed('other-ns', { ns: 'x' }), managed('other-svc', { svc: 'bar' }),
      managed('user', { by: 'someone-else' }), managed('going', { deleting: true }),
    ];
    expect(slicesForService(service(), slices).map((s) => s.metadata.name)).toEqual(['keep']);
  });

  it('one sync: the placeholder becomes the slice, and a missing node is reported for a retry', () => {
    const r = syncService({ service: service(), pods: [pod(0), pod(1, { node: 'gone' })], slices: [managed('foo-0')], getNode: nodeLookup() });
    expect(r.errors).toEqual(['skipping Pod pod-001 for Service test/foo: Node gone Not Found']);
    expect(r.create).toEqual([]);
    expect(r.delete).toEqual([]);
    expect(r.update).toHaveLength(1);
    expect(r.update[0]!.metadata.name).toBe('foo-0');
    expect(r.update[0]!.endpoints).toStrictEqual([{
      addresses: [podIP(0)], conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: NS, name: 'pod-000', uid: 'uid-pod-000' }, nodeName: 'node-1', zone: 'zone-a',
    }]);
  });
});
