// A machine's states and transitions, read from the same definition that
// runs (through @xstate/graph), for the diagrams and the path tests.
// Compound states keep their nesting: `running` holds `running.notReady` and
// `running.ready`, and a transition defined on `running` leaves from it.
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from '@xstate/graph';

export interface Edge { from: string; to: string; event: string; guard?: string; actions: string[] }

export interface MachineGraph {
  /** Every state node, as a dotted path below the root (`running.ready`). */
  states: string[];
  /** The root's initial state. */
  initial: string;
  edges: Edge[];
  finals: string[];
  /** Compound states: their children, and which child they start in. */
  compound: Record<string, { children: string[]; initial: string }>;
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = toDirectedGraph(machine);
  const g: MachineGraph = { states: [], initial: '', edges: [], finals: [], compound: {} };
  const rel = (id: string) => id.split('.').slice(1).join('.');
  const walk = (n: ReturnType<typeof toDirectedGraph>) => {
    const node = n.stateNode as any;
    const path = rel(n.id);
    if (n.id !== root.id) g.states.push(path);
    if (node.type === 'final') g.finals.push(path);
    if (n.children.length > 0 && n.id !== root.id) {
      g.compound[path] = { children: n.children.map((c) => rel(c.id)), initial: `${path}.${String(node.initial?.target?.[0]?.key ?? '')}` };
    }
    for (const e of n.edges) {
      const t = e.transition as any;
      g.edges.push({
        from: rel(e.source.id), to: rel(e.target.id), event: String(e.label.text),
        guard: t.guard ? String(t.guard.type ?? t.guard) : undefined,
        actions: (t.actions ?? []).map((a: any) => String(typeof a === 'string' ? a : a.type ?? a)),
      });
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  g.initial = String((machine.root as any).initial?.target?.[0]?.key ?? machine.config.initial ?? '');
  return g;
}

/** The machine as a Mermaid state diagram: compound states drawn as compound, with their own entry edge. */
export function toMermaid(machine: AnyStateMachine): string {
  const g = machineGraph(machine);
  const id = (s: string) => s.replace(/\./g, '_');
  const parent = (s: string) => s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '';
  const label = (e: Edge) => `${e.event}${e.guard ? ` [${e.guard}]` : ''}${e.actions.length ? ` / ${e.actions.join(', ')}` : ''}`;
  // An edge is drawn inside the innermost compound state that holds both its ends.
  const home = (e: Edge) => {
    let p = parent(e.from);
    while (p && !(e.to === p || e.to.startsWith(`${p}.`))) p = parent(p);
    return p === e.from ? parent(p) : p;
  };
  const lines = ['stateDiagram-v2'];
  const block = (path: string, depth: number) => {
    const pad = '  '.repeat(depth);
    const c = g.compound[path];
    const children = path === '' ? g.states.filter((x) => !x.includes('.')) : c!.children;
    lines.push(`${pad}[*] --> ${id(path === '' ? g.initial : c!.initial)}`);
    for (const child of children) {
      if (g.compound[child]) {
        lines.push(`${pad}state ${id(child)} {`);
        block(child, depth + 1);
        lines.push(`${pad}}`);
      } else if (path !== '') lines.push(`${pad}${id(child)}`);
    }
    for (const e of g.edges) if (home(e) === path) lines.push(`${pad}${id(e.from)} --> ${id(e.to)} : ${label(e)}`);
    for (const f of g.finals) if (parent(f) === path) lines.push(`${pad}${id(f)} --> [*]`);
  };
  block('', 1);
  return lines.join('\n') + '\n';
}
