// Every counterexample ever found is pinned here: each file under
// properties/regressions/ is a scenario that once violated an invariant
// (the header says which runtime bug it found). They must all pass now.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../runtime/scenario/load.js';
import { runScenario } from '../runtime/scenario/run.js';
import { harnessOf } from './registry.js';
import { builtinControllers } from './controllers/index.js';

const dir = join(__dirname, 'regressions');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('pinned counterexamples', () => {
  it('there are some', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s no longer fails', (f) => {
    const s = loadScenario(join(dir, f), f);
    const r = runScenario(s, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(s.invariants) });
    expect(r.violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
