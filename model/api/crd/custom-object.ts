// Objects of a custom kind: the served kind a CRD defines, their admission (schema pruning,
// defaulting and validation), the status-subresource fix-ups, and strict decoding.
// upstream: pkg/apiserver/customresource_handler.go (served versions, unstructuredSchemaCoercer, strict errors),
//           pkg/registry/customresource/strategy.go (PrepareForCreate, PrepareForUpdate, Validate, ValidateUpdate),
//           pkg/registry/customresource/validator.go (ValidateTypeMeta),
//           k8s.io/apiserver/pkg/endpoints/handlers/rest.go (transformDecodeError: "%s in version %q cannot be handled as a %s: %v")
import { semanticEqual } from '../admission/equality.js';
import type { KindAdmission } from '../admission/types.js';
import { invalidValue, type FieldError } from '../errors.js';
import type { KindInfo } from '../kinds.js';
import { deepCopy, type KubeObject } from '../types.js';
import { statusEnabled } from './hoist.js';
import { validateListSetsAndMaps } from './listtype.js';
import { validateScaleSpec, validateScaleStatus, type ScaleSpec } from './scale.js';
import { defaultsFromSchema, pruneUnknown, unknownFields, validateAgainstSchema } from './schema.js';
import { isObject, type CrdSpec, type JSONSchemaProps, type VersionSpec } from './types.js';
import { append } from '../../append.js';

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority: number;
  jsonPath: string;
}

export interface CustomResourceVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** The version's openAPIV3Schema (the CRD's own object, so compiled validators stay cached). */
  schema: object;
  statusSubresource: boolean;
  printerColumns: PrinterColumn[];
  /** The scale subresource's paths, when it is enabled. */
  scale?: ScaleSpec;
}

export interface CustomResource {
  info: KindInfo;
  crd: KubeObject;
  versions: CustomResourceVersion[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function column(c: any): PrinterColumn {
  const out: PrinterColumn = { name: str(c?.name), type: str(c?.type), priority: typeof c?.priority === 'number' ? c.priority : 0, jsonPath: str(c?.jsonPath) };
  if (c?.format) out.format = str(c.format);
  if (c?.description) out.description = str(c.description);
  return out;
}

/** The kind a CRD serves: named by spec.names, stored in the version marked storage. */
export function customResourceOf(crd: KubeObject): CustomResource {
  const spec: CrdSpec = isObject(crd.spec) ? (crd.spec as CrdSpec) : {};
  const names = spec.names ?? {};
  const versions = (Array.isArray(spec.versions) ? spec.versions : []).filter(isObject).map((v: VersionSpec): CustomResourceVersion => {
    const out: CustomResourceVersion = {
      name: str(v.name), served: v.served === true, storage: v.storage === true,
      schema: isObject(v.schema?.openAPIV3Schema) ? v.schema!.openAPIV3Schema! : {},
      statusSubresource: statusEnabled(v.subresources),
      printerColumns: (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []).map(column),
    };
    if (isObject(v.subresources?.scale)) out.scale = v.subresources!.scale as ScaleSpec;
    return out;
  });
  const kind = str(names.kind);
  const info: KindInfo = {
    kind, group: str(spec.group), version: (versions.find((v) => v.storage) ?? versions[0])?.name ?? '',
    resource: str(names.plural), singular: str(names.singular) || kind.toLowerCase(),
    shortNames: Array.isArray(names.shortNames) ? [...names.shortNames] : [],
    namespaced: spec.scope === 'Namespaced', nameFormat: 'dns1123Subdomain',
  };
  return { info, crd, versions };
}

/** The CRD version an object's apiVersion names, if the CRD has it. */
export function versionOf(obj: { apiVersion?: unknown }, cr: CustomResource): CustomResourceVersion | undefined {
  const av = str(obj.apiVersion);
  const slash = av.indexOf('/');
  if (slash < 0 || av.slice(0, slash) !== cr.info.group) return undefined;
  return cr.versions.find((v) => v.name === av.slice(slash + 1));
}

/**
 * upstream PrepareForCreate / PrepareForUpdate: with a status subresource the main resource
 * cannot set status (dropped on create, the stored one kept on update); generation is 1 on
 * create and grows when anything but metadata changes.
 */
export function prepareCustomObject(obj: KubeObject, old: KubeObject | undefined, cr: CustomResource): void {
  const statusSub = versionOf(obj, cr)?.statusSubresource === true;
  if (!isObject(obj.metadata)) obj.metadata = {};
  if (!old) {
    if (statusSub) delete obj.status;
    obj.metadata.generation = 1;
    return;
  }
  if (statusSub) {
    if (Object.hasOwn(old, 'status')) obj.status = deepCopy(old.status);
    else delete obj.status;
  }
  const content = (o: KubeObject) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'metadata'));
  const gen = typeof old.metadata?.generation === 'number' ? old.metadata.generation : 0;
  obj.metadata.generation = semanticEqual(content(obj), content(old)) ? gen : gen + 1;
}

/** upstream customResourceValidator.ValidateTypeMeta. */
function typeMetaErrors(obj: KubeObject, cr: CustomResource): FieldError[] {
  const errs: FieldError[] = [];
  const version = versionOf(obj, cr)?.name ?? cr.info.version;
  if (obj.kind !== cr.info.kind) errs.push(invalidValue('kind', obj.kind ?? '', `must be ${cr.info.kind}`));
  if (obj.apiVersion !== `${cr.info.group}/${version}`) errs.push(invalidValue('apiVersion', obj.apiVersion ?? '', `must be ${cr.info.group}/${version}`));
  return errs;
}

function validateObject(obj: KubeObject, old: KubeObject | undefined, cr: CustomResource): FieldError[] {
  const typeErrs = typeMetaErrors(obj, cr);
  if (typeErrs.length > 0) return typeErrs;
  const v = versionOf(obj, cr)!;
  const schema = v.schema as JSONSchemaProps;
  const errs = validateAgainstSchema(obj, schema, old ? { old } : {});
  append(errs, validateScaleSpec(obj, v.scale), validateScaleStatus(obj, v.scale));
  // on update, list-type rules only apply once the stored object satisfies them (ratcheting)
  if (!old || validateListSetsAndMaps(old, schema).length === 0) append(errs, validateListSetsAndMaps(obj, schema));
  return errs;
}

/** Admission of the custom kind: drop what the schema prunes, apply its defaults, validate against it. */
export function customObjectAdmission(cr: CustomResource): KindAdmission {
  return {
    defaults(obj) {
      const v = versionOf(obj, cr);
      if (!v) return;
      pruneUnknown(obj, v.schema as JSONSchemaProps);
      defaultsFromSchema(obj, v.schema as JSONSchemaProps);
    },
    validate: (obj) => validateObject(obj, undefined, cr),
    validateUpdate: (obj, old) => validateObject(obj, old, cr),
  };
}

/**
 * The error a request with this object gets before admission, or null: an unserved version in
 * kubectl's words (no REST mapping), else the unknown fields strict field validation refuses.
 */
export function strictDecodingError(obj: KubeObject, cr: CustomResource): { path: string; message: string } | null {
  const v = versionOf(obj, cr);
  if (!v || !v.served) return { path: 'apiVersion', message: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"` };
  if (obj.kind !== cr.info.kind) return null;
  const paths = unknownFields(obj, v.schema as JSONSchemaProps);
  if (paths.length === 0) return null;
  const unknown = paths.map((p) => `unknown field "${p}"`).join(', ');
  return { path: paths[0]!, message: `${obj.kind} in version "${v.name}" cannot be handled as a ${cr.info.kind}: strict decoding error: ${unknown}` };
}
