// Dynamic provisioning under churn: claims of a default class (reclaim
// Delete) created, deleted — often while their volume is still being made —
// and re-created, pods that mount them, provisioner restarts and waits; then
// a quiet minute. At the end no provisioned volume is left without its claim
// (no-leaked-volumes).
// Shown to catch `provisioner-leaks-on-claim-delete`.
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { noLeakedVolumes } from './no-leaked-volumes.invariant.js';

type Op =
  | { k: 'create' | 'delete' | 'pod'; claim: number }
  | { k: 'restart' }
  | { k: 'wait'; ms: number };
interface Draw { seed: number; ops: Op[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('create' as const, 'delete' as const), claim: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pod' as const), claim: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.integer({ min: 100, max: 5_000 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), ops: fc.array(opArb, { maxLength: 15 }) });

const CLASS = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'pd.csi.storage.gke.io', reclaimPolicy: 'Delete',
} as unknown as KubeObject;
const claim = (i: number): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `data-${i}` },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const steps: Step[] = [step('apply', CLASS)];
  let pods = 0;
  for (const op of d.ops) {
    switch (op.k) {
      case 'create':
        steps.push(late((c) => (c.store.get('PersistentVolumeClaim', 'default', `data-${op.claim}`) ? undefined : step('apply', claim(op.claim)))));
        break;
      case 'delete':
        steps.push(late((c) => (c.store.get('PersistentVolumeClaim', 'default', `data-${op.claim}`) ? step('delete', `pvc/data-${op.claim}`) : undefined)));
        break;
      case 'pod':
        steps.push(step('apply', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `user-${++pods}` },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: `data-${op.claim}` } }] } }));
        break;
      case 'restart': steps.push(step('restart', 'csi-provisioner')); break;
      case 'wait': steps.push(step('wait', `${op.ms}ms`)); break;
    }
  }
  steps.push(step('wait', '1m'));
  return drawnScenario(d, { name: 'provisioning', nodes: defaultNodes(1), bugs, invariants: [noLeakedVolumes.name], steps });
}

export const provisioningProperty: Property = scenarioProperty({
  name: 'provisioning',
  description: 'claims of a Delete class created, deleted mid-provisioning and re-created, with pods and provisioner restarts: no provisioned volume outlives its claim',
  invariant: noLeakedVolumes, draws: drawArb, scenario: drawScenario,
});
