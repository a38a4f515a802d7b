import { describe, it, expect } from 'vitest';
import { Cluster } from '../../../runtime/cluster.js';
import type { KubeObject } from '../../../model/api/types.js';
import { fittingPendingPods } from './eventually-scheduled.invariant.js';
import { harnessOf } from '../../registry.js';

const invariantsFor = (names: string[]) => harnessOf(builtinControllers).checkers(names);
/** The cluster without its scheduler: the plainest scheduler that never places a pod. */
const noScheduler = builtinControllers.filter((c) => c.name !== 'kube-scheduler');
import { pendingPodsScheduledProperty } from './pending-pods-scheduled.property.js';
import { testSeed } from '../../test-seed.js';
import { builtinControllers } from '../index.js';

const seed = testSeed();

const pod = (name: string, cpu: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'app', image: 'app:1.0', resources: { requests: { cpu, memory: '64Mi' } } }] },
} as KubeObject);

describe('eventually-scheduled', () => {
  // There is no bug switch for a scheduler that stops placing pods yet; a
  // cluster without one is the plainest such failure.
  it('reports a pod that fits a Ready node but stays Pending past the bound (no scheduler)', () => {
    const c = new Cluster({ controllers: noScheduler, seed: 1, nodes: [{ name: 'node-1', capacity: { cpu: '2', memory: '4Gi', pods: '10' } }] });
    const [check] = invariantsFor(['eventually-scheduled']);
    c.store.create(pod('stuck', '500m'));
    c.store.create(pod('too-big', '3'));
    c.settle();
    expect(check!.check(c)).toBeUndefined();
    expect(fittingPendingPods(c.store).map((f) => [f.pod.metadata.name, f.nodes])).toEqual([['stuck', ['node-1']]]);
    c.run(5 * 60_000);
    expect(check!.check(c)).toBeUndefined(); // within the 6m bound
    c.run(90_000);
    expect(check!.check(c)).toBe('pod default/stuck has fitted node node-1 for 6m30s but is still Pending and unbound (bound 6m0s)');
  });

  it('says nothing when the scheduler runs: the pod is bound within seconds', () => {
    const c = new Cluster({ controllers: builtinControllers, seed: 1, nodes: [{ name: 'node-1', capacity: { cpu: '2', memory: '4Gi', pods: '10' } }] });
    const [check] = invariantsFor(['eventually-scheduled']);
    c.store.create(pod('fine', '500m'));
    c.settle();
    expect(check!.check(c)).toBeUndefined();
    c.run(10 * 60_000);
    expect(check!.check(c)).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'fine')?.spec?.nodeName).toBe('node-1');
  });

  it('does not count a node that is not Ready, or cordoned', () => {
    const c = new Cluster({ controllers: noScheduler, seed: 1, nodes: [{ name: 'node-1' }, { name: 'node-2' }] });
    c.store.patch('Node', undefined, 'node-2', { spec: { unschedulable: true } });
    c.nodeCrash('node-1');
    c.store.create(pod('p', '100m'));
    c.run(60_000); // node-1's Ready turns Unknown after the 50s grace period
    expect(fittingPendingPods(c.store)).toEqual([]);
  });

  it(`pending-pods-scheduled holds: faults, then healed, then every fitting pod is placed (seed ${seed})`, () => {
    const r = pendingPodsScheduledProperty.run({ controllers: builtinControllers, seed, runs: 120 });
    expect(r.failure?.message, `seed ${seed} path ${r.failure?.path}`).toBeUndefined();
    expect(r.ok).toBe(true);
  });
});
