// CronJob (batch/v1): defaults and validation, including the schedule and time zone.
// upstream: pkg/apis/batch/v1/defaults.go (SetDefaults_CronJob), pkg/apis/batch/validation/validation.go
//           (ValidateCronJobCreate, ValidateCronJobUpdate, validateCronJobSpec, validateScheduleFormat,
//           validateTimeZone, ValidateJobTemplateSpec)
import { invalidValue, notSupported, required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import { CronParseError, loadLocationError, parseCron } from './cron.js';
import { validateJobSpecCommon } from './job-spec.js';
import { defaultPodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import { nonNegative } from './workload-common.js';
import { append } from '../../append.js';

/**
 * A Job is named "<cronjob>-<minutes since epoch>", an 11-character suffix, and Job names
 * must fit a 63-character label, so a CronJob name may have at most 52 characters (checked on create only).
 */
export const CRONJOB_NAME_MAX = 52;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
/** IANA naming rules for one path component (digits and '+' tolerated for legacy names). */
const TIME_ZONE_PART_RE = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string, allowTZInSchedule: boolean, timeZone: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseCron(schedule);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    errs.push(invalidValue(path, schedule, e.message));
  }
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone != null) {
    errs.push(invalidValue(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && schedule.includes('TZ')) {
    errs.push(invalidValue(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  const name = String(tz);
  if (name === '') return [invalidValue(path, name, 'timeZone must be nil or non-empty string')];
  for (const part of name.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART_RE.test(part)) {
      return [invalidValue(path, name, `unknown time zone ${name}`)];
    }
  }
  const errs: FieldError[] = [];
  if (name.toLowerCase() === 'local') {
    errs.push(invalidValue(path, name, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  // Go loads "Local" (the server's zone) without error; any other casing is an unknown file.
  const loadErr = name === 'Local' ? undefined : loadLocationError(name);
  if (loadErr !== undefined) errs.push(invalidValue(path, name, loadErr));
  return errs;
}

/** upstream ValidateJobTemplateSpec: a JobSpec whose selector the controller generates. */
function validateJobTemplate(tmpl: any, path: string): FieldError[] {
  const spec = tmpl?.spec ?? {};
  const errs = validateJobSpecCommon(spec, `${path}.spec`);
  if (spec.selector != null) errs.push(invalidValue(`${path}.spec.selector`, spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: any, prev: any | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  if (schedule === '') errs.push(required(`${path}.schedule`));
  else {
    // An existing object that already had TZ in its schedule may keep it (with a warning event at runtime).
    const allowTZ = prev !== undefined && typeof prev.schedule === 'string' && prev.schedule.includes('TZ');
    append(errs, validateSchedule(schedule, allowTZ, spec.timeZone, `${path}.schedule`));
  }
  if (spec.startingDeadlineSeconds != null) append(errs, nonNegative(spec.startingDeadlineSeconds, `${path}.startingDeadlineSeconds`));
  if (prev === undefined || (prev.timeZone ?? null) !== (spec.timeZone ?? null)) {
    append(errs, validateTimeZone(spec.timeZone, `${path}.timeZone`));
  }
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required(`${path}.concurrencyPolicy`));
  else if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported(`${path}.concurrencyPolicy`, policy, CONCURRENCY_POLICIES));
  append(errs, validateJobTemplate(spec.jobTemplate, `${path}.jobTemplate`));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (spec[f] != null) append(errs, nonNegative(spec[f], `${path}.${f}`));
  }
  return errs;
}

export const cronJobAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    // SetDefaults_Job is not applied to a template: only the pod template inside gets defaults, so an
    // unset restartPolicy becomes Always and is then rejected.
    const jobSpec = ((spec.jobTemplate ??= {}).spec ??= {});
    jobSpec.template ??= {};
    defaultPodTemplateSpec(jobSpec.template);
  },
  validate(obj: KubeObject): FieldError[] {
    const errs = validateCronJobSpec(obj.spec ?? {}, undefined, 'spec');
    const name = obj.metadata.name ?? '';
    if (name.length > CRONJOB_NAME_MAX) errs.push(invalidValue('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
    return errs;
  },
  // No name-length check on update, so older CronJobs with longer names can still be updated or deleted.
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return validateCronJobSpec(obj.spec ?? {}, old.spec ?? {}, 'spec');
  },
};
