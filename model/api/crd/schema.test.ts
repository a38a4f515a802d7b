import { describe, expect, test } from 'vitest';
import { fieldErrorText, invalid } from '../errors.js';
import { memcached, memcachedSchema } from './fixtures.js';
import { validateAgainstSchema } from './schema.js';
import type { JSONSchemaProps } from './types.js';

const texts = (value: unknown, schema: JSONSchemaProps, opts = {}) => validateAgainstSchema(value, schema, opts).map(fieldErrorText);

describe('validateAgainstSchema: Memcached objects', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['valid', { size: 3, image: 'memcached', mode: 'Active', servers: [{ host: 'cache-0', port: 11211 }] }, []],
    ['wrong type', { size: 'three' }, ['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']],
    ['a fraction for an integer', { size: 1.5 }, ['spec.size: Invalid value: "number": spec.size in body must be of type integer: "number"']],
    ['null for a non-nullable field', { size: 1, image: null }, ['spec.image: Invalid value: "null": spec.image in body must be of type string: "null"']],
    ['missing required field', {}, ['spec.size: Required value']],
    ['value outside the enum', { size: 1, mode: 'Paused' }, ['spec.mode: Unsupported value: "Paused": supported values: "Active", "Standby"']],
    ['below the minimum', { size: 0 }, ['spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1']],
    ['above the maximum', { size: 11 }, ['spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10']],
    ['pattern mismatch', { size: 1, image: 'Memcached:1.6' }, ["spec.image: Invalid value: \"Memcached:1.6\": spec.image in body should match '^[a-z]+$'"]],
    ['too many items', { size: 1, servers: [{ host: 'aaa' }, { host: 'bbb' }, { host: 'ccc' }, { host: 'ddd' }] }, ['spec.servers: Too many: 4: must have at most 3 items']],
    ['nested array elements', { size: 1, servers: [{ port: 0 }, { host: 'ab', port: 'x' }] }, [
      'spec.servers[0].port: Invalid value: 0: spec.servers[0].port in body should be greater than or equal to 1',
      'spec.servers[0].host: Required value',
      'spec.servers[1].host: Invalid value: "ab": spec.servers[1].host in body should be at least 3 chars long',
      'spec.servers[1].port: Invalid value: "string": spec.servers[1].port in body must be of type integer: "string"',
    ]],
    ['several fields: properties in name order, required last', { mode: 'x', image: 'X' }, [
      "spec.image: Invalid value: \"X\": spec.image in body should match '^[a-z]+$'",
      'spec.mode: Unsupported value: "x": supported values: "Active", "Standby"',
      'spec.size: Required value',
    ]],
  ];
  test.each(cases)('%s', (_name, spec, expected) => {
    expect(texts(memcached(spec), memcachedSchema())).toEqual(expected);
  });

  test('the full API error, as invalid() renders it', () => {
    const errs = validateAgainstSchema(memcached({ size: 0 }), memcachedSchema());
    expect(invalid('Memcached', 'cache.example.com', 'mc', errs).message).toBe(
      'Memcached.cache.example.com "mc" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1');
    const two = validateAgainstSchema(memcached({ size: 11, mode: 'x' }), memcachedSchema());
    expect(invalid('Memcached', 'cache.example.com', 'mc', two).message).toBe(
      'Memcached.cache.example.com "mc" is invalid: [spec.mode: Unsupported value: "x": supported values: "Active", "Standby", ' +
      'spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10]');
  });
});

describe('validateAgainstSchema: keywords', () => {
  const obj = (field: JSONSchemaProps, extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'object', properties: { field }, ...extra });
  const cases: Array<[string, JSONSchemaProps, unknown, string[]]> = [
    ['exclusive minimum', obj({ type: 'integer', minimum: 0, exclusiveMinimum: true }), 0, ['field: Invalid value: 0: field in body should be greater than 0']],
    ['exclusive maximum', obj({ type: 'number', maximum: 1.5, exclusiveMaximum: true }), 1.5, ['field: Invalid value: 1.5: field in body should be less than 1.5']],
    ['a number bound printed as Go prints a float64', obj({ type: 'number', maximum: 1000000 }), 1000000.5, ['field: Invalid value: 1.0000005e+06: field in body should be less than or equal to 1e+06']],
    ['multipleOf', obj({ type: 'integer', multipleOf: 5 }), 7, ['field: Invalid value: 7: field in body should be a multiple of 5']],
    ['maxLength', obj({ type: 'string', maxLength: 3 }), 'abcd', ['field: Too long: may not be more than 3 bytes']],
    ['string checks stop at the first failure', obj({ type: 'string', maxLength: 3, pattern: '^[0-9]+$' }), 'abcd', ['field: Too long: may not be more than 3 bytes']],
    ['minItems', obj({ type: 'array', minItems: 1, items: { type: 'string' } }), [], ['field: Invalid value: 0: field in body should have at least 1 items']],
    ['maxProperties', obj({ type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } }), { a: 'x', b: 'y' }, ['field: Too many: 2: must have at most 1 items']],
    ['map values', obj({ type: 'object', additionalProperties: { type: 'string' } }), { a: 1 }, ['field.a: Invalid value: "integer": field.a in body must be of type string: "integer"']],
    ['date-time format', obj({ type: 'string', format: 'date-time' }), 'yesterday', ['field: Invalid value: "yesterday": field in body must be of type date-time: "yesterday"']],
    ['unsupported formats are not checked', obj({ type: 'integer', format: 'int32' }), 2 ** 40, []],
    ['nullable accepts null', obj({ type: 'string', nullable: true }), null, []],
    ['enum of integers', obj({ type: 'integer', enum: [1, 2] }), 3, ['field: Unsupported value: 3: supported values: "1", "2"']],
    // upstream: pkg/apiserver/validation/validation_test.go, "nullable, x-kubernetes-int-or-string and user-provider anyOf"
    ['int-or-string with its anyOf', obj({ nullable: true, 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }), true, [
      'field: Invalid value: "boolean": field in body must be of type integer,string: "boolean"',
      '<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)',
      'field: Invalid value: "boolean": field in body must be of type integer: "boolean"',
    ]],
    ['int-or-string within allOf', obj({ nullable: true, 'x-kubernetes-int-or-string': true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }] }), 1.2, [
      'field: Invalid value: "number": field in body must be of type integer,string: "number"',
      '<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)',
      'field: Invalid value: "number": field in body must be of type integer: "number"',
      '<nil>: Invalid value: "": "field" must validate all the schemas (allOf). None validated',
    ]],
    ['oneOf with no match', obj({ type: 'integer', oneOf: [{ minimum: 5 }, { maximum: 0 }] }), 3, [
      '<nil>: Invalid value: "": "field" must validate one and only one schema (oneOf). Found none valid',
      'field: Invalid value: 3: field in body should be greater than or equal to 5',
    ]],
    ['oneOf with two matches', obj({ type: 'integer', oneOf: [{ minimum: 1 }, { maximum: 9 }] }), 3, [
      '<nil>: Invalid value: "": "field" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ]],
    ['not', obj({ type: 'string', not: { enum: ['x'] } }), 'x', ['<nil>: Invalid value: "": "field" must not validate the schema (not)']],
  ];
  test.each(cases)('%s', (_name, schema, value, expected) => {
    expect(texts({ field: value }, schema)).toEqual(expected);
  });

  test('upstream enum case: type and enum errors together', () => {
    const schema = obj({ type: 'object', required: ['nestedint', 'nestedstring'], properties: {
      nestedint: { type: 'integer', enum: [1, 2] }, nestedstring: { type: 'string', enum: ['a', 'b'] } } });
    expect(texts({ field: { nestedint: 'x', nestedstring: true } }, schema)).toEqual([
      'field.nestedint: Invalid value: "string": field.nestedint in body must be of type integer: "string"',
      'field.nestedint: Unsupported value: "x": supported values: "1", "2"',
      'field.nestedstring: Invalid value: "boolean": field.nestedstring in body must be of type string: "boolean"',
      'field.nestedstring: Unsupported value: true: supported values: "a", "b"',
    ]);
  });

  test('a base path prefixes fields; a scalar root has no name in the message', () => {
    expect(texts(0, { type: 'integer', minimum: 1 }, { basePath: 'spec.x.default' })).toEqual(['spec.x.default: Invalid value: 0:  in body should be greater than or equal to 1']);
  });

  test('compiled validators are cached on the schema object', () => {
    const schema = memcachedSchema();
    const a = texts(memcached({ size: 0 }), schema);
    expect(texts(memcached({ size: 0 }), schema)).toEqual(a);
  });
});

describe('validateAgainstSchema: ratcheting on update', () => {
  const schema = memcachedSchema();
  test('an invalid value that did not change passes; a changed one does not', () => {
    const old = memcached({ size: 0, image: 'BAD' });
    expect(texts(memcached({ size: 0, image: 'BAD', mode: 'Active' }), schema, { old })).toEqual([]);
    expect(texts(memcached({ size: 11, image: 'BAD' }), schema, { old })).toEqual(['spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10']);
  });
  test('a required field already missing stays allowed while its object is unchanged', () => {
    const old = memcached({});
    expect(texts(memcached({}, { metadata: { name: 'mc', labels: { a: 'b' } } }), schema, { old })).toEqual([]);
    expect(texts(memcached({ mode: 'Active' }), schema, { old })).toEqual(['spec.size: Required value']);
  });
  test('elements of atomic lists are not correlated, map lists are by key', () => {
    const list = (type: string): JSONSchemaProps => ({ type: 'object', properties: { l: { type: 'array', 'x-kubernetes-list-type': type, 'x-kubernetes-list-map-keys': ['k'], items: {
      type: 'object', required: ['k'], properties: { k: { type: 'string' }, v: { type: 'integer', minimum: 1 } } } } } });
    const old = { l: [{ k: 'a', v: 0 }] };
    const now = { l: [{ k: 'b', v: 1 }, { k: 'a', v: 0 }] };
    expect(texts(now, list('map'), { old })).toEqual([]);
    expect(texts(now, { ...list('atomic'), properties: { l: { ...list('atomic').properties!.l!, 'x-kubernetes-list-map-keys': undefined } } }, { old }))
      .toEqual(['l[1].v: Invalid value: 0: l[1].v in body should be greater than or equal to 1']);
  });
});
