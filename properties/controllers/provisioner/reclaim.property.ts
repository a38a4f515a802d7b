// Reclaim under churn: claims of a Retain class and of a Delete class,
// created, written to by pods, their provisioned volumes switched to Retain
// by an admin (`kubectl patch pv ... persistentVolumeReclaimPolicy: Retain`),
// claims deleted and re-created, volume objects deleted, provisioner
// restarts and waits. No Retain volume's data may be destroyed or wiped
// (retain-keeps-data), checked after every event.
// Shown to catch `reclaim-deletes-retain`.
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../../runtime/cluster.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { retainKeepsData } from './retain-keeps-data.invariant.js';

type Op =
  | { k: 'life'; claim: number; keep: boolean; pod: boolean; retain: boolean }
  | { k: 'create'; claim: number; keep: boolean }
  | { k: 'delete' | 'pod' | 'retain' | 'delete-pv'; claim: number }
  | { k: 'restart' }
  | { k: 'wait'; ms: number };
interface Draw { seed: number; ops: Op[] }

const claimIndex = fc.nat({ max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  // A claim's whole life: made, perhaps written to, perhaps switched to Retain, deleted.
  { weight: 3, arbitrary: fc.record({ k: fc.constant('life' as const), claim: claimIndex, keep: fc.boolean(), pod: fc.boolean(), retain: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('create' as const), claim: claimIndex, keep: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('delete' as const, 'pod' as const, 'retain' as const), claim: claimIndex }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete-pv' as const), claim: claimIndex }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.integer({ min: 500, max: 20_000 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), ops: fc.array(opArb, { maxLength: 12 }) });

const storageClass = (name: string, reclaimPolicy: string): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'pd.csi.storage.gke.io', reclaimPolicy,
} as unknown as KubeObject);
const claim = (i: number, keep: boolean): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `data-${i}` },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: keep ? 'keep' : 'standard' } });
/** The volume bound to claim data-i, if any. */
const volumeOf = (c: Cluster, i: number): string | undefined => c.store.get('PersistentVolumeClaim', 'default', `data-${i}`)?.spec?.volumeName;

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  const steps: Step[] = [step('apply', [storageClass('keep', 'Retain'), storageClass('standard', 'Delete')])];
  let pods = 0;
  const usePod = (name: string) => {
    // A pod writes to the claim's volume, then goes (a pod that names a claim holds it until deleted).
    const pod = `user-${++pods}`;
    steps.push(step('apply', { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod },
      spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: name } }] } }));
    steps.push(step('wait', '8s'), step('delete', `pod/${pod}`, { grace: 0 }));
  };
  const retain = (i: number) => late((c) => {
    const pv = volumeOf(c, i);
    return pv ? step('patch', `pv/${pv}`, { merge: { spec: { persistentVolumeReclaimPolicy: 'Retain' } } }) : undefined;
  });
  const remove = (name: string) => late((c) => (c.store.get('PersistentVolumeClaim', 'default', name) ? step('delete', `pvc/${name}`) : undefined));
  for (const op of d.ops) {
    const name = `data-${'claim' in op ? op.claim : 0}`;
    switch (op.k) {
      case 'life':
        steps.push(late((c) => (c.store.get('PersistentVolumeClaim', 'default', name) ? undefined : step('apply', claim(op.claim, op.keep)))));
        steps.push(step('wait', '5s'));
        if (op.pod) usePod(name);
        if (op.retain) steps.push(retain(op.claim));
        steps.push(remove(name), step('wait', '5s'));
        break;
      case 'create':
        steps.push(late((c) => (c.store.get('PersistentVolumeClaim', 'default', name) ? undefined : step('apply', claim(op.claim, op.keep)))));
        break;
      case 'delete': steps.push(remove(name)); break;
      case 'pod': usePod(name); break;
      case 'retain': steps.push(retain(op.claim)); break;
      case 'delete-pv':
        steps.push(late((c) => {
          const pv = volumeOf(c, op.claim);
          return pv && c.store.get('PersistentVolume', undefined, pv) ? step('delete', `pv/${pv}`) : undefined;
        }));
        break;
      case 'restart': steps.push(step('restart', 'csi-provisioner')); break;
      case 'wait': steps.push(step('wait', `${op.ms}ms`)); break;
    }
  }
  steps.push(step('wait', '1m'));
  return drawnScenario(d, { name: 'reclaim', nodes: defaultNodes(1), bugs, invariants: [retainKeepsData.name], steps });
}

export const reclaimProperty: Property = scenarioProperty({
  name: 'reclaim',
  description: 'claims of Retain and Delete classes, written to, switched to Retain, deleted and re-created, with volume deletes and provisioner restarts: no Retain volume loses its data',
  invariant: retainKeepsData, draws: drawArb, scenario: drawScenario,
});
