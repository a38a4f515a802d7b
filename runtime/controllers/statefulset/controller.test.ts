import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../model/api/types.js';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

const sts = (spec: any = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
  spec: {
    replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    ...spec,
  },
});
const cluster = (o: { featureGates?: Record<string, boolean> } = {}) =>
  new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2), featureGates: o.featureGates as any });
const events = (c: Cluster, reason: string) => c.store.list('Event').filter((e) => e.reason === reason).map((e) => e.message as string);
const pods = (c: Cluster) => c.store.list('Pod').map((p) => p.metadata.name).sort();

describe('StatefulSet controller', () => {
  it('accepts a template whose volumeMounts name a claim template (the pod spec is not validated on the set)', () => {
    const c = cluster();
    c.store.create(sts({
      replicas: 1,
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }));
    c.run(1000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data-web-0')).toBeDefined();
    expect(c.store.get('Pod', 'default', 'web-0')!.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }]);
  });

  it('a pod spec the API server refuses fails at pod creation, with FailedCreate in upstream\'s words', () => {
    const c = cluster();
    c.store.create(sts({ replicas: 1, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'nope', mountPath: '/d' }] }] } } }));
    c.run(5000);
    expect(pods(c)).toEqual([]);
    const failed = events(c, 'FailedCreate');
    expect(failed[0]).toMatch(/^create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "nope"/);
  });

  it('writes status with revisions, counts and collisionCount, and the revision hash label on its pods', () => {
    const c = cluster();
    c.store.create(sts());
    c.run(30_000);
    const s = c.store.get('StatefulSet', 'default', 'web')!;
    const rev = c.store.list('ControllerRevision')[0]!;
    expect(s.status).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3,
      currentRevision: rev.metadata.name, updateRevision: rev.metadata.name, collisionCount: 0,
    });
    for (const p of c.store.list('Pod')) expect(p.metadata.labels!['controller-revision-hash']).toBe(rev.metadata.name);
  });

  it('makes a Failed pod again (RecreatingFailedPod) with the same name and a new uid', () => {
    const c = cluster();
    c.store.create(sts({ replicas: 1 }));
    c.run(10_000);
    const old = c.store.get('Pod', 'default', 'web-0')!;
    c.store.update({ ...old, status: { ...old.status, phase: 'Failed' } } as KubeObject, { subresource: 'status' });
    c.run(10_000);
    expect(events(c, 'RecreatingFailedPod')[0]).toBe('StatefulSet default/web is recreating failed Pod web-0');
    const now = c.store.get('Pod', 'default', 'web-0')!;
    expect(now.metadata.uid).not.toBe(old.metadata.uid);
  });

  it('with MaxUnavailableStatefulSet on, updates up to maxUnavailable pods at once; off (v1.32), one at a time', () => {
    for (const gate of [true, false]) {
      const c = cluster({ featureGates: { MaxUnavailableStatefulSet: gate } });
      c.store.create(sts({ replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }));
      c.run(30_000);
      const s = c.store.get('StatefulSet', 'default', 'web')!;
      c.store.update({ ...s, spec: { ...s.spec, template: { ...s.spec.template, spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } } as KubeObject);
      c.run(1);
      // The deleted pods go at once (nginx stops on SIGTERM); what is left at the old image shows how many went together.
      const old = c.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp && p.spec.containers[0].image === 'nginx:1.27').length;
      expect(old).toBe(gate ? 2 : 3);
    }
  });

  it('renumbers the equal revision on a rollback instead of making a new one', () => {
    const c = cluster();
    c.store.create(sts({ replicas: 1 }));
    c.run(10_000);
    const setImage = (image: string) => {
      const s = c.store.get('StatefulSet', 'default', 'web')!;
      c.store.update({ ...s, spec: { ...s.spec, template: { ...s.spec.template, spec: { containers: [{ name: 'c', image }] } } } } as KubeObject);
      c.run(20_000);
    };
    const first = c.store.list('ControllerRevision')[0]!.metadata.name;
    setImage('nginx:1.28');
    setImage('nginx:1.27');
    const revs = c.store.list('ControllerRevision').map((r) => [r.metadata.name, r.revision]).sort();
    expect(revs).toHaveLength(2);
    expect(revs.find(([n]) => n === first)![1]).toBe(3);
    expect(c.store.get('StatefulSet', 'default', 'web')!.status.updateRevision).toBe(first);
  });

  it('keeps revisionHistoryLimit non-live revisions', () => {
    const c = cluster();
    c.store.create(sts({ replicas: 1, revisionHistoryLimit: 1 }));
    c.run(10_000);
    for (const image of ['a:1', 'b:1', 'c:1', 'd:1']) {
      const s = c.store.get('StatefulSet', 'default', 'web')!;
      c.store.update({ ...s, spec: { ...s.spec, template: { ...s.spec.template, spec: { containers: [{ name: 'c', image }] } } } } as KubeObject);
      c.run(20_000);
    }
    c.run(1000);
    // The live revision (d) plus one of history; the sync that trims works from the list before its own new revision.
    expect(c.store.list('ControllerRevision').length).toBeLessThanOrEqual(3);
    expect(c.store.list('ControllerRevision').map((r) => r.revision)).toContain(5);
  });
});
