import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { replicationControllerAdmission as adm } from './replicationcontroller.js';

function rc(mutate: (obj: KubeObject) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: { template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  mutate(obj);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};

describe('ReplicationController defaults', () => {
  test('selector and object labels come from the template labels', () => {
    const obj = rc();
    adm.defaults(obj);
    expect(obj.spec.selector).toEqual({ app: 'web', tier: 'fe' });
    expect(obj.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(obj.spec.replicas).toBe(1);
    // A copy, not the template's own map.
    obj.spec.selector.extra = 'x';
    expect(obj.spec.template.metadata.labels.extra).toBeUndefined();
  });
  test('an explicit selector and labels are kept', () => {
    const obj = rc((o) => { o.spec.selector = { app: 'web' }; o.metadata.labels = { team: 'a' }; });
    adm.defaults(obj);
    expect(obj.spec.selector).toEqual({ app: 'web' });
    expect(obj.metadata.labels).toEqual({ team: 'a' });
  });
});

describe('ReplicationController validation', () => {
  const cases: Array<[string, (obj: KubeObject) => void, string[]]> = [
    ['valid', () => {}, []],
    ['no template', (o) => { delete o.spec.template; }, ['spec.selector: Required value', 'spec.template: Required value']],
    ['template without labels and no selector', (o) => { delete o.spec.template.metadata; }, ['spec.selector: Required value']],
    ['selector does not match', (o) => { o.spec.selector = { app: 'db' }; },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`']],
    ['negative replicas', (o) => { o.spec.replicas = -1; }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['restartPolicy OnFailure', (o) => { o.spec.template.spec.restartPolicy = 'OnFailure'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['activeDeadlineSeconds', (o) => { o.spec.template.spec.activeDeadlineSeconds = 1; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(rc(mutate))).toEqual(want);
  });

  test('the selector is mutable on update', () => {
    const old = rc();
    adm.defaults(old);
    const next = structuredClone(old);
    next.spec.selector = { app: 'web' };
    expect(adm.validateUpdate(next, old)).toEqual([]);
  });
});
