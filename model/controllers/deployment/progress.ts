// The Progressing condition, written the way the rollout machine decides.
// Each sync asks one question of the machine — what does this event mean in
// the state the condition records? — and writes the condition its actions
// name. The progress estimate itself (complete? progressing? out of time?)
// is upstream's, in upstream's order.
// upstream: pkg/controller/deployment/progress.go (syncRolloutStatus, requeueStuckDeployment)
import type { KubeObject } from '../../api/types.js';
import { rolloutMachine, rolloutSnapshot, type RolloutEvent } from './rollout-machine.js';
import { send } from '../../machines/drive.js';
import {
  REASON, calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition,
  hasProgressDeadline, newCondition, removeCondition, setCondition,
} from './conditions.js';
import type { FencepostBugs } from './fenceposts.js';

export interface RolloutFacts {
  d: KubeObject;
  newRS?: KubeObject;
  now: string;
  /** For CREATE_FAILED: the API error's text. */
  error?: string;
}

/** The actions the rollout machine takes for `event` in the state `status`'s Progressing condition records. */
export function rolloutActions(status: any, event: RolloutEvent): string[] {
  const reason = getCondition(status, 'Progressing')?.reason;
  return send(rolloutMachine, rolloutSnapshot(reason), event).actions;
}

/** Carry out one machine action on `status`: the Progressing condition it names, with upstream's message. */
export function applyRolloutAction(status: any, action: string, f: RolloutFacts): void {
  const rsName = f.newRS?.metadata.name;
  const subject = rsName ? `ReplicaSet "${rsName}"` : `Deployment "${f.d.metadata.name}"`;
  const P = 'Progressing';
  switch (action) {
    case 'markNewReplicaSetCreated': return setCondition(status, newCondition(P, 'True', REASON.NewReplicaSetCreated, `Created new replica set "${rsName}"`, f.now));
    case 'markFoundNewReplicaSet': return setCondition(status, newCondition(P, 'True', REASON.FoundNewReplicaSet, `Found new replica set "${rsName}"`, f.now));
    case 'markResumed': return setCondition(status, newCondition(P, 'Unknown', REASON.DeploymentResumed, 'Deployment is resumed', f.now));
    case 'markPaused': return setCondition(status, newCondition(P, 'Unknown', REASON.DeploymentPaused, 'Deployment is paused', f.now));
    case 'markComplete': return setCondition(status, newCondition(P, 'True', REASON.NewReplicaSetAvailable, `${subject} has successfully progressed.`, f.now));
    case 'markTimedOut': return setCondition(status, newCondition(P, 'False', REASON.ProgressDeadlineExceeded, `${subject} has timed out progressing.`, f.now));
    case 'markCreateFailed':
      return setCondition(status, newCondition(P, 'False', REASON.ReplicaSetCreateError, `Failed to create new replica set "${rsName}": ${f.error ?? ''}`, f.now));
    case 'markReplicaSetUpdated': {
      // Progress refreshes lastUpdateTime even with the same reason (SetDeploymentCondition would not).
      const c = newCondition(P, 'True', REASON.ReplicaSetUpdated, `${subject} is progressing.`, f.now);
      const cur = getCondition(status, P);
      if (cur) {
        if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(status, P);
      }
      return setCondition(status, c);
    }
    default: throw new Error(`rollout: unknown action ${action}`);
  }
}

/** Send `event` and apply what the machine says; true when the Deployment's status changed. */
export function rolloutEvent(status: any, event: RolloutEvent, f: RolloutFacts): boolean {
  const before = JSON.stringify(status.conditions ?? null);
  for (const a of rolloutActions(status, event)) applyRolloutAction(status, a, f);
  return JSON.stringify(status.conditions ?? null) !== before;
}

/**
 * upstream syncRolloutStatus: the new status of a Deployment mid-rollout — the counts, Available,
 * and the Progressing condition moved by the rollout machine (COMPLETE, PROGRESS or DEADLINE).
 */
export function rolloutStatus(
  d: KubeObject, allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined,
  now: string, nowMs: number, parse: (iso: string) => number, bugs: FencepostBugs = {},
): any {
  const s = calculateStatus(allRSs, newRS, d, now, bugs);
  if (!hasProgressDeadline(d)) { removeCondition(s, 'Progressing'); return s; }
  const cur = getCondition(d.status, 'Progressing');
  const isComplete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === REASON.NewReplicaSetAvailable;
  if (!isComplete) {
    let event: RolloutEvent | undefined;
    if (deploymentComplete(d, s)) event = { type: 'COMPLETE' };
    else if (deploymentProgressing(d, s)) event = { type: 'PROGRESS' };
    else if (deploymentTimedOut(d, s, nowMs, parse)) event = { type: 'DEADLINE' };
    if (event) rolloutEvent(s, event, { d, newRS, now });
  }
  return s;
}

/**
 * upstream requeueStuckDeployment: when to look again for a progress deadline — undefined for never
 * (no deadline, no condition, complete, already timed out), 0 for now, else the ms to wait
 * (the deadline plus a second for clock skew).
 */
export function progressRecheckMs(d: KubeObject, newStatus: any, nowMs: number, parse: (iso: string) => number): number | undefined {
  const cur = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cur) return undefined;
  if (deploymentComplete(d, newStatus) || cur.reason === REASON.ProgressDeadlineExceeded) return undefined;
  const after = parse(cur.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - nowMs;
  return after < 1000 ? 0 : after + 1000;
}
