import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { replicaSetAdmission as adm } from './replicaset.js';

function replicaSet(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
  mutate(obj.spec);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};

describe('ReplicaSet', () => {
  test('defaults replicas to 1 and the pod template', () => {
    const obj = replicaSet();
    adm.defaults(obj);
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.template.spec.restartPolicy).toBe('Always');
  });

  const cases: Array<[string, (spec: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['set-based selector', (s) => { s.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }; }, []],
    ['negative replicas', (s) => { s.replicas = -2; }, ['spec.replicas: Invalid value: -2: must be greater than or equal to 0']],
    ['negative minReadySeconds', (s) => { s.minReadySeconds = -1; }, ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
    // ⚠ upstream's ReplicaSet validator says "deployment".
    ['empty selector uses the deployment wording', (s) => { s.selector = {}; },
      ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for deployment']],
    ['NotIn selector the template labels fail', (s) => { s.selector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }; },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`']],
    ['restartPolicy Never', (s) => { s.template.spec.restartPolicy = 'Never'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['activeDeadlineSeconds', (s) => { s.template.spec.activeDeadlineSeconds = 5; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(replicaSet(mutate))).toEqual(want);
  });

  test('a selector that does not convert is reported as invalid', () => {
    const errs = admit(replicaSet((s) => { s.selector = { matchExpressions: [{ key: 'app', operator: 'Near', values: ['x'] }] }; }));
    expect(errs).toContain('spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Near","values":["x"]}]}: invalid label selector');
  });

  test('a missing template is an empty one: no containers, labels do not match', () => {
    const errs = admit(replicaSet((s) => { delete s.template; }));
    expect(errs[0]).toBe('spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`');
    expect(errs.some((e) => e.startsWith('spec.template.spec.containers: Required value'))).toBe(true);
  });

  test('update: selector immutable, replicas mutable', () => {
    const old = replicaSet();
    adm.defaults(old);
    const scaled = structuredClone(old);
    scaled.spec.replicas = 3;
    expect(adm.validateUpdate(scaled, old)).toEqual([]);
    const reselected = structuredClone(old);
    reselected.spec.selector = { matchLabels: {} , matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(adm.validateUpdate(reselected, old).map(fieldErrorText)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{},"matchExpressions":[{"key":"app","operator":"Exists"}]}: field is immutable',
    ]);
  });
});
