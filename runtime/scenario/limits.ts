// A scenario's limits, and what can be checked of them before anything runs.
// `cluster.limits` sets how many objects (Events aside) the store may hold,
// how many events (clock tasks) a run may take, and how much virtual time
// the steps may cover in all. The virtual time of every wait, wait-for and
// drain (at its timeout) is known when the file loads, and so is a lower
// bound on the events an idle cluster spends in it, so a scenario that
// cannot finish within its limits is refused at once, at the step that
// crosses them, rather than hours into the run.
import { parseDuration } from '../clock.js';
import { DEFAULT_MAX_OBJECTS } from '../store.js';
import type { Position, Scenario } from './types.js';

export interface ScenarioLimits { objects: number; events: number; virtualTimeMs: number }

export const DEFAULT_LIMITS: ScenarioLimits = {
  objects: DEFAULT_MAX_OBJECTS,
  events: 50_000_000,
  // 30 days of virtual time in all, as much as one wait may take.
  virtualTimeMs: 720 * 3_600_000,
};

/** The most any limit may be raised to: past these a run would not fit in memory or time anyway. */
const CEILING: ScenarioLimits = { objects: 10_000_000, events: 2_000_000_000, virtualTimeMs: 100 * 365 * 24 * 3_600_000 };

/**
 * Events an idle cluster spends per virtual second, at the least: its
 * heartbeats, leases and monitor loops (measured at 0.25–0.67 per node and
 * second; the bound takes less, so only a scenario that surely cannot finish
 * is refused).
 */
const MIN_EVENTS_PER_NODE_SECOND = 0.2;
const MIN_EVENTS_PER_SECOND = 0.3;

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

type Fail = (path: string, message: string) => never;

/** `cluster.limits`, checked. */
export function parseLimits(v: unknown, fail: Fail): Partial<ScenarioLimits> | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('cluster.limits', 'cluster.limits must be a map of objects, events and virtualTime');
  const out: Partial<ScenarioLimits> = {};
  for (const [k, x] of Object.entries(v as object)) {
    const p = `cluster.limits.${k}`;
    if (k === 'objects' || k === 'events') {
      if (!Number.isSafeInteger(x) || (x as number) < 1 || (x as number) > CEILING[k]) fail(p, `${p} must be an integer from 1 to ${CEILING[k]}`);
      out[k] = x as number;
    } else if (k === 'virtualTime') {
      let ms: number;
      try { ms = parseDuration(x as string); } catch (e) { return fail(p, (e as Error).message); }
      if (ms <= 0 || ms > CEILING.virtualTimeMs) fail(p, `${p} must be more than 0s and at most ${CEILING.virtualTimeMs / 3_600_000}h`);
      out.virtualTimeMs = ms;
    } else fail(p, `unknown field "${p}" (known: objects, events, virtualTime)`);
  }
  return out;
}

const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10}h`;

/** What a cluster stores before anything is applied: its four namespaces, and a Node and a Lease per node. */
const objectsForNodes = (nodes: number) => 4 + 2 * nodes;

/**
 * Refuse, at the step that crosses it, a scenario that cannot finish within
 * its virtual time or event limits, or whose nodes alone pass its object
 * limit (`nodesAt`: where the nodes are written).
 */
export function checkBudget(s: Scenario, at: (pos: Position, message: string) => never, nodesAt: Position = { file: s.file, line: 1, col: 1 }): void {
  const limits = { ...DEFAULT_LIMITS, ...(s.limits ?? {}) };
  let nodes = s.nodes.length;
  const tooManyNodes = (pos: Position) => at(pos, `${nodes} nodes need ${objectsForNodes(nodes)} objects (4 namespaces, and a Node and a Lease each), more than the ${limits.objects} a run may (cluster.limits.objects)`);
  if (objectsForNodes(nodes) > limits.objects) tooManyNodes(nodesAt);
  let timeMs = 0, events = 0;
  for (const st of s.steps) {
    if (st.verb === 'node-add' && objectsForNodes(++nodes) > limits.objects) tooManyNodes(st.pos);
    const ms = st.verb === 'wait' ? parseDuration(st.value as string)
      : st.verb === 'wait-for' || st.verb === 'drain' ? (st.options.timeout !== undefined ? parseDuration(st.options.timeout as string) : DEFAULT_TIMEOUT_MS)
      : 0;
    timeMs += ms;
    events += (ms / 1000) * (MIN_EVENTS_PER_SECOND + MIN_EVENTS_PER_NODE_SECOND * nodes);
    if (timeMs > limits.virtualTimeMs) {
      at(st.pos, `the steps so far may run for ${hours(timeMs)} of virtual time, more than the ${hours(limits.virtualTimeMs)} a scenario may (cluster.limits.virtualTime)`);
    }
    if (events > limits.events) {
      at(st.pos, `the steps so far need at least ${Math.round(events)} events for ${nodes} nodes over ${hours(timeMs)} of virtual time, more than the ${limits.events} a run may (cluster.limits.events)`);
    }
  }
}
