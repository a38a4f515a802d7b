// A controller module: the one shape every controller has, built-in or a
// user's. The runtime half (name, process, the kinds it watches, how it is
// made from a context, its known bugs) is what the cluster runs; this file
// adds what it brings to the harness: the invariants that judge it, the
// properties that drive it, and the machines `kubemodel diagram` draws.
// The registries — the cluster's controller list, `check --list`, the bug
// catalogue, the diagrams — are built from a list of modules (registry.ts);
// nothing keeps a second list.
import type { AnyStateMachine, EventObject } from 'xstate';
import type { BugDeclaration, ControllerDefinition } from '../../runtime/controllers/definition.js';
import type { Invariant } from '../invariants/types.js';
import type { Property } from '../suites/types.js';

export type { BugDeclaration, ControllerContext, ControllerDefinition } from '../../runtime/controllers/definition.js';

/**
 * A state machine a module runs: `kubemodel diagram NAME` draws it, and the
 * path tests (properties/machines.test.ts) walk it with these sample events
 * (one per event type, and one per payload its guards tell apart) from each
 * input, until every state and transition is reached.
 */
export interface MachineEntry {
  name: string;
  machine: AnyStateMachine;
  description: string;
  events: readonly (EventObject & Record<string, unknown>)[];
  inputs?: readonly unknown[];
}

export interface ControllerModule extends ControllerDefinition {
  readonly invariants?: readonly Invariant[];
  readonly properties?: readonly Property[];
  readonly machines?: readonly MachineEntry[];
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Check a module's shape and return it. Names are the words users type
 * (`restart: NAME`, `--inject BUG`), so they must be plain DNS labels.
 */
export function defineController<M extends ControllerModule>(m: M): M {
  if (!m || typeof m !== 'object') throw new TypeError('a controller module must be an object');
  if (typeof m.name !== 'string' || !NAME.test(m.name)) throw new TypeError(`controller name ${JSON.stringify(m.name)} must be a lowercase DNS label (e.g. "memcached-controller")`);
  if (typeof m.make !== 'function') throw new TypeError(`controller "${m.name}": make(ctx) must be a function`);
  if (!Array.isArray(m.watches)) throw new TypeError(`controller "${m.name}": watches must be a list of kinds`);
  for (const b of m.bugs ?? []) {
    if (!NAME.test(b.name)) throw new TypeError(`controller "${m.name}": bug name ${JSON.stringify(b.name)} must be a lowercase DNS label`);
    if (!b.property || !b.invariant) throw new TypeError(`controller "${m.name}": bug "${b.name}" must name the property and invariant meant to catch it`);
  }
  return m;
}

/** Declare a known bug (see BugDeclaration); the module that lists it in `bugs` owns the switch. */
export function defineBug(b: BugDeclaration): BugDeclaration {
  return b;
}
