import { describe, expect, test } from 'vitest';
import { defaultsFromSchema } from './defaulting.js';
import { memcached, memcachedSchema } from './fixtures.js';
import type { JSONSchemaProps } from './types.js';

describe('defaultsFromSchema', () => {
  test('absent fields of present objects get their defaults, array items included', () => {
    const obj: any = memcached({ size: 2, servers: [{ host: 'a' }, { host: 'b', port: 1 }] });
    defaultsFromSchema(obj, memcachedSchema());
    expect(obj.spec).toEqual({ size: 2, tier: 'standard', servers: [{ host: 'a', port: 11211 }, { host: 'b', port: 1 }] });
  });

  test('nothing is created under an absent parent', () => {
    const obj: any = { apiVersion: 'cache.example.com/v1alpha1', kind: 'Memcached', metadata: { name: 'mc' } };
    defaultsFromSchema(obj, memcachedSchema());
    expect(obj.spec).toBeUndefined();
  });

  const schema: JSONSchemaProps = {
    type: 'object',
    properties: {
      a: { type: 'string', default: 'x' },
      b: { type: 'string', nullable: true, default: 'y' },
      c: { type: 'object', default: {}, properties: { d: { type: 'integer', default: 1 } } },
      m: { type: 'object', additionalProperties: { type: 'object', properties: { w: { type: 'integer', default: 5 } } } },
    },
  };
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['empty object: defaults, and defaults of defaults', {}, { a: 'x', b: 'y', c: { d: 1 } }],
    ['a non-nullable null is defaulted, a nullable null is kept', { a: null, b: null }, { a: 'x', b: null, c: { d: 1 } }],
    ['set values are kept', { a: 'z', c: { d: 7 } }, { a: 'z', b: 'y', c: { d: 7 } }],
    ['map values are defaulted through additionalProperties', { m: { k: {} } }, { a: 'x', b: 'y', c: { d: 1 }, m: { k: { w: 5 } } }],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    const obj = structuredClone(input);
    defaultsFromSchema(obj, schema);
    expect(obj).toEqual(expected);
  });

  test('defaults are copies', () => {
    const a: any = {};
    const b: any = {};
    defaultsFromSchema(a, schema);
    defaultsFromSchema(b, schema);
    a.c.d = 9;
    expect(b.c.d).toBe(1);
    expect(schema.properties!.c!.default).toEqual({});
  });
});
