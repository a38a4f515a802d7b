// For the CLI's own tests, not built into dist: `main` run in-process with
// stdout and stderr captured, as a user's shell would see them.
import { vi } from 'vitest';
import { main } from '../program.js';

export interface Outcome { code: number; out: string; err: string; ms: number }

export async function runCli(args: string[]): Promise<Outcome> {
  let err = '';
  let out = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out += String(s); return true; });
  const started = performance.now();
  let code: number;
  try { code = await main(args); } finally { e.mockRestore(); o.mockRestore(); }
  return { code, out, err, ms: performance.now() - started };
}
