// One line on stderr and exit status 2 for bad input or usage; never a stack trace.
import { ScenarioError } from '../runtime/scenario/types.js';
import { ManifestError } from '../model/api/manifest.js';
import { oneLine } from '../model/api/errors.js';

export class UsageError extends Error {}

export function reportError(e: unknown): number {
  if (e instanceof ScenarioError) { process.stderr.write(e.format() + '\n'); return 2; }
  if (e instanceof ManifestError) { process.stderr.write(e.format() + '\n'); return 2; }
  // UsageError, and the property and bench layers' CheckUsageError / BenchUsageError.
  if (e instanceof UsageError || (e instanceof Error && /UsageError$/.test(e.name))) { process.stderr.write(`error: ${oneLine((e as Error).message)}\n`); return 2; }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: internal error: ${oneLine(msg.split('\n')[0]!)}\n`);
  return 2;
}
