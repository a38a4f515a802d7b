// Validation of a CustomResourceDefinition's spec, in the internal shape upstream validates
// (see hoist.ts for why a single-version CRD reports `spec.validation...`).
// upstream: pkg/apis/apiextensions/validation/validation.go (validateCustomResourceDefinitionSpec,
//           validateCustomResourceDefinitionVersion, ValidateCustomResourceDefinitionNames,
//           validateCustomResourceConversion, validateConversionReviewVersions, validateDeprecationWarning)
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1035Label, isDNS1123Subdomain } from '../names.js';
import { validateColumn, validateSubresources } from './columns.js';
import { goVersions, rendered } from './gofmt.js';
import { anyStatusEnabled, internalSpec, statusEnabled, subresourcesFor, type InternalSpec } from './hoist.js';
import { validateValidation } from './schema-rules.js';
import { isObject, type CrdSpec, type JSONSchemaProps, type Names, type VersionSpec } from './types.js';
import { append } from '../../append.js';

export interface SpecOptions {
  /** Every version must have a schema (false on update when the stored CRD already lacked one). */
  requireOpenAPISchema: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const dns1035 = (path: string, v: string, prefix = ''): FieldError[] => {
  const msgs = isDNS1035Label(prefix ? v.toLowerCase() : v);
  return msgs.length > 0 ? [invalidValue(path, v, prefix + msgs.join(','))] : [];
};

/** upstream SchemaHas: whether any node of a schema satisfies `pred`. */
export function schemaHas(s: unknown, pred: (s: JSONSchemaProps) => boolean): boolean {
  if (!isObject(s)) return false;
  const node = s as JSONSchemaProps;
  if (pred(node)) return true;
  const kids: unknown[] = [node.items, node.additionalProperties, node.not, ...(Array.isArray(node.items) ? node.items : []),
    ...Object.values(isObject(node.properties) ? node.properties : {}), ...['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : []))];
  return kids.some((k) => schemaHas(k, pred));
}

const schemas = (spec: CrdSpec): unknown[] => (Array.isArray(spec.versions) ? spec.versions.map((v) => v?.schema?.openAPIV3Schema) : []);

/** upstream allVersionsSpecifyOpenAPISchema. */
export const allVersionsHaveSchema = (spec: CrdSpec): boolean => schemas(spec).every((s) => isObject(s));

export function validateNames(names: Names | undefined, path: string): FieldError[] {
  const n = isObject(names) ? names : {};
  const errs: FieldError[] = [];
  if (str(n.plural)) append(errs, dns1035(`${path}.plural`, str(n.plural)));
  if (str(n.singular)) append(errs, dns1035(`${path}.singular`, str(n.singular)));
  const mixed = 'may have mixed case, but should otherwise match: ';
  if (str(n.kind)) append(errs, dns1035(`${path}.kind`, str(n.kind), mixed));
  if (str(n.listKind)) append(errs, dns1035(`${path}.listKind`, str(n.listKind), mixed));
  (Array.isArray(n.shortNames) ? n.shortNames : []).forEach((s, i) => append(errs, dns1035(`${path}.shortNames[${i}]`, str(s))));
  if (str(n.kind) && n.kind === n.listKind) errs.push(invalidValue(`${path}.listKind`, n.listKind, 'kind and listKind may not be the same'));
  (Array.isArray(n.categories) ? n.categories : []).forEach((c, i) => append(errs, dns1035(`${path}.categories[${i}]`, str(c))));
  return errs;
}

function deprecationWarning(v: VersionSpec, path: string): FieldError[] {
  const w = v.deprecationWarning;
  if (w === undefined || w === null) return [];
  const p = `${path}.deprecationWarning`;
  if (v.deprecated !== true) return [invalidValue(p, w, 'can only be set for deprecated versions')];
  const errs: FieldError[] = [];
  if (Buffer.byteLength(w) > 256) errs.push(invalidValue(p, w, 'must be <= 256 characters long'));
  if (w.length === 0) errs.push(invalidValue(p, w, 'must not be an empty string'));
  const bad = [...w].findIndex((c) => /\p{C}/u.test(c));
  if (bad >= 0) errs.push(invalidValue(p, w, `must only contain printable UTF-8 characters; non-printable character found at index ${Buffer.byteLength([...w].slice(0, bad).join(''))}`));
  return errs;
}

function validateVersion(v: VersionSpec, path: string, status: boolean): FieldError[] {
  const errs = deprecationWarning(v, path);
  append(errs, validateValidation(v.schema, status, `${path}.schema`));
  append(errs, validateSubresources(v.subresources, `${path}.subresources`));
  (Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : []).forEach((c, i) => append(errs, validateColumn(c, `${path}.additionalPrinterColumns[${i}]`)));
  return errs;
}

function validateConversion(spec: CrdSpec): FieldError[] {
  const c = spec.conversion;
  const errs: FieldError[] = [];
  const strategy = str(c?.strategy);
  if (c && strategy !== 'None' && spec.preserveUnknownFields === true) {
    errs.push(invalidValue('spec.conversion.strategy', strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  if (!isObject(c)) return errs;
  const p = 'spec.conversion';
  if (strategy === '') errs.push(required(`${p}.strategy`));
  else if (strategy !== 'None' && strategy !== 'Webhook') errs.push(notSupported(`${p}.strategy`, strategy, ['None', 'Webhook']));
  const cc = c.webhook?.clientConfig;
  const reviews = c.webhook?.conversionReviewVersions;
  if (strategy === 'Webhook') {
    if (!isObject(cc)) errs.push(required(`${p}.webhookClientConfig`, 'required when strategy is set to Webhook'));
    else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(required(`${p}.webhookClientConfig`, 'exactly one of url or service is required'));
    const rp = `${p}.conversionReviewVersions`;
    if (!Array.isArray(reviews) || reviews.length === 0) errs.push(required(rp));
    else {
      const seen = new Set<string>();
      reviews.forEach((v, i) => {
        if (seen.has(v)) return void errs.push(invalidValue(`${rp}[${i}]`, v, 'duplicate version'));
        seen.add(v);
        for (const m of isDNS1035Label(str(v))) errs.push(invalidValue(`${rp}[${i}]`, v, m));
      });
      if (!reviews.some((v) => v === 'v1' || v === 'v1beta1')) errs.push(invalidValue(rp, reviews, 'must include at least one of v1, v1beta1'));
    }
  } else {
    if (isObject(cc)) errs.push(forbidden(`${p}.webhookClientConfig`, 'should not be set when strategy is not set to Webhook'));
    if (Array.isArray(reviews) && reviews.length > 0) errs.push(forbidden(`${p}.conversionReviewVersions`, 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

function requireSchemas(spec: CrdSpec, internal: InternalSpec, opts: SpecOptions): FieldError[] {
  if (isObject(internal.validation?.openAPIV3Schema)) return [];
  const errs: FieldError[] = [];
  internal.versions.forEach((v, i) => {
    const missing = !isObject(v.schema?.openAPIV3Schema);
    const p = `spec.versions[${i}].schema.openAPIV3Schema`;
    if (opts.requireOpenAPISchema && missing) errs.push(required(p, 'schemas are required'));
    else if (!opts.requireOpenAPISchema && spec.preserveUnknownFields !== true && v.served === true && missing) errs.push(required(p, 'because otherwise all fields are pruned'));
  });
  return errs;
}

export function validateCrdSpec(spec: CrdSpec, opts: SpecOptions): FieldError[] {
  const internal = internalSpec(spec);
  const errs: FieldError[] = [];
  const group = str(spec.group);
  const groupErrs = isDNS1123Subdomain(group);
  if (group === '') errs.push(required('spec.group'));
  else if (groupErrs.length > 0) errs.push(invalidValue('spec.group', group, groupErrs.join(',')));
  else if (group.split('.').length < 2) errs.push(invalidValue('spec.group', group, 'should be a domain with at least one dot'));
  const scope = str(spec.scope);
  if (scope === '') errs.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  append(errs, requireSchemas(spec, internal, opts));
  if (spec.preserveUnknownFields === true && [internal.validation?.openAPIV3Schema, ...schemas(spec)].some((s) => schemaHas(s, (n) => n.default !== undefined))) {
    errs.push(invalidValue('spec.preserveUnknownFields', true, 'must be false in order to use defaults in the schema'));
  }
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  internal.versions.forEach((v, i) => {
    if (v.storage === true) storage++;
    if (seen.has(str(v.name))) unique = false;
    seen.add(str(v.name));
    append(errs, dns1035(`spec.versions[${i}].name`, str(v.name)));
    const forVersion = internal.versions.find((x) => x.name === v.name) ?? v;
    append(errs, validateVersion(v, `spec.versions[${i}]`, statusEnabled(subresourcesFor(internal, forVersion))));
  });
  const versionsValue = () => goVersions(Array.isArray(spec.versions) ? internal.versions : undefined, { schema: false, subresources: false, columns: false });
  if (!unique) errs.push(rendered('FieldValueInvalid', 'spec.versions', versionsValue(), 'must contain unique version names'));
  if (storage !== 1) errs.push(rendered('FieldValueInvalid', 'spec.versions', versionsValue(), 'must have exactly one version marked as storage version'));
  // the internal spec.version is the first version's name and repeats its name errors
  if (internal.version !== '') append(errs, dns1035('spec.version', internal.version));
  const names: Names = isObject(spec.names) ? spec.names : {};
  for (const k of ['plural', 'singular', 'kind', 'listKind'] as const) if (str(names[k]) === '') errs.push(required(`spec.names.${k}`));
  append(errs, validateNames(names, 'spec.names'));
  append(errs, validateValidation(internal.validation, anyStatusEnabled(internal), 'spec.validation'));
  append(errs, validateSubresources(internal.subresources, 'spec.subresources'));
  (internal.columns ?? []).forEach((c, i) => append(errs, validateColumn(c, `spec.additionalPrinterColumns[${i}]`)));
  if ((internal.selectableFields ?? []).length > 0 && !internal.validation) {
    errs.push(invalidValue('spec.selectableFields', '', 'selectableFields may only be set when validations.schema is included'));
  }
  append(errs, validateConversion(spec));
  return errs;
}
