// disruption-controller: keeps each PodDisruptionBudget's status — expected,
// desired and currently healthy pods, disruptions allowed, the evictions not
// yet seen through (disruptedPods), the DisruptionAllowed condition — from
// the pods it selects and their controllers' replicas. The arithmetic is pure
// (model/controllers/disruption); this file keys the work by budget, finds
// each pod's controller's scale from its caches and writes the status.
//
// A pod change enqueues the budgets of its namespace that select it before
// or after; a change to a ReplicaSet, ReplicationController, Deployment or
// StatefulSet enqueues every budget of its namespace (its replicas may be
// some budget's expected pods). A budget with disruptedPods is synced again
// when the oldest entry expires (two minutes).
// upstream: pkg/controller/disruption/disruption.go (handlers, sync, trySync, getExpectedScale finders, failSafe)
import type { KubeObject } from '../../../model/api/types.js';
import { budgetSelects, budgetStatus, type ScaleOf } from '../../../model/controllers/disruption/index.js';
import type { TaskHandle } from '../../clock.js';
import type { Informer } from '../../informer.js';
import type { ControllerContext } from '../definition.js';
import { WorkLoopController } from '../workloop.js';

const COMPONENT = 'controllermanager';

export class DisruptionController extends WorkLoopController {
  readonly name: string;
  private pdbs: Informer;
  private pods: Informer;
  private owners: Map<string, Informer>;
  private rechecks = new Map<string, TaskHandle>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.name = ctx.name;
    const key = WorkLoopController.keyOf;
    this.pdbs = this.informer('PodDisruptionBudget', { add: (b) => this.enqueue(key(b)), update: (b) => this.enqueue(key(b)) });
    const podChanged = (p: KubeObject, old?: KubeObject) => {
      for (const b of this.pdbs.cache.values()) if (budgetSelects(b, p) || (old && budgetSelects(b, old))) this.enqueue(key(b));
    };
    this.pods = this.informer('Pod', { add: (p) => podChanged(p), update: (p, old) => podChanged(p, old), delete: (p) => podChanged(p) });
    const scaleChanged = (o: KubeObject) => { for (const b of this.pdbs.cache.values()) if (b.metadata.namespace === o.metadata.namespace) this.enqueue(key(b)); };
    const handlers = { add: scaleChanged, update: scaleChanged, delete: scaleChanged };
    this.owners = new Map(['ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet'].map((k) => [k, this.informer(k, handlers)]));
  }

  override stop(): void {
    super.stop();
    for (const h of this.rechecks.values()) this.ctx.clock.cancel(h);
    this.rechecks.clear();
  }

  /** upstream's finders: a pod's ReplicaSet (or the Deployment above it), ReplicationController or StatefulSet, by uid. */
  private scaleOf: ScaleOf = (pod) => {
    const ref = (pod.metadata.ownerReferences ?? []).find((r: any) => r.controller);
    if (!ref) return undefined;
    const owner = this.owners.get(ref.kind)?.get(pod.metadata.namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return undefined;
    if (ref.kind === 'ReplicaSet') {
      const up = (owner.metadata.ownerReferences ?? []).find((r: any) => r.controller && r.kind === 'Deployment');
      if (up) {
        const d = this.owners.get('Deployment')!.get(pod.metadata.namespace, up.name);
        return d && d.metadata.uid === up.uid ? { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 } : undefined;
      }
    }
    return { uid: owner.metadata.uid!, replicas: owner.spec?.replicas ?? 1 };
  };

  protected sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pdb = this.pdbs.get(ns, name);
    this.ctx.clock.cancel(this.rechecks.get(key));
    this.rechecks.delete(key);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const { clock, store, recorder } = this.ctx;
    const pods = [...this.pods.cache.values()].filter((p) => budgetSelects(pdb, p));
    const r = budgetStatus(pdb, pods, this.scaleOf, clock.now(), clock.iso(), (iso) => clock.parse(iso));
    const failed = (r.status.conditions as any[])[0]?.reason === 'SyncFailed';
    if (failed) recorder.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(r.status.conditions as any[])[0].message}`, COMPONENT);
    if (r.recheckMs !== undefined) this.rechecks.set(key, clock.scheduleAt(r.recheckMs, () => this.enqueue(key)));
    if (JSON.stringify(pdb.status ?? {}) === JSON.stringify(r.status)) return;
    store.update({ ...pdb, status: r.status } as KubeObject, { subresource: 'status' });
  }
}
