// Bare pods as the generators draw them: requests (cpu 100m–3, memory
// 64Mi–8Gi), an optional nodeSelector and tolerations, a restartPolicy, and
// an image whose behaviour the scenario's `images` sets (crashes after N s,
// completes, never ready, cannot be pulled, slow to start and stop).
import fc from 'fast-check';
import type { KubeObject } from '../../model/api/types.js';
import type { ImageBehaviour } from '../../runtime/config.js';
import { NODE_TAINTS, ZONE_LABEL } from './nodes.js';

/** Image names; their behaviour is drawn per scenario by imagesArb. */
export const IMAGES = ['app:1.0', 'crash:1.0', 'batch:1.0', 'unready:1.0', 'badpull:1.0', 'slow:1.0'] as const;
export type ImageName = (typeof IMAGES)[number];

/** How each image behaves in one scenario (`cluster.images`); app:1.0 is the plain default. */
export const imagesArb: fc.Arbitrary<Record<string, ImageBehaviour>> = fc.record({
  crashAfterS: fc.integer({ min: 5, max: 60 }),
  crashCode: fc.integer({ min: 1, max: 2 }),
  batchAfterS: fc.integer({ min: 5, max: 120 }),
  slowStartS: fc.integer({ min: 5, max: 30 }),
  slowStopS: fc.integer({ min: 0, max: 45 }),
}).map((r) => ({
  'crash:1.0': { exitAfterMs: r.crashAfterS * 1000, exitCode: r.crashCode },
  'batch:1.0': { exitAfterMs: r.batchAfterS * 1000, exitCode: 0 },
  'unready:1.0': { ready: 'never' },
  'badpull:1.0': { pull: 'fail' },
  'slow:1.0': { startupMs: r.slowStartS * 1000, stopMs: r.slowStopS * 1000 },
}));

export interface RawPod {
  /** metadata.generateName instead of a name: the suffix comes from the run's seeded stream. */
  generated: boolean;
  image: ImageName;
  /** Units of 100m. */
  cpu: number;
  /** Units of 64Mi. */
  mem: number;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  selector?: 'ssd' | 'hdd' | 'zone-a' | 'zone-b';
  toleration?: 'dedicated' | 'maintenance' | 'unreachable-30s';
  grace?: number;
}

export const rawPodArb: fc.Arbitrary<RawPod> = fc.record({
  generated: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  image: fc.oneof({ weight: 6, arbitrary: fc.constant('app:1.0' as const) }, { weight: 5, arbitrary: fc.constantFrom(...IMAGES) }),
  cpu: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 30 })),
  mem: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 128 })),
  restartPolicy: fc.constantFrom('Always' as const, 'OnFailure' as const, 'Never' as const),
  selector: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('ssd' as const, 'hdd' as const, 'zone-a' as const, 'zone-b' as const) }),
  toleration: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('dedicated' as const, 'maintenance' as const, 'unreachable-30s' as const) }),
  grace: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 3, nil: undefined }),
}, { requiredKeys: ['generated', 'image', 'cpu', 'mem', 'restartPolicy'] });

const TOLERATIONS = {
  dedicated: { key: NODE_TAINTS.dedicated.key, operator: 'Equal', value: NODE_TAINTS.dedicated.value, effect: 'NoSchedule' },
  maintenance: { key: NODE_TAINTS.maintenance.key, operator: 'Exists', effect: 'NoExecute' },
  'unreachable-30s': { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
} as const;

const cpuText = (units: number) => (units % 10 === 0 ? String(units / 10) : `${units * 100}m`);
const memText = (units: number) => (units % 16 === 0 ? `${units / 16}Gi` : `${units * 64}Mi`);

/** The manifest, as a scenario's `apply` step embeds it. `name` undefined: generateName. */
export function podManifest(raw: RawPod, name: string | undefined): KubeObject {
  const spec: Record<string, unknown> = {
    restartPolicy: raw.restartPolicy,
    containers: [{ name: 'app', image: raw.image, resources: { requests: { cpu: cpuText(raw.cpu), memory: memText(raw.mem) } } }],
  };
  if (raw.selector) spec.nodeSelector = raw.selector.startsWith('zone') ? { [ZONE_LABEL]: raw.selector } : { disktype: raw.selector };
  if (raw.toleration) spec.tolerations = [{ ...TOLERATIONS[raw.toleration] }];
  if (raw.grace !== undefined) spec.terminationGracePeriodSeconds = raw.grace;
  const metadata = name === undefined ? { generateName: 'gen-', labels: { app: 'prop' } } : { name, labels: { app: 'prop' } };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec } as KubeObject;
}
