import { describe, expect, test } from 'vitest';
import { findResults } from './jsonpath.js';

const obj = {
  metadata: { name: 'mc', labels: { 'app.kubernetes.io/name': 'memcached' } },
  spec: { size: 3, nothing: null, servers: [{ host: 'a', port: 1 }, { host: 'b', port: 2 }] },
  status: { conditions: [{ type: 'Available', status: 'False' }, { type: 'Ready', status: 'True' }] },
};

describe('findResults', () => {
  const cases: Array<[string, unknown[] | string]> = [
    ['.spec.size', [3]],
    ['.spec.servers[1].host', ['b']],
    ['.spec.servers[-1].port', [2]],
    ['.spec.servers[*].host', ['a', 'b']],
    ["['metadata']['labels']['app.kubernetes.io/name']", ['memcached']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    [".status.conditions[?(@.status != 'True')].type", ['Available']],
    ['.spec.servers[?(@.port > 1)].host', ['b']],
    ['.spec.missing', []],
    ['.spec.nothing', [null]],
    ['.spec.nothing.deeper', []],
    ['.spec.servers[5]', 'array index out of bounds: index 5, length 2'],
    ['.spec.size[0]', 'number is not array or slice'],
    ['.status.conditions[?(@.type==1)].status', 'incompatible types for comparison'],
  ];
  test.each(cases)('%s', (path, want) => {
    const got = findResults(obj, path);
    expect(got instanceof Error ? got.message : got).toEqual(want);
  });
});
