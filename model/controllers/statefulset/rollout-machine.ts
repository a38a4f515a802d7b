// A StatefulSet's ordered rollout, as each sync leaves it. Under
// OrderedReady a sync does at most one thing and then waits: it creates the
// lowest missing ordinal and waits for it to be Running and Ready (and
// available), or waits for a terminating pod to go; with every replica
// healthy it condemns the highest ordinal beyond the range and waits for it
// to go; with the range whole and healthy it deletes the highest pod not at
// the update revision (down to the partition) and waits for its replacement.
// Parallel sets create and condemn without waiting, but update one pod at a
// time the same way. OnDelete sets stop at `outdated`: only a user's delete
// moves a pod to the update revision. The controller sends the event its
// sync produced; the state is what `describe`-style output and the trace
// tell of the set, and the rules of which wait follows which are here.
// upstream: pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet, processReplica,
// processCondemned, the rolling-update loop), docs "StatefulSets" (Deployment and Scaling Guarantees)
import { setup } from 'xstate';

export type StatefulSetRolloutEvent =
  | { type: 'CREATE' }          // created a missing pod (and its claims)
  | { type: 'RECREATE' }        // deleted a Failed or Succeeded pod to make it again
  | { type: 'WAIT_READY' }      // a pod is not yet Running and Ready (or available): higher ordinals wait
  | { type: 'WAIT_TERMINATION' } // a pod is terminating: its name is not free yet
  | { type: 'WAIT_CLAIM' }      // a claim still owned by the pod's previous incarnation: wait for the GC
  | { type: 'CONDEMN' }         // deleted a pod beyond the ordinal range (scale-down)
  | { type: 'UPDATE' }          // deleted a pod not at the update revision
  | { type: 'WAIT_UPDATE' }     // an updated pod is not yet healthy
  | { type: 'OUTDATED' }        // OnDelete: pods are at an old revision until someone deletes them
  | { type: 'SETTLED' }         // nothing to do: every pod from the partition up is at the update revision
  | { type: 'DELETING' };       // the set is being deleted: only status is written

const any = {
  CREATE: '#statefulset.scaling.creating',
  RECREATE: '#statefulset.scaling.recreating',
  WAIT_READY: '#statefulset.scaling.awaitingReady',
  WAIT_TERMINATION: '#statefulset.scaling.awaitingTermination',
  WAIT_CLAIM: '#statefulset.scaling.awaitingClaim',
  CONDEMN: '#statefulset.condemning',
  UPDATE: '#statefulset.updating.deleting',
  WAIT_UPDATE: '#statefulset.updating.awaitingReady',
  OUTDATED: '#statefulset.outdated',
  SETTLED: '#statefulset.settled',
  DELETING: '#statefulset.deleting',
} as const;

/** Every event but the one that would lead back to the same atomic state (that is no transition). */
function without(type: keyof typeof any): Partial<typeof any> {
  const { [type]: _, ...rest } = any;
  return rest;
}

export const statefulSetRolloutMachine = setup({
  types: { events: {} as StatefulSetRolloutEvent },
}).createMachine({
  id: 'statefulset',
  initial: 'new',
  states: {
    new: { on: { ...any } },
    // Making the range whole, lowest ordinal first.
    scaling: {
      initial: 'creating',
      states: { creating: {}, recreating: {}, awaitingReady: {}, awaitingTermination: {}, awaitingClaim: {} },
      on: { ...any },
    },
    // Scale-down: the highest ordinal beyond the range goes first.
    condemning: { on: without('CONDEMN') },
    // A rolling update, highest ordinal first, down to the partition.
    updating: {
      initial: 'deleting',
      states: { deleting: {}, awaitingReady: {} },
      on: { ...any },
    },
    outdated: { on: without('OUTDATED') },
    settled: { on: without('SETTLED') },
    // Once deleting, a set only writes status; the garbage collector takes its pods.
    deleting: { type: 'final' },
  },
});

export const STATEFULSET_ROLLOUT_EVENTS: readonly StatefulSetRolloutEvent['type'][] = [
  'CREATE', 'RECREATE', 'WAIT_READY', 'WAIT_TERMINATION', 'WAIT_CLAIM', 'CONDEMN', 'UPDATE', 'WAIT_UPDATE', 'OUTDATED', 'SETTLED', 'DELETING',
];
