// upstream: k8s.io/component-helpers/resource/helpers.go (PodRequests, AggregateContainerRequests)
// Expected values worked out by hand: Σ containers, max with each init container (plus the sidecars before it),
// sidecars added to the sum, pod-level requests replacing, overhead added; cpu in m (rounded up), memory in bytes.
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { podEffectiveRequests, storedPodRequests } from './requests.js';

const Mi = 1024 * 1024, Gi = 1024 * Mi;
const c = (cpu?: string, memory?: string, extra: Record<string, unknown> = {}) => ({
  name: 'c', image: 'i', ...extra,
  resources: { requests: { ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) } },
});
const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec } as KubeObject);

describe('podEffectiveRequests', () => {
  it.each<[string, Record<string, unknown>, number, number]>([
    ['one container', { containers: [c('500m', '64Mi')] }, 500, 64 * Mi],
    ['whole cores and Gi', { containers: [c('2', '1Gi')] }, 2000, Gi],
    ['no requests', { containers: [{ name: 'c', image: 'i' }] }, 0, 0],
    ['no containers at all', {}, 0, 0],
    ['two containers add up', { containers: [c('100m', '128Mi'), c('250m', '64Mi')] }, 350, 192 * Mi],
    ['only cpu named', { containers: [c('1')] }, 1000, 0],
    ['decimal memory', { containers: [c(undefined, '1G')] }, 0, 1e9],
    ['an init container larger than the sum wins', { containers: [c('100m', '64Mi')], initContainers: [c('1', '32Mi')] }, 1000, 64 * Mi],
    ['init containers take the max, not the sum', { containers: [c('100m')], initContainers: [c('300m'), c('200m')] }, 300, 0],
    // Sidecar 200m first: the sum is 100m + 200m = 300m; the init after it needs 200m + 250m = 450m.
    ['a sidecar adds to the sum and to the inits after it', {
      containers: [c('100m')], initContainers: [c('200m', undefined, { restartPolicy: 'Always' }), c('250m')],
    }, 450, 0],
    // Init before the sidecar needs only itself (250m); the sum is 100m + 200m = 300m.
    ['an init before the sidecar needs only itself', {
      containers: [c('100m')], initContainers: [c('250m'), c('200m', undefined, { restartPolicy: 'Always' })],
    }, 300, 0],
    ['overhead is added', { containers: [c('500m', '64Mi')], overhead: { cpu: '250m', memory: '120Mi' } }, 750, 184 * Mi],
    ['overhead on top of the init max', { containers: [c('100m')], initContainers: [c('1')], overhead: { cpu: '100m' } }, 1100, 0],
    ['pod-level requests replace the containers\' for what they name', {
      resources: { requests: { cpu: '2' } }, containers: [c('500m', '64Mi')],
    }, 2000, 64 * Mi],
    // 0.5m + 0.5m is 1m exactly; rounding each first would give 2m.
    ['cpu is summed exactly, then rounded up', { containers: [c('500u'), c('500u')] }, 1, 0],
    ['a fraction of a millicore rounds up', { containers: [c('100u')] }, 1, 0],
    ['numbers as quantities', { containers: [c(1 as any, 1024 as any)] }, 1000, 1024],
  ])('%s', (_what, spec, cpuMilli, memory) => {
    expect(podEffectiveRequests(pod(spec))).toEqual({ cpuMilli, memory, pods: 1 });
  });
});

describe('storedPodRequests', () => {
  it('answers as podEffectiveRequests, for frozen and unfrozen pods alike', () => {
    const p = pod({ containers: [c('250m', '1Gi')] });
    expect(storedPodRequests(p)).toEqual({ cpuMilli: 250, memory: Gi, pods: 1 });
    (p.spec.containers[0].resources.requests as any).cpu = '500m'; // not frozen: read afresh
    expect(storedPodRequests(p).cpuMilli).toBe(500);
    const frozen = Object.freeze(pod({ containers: [c('1', '64Mi')] }));
    expect(storedPodRequests(frozen)).toEqual({ cpuMilli: 1000, memory: 64 * Mi, pods: 1 });
    expect(storedPodRequests(frozen)).toBe(storedPodRequests(frozen));
  });
});
