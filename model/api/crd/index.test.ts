import { describe, expect, test } from 'vitest';
import { fieldErrorText, invalid } from '../errors.js';
import type { KubeObject } from '../types.js';
import { memcached, memcachedCrd } from './fixtures.js';
import { crdAdmission, customObjectAdmission, customResourceOf, prepareCustomObject, strictDecodingError, type CustomResource } from './index.js';

function served(mutate: (c: any) => void = () => {}): CustomResource {
  const crd = memcachedCrd(mutate);
  crdAdmission.defaults(crd);
  return customResourceOf(crd);
}

/** Create as the API server does: strict decoding, prune + default, prepare, validate. */
function create(cr: CustomResource, obj: KubeObject): KubeObject | string {
  const strict = strictDecodingError(obj, cr);
  if (strict) return strict.message;
  const adm = customObjectAdmission(cr);
  const o = structuredClone(obj);
  adm.defaults(o);
  prepareCustomObject(o, undefined, cr);
  const errs = adm.validate(o);
  return errs.length ? invalid(cr.info.kind, cr.info.group, o.metadata.name ?? '', errs).message : o;
}

describe('customResourceOf', () => {
  test('the kind, names and versions a CRD serves', () => {
    const cr = served();
    expect(cr.info).toEqual({
      kind: 'Memcached', group: 'cache.example.com', version: 'v1alpha1', resource: 'memcacheds', singular: 'memcached',
      shortNames: ['mc'], namespaced: true, nameFormat: 'dns1123Subdomain',
    });
    expect(cr.versions.map(({ schema: _s, ...v }) => v)).toEqual([{
      name: 'v1alpha1', served: true, storage: true, statusSubresource: true,
      printerColumns: [{ name: 'Size', type: 'integer', priority: 0, jsonPath: '.spec.size' }, { name: 'Ready', type: 'integer', priority: 0, jsonPath: '.status.readyReplicas' }],
    }]);
    expect(cr.versions[0]!.schema).toBe(cr.crd.spec.versions[0].schema.openAPIV3Schema);
  });
  test('cluster scope; the storage version names the kind info', () => {
    const cr = served((c) => {
      c.spec.scope = 'Cluster';
      c.spec.versions.unshift({ ...structuredClone(c.spec.versions[0]), name: 'v1', storage: false });
    });
    expect([cr.info.namespaced, cr.info.version]).toEqual([false, 'v1alpha1']);
  });
});

describe('custom object admission', () => {
  const cr = served();
  test('a valid object is pruned and defaulted; status is dropped on create with a status subresource', () => {
    const out = create(cr, memcached({ size: 3, servers: [{ host: 'cache-0' }] }, { status: { readyReplicas: 3 } }));
    expect(out).toEqual({ ...memcached({ size: 3, servers: [{ host: 'cache-0', port: 11211 }], tier: 'standard' }), metadata: { name: 'mc', namespace: 'default', generation: 1 } });
  });

  const cases: Array<[string, KubeObject, string]> = [
    ['type', memcached({ size: '3' }), 'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"'],
    ['required', memcached({ image: 'memcached' }), 'spec.size: Required value'],
    ['enum', memcached({ size: 1, mode: 'Paused' }), 'spec.mode: Unsupported value: "Paused": supported values: "Active", "Standby"'],
    ['minimum', memcached({ size: 0 }), 'spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1'],
    ['maximum', memcached({ size: 100 }), 'spec.size: Invalid value: 100: spec.size in body should be less than or equal to 10'],
    ['pattern', memcached({ size: 1, image: 'memcached:1.6' }), "spec.image: Invalid value: \"memcached:1.6\": spec.image in body should match '^[a-z]+$'"],
    ['nested array', memcached({ size: 1, servers: [{ host: 'cache-0' }, { host: 'x', port: 70000 }] }),
      '[spec.servers[1].host: Invalid value: "x": spec.servers[1].host in body should be at least 3 chars long, ' +
      'spec.servers[1].port: Invalid value: 70000: spec.servers[1].port in body should be less than or equal to 65535]'],
    ['a null without default is pruned, then required', memcached({ size: null }), 'spec.size: Required value'],
  ];
  test.each(cases)('%s', (_name, obj, body) => {
    expect(create(cr, obj)).toBe(`Memcached.cache.example.com "mc" is invalid: ${body}`);
  });

  test('the kind must match', () => {
    expect(customObjectAdmission(cr).validate({ ...memcached(), kind: 'Other' }).map(fieldErrorText)).toEqual(['kind: Invalid value: "Other": must be Memcached']);
  });

  test('update: status is kept from the stored object, unchanged invalid values are ratcheted', () => {
    const adm = customObjectAdmission(cr);
    const old = { ...memcached({ size: 0 }), status: { readyReplicas: 2 } } as KubeObject;
    old.metadata.generation = 4;
    const next = memcached({ size: 0, mode: 'Active' }, { status: { readyReplicas: 99 } });
    adm.defaults(next);
    prepareCustomObject(next, old, cr);
    expect(next.status).toEqual({ readyReplicas: 2 });
    expect(next.metadata.generation).toBe(5);
    expect(adm.validateUpdate(next, old)).toEqual([]);
    const worse = memcached({ size: 11 });
    prepareCustomObject(worse, old, cr);
    expect(adm.validateUpdate(worse, old).map(fieldErrorText)).toEqual(['spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10']);
  });

  test('generation does not move for metadata-only changes; without a status subresource status is writable', () => {
    const plain = served((c) => { delete c.spec.versions[0].subresources; });
    const old = memcached({ size: 1 }, { status: { readyReplicas: 1 } });
    old.metadata.generation = 2;
    const relabeled = memcached({ size: 1 }, { status: { readyReplicas: 1 }, metadata: { name: 'mc', namespace: 'default', labels: { a: 'b' } } });
    prepareCustomObject(relabeled, old, plain);
    expect(relabeled.metadata.generation).toBe(2);
    const created = memcached({ size: 1 }, { status: { readyReplicas: 1 } });
    prepareCustomObject(created, undefined, plain);
    expect(created.status).toEqual({ readyReplicas: 1 });
  });
});

describe('strictDecodingError', () => {
  const cr = served();
  test('unknown fields, all of them, with the full path', () => {
    expect(strictDecodingError(memcached({ size: 1, replicas: 3, servers: [{ host: 'abc', weight: 2 }] }), cr)).toEqual({
      path: 'spec.replicas',
      message: 'Memcached in version "v1alpha1" cannot be handled as a Memcached: strict decoding error: unknown field "spec.replicas", unknown field "spec.servers[0].weight"',
    });
  });
  test('a clean object has none', () => expect(strictDecodingError(memcached(), cr)).toBeNull());
  test('a version the CRD does not serve has no REST mapping', () => {
    expect(strictDecodingError({ ...memcached(), apiVersion: 'cache.example.com/v1beta1' }, cr)).toEqual({
      path: 'apiVersion', message: 'no matches for kind "Memcached" in version "cache.example.com/v1beta1"' });
    const off = served((c) => { c.spec.versions[0].served = false; });
    expect(strictDecodingError(memcached(), off)?.message).toBe('no matches for kind "Memcached" in version "cache.example.com/v1alpha1"');
  });
});

describe('list types and scale', () => {
  const cr = served((c) => {
    const props = c.spec.versions[0].schema.openAPIV3Schema.properties;
    props.spec.properties.tags = { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } };
    props.spec.properties.servers['x-kubernetes-list-type'] = 'map';
    props.spec.properties.servers['x-kubernetes-list-map-keys'] = ['host'];
    props.spec.properties.replicas = { type: 'integer' };
    props.status.properties.replicas = { type: 'integer' };
    c.spec.versions[0].subresources.scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };
  });
  test('duplicates in set and map lists', () => {
    expect(create(cr, memcached({ size: 1, tags: ['a', 'b', 'a', 'a'], servers: [{ host: 'abc' }, { host: 'abc', port: 2 }] }))).toBe(
      'Memcached.cache.example.com "mc" is invalid: [spec.servers[1]: Duplicate value: map[string]interface {}{"host":"abc"}, spec.tags[2]: Duplicate value: "a"]');
  });
  test('scale replicas must be non-negative', () => {
    expect(create(cr, memcached({ size: 1, replicas: -1 }))).toBe(
      'Memcached.cache.example.com "mc" is invalid: .spec.replicas: Invalid value: -1: should be a non-negative integer');
  });
});
