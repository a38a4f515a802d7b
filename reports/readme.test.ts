// README.md's tables are the declarations': the controllers, properties,
// invariants, known bugs and verbs as the modules and the verb table declare
// them. `UPDATE=1 npx vitest run reports/readme.test.ts` rewrites them.
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinControllers } from '../properties/controllers/index.js';
import { fillReadme, readmeSections } from './readme.js';

const root = join(import.meta.dirname, '..');
const file = join(root, 'README.md');

describe('README.md', () => {
  it('holds the tables the declarations make (UPDATE=1 to rewrite them)', async () => {
    const text = readFileSync(file, 'utf8');
    const want = fillReadme(text, await readmeSections(root, builtinControllers));
    if (process.env.UPDATE === '1' && want !== text) writeFileSync(file, want);
    else expect(text).toBe(want);
  });

  it('documents the scenario format itself, sending no one outside the repository', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\.\.\/shared/);
    for (const section of ['## Scenario files', '## The library', '## Writing a controller', '## Custom resources']) expect(text).toContain(section);
  });
});
