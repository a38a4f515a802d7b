// The operations a generated scenario performs, drawn as abstract data: a
// node or pod is an index, resolved against what exists when the scenario is
// built (scenario.ts), so that a shrunk list still means something.
import fc from 'fast-check';
import { rawNodeArb, type RawNode } from './nodes.js';
import { rawPodArb, type RawPod } from './pods.js';

export type NodeVerb = 'node-remove' | 'node-crash' | 'node-recover' | 'node-partition' | 'node-heal' | 'cordon' | 'uncordon' | 'drain';
export const NODE_VERBS: readonly NodeVerb[] = ['node-remove', 'node-crash', 'node-recover', 'node-partition', 'node-heal', 'cordon', 'uncordon', 'drain'];
export type Component = 'kube-scheduler' | 'kube-controller-manager';
export type Cascade = 'background' | 'foreground' | 'orphan';

export type Op =
  | { k: 'apply'; pods: RawPod[] }
  | { k: 'create'; pod: RawPod }
  | { k: 'label'; pod: number; value: string }
  | { k: 'patch'; pod: number; activeDeadlineSeconds: number }
  | { k: 'delete'; pod: number; grace?: number; cascade?: Cascade }
  | { k: 'node-add'; node: RawNode }
  | { k: NodeVerb; node: number }
  | { k: 'pod-fail'; pod: number; exitCode: number }
  | { k: 'pod-unready' | 'pod-ready'; pod: number }
  | { k: 'watch-delay'; component: Component; delayS: number }
  | { k: 'restart'; component: Component }
  | { k: 'wait'; duration: string };

/** Waits straddle the timings that matter: back-off (1s, 10s), node grace (45s/55s around 50s, 65s), eviction and flush (5m, 6m). */
export const THRESHOLD_WAITS = ['1s', '10s', '45s', '55s', '65s', '5m', '6m'] as const;

const waitArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...THRESHOLD_WAITS) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 90 }).map((s) => `${s}s`) },
);

const component = fc.oneof({ weight: 3, arbitrary: fc.constant('kube-scheduler' as const) }, { weight: 1, arbitrary: fc.constant('kube-controller-manager' as const) });
const index = fc.nat({ max: 63 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('apply' as const), pods: fc.array(rawPodArb, { minLength: 1, maxLength: 8 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('wait' as const), duration: waitArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('create' as const), pod: rawPodArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('label' as const), pod: index, value: fc.constantFrom('a', 'b', 'canary') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('patch' as const), pod: index, activeDeadlineSeconds: fc.constantFrom(30, 120, 600) }) },
  { weight: 2, arbitrary: fc.record({
    k: fc.constant('delete' as const), pod: index,
    grace: fc.option(fc.constantFrom(0, 1, 5, 30), { nil: undefined }),
    cascade: fc.option(fc.constantFrom('background' as const, 'foreground' as const, 'orphan' as const), { freq: 4, nil: undefined }),
  }, { requiredKeys: ['k', 'pod'] }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('node-add' as const), node: rawNodeArb }) },
  ...NODE_VERBS.map((v) => ({ weight: 1, arbitrary: fc.record({ k: fc.constant(v), node: index }) as fc.Arbitrary<Op> })),
  { weight: 1, arbitrary: fc.record({ k: fc.constant('pod-fail' as const), pod: index, exitCode: fc.constantFrom(1, 2, 137) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('pod-unready' as const, 'pod-ready' as const), pod: index }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('watch-delay' as const), component, delayS: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const), component }) },
);

/**
 * Swarm testing (Groce et al.): each scenario switches whole kinds of operation
 * off, so that some runs are all node faults, some all pod churn, some a burst
 * of pods onto small nodes under a lagging scheduler.
 */
export interface Profile {
  /** Small nodes (nodes.ts). */
  small: boolean;
  /** Apply steps keep all their pods (up to 8); otherwise one each. */
  burst: boolean;
  nodeFaults: boolean;
  podFaults: boolean;
  deletes: boolean;
  watchDelay: boolean;
  restarts: boolean;
}

export const profileArb: fc.Arbitrary<Profile> = fc.record({
  small: fc.boolean(), burst: fc.boolean(), nodeFaults: fc.boolean(), podFaults: fc.boolean(),
  deletes: fc.boolean(), watchDelay: fc.boolean(), restarts: fc.boolean(),
});

/** Whether the profile lets this kind of operation through. */
export function enabled(p: Profile, op: Op): boolean {
  switch (op.k) {
    case 'apply': case 'create': case 'wait': return true;
    case 'label': case 'patch': return p.podFaults;
    case 'delete': return p.deletes;
    case 'pod-fail': case 'pod-unready': case 'pod-ready': return p.podFaults;
    case 'watch-delay': return p.watchDelay;
    case 'restart': return p.restarts;
    default: return p.nodeFaults;
  }
}
