// Every machine the cluster and the controller modules run is covered by
// paths from @xstate/graph: from each of its inputs, the shortest path to
// every state, then each sample event from there. Each path replays through
// the driver the runtime uses (model/machines/drive.ts, with its memo), and
// together they must reach every state and take every transition of the
// machine's graph — a state nothing can reach must be removed.
import { describe, it, expect } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import { builtinControllers } from './controllers/index.js';
import { harnessOf } from './registry.js';
import { machineGraph } from '../model/machines/graph.js';
import { send, start, stateName } from '../model/machines/drive.js';

const machines = harnessOf(builtinControllers).machines;

/** A state and the states that contain it: `running.ready` is in `running`. */
const withAncestors = (leaf: string) => leaf.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'));
const within = (leaf: string, node: string) => leaf === node || leaf.startsWith(`${node}.`);

describe.each(machines.map((m) => ({ ...m, label: m.name })))('$label machine', (m) => {
  const observed: Array<{ from: string; event: string; to: string }> = [];
  const visited = new Set<string>();
  for (const input of m.inputs ?? [undefined]) {
    const serializeState = (s: any) => `${JSON.stringify(s.value)}|${JSON.stringify(s.context ?? null)}`;
    for (const p of getShortestPaths(m.machine, { events: [...m.events], input, serializeState } as any)) {
      // The path, replayed through the runtime's driver, lands where the graph says.
      let step = start(m.machine, input);
      for (const s of p.steps as any[]) {
        if (String(s.event.type).startsWith('xstate.')) continue;
        step = send(m.machine, step.snapshot, s.event);
        expect(stateName(step.snapshot)).toBe(stateName(s.state));
      }
      const here = stateName(step.snapshot);
      for (const x of withAncestors(here)) visited.add(x);
      for (const ev of m.events) {
        const next = send(m.machine, step.snapshot, ev as any);
        if (next.snapshot !== step.snapshot || next.actions.length > 0) observed.push({ from: here, event: ev.type, to: stateName(next.snapshot) });
      }
    }
  }
  const g = machineGraph(m.machine);

  it('reaches every state', () => {
    for (const s of g.states) expect(visited, `state ${s} is never reached`).toContain(s);
  });

  it.each(g.edges.map((e) => ({ ...e, key: `${e.from} --${e.event}--> ${e.to}` })))('takes $key', (e) => {
    const taken = observed.some((o) => o.event === e.event && within(o.from, e.from) && within(o.to, e.to));
    expect(taken, `${e.from} --${e.event}${e.guard ? ` [${e.guard}]` : ''}--> ${e.to} is never taken`).toBe(true);
  });
});

describe('machine registry', () => {
  it('has the cluster\'s machines and the modules\', each with sample events', () => {
    expect(machines.map((m) => m.name).sort()).toEqual(['claim', 'hardware', 'kube-proxy', 'node', 'pod', 'rollout', 'statefulset-rollout', 'volume', 'workqueue']);
    for (const m of machines) expect(m.events.length).toBeGreaterThan(0);
  });
});
