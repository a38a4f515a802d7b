// The catalogue is complete and true: every runtime bug switch has an entry
// naming a real property and invariant, and the entries this file owns are
// caught within their budgets.
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUG_CATALOGUE, catalogue } from './index.js';
import { BUG_SWITCHES } from '../../runtime/bugs.js';
import { PROPERTIES, propertyByName } from '../suites/index.js';
import { INVARIANTS } from '../invariants/index.js';
import { testSeed } from '../test-seed.js';

describe('bug catalogue', () => {
  it('has an entry for every bug switch, naming existing properties, invariants and tests', () => {
    expect(catalogue().map((c) => c.name)).toEqual(BUG_SWITCHES.map((b) => b.name));
    for (const e of BUG_CATALOGUE) {
      expect(PROPERTIES.map((p) => p.name)).toContain(e.property);
      expect(INVARIANTS.map((i) => i.name)).toContain(e.invariant);
      expect(existsSync(join(__dirname, '..', '..', e.test))).toBe(true);
    }
  });

  const mine = BUG_CATALOGUE.filter((e) => e.test === 'properties/bugs/catalogue.test.ts');
  it.each(mine)('$name is caught by $property ($invariant) within $budget runs', (e) => {
    const p = propertyByName(e.property)!;
    const r = p.run({ seed: testSeed(), runs: e.budget, bugs: [e.name] });
    expect(r.failure, `${e.name} not caught in ${e.budget} runs`).toBeDefined();
    expect(r.failure!.invariant).toBe(e.invariant);
  });
});
