// The two ways an allocation failure reaches the client. A value the client
// asked for and cannot have is the client's fault: 422 Invalid, naming the
// field. A range that is full is nobody's field: upstream reports it as a
// 500 internal error, which is what `kubectl` then prints.
// upstream: k8s.io/apimachinery/pkg/api/errors/errors.go (NewInvalid, NewInternalError),
//           k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/status.go (ErrorToAPIStatus: a plain error is a 500 with its own text)
import { ApiError, invalid, type FieldError } from '../errors.js';

export function serviceInvalid(name: string, errs: FieldError[]): ApiError {
  return invalid('Service', '', name, errs);
}

/** errors.NewInternalError: `Internal error occurred: <why>`. */
export function internalError(why: string): ApiError {
  return new ApiError('InternalError', `Internal error occurred: ${why}`);
}

/**
 * A plain (non-status) error from the store. Upstream answers 500 with the
 * bare text and reason Unknown; the model has no Unknown reason, so it keeps
 * the code and the text under InternalError.
 */
export function plainError(text: string): ApiError {
  return new ApiError('InternalError', text);
}
