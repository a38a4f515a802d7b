// The JobSpec rules a Job and a CronJob's jobTemplate share (upstream's lower-case validateJobSpec):
// counts, completion mode, the failure and success policies, the pod template and its restartPolicy.
// upstream: pkg/apis/batch/validation/validation.go (validateJobSpec)
import { invalidValue, notSupported, required, tooLong, type FieldError } from '../errors.js';
import { isDNS1123Subdomain } from '../names.js';
import { validatePodTemplateSpec } from './pod.js';
import { validatePodFailurePolicy, validatePodReplacementPolicy, validateSuccessPolicy } from './job-policy.js';
import { nonNegative } from './workload-common.js';
import { append } from '../../append.js';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;
const HTTP_PATH_RE = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** upstream IsDomainPrefixedPath, for spec.managedBy (e.g. "kueue.x-k8s.io/multikueue"). */
function validateDomainPrefixedPath(value: string, path: string): FieldError[] {
  if (value === '') return [required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (host === '' || rest === '') return [invalidValue(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalidValue(path, host, m));
  if (!HTTP_PATH_RE.test(rest)) {
    errs.push(invalidValue(path, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  }
  return errs;
}

function validateIndexedLimits(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { completions, parallelism, maxFailedIndexes, backoffLimitPerIndex } = spec;
  if (completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  if (parallelism != null && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
    errs.push(invalidValue(`${path}.parallelism`, parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
  }
  if (completions != null && maxFailedIndexes != null && maxFailedIndexes > completions) {
    errs.push(invalidValue(`${path}.maxFailedIndexes`, maxFailedIndexes, 'must be less than or equal to completions'));
  }
  if (maxFailedIndexes != null && maxFailedIndexes > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
    errs.push(invalidValue(`${path}.maxFailedIndexes`, maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`));
  }
  if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex != null) {
    const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailedIndexes == null) {
      errs.push(required(`${path}.maxFailedIndexes`, `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    }
    if (parallelism != null && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(invalidValue(`${path}.parallelism`, parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${high}`));
    }
    if (maxFailedIndexes != null && maxFailedIndexes > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(invalidValue(`${path}.maxFailedIndexes`, maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} ${high}`));
    }
  }
  return errs;
}

/** upstream validateJobSpec. `path` is the JobSpec's path (`spec` or `spec.jobTemplate.spec`). */
export function validateJobSpecCommon(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    if (spec[f] != null) append(errs, nonNegative(spec[f], `${path}.${f}`));
  }
  if (spec.maxFailedIndexes != null) {
    append(errs, nonNegative(spec.maxFailedIndexes, `${path}.maxFailedIndexes`));
    if (spec.backoffLimitPerIndex == null) errs.push(required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy != null) {
    append(errs, validateDomainPrefixedPath(String(spec.managedBy), `${path}.managedBy`));
    if (String(spec.managedBy).length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(`${path}.managedBy`, spec.managedBy, MAX_MANAGED_BY_LENGTH));
  }
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') append(errs, validateIndexedLimits(spec, path));
  }
  if (mode == null || mode === 'NonIndexed') {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (spec[f] != null) errs.push(invalidValue(`${path}.${f}`, spec[f], 'requires indexed completion mode'));
    }
  }
  if (spec.podFailurePolicy != null) append(errs, validatePodFailurePolicy(spec, `${path}.podFailurePolicy`));
  if (spec.successPolicy != null) {
    if (mode !== 'Indexed') errs.push(invalidValue(`${path}.successPolicy`, spec.successPolicy, 'requires indexed completion mode'));
    else append(errs, validateSuccessPolicy(spec, `${path}.successPolicy`));
  }
  append(errs, validatePodReplacementPolicy(spec, `${path}.podReplacementPolicy`));
  append(errs, validatePodTemplateSpec(spec.template ?? {}, `${path}.template`));
  // Pod defaulting has already turned an unset restartPolicy into Always, so both mean "not chosen".
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  const rp = `${path}.template.spec.restartPolicy`;
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(required(rp, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(rp, restartPolicy, ['OnFailure', 'Never']));
  } else if (spec.podFailurePolicy != null && restartPolicy !== 'Never') {
    errs.push(invalidValue(rp, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}
