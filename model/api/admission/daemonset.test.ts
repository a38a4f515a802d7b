import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { daemonSetAdmission as adm } from './daemonset.js';

function ds(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system', uid: 'u1' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent' }] } },
    },
  };
  mutate(obj.spec);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};
const MISMATCH = 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`';
const rolling = (ru: object) => (s: any) => { s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: ru }; };

describe('DaemonSet', () => {
  test('defaults: RollingUpdate maxUnavailable 1, maxSurge 0, 10 revisions', () => {
    const obj = ds();
    adm.defaults(obj);
    expect(obj.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
    const onDelete = ds((s) => { s.updateStrategy = { type: 'OnDelete' }; });
    adm.defaults(onDelete);
    expect(onDelete.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  const cases: Array<[string, (spec: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['surge instead of unavailability', rolling({ maxUnavailable: 0, maxSurge: '10%' }), []],
    // Unlike the other apps/v1 kinds, a missing selector is only a mismatch (nil matches nothing).
    ['missing selector', (s) => { delete s.selector; }, [MISMATCH]],
    ['empty selector', (s) => { s.selector = {}; }, ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for daemonset']],
    ['selector does not match', (s) => { s.selector.matchLabels.app = 'other'; }, [MISMATCH]],
    ['both non-zero', rolling({ maxUnavailable: 1, maxSurge: 1 }),
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']],
    ['both zero', rolling({ maxUnavailable: 0, maxSurge: 0 }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    ['surge above 100%', rolling({ maxUnavailable: 0, maxSurge: '101%' }),
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "101%": must not be greater than 100%']],
    ['restartPolicy Never', (s) => { s.template.spec.restartPolicy = 'Never'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['activeDeadlineSeconds', (s) => { s.template.spec.activeDeadlineSeconds = 3; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported']],
    ['negative revisionHistoryLimit', (s) => { s.revisionHistoryLimit = -1; },
      ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(ds(mutate))).toEqual(want);
  });

  test('unknown strategy type is NotSupported', () => {
    const obj = ds();
    adm.defaults(obj);
    obj.spec.updateStrategy = { type: 'Surge' };
    expect(adm.validate(obj).map(fieldErrorText)).toEqual([
      'spec.updateStrategy: Unsupported value: map[string]string{"type":"Surge"}: supported values: "RollingUpdate", "OnDelete"',
    ]);
  });

  test('RollingUpdate without rollingUpdate (only reachable after defaulting) is Required', () => {
    const obj = ds();
    adm.defaults(obj);
    delete obj.spec.updateStrategy.rollingUpdate;
    expect(adm.validate(obj).map(fieldErrorText)).toEqual(['spec.updateStrategy.rollingUpdate: Required value']);
  });

  test('update: selector immutable', () => {
    const old = ds();
    adm.defaults(old);
    const next = structuredClone(old);
    next.spec.template.spec.containers[0].image = 'agent:2';
    expect(adm.validateUpdate(next, old)).toEqual([]);
    next.spec.selector = { matchLabels: { app: 'agent', v: '2' } };
    next.spec.template.metadata.labels.v = '2';
    expect(adm.validateUpdate(next, old).map(fieldErrorText)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"agent","v":"2"}}: field is immutable',
    ]);
  });
});
