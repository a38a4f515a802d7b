// The internal view of a v1 CRD spec that upstream validates. Converting v1 to the internal
// version moves per-version schema, subresources, printer columns and selectable fields to the
// top level when every version has the same value, so a single-version CRD reports schema errors
// at `spec.validation.openAPIV3Schema...`, `spec.subresources...` and `spec.additionalPrinterColumns[i]...`.
// upstream: pkg/apis/apiextensions/v1/conversion.go (Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_CustomResourceDefinitionSpec)
import { semanticEqual } from '../admission/equality.js';
import type { ColumnDefinition, CrdSpec, JSONSchemaProps, Subresources, VersionSpec } from './types.js';

export interface InternalSpec {
  /** `spec.version`: the first version's name ('' without versions). */
  version: string;
  /** Hoisted values; `undefined` when not hoisted or hoisted but unset. */
  validation?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: Subresources;
  columns?: ColumnDefinition[];
  selectableFields?: Array<{ jsonPath?: string }>;
  hoisted: { schema: boolean; subresources: boolean; columns: boolean; selectableFields: boolean };
  /** Versions with the hoisted fields cleared. */
  versions: VersionSpec[];
}

/** Go's Semantic.DeepEqual of two optional pointers: both nil, or both set and semantically equal. */
const samePointer = (a: unknown, b: unknown): boolean => (a === undefined) === (b === undefined) && semanticEqual(a, b);

export function internalSpec(spec: CrdSpec): InternalSpec {
  const versions: VersionSpec[] = Array.isArray(spec.versions) ? spec.versions.map((v) => ({ ...(v ?? {}) })) : [];
  // JSON null is Go's nil pointer
  for (const v of versions) for (const k of ['schema', 'subresources', 'deprecationWarning'] as const) if (v[k] === null) delete v[k];
  const none = { schema: false, subresources: false, columns: false, selectableFields: false };
  if (versions.length === 0) return { version: '', hoisted: none, versions };
  const first = versions[0]!;
  const hoisted = {
    schema: versions.every((v) => samePointer(v.schema, first.schema)),
    subresources: versions.every((v) => samePointer(v.subresources, first.subresources)),
    // slices: nil and empty are equal
    columns: versions.every((v) => semanticEqual(v.additionalPrinterColumns ?? [], first.additionalPrinterColumns ?? [])),
    selectableFields: versions.every((v) => semanticEqual(v.selectableFields ?? [], first.selectableFields ?? [])),
  };
  const out: InternalSpec = { version: first.name ?? '', hoisted, versions };
  if (hoisted.schema) out.validation = first.schema;
  if (hoisted.subresources) out.subresources = first.subresources;
  if (hoisted.columns) out.columns = first.additionalPrinterColumns;
  if (hoisted.selectableFields) out.selectableFields = first.selectableFields;
  for (const v of versions) {
    if (hoisted.schema) delete v.schema;
    if (hoisted.subresources) delete v.subresources;
    if (hoisted.columns) delete v.additionalPrinterColumns;
    if (hoisted.selectableFields) delete v.selectableFields;
  }
  return out;
}

/** The subresources that apply to a version (upstream getSubresourcesForVersion). */
export function subresourcesFor(spec: InternalSpec, v: VersionSpec): Subresources | undefined {
  return spec.hoisted.subresources ? spec.subresources : v.subresources;
}

/** upstream hasStatusEnabled: `status: {}` is set, `status: null` is Go's nil. */
export const statusEnabled = (s: Subresources | undefined): boolean => s?.status !== undefined && s.status !== null;

/** upstream hasAnyStatusEnabled. */
export const anyStatusEnabled = (spec: InternalSpec): boolean =>
  statusEnabled(spec.subresources) || spec.versions.some((v) => statusEnabled(v.subresources));
