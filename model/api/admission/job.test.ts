import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { JOB_LABELS, jobAdmission as adm } from './job.js';

function job(mutate: (spec: any, obj: KubeObject) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: 'u1' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'perl' }] } } },
  };
  mutate(obj.spec, obj);
  return obj;
}

const admit = (obj: KubeObject) => {
  adm.defaults(obj);
  return adm.validate(obj).map(fieldErrorText);
};
const stored = (mutate?: (spec: any, obj: KubeObject) => void) => {
  const obj = job(mutate);
  adm.defaults(obj);
  return obj;
};

describe('Job defaults', () => {
  test('a plain Job: one completion, backoffLimit 6, generated selector and labels', () => {
    const obj = stored();
    expect(obj.spec).toMatchObject({
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false,
      selector: { matchLabels: { [JOB_LABELS.controllerUid]: 'u1' } },
    });
    const generated = {
      [JOB_LABELS.controllerUid]: 'u1', [JOB_LABELS.jobName]: 'pi',
      [JOB_LABELS.legacyControllerUid]: 'u1', [JOB_LABELS.legacyJobName]: 'pi',
    };
    expect(obj.spec.template.metadata.labels).toEqual(generated);
    // The Job's own labels default to the template's, generated ones included.
    expect(obj.metadata.labels).toEqual(generated);
  });
  test('parallelism alone leaves completions unset (a work queue)', () => {
    const obj = stored((s) => { s.parallelism = 3; });
    expect(obj.spec.completions).toBeUndefined();
    expect(obj.spec.parallelism).toBe(3);
  });
  test('completions alone gets parallelism 1', () => {
    expect(stored((s) => { s.completions = 5; }).spec.parallelism).toBe(1);
  });
  test('backoffLimitPerIndex turns the global backoffLimit off', () => {
    const obj = stored((s) => { s.completionMode = 'Indexed'; s.completions = 3; s.backoffLimitPerIndex = 1; });
    expect(obj.spec.backoffLimit).toBe(2147483647);
  });
  test('a podFailurePolicy forces podReplacementPolicy Failed and defaults condition status', () => {
    const obj = stored((s) => { s.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }; });
    expect(obj.spec.podReplacementPolicy).toBe('Failed');
    expect(obj.spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe('True');
  });
  test('explicit Job labels are kept; a manual selector generates nothing', () => {
    const obj = stored((s, o) => {
      o.metadata.labels = { team: 'a' };
      s.manualSelector = true;
      s.selector = { matchLabels: { app: 'pi' } };
      s.template.metadata = { labels: { app: 'pi' } };
    });
    expect(obj.metadata.labels).toEqual({ team: 'a' });
    expect(obj.spec.template.metadata.labels).toEqual({ app: 'pi' });
    expect(adm.validate(obj)).toEqual([]);
  });
});

describe('Job validation', () => {
  const cases: Array<[string, (spec: any, obj: KubeObject) => void, string[]]> = [
    ['valid', () => {}, []],
    ['restartPolicy left to default', (s) => { delete s.template.spec.restartPolicy; },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['restartPolicy Always', (s) => { s.template.spec.restartPolicy = 'Always'; },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['podFailurePolicy needs Never', (s) => {
      s.template.spec.restartPolicy = 'OnFailure';
      s.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
    }, ['spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified']],
    ['negative counts', (s) => { s.parallelism = -1; s.completions = -1; s.activeDeadlineSeconds = -1; s.backoffLimit = -1; }, [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['unknown completionMode', (s) => { s.completionMode = 'Sometimes'; },
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"']],
    ['Indexed needs completions', (s) => { s.completionMode = 'Indexed'; s.parallelism = 2; },
      ['spec.completions: Required value: when completion mode is Indexed']],
    ['per-index limits need Indexed', (s) => { s.backoffLimitPerIndex = 1; },
      ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
    ['maxFailedIndexes needs backoffLimitPerIndex', (s) => { s.completionMode = 'Indexed'; s.completions = 4; s.maxFailedIndexes = 1; },
      ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified']],
    ['Indexed hostname must be a DNS label', (s, o) => { o.metadata.name = 'a'.repeat(62); s.completionMode = 'Indexed'; s.completions = 10; },
      [`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`]],
    ['a user label conflicting with the generated one', (s) => { s.template.metadata = { labels: { 'controller-uid': 'other' } }; },
      ['spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"u1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"other", "job-name":"pi"}: must be \'u1\'']],
    ['no uid', (_s, o) => { delete o.metadata.uid; }, ['metadata.uid: Required value']],
    ['a selector without manualSelector is not auto-generated', (s) => { s.selector = { matchLabels: { app: 'pi' } }; s.template.metadata = { labels: { app: 'pi' } }; },
      ['spec.selector: Invalid value: {"matchLabels":{"app":"pi","batch.kubernetes.io/controller-uid":"u1"}}: `selector` not auto-generated']],
    ['manual selector that does not match', (s) => { s.manualSelector = true; s.selector = { matchLabels: { app: 'pi' } }; },
      ['spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`']],
    ['podFailurePolicy rules', (s) => {
      s.podFailurePolicy = { rules: [
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 3, 2] } },
        { action: '' },
      ] };
    }, [
      'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,3,2]: must be ordered',
      'spec.podFailurePolicy.rules[1].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      'spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    ]],
    ['podReplacementPolicy with a podFailurePolicy', (s) => {
      s.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
      s.podReplacementPolicy = 'TerminatingOrFailed';
    }, ['spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"']],
    ['successPolicy needs Indexed', (s) => { s.successPolicy = { rules: [{ succeededCount: 1 }] }; },
      ['spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode']],
    ['successPolicy index list', (s) => { s.completionMode = 'Indexed'; s.completions = 5; s.successPolicy = { rules: [{ succeededIndexes: '0-7' }] }; },
      ['spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-7": error parsing succeededIndexes: too large index: "7"']],
  ];
  test.each(cases)('%s', (_name, mutate, want) => {
    expect(admit(job(mutate))).toEqual(want);
  });
});

describe('Job update', () => {
  test('parallelism, suspend, activeDeadlineSeconds and backoffLimit are mutable', () => {
    const next = stored();
    Object.assign(next.spec, { parallelism: 4, suspend: true, activeDeadlineSeconds: 60, backoffLimit: 2 });
    expect(adm.validateUpdate(next, stored())).toEqual([]);
  });
  test('completions, selector and completionMode are immutable', () => {
    const next = stored();
    next.spec.completions = 3;
    next.spec.selector.matchLabels.extra = 'x';
    next.spec.template.metadata.labels.extra = 'x';
    const errs = adm.validateUpdate(next, stored()).map(fieldErrorText);
    expect(errs).toContain('spec.completions: Invalid value: 3: field is immutable');
    expect(errs.some((e) => e.startsWith('spec.selector: Invalid value: ') && e.endsWith(': field is immutable'))).toBe(true);
  });
  test('elastic Indexed Jobs change completions only together with parallelism', () => {
    const indexed = (s: any) => { s.completionMode = 'Indexed'; s.completions = 4; s.parallelism = 4; };
    const both = stored(indexed);
    both.spec.completions = 6;
    both.spec.parallelism = 6;
    expect(adm.validateUpdate(both, stored(indexed))).toEqual([]);
    const alone = stored(indexed);
    alone.spec.completions = 6;
    expect(adm.validateUpdate(alone, stored(indexed)).map(fieldErrorText)).toEqual([
      'spec.completions: Invalid value: 6: can only be modified in tandem with spec.parallelism',
    ]);
  });
  test('the template is immutable once the Job may have started', () => {
    const next = stored();
    next.spec.template.spec.nodeSelector = { zone: 'a' };
    const errs = adm.validateUpdate(next, stored()).map(fieldErrorText);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: .*: field is immutable$/);
  });
  test('a suspended Job that never started may change its scheduling directives only', () => {
    const suspended = (s: any) => { s.suspend = true; };
    const next = stored(suspended);
    next.spec.template.spec.nodeSelector = { zone: 'a' };
    next.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists' }];
    next.spec.template.metadata.annotations = { note: 'x' };
    next.spec.template.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    expect(adm.validateUpdate(next, stored(suspended))).toEqual([]);
    next.spec.template.spec.containers[0].image = 'perl:2';
    expect(adm.validateUpdate(next, stored(suspended)).map(fieldErrorText)[0]).toMatch(/^spec\.template: .*field is immutable$/);
    const started = stored(suspended);
    started.status = { startTime: '2026-01-01T00:00:00Z' };
    const moved = stored(suspended);
    moved.spec.template.spec.nodeSelector = { zone: 'b' };
    expect(adm.validateUpdate(moved, started)).toHaveLength(1);
  });
});
