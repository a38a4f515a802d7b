// The contract every kind's admission follows: defaulting, then validation,
// as the API server's registry strategies do (PrepareForCreate, Validate,
// ValidateUpdate). Pure functions, no store access.
import type { FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';

export interface KindAdmission {
  /** Fill in upstream defaults in place (the object is already a private copy). */
  defaults(obj: KubeObject): void;
  /** Errors for a new object (after defaulting), metadata excluded: the caller validates ObjectMeta. */
  validate(obj: KubeObject): FieldError[];
  /** Errors for an update (after defaulting of `obj`); immutable fields are checked against `old`. */
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[];
}
