// CustomResourceDefinition (apiextensions.k8s.io/v1, cluster-scoped): defaulting, the registry
// strategy's create/update fix-ups, and validation in the API server's words. ObjectMeta is
// validated by the caller; the CRD-specific name rule is checked here.
// upstream: pkg/apis/apiextensions/v1/defaults.go + zz_generated.defaults.go (SetObjectDefaults_CustomResourceDefinition),
//           pkg/registry/customresourcedefinition/strategy.go (PrepareForCreate, PrepareForUpdate),
//           pkg/apis/apiextensions/validation/validation.go (ValidateCustomResourceDefinition[Update],
//           ValidateCustomResourceDefinitionStoredVersions, validateAPIApproval, validatePreserveUnknownFields),
//           pkg/apihelpers/helpers.go (IsProtectedCommunityGroup, GetAPIApprovalState)
import { semanticEqual } from '../admission/equality.js';
import type { KindAdmission } from '../admission/types.js';
import { invalidValue, required, type FieldError } from '../errors.js';
import type { KindInfo } from '../kinds.js';
import { deepCopy, type KubeObject } from '../types.js';
import { goStrings, rendered } from './gofmt.js';
import { allVersionsHaveSchema, validateCrdSpec, validateNames } from './spec.js';
import { isObject, type CrdSpec, type Names, type VersionSpec } from './types.js';
import { append } from '../../append.js';

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** How the API server names CRDs (`kubectl api-resources`). */
export const CRD_KIND_INFO: KindInfo = {
  kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions',
  singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false, nameFormat: 'dns1123Subdomain',
};

const APPROVAL = 'api-approved.kubernetes.io';
const specOf = (crd: KubeObject): CrdSpec => (isObject(crd.spec) ? (crd.spec as CrdSpec) : {});
const versionsOf = (spec: CrdSpec): VersionSpec[] => (Array.isArray(spec.versions) ? spec.versions.filter(isObject) : []);

/** The name of the version marked `storage: true` (the first, if several are). */
export const storageVersionOf = (crd: KubeObject): string | undefined => versionsOf(specOf(crd)).find((v) => v.storage === true)?.name;

/** upstream SetObjectDefaults_CustomResourceDefinition, plus the zero values Go writes back (served/storage false). */
function defaults(obj: KubeObject): void {
  if (!isObject(obj.spec)) return;
  const spec = obj.spec as CrdSpec;
  const names = spec.names;
  if (isObject(names) && typeof names.kind === 'string' && names.kind !== '') {
    if (!names.singular) names.singular = names.kind.toLowerCase();
    if (!names.listKind) names.listKind = `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
  const service = spec.conversion.webhook?.clientConfig?.service;
  if (isObject(service)) service.port ??= 443;
  for (const v of versionsOf(spec)) {
    v.served ??= false;
    v.storage ??= false;
  }
  const stored = isObject(obj.status) ? obj.status.storedVersions : undefined;
  const storage = storageVersionOf(obj);
  if ((!Array.isArray(stored) || stored.length === 0) && storage !== undefined) obj.status = { ...(isObject(obj.status) ? obj.status : {}), storedVersions: [storage] };
}

/** upstream strategy.PrepareForCreate: status is the server's (empty but for the storage version), generation 1. */
export function prepareCrdCreate(obj: KubeObject): void {
  const storage = storageVersionOf(obj);
  obj.status = { acceptedNames: { plural: '', kind: '' }, ...(storage !== undefined ? { storedVersions: [storage] } : {}) };
  obj.metadata.generation = 1;
}

/** upstream strategy.PrepareForUpdate: status is kept, generation counts spec changes, the storage version is recorded as stored. */
export function prepareCrdUpdate(obj: KubeObject, old: KubeObject): void {
  obj.status = old.status === undefined ? undefined : deepCopy(old.status);
  const gen = typeof old.metadata?.generation === 'number' ? old.metadata.generation : 0;
  obj.metadata.generation = semanticEqual(obj.spec, old.spec) ? gen : gen + 1;
  const storage = storageVersionOf(obj);
  if (storage === undefined) return;
  const status = isObject(obj.status) ? obj.status : (obj.status = {});
  const stored: string[] = Array.isArray(status.storedVersions) ? status.storedVersions : [];
  if (!stored.includes(storage)) status.storedVersions = [...stored, storage];
}

/** The create-only name rule of upstream's nameValidationFn: metadata.name is `<plural>.<group>`. */
function nameRule(obj: KubeObject, spec: CrdSpec): FieldError[] {
  const want = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  const msg = 'must be spec.names.plural+"."+spec.group';
  const errs: FieldError[] = [];
  const { name, generateName } = obj.metadata ?? {};
  if (generateName && generateName !== want) errs.push(invalidValue('metadata.generateName', generateName, msg));
  if (name && name !== want) errs.push(invalidValue('metadata.name', name, msg));
  return errs;
}

function storedVersionsRule(obj: KubeObject, spec: CrdSpec): FieldError[] {
  const path = 'status.storedVersions';
  const stored: string[] | undefined = isObject(obj.status) && Array.isArray(obj.status.storedVersions) ? obj.status.storedVersions : undefined;
  if (!stored || stored.length === 0) return [rendered('FieldValueInvalid', path, goStrings(stored), 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const index = new Map<string, number>();
  stored.forEach((v, i) => index.set(v, i));
  for (const v of versionsOf(spec)) {
    const name = String(v.name ?? '');
    if (v.storage === true && !index.has(name)) errs.push(invalidValue(path, stored, `must have the storage version ${name}`));
    index.delete(name);
  }
  for (const [v, i] of [...index].sort((a, b) => a[1] - b[1])) errs.push(invalidValue(`${path}[${i}]`, v, 'must appear in spec.versions'));
  return errs;
}

type Approval = 'invalid' | 'approved' | 'bypassed' | 'missing';
function approvalState(obj: KubeObject): { state: Approval; reason: string } {
  const a = obj.metadata?.annotations?.[APPROVAL] ?? '';
  const see = 'see https://github.com/kubernetes/enhancements/pull/1111';
  if (a === '') return { state: 'missing', reason: `protected groups must have approval annotation "${APPROVAL}", ${see}` };
  if (a.startsWith('unapproved')) return { state: 'bypassed', reason: `not approved: "${a}"` };
  let url: URL | undefined;
  try { url = new URL(a); } catch { url = undefined; }
  if (url && url.host !== '' && url.protocol !== '') return { state: 'approved', reason: `approved in ${a}` };
  return { state: 'invalid', reason: `protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", ${see}` };
}

function apiApprovalRule(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const group = String(specOf(obj).group ?? '');
  const isProtected = group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!isProtected) return [];
  const now = approvalState(obj);
  if (old && approvalState(old).state === now.state) return [];
  const path = `metadata.annotations[${APPROVAL}]`;
  if (now.state === 'missing') return [required(path, now.reason)];
  if (now.state === 'invalid') return [invalidValue(path, obj.metadata?.annotations?.[APPROVAL] ?? '', now.reason)];
  return [];
}

function preserveUnknownFieldsRule(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (old && specOf(old).preserveUnknownFields === true) return [];
  return specOf(obj).preserveUnknownFields === true
    ? [invalidValue('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead')]
    : [];
}

const statusNames = (obj: KubeObject) => validateNames(isObject(obj.status) ? (obj.status.acceptedNames as Names) : undefined, 'status.acceptedNames');

/** upstream IsCRDConditionTrue(crd, Established). */
export const isEstablished = (crd: KubeObject): boolean =>
  Array.isArray(crd.status?.conditions) && crd.status.conditions.some((c: any) => c?.type === 'Established' && c?.status === 'True');

function immutable(path: string, now: unknown, before: unknown): FieldError[] {
  return semanticEqual(now, before) ? [] : [invalidValue(path, now ?? '', 'field is immutable')];
}

export const crdAdmission: KindAdmission = {
  defaults,
  validate(obj) {
    const spec = specOf(obj);
    return [
      ...nameRule(obj, spec),
      ...validateCrdSpec(spec, { requireOpenAPISchema: true }),
      ...statusNames(obj),
      ...storedVersionsRule(obj, spec),
      ...apiApprovalRule(obj, undefined),
      ...preserveUnknownFieldsRule(obj, undefined),
    ];
  },
  validateUpdate(obj, old) {
    const spec = specOf(obj);
    const before = specOf(old);
    const errs = validateCrdSpec(spec, { requireOpenAPISchema: allVersionsHaveSchema(before) });
    if (isEstablished(old)) {
      // these affect storage and cannot change once the CRD serves
      append(errs, immutable('spec.scope', spec.scope, before.scope), immutable('spec.names.kind', spec.names?.kind, before.names?.kind));
    }
    // they name the resource, and the CRD's name is immutable
    append(errs, immutable('spec.group', spec.group, before.group), immutable('spec.names.plural', spec.names?.plural, before.names?.plural));
    return [...errs, ...statusNames(obj), ...storedVersionsRule(obj, spec), ...apiApprovalRule(obj, old), ...preserveUnknownFieldsRule(obj, old)];
  },
};
