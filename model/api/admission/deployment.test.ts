import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { deploymentAdmission as adm } from './deployment.js';

function deployment(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
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
const MISMATCH = 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`';

describe('Deployment defaults', () => {
  test('upstream SetDefaults_Deployment values', () => {
    const obj = deployment();
    adm.defaults(obj);
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
    expect(obj.spec.progressDeadlineSeconds).toBe(600);
    expect(obj.spec.template.spec.restartPolicy).toBe('Always');
  });
  test('Recreate gets no rollingUpdate; explicit values are kept', () => {
    const obj = deployment((s) => { s.strategy = { type: 'Recreate' }; s.replicas = 0; s.revisionHistoryLimit = 0; });
    adm.defaults(obj);
    expect(obj.spec.strategy).toEqual({ type: 'Recreate' });
    expect(obj.spec.replicas).toBe(0);
    expect(obj.spec.revisionHistoryLimit).toBe(0);
  });
  test('a partial rollingUpdate is filled in', () => {
    const obj = deployment((s) => { s.strategy = { rollingUpdate: { maxSurge: 0 } }; });
    adm.defaults(obj);
    expect(obj.spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: '25%' });
  });
});

describe('Deployment validation', () => {
  const cases: Array<[string, (spec: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['negative replicas', (s) => { s.replicas = -1; }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['missing selector', (s) => { delete s.selector; }, ['spec.selector: Required value', MISMATCH]],
    ['empty selector', (s) => { s.selector = {}; }, ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for deployment']],
    ['selector does not match', (s) => { s.selector.matchLabels.app = 'db'; }, [MISMATCH]],
    ['restartPolicy OnFailure', (s) => { s.template.spec.restartPolicy = 'OnFailure'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['activeDeadlineSeconds in template', (s) => { s.template.spec.activeDeadlineSeconds = 10; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']],
    ['maxSurge and maxUnavailable both 0', (s) => { s.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    ['0% and 0', (s) => { s.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }; },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0']],
    ['maxUnavailable above 100%', (s) => { s.strategy = { rollingUpdate: { maxUnavailable: '150%' } }; },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%']],
    ['maxSurge above 100% is allowed', (s) => { s.strategy = { rollingUpdate: { maxSurge: '150%' } }; }, []],
    ['malformed percent', (s) => { s.strategy = { rollingUpdate: { maxSurge: '5 %' } }; },
      ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"5 %\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%', regex used for validation is '[0-9]+%')"]],
    ['negative maxUnavailable', (s) => { s.strategy = { rollingUpdate: { maxUnavailable: -1 } }; },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0']],
    ['Recreate with rollingUpdate', (s) => { s.strategy = { type: 'Recreate', rollingUpdate: {} }; },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ['unknown strategy', (s) => { s.strategy = { type: 'BlueGreen' }; },
      ['spec.strategy: Unsupported value: map[string]string{"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"']],
    ['progressDeadlineSeconds not above minReadySeconds', (s) => { s.minReadySeconds = 10; s.progressDeadlineSeconds = 10; },
      ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds']],
    ['negative revisionHistoryLimit', (s) => { s.revisionHistoryLimit = -1; },
      ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['negative minReadySeconds', (s) => { s.minReadySeconds = -1; },
      ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(deployment(mutate))).toEqual(want);
  });

  test('pod template errors are reported under spec.template', () => {
    const errs = admit(deployment((s) => { delete s.template.spec.containers[0].image; }));
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((e) => e.startsWith('spec.template.spec.containers[0].image'))).toBe(true);
  });
});

describe('Deployment update', () => {
  const stored = () => {
    const obj = deployment();
    adm.defaults(obj);
    return obj;
  };
  test('scaling and changing the template are allowed', () => {
    const next = stored();
    next.spec.replicas = 5;
    next.spec.template.spec.containers[0].image = 'nginx:2';
    expect(adm.validateUpdate(next, stored())).toEqual([]);
  });
  test('the apps/v1 selector is immutable', () => {
    const next = stored();
    next.spec.selector = { matchLabels: { app: 'web', tier: 'fe' } };
    next.spec.template.metadata.labels.tier = 'fe';
    expect(adm.validateUpdate(next, stored()).map(fieldErrorText)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable',
    ]);
  });
});
