// The kubelet's container restart back-off, as v1.32 runs it: the first exit
// restarts at once (no back-off entry exists yet), then each restart waits
// 10s, 20s, 40s ... up to 300s after the exit; a container that ran cleanly
// for 10 minutes starts over with an immediate restart. restartCount counts
// restarts done, so it does not move while a container waits.
// upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (doBackOff), client-go util/flowcontrol/backoff.go
import { describe, it, expect } from 'vitest';
import { Cluster } from '../cluster.js';
import type { KubeObject } from '../../model/api/types.js';
import { builtinControllers } from '../../properties/controllers/index.js';

function crashing(exitAfterMs: number) {
  const c = new Cluster({ controllers: builtinControllers, nodes: [{ name: 'node-1' }], images: { 'crash:1': { exitAfterMs, exitCode: 1 } } });
  const starts: number[] = [];
  c.store.onChange((type, o) => {
    const e = o as KubeObject & { reason?: string; count?: number };
    if (o.kind === 'Event' && e.reason === 'Started') starts.push(c.clock.now());
  });
  c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'crash:1' }] } });
  c.settle();
  const status = () => c.store.get('Pod', 'default', 'p')!.status!.containerStatuses[0];
  return { c, starts, status };
}

describe('container restart back-off', () => {
  it('restarts at once after the first exit, then after 10s, 20s, 40s, 80s, 160s, 300s, 300s', () => {
    const { c, starts } = crashing(5_000);
    c.run(30 * 60_000);
    // Started at 2s; each run lasts 5s; the waits after the exits are 0, 10, 20, 40, 80, 160, 300, 300...
    const gaps = starts.slice(1).map((t, i) => (t - starts[i]!) / 1000 - 5);
    expect(starts[0]).toBe(2_000);
    expect(gaps.slice(0, 9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('counts restarts done: 1 after the immediate restart, still 1 while waiting out the second exit', () => {
    const { c, status } = crashing(5_000);
    c.run(8_000);
    expect(status().restartCount).toBe(1);
    expect(status().state.running).toBeDefined();
    expect(c.store.list('Event').filter((e: any) => e.reason === 'BackOff')).toEqual([]);
    c.run(7_000);
    expect(status().restartCount).toBe(1);
    expect(status().state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: expect.stringMatching(/^back-off 10s restarting failed container=c pod=p_default/) });
  });

  it('starts over after a clean run of more than 10 minutes: the next exit restarts at once', () => {
    const { c, starts } = crashing(11 * 60_000);
    c.run(40 * 60_000);
    const gaps = starts.slice(1).map((t, i) => (t - starts[i]!) / 1000 - 11 * 60);
    expect(gaps.slice(0, 3)).toEqual([0, 0, 0]);
  });
});
