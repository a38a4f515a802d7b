// CustomResourceDefinitions (apiextensions.k8s.io/v1) and the kinds they define: the public
// surface the API store integrates. Pure functions; the caller owns time, storage and metadata.
export { CRD_API_VERSION, CRD_KIND_INFO, crdAdmission, isEstablished, prepareCrdCreate, prepareCrdUpdate, storageVersionOf } from './definition.js';
export { establishedStatus, type CrdCondition } from './status.js';
export {
  customObjectAdmission, customResourceOf, prepareCustomObject, strictDecodingError, versionOf,
  type CustomResource, type CustomResourceVersion, type PrinterColumn,
} from './custom-object.js';
export { defaultsFromSchema, pruneUnknown, unknownFields, validateAgainstSchema, type SchemaValidationOptions } from './schema.js';
export { findResults } from './jsonpath.js';
export type { JSONSchemaProps } from './types.js';
