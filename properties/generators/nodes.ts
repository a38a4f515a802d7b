// Nodes as the generators draw them: capacity (cpu 1–8, memory 1Gi–32Gi,
// pods 3–110), the labels pods select on (disktype, zone) and, now and then,
// a NoSchedule or NoExecute taint that only some pods tolerate.
//
// A node is drawn as raw numbers and turned into a spec afterwards, so that a
// scenario-wide profile ("small nodes") can reshape it without fast-check's
// `chain`, which shrinks poorly: every arbitrary here is a plain record + map.
import fc from 'fast-check';
import type { NodeSpecInput } from '../../runtime/config.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The taints a generated node may carry; pods.ts draws the matching tolerations. */
export const NODE_TAINTS = {
  dedicated: { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
  maintenance: { key: 'maintenance', effect: 'NoExecute' },
} as const;

export interface RawNode {
  cpu: number;
  memGi: number;
  pods: number;
  disktype?: 'ssd' | 'hdd';
  zone?: 'zone-a' | 'zone-b';
  taint?: keyof typeof NODE_TAINTS;
}

export const rawNodeArb: fc.Arbitrary<RawNode> = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memGi: fc.integer({ min: 1, max: 32 }),
  // Small pod counts are where "Too many pods" happens: draw them as often as large ones.
  pods: fc.oneof(fc.integer({ min: 3, max: 10 }), fc.integer({ min: 11, max: 110 })),
  disktype: fc.constantFrom('ssd' as const, 'hdd' as const),
  zone: fc.constantFrom('zone-a' as const, 'zone-b' as const),
  taint: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('dedicated' as const, 'maintenance' as const) }),
}, { requiredKeys: ['cpu', 'memGi', 'pods'] });

/**
 * The node spec, as `cluster.nodes` and `node-add` take it. With `small`, capacity
 * shrinks to 1–2 cpu, 2–4Gi and 3–5 pods: a burst of pods then contends for room.
 */
export function nodeSpecOf(raw: RawNode, name: string, small = false): NodeSpecInput {
  const cpu = small ? 1 + ((raw.cpu - 1) % 2) : raw.cpu;
  const memGi = small ? 2 + ((raw.memGi - 1) % 3) : raw.memGi;
  const pods = small ? 3 + ((raw.pods - 3) % 3) : raw.pods;
  const spec: NodeSpecInput = { name, capacity: { cpu: String(cpu), memory: `${memGi}Gi`, pods: String(pods) } };
  const labels: Record<string, string> = {};
  if (raw.disktype) labels.disktype = raw.disktype;
  if (raw.zone) labels[ZONE_LABEL] = raw.zone;
  if (Object.keys(labels).length > 0) spec.labels = labels;
  if (raw.taint) spec.taints = [{ ...NODE_TAINTS[raw.taint] }];
  return spec;
}
