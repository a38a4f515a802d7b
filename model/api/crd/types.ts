// The shapes of apiextensions.k8s.io/v1 the CRD library reads. Field names are upstream's
// verbatim; everything is optional because user input is checked, not trusted.
// upstream: staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/types.go, types_jsonschema.go

/** One node of an `openAPIV3Schema` (JSONSchemaProps). */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  default?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps | JSONSchemaProps[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: boolean | JSONSchemaProps;
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: Array<{ rule?: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string }>;
  [keyword: string]: unknown;
}

export interface ColumnDefinition {
  name?: string;
  type?: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath?: string;
}

export interface Subresources {
  status?: Record<string, never> | object;
  scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
}

export interface VersionSpec {
  name?: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: Subresources;
  additionalPrinterColumns?: ColumnDefinition[];
  selectableFields?: Array<{ jsonPath?: string }>;
}

export interface Names {
  plural?: string;
  singular?: string;
  shortNames?: string[];
  kind?: string;
  listKind?: string;
  categories?: string[];
}

export interface CrdSpec {
  group?: string;
  names?: Names;
  scope?: string;
  versions?: VersionSpec[];
  conversion?: {
    strategy?: string;
    webhook?: { clientConfig?: { url?: string; service?: { namespace?: string; name?: string; path?: string; port?: number }; caBundle?: string }; conversionReviewVersions?: string[] };
  };
  preserveUnknownFields?: boolean;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The single-schema form of `items` (an array of schemas is rejected by CRD validation). */
export const itemsOf = (s: JSONSchemaProps | undefined): JSONSchemaProps | undefined =>
  s && isObject(s.items) ? (s.items as JSONSchemaProps) : undefined;

/** Keys of a properties map in a stable order (upstream iterates Go maps; the model sorts). */
export const sortedKeys = (o: Record<string, unknown> | undefined): string[] => Object.keys(o ?? {}).sort();
