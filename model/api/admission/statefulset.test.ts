import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { STATEFULSET_UPDATE_FORBIDDEN, statefulSetAdmission as adm } from './statefulset.js';

function sts(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default', uid: 'u1' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'postgres' }] } },
      volumeClaimTemplates: [{
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      }],
    },
  };
  mutate(obj.spec);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};
const stored = () => {
  const obj = sts();
  adm.defaults(obj);
  return obj;
};

describe('StatefulSet defaults', () => {
  test('upstream SetDefaults_StatefulSet values', () => {
    const obj = stored();
    expect(obj.spec.podManagementPolicy).toBe('OrderedReady');
    expect(obj.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } });
    expect(obj.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.revisionHistoryLimit).toBe(10);
    expect(obj.spec.volumeClaimTemplates[0].spec.volumeMode).toBe('Filesystem');
    expect(obj.spec.volumeClaimTemplates[0].status).toEqual({ phase: 'Pending' });
  });
  test('an explicit RollingUpdate without rollingUpdate gets no partition; OnDelete none either', () => {
    const ru = sts((s) => { s.updateStrategy = { type: 'RollingUpdate' }; });
    adm.defaults(ru);
    expect(ru.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const od = sts((s) => { s.updateStrategy = { type: 'OnDelete' }; });
    adm.defaults(od);
    expect(od.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('StatefulSet validation', () => {
  const cases: Array<[string, (spec: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['serviceName may be omitted', (s) => { delete s.serviceName; }, []],
    ['serviceName must be a DNS label', (s) => { s.serviceName = 'DB'; },
      ["spec.serviceName: Invalid value: \"DB\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]],
    ['unknown podManagementPolicy', (s) => { s.podManagementPolicy = 'Burst'; },
      ["spec.podManagementPolicy: Invalid value: \"Burst\": must be 'OrderedReady' or 'Parallel'"]],
    ['rollingUpdate with OnDelete', (s) => { s.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }; },
      ["spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'"]],
    ['unknown update strategy', (s) => { s.updateStrategy = { type: 'Canary' }; },
      ["spec.updateStrategy: Invalid value: map[string]string{\"type\":\"Canary\"}: must be 'RollingUpdate' or 'OnDelete'"]],
    ['negative partition', (s) => { s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }; },
      ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['maxUnavailable 0', (s) => { s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }; },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0']],
    ['retention policy values', (s) => { s.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }; },
      ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['claim template without access modes or storage', (s) => { s.volumeClaimTemplates[0].spec = {}; }, [
      'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
      'spec.volumeClaimTemplates[0].spec.resources[storage]: Required value',
    ]],
    ['negative ordinals.start', (s) => { s.ordinals = { start: -1 }; },
      ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0']],
    ['missing selector', (s) => { delete s.selector; }, [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
    ]],
    ['empty selector', (s) => { s.selector = {}; },
      ['spec.selector: Invalid value: map[string]string{}: empty selector is invalid for statefulset']],
    ['restartPolicy OnFailure', (s) => { s.template.spec.restartPolicy = 'OnFailure'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['activeDeadlineSeconds', (s) => { s.template.spec.activeDeadlineSeconds = 3; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(sts(mutate))).toEqual(want);
  });
});

describe('StatefulSet update', () => {
  test('replicas, template, updateStrategy, ordinals, minReadySeconds, revisionHistoryLimit and retention may change', () => {
    const next = stored();
    next.spec.replicas = 3;
    next.spec.template.spec.containers[0].image = 'postgres:17';
    next.spec.updateStrategy = { type: 'OnDelete' };
    next.spec.ordinals = { start: 2 };
    next.spec.minReadySeconds = 5;
    next.spec.revisionHistoryLimit = 2;
    next.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' };
    expect(adm.validateUpdate(next, stored())).toEqual([]);
  });
  test.each([
    ['podManagementPolicy', (s: any) => { s.podManagementPolicy = 'Parallel'; }],
    ['serviceName', (s: any) => { s.serviceName = 'other'; }],
    ['volumeClaimTemplates', (s: any) => { s.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'; }],
    ['selector', (s: any) => { s.selector.matchLabels.extra = 'x'; s.template.metadata.labels.extra = 'x'; }],
  ])('changing %s is forbidden, with the current message', (_f, mutate) => {
    const next = stored();
    mutate(next.spec);
    expect(adm.validateUpdate(next, stored()).map(fieldErrorText)).toEqual([`spec: Forbidden: ${STATEFULSET_UPDATE_FORBIDDEN}`]);
  });
  test('the message lists revisionHistoryLimit', () => {
    expect(STATEFULSET_UPDATE_FORBIDDEN).toBe(
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});
