// READY, STATUS and RESTARTS of `kubectl get pods`. STATUS is not the phase:
// it is the most telling reason found walking init containers, then regular
// containers (last to first), then deletion. Users read CrashLoopBackOff,
// Init:0/1 or Terminating here, so the walk is mirrored step by step.
// upstream: pkg/printers/internalversion/printers.go printPod (v1.32)

import type { KubeObject, Pod } from '../../model/api/types.js';
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1.js';
import { humanDuration, parseTime, since } from './duration.js';
import { AGE, NAME, wide, type KindPrinter } from './printer.js';

/** upstream: pkg/util/node.NodeUnreachablePodReason */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export interface PodSummary {
  /** `ready/total`, sidecars (restartable init containers) counted in total. */
  ready: string;
  status: string;
  /** `3` or `3 (45s ago)`. */
  restarts: string;
}

export function podSummary(obj: KubeObject, now: number): PodSummary {
  const pod = obj as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  // A pod held by scheduling gates says so rather than Pending.
  for (const c of conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') totalContainers++;
  const isSidecar = (name: string): boolean => initSpecs.get(name)?.restartPolicy === 'Always';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, finishedAt(c));
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finishedAt(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isSidecar(c.name) && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // Initialization failed.
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isInitialized(conditions)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, finishedAt(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs is not Completed.
    if (reason === 'Completed' && hasRunning) reason = hasTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = parseTime(pod.metadata?.deletionTimestamp) !== undefined;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsCell = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsCell };
}

function finishedAt(c: ContainerStatus): number | undefined {
  return parseTime(c.lastState?.terminated?.finishedAt);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  return a === undefined || a < b ? b : a;
}

function hasTrue(conditions: PodCondition[], type: string): boolean {
  return conditions.some((c) => c.type === type && c.status === 'True');
}

/** upstream: printers.go isPodInitializedConditionTrue (the first Initialized condition decides) */
function isInitialized(conditions: PodCondition[]): boolean {
  const c = conditions.find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

export const podPrinter: KindPrinter = {
  columns: [NAME, { name: 'Ready' }, { name: 'Status' }, { name: 'Restarts' }, AGE, wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates')],
  row(obj, { now }) {
    const pod = obj as unknown as Pod;
    const s = podSummary(obj, now);
    const gates = pod.spec?.readinessGates ?? [];
    let gatesCell = '<none>';
    if (gates.length > 0) {
      const conditions = pod.status?.conditions ?? [];
      const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
      gatesCell = `${trueCount}/${gates.length}`;
    }
    return [
      obj.metadata.name ?? '',
      s.ready,
      s.status,
      s.restarts,
      since(obj.metadata.creationTimestamp, now),
      // Upstream reads podIPs[0]; the kubelet always sets podIP alongside it.
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gatesCell,
    ];
  },
};
