// Claims and volumes under churn: 1–4 static volumes of a few sizes and
// access modes, 1–4 claims asking for sizes and modes, pods that mount the
// claims, and then claim deletions and re-creations, new volumes, binder
// restarts and a lagging binder watch. After every event a Bound claim keeps
// its volume and data (pvc-survival).
// Shown to catch `pv-binder-ignores-conflicts`.
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import { defaultNodes } from '../../../runtime/nodes.js';
import type { Scenario, Step } from '../../../runtime/scenario/types.js';
import { drawnScenario, late, step } from '../../generators/scenario.js';
import { scenarioProperty } from '../../suites/findings.js';
import type { Property } from '../../suites/types.js';
import { pvcSurvival } from './pvc-survival.invariant.js';

const SIZES = ['1Gi', '2Gi', '5Gi'] as const;
const MODES = [['ReadWriteOnce'], ['ReadWriteMany'], ['ReadWriteOnce', 'ReadOnlyMany']] as const;
const BINDER = 'persistentvolume-binder-controller';

interface VolumeDraw { size: number; modes: number; retain: boolean }
interface ClaimDraw { size: number; modes: number }
type Op =
  | { k: 'delete-claim' | 'recreate-claim' | 'pod'; claim: number }
  | { k: 'volume'; v: VolumeDraw }
  | { k: 'restart' }
  | { k: 'watch-delay'; s: number }
  | { k: 'wait'; s: number };
interface Draw { seed: number; volumes: VolumeDraw[]; claims: ClaimDraw[]; ops: Op[] }

const volumeArb = fc.record({ size: fc.nat({ max: SIZES.length - 1 }), modes: fc.nat({ max: MODES.length - 1 }), retain: fc.boolean() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('delete-claim' as const, 'recreate-claim' as const, 'pod' as const), claim: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('volume' as const), v: volumeArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('watch-delay' as const), s: fc.nat({ max: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('wait' as const), s: fc.integer({ min: 1, max: 60 }) }) },
);
const drawArb: fc.Arbitrary<Draw> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  volumes: fc.array(volumeArb, { minLength: 1, maxLength: 4 }),
  claims: fc.array(fc.record({ size: fc.nat({ max: SIZES.length - 1 }), modes: fc.nat({ max: MODES.length - 1 }) }), { minLength: 1, maxLength: 4 }),
  ops: fc.array(opArb, { maxLength: 15 }),
});

const volume = (v: VolumeDraw, i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `pv-${i}` },
  spec: { capacity: { storage: SIZES[v.size] }, accessModes: [...MODES[v.modes]!], persistentVolumeReclaimPolicy: v.retain ? 'Retain' : 'Delete',
    hostPath: { path: `/mnt/disk-${i}` } },
});
const claim = (c: ClaimDraw, i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `claim-${i}` },
  spec: { accessModes: [...MODES[c.modes]!], resources: { requests: { storage: SIZES[c.size] } }, storageClassName: '' },
});

export function drawScenario(d: Draw, bugs: readonly string[] = []): Scenario {
  // The binder lags from the start in half the draws: the stale cache is what a double bind needs.
  const steps: Step[] = [step('watch-delay', BINDER, { delay: `${(d.seed % 2) * 3 + 1}ms` }), step('apply', d.volumes.map(volume)), step('apply', d.claims.map(claim))];
  let volumes = d.volumes.length;
  let pods = 0;
  for (const op of d.ops) {
    switch (op.k) {
      case 'delete-claim': steps.push(step('delete', `pvc/claim-${op.claim % d.claims.length}`)); break;
      case 'recreate-claim': {
        const i = op.claim % d.claims.length;
        steps.push(late((c) => (c.store.get('PersistentVolumeClaim', 'default', `claim-${i}`) ? undefined : step('apply', claim(d.claims[i]!, i)))));
        break;
      }
      case 'pod': {
        const i = op.claim % d.claims.length;
        steps.push(step('apply', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `writer-${++pods}` },
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: `claim-${i}` } }] } }));
        break;
      }
      case 'volume': steps.push(step('apply', volume(op.v, volumes++))); break;
      case 'restart': steps.push(step('restart', BINDER)); break;
      case 'watch-delay': steps.push(step('watch-delay', BINDER, { delay: `${op.s * 1000 + 1}ms` })); break;
      case 'wait': steps.push(step('wait', `${op.s}s`)); break;
    }
  }
  steps.push(step('watch-delay', BINDER, { delay: '1ms' }), step('wait', '1m'));
  return drawnScenario(d, { name: 'claims-bind', nodes: defaultNodes(2), bugs, invariants: [pvcSurvival.name], steps });
}

export const claimsBindProperty: Property = scenarioProperty({
  name: 'claims-bind',
  description: 'static volumes and claims under deletes, re-creates, pods, binder restarts and a lagging binder watch: a Bound claim keeps its volume and data',
  invariant: pvcSurvival, draws: drawArb, scenario: drawScenario,
});
