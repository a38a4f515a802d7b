// The bug catalogue is complete and true, read from the declarations in the
// controller modules: every declared bug names a property and an invariant
// that exist, switches something on, and is caught by that property, through
// that invariant, within its declared budget of runs with the CI seed.
import { describe, it, expect } from 'vitest';
import { builtinControllers } from '../controllers/index.js';
import { harnessOf } from '../registry.js';
import { testSeed } from '../test-seed.js';

const H = harnessOf(builtinControllers);
const seed = testSeed();

describe(`bug catalogue (seed ${seed})`, () => {
  it('has bugs, each naming a property and an invariant of the harness, each declared by one controller', () => {
    expect(H.bugs.length).toBeGreaterThanOrEqual(7);
    for (const b of H.bugs) {
      expect(H.property(b.property), `${b.name}: property ${b.property}`).toBeDefined();
      expect(H.invariant(b.invariant), `${b.name}: invariant ${b.invariant}`).toBeDefined();
      expect(builtinControllers.map((c) => c.name)).toContain(b.component);
      expect(b.budget).toBeGreaterThan(0);
    }
  });

  it.each(H.bugs.map((b) => ({ ...b })))('$name is caught by $property ($invariant) within $budget runs', (b) => {
    const r = H.property(b.property)!.run({ controllers: builtinControllers, seed, runs: b.budget, bugs: [b.name] });
    expect(r.failure, `${b.name} not caught in ${b.budget} runs`).toBeDefined();
    expect(r.failure!.invariant).toBe(b.invariant);
  });
});
