import { describe, it, expect } from 'vitest';
import { Cluster } from './cluster.js';
import { defaultNodes } from './nodes.js';
import type { KubeObject } from '../model/api/types.js';
import { builtinControllers } from '../properties/controllers/index.js';

const pod = (name: string, extra: any = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: extra.image ?? 'nginx:1.27', resources: extra.resources }], ...(extra.spec ?? {}) },
});

describe('cluster', () => {
  it('schedules and runs a bare pod', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3) });
    c.store.create(pod('web'));
    c.run(10_000);
    const p = c.store.get('Pod', 'default', 'web')!;
    expect(p.spec.nodeName).toMatch(/^node-/);
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('True');
    const reasons = c.store.list('Event').map((e: any) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  });

  it('evicts pods from a crashed node after grace + toleration', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3) });
    c.store.create(pod('p', { spec: { nodeName: 'node-2' } }));
    c.store.create(pod('fast', { spec: { nodeName: 'node-2', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] } }));
    c.run(10_000);
    expect(c.store.get('Pod', 'default', 'p')!.status.phase).toBe('Running');
    const t0 = c.clock.now();
    c.nodeCrash('node-2');
    const deletedAt = (name: string) => { c.runUntil(() => Boolean(c.store.get('Pod', 'default', name)?.metadata.deletionTimestamp), 20 * 60_000); return (c.clock.now() - t0) / 1000; };
    const fast = deletedAt('fast');
    expect(fast).toBeGreaterThanOrEqual(80);
    expect(fast).toBeLessThanOrEqual(95);
    const slow = deletedAt('p');
    expect(slow).toBeGreaterThanOrEqual(350);
    expect(slow).toBeLessThanOrEqual(365);
    const node = c.store.get('Node', undefined, 'node-2')!;
    expect(node.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('Unknown');
    // The kubelet is gone: the pods stay Terminating.
    c.run(600_000);
    expect(c.store.get('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('events expire after the 1h event TTL', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(pod('web'));
    c.run(10_000);
    expect(c.store.count('Event')).toBeGreaterThan(3);
    c.run(59 * 60_000);
    expect(c.store.count('Event')).toBeGreaterThan(3);
    c.run(2 * 60_000);
    expect(c.store.count('Event')).toBe(0);
  });
});
