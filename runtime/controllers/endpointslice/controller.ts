// endpointslice-controller: keeps each selector Service's EndpointSlices
// equal to the pods it selects — their IPs, readiness, serving and
// terminating conditions, node and hostname, and the Service's ports
// resolved against each pod's named ports. The decisions are pure
// (model/controllers/endpointslice: syncService, the reconciler's packing);
// this file keys the work by Service and performs the plan through the API.
//
// A pod change enqueues every Service of its namespace whose selector
// matches its labels before or after the change; a slice change enqueues its
// Service (a slice edited or deleted by someone else is put back). The
// trigger-time annotation carries the earliest change not yet synced.
// upstream: pkg/controller/endpointslice/endpointslice_controller.go (handlers, syncService),
//           staging/src/k8s.io/endpointslice/reconciler.go (finalize: creates, updates, deletes)
import type { KubeObject } from '../../../model/api/types.js';
import { LABEL_SERVICE_NAME, syncService } from '../../../model/controllers/endpointslice/index.js';
import { selectorFromSet } from '../../../model/labels/index.js';
import type { ControllerContext } from '../definition.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';

export interface EndpointSliceSwitches {
  /** Known bug: a pod update enqueues its Services only when its labels changed, so a readiness change is missed. */
  ignoreStatusUpdates?: boolean;
  /** Known bug: a Running pod counts as ready whatever its Ready condition. */
  readyWhenRunning?: boolean;
}

/** The pod as the buggy controller reads it: Running means Ready. */
function runningAsReady(pod: KubeObject): KubeObject {
  if (pod.status?.phase !== 'Running') return pod;
  const conditions = [...(pod.status.conditions ?? []).filter((c: any) => c.type !== 'Ready'), { type: 'Ready', status: 'True' }];
  return { ...pod, status: { ...pod.status, conditions } };
}

export class EndpointSliceController extends WorkLoopController {
  readonly name: string;
  private services: Informer;
  private pods: Informer;
  private nodes: Informer;
  private slices: Informer;
  /** Service key → the earliest unsynced change (the trigger-time annotation). */
  private triggers = new Map<string, string>();

  constructor(ctx: ControllerContext, private readonly switches: EndpointSliceSwitches = {}) {
    super(ctx);
    this.name = ctx.name;
    this.services = this.informer('Service', {
      add: (s) => this.changed(WorkLoopController.keyOf(s)),
      update: (s) => this.changed(WorkLoopController.keyOf(s)),
      delete: (s) => this.triggers.delete(WorkLoopController.keyOf(s)),
    });
    this.pods = this.informer('Pod', {
      add: (p) => this.podChanged(p),
      update: (p, old) => this.podChanged(p, old),
      delete: (p) => this.podChanged(p),
    });
    this.pods.enableIndexes();
    this.nodes = this.informer('Node', {});
    const sliceEvent = (s: KubeObject) => {
      const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
      if (svc) this.enqueue(`${s.metadata.namespace}/${svc}`);
    };
    this.slices = this.informer('EndpointSlice', { add: sliceEvent, update: sliceEvent, delete: sliceEvent });
  }

  private changed(key: string): void {
    if (!this.triggers.has(key)) this.triggers.set(key, this.ctx.clock.iso());
    this.enqueue(key);
  }

  /** upstream getPodServiceMemberships, for the pod before and after the change. */
  private podChanged(pod: KubeObject, old?: KubeObject): void {
    if (old && this.switches.ignoreStatusUpdates && JSON.stringify(old.metadata.labels ?? {}) === JSON.stringify(pod.metadata.labels ?? {})) return;
    const ns = pod.metadata.namespace;
    for (const svc of this.services.cache.values()) {
      if (svc.metadata.namespace !== ns) continue;
      const sel = svc.spec?.selector;
      if (!sel || Object.keys(sel).length === 0) continue;
      const s = selectorFromSet(sel);
      if (s.matches(pod.metadata.labels ?? {}) || (old && s.matches(old.metadata.labels ?? {}))) this.changed(WorkLoopController.keyOf(svc));
    }
  }

  protected sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const service = this.services.get(ns, name);
    // A deleted Service's slices go with it: the garbage collector follows their ownerReference.
    if (!service) { this.triggers.delete(key); return; }
    const sel = service.spec?.selector;
    const selected = sel && Object.keys(sel).length > 0 ? this.pods.claimCandidates(ns, selectorFromSet(sel), '') : [];
    const pods = this.switches.readyWhenRunning ? selected.map(runningAsReady) : selected;
    const plan = syncService({
      service, pods, slices: this.slices.list().filter((s) => s.metadata.namespace === ns),
      getNode: (n) => this.nodes.get(undefined, n), triggerTime: this.triggers.get(key),
    });
    const { store } = this.ctx;
    // upstream finalize: creates first, then updates, then deletes (a create that fails leaves the rest for the retry).
    for (const s of plan.create) store.create(s);
    for (const s of plan.update) store.update(s);
    for (const s of plan.delete) store.delete('EndpointSlice', s.metadata.namespace, s.metadata.name!, { uid: s.metadata.uid });
    this.triggers.delete(key);
    if (plan.errors.length > 0) throw new Error(plan.errors.join('; '));
  }
}
