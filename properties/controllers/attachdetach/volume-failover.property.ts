// Volume failover: one or two CSI volumes (ReadWriteOnce or ReadWriteMany),
// claims bound to them statically, and a ReplicaSet of 1–3 pods sharing a
// claim (the classic mistake a RWO volume must refuse); then node crashes and
// recoveries, pod deletions (graceful and forced), scaling, the
// out-of-service taint and waits. After every event no exclusive volume may
// be attached to two nodes (rwo-attached-once).
// Shown to catch `attach-ignores-multi-attach`.
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../../runtime/cluster.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { replicaSet } from '../../../runtime/controllers/replicaset/fixtures.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { Hardware } from '../../generators/crashes.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { rwoAttachedOnce } from './rwo-attached-once.invariant.js';

const NODES = 3;
const OUT_OF_SERVICE = { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' };

type Op =
  | { k: 'node-crash' | 'node-recover' | 'out-of-service'; node: number }
  | { k: 'delete-pod'; pod: number; force: boolean }
  | { k: 'scale'; replicas: number }
  | { k: 'wait'; s: number };
interface Draw { seed: number; rwx: boolean[]; replicas: number; claim: number; ops: Op[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('node-crash' as const, 'node-recover' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('out-of-service' as const), node: fc.nat({ max: NODES - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete-pod' as const), pod: fc.nat({ max: 7 }), force: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 400 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  rwx: fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  claim: fc.nat({ max: 1 }),
  ops: fc.array(opArb, { maxLength: 15 }),
});

function storage(rwx: boolean[]): KubeObject[] {
  return rwx.flatMap((many, i) => {
    const modes = [many ? 'ReadWriteMany' : 'ReadWriteOnce'];
    return [
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `pv-${i}` },
        spec: { capacity: { storage: '1Gi' }, accessModes: modes, persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { namespace: 'default', name: `data-${i}` }, csi: { driver: 'ebs.csi.aws.com', volumeHandle: `vol-${i}` } } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `data-${i}` },
        spec: { accessModes: modes, resources: { requests: { storage: '1Gi' } }, storageClassName: '', volumeName: `pv-${i}` } },
    ] as KubeObject[];
  });
}

const livePods = (c: Cluster) => c.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp || p.spec?.nodeName);

/** The scenario a draw stands for. Pure. */
export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const rs = replicaSet('app', { replicas: d.replicas, selector: { app: 'db' }, labels: { app: 'db' } });
  rs.spec.template.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: `data-${d.claim % d.rwx.length}` } }];
  const steps: Step[] = [step('apply', storage(d.rwx)), step('wait', '5s'), step('apply', rs)];
  const crashes = new Hardware();
  for (const op of d.ops) {
    const node = 'node' in op ? `node-${op.node + 1}` : '';
    switch (op.k) {
      case 'node-crash': case 'node-recover': {
        const s = crashes.step(op.k, node);
        if (s) steps.push(s);
        break;
      }
      case 'out-of-service': steps.push(step('patch', `node/${node}`, { merge: { spec: { taints: [OUT_OF_SERVICE] } } })); break;
      case 'delete-pod':
        steps.push(late((c) => {
          const pods = livePods(c);
          return pods.length === 0 ? undefined : step('delete', `pod/${pods[op.pod % pods.length]!.metadata.name}`, op.force ? { grace: 0 } : {});
        }));
        break;
      case 'scale': steps.push(step('scale', 'rs/app', { replicas: op.replicas })); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push(step('wait', '7m'));
  return drawnScenario(d, { name: 'volume-failover', nodes: defaultNodes(NODES), bugs, invariants: [rwoAttachedOnce.name], steps });
}

export const volumeFailoverProperty: Property = scenarioProperty({
  name: 'volume-failover',
  description: 'a ReplicaSet sharing CSI claims under node crashes, forced deletes, scaling and the out-of-service taint: no exclusive volume on two nodes',
  invariant: rwoAttachedOnce, draws: drawArb, scenario: drawScenario,
});
