// The pod lifecycle as the kubelet drives it. The machine decides; the
// kubelet carries out the named entry actions (write status, start timers,
// emit events). Timers are not in the machine: the runtime's virtual clock
// sends the events, so the same definition serves runs, diagrams and tests.
// upstream: pkg/kubelet/kubelet.go (syncPod), pkg/kubelet/kuberuntime (container restarts);
//           docs "Pod Lifecycle" (phases, restartPolicy, CrashLoopBackOff).
import { setup } from 'xstate';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface PodMachineContext { restartPolicy: RestartPolicy }

export type PodMachineEvent =
  | { type: 'BIND' }
  | { type: 'ADMIT' }
  | { type: 'REJECT' }
  /** Every volume the pod mounts is attached and mounted (at once for a pod without claims). */
  | { type: 'MOUNTED' }
  | { type: 'PULLED' }
  | { type: 'PULL_FAILED' }
  | { type: 'PULL_RETRY' }
  | { type: 'STARTED' }
  | { type: 'READY' }
  | { type: 'UNREADY' }
  /** A container exited; `restartNow`: the kubelet has no back-off running for it, so a restart is immediate. */
  | { type: 'EXIT'; exitCode: number; restartNow?: boolean }
  | { type: 'BACKOFF_DONE' }
  | { type: 'DEADLINE' }
  | { type: 'DELETE' }
  | { type: 'STOPPED' };

/** Does the kubelet restart a container that exited with this code? (restartPolicy semantics) */
export function restartsAfter(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

export const podMachine = setup({
  types: {
    context: {} as PodMachineContext,
    events: {} as PodMachineEvent,
    input: {} as { restartPolicy?: RestartPolicy },
  },
  guards: {
    restarts: ({ context, event }) => event.type === 'EXIT' && restartsAfter(context.restartPolicy, event.exitCode),
    restartsNow: ({ context, event }) => event.type === 'EXIT' && event.restartNow === true && restartsAfter(context.restartPolicy, event.exitCode),
    exitedZero: ({ event }) => event.type === 'EXIT' && event.exitCode === 0,
  },
  actions: {
    onScheduled: () => {}, onRejected: () => {}, onMounting: () => {}, onPulling: () => {}, onPullFailed: () => {},
    onStarting: () => {}, onRunning: () => {}, onReady: () => {}, onUnready: () => {},
    onCrashLoopBackOff: () => {}, onSucceeded: () => {}, onFailed: () => {},
    onTerminating: () => {}, onRemoved: () => {},
  },
}).createMachine({
  id: 'pod',
  context: ({ input }) => ({ restartPolicy: input?.restartPolicy ?? 'Always' }),
  initial: 'unscheduled',
  states: {
    unscheduled: { on: { BIND: 'scheduled', DELETE: 'removed' } },
    scheduled: {
      entry: 'onScheduled',
      on: { ADMIT: 'mounting', REJECT: 'failed', DELETE: 'removed' },
    },
    // upstream: pkg/kubelet/volumemanager (WaitForAttachAndMount): containers start only once every volume is mounted.
    mounting: {
      entry: 'onMounting',
      on: { MOUNTED: 'pulling', DELETE: 'terminating', DEADLINE: 'failed' },
    },
    pulling: {
      entry: 'onPulling',
      on: { PULLED: 'starting', PULL_FAILED: 'imagePullBackOff', DELETE: 'terminating', DEADLINE: 'failed' },
    },
    imagePullBackOff: {
      entry: 'onPullFailed',
      on: { PULL_RETRY: 'pulling', DELETE: 'terminating', DEADLINE: 'failed' },
    },
    starting: {
      entry: 'onStarting',
      on: { STARTED: 'running', DELETE: 'terminating', DEADLINE: 'failed' },
    },
    running: {
      entry: 'onRunning',
      initial: 'notReady',
      states: {
        notReady: { entry: 'onUnready', on: { READY: 'ready' } },
        ready: { entry: 'onReady', on: { UNREADY: 'notReady' } },
      },
      on: {
        EXIT: [
          // upstream: kuberuntime doBackOff — the first exit finds no back-off entry: restart at once.
          { guard: 'restartsNow', target: 'starting' },
          { guard: 'restarts', target: 'crashLoopBackOff' },
          { guard: 'exitedZero', target: 'succeeded' },
          { target: 'failed' },
        ],
        DELETE: 'terminating',
        // upstream: pkg/kubelet/active_deadline.go — past activeDeadlineSeconds the pod fails.
        DEADLINE: 'failed',
      },
    },
    crashLoopBackOff: {
      entry: 'onCrashLoopBackOff',
      on: { BACKOFF_DONE: 'starting', DELETE: 'terminating', DEADLINE: 'failed' },
    },
    terminating: {
      entry: 'onTerminating',
      on: { STOPPED: 'removed' },
    },
    succeeded: { entry: 'onSucceeded', on: { DELETE: 'removed' } },
    failed: { entry: 'onFailed', on: { DELETE: 'removed' } },
    removed: { entry: 'onRemoved', type: 'final' },
  },
});
