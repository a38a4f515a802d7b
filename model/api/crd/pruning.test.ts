import { describe, expect, test } from 'vitest';
import { memcached, memcachedSchema } from './fixtures.js';
import { pruneUnknown, unknownFields } from './pruning.js';
import type { JSONSchemaProps } from './types.js';

const withTemplate = (): JSONSchemaProps => {
  const s = memcachedSchema();
  s.properties.spec.properties.template = { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true };
  s.properties.spec.properties.config = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { level: { type: 'object', properties: { n: { type: 'integer' } } } } };
  s.properties.spec.properties.labels = { type: 'object', additionalProperties: { type: 'string' } };
  return s;
};

describe('unknownFields (strict field validation)', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['nothing unknown', memcached({ size: 1, servers: [{ host: 'abc' }] }), []],
    ['one field', memcached({ size: 1, foo: true }), ['spec.foo']],
    ['array elements and top level, sorted; metadata first', {
      ...memcached({ size: 1, servers: [{ host: 'abc', weight: 1 }, { host: 'def' }] }), extra: 1, metadata: { name: 'mc', namespace: 'default', owner: 'me' },
    }, ['metadata.owner', 'extra', 'spec.servers[0].weight']],
    ['a whole unknown object counts once', memcached({ size: 1, sidecar: { image: 'x', port: 1 } }), ['spec.sidecar']],
    ['preserve-unknown-fields keeps the rest, known nested fields are still pruned', memcached({ size: 1, config: { any: 1, level: { n: 1, m: 2 } } }), ['spec.config.level.m']],
    ['map values are known', memcached({ size: 1, labels: { a: 'x', b: 'y' } }), []],
    ['embedded resources keep TypeMeta; their ObjectMeta is strict', memcached({ size: 1, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', bogus: 1 }, spec: {} } }),
      ['spec.template.metadata.bogus']],
    ['owner references are strict too', { ...memcached(), metadata: { name: 'mc', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', color: 'red' }] } },
      ['metadata.ownerReferences[0].color']],
  ];
  test.each(cases)('%s', (_name, obj, expected) => {
    expect(unknownFields(obj, withTemplate())).toEqual(expected);
  });

  test('the input is not modified', () => {
    const obj = memcached({ size: 1, foo: 1 });
    unknownFields(obj, memcachedSchema());
    expect(obj.spec.foo).toBe(1);
  });
});

describe('pruneUnknown', () => {
  test('drops unknown fields and non-nullable nulls, keeps TypeMeta, metadata, status and defaulted nulls', () => {
    const schema = withTemplate();
    schema.properties!.spec!.properties!.mode = { ...schema.properties!.spec!.properties!.mode, nullable: true };
    const obj: any = {
      ...memcached({ size: 1, foo: 1, image: null, mode: null, tier: null, servers: [{ host: 'abc', x: 1 }] }),
      status: { readyReplicas: 1, phase: 'x' }, extra: true, metadata: { name: 'mc', unknown: 1 },
    };
    pruneUnknown(obj, schema);
    expect(obj).toEqual({
      apiVersion: 'cache.example.com/v1alpha1', kind: 'Memcached', metadata: { name: 'mc' },
      spec: { size: 1, mode: null, tier: null, servers: [{ host: 'abc' }] }, status: { readyReplicas: 1 },
    });
  });
  test('a schema without properties prunes everything but TypeMeta and metadata', () => {
    const obj: any = { apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' }, spec: { a: 1 } };
    pruneUnknown(obj, { type: 'object' });
    expect(obj).toEqual({ apiVersion: 'a/v1', kind: 'K', metadata: { name: 'x' } });
  });
});
