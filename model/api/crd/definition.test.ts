import { describe, expect, test } from 'vitest';
import { fieldErrorText, invalid } from '../errors.js';
import type { KubeObject } from '../types.js';
import { crdAdmission, prepareCrdCreate, prepareCrdUpdate } from './definition.js';
import { memcachedCrd } from './fixtures.js';
import { establishedStatus } from './status.js';

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const ROOT = 'spec.validation.openAPIV3Schema';
const V1ALPHA1 = 'apiextensions.CustomResourceDefinitionVersion{Name:"v1alpha1", Served:true, Storage:true, Deprecated:false, DeprecationWarning:(*string)(nil), ' +
  'Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), ' +
  'AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}';

/** Default, prepare and validate a new CRD as the API server does; the error message, or '' when accepted. */
function create(crd: KubeObject): string {
  crdAdmission.defaults(crd);
  prepareCrdCreate(crd);
  const errs = crdAdmission.validate(crd);
  return errs.length === 0 ? '' : invalid('CustomResourceDefinition', 'apiextensions.k8s.io', crd.metadata.name ?? '', errs).message;
}
const bodyOf = (msg: string) => msg.replace(/^CustomResourceDefinition\.apiextensions\.k8s\.io "[^"]*" is invalid: /, '');
const schemaOf = (c: any) => c.spec.versions[0].schema.openAPIV3Schema;
const specProps = (c: any) => schemaOf(c).properties.spec.properties;

describe('CustomResourceDefinition defaults', () => {
  test('upstream SetDefaults: singular, listKind, conversion None, served/storage written back, the storage version is stored', () => {
    const crd = memcachedCrd((c) => { c.spec.versions[0].served = undefined; });
    crdAdmission.defaults(crd);
    expect(crd.spec.names).toEqual({ kind: 'Memcached', plural: 'memcacheds', shortNames: ['mc'], singular: 'memcached', listKind: 'MemcachedList' });
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(crd.spec.versions[0].served).toBe(false);
    expect(crd.status).toEqual({ storedVersions: ['v1alpha1'] });
  });
  test('explicit names are kept; a webhook service gets port 443', () => {
    const crd = memcachedCrd((c) => {
      c.spec.names.singular = 'mem';
      c.spec.names.listKind = 'Memcacheds';
      c.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { service: { namespace: 'ns', name: 'conv' } }, conversionReviewVersions: ['v1'] } };
    });
    crdAdmission.defaults(crd);
    expect([crd.spec.names.singular, crd.spec.names.listKind]).toEqual(['mem', 'Memcacheds']);
    expect(crd.spec.conversion.webhook.clientConfig.service.port).toBe(443);
  });
  test('PrepareForCreate resets status and sets generation 1', () => {
    const crd = memcachedCrd((c) => { c.status = { acceptedNames: { plural: 'x', kind: 'X' }, conditions: [{ type: 'Established', status: 'True' }] }; });
    crdAdmission.defaults(crd);
    prepareCrdCreate(crd);
    expect(crd.status).toEqual({ acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1alpha1'] });
    expect(crd.metadata.generation).toBe(1);
  });
});

describe('CustomResourceDefinition validation', () => {
  test('the Memcached CRD is accepted', () => {
    expect(create(memcachedCrd())).toBe('');
  });

  test('the full message names the CRD and its field error', () => {
    expect(create(memcachedCrd((c) => { c.metadata.name = 'memcached.cache.example.com'; }))).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "memcached.cache.example.com" is invalid: ' +
      'metadata.name: Invalid value: "memcached.cache.example.com": must be spec.names.plural+"."+spec.group');
  });

  const cases: Array<[string, (c: any) => void, string[]]> = [
    ['group without a dot', (c) => { c.spec.group = 'example'; c.metadata.name = 'memcacheds.example'; },
      ['spec.group: Invalid value: "example": should be a domain with at least one dot']],
    ['group not a DNS subdomain', (c) => { c.spec.group = 'Cache.example.com'; c.metadata.name = 'memcacheds.Cache.example.com'; },
      ["spec.group: Invalid value: \"Cache.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]],
    ['missing group', (c) => { delete c.spec.group; c.metadata.name = 'memcacheds.'; }, ['spec.group: Required value']],
    ['unknown scope', (c) => { c.spec.scope = 'Global'; }, ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"']],
    ['missing scope', (c) => { delete c.spec.scope; }, ['spec.scope: Required value']],
    ['upper-case plural', (c) => { c.spec.names.plural = 'Memcacheds'; c.metadata.name = 'Memcacheds.cache.example.com'; },
      [`spec.names.plural: Invalid value: "Memcacheds": ${DNS1035}`]],
    ['kind equal to listKind', (c) => { c.spec.names.listKind = 'Memcached'; }, ['spec.names.listKind: Invalid value: "Memcached": kind and listKind may not be the same']],
    ['kind with an underscore (singular and listKind derive from it)', (c) => { c.spec.names.kind = 'Mem_cached'; }, [
      `spec.names.singular: Invalid value: "mem_cached": ${DNS1035}`,
      `spec.names.kind: Invalid value: "Mem_cached": may have mixed case, but should otherwise match: ${DNS1035}`,
      `spec.names.listKind: Invalid value: "Mem_cachedList": may have mixed case, but should otherwise match: ${DNS1035}`]],
    ['missing kind', (c) => { delete c.spec.names.kind; }, ['spec.names.singular: Required value', 'spec.names.kind: Required value', 'spec.names.listKind: Required value']],
    ['upper-case short name', (c) => { c.spec.names.shortNames = ['MC']; }, [`spec.names.shortNames[0]: Invalid value: "MC": ${DNS1035}`]],
    ['no versions', (c) => { c.spec.versions = []; }, [
      'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{}: must have exactly one version marked as storage version',
      'status.storedVersions: Invalid value: []string(nil): must have at least one stored version']],
    ['no storage version', (c) => { c.spec.versions[0].storage = false; }, [
      `spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{${V1ALPHA1.replace('Storage:true', 'Storage:false')}}: must have exactly one version marked as storage version`,
      'status.storedVersions: Invalid value: []string(nil): must have at least one stored version']],
    ['two storage versions', (c) => { c.spec.versions.push({ ...structuredClone(c.spec.versions[0]), name: 'v1beta1' }); }, [
      `spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{${V1ALPHA1}, ${V1ALPHA1.replace('v1alpha1', 'v1beta1')}}: must have exactly one version marked as storage version`,
      'status.storedVersions: Invalid value: []string{"v1alpha1"}: must have the storage version v1beta1']],
    ['duplicate version names', (c) => { c.spec.versions.push({ ...structuredClone(c.spec.versions[0]), storage: false }); }, [
      `spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{${V1ALPHA1}, ${V1ALPHA1.replace('Storage:true', 'Storage:false')}}: must contain unique version names`]],
    ['upper-case version name (repeated as the internal spec.version)', (c) => { c.spec.versions[0].name = 'V1'; }, [
      `spec.versions[0].name: Invalid value: "V1": ${DNS1035}`, `spec.version: Invalid value: "V1": ${DNS1035}`]],
    ['missing schema', (c) => { delete c.spec.versions[0].schema; }, ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required']],
    ['root without type', (c) => { delete schemaOf(c).type; }, [`${ROOT}.type: Required value: must not be empty at the root`]],
    ['root of type string with a status subresource', (c) => { schemaOf(c).type = 'string'; }, [
      `${ROOT}.type: Invalid value: "string": only "object" is allowed as the type at the root of the schema if the status subresource is enabled`,
      `${ROOT}.type: Invalid value: "string": must be object at the root`]],
    ['property without type', (c) => { specProps(c).size = { minimum: 1 }; },
      [`${ROOT}.properties[spec].properties[size].type: Required value: must not be empty for specified object fields`]],
    ['unknown type name', (c) => { specProps(c).size.type = 'int'; },
      [`${ROOT}.properties[spec].properties[size].type: Unsupported value: "int": supported values: "array", "boolean", "integer", "number", "object", "string"`]],
    ['array without items', (c) => { delete specProps(c).servers.items; }, [`${ROOT}.properties[spec].properties[servers].items: Required value: must be specified`]],
    ['additionalProperties with properties', (c) => { schemaOf(c).properties.spec.additionalProperties = { type: 'string' }; },
      [`${ROOT}.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`]],
    ['uniqueItems', (c) => { specProps(c).servers.uniqueItems = true; },
      [`${ROOT}.properties[spec].properties[servers].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`]],
    ['metadata schema beyond name', (c) => { schemaOf(c).properties.metadata = { type: 'object', properties: { labels: { type: 'object' } } }; },
      [`${ROOT}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`]],
    ['default that fails its own schema', (c) => { specProps(c).size.default = 0; },
      [`${ROOT}.properties[spec].properties[size].default: Invalid value: 0:  in body should be greater than or equal to 1`]],
    ['default with unknown fields', (c) => { schemaOf(c).properties.status.default = { phase: 'New' }; },
      [`${ROOT}.properties[status].default: Invalid value: map[string]interface {}{"phase":"New"}: must not have unknown fields`]],
    ['invalid pattern', (c) => { specProps(c).image.pattern = '[a-z'; },
      [`${ROOT}.properties[spec].properties[image].pattern: Invalid value: "[a-z": must be a valid regular expression, but isn't: error parsing regexp: missing closing ]: \`[a-z\``]],
    ['list-type map without keys', (c) => { specProps(c).servers['x-kubernetes-list-type'] = 'map'; },
      [`${ROOT}.properties[spec].properties[servers].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`]],
    ['printer column of unknown type', (c) => { c.spec.versions[0].additionalPrinterColumns[0].type = 'int'; },
      ['spec.additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string']],
    ['printer column without name and jsonPath', (c) => { c.spec.versions[0].additionalPrinterColumns[1] = { type: 'integer' }; },
      ['spec.additionalPrinterColumns[1].name: Required value', 'spec.additionalPrinterColumns[1].JSONPath: Required value']],
    ['printer column path without a leading dot', (c) => { c.spec.versions[0].additionalPrinterColumns[0].jsonPath = 'spec.size'; },
      ['spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .']],
    ['scale paths', (c) => { c.spec.versions[0].subresources.scale = { specReplicasPath: '.status.replicas' }; }, [
      'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.subresources.scale.statusReplicasPath: Required value']],
    ['webhook conversion without a client config', (c) => { c.spec.conversion = { strategy: 'Webhook' }; }, [
      'spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook', 'spec.conversion.conversionReviewVersions: Required value']],
    ['preserveUnknownFields with defaults', (c) => { c.spec.preserveUnknownFields = true; }, [
      'spec.preserveUnknownFields: Invalid value: true: must be false in order to use defaults in the schema',
      'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead']],
    ['deprecation warning on a current version', (c) => { c.spec.versions[0].deprecationWarning = 'old'; },
      ['spec.versions[0].deprecationWarning: Invalid value: "old": can only be set for deprecated versions']],
    ['protected group without approval', (c) => { c.spec.group = 'widgets.k8s.io'; c.metadata.name = 'memcacheds.widgets.k8s.io'; },
      ['metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111']],
  ];
  test.each(cases)('%s', (_name, mutate, expected) => {
    const msg = create(memcachedCrd(mutate));
    expect(bodyOf(msg)).toBe(expected.length === 1 ? expected[0] : `[${expected.join(', ')}]`);
  });

  test('different schemas per version are checked at their own paths', () => {
    const msg = create(memcachedCrd((c) => {
      const v2 = structuredClone(c.spec.versions[0]);
      Object.assign(v2, { name: 'v1beta1', storage: false });
      delete v2.schema.openAPIV3Schema.type;
      c.spec.versions.push(v2);
    }));
    expect(bodyOf(msg)).toBe('spec.versions[1].schema.openAPIV3Schema.type: Required value: must not be empty at the root');
  });

  test('nullable root without a status subresource', () => {
    const msg = create(memcachedCrd((c) => { delete c.spec.versions[0].subresources; schemaOf(c).nullable = true; }));
    expect(bodyOf(msg)).toBe(`${ROOT}.nullable: Forbidden: nullable cannot be true at the root`);
  });

  test('x-kubernetes-int-or-string with its anyOf is structural; a typed anyOf is not', () => {
    const ok = memcachedCrd((c) => { specProps(c).port = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }; });
    expect(create(ok)).toBe('');
    const bad = memcachedCrd((c) => { specProps(c).size.anyOf = [{ type: 'integer', minimum: 2 }]; });
    expect(bodyOf(create(bad))).toBe(`${ROOT}.properties[spec].properties[size].anyOf[0].type: Forbidden: must be empty to be structural`);
  });
});

describe('CustomResourceDefinition update', () => {
  function update(mutate: (c: any) => void, established = true): string[] {
    const old = memcachedCrd();
    crdAdmission.defaults(old);
    prepareCrdCreate(old);
    if (established) old.status = { ...old.status, ...establishedStatus(old, '2025-01-01T00:00:00Z') };
    old.metadata.generation = 1;
    const obj = structuredClone(old);
    mutate(obj);
    crdAdmission.defaults(obj);
    prepareCrdUpdate(obj, old);
    return crdAdmission.validateUpdate(obj, old).map(fieldErrorText);
  }

  test('unchanged is accepted', () => expect(update(() => {})).toEqual([]));
  test('group and plural never change', () => {
    expect(update((c) => { c.spec.group = 'other.example.com'; c.spec.names.plural = 'caches'; })).toEqual([
      'spec.group: Invalid value: "other.example.com": field is immutable',
      'spec.names.plural: Invalid value: "caches": field is immutable',
    ]);
  });
  test('scope and kind are immutable once established', () => {
    const change = (c: any) => { c.spec.scope = 'Cluster'; c.spec.names.kind = 'Cache'; c.spec.names.listKind = 'CacheList'; c.spec.names.singular = 'cache'; };
    expect(update(change)).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable', 'spec.names.kind: Invalid value: "Cache": field is immutable']);
    expect(update(change, false)).toEqual([]);
  });
  test('a stored version cannot leave spec.versions', () => {
    expect(update((c) => { c.spec.versions[0].name = 'v1'; })).toEqual(['status.storedVersions[0]: Invalid value: "v1alpha1": must appear in spec.versions']);
  });
  test('PrepareForUpdate keeps status, counts spec changes in generation, records the new storage version', () => {
    const old = memcachedCrd();
    crdAdmission.defaults(old);
    prepareCrdCreate(old);
    const obj = memcachedCrd((c) => { c.spec.versions[0].name = 'v1'; c.status = { storedVersions: ['bogus'] }; });
    crdAdmission.defaults(obj);
    prepareCrdUpdate(obj, old);
    expect(obj.status.storedVersions).toEqual(['v1alpha1', 'v1']);
    expect(obj.metadata.generation).toBe(2);
    const same = structuredClone(old);
    prepareCrdUpdate(same, old);
    expect(same.metadata.generation).toBe(1);
  });
});

describe('establishedStatus', () => {
  test('accepted names and the two True conditions, in upstream words', () => {
    const crd = memcachedCrd();
    crdAdmission.defaults(crd);
    prepareCrdCreate(crd);
    expect(establishedStatus(crd, '2025-01-01T00:00:00Z')).toEqual({
      acceptedNames: { plural: 'memcacheds', singular: 'memcached', shortNames: ['mc'], kind: 'Memcached', listKind: 'MemcachedList' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: ['v1alpha1'],
    });
  });
  test('a condition already True keeps its transition time; others stay', () => {
    const crd = memcachedCrd();
    crd.status = { conditions: [{ type: 'KubernetesAPIApprovalPolicyConformant', status: 'True' }, { type: 'Established', status: 'True', lastTransitionTime: 'T0' }] };
    const s = establishedStatus(crd, 'T1');
    expect(s.conditions.map((c) => [c.type, c.lastTransitionTime])).toEqual([
      ['KubernetesAPIApprovalPolicyConformant', undefined], ['Established', 'T0'], ['NamesAccepted', 'T1']]);
  });
});
