import { describe, expect, test } from 'vitest';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../names.js';
import type { KubeObject } from '../types.js';
import { errorOf } from './testing.js';
import { admitCreate, admitUpdate, admittedKinds, kindAdmission } from './index.js';

const cm = (metadata: any): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { k: 'v' } });


describe('kind resolution', () => {
  test.each([
    ['unknown kind', { apiVersion: 'v1', kind: 'Foo' }, 'no matches for kind "Foo" in version "v1"'],
    ['known kind, wrong version', { apiVersion: 'apps/v1', kind: 'Service' }, 'no matches for kind "Service" in version "apps/v1"'],
    ['known kind, old group version', { apiVersion: 'extensions/v1beta1', kind: 'Deployment' }, 'no matches for kind "Deployment" in version "extensions/v1beta1"'],
  ])('%s is a BadRequest', (_, head, message) => {
    const err = errorOf(() => admitCreate({ ...head, metadata: { name: 'x' } } as KubeObject));
    expect(err.reason).toBe('BadRequest');
    expect(err.code).toBe(400);
    expect(err.message).toBe(message);
  });

  test('a missing kind is a BadRequest', () => {
    expect(errorOf(() => admitCreate({ apiVersion: 'v1', metadata: {} } as unknown as KubeObject)).message).toMatch(/^Object 'Kind' is missing/);
  });

  test('every served kind has admission, workloads included', () => {
    for (const k of ['Pod', 'Node', 'Service', 'Deployment', 'Job', 'PodDisruptionBudget']) expect(kindAdmission(k)).toBeDefined();
    expect(kindAdmission('Foo')).toBeUndefined();
    expect(kindAdmission('toString')).toBeUndefined();
    expect(admittedKinds()).toHaveLength(22);
  });
});

describe('metadata on create', () => {
  test('returns a defaulted copy and leaves the input alone', () => {
    const input = cm({ name: 'a' });
    const out = admitCreate(input);
    expect(out.metadata.namespace).toBe('default');
    expect(input.metadata.namespace).toBeUndefined();
    expect(out).not.toBe(input);
  });

  test('a cluster-scoped object has its namespace cleared, as upstream does silently', () => {
    const out = admitCreate({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'default' } });
    expect(out.metadata.namespace).toBeUndefined();
  });

  test('the full message for a bad name', () => {
    expect(errorOf(() => admitCreate(cm({ name: 'Web' }))).message).toBe(
      'ConfigMap "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case ' +
      "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used " +
      "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  });

  const cases: Array<[string, any, string[]]> = [
    ['valid', { name: 'a', labels: { app: 'web' }, annotations: { 'example.com/x': 'y' } }, []],
    ['name required', {}, ['metadata.name: Required value: name or generateName is required']],
    ['generateName alone is enough (the store generates the name)', { generateName: 'web-' }, []],
    // generateName is checked as a prefix: its trailing '-' is masked, the rest must be a subdomain.
    ['bad generateName', { generateName: 'Web-' }, [`metadata.generateName: Invalid value: "Web-": ${isDNS1123Subdomain('Weba')[0]}`]],
    ['namespace must be a DNS label', { name: 'a', namespace: 'Prod' },
      isDNS1123Label('Prod').map((m) => `metadata.namespace: Invalid value: "Prod": ${m}`)],
    ['bad label key', { name: 'a', labels: { '-x': 'y' } }, isQualifiedName('-x').map((m) => `metadata.labels: Invalid value: "-x": ${m}`)],
    ['bad label value', { name: 'a', labels: { x: 'a b' } },
      [`metadata.labels: Invalid value: "a b": ${isValidLabelValue('a b')[0]}`]],
    ['non-string label value (YAML `version: 1`)', { name: 'a', labels: { version: 1 } }, ['metadata.labels: Invalid value: 1: must be a string']],
    ['bad annotation key', { name: 'a', annotations: { 'a/b/c': '' } }, isQualifiedName('a/b/c').map((m) => `metadata.annotations: Invalid value: "a/b/c": ${m}`)],
    ['annotations over 256 KiB', { name: 'a', annotations: { big: 'x'.repeat(256 * 1024) } },
      ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    ['owner reference fields', { name: 'a', ownerReferences: [{ apiVersion: 'apps/', kind: '', name: '', uid: '' }] }, [
      'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]],
    ['unqualified finalizer', { name: 'a', finalizers: ['cleanup'] },
      ['metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']],
    ['standard and qualified finalizers', { name: 'a', finalizers: ['foregroundDeletion', 'example.com/cleanup'] }, []],
    ['orphan and foregroundDeletion together', { name: 'a', finalizers: ['orphan', 'foregroundDeletion'] },
      ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set']],
  ];
  test.each(cases)('%s', (_, metadata, expected) => {
    if (expected.length === 0) {
      expect(() => admitCreate(cm(metadata))).not.toThrow();
      return;
    }
    const body = errorOf(() => admitCreate(cm(metadata))).message.replace(/^ConfigMap "[^"]*" is invalid: /, '');
    expect(body).toBe(expected.length === 1 ? expected[0] : `[${expected.join(', ')}]`);
  });

  test('at most one controller reference', () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ];
    const err = errorOf(() => admitCreate(cm({ name: 'x', ownerReferences: refs })));
    expect(err.message).toContain('metadata.ownerReferences: Invalid value: ');
    expect(err.message).toContain('Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b');
  });

  test('a __proto__ label key is rejected without touching any prototype', () => {
    const labels = JSON.parse('{"__proto__": "x", "app": "web"}');
    const err = errorOf(() => admitCreate(cm({ name: 'a', labels })));
    expect(err.causes).toHaveLength(1);
    expect(err.causes[0]).toMatchObject({ field: 'metadata.labels', value: '__proto__' });
    expect(({} as any).x).toBeUndefined();
  });

  test('several errors are bracketed and comma-separated', () => {
    const err = errorOf(() => admitCreate(cm({ name: 'a', labels: { '-x': 'ok' }, finalizers: ['cleanup'] })));
    expect(err.message).toMatch(/^ConfigMap "a" is invalid: \[metadata\.labels: Invalid value: "-x": .*, metadata\.finalizers\[0\]: Invalid value: "cleanup": .*\]$/);
    expect(err.causes.map((c) => c.field)).toEqual(['metadata.labels', 'metadata.finalizers[0]']);
  });
});

describe('metadata on update', () => {
  const stored = admitCreate(cm({ name: 'a', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', finalizers: ['example.com/f'] }));

  test.each([
    ['name', (m: any) => { m.name = 'b'; }, 'metadata.name: Invalid value: "b": field is immutable'],
    ['namespace', (m: any) => { m.namespace = 'other'; }, 'metadata.namespace: Invalid value: "other": field is immutable'],
    ['uid', (m: any) => { m.uid = 'u2'; }, 'metadata.uid: Invalid value: "u2": field is immutable'],
    ['deletionTimestamp set by an update', (m: any) => { m.deletionTimestamp = '2024-01-02T00:00:00Z'; },
      'metadata.deletionTimestamp: Invalid value: "2024-01-02T00:00:00Z": field is immutable'],
  ])('%s is immutable', (_, mutate, message) => {
    const next = structuredClone(stored);
    mutate(next.metadata);
    expect(errorOf(() => admitUpdate(next, stored)).message).toBe(`ConfigMap "${next.metadata.name}" is invalid: ${message}`);
  });

  test('system fields a client omits are carried over (upstream BeforeUpdate)', () => {
    const out = admitUpdate(cm({ name: 'a' }), stored);
    expect(out.metadata).toMatchObject({ namespace: 'default', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' });
  });

  test('no new finalizers once the object is being deleted; removing is fine', () => {
    const deleting = structuredClone(stored);
    deleting.metadata.deletionTimestamp = '2024-01-02T00:00:00Z';
    const add = structuredClone(deleting);
    add.metadata.finalizers = ['example.com/f', 'example.com/g'];
    expect(errorOf(() => admitUpdate(add, deleting)).message).toBe(
      'ConfigMap "a" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/g"}');
    const remove = structuredClone(deleting);
    remove.metadata.finalizers = [];
    expect(admitUpdate(remove, deleting).metadata.finalizers).toEqual([]);
  });
});

