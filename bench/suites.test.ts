// The suites' plumbing on small or synthetic inputs: how raw results become
// figures (baselines, series, references), the harness scenario, and one
// tiny whole-cluster run. No timing is asserted.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runtime/scenario/run.js';
import { clusterFigures } from './cluster-suite.js';
import { converge, WORKLOADS } from './converge.js';
import { harnessScenario } from './harness.js';
import { schedulerFigures } from './scheduler-suite.js';
import { naiveMatches, selectivityLabels, SELECTIVITIES } from './selectivity.js';
import { selectorFigures } from './selectors-suite.js';
import { SUITES } from './suites.js';
import { summarize } from './stats.js';
import { builtinControllers } from '../properties/controllers/index.js';

const raw = (name: string, unit: string) => ({ name, unit, value: 1, samples: 3, rme: 1 });

describe('suite list', () => {
  it('has unique ids', () => {
    expect(new Set(SUITES.map((s) => s.id)).size).toBe(SUITES.length);
  });
});

describe('selectors', () => {
  it('relates runSelectorBench results to baselines, series and Go numbers', () => {
    const f = new Map(selectorFigures([raw('match hit', 'ns/op'), raw('list 10k: index', 'µs/op'), raw('list 100k: full scan', 'µs/op')]).map((x) => [x.name, x]));
    expect(f.get('match hit')).toMatchObject({ baseline: 'naive match hit (parse + match)', reference: { value: 30 }, better: 'smaller' });
    expect(f.get('list 10k: index')).toMatchObject({ baseline: 'list 10k: full scan', size: 10_000, series: 'index (mixed ~3% selector)' });
    expect(f.get('list 100k: full scan')).toMatchObject({ reference: { value: 1_500 }, size: 100_000 });
  });

  it('builds label sets that each selector hits at its selectivity', () => {
    const sets = selectivityLabels(10_000);
    for (const { pct, selector } of SELECTIVITIES) {
      expect(sets.filter((l) => naiveMatches(selector, l)).length).toBe((10_000 * pct) / 100);
    }
  });
});

describe('scheduler', () => {
  it('puts the placement time on a series by pod count and the throughput against the floor', () => {
    const f = schedulerFigures([raw('schedule 50k pods onto 5k nodes', 'ms'), raw('schedule 50k pods onto 5k nodes: throughput', 'pods/s')]);
    expect(f[0]).toMatchObject({ series: 'schedule every pod', size: 50_000, better: 'smaller' });
    expect(f[1]).toMatchObject({ better: 'larger', reference: { value: 810 } });
  });
});

describe('whole cluster', () => {
  it('converges a tiny cluster and measures it', () => {
    const r = converge({ nodes: 3, pods: 30 });
    expect(r.virtualMs).toBeGreaterThan(0);
    expect(r.storeChanges).toBeGreaterThanOrEqual(30 * 3);
    expect(r.eventObjects).toBeGreaterThan(0);
    expect(r.peakHeapBytes).toBeGreaterThan(0);
    // Events go off once the cluster is built: only node registration's remain, none per pod.
    const quiet = converge({ nodes: 3, pods: 30, events: false });
    expect(quiet.eventObjects).toBeLessThan(r.eventObjects);
    expect(quiet.eventObjects).toBeLessThanOrEqual(3 * 6);
  });

  it('names the figures by size and variant, events on set against events off', () => {
    const run = { wallMs: 2_000, cpuMs: 2_500, createMs: 100, virtualMs: 2_000, storeChanges: 3_000, tasks: 1, peakHeapBytes: 2 ** 20, bytesPerPod: 2048, eventObjects: 0 };
    const f = clusterFigures('bare pods', { nodes: 100, pods: 3_000, repeat: 2 }, true, [run, { ...run, wallMs: 4_000 }]);
    const wall = f.find((x) => x.name === '100 nodes / 3k pods (bare pods): wall time')!;
    expect(wall).toMatchObject({ value: 3, samples: 2, series: 'wall time (bare pods)', size: 3_000, baseline: '100 nodes / 3k pods (bare pods, events off): wall time' });
    expect(f.find((x) => x.name.endsWith('live heap per pod'))).toMatchObject({ value: 2, unit: 'KiB/pod' });
    expect(Object.keys(WORKLOADS)).toContain('bare-pods');
  });
});

describe('harness', () => {
  it('is a 3-node, 20-step scenario that passes', () => {
    const s = harnessScenario();
    expect(s.nodes).toHaveLength(3);
    expect(s.steps).toHaveLength(20);
    const r = runScenario(s, { controllers: builtinControllers });
    expect(r.failure).toBeUndefined();
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('summarize', () => {
  it('gives the mean and a t-based relative margin of error', () => {
    expect(summarize([5])).toEqual({ mean: 5, rme: 0, samples: 1 });
    const s = summarize([9, 10, 11]);
    expect(s.mean).toBe(10);
    // sd 1, sem 1/√3, t(2) 4.303 → 24.8%.
    expect(s.rme).toBeCloseTo((4.303 / Math.sqrt(3)) * 10, 6);
  });
});

describe('services-storage', () => {
  it('relates the binder to its naive baseline, and puts each path on its series', async () => {
    const { servicesStorageFigures, benchVolumes, benchClaim, steadySlices, benchServicePods } = await import('./services-storage.bench.js');
    const f = new Map(servicesStorageFigures([raw('bind among 1000 volumes', 'µs/op'), raw('bind among 1000 volumes: naive sort', 'µs/op'),
      raw('endpointslice sync 5000 pods', 'µs/op'), raw('proxy route over 100 endpoints', 'µs/op')]).map((x) => [x.name, x]));
    expect(f.get('bind among 1000 volumes')).toMatchObject({ baseline: 'bind among 1000 volumes: naive sort', size: 1000, sizeUnit: 'volumes', better: 'smaller' });
    expect(f.get('endpointslice sync 5000 pods')).toMatchObject({ series: 'EndpointSlice sync, steady', size: 5000, sizeUnit: 'pods' });
    expect(f.get('proxy route over 100 endpoints')).toMatchObject({ series: 'kube-proxy merge + pick', size: 100, sizeUnit: 'endpoints' });
    expect(benchVolumes(10)).toHaveLength(10);
    expect(benchClaim.spec.resources.requests.storage).toBe('4Gi');
    // 250 pods pack into three slices of at most 100.
    expect(steadySlices(benchServicePods(250)).map((s) => (s as any).endpoints.length)).toEqual([100, 100, 50]);
  });
});
