import { describe, it, expect } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import { ApiError } from '../../../model/api/errors.js';
import { ReplicaSetController } from './controller.js';
import { eventsOf, nakedPod, ownedPods, replicaSet, replicationController } from './fixtures.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

const cluster = (bugs: string[] = [], nodes = 2) => new Cluster({ controllers: builtinControllers, nodes: defaultNodes(nodes), bugs, images: { 'crash:1': { exitAfterMs: 5_000, exitCode: 1 } } });

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods named <rs>-xxxxx, records SuccessfulCreate, and reports status', () => {
    const c = cluster();
    c.store.create(replicaSet('web', { replicas: 3 }));
    c.run(30_000);
    const pods = ownedPods(c, 'ReplicaSet', 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(eventsOf(c, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(c.store.get('ReplicaSet', 'default', 'web')!.status).toEqual({
      replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1,
    });
  });

  it('reports status.terminatingReplicas only with the DeploymentReplicaSetTerminatingReplicas gate on (off in v1.32)', () => {
    const gated = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2), featureGates: { DeploymentReplicaSetTerminatingReplicas: true } });
    gated.store.create(replicaSet('web', { replicas: 2 }));
    gated.run(30_000);
    expect(gated.store.get('ReplicaSet', 'default', 'web')!.status.terminatingReplicas).toBe(0);
    const plain = cluster();
    plain.store.create(replicaSet('web', { replicas: 2 }));
    plain.run(30_000);
    expect(plain.store.get('ReplicaSet', 'default', 'web')!.status).not.toHaveProperty('terminatingReplicas');
  });

  it('scales down deleting the unscheduled pod first, then the not-ready one', () => {
    const c = cluster([], 1);
    c.store.create(replicaSet('web', { replicas: 2 }));
    c.run(30_000);
    // A third pod that cannot be scheduled (the node is cordoned) and a ready one made unready.
    c.store.patch('Node', undefined, 'node-1', { spec: { unschedulable: true } });
    c.store.patch('ReplicaSet', 'default', 'web', { spec: { replicas: 3 } });
    c.run(5_000);
    const pending = ownedPods(c, 'ReplicaSet', 'web').find((p) => !p.spec?.nodeName)!;
    expect(pending).toBeDefined();
    const [a] = ownedPods(c, 'ReplicaSet', 'web').filter((p) => p.spec?.nodeName);
    c.podReadiness(a!.metadata.name!, 'default', false);
    c.run(20_000);
    c.store.patch('ReplicaSet', 'default', 'web', { spec: { replicas: 1 } });
    c.run(1_000);
    expect(eventsOf(c, 'SuccessfulDelete').sort()).toEqual([`Deleted pod: ${a!.metadata.name}`, `Deleted pod: ${pending.metadata.name}`].sort());
  });

  it('adopts a matching orphan (whatever its image) and releases a pod relabelled away, replacing it', () => {
    const c = cluster();
    c.store.create(nakedPod('orphan', { app: 'web' }, 'busybox:1'));
    c.run(5_000);
    c.store.create(replicaSet('web', { replicas: 2 }));
    c.run(30_000);
    const orphan = c.store.get('Pod', 'default', 'orphan')!;
    expect(controllerRef(orphan)?.name).toBe('web');
    expect(ownedPods(c, 'ReplicaSet', 'web')).toHaveLength(2);
    c.store.patch('Pod', 'default', 'orphan', { metadata: { labels: { app: 'other' } } });
    c.run(30_000);
    expect(c.store.get('Pod', 'default', 'orphan')!.metadata.ownerReferences).toBeUndefined();
    expect(ownedPods(c, 'ReplicaSet', 'web')).toHaveLength(2);
  });

  it('two ReplicaSets with overlapping selectors split the pods and do not fight', () => {
    const c = cluster();
    c.store.create(replicaSet('a', { replicas: 2, selector: { app: 'web' }, labels: { app: 'web', tier: 'x' } }));
    c.run(10_000);
    c.store.create(replicaSet('b', { replicas: 3, selector: { app: 'web', tier: 'x' } }));
    const changes: string[] = [];
    c.store.onChange((t, o, old) => { if (o.kind === 'Pod' && old && controllerRef(o)?.uid !== controllerRef(old)?.uid) changes.push(o.metadata.name!); });
    c.run(120_000);
    expect(ownedPods(c, 'ReplicaSet', 'a')).toHaveLength(2);
    expect(ownedPods(c, 'ReplicaSet', 'b')).toHaveLength(3);
    expect(changes).toEqual([]);
  });

  it('with rs-adopts-owned-pods, overlapping ReplicaSets steal each other\'s pods', () => {
    const c = cluster(['rs-adopts-owned-pods']);
    c.store.create(replicaSet('a', { replicas: 2, selector: { app: 'web' }, labels: { app: 'web', tier: 'x' } }));
    c.run(10_000);
    c.store.create(replicaSet('b', { replicas: 3, selector: { app: 'web', tier: 'x' } }));
    let steals = 0;
    c.store.onChange((_t, o, old) => { const x = old && controllerRef(old), y = controllerRef(o); if (x && y && x.uid !== y.uid) steals++; });
    // A fight in zero virtual time never lets the clock move on: stop at the first steal.
    expect(c.runUntil(() => steals > 0, 60_000)).toBe(true);
  });

  it('a crash-looping pod stays Running and owned: it is not replaced; a Failed pod is', () => {
    const c = cluster();
    c.store.create(replicaSet('crash', { replicas: 1, image: 'crash:1' }));
    c.run(120_000);
    const [p] = ownedPods(c, 'ReplicaSet', 'crash');
    expect(p!.status.phase).toBe('Running');
    expect(p!.status.containerStatuses[0].restartCount).toBeGreaterThan(0);
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(1);
    // A pod that fails for good (say, evicted for disk pressure) is no longer active: replaced. The
    // node is stopped first so that its kubelet does not rewrite the status we forge here.
    c.nodeCrash(p!.spec.nodeName);
    c.store.update({ ...p!, status: { ...p!.status, phase: 'Failed', reason: 'Evicted' } }, { subresource: 'status' });
    c.run(5_000);
    const now = ownedPods(c, 'ReplicaSet', 'crash');
    expect(now).toHaveLength(1);
    expect(now[0]!.metadata.uid).not.toBe(p!.metadata.uid);
    // The failed pod stays (until PodGC) and stays owned.
    expect(controllerRef(c.store.get('Pod', 'default', p!.metadata.name!)!)?.name).toBe('crash');
  });

  it('a ReplicaSet being deleted creates nothing and adopts nothing, but still reports status', () => {
    const c = cluster();
    c.store.create(replicaSet('web', { replicas: 2 }));
    c.run(10_000);
    // A finalizer of someone else's holds the ReplicaSet in deletion.
    const rs = c.store.get('ReplicaSet', 'default', 'web')!;
    c.store.update({ ...rs, metadata: { ...rs.metadata, finalizers: ['example.com/hold'] } });
    c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Background' });
    c.run(1_000);
    expect(c.store.get('ReplicaSet', 'default', 'web')!.metadata.deletionTimestamp).toBeDefined();
    c.store.create(nakedPod('late', { app: 'web' }));
    const [victim] = ownedPods(c, 'ReplicaSet', 'web');
    c.store.delete('Pod', 'default', victim!.metadata.name!);
    c.run(60_000);
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(2);
    expect(c.store.get('Pod', 'default', 'late')!.metadata.ownerReferences).toBeUndefined();
    expect(c.store.get('ReplicaSet', 'default', 'web')!.status.replicas).toBe(1);
  });

  it('FailedCreate: a rejected create is a Warning event and the ReplicaFailure condition, cleared once creates succeed', () => {
    const c = cluster([], 1);
    let reject = true;
    const admission = c.store.admission;
    c.store.admission = {
      create: (o, kinds) => {
        if (reject && o.kind === 'Pod') throw new ApiError('Forbidden', 'pods "web-x" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2');
        return admission.create(o, kinds);
      },
      update: (o, old, kinds) => admission.update(o, old, kinds),
    };
    c.store.create(replicaSet('web', { replicas: 3 }));
    c.run(1_000);
    // Slow start: the first batch of one failed, so no second call was made.
    expect(eventsOf(c, 'FailedCreate')).toEqual(['Error creating: pods "web-x" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2']);
    expect(c.store.get('ReplicaSet', 'default', 'web')!.status.conditions).toMatchObject([{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }]);
    reject = false;
    c.run(120_000);
    expect(ownedPods(c, 'ReplicaSet', 'web')).toHaveLength(3);
    expect(c.store.get('ReplicaSet', 'default', 'web')!.status.conditions).toBeUndefined();
  });

  it('an empty selector selects everything: a SelectingAll warning and nothing else', () => {
    const c = cluster();
    const admission = c.store.admission;
    // Admission forbids it; a broken webhook or an old object could still bring one.
    c.store.admission = { create: (o, kinds) => (o.kind === 'ReplicaSet' ? o : admission.create(o, kinds)), update: (o, old, kinds) => admission.update(o, old, kinds) };
    c.store.create(nakedPod('bystander', { any: 'thing' }));
    c.store.create({ ...replicaSet('all', { replicas: 1 }), spec: { replicas: 1, selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    c.run(5_000);
    expect(eventsOf(c, 'SelectingAll')).toEqual(['This replicaset is selecting all pods. A non-empty selector is required.']);
    expect(c.store.list('Pod')).toHaveLength(1);
    expect(c.store.get('Pod', 'default', 'bystander')!.metadata.ownerReferences).toBeUndefined();
  });
});

describe('expectations under a lagging cache', () => {
  function overCreation(bugs: string[]): number {
    const c = cluster(bugs);
    c.watchDelay('replicaset-controller', 15_000);
    let max = 0;
    c.store.onChange(() => { max = Math.max(max, ownedPods(c, 'ReplicaSet', 'web').length); });
    c.store.create(replicaSet('web', { replicas: 5 }));
    c.run(120_000);
    return max;
  }
  it('with expectations the controller waits for its own creates: never more than replicas', () => {
    expect(overCreation([])).toBe(5);
  });
  it('rs-no-expectations: it creates again for pods it already made (kubernetes 129795)', () => {
    expect(overCreation(['rs-no-expectations'])).toBeGreaterThan(5);
  });
  it('a restart drops expectations and rebuilds from a fresh list without over-creating', () => {
    const c = cluster();
    c.watchDelay('replicaset-controller', 15_000);
    c.store.create(replicaSet('web', { replicas: 4 }));
    c.run(3_000);
    c.restart('kube-controller-manager');
    c.run(60_000);
    expect(ownedPods(c, 'ReplicaSet', 'web')).toHaveLength(4);
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(4);
  });
  it('the 500 burst: 1200 replicas are created 500, 500, 200 — each round once the last was observed', () => {
    const c = cluster([], 12);
    const rounds = new Map<number, number>();
    c.store.onChange((t, o) => { if (t === 'ADDED' && o.kind === 'Pod') rounds.set(c.clock.now(), (rounds.get(c.clock.now()) ?? 0) + 1); });
    c.watchDelay('replicaset-controller', 1_000);
    c.store.create(replicaSet('big', { replicas: 1200 }));
    c.run(60_000);
    expect(ownedPods(c, 'ReplicaSet', 'big')).toHaveLength(1200);
    expect([...rounds.values()]).toEqual([500, 500, 200]);
  });
});

describe('ReplicationController manager', () => {
  it('adopts an orphan whose template differs, under the name replication-controller', () => {
    const c = cluster();
    c.store.create(nakedPod('orphan', { name: 'pod-adoption' }, 'busybox:1'));
    c.run(5_000);
    c.store.create(replicationController('pod-adoption', { replicas: 1, selector: { name: 'pod-adoption' } }));
    c.run(10_000);
    expect(controllerRef(c.store.get('Pod', 'default', 'orphan')!)).toMatchObject({ kind: 'ReplicationController', name: 'pod-adoption', controller: true, blockOwnerDeletion: true });
    expect(ownedPods(c, 'ReplicationController', 'pod-adoption')).toHaveLength(1);
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(0);
    expect(c.store.get('ReplicationController', 'default', 'pod-adoption')!.status).toEqual({
      replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1,
    });
  });
  it('the RC selector is mutable: changed with the template, the old pods are released and new ones made', () => {
    const c = cluster();
    c.store.create(replicationController('web', { replicas: 2, selector: { app: 'web', v: '1' } }));
    c.run(10_000);
    const old = ownedPods(c, 'ReplicationController', 'web').map((p) => p.metadata.name).sort();
    c.store.patch('ReplicationController', 'default', 'web', { spec: { selector: { v: '2' }, template: { metadata: { labels: { app: 'web', v: '2' } } } } });
    c.run(10_000);
    expect(ownedPods(c, 'ReplicationController', 'web').map((p) => p.metadata.labels?.v)).toEqual(['2', '2']);
    for (const name of old) expect(c.store.get('Pod', 'default', name!)!.metadata.ownerReferences).toBeUndefined();
  });

  it('a raw DELETE orphans an RC\'s pods; a new ReplicaSet adopts them', () => {
    const c = cluster();
    c.store.create(replicationController('web', { replicas: 2 }));
    c.run(10_000);
    const uids = ownedPods(c, 'ReplicationController', 'web').map((p) => p.metadata.uid).sort();
    c.store.delete('ReplicationController', 'default', 'web');
    c.run(5_000);
    expect(c.store.list('Pod').every((p) => !p.metadata.ownerReferences)).toBe(true);
    c.store.create(replicaSet('web2', { replicas: 2, selector: { app: 'web' } }));
    c.run(10_000);
    expect(ownedPods(c, 'ReplicaSet', 'web2').map((p) => p.metadata.uid).sort()).toEqual(uids);
  });
});
