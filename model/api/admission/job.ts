// Job (batch/v1): defaults, the generated selector, validation and the immutable fields.
// upstream: pkg/apis/batch/v1/defaults.go (SetDefaults_Job), pkg/registry/batch/job/strategy.go
//           (PrepareForCreate, generateSelector, validation options), pkg/apis/batch/validation/validation.go
//           (validateGeneratedSelector, ValidateJob, ValidateJobSpec, ValidateJobSpecUpdate, validateCompletions)
import { invalidValue, required, type FieldError } from '../errors.js';
import { isDNS1123Label } from '../names.js';
import type { KubeObject } from '../types.js';
import { validateLabelSelector } from '../../labels/index.js';
import { validateJobSpecCommon } from './job-spec.js';
import { defaultPodTemplateSpec } from './pod.js';
import type { KindAdmission } from './types.js';
import { asSelector, immutable, MAX_INT32, SELECTOR_MISMATCH, semanticEqual } from './workload-common.js';
import { append } from '../../append.js';

/** The labels a generated selector uses: the prefixed pair and the legacy pair. */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

/** upstream SetDefaults_Job: counts, backoffLimit, mode, suspend, policies. */
function setJobDefaults(spec: any): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // With per-index limits the global limit is effectively off.
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of Array.isArray(spec.podFailurePolicy?.rules) ? spec.podFailurePolicy.rules : []) {
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) {
      if (pattern && typeof pattern === 'object' && !pattern.status) pattern.status = 'True';
    }
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

/**
 * upstream generateSelector (strategy PrepareForCreate): the template gets the job-name and controller-uid
 * labels (unless the user set them: a conflict then fails validation), and the selector selects the uid.
 * It reads metadata.uid: the store assigns the uid before it runs admission, as the API server does before
 * PrepareForCreate. It is idempotent, so running it again on an update changes nothing.
 */
function generateSelector(obj: KubeObject, spec: any): void {
  const labels = (spec.template.metadata ??= {}).labels ??= {};
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  for (const k of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) if (!(k in labels)) labels[k] = name;
  for (const k of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) if (!(k in labels)) labels[k] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(JOB_LABELS.controllerUid in matchLabels)) matchLabels[JOB_LABELS.controllerUid] = uid;
}

const hasLabel = (labels: any, key: string, want: string, path: string): FieldError[] => {
  const p = `${path}.labels[${key}]`;
  if (!labels || !(key in labels)) return [required(p, want)];
  return labels[key] === want ? [] : [invalidValue(p, labels, `must be '${want}'`)];
};

/** upstream validateGeneratedSelector (with the prefixed labels required, as on create). */
function validateGeneratedSelector(obj: KubeObject, spec: any): FieldError[] {
  if (spec.manualSelector === true || spec.selector == null) return [];
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const errs: FieldError[] = uid === '' ? [required('metadata.uid')] : [];
  const labels = spec.template?.metadata?.labels;
  const tp = 'spec.template.metadata';
  append(errs, hasLabel(labels, JOB_LABELS.legacyControllerUid, uid, tp), hasLabel(labels, JOB_LABELS.legacyJobName, name, tp), hasLabel(labels, JOB_LABELS.controllerUid, uid, tp), hasLabel(labels, JOB_LABELS.jobName, name, tp));
  const expected = {
    [JOB_LABELS.controllerUid]: uid, [JOB_LABELS.jobName]: name,
    [JOB_LABELS.legacyControllerUid]: uid, [JOB_LABELS.legacyJobName]: name,
  };
  const selector = asSelector(spec.selector);
  if (selector !== undefined && !selector.matches(expected)) {
    errs.push(invalidValue('spec.selector', spec.selector, '`selector` not auto-generated'));
  }
  return errs;
}

/** upstream ValidateJobSpec: the shared rules plus a required selector that matches the template. */
function validateJobSpec(spec: any, path: string): FieldError[] {
  const errs = validateJobSpecCommon(spec, path);
  if (spec.selector == null) errs.push(required(`${path}.selector`));
  else append(errs, validateLabelSelector(spec.selector, `${path}.selector`));
  const selector = asSelector(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector !== undefined && !selector.matches(labels)) {
    errs.push(invalidValue(`${path}.template.metadata.labels`, labels ?? null, SELECTOR_MISMATCH));
  }
  return errs;
}

/** Elastic Indexed Jobs may change completions, but only together with parallelism. */
function validateCompletions(spec: any, prev: any): FieldError[] {
  if (spec.completionMode !== 'Indexed') return immutable(spec.completions, prev.completions, 'spec.completions');
  if (semanticEqual(spec.completions, prev.completions) || spec.completions == null) return [];
  return spec.completions === spec.parallelism
    ? []
    : [invalidValue('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

/**
 * The template is immutable, except that a Job that is suspended and has never started may change its
 * scheduling directives (node affinity, nodeSelector, tolerations, labels, annotations, scheduling gates).
 */
function validateTemplateUpdate(spec: any, prev: any, old: KubeObject): FieldError[] {
  const template = spec.template ?? {};
  let oldTemplate = prev.template ?? {};
  if (prev.suspend === true && old.status?.startTime == null) {
    oldTemplate = {
      ...oldTemplate,
      metadata: { ...oldTemplate.metadata, labels: template.metadata?.labels, annotations: template.metadata?.annotations },
      spec: {
        ...oldTemplate.spec,
        nodeSelector: template.spec?.nodeSelector,
        tolerations: template.spec?.tolerations,
        schedulingGates: template.spec?.schedulingGates,
        affinity: { ...oldTemplate.spec?.affinity, nodeAffinity: template.spec?.affinity?.nodeAffinity },
      },
    };
  }
  return immutable(template, oldTemplate, 'spec.template');
}

export const jobAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    const spec = (obj.spec ??= {});
    setJobDefaults(spec);
    spec.template ??= {};
    defaultPodTemplateSpec(spec.template);
    if (spec.manualSelector !== true) generateSelector(obj, spec);
    // Job labels default to the template labels, which by now include the generated ones (upstream shares
    // the map and re-defaults on read, so a created Job shows them too).
    const labels = spec.template.metadata?.labels;
    if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  },
  validate(obj: KubeObject): FieldError[] {
    const spec = obj.spec ?? {};
    const errs = [...validateGeneratedSelector(obj, spec), ...validateJobSpec(spec, 'spec')];
    // The longest pod hostname of an Indexed Job is "<name>-<completions-1>" and must be a DNS label.
    if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
      const host = `${obj.metadata.name ?? ''}-${spec.completions - 1}`;
      if (isDNS1123Label(host).length > 0) {
        errs.push(invalidValue('metadata.name', obj.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
      }
    }
    return errs;
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const spec = obj.spec ?? {};
    const prev = old.spec ?? {};
    return [
      ...validateJobSpec(spec, 'spec'),
      ...validateCompletions(spec, prev),
      ...immutable(spec.selector, prev.selector, 'spec.selector'),
      ...validateTemplateUpdate(spec, prev, old),
      ...['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']
        .flatMap((f) => immutable(spec[f], prev[f], `spec.${f}`)),
    ];
  },
};
