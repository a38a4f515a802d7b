import { describe, it, expect } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import type { KubeObject } from '../../../model/api/types.js';
import { rolloutComplete } from '../../scenario/conditions.js';
import { deployment, podsByImage, replicaSetsOf, setImage } from './fixtures.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

const REV = 'deployment.kubernetes.io/revision';

function cluster(images: Record<string, any> = {}, bugs: string[] = []) {
  return new Cluster({ controllers: builtinControllers, nodes: defaultNodes(3), images, bugs });
}
const complete = (c: Cluster, name = 'web', ms = 120_000) => c.runUntil(() => rolloutComplete(c.store.get('Deployment', 'default', name)), ms);
const events = (c: Cluster, reason: string) => c.store.list('Event').filter((e: any) => e.reason === reason).map((e: any) => e.message);

describe('deployment controller', () => {
  it('creates <name>-<hash> with the hash label on its selector, labels, template and pods; revision 1', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 3 }));
    expect(complete(c)).toBe(true);
    const [rs] = replicaSetsOf(c, 'web');
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels['pod-template-hash']).toBe(hash);
    expect(rs!.metadata.annotations).toMatchObject({ [REV]: '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const pods = c.store.list('Pod');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).toBe(true);
    const d = c.store.get('Deployment', 'default', 'web')!;
    expect(d.metadata.annotations?.[REV]).toBe('1');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(events(c, 'ScalingReplicaSet')).toEqual([`Scaled up replica set ${rs!.metadata.name} from 0 to 3`]);
  });

  it('rolls 10 replicas at 25%/25%: never more than 13 asked for, never fewer than 8 available', () => {
    const c = cluster({ 'web:2.0': { startupMs: 5_000 } });
    c.store.create(deployment('web', { replicas: 10 }));
    complete(c);
    let maxAsked = 0, minAvailable = 10;
    c.clock.afterTask = () => {
      const rss = replicaSetsOf(c, 'web');
      maxAsked = Math.max(maxAsked, rss.reduce((n, r) => n + r.spec.replicas, 0));
      minAvailable = Math.min(minAvailable, rss.reduce((n, r) => n + Math.min(r.spec.replicas, r.status?.availableReplicas ?? 0), 0));
    };
    setImage(c, 'web', 'web:2.0');
    expect(complete(c)).toBe(true);
    c.clock.afterTask = undefined;
    expect(maxAsked).toBe(13);
    expect(minAvailable).toBe(8);
    expect(podsByImage(c, 'web')).toEqual({ 'web:2.0': 10 });
    expect(replicaSetsOf(c, 'web').map((r) => [r.metadata.annotations?.[REV], r.spec.replicas])).toEqual([['1', 0], ['2', 10]]);
  });

  it('e2e RollingUpdateDeployment: adopts a matching orphan ReplicaSet and continues its revision numbers', () => {
    const c = cluster();
    c.store.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'test-rolling-update-controller', annotations: { [REV]: '3546343826724305832' }, labels: { name: 'sample-pod', pod: 'httpd' } },
      spec: { replicas: 1, selector: { matchLabels: { name: 'sample-pod', pod: 'httpd' } }, template: { metadata: { labels: { name: 'sample-pod', pod: 'httpd' } }, spec: { containers: [{ name: 'httpd', image: 'httpd:2.4' }] } } },
    });
    c.run(5_000);
    c.store.create({ ...deployment('test-rolling-update-deployment', { replicas: 1, labels: { name: 'sample-pod' } }),
      spec: { ...deployment('x', { replicas: 1 }).spec, selector: { matchLabels: { name: 'sample-pod' } },
        template: { metadata: { labels: { name: 'sample-pod' } }, spec: { containers: [{ name: 'agnhost', image: 'agnhost:2.0' }] } } } });
    expect(complete(c, 'test-rolling-update-deployment')).toBe(true);
    const d = c.store.get('Deployment', 'default', 'test-rolling-update-deployment')!;
    expect(d.metadata.annotations?.[REV]).toBe('3546343826724305833');
    const rss = replicaSetsOf(c, 'test-rolling-update-deployment');
    expect(rss).toHaveLength(2);
    expect(rss.find((r) => r.metadata.name === 'test-rolling-update-controller')!.spec.replicas).toBe(0);
  });

  it('e2e "deployment should delete old replica sets": revisionHistoryLimit 0 removes the old one after the rollout', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2, revisionHistoryLimit: 0 }));
    complete(c);
    setImage(c, 'web', 'web:2.0');
    complete(c);
    c.run(5_000);
    expect(c.store.list('ReplicaSet')).toHaveLength(1);
    expect(c.store.list('ReplicaSet')[0]!.metadata.annotations?.[REV]).toBe('2');
  });

  it('e2e rollover: a template change mid-rollout scales every older ReplicaSet down', () => {
    const c = cluster({ 'bad:1': { pull: 'fail' } });
    c.store.create(deployment('web', { replicas: 1, maxUnavailable: 0, maxSurge: 1, minReadySeconds: 10 }));
    complete(c);
    setImage(c, 'web', 'bad:1');
    c.run(30_000);
    expect(replicaSetsOf(c, 'web').map((r) => r.spec.replicas)).toEqual([1, 1]);
    setImage(c, 'web', 'web:3.0');
    expect(complete(c)).toBe(true);
    expect(replicaSetsOf(c, 'web').map((r) => r.spec.replicas)).toEqual([0, 0, 1]);
  });

  it('a paused Deployment does not roll a template change until resumed', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2 }));
    complete(c);
    c.store.patch('Deployment', 'default', 'web', { spec: { paused: true } });
    setImage(c, 'web', 'web:2.0');
    c.run(30_000);
    expect(replicaSetsOf(c, 'web')).toHaveLength(1);
    const cond = (c.store.get('Deployment', 'default', 'web')!.status.conditions as any[]).find((x) => x.type === 'Progressing');
    expect(cond).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    c.store.patch('Deployment', 'default', 'web', { spec: { paused: null } });
    expect(complete(c)).toBe(true);
    expect(podsByImage(c, 'web')).toEqual({ 'web:2.0': 2 });
  });

  it('a hash collision bumps collisionCount and the next name differs', () => {
    const c = cluster();
    // A ReplicaSet squatting on the name the Deployment will want, with another template and another selector.
    c.store.create(deployment('probe', { replicas: 0 }));
    c.run(1_000);
    const squatName = replicaSetsOf(c, 'probe')[0]!.metadata.name!.replace(/^probe-/, 'web-');
    c.store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: squatName },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: { containers: [{ name: 'app', image: 'other:1' }] } } } });
    const d = deployment('web', { replicas: 1 });
    d.spec.template.metadata.labels = { app: 'probe' };
    d.spec.selector = { matchLabels: { app: 'probe' } };
    // Same template as `probe`, so the same hash: the name is taken.
    c.store.create({ ...d, spec: { ...d.spec, template: structuredClone(c.store.get('Deployment', 'default', 'probe')!.spec.template) } });
    c.run(10_000);
    const web = c.store.get('Deployment', 'default', 'web')!;
    expect(web.status.collisionCount).toBe(1);
    const own = replicaSetsOf(c, 'web');
    expect(own).toHaveLength(1);
    expect(own[0]!.metadata.name).not.toBe(squatName);
  });

  it('a kube-controller-manager restart mid-rollout loses nothing the API holds', () => {
    const c = cluster({ 'web:2.0': { startupMs: 5_000 } });
    c.store.create(deployment('web', { replicas: 6 }));
    complete(c);
    setImage(c, 'web', 'web:2.0');
    c.run(3_000);
    c.restart('kube-controller-manager');
    expect(complete(c)).toBe(true);
    expect(replicaSetsOf(c, 'web')).toHaveLength(2);
    expect(podsByImage(c, 'web')).toEqual({ 'web:2.0': 6 });
  });

  it('a deleted Deployment takes its ReplicaSets and pods with it (background)', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2 }));
    complete(c);
    c.store.delete('Deployment', 'default', 'web');
    c.run(60_000);
    expect(c.store.list('ReplicaSet')).toHaveLength(0);
    expect(c.store.list('Pod').filter((p: KubeObject) => !p.metadata.deletionTimestamp)).toHaveLength(0);
  });
});

describe('deployment controller: ControllerRef', () => {
  it('e2e orphaning and adoption: a new Deployment with the same selector and template adopts the orphaned ReplicaSet, creating none', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2 }));
    complete(c);
    const [rs] = replicaSetsOf(c, 'web');
    c.store.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' });
    c.run(10_000);
    const orphan = c.store.get('ReplicaSet', 'default', rs!.metadata.name!)!;
    expect(orphan.metadata.ownerReferences ?? []).toEqual([]);
    c.store.create(deployment('web', { replicas: 2 }));
    expect(complete(c)).toBe(true);
    expect(c.store.list('ReplicaSet').map((r) => r.metadata.uid)).toEqual([rs!.metadata.uid]);
    expect(replicaSetsOf(c, 'web')).toHaveLength(1);
  });

  it('releases a ReplicaSet relabelled out of its selector, and replaces it', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2 }));
    complete(c);
    const [rs] = replicaSetsOf(c, 'web');
    c.store.patch('ReplicaSet', 'default', rs!.metadata.name!, { metadata: { labels: { app: 'elsewhere' } } });
    c.run(10_000);
    expect(c.store.get('ReplicaSet', 'default', rs!.metadata.name!)!.metadata.ownerReferences ?? []).toEqual([]);
    expect(complete(c)).toBe(true);
    expect(replicaSetsOf(c, 'web')).toHaveLength(1);
    expect(replicaSetsOf(c, 'web')[0]!.metadata.uid).not.toBe(rs!.metadata.uid);
  });

  it('never takes a ReplicaSet another controller owns', () => {
    const c = cluster();
    c.store.create(deployment('a', { replicas: 1, labels: { app: 'shared' } }));
    complete(c, 'a');
    c.store.create(deployment('b', { replicas: 1, labels: { app: 'shared', other: 'x' } }));
    expect(complete(c, 'b')).toBe(true);
    expect(replicaSetsOf(c, 'a')).toHaveLength(1);
    expect(replicaSetsOf(c, 'b')).toHaveLength(1);
  });

  it('rollout restart (template annotation restartedAt) rolls every pod', () => {
    const c = cluster();
    c.store.create(deployment('web', { replicas: 2 }));
    complete(c);
    const before = new Set(c.store.list('Pod').map((p) => p.metadata.uid));
    c.store.patch('Deployment', 'default', 'web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': c.clock.iso() } } } } });
    expect(complete(c)).toBe(true);
    c.run(5_000);
    expect(c.store.list('Pod').some((p) => before.has(p.metadata.uid))).toBe(false);
    expect(replicaSetsOf(c, 'web').map((r) => r.metadata.annotations?.[REV])).toEqual(['1', '2']);
  });
});
