// Driving a machine without an actor: one pure transition, the entry actions
// it asks for returned by name. Components keep the snapshot and execute the
// named actions themselves, so a machine never touches the world.
import { transition, initialTransition, type AnyStateMachine, type SnapshotFrom, type EventFromLogic, type InputFrom } from 'xstate';

export interface Step<M extends AnyStateMachine> { snapshot: SnapshotFrom<M>; actions: string[] }

function names(actions: ReadonlyArray<{ type: string }>): string[] {
  const out: string[] = [];
  for (const a of actions) if (!a.type.startsWith('xstate.')) out.push(a.type);
  return out;
}

export function start<M extends AnyStateMachine>(machine: M, input?: InputFrom<M>): Step<M> {
  const [snapshot, actions] = (initialTransition as any)(machine, input);
  return { snapshot, actions: names(actions) };
}

// Transitions are memoised per machine, keyed by (state, context, event):
// the machines here are deterministic, keep everything that varies in the
// event, and their snapshots are immutable, so the same question always has
// the same answer, and a 150k-pod cluster asks the same few questions.
const memo = new WeakMap<object, Map<string, Step<any>>>();
const canonical = new WeakMap<object, Map<string, unknown>>();
const MEMO_MAX = 10_000;

function snapshotKey(snapshot: any): string {
  return `${JSON.stringify(snapshot.value)}|${JSON.stringify(snapshot.context ?? null)}|${snapshot.status}`;
}

/** Send one event; an event the current state does not accept leaves the snapshot unchanged and no actions. */
export function send<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): Step<M> {
  let table = memo.get(machine);
  if (!table) memo.set(machine, (table = new Map()));
  const k = `${snapshotKey(snapshot)}#${JSON.stringify(event)}`;
  const hit = table.get(k);
  if (hit) return hit;
  const [next, actions] = (transition as any)(machine, snapshot, event);
  let canon = canonical.get(machine);
  if (!canon) canonical.set(machine, (canon = new Map()));
  const nk = snapshotKey(next);
  const snap = (canon.get(nk) ?? next) as SnapshotFrom<M>;
  if (!canon.has(nk) && canon.size < MEMO_MAX) canon.set(nk, next);
  const step: Step<M> = { snapshot: snap, actions: names(actions) };
  if (table.size < MEMO_MAX) table.set(k, step);
  return step;
}

/** A flat name of the state value: `running.ready`. */
export function stateName(snapshot: { value: unknown }): string {
  const v = snapshot.value;
  if (typeof v === 'string') return v;
  const parts: string[] = [];
  let cur: any = v;
  while (cur && typeof cur === 'object') { const k = Object.keys(cur)[0]!; parts.push(k); cur = cur[k]; }
  if (typeof cur === 'string') parts.push(cur);
  return parts.join('.');
}
