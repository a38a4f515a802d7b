// State diagrams drawn from the same machine definitions that run.
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from '@xstate/graph';
import { podMachine } from '../model/machines/pod.js';
import { nodeMachine } from '../model/controllers/nodelifecycle/machine.js';
import { hardwareMachine } from '../model/machines/hardware.js';
import { rolloutMachine } from '../model/controllers/deployment/rollout-machine.js';
import { workQueueMachine } from '../model/controllers/workqueue.js';

export const MACHINES: Record<string, { machine: AnyStateMachine; description: string }> = {
  pod: { machine: podMachine, description: 'the pod lifecycle as the kubelet runs it' },
  node: { machine: nodeMachine, description: "the node lifecycle as the node-lifecycle controller sees it" },
  hardware: { machine: hardwareMachine, description: 'the simulated machine under a node (crash, partition, removal)' },
  rollout: { machine: rolloutMachine, description: 'a Deployment rollout as its Progressing condition tells it' },
  workqueue: { machine: workQueueMachine, description: "one key in a controller's work queue" },
};

export interface Edge { from: string; to: string; event: string; guard?: string }

/** States (dotted ids) and transitions of a machine. */
export function machineGraph(machine: AnyStateMachine): { states: string[]; initial: string; edges: Edge[]; finals: string[] } {
  const root = toDirectedGraph(machine);
  const states: string[] = [];
  const edges: Edge[] = [];
  const finals: string[] = [];
  const rel = (id: string) => id.split('.').slice(1).join('.');
  const walk = (n: ReturnType<typeof toDirectedGraph>) => {
    if (n.id !== root.id) states.push(rel(n.id));
    if ((n.stateNode as any).type === 'final') finals.push(rel(n.id));
    for (const e of n.edges) {
      const t = e.transition as any;
      edges.push({ from: rel(e.source.id), to: rel(e.target.id), event: String(e.label.text), guard: t.guard ? String(t.guard.type ?? t.guard) : undefined });
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  const initial = String((machine.root as any).initial?.target?.[0]?.key ?? machine.config.initial ?? '');
  return { states, initial, edges, finals };
}

export function toMermaid(machine: AnyStateMachine): string {
  const g = machineGraph(machine);
  const id = (s: string) => s.replace(/\./g, '_');
  const lines = ['stateDiagram-v2', `  [*] --> ${id(g.initial)}`];
  for (const e of g.edges) lines.push(`  ${id(e.from)} --> ${id(e.to)} : ${e.event}${e.guard ? ` [${e.guard}]` : ''}`);
  for (const f of g.finals) lines.push(`  ${id(f)} --> [*]`);
  return lines.join('\n') + '\n';
}
