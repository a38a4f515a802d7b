import { describe, expect, test } from 'vitest';
import { isQualifiedName } from '../names.js';
import type { KubeObject } from '../types.js';
import { errorOf, bodyOf, joined } from './testing.js';
import { admitCreate, admitUpdate } from './index.js';


function expectTable(make: () => KubeObject, cases: Array<[string, (o: any) => void, string[]]>): void {
  test.each(cases)('%s', (_, mutate, expected) => {
    const obj = make();
    mutate(obj);
    if (expected.length === 0) expect(() => admitCreate(obj)).not.toThrow();
    else expect(bodyOf(errorOf(() => admitCreate(obj)))).toBe(joined(expected));
  });
}

describe('Node', () => {
  const node = (): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });

  test('allocatable defaults to capacity', () => {
    expect(admitCreate(node()).status.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  // upstream validates node taints under metadata.taints (ValidateNode passes the metadata path).
  expectTable(node, [
    ['valid taint', (o) => { o.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]; }, []],
    ['taint effect required', (o) => { o.spec.taints = [{ key: 'dedicated' }]; }, ['metadata.taints[0].effect: Required value']],
    ['taint effect value', (o) => { o.spec.taints = [{ key: 'k', effect: 'NoRun' }]; },
      ['metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['taint key', (o) => { o.spec.taints = [{ key: '-k', effect: 'NoSchedule' }]; },
      isQualifiedName('-k').map((m) => `metadata.taints[0].key: Invalid value: "-k": ${m}`)],
    ['duplicate taint', (o) => { o.spec.taints = [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'x', effect: 'NoSchedule' }]; },
      ['metadata.taints[1]: Duplicate value: map[string]string{"effect":"NoSchedule", "key":"k", "value":"x"}: taints must be unique by key and effect pair']],
    ['same key, other effect', (o) => { o.spec.taints = [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoExecute' }]; }, []],
    ['negative capacity (allocatable is defaulted from it)', (o) => { o.status.capacity.cpu = '-1'; },
      ['status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0', 'status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0']],
  ]);

  test('providerID and podCIDRs are fixed once set', () => {
    const stored = admitCreate({ ...node(), spec: { providerID: 'kind://n1', podCIDRs: ['10.244.1.0/24'] } });
    const next = structuredClone(stored);
    next.spec = { providerID: 'kind://n2', podCIDRs: ['10.244.2.0/24'], unschedulable: true };
    expect(bodyOf(errorOf(() => admitUpdate(next, stored)))).toBe(joined([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]));
  });
});

describe('Namespace', () => {
  const ns = (name = 'prod'): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

  test('defaults: name label, kubernetes finalizer, Active', () => {
    const out = admitCreate(ns());
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'prod' });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  test('the name is a DNS label', () => {
    expect(bodyOf(errorOf(() => admitCreate(ns('a.b'))))).toMatch(/^metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label/);
  });

  test('an update cannot drop the finalizer or rename the label', () => {
    const stored = admitCreate(ns());
    const out = admitUpdate({ ...ns(), metadata: { name: 'prod', labels: { 'kubernetes.io/metadata.name': 'other' } }, spec: { finalizers: [] } }, stored);
    expect(out.spec.finalizers).toEqual(['kubernetes']);
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'prod' });
  });
});

describe('ConfigMap and Secret', () => {
  const cm = (): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.properties': 'a=b' } });
  const secret = (): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'cGFzcw==' } });
  const keyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

  expectTable(cm, [
    ['valid', () => {}, []],
    ['bad key', (o) => { o.data = { 'a/b': 'x' }; }, [`data[a/b]: Invalid value: "a/b": ${keyMsg}`]],
    ['key in both maps', (o) => { o.binaryData = { 'app.properties': 'eA==' }; },
      ['data[app.properties]: Invalid value: "app.properties": duplicate of key present in binaryData']],
  ]);

  test('an immutable ConfigMap keeps its data and its flag', () => {
    const stored = admitCreate({ ...cm(), immutable: true });
    expect(bodyOf(errorOf(() => admitUpdate({ ...cm(), immutable: true, data: { x: 'y' } }, stored)))).toBe(
      'data: Forbidden: field is immutable when `immutable` is set');
    expect(bodyOf(errorOf(() => admitUpdate({ ...cm(), immutable: false }, stored)))).toBe(
      'immutable: Forbidden: field is immutable when `immutable` is set');
  });

  test('Secret defaults type Opaque and folds stringData into data', () => {
    const out = admitCreate({ ...secret(), stringData: { user: 'admin' } });
    expect(out.type).toBe('Opaque');
    expect(out.data).toEqual({ password: 'cGFzcw==', user: 'YWRtaW4=' });
    expect(out.stringData).toBeUndefined();
  });

  expectTable(secret, [
    ['tls needs both keys', (o) => { o.type = 'kubernetes.io/tls'; }, ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    ['service account token needs the annotation', (o) => { o.type = 'kubernetes.io/service-account-token'; },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value']],
  ]);

  test('the Secret type is immutable', () => {
    const stored = admitCreate(secret());
    expect(bodyOf(errorOf(() => admitUpdate({ ...secret(), type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } }, stored)))).toBe(
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});

describe('Event, Lease, EndpointSlice, PodDisruptionBudget', () => {
  const event = (): KubeObject => ({
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-0.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' }, reason: 'Scheduled', type: 'Normal',
  });
  expectTable(event, [
    ['valid', () => {}, []],
    ['namespace mismatch', (o) => { o.involvedObject.namespace = 'prod'; }, ['involvedObject.namespace: Invalid value: "prod": does not match event.namespace']],
  ]);

  const lease = (): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 } });
  expectTable(lease, [
    ['valid', () => {}, []],
    ['duration positive', (o) => { o.spec.leaseDurationSeconds = 0; }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
  ]);

  const slice = (): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc12' }, addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }], ports: [{ name: 'http', port: 8080 }],
  });
  test('EndpointSlice ports default to TCP', () => {
    expect(admitCreate(slice()).ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
  expectTable(slice, [
    ['valid', () => {}, []],
    ['addressType', (o) => { o.addressType = 'IPv5'; }, ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']],
    ['an endpoint needs an address', (o) => { o.endpoints[0].addresses = []; }, ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['IPv4 address', (o) => { o.endpoints[0].addresses = ['fe80::1']; }, ['endpoints[0].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address']],
  ]);
  test('addressType is immutable', () => {
    const stored = admitCreate(slice());
    expect(bodyOf(errorOf(() => admitUpdate({ ...slice(), addressType: 'IPv6', endpoints: [] }, stored)))).toBe(
      'addressType: Invalid value: "IPv6": field is immutable');
  });

  const pdb = (): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
  expectTable(pdb, [
    ['valid', () => {}, []],
    ['percent', (o) => { o.spec.minAvailable = '50%'; }, []],
    ['both set', (o) => { o.spec.maxUnavailable = 1; },
      ['spec: Invalid value: {"minAvailable":2,"selector":{"matchLabels":{"app":"web"}},"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set']],
    ['over 100%', (o) => { o.spec.minAvailable = '150%'; }, ['spec.minAvailable: Invalid value: "150%": must not be greater than 100%']],
    ['negative', (o) => { o.spec.minAvailable = -1; }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    ['selector shape', (o) => { o.spec.selector = { matchExpressions: 'app=web' }; },
      ['spec.selector.matchExpressions: Invalid value: "app=web": must be a list']],
    ['selector rules', (o) => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In' }] }; },
      ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    ['eviction policy', (o) => { o.spec.unhealthyPodEvictionPolicy = 'Never'; },
      ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"']],
  ]);
});
