// The invariants do not lean on the code they judge: break a shared function
// of the model — for every caller in this file's module graph, with
// vi.mock, not through a catalogue bug — and the invariant that judges it
// fires; leave it whole and the same run is quiet.
//
// vi.mock calls are hoisted above the imports, so the factories below replace
// the modules before anything (the controllers, the scheduler, the kubelet,
// the invariants) imports them. Each break has its own switch, off by
// default: every case runs first on the whole model, then broken.
//
// Where a function is called inside its own module (fenceposts.ts's
// maxUnavailable calling its own resolveFenceposts), ESM binds the call inside
// the module and no mock reaches it; the break is then made where it can be
// seen from outside (see each factory).
import { describe, it, expect, vi, afterEach } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { Cluster } from '../../runtime/cluster.js';
import { runScenario, type RunInvariant } from '../../runtime/scenario/run.js';
import { builtinControllers } from '../controllers/index.js';
import { checkersOf } from '../registry.js';
import { buildDeploymentScenario, type RawDeploymentRun } from '../controllers/deployment/deployment-rollouts.property.js';
import { rolloutAvailability } from '../controllers/deployment/rollout-availability.invariant.js';
import { noOvercommit } from '../controllers/scheduler/no-overcommit.invariant.js';
import { evictionRespectsTolerations } from '../controllers/tainteviction/eviction-respects-tolerations.invariant.js';
// What the invariants used to call, imported only to show the breaks reach every importer.
import { maxUnavailable } from '../../model/controllers/deployment/index.js';
import { podRequests } from '../../model/controllers/scheduler/requests.js';
import { minTolerationMs } from '../../model/controllers/tainteviction/tolerations.js';

const broken = vi.hoisted(() => ({ fenceposts: false, requests: false, tolerations: false }));

// 1. The deployment controller's fencepost arithmetic rounds a maxUnavailable percentage UP.
// rolling.ts (the scale-down) and conditions.ts (Available) import maxUnavailable from this module.
vi.mock('../../model/controllers/deployment/fenceposts.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/controllers/deployment/fenceposts.js')>();
  const roundedUp = (maxSurge: unknown, maxUnavailable: unknown, desired: number): [number, number] => {
    const surge = orig.scaledValue(maxSurge ?? 0, desired, true);
    const unavailable = orig.scaledValue(maxUnavailable ?? 0, desired, true); // the break: up, not down
    return [surge, surge === 0 && unavailable === 0 ? 1 : unavailable];
  };
  return {
    ...orig,
    resolveFenceposts: (...a: Parameters<typeof orig.resolveFenceposts>) =>
      (broken.fenceposts ? roundedUp(a[0], a[1], a[2]) : orig.resolveFenceposts(...a)),
    maxUnavailable: (d: KubeObject, bugs?: Parameters<typeof orig.maxUnavailable>[1]) => {
      if (!broken.fenceposts) return orig.maxUnavailable(d, bugs);
      const replicas = orig.replicasOf(d);
      if (!orig.isRollingUpdate(d) || replicas === 0) return 0;
      const ru = d.spec.strategy.rollingUpdate ?? {};
      return Math.min(roundedUp(ru.maxSurge, ru.maxUnavailable, replicas)[1], replicas);
    },
  };
});

// 2. The scheduler's resource accounting ignores memory. podRequests is what the scheduler's
// cache, its pod infos (NodeResourcesFit) and the kubelet's admission all count with.
vi.mock('../../model/controllers/scheduler/requests.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/controllers/scheduler/requests.js')>();
  return {
    ...orig,
    podRequests: (pod: Parameters<typeof orig.podRequests>[0]) => {
      const r = orig.podRequests(pod);
      return broken.requests ? { ...r, memory: 0, nonZeroMemory: 0 } : r;
    },
  };
});

// 3. The taint-eviction controller's toleration arithmetic says 0: evict at once.
vi.mock('../../model/controllers/tainteviction/tolerations.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/controllers/tainteviction/tolerations.js')>();
  return { ...orig, minTolerationMs: (taints: any[], tolerations: any[]) => (broken.tolerations ? 0 : orig.minTolerationMs(taints, tolerations)) };
});

afterEach(() => { broken.fenceposts = false; broken.requests = false; broken.tolerations = false; });

/** The first message of `checker`, checked after every event of the cluster from now on. */
function watch(c: Cluster, checker: RunInvariant): () => string | undefined {
  let found: string | undefined;
  c.clock.afterTask = () => { found ??= checker.check(c); };
  return () => found;
}

describe('rollout-availability judges the fencepost arithmetic with its own', () => {
  // The pinned "10 replicas at 25%" run of the Deployment property, with the first rollout left to
  // finish (a set-image to the image it already runs changes nothing) before the update to web:2.
  // While the new pods start, only maxUnavailable may be missing: 25% of 10 is 2 (rounded down),
  // so at least 8 stay available, and the ReplicaSets ask for at most 10 + 3.
  const run: RawDeploymentRun = {
    seed: 1, replicas: 10, recreate: false, maxSurge: '25%', maxUnavailable: '25%', minReadySeconds: 0, progressDeadlineSeconds: 600,
    ops: [{ op: { k: 'set-image', image: 0 }, waitS: 30 }, { op: { k: 'set-image', image: 1 }, waitS: 30 }],
  };
  const outcome = () => {
    const r = runScenario(buildDeploymentScenario(run), { controllers: builtinControllers, invariants: checkersOf([rolloutAvailability]) });
    return { violation: r.violations[0], complete: r.ok };
  };

  it('quiet on the whole model: the rollout stays within 8 available and completes', () => {
    const { violation, complete } = outcome();
    expect(violation).toBeUndefined();
    expect(complete).toBe(true);
  });

  it('fires when maxUnavailable is rounded up for every caller (25% of 10 → 3: 7 available)', () => {
    broken.fenceposts = true;
    // The controller's arithmetic, which the invariant used to call, now says 3: an invariant
    // asking it would have demanded only 7 available and stayed quiet.
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    expect(maxUnavailable(d)).toBe(3);
    const { violation } = outcome();
    expect(violation?.invariant).toBe('rollout-availability');
    // The old ReplicaSet scaled to 7 while the 3 new pods start: 13 − 7 − 3 = 3 taken down, not 2.
    expect(violation?.message).toMatch(/^deployment default\/web: 7 available \(Σ min\(spec, available\) over web-\w+ \(revision 1, spec 7, available 10\), web-\w+ \(revision 2, spec 3, available 0\)\) < replicas 10 − maxUnavailable 2 = 8$/);
  });
});

describe('no-overcommit judges the scheduler\'s accounting with its own', () => {
  const pod = (name: string): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: [{ name: 'app', image: 'app:1.0', resources: { requests: { cpu: '100m', memory: '512Mi' } } }] },
  } as KubeObject);
  /** A 1 cpu / 1Gi node and three pods of 100m / 512Mi: room for two of them. */
  const scene = () => {
    const c = new Cluster({ controllers: builtinControllers, seed: 1, nodes: [{ name: 'node-1', capacity: { cpu: '1', memory: '1Gi', pods: '10' } }] });
    const found = watch(c, checkersOf([noOvercommit])[0]!);
    for (const n of ['a', 'b', 'c']) c.store.create(pod(n));
    c.run(60_000);
    const bound = c.store.list('Pod').filter((p) => p.spec?.nodeName === 'node-1' && p.status?.phase === 'Running').length;
    return { found: found(), bound };
  };

  it('quiet on the whole model: two pods run, the third stays Pending', () => {
    expect(scene()).toEqual({ found: undefined, bound: 2 });
  });

  it('fires when podRequests ignores memory: all three are placed and run (1.5Gi on 1Gi)', () => {
    broken.requests = true;
    expect(podRequests(pod('x') as any).memory).toBe(0); // what the invariant used to count with
    const { found, bound } = scene();
    expect(bound).toBe(3);
    expect(found).toBe(`node node-1: pods request ${3 * 512 * 1024 * 1024} bytes of memory, allocatable ${1024 * 1024 * 1024}`);
  });
});

describe('eviction-respects-tolerations judges the toleration arithmetic with its own', () => {
  // A pod with the default tolerations (DefaultTolerationSeconds: unreachable and not-ready for
  // 300s) on a node that crashes: its Ready turns Unknown after 50s, the unreachable taint goes
  // on, and the pod may be evicted 300s later — not before.
  const scene = () => {
    // Two nodes: with every node of the zone down, the node lifecycle controller would stop evictions.
    const c = new Cluster({ controllers: builtinControllers, seed: 1, nodes: [{ name: 'node-1' }, { name: 'node-2' }] });
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'app:1.0' }] } } as KubeObject);
    c.run(10_000);
    const placed = c.store.get('Pod', 'default', 'web')!;
    const found = watch(c, checkersOf([evictionRespectsTolerations])[0]!);
    c.nodeCrash(placed.spec.nodeName);
    c.run(6 * 60_000);
    const after = c.store.get('Pod', 'default', 'web');
    return { found: found(), node: placed.spec.nodeName as string, tolerations: placed.spec.tolerations, evicted: after === undefined || after.metadata.deletionTimestamp !== undefined };
  };

  it('quiet on the whole model: the pod is evicted, 300s after the taint', () => {
    const { found, tolerations, evicted } = scene();
    expect(tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    expect(evicted).toBe(true);
    expect(found).toBeUndefined();
  });

  it('fires when minTolerationMs returns 0: the pod is evicted as soon as the taint goes on', () => {
    broken.tolerations = true;
    // What the invariant used to call now says 0 too: asking it, the invariant would have allowed this.
    expect(minTolerationMs([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }])).toBe(0);
    const { found, node, evicted } = scene();
    expect(evicted).toBe(true);
    expect(found).toBe(`pod default/web was evicted 0s after node ${node} was tainted, but tolerates it for 300s`);
  });
});
