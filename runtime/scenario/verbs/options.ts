// Option values as the loader checks them.
import { parseDuration } from '../../clock.js';
import type { OptionKind } from './types.js';

/** Why an option value is wrong, or undefined when it is fine. */
export function checkOption(kind: OptionKind, v: unknown): string | undefined {
  switch (kind) {
    case 'int': return Number.isInteger(v) ? undefined : 'must be an integer';
    case 'nonNegInt': return Number.isInteger(v) && (v as number) >= 0 ? undefined : 'must be a non-negative integer';
    case 'duration':
      try { parseDuration(v as string); return undefined; } catch (e) { return (e as Error).message; }
    case 'string': return typeof v === 'string' ? undefined : 'must be a string';
    case 'map': return typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'must be a map';
    case 'bool': return typeof v === 'boolean' ? undefined : 'must be true or false';
    case 'cascade': return v === 'background' || v === 'foreground' || v === 'orphan' ? undefined
      : `Unsupported value: ${JSON.stringify(v)}: supported values: "background", "foreground", "orphan"`;
    default: return undefined;
  }
}
