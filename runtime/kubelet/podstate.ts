// What the kubelet knows about one pod it runs, and the PodStatus it reports
// from that. upstream: pkg/kubelet/kubelet_pods.go (generateAPIPodStatus, getPhase),
// pkg/kubelet/status/generate.go (GeneratePodReadyCondition and friends).
import type { KubeObject } from '../../model/api/types.js';
import type { ImageBehaviour } from '../config.js';
import type { TaskHandle } from '../clock.js';
import type { Step } from '../../model/machines/drive.js';
import type { podMachine } from '../../model/machines/pod.js';

export interface Terminated { exitCode: number; reason: string; startedAt?: string; finishedAt: string; message?: string }

export interface ContainerState {
  name: string;
  image: string;
  behaviour: ImageBehaviour;
  restartCount: number;
  startedAt?: string;
  startedMs?: number;
  lastTerminated?: Terminated;
  /** Set when the pod is terminal: how this container ended. */
  terminated?: Terminated;
  ready: boolean;
  /** Readiness forced off by a pod-unready step. */
  forcedUnready: boolean;
  /** The container whose exit caused the current back-off. */
  crashed: boolean;
  readinessDelayMs: number;
}

export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  pod: KubeObject;
  step: Step<typeof podMachine>;
  containers: ContainerState[];
  timers: TaskHandle[];
  /**
   * The kubelet's back-off entry for the pod's containers (upstream flowcontrol.Backoff): the
   * current delay and when it was last moved on. None until the first exit.
   */
  crashBackOff?: { ms: number; lastUpdateMs: number };
  imageBackOffMs: number;
  waitingReason?: string;
  waitingMessage?: string;
  startTime?: string;
  podIP: string;
  rejected?: { reason: string; message: string };
  /** Why a running pod was failed by the kubelet (activeDeadlineSeconds). */
  failReason?: { reason: string; message: string };
  deadlineTimer?: TaskHandle;
  deadlineAtMs?: number;
  /** Condition transition times, kept stable while a condition holds. */
  conditionTimes: Map<string, { status: string; time: string }>;
  lastWritten?: string;
  lastWrittenRV?: string;
  /** The volumes mounted for the pod (its claims' PersistentVolumes), once mounting has finished. */
  volumes?: KubeObject[];
  /** When the kubelet started waiting for them, and when it last reported FailedMount. */
  mountSinceMs?: number;
  failedMountAtMs?: number;
}

/** Is the pod's machine in this state (or one of its children)? The machine's own, typed check. */
export const podIn = (pr: PodRuntime, state: PodStateName): boolean => pr.step.snapshot.matches(state);

/** The pod machine's top-level states. */
export type PodStateName = 'unscheduled' | 'scheduled' | 'mounting' | 'pulling' | 'imagePullBackOff' | 'starting' | 'running' | 'crashLoopBackOff' | 'terminating' | 'succeeded' | 'failed' | 'removed';

function condition(pr: PodRuntime, type: string, status: boolean, now: string, reason?: string) {
  const s = status ? 'True' : 'False';
  const prev = pr.conditionTimes.get(type);
  const time = prev && prev.status === s ? prev.time : now;
  pr.conditionTimes.set(type, { status: s, time });
  const c: Record<string, unknown> = { type, status: s, lastProbeTime: null, lastTransitionTime: time };
  if (reason) c.reason = reason;
  return c;
}

/** The status the kubelet posts for a pod in its current state. */
export function buildPodStatus(pr: PodRuntime, now: string, hostIP: string): Record<string, unknown> {
  const is = (s: PodStateName) => podIn(pr, s);
  const phase = is('succeeded') ? 'Succeeded' : is('failed') ? 'Failed'
    : is('running') || is('crashLoopBackOff') || (is('terminating') && pr.containers.some((c) => c.startedAt)) ? 'Running'
    : 'Pending';
  const old = pr.pod.status ?? {};
  if (pr.rejected) {
    return { ...old, phase: 'Failed', reason: pr.rejected.reason, message: pr.rejected.message, startTime: old.startTime ?? now };
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const running = is('running');
  // A terminating pod stays Ready while its containers run and pass readiness (the prober goes on during termination).
  const allReady = (running || (is('terminating') && pr.containers.every((c) => c.startedAt && !c.terminated))) && pr.containers.every((c) => c.ready);
  // The sandbox is created once the volumes are mounted.
  const sandbox = !terminal && !is('scheduled') && !is('mounting');
  const conditions = [
    condition(pr, 'PodReadyToStartContainers', sandbox, now),
    condition(pr, 'Initialized', true, now),
    condition(pr, 'Ready', allReady, now, allReady || terminal ? (terminal ? 'PodCompleted' : undefined) : 'ContainersNotReady'),
    condition(pr, 'ContainersReady', allReady, now, allReady || terminal ? (terminal ? 'PodCompleted' : undefined) : 'ContainersNotReady'),
    ...(old.conditions ?? []).filter((c: any) => c.type === 'PodScheduled' || c.type === 'DisruptionTarget'),
  ];
  for (const c of conditions) {
    if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status === 'False' && !terminal) {
      const notReady = pr.containers.filter((x) => !x.ready).map((x) => x.name);
      c.message = `containers with unready status: [${notReady.join(' ')}]`;
    }
  }
  const containerStatuses = pr.containers.map((c) => {
    let st: Record<string, unknown>;
    if (c.terminated) st = { terminated: { ...c.terminated, containerID: undefined } };
    else if (running && c.startedAt && !c.crashed) st = { running: { startedAt: c.startedAt } };
    else if (is('terminating') && c.startedAt) st = { running: { startedAt: c.startedAt } };
    else if (c.crashed || (is('crashLoopBackOff') && !c.startedAt)) st = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round((pr.crashBackOff?.ms ?? 10_000) / 1000)}s restarting failed container=${c.name} pod=${pr.name}_${pr.namespace}(${pr.uid})` } };
    else if (running && c.startedAt) st = { running: { startedAt: c.startedAt } };
    else st = { waiting: pr.waitingReason ? { reason: pr.waitingReason, ...(pr.waitingMessage ? { message: pr.waitingMessage } : {}) } : { reason: 'ContainerCreating' } };
    const out: Record<string, unknown> = {
      name: c.name, image: c.image, imageID: c.startedAt || c.lastTerminated ? `docker.io/library/${c.image}` : '',
      ready: c.ready, restartCount: c.restartCount, started: Boolean(running && c.startedAt && !c.crashed), state: st,
      lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    };
    return out;
  });
  const status: Record<string, unknown> = {
    phase, conditions, hostIP, hostIPs: [{ ip: hostIP }],
    podIP: pr.podIP, podIPs: [{ ip: pr.podIP }], startTime: pr.startTime ?? now, containerStatuses, qosClass: old.qosClass ?? qosClass(pr.pod),
  };
  if (pr.failReason && phase === 'Failed') { status.reason = pr.failReason.reason; status.message = pr.failReason.message; }
  return status;
}

/** upstream: pkg/apis/core/helper/qos/qos.go GetPodQOS (cpu and memory only). */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      // Requests default to limits, so a limit alone counts as equal.
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
