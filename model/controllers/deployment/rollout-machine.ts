// A Deployment rollout, as its Progressing condition tells it. The state is
// the condition's reason; the deployment controller works out which event a
// sync produced (a new ReplicaSet, progress, completion, the deadline
// passing, a pause or resume) and carries out the entry action the machine
// names: writing that condition. The machine holds the rules about which
// story may follow which: a completed rollout cannot time out; a timed-out
// one is not relabelled "paused" (the lack of progress stays reported); a
// paused one only listens for a resume; and nothing here ever rolls back —
// ProgressDeadlineExceeded only reports.
// upstream: pkg/controller/deployment/progress.go (syncRolloutStatus), sync.go (checkPausedConditions,
//           getNewReplicaSet), util/deployment_util.go (DeploymentTimedOut, the reasons)
import { setup } from 'xstate';

export type RolloutEvent =
  | { type: 'FOUND_RS' }      // no Progressing condition yet and the new ReplicaSet exists
  | { type: 'NEW_RS' }        // the controller created the new ReplicaSet
  | { type: 'CREATE_FAILED' } // creating it failed
  | { type: 'PROGRESS' }      // more updated, ready or available replicas, or fewer old ones
  | { type: 'COMPLETE' }      // every replica updated and available, the latest spec observed
  | { type: 'DEADLINE' }      // no progress for progressDeadlineSeconds
  | { type: 'PAUSE' }
  | { type: 'RESUME' };

const leaveFor = {
  NEW_RS: { target: '#rollout.progressing.created', reenter: true },
  PROGRESS: { target: '#rollout.progressing.updated', reenter: true },
  COMPLETE: '#rollout.complete',
  CREATE_FAILED: { target: '#rollout.createFailed', reenter: true },
} as const;

export const rolloutMachine = setup({
  types: { events: {} as RolloutEvent },
  actions: {
    markNewReplicaSetCreated: () => {}, markFoundNewReplicaSet: () => {}, markReplicaSetUpdated: () => {},
    markResumed: () => {}, markPaused: () => {}, markComplete: () => {}, markTimedOut: () => {}, markCreateFailed: () => {},
  },
}).createMachine({
  id: 'rollout',
  initial: 'new',
  states: {
    // No Progressing condition yet.
    new: {
      on: { ...leaveFor, FOUND_RS: '#rollout.progressing.found', PAUSE: '#rollout.paused' },
    },
    progressing: {
      initial: 'updated',
      states: {
        created: { entry: 'markNewReplicaSetCreated' },
        found: { entry: 'markFoundNewReplicaSet' },
        updated: { entry: 'markReplicaSetUpdated' },
        resumed: { entry: 'markResumed' },
      },
      on: { ...leaveFor, DEADLINE: '#rollout.timedOut', PAUSE: '#rollout.paused' },
    },
    createFailed: {
      entry: 'markCreateFailed',
      on: { ...leaveFor, DEADLINE: '#rollout.timedOut', PAUSE: '#rollout.paused' },
    },
    // NewReplicaSetAvailable: a later template change starts a new story; time cannot run out on this one.
    complete: {
      entry: 'markComplete',
      on: { NEW_RS: leaveFor.NEW_RS, PROGRESS: leaveFor.PROGRESS, CREATE_FAILED: leaveFor.CREATE_FAILED, PAUSE: '#rollout.paused' },
    },
    // ProgressDeadlineExceeded: reported, never acted on. Progress or completion still move it on; a pause does not hide it.
    timedOut: {
      entry: 'markTimedOut',
      on: { ...leaveFor },
    },
    paused: {
      entry: 'markPaused',
      on: { RESUME: '#rollout.progressing.resumed' },
    },
  },
});

/** The machine state a Progressing condition reason stands for (undefined: no condition). */
export function rolloutStateValue(reason: string | undefined): string | Record<string, string> {
  switch (reason) {
    case undefined: return 'new';
    case 'NewReplicaSetCreated': return { progressing: 'created' };
    case 'FoundNewReplicaSet': return { progressing: 'found' };
    case 'DeploymentResumed': return { progressing: 'resumed' };
    case 'NewReplicaSetAvailable': return 'complete';
    case 'ProgressDeadlineExceeded': return 'timedOut';
    case 'DeploymentPaused': return 'paused';
    case 'ReplicaSetCreateError': return 'createFailed';
    default: return { progressing: 'updated' };
  }
}

/** The snapshot for a reason, to send a sync's event to. */
export function rolloutSnapshot(reason: string | undefined) {
  return rolloutMachine.resolveState({ value: rolloutStateValue(reason) as any, context: {} as any });
}
