// The harness's registries, built from a list of controller modules: the
// properties `kubemodel check` runs, the invariants a scenario can name,
// the known bugs (`check --list`, `--inject`, the catalogue), the machines
// `kubemodel diagram` draws. Each is the concatenation of what the modules
// bring, after what belongs to the cluster as a whole (the determinism
// property, the ControllerRef invariant, the pod, hardware and work-queue
// machines). Nothing here lists a controller.
import type { RunInvariant } from '../runtime/scenario/run.js';
import { podMachine } from '../model/machines/pod.js';
import { hardwareMachine } from '../model/machines/hardware.js';
import { workQueueMachine } from '../model/controllers/workqueue.js';
import type { BugDeclaration, ControllerModule, MachineEntry } from './controllers/module.js';
import type { Invariant } from './invariants/types.js';
import type { Property } from './suites/types.js';
import { noDoubleController } from './invariants/no-double-controller.js';
import { sameSeedSameTraceProperty } from './suites/same-seed-same-trace.js';

/** A bug as the catalogue lists it: its declaration and the controller that carries it. */
export interface CatalogueBug extends BugDeclaration { component: string }

const CLUSTER_INVARIANTS: readonly Invariant[] = [noDoubleController];
const CLUSTER_PROPERTIES: readonly Property[] = [sameSeedSameTraceProperty];
const events = (...types: string[]) => types.map((type) => ({ type }));
const CLUSTER_MACHINES: readonly MachineEntry[] = [
  {
    name: 'pod', machine: podMachine, description: 'the pod lifecycle as the kubelet runs it',
    events: [
      ...events('BIND', 'ADMIT', 'REJECT', 'MOUNTED', 'PULLED', 'PULL_FAILED', 'PULL_RETRY', 'STARTED', 'READY', 'UNREADY', 'BACKOFF_DONE', 'DEADLINE', 'DELETE', 'STOPPED'),
      { type: 'EXIT', exitCode: 0 }, { type: 'EXIT', exitCode: 1 }, { type: 'EXIT', exitCode: 0, restartNow: true }, { type: 'EXIT', exitCode: 1, restartNow: true },
    ],
    inputs: [{ restartPolicy: 'Always' }, { restartPolicy: 'OnFailure' }, { restartPolicy: 'Never' }],
  },
  {
    name: 'hardware', machine: hardwareMachine, description: 'the simulated machine under a node (crash, partition, removal)',
    events: events('CRASH', 'RECOVER', 'PARTITION', 'HEAL', 'REMOVE'),
  },
  {
    name: 'workqueue', machine: workQueueMachine, description: "one key in a controller's work queue",
    events: events('ENQUEUE', 'TAKE', 'SYNC_OK', 'SYNC_ERROR', 'BACKOFF_DONE', 'SHUTDOWN'),
  },
];

export class Harness {
  readonly properties: readonly Property[];
  readonly invariants: readonly Invariant[];
  readonly bugs: readonly CatalogueBug[];
  readonly machines: readonly MachineEntry[];

  constructor(readonly controllers: readonly ControllerModule[]) {
    this.invariants = unique('invariant', [...CLUSTER_INVARIANTS, ...controllers.flatMap((c) => c.invariants ?? [])]);
    this.properties = unique('property', [...controllers.flatMap((c) => c.properties ?? []), ...CLUSTER_PROPERTIES]);
    this.machines = unique('machine', [...CLUSTER_MACHINES, ...controllers.flatMap((c) => c.machines ?? [])]);
    // A bug listed by two modules that share its code (ReplicaSet and RC) is one bug, under the first.
    const bugs = new Map<string, CatalogueBug>();
    for (const c of controllers) {
      for (const b of c.bugs ?? []) {
        const seen = bugs.get(b.name);
        if (seen && seen.description !== b.description) throw new Error(`bug "${b.name}" is declared twice, differently (controllers ${seen.component} and ${c.name})`);
        if (!seen) bugs.set(b.name, { ...b, component: c.name });
      }
    }
    this.bugs = [...bugs.values()];
  }

  property(name: string): Property | undefined { return this.properties.find((p) => p.name === name); }
  invariant(name: string): Invariant | undefined { return this.invariants.find((i) => i.name === name); }
  bug(name: string): CatalogueBug | undefined { return this.bugs.find((b) => b.name === name); }
  machine(name: string): MachineEntry | undefined { return this.machines.find((m) => m.name === name); }

  /** The checkers a scenario's `invariants:` asks for; an unknown name is an error naming the known ones. */
  checkers(names: 'all' | readonly string[]): RunInvariant[] {
    // `all`: every safety invariant; a liveness one needs a run that ends quietly, so it is named.
    const chosen = names === 'all' ? this.invariants.filter((i) => (i.kind ?? 'safety') === 'safety') : names.map((n) => {
      const inv = this.invariant(n);
      if (!inv) throw new UnknownName(n, `unknown invariant "${n}" (known: ${this.invariants.map((i) => i.name).join(', ')})`);
      return inv;
    });
    return checkersOf(chosen);
  }
}

/** Run-time checkers of these invariants (one instance per cluster). */
export function checkersOf(invariants: readonly Invariant[]): RunInvariant[] {
  return invariants.map(checkerOf);
}

/** An unknown invariant, property or bug name; `word` is the name that was not found. */
export class UnknownName extends Error {
  constructor(readonly word: string, message: string) { super(message); }
}

function unique<T extends { name: string }>(what: string, xs: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of xs) {
    const prev = out.find((y) => y.name === x.name);
    if (prev && prev !== x) throw new Error(`two ${what}s are named "${x.name}"`);
    if (!prev) out.push(x);
  }
  return out;
}

// One checker per (invariant, cluster): history-keeping invariants subscribe to the store once.
const bound = new WeakMap<object, Map<string, RunInvariant>>();
function checkerOf(inv: Invariant): RunInvariant {
  const of = (cluster: Parameters<Invariant['create']>[0]): RunInvariant => {
    let m = bound.get(cluster);
    if (!m) bound.set(cluster, (m = new Map()));
    let r = m.get(inv.name);
    if (!r) m.set(inv.name, (r = inv.create(cluster)));
    return r;
  };
  return { name: inv.name, check: (cluster) => of(cluster).check(cluster), final: (cluster) => of(cluster).final?.(cluster) };
}

const harnesses = new WeakMap<readonly ControllerModule[], Harness>();
/** The harness of a controller list (memoised per list). */
export function harnessOf(controllers: readonly ControllerModule[]): Harness {
  let h = harnesses.get(controllers);
  if (!h) harnesses.set(controllers, (h = new Harness(controllers)));
  return h;
}
