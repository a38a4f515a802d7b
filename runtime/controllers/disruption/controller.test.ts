// The disruption controller's status and the Eviction API, end to end.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';
import { EvictionRefused, evictPod } from '../../eviction.js';

const deploy = (replicas: number): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
const pdb = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const setup = (replicas: number, spec: Record<string, unknown>) => {
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
  c.store.create(deploy(replicas)); c.store.create(pdb(spec));
  c.run(30_000);
  return c;
};
const status = (c: Cluster) => c.store.get('PodDisruptionBudget', 'default', 'web')!.status;

describe('disruption controller', () => {
  it('computes the status for an integer minAvailable, a percentage and maxUnavailable', () => {
    expect(status(setup(3, { minAvailable: 2 }))).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(status(setup(3, { minAvailable: '50%' }))).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
    expect(status(setup(4, { maxUnavailable: '25%' }))).toMatchObject({ expectedPods: 4, desiredHealthy: 3, disruptionsAllowed: 1 });
    const none = status(setup(2, { minAvailable: 2 }));
    expect(none.disruptionsAllowed).toBe(0);
    expect(none.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
  });

  it('approves what the budget allows, then refuses with 429 until a replacement is Ready', () => {
    const c = setup(3, { minAvailable: 2 });
    const [a, b] = c.store.list('Pod').map((p) => p.metadata.name!);
    evictPod(c.ctx, 'default', a!);
    expect(status(c).disruptionsAllowed).toBe(0);
    expect(Object.keys(status(c).disruptedPods)).toEqual([a]);
    c.run(1); // the controller recounts: the evicted pod is terminating, so not healthy, and no longer listed
    expect(status(c)).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(status(c).disruptedPods).toBeUndefined();
    let refused: EvictionRefused | undefined;
    try { evictPod(c.ctx, 'default', b!); } catch (e) { refused = e as EvictionRefused; }
    expect(refused?.code).toBe(429);
    expect(refused?.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(refused?.budgetCause).toBe('The disruption budget web needs 2 healthy pods and has 2 currently');
    c.run(60_000); // the Deployment replaces the evicted pod
    expect(status(c)).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(status(c).disruptedPods).toBeUndefined();
    evictPod(c.ctx, 'default', b!);
  });
});

describe('drain and budgets', () => {
  it('a drain a budget blocks fails at its timeout with kubectl\'s error, having evicted nothing', async () => {
    const { parseScenario } = await import('../../scenario/load.js');
    const { runScenario } = await import('../../scenario/run.js');
    const s = parseScenario(`name: blocked
cluster: { nodes: 1 }
steps:
  - apply:
      - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } } } }
      - { apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: web }, spec: { minAvailable: 2, selector: { matchLabels: { app: web } } } }
  - wait: 20s
  - drain: node-1
    timeout: 30s
`, 'blocked.yaml');
    const r = runScenario(s, { controllers: builtinControllers });
    expect(r.failure?.message).toMatch(/^error when evicting pods\/"web-[a-z0-9]+-[a-z0-9]+" -n "default": global timeout reached: 30s$/);
    expect(r.cluster.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
  });
});
