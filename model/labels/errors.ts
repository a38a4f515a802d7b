// Selector errors and the small field-path helpers the selector code needs.
// upstream: k8s.io/apimachinery/pkg/util/validation/field/path.go, pkg/util/errors/errors.go (aggregate)
import { fieldErrorText, type FieldError } from '../api/errors.js';

/**
 * A selector that cannot be parsed or built. The message is upstream's text
 * (`unable to parse requirement: ...`, `found ',', expected: ...`); `causes`
 * keeps the field errors when the failure came from requirement validation.
 */
export class SelectorError extends Error {
  readonly causes: readonly FieldError[];
  constructor(message: string, causes: readonly FieldError[] = []) {
    super(message);
    this.name = 'SelectorError';
    this.causes = causes;
  }
}

/**
 * A field path as upstream prints it. `null` stands for Go's nil *field.Path,
 * which prints as `<nil>`: the string parser validates keys against a nil
 * path, so `kubectl -l 'a b'` really answers `<nil>: Invalid value: ...`.
 */
export type FieldPath = string | null;

export const pathText = (p: FieldPath): string => p ?? '<nil>';
/** path.Child(name): a nil parent yields just the name. */
export const childPath = (p: FieldPath, name: string): string => (p ? `${p}.${name}` : name);
/** path.Index(i). */
export const indexPath = (p: FieldPath, i: number): string => `${p ?? ''}[${i}]`;
/** path.Key(k): map keys print in brackets too, unquoted. */
export const keyPath = (p: FieldPath, k: string): string => `${p ?? ''}[${k}]`;

/**
 * The text of an aggregate of field errors: one error prints alone, several
 * print bracketed and comma-separated, and duplicate texts are dropped (as
 * upstream's aggregate.Error does).
 */
export function aggregateText(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  for (const e of errs) seen.add(fieldErrorText(e));
  const texts = [...seen];
  return texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
}
