// The API store: the only state the components share (DESIGN principle 1).
// It assigns uid, resourceVersion, generation and timestamps, runs admission,
// implements graceful deletion and the deletion finalizers, and fans every
// change out to watchers. It is synchronous: a request completes in zero
// virtual time, and watchers hear of it in a later clock task.
import type { KubeObject } from '../model/api/types.js';
import { KindRegistry, type KindInfo } from '../model/api/kinds.js';
import { customResourceOf, establishedStatus } from '../model/api/crd/index.js';
import { ApiError, alreadyExists, conflict, notFound, badRequest } from '../model/api/errors.js';
import { LabelIndex, type Selector } from '../model/labels/index.js';
import { BudgetExceeded, type VirtualClock } from './clock.js';
import { randomSuffix, randomUid, type RandomStreams } from './random.js';
import { WatchHub, type WatchEvent, type WatchEventType, type WatchOptions, type Watcher } from './watch.js';
import { fieldsMatch, type FieldRequirement } from './fieldselector.js';
import { mergePatch } from './mergepatch.js';
import { IPAllocator, PortAllocator, commitServicePlan, planServiceAllocation, releaseService, type Allocators } from '../model/api/allocation/index.js';

/** Admission returns a new, defaulted object (a deep copy): the store keeps it as is. */
export interface Admission {
  create(obj: KubeObject, kinds: KindRegistry): KubeObject;
  update(obj: KubeObject, old: KubeObject, kinds: KindRegistry): KubeObject;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  /** Only delete the object with this uid (upstream Preconditions.UID). */
  uid?: string;
  /** Who asks (a component name); change listeners see it, as an audit log would. */
  actor?: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: readonly FieldRequirement[];
}

/** Objects besides Events a run may hold, unless its limits say otherwise (scenario `cluster.limits.objects`). */
export const DEFAULT_MAX_OBJECTS = 100_000;

/** The store is full: a run limit, not an API error (nobody retries it). */
export class ObjectLimitExceeded extends BudgetExceeded {}

export type ChangeListener = (type: WatchEventType, obj: KubeObject, old: KubeObject | undefined, actor: string | undefined) => void;

// upstream: pkg/registry/*/strategy.go — kinds whose metadata.generation tracks spec changes.
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PodDisruptionBudget']);
// upstream: DefaultGarbageCollectionPolicy — RC and Job orphan by default on a raw DELETE.
const ORPHAN_BY_DEFAULT = new Set(['ReplicationController', 'Job']);

export const key = (ns: string | undefined, name: string): string => (ns ? `${ns}/${name}` : name);
export const objectKey = (o: KubeObject): string => key(o.metadata.namespace, o.metadata.name!);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

const specOf = (o: KubeObject): string => JSON.stringify(o.spec ?? null) + JSON.stringify((o as any).template ?? null);

export class ApiStore {
  private objects = new Map<string, Map<string, KubeObject>>();
  private labelIndexes = new Map<string, LabelIndex<string>>();
  private uids = new Map<string, KubeObject>();
  private resourceVersion = 0;
  readonly watches: WatchHub;
  private listeners: ChangeListener[] = [];
  /** Objects are deep-frozen when stored, so a component that mutates a cached object fails loudly. */
  freeze = true;
  /** The kinds this server serves: the built-ins and those of its established CustomResourceDefinitions. */
  readonly registry = new KindRegistry();
  /** A limit on everything: objects other than Events (which expire) the store may hold. */
  maxObjects = DEFAULT_MAX_OBJECTS;
  private nonEvents = 0;

  /** Objects other than Events in the store. */
  get objectCount(): number { return this.nonEvents; }

  constructor(readonly clock: VirtualClock, private readonly streams: RandomStreams, public admission: Admission) {
    this.watches = new WatchHub(clock, streams.stream('watch'));
  }

  onChange(l: ChangeListener): void { this.listeners.push(l); }

  get rv(): number { return this.resourceVersion; }

  private table(kind: string): Map<string, KubeObject> {
    let t = this.objects.get(kind);
    if (!t) this.objects.set(kind, (t = new Map()));
    return t;
  }

  private info(obj: KubeObject): KindInfo {
    const k = this.registry.info(obj.apiVersion, obj.kind);
    if (!k) throw badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    return k;
  }

  get(kind: string, ns: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(kind)?.get(key(ns, name));
  }

  getByUid(uid: string): KubeObject | undefined { return this.uids.get(uid); }

  mustGet(kind: string, ns: string | undefined, name: string): KubeObject {
    const o = this.get(kind, ns, name);
    if (!o) { const k = this.registry.byName(kind)!; throw notFound(k.resource, k.group, name); }
    return o;
  }

  /** Objects of a kind, sorted by namespace/name as the API server lists them. */
  list(kind: string, opts: ListOptions = {}): KubeObject[] {
    const t = this.objects.get(kind);
    if (!t) return [];
    let candidates: Iterable<KubeObject>;
    if (opts.labelSelector && !opts.labelSelector.empty()) {
      const idx = this.labelIndexes.get(kind);
      const out: KubeObject[] = [];
      if (idx) for (const k of idx.select(opts.labelSelector)) { const o = t.get(k); if (o) out.push(o); }
      candidates = out;
    } else candidates = t.values();
    const result: KubeObject[] = [];
    for (const o of candidates) {
      if (opts.namespace !== undefined && o.metadata.namespace !== opts.namespace) continue;
      if (opts.fieldSelector && !fieldsMatch(o, opts.fieldSelector)) continue;
      result.push(o);
    }
    return result.sort((a, b) => { const ka = objectKey(a), kb = objectKey(b); return ka < kb ? -1 : ka > kb ? 1 : 0; });
  }

  count(kind: string): number { return this.objects.get(kind)?.size ?? 0; }

  kinds(): string[] { return [...this.objects.keys()]; }

  watch(opts: WatchOptions, handler: (ev: WatchEvent) => void): Watcher {
    return this.watches.add(opts, handler);
  }

  create(input: KubeObject, opts: { dryRun?: boolean } = {}): KubeObject {
    const k = this.info(input);
    // Admission returns a defaulted deep copy; only metadata is touched before it.
    const obj: KubeObject = { ...input, metadata: { ...(input.metadata ?? {}) } } as KubeObject;
    if (k.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      const rand = this.streams.stream('names');
      for (let i = 0; i < 10 && !obj.metadata.name; i++) {
        // upstream: names.SimpleNameGenerator (base truncated to 58 so the result fits 63)
        const candidate = obj.metadata.generateName.slice(0, 58) + randomSuffix(rand);
        if (!this.get(obj.kind, obj.metadata.namespace, candidate)) obj.metadata.name = candidate;
      }
    }
    // The uid comes before admission: Job defaulting derives its selector from it.
    obj.metadata.uid = randomUid(this.streams.stream('uid'));
    obj.metadata.creationTimestamp = this.clock.iso();
    for (const f of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) delete obj.metadata[f];
    if (GENERATION_KINDS.has(obj.kind)) obj.metadata.generation = 1;
    const admitted = this.admission.create(obj, this.registry);
    // upstream: pkg/registry/core/persistentvolume{,claim}/strategy.go (PrepareForCreate: status reset, Pending since now)
    if (admitted.kind === 'PersistentVolume') admitted.status = { phase: 'Pending', lastPhaseTransitionTime: this.clock.iso() };
    else if (admitted.kind === 'PersistentVolumeClaim') admitted.status = { phase: 'Pending' };
    // A Service's clusterIPs and nodePorts are planned before the object is stored and taken after.
    const plan = admitted.kind === 'Service' ? this.planService(admitted, undefined) : undefined;
    const toStore = plan ? plan.service : admitted;
    if (this.get(admitted.kind, admitted.metadata.namespace, admitted.metadata.name!)) {
      throw alreadyExists(k.resource, k.group, admitted.metadata.name!);
    }
    if (k.namespaced && admitted.metadata.namespace !== 'default' && admitted.kind !== 'Event' &&
        !this.get('Namespace', undefined, admitted.metadata.namespace!)) {
      throw notFound('namespaces', '', admitted.metadata.namespace!);
    }
    if (opts.dryRun) return toStore;
    if (admitted.kind !== 'Event' && this.nonEvents >= this.maxObjects) {
      throw new ObjectLimitExceeded(`object limit exceeded: the store holds ${this.nonEvents} objects besides Events, the most a run may (cluster.limits.objects); creating ${admitted.kind.toLowerCase()} ${admitted.metadata.namespace ? `${admitted.metadata.namespace}/` : ''}${admitted.metadata.name}`);
    }
    this.put(toStore, undefined);
    if (plan) commitServicePlan(plan, this.allocators);
    if (toStore.kind === 'CustomResourceDefinition') return this.establish(toStore);
    return toStore;
  }

  /**
   * Service IP and NodePort allocation (10.96.0.0/12, 30000-32767), as the
   * Service store does it: a plan that changes nothing, the error the client
   * sees if it fails, then commit once stored; a deleted Service gives its
   * values back. Simplification: upstream plans before validating, the model
   * after, so a request both invalid and conflicting reports the invalid field.
   * upstream: pkg/registry/core/service/storage/storage.go (beginCreate, beginUpdate, afterDelete)
   */
  private readonly allocators: Allocators = { ip: new IPAllocator(), ports: new PortAllocator() };

  private planService(svc: KubeObject, old: KubeObject | undefined) {
    const rand = this.streams.stream('service-allocation');
    const outcome = planServiceAllocation(svc, old, this.allocators, () => rand.next());
    if (!outcome.ok) throw outcome.error;
    return outcome.plan;
  }

  /**
   * A new or changed CustomResourceDefinition: its kind is served from now on, and
   * its status says so (NamesAccepted, Established), as apiextensions' naming and
   * establishing controllers write it. Simplification: at once, in the same instant.
   * upstream: apiextensions-apiserver pkg/controller/status/naming_controller.go, establish/establishing_controller.go
   */
  private establish(crd: KubeObject): KubeObject {
    if (!this.registry.register(customResourceOf(crd))) return crd;
    const status = { ...(crd.status ?? {}), ...establishedStatus(crd, this.clock.iso()) };
    if (JSON.stringify(status) === JSON.stringify(crd.status ?? {})) return crd;
    const next = { ...crd, metadata: { ...crd.metadata }, status } as KubeObject;
    this.put(next, crd);
    return next;
  }

  /** Replace an object (PUT). With `subresource: 'status'` only the status changes, otherwise status is kept. */
  update(input: KubeObject, opts: { subresource?: 'status' } = {}): KubeObject {
    const k = this.info(input);
    const ns = k.namespaced ? input.metadata.namespace || 'default' : undefined;
    const old = this.get(input.kind, ns, input.metadata.name!);
    if (!old) throw notFound(k.resource, k.group, input.metadata.name ?? '');
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(k.resource, k.group, old.metadata.name!, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    // Stored objects are frozen and never mutated, so unchanged parts are shared, not copied:
    // a status write copies only the new status; admission deep-copies what it defaults.
    let obj: KubeObject;
    if (opts.subresource === 'status') {
      obj = { ...old, metadata: { ...old.metadata }, status: structuredClone(input.status) } as KubeObject;
    } else {
      obj = { ...input, metadata: { ...input.metadata } } as KubeObject;
      obj.metadata.namespace = ns;
      if (!ns) delete obj.metadata.namespace;
      // (A custom kind's admission decides, by whether its CRD has a status subresource.)
      if (old.status !== undefined && obj.kind !== 'Node' && obj.kind !== 'Namespace' && k.kind !== 'Event' && k.kind !== 'Lease' && k.kind !== 'EndpointSlice' && !this.registry.customResource(k.kind)) {
        obj.status = old.status;
      }
    }
    // System-managed metadata cannot be changed by a client.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    obj.metadata.generation = old.metadata.generation;
    if (old.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
      obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete obj.metadata.deletionTimestamp;
      delete obj.metadata.deletionGracePeriodSeconds;
    }
    let admitted = opts.subresource === 'status' ? obj : this.admission.update(obj, old, this.registry);
    const plan = admitted.kind === 'Service' && opts.subresource !== 'status' ? this.planService(admitted, old) : undefined;
    if (plan) admitted = plan.service;
    if (GENERATION_KINDS.has(admitted.kind) && specOf(admitted) !== specOf(old)) {
      admitted.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (admitted.metadata.deletionTimestamp && (admitted.metadata.finalizers?.length ?? 0) === 0 && admitted.kind !== 'Pod') {
      this.remove(old);
      return admitted;
    }
    if (admitted.metadata.deletionTimestamp && admitted.kind === 'Pod' && (admitted.metadata.finalizers?.length ?? 0) === 0 &&
        admitted.metadata.deletionGracePeriodSeconds === 0) {
      this.remove(old);
      return admitted;
    }
    this.put(admitted, old);
    if (plan) commitServicePlan(plan, this.allocators);
    if (admitted.kind === 'CustomResourceDefinition' && opts.subresource !== 'status') return this.establish(admitted);
    return admitted;
  }

  /** JSON merge patch (RFC 7396) of the object or its status. */
  patch(kind: string, ns: string | undefined, name: string, patch: unknown, opts: { subresource?: 'status' } = {}): KubeObject {
    const old = this.mustGet(kind, ns, name);
    const merged = mergePatch(old, patch) as KubeObject;
    merged.metadata = { ...merged.metadata, resourceVersion: old.metadata.resourceVersion };
    return this.update(merged, opts);
  }

  /**
   * POST pods/NAME/binding: the scheduler's bind. Sets spec.nodeName (which
   * plain updates may not change) and the PodScheduled condition.
   * upstream: pkg/registry/core/pod/storage/storage.go (assignPod, "is already assigned to node")
   */
  bind(ns: string, name: string, uid: string, nodeName: string): KubeObject {
    const pod = this.mustGet('Pod', ns, name);
    if (pod.metadata.uid !== uid) throw conflict('pods', '', name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`);
    if (pod.metadata.deletionTimestamp) throw conflict('pods', '', name, 'pod is being deleted, cannot be assigned to a host');
    if (pod.spec?.nodeName) throw conflict('pods', '', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    const now = this.clock.iso();
    const conditions = [...(pod.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }];
    const obj = structuredClone(pod);
    obj.spec = { ...obj.spec, nodeName };
    obj.status = { ...obj.status, conditions };
    this.put(obj, pod);
    return obj;
  }

  /**
   * DELETE. Pods are deleted gracefully (deletionTimestamp + grace; the
   * kubelet finishes); an object with finalizers only gets a deletionTimestamp;
   * Foreground and Orphan add their finalizer for the garbage collector.
   * upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Delete, updateForGracefulDeletionAndFinalizers)
   */
  delete(kind: string, ns: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | undefined {
    this.actor = opts.actor;
    try { return this.deleteAs(kind, ns, name, opts); } finally { this.actor = undefined; }
  }

  /** The component behind the write in progress (for change listeners). */
  private actor: string | undefined;

  private deleteAs(kind: string, ns: string | undefined, name: string, opts: DeleteOptions): KubeObject | undefined {
    const cur = this.mustGet(kind, ns, name);
    if (opts.uid && cur.metadata.uid !== opts.uid) {
      const k = this.registry.byName(kind)!;
      throw conflict(k.resource, k.group, name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata.uid}`);
    }
    const policy: PropagationPolicy = opts.propagationPolicy ?? (ORPHAN_BY_DEFAULT.has(kind) ? 'Orphan' : 'Background');
    const obj = structuredClone(cur);
    const finalizers = new Set(obj.metadata.finalizers ?? []);
    const hasDependents = this.hasDependents(cur.metadata.uid!);
    if (!cur.metadata.deletionTimestamp || policy !== 'Background') {
      if (policy === 'Orphan' && hasDependents) finalizers.add('orphan');
      if (policy === 'Foreground' && hasDependents) finalizers.add('foregroundDeletion');
    }
    let graceSeconds = 0;
    if (kind === 'Pod') graceSeconds = this.podGrace(cur, opts.gracePeriodSeconds);
    if (finalizers.size === 0 && graceSeconds === 0) {
      this.remove(cur);
      return undefined;
    }
    if (finalizers.size > 0) obj.metadata.finalizers = [...finalizers];
    const now = this.clock.now();
    const existing = cur.metadata.deletionTimestamp ? this.clock.parse(cur.metadata.deletionTimestamp) : undefined;
    const proposed = now + graceSeconds * 1000;
    // A second delete may shorten the grace period but never lengthen it.
    if (existing === undefined || proposed < existing) {
      obj.metadata.deletionTimestamp = this.clock.iso(proposed);
      obj.metadata.deletionGracePeriodSeconds = graceSeconds;
    }
    if (kind === 'Pod' && graceSeconds === 0 && finalizers.size === 0) { this.remove(cur); return undefined; }
    // A repeated delete that changes nothing writes nothing (no MODIFIED event).
    if (cur.metadata.deletionTimestamp === obj.metadata.deletionTimestamp &&
        JSON.stringify(cur.metadata.finalizers ?? []) === JSON.stringify(obj.metadata.finalizers ?? [])) return cur;
    this.put(obj, cur);
    return obj;
  }

  // upstream: pkg/registry/core/pod/strategy.go CheckGracefulDelete
  private podGrace(pod: KubeObject, requested: number | undefined): number {
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    let g = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (g < 0) g = 1;
    return g;
  }

  private dependents = new Map<string, Set<string>>();
  hasDependents(uid: string): boolean { return (this.dependents.get(uid)?.size ?? 0) > 0; }
  /** Objects whose ownerReferences name this uid. */
  dependentsOf(uid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const d of this.dependents.get(uid) ?? []) { const o = this.uids.get(d); if (o) out.push(o); }
    return out;
  }

  private indexOwners(obj: KubeObject, add: boolean): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let s = this.dependents.get(ref.uid);
      if (add) { if (!s) this.dependents.set(ref.uid, (s = new Set())); s.add(obj.metadata.uid!); }
      else if (s) { s.delete(obj.metadata.uid!); if (s.size === 0) this.dependents.delete(ref.uid); }
    }
  }

  private put(obj: KubeObject, old: KubeObject | undefined): void {
    obj.metadata.resourceVersion = String(++this.resourceVersion);
    if (this.freeze) deepFreeze(obj);
    const k = objectKey(obj);
    this.table(obj.kind).set(k, obj);
    this.uids.set(obj.metadata.uid!, obj);
    if (old) this.indexOwners(old, false);
    this.indexOwners(obj, true);
    if (!old || old.metadata.labels !== obj.metadata.labels) this.labelIndex(obj.kind).set(k, obj.metadata.labels ?? {});
    if (!old && obj.kind !== 'Event') this.nonEvents++;
    const type: WatchEventType = old ? 'MODIFIED' : 'ADDED';
    for (const l of this.listeners) l(type, obj, old, this.actor);
    this.watches.dispatch(type, obj, old);
  }

  /** Remove for real; watchers get DELETED with the last state at a new resourceVersion. */
  remove(cur: KubeObject): void {
    const k = objectKey(cur);
    if (this.table(cur.kind).get(k) !== cur && this.table(cur.kind).get(k)?.metadata.uid !== cur.metadata.uid) return;
    if (cur.kind === 'CustomResourceDefinition') this.dropCustomKind(cur);
    const live = this.table(cur.kind).get(k)!;
    if (live.kind === 'Service') releaseService(live, this.allocators);
    this.table(cur.kind).delete(k);
    if (live.kind !== 'Event') this.nonEvents--;
    this.uids.delete(live.metadata.uid!);
    this.indexOwners(live, false);
    this.labelIndex(live.kind).delete(k);
    const last = structuredClone(live);
    last.metadata.resourceVersion = String(++this.resourceVersion);
    if (this.freeze) deepFreeze(last);
    for (const l of this.listeners) l('DELETED', last, live, this.actor);
    this.watches.dispatch('DELETED', last, live);
  }

  /**
   * A CRD that goes takes its objects with it, then stops being served.
   * upstream: apiextensions-apiserver finalizer/crd_finalizer.go (customresourcecleanup.apiextensions.k8s.io).
   * Simplification: at once, finalizers on the objects not waited for.
   */
  private dropCustomKind(crd: KubeObject): void {
    const kind = crd.spec?.names?.kind;
    const cr = kind ? this.registry.customResource(kind) : undefined;
    if (!cr || cr.crd.metadata.uid !== crd.metadata.uid) return;
    for (const o of this.list(kind)) this.remove(o);
    this.registry.unregister(kind);
  }

  private labelIndex(kind: string): LabelIndex<string> {
    let idx = this.labelIndexes.get(kind);
    if (!idx) this.labelIndexes.set(kind, (idx = new LabelIndex<string>()));
    return idx;
  }
}

export { ApiError };
