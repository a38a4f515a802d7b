// What the cluster needs to know of a controller: the runtime half of the
// one shape every controller has (the harness half — invariants, properties,
// machines — is added in properties/controllers/module.ts). A definition
// names itself and the process it runs in, says which kinds it watches, is
// made from a context, and declares the known bugs its code can switch on.
// The cluster is built from a list of these: the built-ins, a user's own,
// a built-in replaced or dropped.
import type { Component, RuntimeContext } from '../context.js';
import type { RandomStream } from '../random.js';
import type { Informer, InformerHandlers } from '../informer.js';

/**
 * A known bug: a realistic controller mistake, kept behind a switch in the
 * code of the controller that declares it, and the property meant to catch it.
 * Declared once, in the `bugs` of the controller whose code it is in;
 * `check --list`, the README table and the catalogue test read it there.
 */
export interface BugDeclaration {
  name: string;
  /** What goes wrong, in a sentence or two. */
  description: string;
  /** The upstream issue, PR or class of bug it models. */
  upstream: string;
  /** The property meant to catch it, and the invariant that then fires. */
  property: string;
  invariant: string;
  /** Runs within which that property must catch it with the CI seed (the catalogue test asserts it). */
  budget: number;
}

/** What a controller is made from: the cluster's context plus its own stream, informers and switches. */
export interface ControllerContext extends RuntimeContext {
  /** The controller's name, as its definition gives it. */
  readonly name: string;
  /** The process it runs in (`kube-controller-manager` unless its definition says). */
  readonly process: string;
  /** Its own seeded random stream (named after it): the same seed gives the same draws. */
  readonly random: RandomStream;
  /**
   * An informer of one kind for this controller (its watches named
   * `PROCESS/NAME`, so `watch-delay` reaches them); start and stop it with
   * the component. WorkLoopController makes its own.
   */
  informer(kind: string, handlers: InformerHandlers): Informer;
  /** Is this known bug switched on for the run? */
  bug(b: BugDeclaration | string): boolean;
}

export interface ControllerDefinition {
  /** Its name in its process: `replicaset-controller`; `restart` and `watch-delay` take it. */
  readonly name: string;
  /** The process it runs in (default `kube-controller-manager`): restarting the process restarts it. */
  readonly process?: string;
  /** The kinds it watches. */
  readonly watches: readonly string[];
  /** The kinds whose objects it acts on (a kind no controller acts on is reported as unmodelled). */
  readonly reconciles?: readonly string[];
  make(ctx: ControllerContext): Component;
  readonly bugs?: readonly BugDeclaration[];
}

export const DEFAULT_PROCESS = 'kube-controller-manager';

export const processOf = (d: ControllerDefinition): string => d.process ?? DEFAULT_PROCESS;
