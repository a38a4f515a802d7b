// `kubemodel catalog [NAME]`: the teaching cases are the scenarios under
// examples/ (each self-checking); with a name, run that case.
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../runtime/scenario/load.js';
import { UsageError } from '../errors.js';
import { runCommand } from './run.js';

export function examplesDir(): string {
  // dist/cli/commands → repo root, or cli/commands when run from source.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'examples'))) return join(dir, 'examples');
    dir = dirname(dir);
  }
  return resolve('examples');
}

export async function catalogCommand(name: string | undefined, opts: { output?: string }): Promise<number> {
  const dir = examplesDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.manifest.')).sort();
  if (!name) {
    for (const f of files) {
      const s = loadScenario(join(dir, f), join('examples', f));
      process.stdout.write(`${f.replace(/\.yaml$/, '').padEnd(36)} ${(s.description ?? '').split('\n')[0]}\n`);
    }
    return 0;
  }
  const file = files.find((f) => f === `${name}.yaml` || f === name);
  if (!file) throw new UsageError(`unknown catalogue case "${name}" (kubemodel catalog lists them)`);
  return runCommand(join(dir, file), { output: opts.output });
}
