import { describe, it, expect } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { rolloutUndo } from './rollout-undo.js';
import { runScenario } from '../run.js';
import { ScenarioError, type Step } from '../types.js';
import type { KubeObject } from '../../../model/api/types.js';
import { parseCondition, rolloutComplete } from '../conditions.js';
import { deployment, podsByImage, replicaSetsOf, setImage } from '../../controllers/deployment/fixtures.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

const REV = 'deployment.kubernetes.io/revision';

function rolled(images = ['web:2.0']) {
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
  c.store.create(deployment('web', { replicas: 2 }));
  const done = () => c.runUntil(() => rolloutComplete(c.store.get('Deployment', 'default', 'web')), 120_000);
  done();
  for (const i of images) { setImage(c, 'web', i); done(); }
  return { c, done };
}

describe('kubectl rollout undo', () => {
  it('copies the previous revision\'s template back; the controller re-uses its ReplicaSet at a new revision', () => {
    const { c, done } = rolled();
    const before = replicaSetsOf(c, 'web').map((r) => r.metadata.uid);
    const r = rolloutUndo(c.store, 'default', 'web');
    expect(r).toMatchObject({ message: 'deployment.apps/web rolled back', skipped: false, revision: 1n });
    const d = c.store.get('Deployment', 'default', 'web')!;
    expect(d.spec.template.metadata.labels['pod-template-hash']).toBeUndefined();
    expect(d.spec.template.spec.containers[0].image).toBe('web:1.0');
    expect(done()).toBe(true);
    const after = replicaSetsOf(c, 'web');
    expect(after.map((x) => x.metadata.uid).sort()).toEqual([...before].sort());
    expect(after.at(-1)!.metadata.annotations).toMatchObject({ [REV]: '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(podsByImage(c, 'web')).toEqual({ 'web:1.0': 2 });
  });

  it('--to-revision picks that revision; a missing one is kubectl\'s error', () => {
    const { c } = rolled(['web:2.0', 'web:3.0']);
    expect(rolloutUndo(c.store, 'default', 'web', 1).revision).toBe(1n);
    expect(() => rolloutUndo(c.store, 'default', 'web', 7)).toThrow('unable to find specified revision 7 in history');
  });

  it('skips when the template already matches; refuses a paused Deployment; needs history', () => {
    const { c } = rolled();
    expect(rolloutUndo(c.store, 'default', 'web', 2)).toMatchObject({ skipped: true, message: 'deployment.apps/web skipped rollback (current template already matches revision 2)' });
    c.store.patch('Deployment', 'default', 'web', { spec: { paused: true } });
    expect(() => rolloutUndo(c.store, 'default', 'web')).toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const fresh = rolled([]).c;
    expect(() => rolloutUndo(fresh.store, 'default', 'web')).toThrow('no rollout history found for deployment "web"');
  });

  it('restores the ReplicaSet\'s annotations but keeps the Deployment\'s revision bookkeeping', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    const d = deployment('web', { replicas: 1 });
    d.metadata.annotations = { note: 'v1' };
    c.store.create(d);
    const done = () => c.runUntil(() => rolloutComplete(c.store.get('Deployment', 'default', 'web')), 120_000);
    done();
    const cur = structuredClone(c.store.get('Deployment', 'default', 'web')!);
    cur.metadata.annotations = { ...cur.metadata.annotations, note: 'v2' };
    cur.spec.template.spec.containers[0].image = 'web:2.0';
    delete cur.metadata.resourceVersion;
    c.store.update(cur);
    done();
    rolloutUndo(c.store, 'default', 'web');
    expect(c.store.get('Deployment', 'default', 'web')!.metadata.annotations).toEqual({ note: 'v1', [REV]: '2' });
  });
});

describe('wait-for conditions for workloads', () => {
  it('available, complete and ready read a Deployment as kubectl does', () => {
    const d: any = { kind: 'Deployment', metadata: { generation: 2 }, spec: { replicas: 2 }, status: {
      observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2,
      conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] } };
    expect(parseCondition('available')(d)).toBe(true);
    expect(parseCondition('complete')(d)).toBe(true);
    expect(parseCondition('ready')(d)).toBe(true);
    expect(parseCondition('complete')({ ...d, metadata: { generation: 3 } })).toBe(false);
    expect(parseCondition('complete')({ ...d, status: { ...d.status, replicas: 3 } })).toBe(false);
    expect(parseCondition('ready')({ ...d, status: { ...d.status, readyReplicas: 1 } })).toBe(false);
    const rs: any = { kind: 'ReplicaSet', metadata: { generation: 1 }, spec: { replicas: 3 }, status: { observedGeneration: 1, replicas: 3, readyReplicas: 3 } };
    expect(parseCondition('ready')(rs)).toBe(true);
    expect(parseCondition('ready')({ kind: 'Pod', metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } } as any)).toBe(true);
  });
});

describe('kubectl rollout pause / resume / restart refusals', () => {
  const pos = { file: 'x.yaml', line: 1, col: 1 };
  const step = (verb: string, value: unknown): Step => ({
    verb, value, options: {}, pos,
    ...(verb === 'apply' ? { objects: [{ object: value as KubeObject, pos, locate: () => pos }] } : {}),
  });
  const run = (...steps: Step[]) => () => runScenario({
    file: 'x.yaml', name: 'x', seed: 1, nodes: [{ name: 'node-1' }], config: {}, images: {}, bugs: [], invariants: [],
    steps: [step('apply', deployment('web', { replicas: 1 })), ...steps],
  }, { controllers: builtinControllers });

  it('pausing twice, resuming an unpaused Deployment, restarting a paused one: kubectl\'s words, exit 2', () => {
    expect(run(step('rollout-pause', 'deploy/web'), step('rollout-pause', 'deploy/web'))).toThrow(ScenarioError);
    expect(run(step('rollout-pause', 'deploy/web'), step('rollout-pause', 'deploy/web'))).toThrow('deployments.apps "web" is already paused');
    expect(run(step('rollout-resume', 'deploy/web'))).toThrow('deployments.apps "web" is not paused');
    expect(run(step('rollout-pause', 'deploy/web'), step('rollout-restart', 'deploy/web'))).toThrow("deployments.apps \"web\" can't restart paused deployment (run rollout resume first)");
    expect(run(step('rollout-undo', 'rs/web'))).toThrow('no rollbacker has been implemented for "ReplicaSet"');
  });

  it('a StatefulSet with one revision has no last revision to roll back to; an unknown revision is not in history', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'postgres:16' }] } } } };
    expect(run(step('apply', sts), step('wait', '5s'), step('rollout-undo', 'sts/db'))).toThrow('no last revision to roll back to');
    expect(run(step('apply', sts), step('wait', '5s'), { ...step('rollout-undo', 'sts/db'), options: { toRevision: 9 } })).toThrow('unable to find specified revision 9 in history');
    expect(run(step('apply', sts), step('wait', '5s'), step('rollout-pause', 'sts/db'))).toThrow('statefulsets.apps "db" pausing is not supported');
  });
});
