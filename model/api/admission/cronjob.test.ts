import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { cronJobAdmission as adm } from './cronjob.js';

function cronJob(mutate: (spec: any, obj: KubeObject) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default', uid: 'u1' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
  };
  mutate(obj.spec, obj);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};
const stored = (mutate?: (spec: any, obj: KubeObject) => void) => {
  const obj = cronJob(mutate);
  adm.defaults(obj);
  return obj;
};

describe('CronJob defaults', () => {
  test('Allow, not suspended, keep 3 successful and 1 failed Job', () => {
    const obj = stored();
    expect(obj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  });
  test('the Job template gets pod defaults but not Job defaults', () => {
    const obj = stored();
    expect(obj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
    expect(obj.spec.jobTemplate.spec.completions).toBeUndefined();
    expect(obj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
  });
});

describe('CronJob validation', () => {
  const cases: Array<[string, (spec: any, obj: KubeObject) => void, string[]]> = [
    ['valid', () => {}, []],
    ['descriptor', (s) => { s.schedule = '@hourly'; }, []],
    ['valid time zone', (s) => { s.timeZone = 'Europe/Berlin'; }, []],
    ['schedule required', (s) => { s.schedule = ''; }, ['spec.schedule: Required value']],
    ['bad schedule', (s) => { s.schedule = '61 * * * *'; },
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ['TZ in schedule', (s) => { s.schedule = 'TZ=UTC 0 * * * *'; },
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['empty timeZone', (s) => { s.timeZone = ''; }, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['unknown timeZone (e2e "bad-time-zone")', (s) => { s.timeZone = 'bad-time-zone'; },
      ['spec.timeZone: Invalid value: "bad-time-zone": unknown time zone bad-time-zone']],
    ['timeZone with bad characters', (s) => { s.timeZone = 'UTC+01:00'; },
      ['spec.timeZone: Invalid value: "UTC+01:00": unknown time zone UTC+01:00']],
    ['Local is not explicit', (s) => { s.timeZone = 'Local'; },
      ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['negative startingDeadlineSeconds', (s) => { s.startingDeadlineSeconds = -1; },
      ['spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['unknown concurrencyPolicy', (s) => { s.concurrencyPolicy = 'Queue'; },
      ['spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"']],
    ['negative history limits', (s) => { s.successfulJobsHistoryLimit = -1; s.failedJobsHistoryLimit = -2; }, [
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]],
    ['jobTemplate selector', (s) => { s.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }; },
      ['spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated']],
    ['jobTemplate manualSelector', (s) => { s.jobTemplate.spec.manualSelector = true; },
      ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"']],
    ['template restartPolicy left to default', (s) => { delete s.jobTemplate.spec.template.spec.restartPolicy; },
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['name longer than 52 characters', (_s, o) => { o.metadata.name = 'c'.repeat(53); },
      [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`]],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(cronJob(mutate))).toEqual(want);
  });
  test('a name of exactly 52 characters is fine', () => {
    expect(admit(cronJob((_s, o) => { o.metadata.name = 'c'.repeat(52); }))).toEqual([]);
  });
});

describe('CronJob update', () => {
  test('the 52-character limit is not applied on update', () => {
    const long = (_s: any, o: KubeObject) => { o.metadata.name = 'c'.repeat(60); };
    const next = stored(long);
    next.spec.suspend = true;
    expect(adm.validateUpdate(next, stored(long))).toEqual([]);
  });
  test('an object that already had TZ in its schedule may keep it, but not add timeZone', () => {
    const tz = (s: any) => { s.schedule = 'TZ=UTC 0 * * * *'; };
    const kept = stored(tz);
    kept.spec.suspend = true;
    expect(adm.validateUpdate(kept, stored(tz))).toEqual([]);
    const both = stored(tz);
    both.spec.timeZone = 'UTC';
    expect(adm.validateUpdate(both, stored(tz)).map(fieldErrorText)).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
  });
  test('an unchanged timeZone is not re-validated', () => {
    const local = (s: any) => { s.timeZone = 'Local'; };
    expect(adm.validateUpdate(stored(local), stored(local))).toEqual([]);
  });
});
