// Every state and transition of the rollout machine is reached by a path
// from @xstate/graph, replayed through the driver the controller uses; and
// each Progressing reason maps to the state that writes it.
import { describe, it, expect } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import { rolloutMachine, rolloutSnapshot, rolloutStateValue, type RolloutEvent } from './rollout-machine.js';
import { send, start, stateName } from '../../machines/drive.js';
import { machineGraph } from '../../machines/graph.js';

const EVENTS: RolloutEvent[] = ['FOUND_RS', 'NEW_RS', 'CREATE_FAILED', 'PROGRESS', 'COMPLETE', 'DEADLINE', 'PAUSE', 'RESUME'].map((type) => ({ type }) as RolloutEvent);

describe('rollout machine', () => {
  it('every transition of the graph is taken by a shortest path plus one event', () => {
    const seen = new Set<string>();
    for (const p of getShortestPaths(rolloutMachine, { events: EVENTS } as any)) {
      for (const ev of EVENTS) {
        const from = p.state as any;
        const next = send(rolloutMachine, from, ev);
        if (next.actions.length > 0 || stateName(next.snapshot) !== stateName(from)) seen.add(`${stateName(from).split('.')[0]}->${stateName(next.snapshot).split('.')[0]}:${ev.type}`);
      }
    }
    const g = machineGraph(rolloutMachine);
    for (const e of g.edges) {
      const key = `${e.from.split('.')[0]}->${e.to.split('.')[0]}:${e.event}`;
      expect(seen, key).toContain(key);
    }
    expect(stateName(start(rolloutMachine).snapshot)).toBe('new');
  });

  it.each([
    [undefined, 'new'], ['NewReplicaSetCreated', 'progressing.created'], ['FoundNewReplicaSet', 'progressing.found'],
    ['ReplicaSetUpdated', 'progressing.updated'], ['DeploymentResumed', 'progressing.resumed'], ['NewReplicaSetAvailable', 'complete'],
    ['ProgressDeadlineExceeded', 'timedOut'], ['DeploymentPaused', 'paused'], ['ReplicaSetCreateError', 'createFailed'],
  ])('reason %s is the state %s', (reason, state) => {
    expect(stateName({ value: rolloutStateValue(reason) })).toBe(state);
    expect(stateName(rolloutSnapshot(reason))).toBe(state);
  });

  it('upstream\'s rules: a completed rollout cannot time out, a timed-out one is not relabelled paused, a paused one only resumes', () => {
    expect(send(rolloutMachine, rolloutSnapshot('NewReplicaSetAvailable'), { type: 'DEADLINE' }).actions).toEqual([]);
    expect(send(rolloutMachine, rolloutSnapshot('ProgressDeadlineExceeded'), { type: 'PAUSE' }).actions).toEqual([]);
    for (const ev of EVENTS.filter((e) => e.type !== 'RESUME')) expect(send(rolloutMachine, rolloutSnapshot('DeploymentPaused'), ev).actions).toEqual([]);
    expect(send(rolloutMachine, rolloutSnapshot('ProgressDeadlineExceeded'), { type: 'COMPLETE' }).actions).toEqual(['markComplete']);
    // Progress re-enters: the condition's lastUpdateTime is refreshed every time.
    expect(send(rolloutMachine, rolloutSnapshot('ReplicaSetUpdated'), { type: 'PROGRESS' }).actions).toEqual(['markReplicaSetUpdated']);
  });
});
