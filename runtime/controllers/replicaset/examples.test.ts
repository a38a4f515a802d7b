// The ReplicaSet and ReplicationController example scenarios pass, checked
// with this family's invariants (whether or not the library registers them yet).
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../scenario/load.js';
import { runScenario, type RunInvariant } from '../../scenario/run.js';
import type { Cluster } from '../../cluster.js';
import { noDoubleController } from '../../../properties/invariants/no-double-controller.js';
import { replicasBounded } from '../../../properties/controllers/replicaset/replicas-bounded.invariant.js';
import { noOvercommit } from '../../../properties/controllers/scheduler/no-overcommit.invariant.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

const dir = join(import.meta.dirname, '..', '..', '..', 'examples');
const files = readdirSync(dir).filter((f) => /^(rs|rc)-.*\.yaml$/.test(f)).sort();

/** Checkers bound to the run's cluster on first use (after the first event). */
function bind(invs: typeof noDoubleController[]): RunInvariant[] {
  return invs.map((inv) => {
    let bound: RunInvariant | undefined;
    return { name: inv.name, check: (c: Cluster) => (bound ??= inv.create(c)).check(c) };
  });
}

describe('examples/rs-*.yaml and rc-*.yaml', () => {
  it('there are examples to run', () => expect(files.length).toBeGreaterThanOrEqual(6));
  it.each(files)('%s passes, with no-double-controller and replicas-bounded held', (f) => {
    const r = runScenario(loadScenario(join(dir, f), f), { controllers: builtinControllers, invariants: bind([noDoubleController, replicasBounded, noOvercommit]) });
    expect(r.failure).toBeUndefined();
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.violations).toEqual([]);
  });
});
