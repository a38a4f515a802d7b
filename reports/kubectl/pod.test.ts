import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { M, NOW, S, pod, running, terminated, waiting } from './fixtures.js';
import { podSummary } from './pod.js';

const now = Date.parse(NOW);
const READY = { type: 'Ready', status: 'True' };
const NOT_READY = { type: 'Ready', status: 'False' };
const INITIALIZED = { type: 'Initialized', status: 'True' };
const initRunning = (name = 'init') => ({ name, ready: false, restartCount: 0, image: 'busybox', imageID: '', started: true, state: { running: { startedAt: '2024-05-01T11:59:00Z' } } });
const initDone = (name = 'init') => ({ ...terminated('Completed', 0, name) });

// Each branch of kubectl's printPod, as `kubectl get pods` would show it.
const cases: [string, KubeObject, string, string, string][] = [
  ['running and ready', pod('a', { containers: [running()], conditions: [READY] }), '1/1', 'Running', '0'],
  ['running, not ready', pod('a', { containers: [{ ...running(), ready: false }], conditions: [NOT_READY] }), '0/1', 'Running', '0'],
  ['pending, no container status yet', pod('a', { phase: 'Pending' }), '0/1', 'Pending', '0'],
  ['held by scheduling gates', pod('a', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
  ['creating containers', pod('a', { phase: 'Pending', containers: [waiting('ContainerCreating')] }), '0/1', 'ContainerCreating', '0'],
  ['image pull failed', pod('a', { phase: 'Pending', containers: [waiting('ErrImagePull')] }), '0/1', 'ErrImagePull', '0'],
  ['image pull backing off', pod('a', { phase: 'Pending', containers: [waiting('ImagePullBackOff')] }), '0/1', 'ImagePullBackOff', '0'],
  ['crash looping', pod('a', { containers: [waiting('CrashLoopBackOff', 'web', 3, 45 * S)] }), '0/1', 'CrashLoopBackOff', '3 (45s ago)'],
  ['completed', pod('a', { phase: 'Succeeded', containers: [terminated('Completed', 0)] }), '0/1', 'Completed', '0'],
  ['failed with a reason', pod('a', { phase: 'Failed', containers: [terminated('Error', 1)] }), '0/1', 'Error', '0'],
  ['terminated without reason: exit code', pod('a', { phase: 'Failed', containers: [terminated(undefined, 2)] }), '0/1', 'ExitCode:2', '0'],
  ['terminated without reason: signal', pod('a', { phase: 'Failed', containers: [terminated(undefined, 137, 'web', 9)] }), '0/1', 'Signal:9', '0'],
  ['evicted keeps the pod reason', pod('a', { phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
  ['being deleted', pod('a', { containers: [running()], conditions: [READY], deletedAgo: 10 * S }), '1/1', 'Terminating', '0'],
  ['deleted after it completed', pod('a', { phase: 'Succeeded', containers: [terminated('Completed', 0)], deletedAgo: 10 * S }), '0/1', 'Completed', '0'],
  ['on a lost node', pod('a', { reason: 'NodeLost', containers: [running()] }), '1/1', 'NodeLost', '0'],
  ['on a lost node, being deleted', pod('a', { reason: 'NodeLost', containers: [running()], deletedAgo: 5 * S }), '1/1', 'Unknown', '0'],
  [
    'first init container running',
    pod('a', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [initRunning()], containers: [waiting('PodInitializing')] }),
    '0/1', 'Init:0/1', '0',
  ],
  [
    'init container waiting to initialize counts as in progress',
    pod('a', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [{ ...waiting('PodInitializing', 'init') }], containers: [waiting('PodInitializing')] }),
    '0/1', 'Init:0/1', '0',
  ],
  [
    'second of two init containers',
    pod('a', { phase: 'Pending', initContainers: [{ name: 'one' }, { name: 'two' }], initStatuses: [initDone('one'), initRunning('two')], containers: [waiting('PodInitializing')] }),
    '0/1', 'Init:1/2', '0',
  ],
  [
    'init container crash looping',
    pod('a', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [waiting('CrashLoopBackOff', 'init', 4, 30 * S)], containers: [waiting('PodInitializing')] }),
    '0/1', 'Init:CrashLoopBackOff', '4 (30s ago)',
  ],
  ['init container failed', pod('a', { phase: 'Failed', initContainers: [{ name: 'init' }], initStatuses: [terminated('Error', 1, 'init')] }), '0/1', 'Init:Error', '0'],
  ['init container exit code', pod('a', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [terminated(undefined, 3, 'init')] }), '0/1', 'Init:ExitCode:3', '0'],
  ['init container signal', pod('a', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [terminated(undefined, 137, 'init', 9)] }), '0/1', 'Init:Signal:9', '0'],
  [
    'init done, app containers running',
    pod('a', { initContainers: [{ name: 'init' }], initStatuses: [initDone()], containers: [running()], conditions: [INITIALIZED, READY] }),
    '1/1', 'Running', '0',
  ],
  [
    'sidecar counts as a container',
    pod('a', { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], initStatuses: [{ ...running('proxy') }], containers: [running()], conditions: [INITIALIZED, READY] }),
    '2/2', 'Running', '0',
  ],
  [
    'sidecar restarts are counted after initialization',
    pod('a', {
      initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
      initStatuses: [{ ...running('proxy'), restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:59:00Z' } } }],
      containers: [running()],
      conditions: [INITIALIZED, READY],
    }),
    '2/2', 'Running', '2 (60s ago)',
  ],
  [
    'a completed container next to a running one is not Completed',
    pod('a', { containers: [terminated('Completed', 0, 'job'), running('helper')], conditions: [NOT_READY] }),
    '1/2', 'NotReady', '0',
  ],
  [
    'same, with the pod Ready',
    pod('a', { containers: [terminated('Completed', 0, 'job'), running('helper')], conditions: [READY] }),
    '1/2', 'Running', '0',
  ],
  [
    'restarts add up; the latest restart is shown',
    pod('a', { containers: [waiting('CrashLoopBackOff', 'a', 2, 5 * M), waiting('CrashLoopBackOff', 'b', 5, 90 * S)] }),
    '0/2', 'CrashLoopBackOff', '7 (90s ago)',
  ],
];

describe('podSummary', () => {
  it.each(cases)('%s', (_title, p, ready, status, restarts) => {
    expect(podSummary(p, now)).toEqual({ ready, status, restarts });
  });

  it('shows a bare count when no termination time is known', () => {
    const p = pod('a', { containers: [{ ...running(), restartCount: 2 }], conditions: [READY] });
    expect(podSummary(p, now).restarts).toBe('2');
  });

  it('takes the status from the first container when several are unhappy', () => {
    // kubectl walks containers last to first, so the first one's reason wins.
    const p = pod('a', { phase: 'Pending', containers: [waiting('ErrImagePull', 'a'), waiting('ContainerCreating', 'b')] });
    expect(podSummary(p, now).status).toBe('ErrImagePull');
  });
});
