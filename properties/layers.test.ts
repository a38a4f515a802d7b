// The layers depend downward only (DESIGN): model imports nothing of ours
// above it, runtime only model, properties model and runtime, bench and
// reports sit above those, cli is the top, and index.ts (the library) may
// reach any of them but cli. Tests are exempt: a test may wire the layers
// above the code it tests.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const ALLOWED: Record<string, readonly string[]> = {
  model: ['model'],
  runtime: ['model', 'runtime'],
  properties: ['model', 'runtime', 'properties'],
  bench: ['model', 'runtime', 'properties', 'reports', 'bench'],
  // bench and reports are siblings above properties: the bench report's renderers read the bench's types.
  reports: ['model', 'runtime', 'properties', 'reports', 'bench'],
  cli: ['model', 'runtime', 'properties', 'reports', 'bench', 'cli', 'index.ts'],
  'index.ts': ['model', 'runtime', 'properties', 'reports'],
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const layerOf = (file: string) => relative(root, file).split('/')[0]!;

describe('layers', () => {
  const files = [join(root, 'index.ts'), ...Object.keys(ALLOWED).filter((l) => l !== 'index.ts').flatMap((l) => sources(join(root, l)))];
  it('every import of ours goes to the same layer or one below it', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const from = layerOf(f);
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"\n]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const to = layerOf(resolve(dirname(f), m[1]!));
        if (!ALLOWED[from]!.includes(to)) wrong.push(`${relative(root, f)} imports ${m[1]} (${from} -> ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
