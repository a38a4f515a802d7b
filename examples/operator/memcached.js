// @ts-check
// A small operator written only against kubemodel's public API, as a user
// would write one: a Memcached custom resource (crd.yaml) owns a Deployment
// of spec.size replicas, and reports status.readyReplicas.
//
// It brings to the harness what a built-in controller brings: its own
// invariant (memcached-ready-is-true: the status never claims more ready
// replicas than there are ready pods), a property that drives it (scaling,
// pod failures and readiness flips, node crashes), and one realistic bug
// behind a switch (memcached-status-from-spec: the readiness it reports is
// the Deployment's spec.replicas, what was asked, not its
// status.readyReplicas, what is).
//
//   kubemodel run examples/operator/memcached.yaml            (controllers: [./memcached.js])
//   kubemodel check --controller examples/operator/memcached.js --property memcached-status
import { fileURLToPath } from 'node:url';
import {
  WorkLoopController, controllerRef, defineBug, defineController, defineInvariant, defineProperty, fc, pickStep, readManifests, scenario, step,
} from 'kubemodel';

/** @typedef {import('kubemodel').KubeObject} KubeObject */
/** @typedef {import('kubemodel').ControllerContext} ControllerContext */
/** @typedef {import('kubemodel').Cluster} Cluster */

const GROUP = 'cache.example.com';
const API_VERSION = `${GROUP}/v1alpha1`;
const NAME = 'memcached-controller';
/** The CRD, as objects: the property applies it inline, so a counterexample file stands alone. */
const CRD_OBJECTS = readManifests(fileURLToPath(new URL('./crd.yaml', import.meta.url)));

export const statusFromSpec = defineBug({
  name: 'memcached-status-from-spec',
  description: "the Memcached operator reports status.readyReplicas from its Deployment's spec.replicas (what it asked for) instead of status.readyReplicas (what is ready)",
  upstream: 'a common operator mistake: status copied from the desired state (operator-sdk memcached tutorial reads status from the pods for this reason)',
  property: 'memcached-status', invariant: 'memcached-ready-is-true', budget: 30,
});

/** The Deployment a Memcached owns: `<name>`, spec.size replicas of the image, controlled by it. */
function deploymentFor(/** @type {KubeObject} */ mc) {
  const labels = { app: 'memcached', memcached_cr: String(mc.metadata.name) };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: mc.metadata.name, namespace: mc.metadata.namespace, labels,
      ownerReferences: [{ apiVersion: API_VERSION, kind: 'Memcached', name: String(mc.metadata.name), uid: String(mc.metadata.uid), controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: mc.spec.size,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'memcached', image: mc.spec.image ?? 'memcached:1.6', ports: [{ containerPort: 11211 }] }] } },
    },
  };
}

export class MemcachedController extends WorkLoopController {
  name = NAME;
  /** @param {ControllerContext} ctx  @param {{ statusFromSpec?: boolean }} switches */
  constructor(ctx, switches = {}) {
    super(ctx);
    this.switches = switches;
    const key = (/** @type {KubeObject} */ o) => WorkLoopController.keyOf(o);
    // Handlers only enqueue: the Memcached itself, or the owner of a Deployment.
    this.memcacheds = this.informer('Memcached', { add: (o) => this.enqueue(key(o)), update: (o) => this.enqueue(key(o)), delete: (o) => this.enqueue(key(o)) });
    const owner = (/** @type {KubeObject} */ d) => {
      const ref = controllerRef(d);
      if (ref?.kind === 'Memcached') this.enqueue(`${d.metadata.namespace}/${ref.name}`);
    };
    this.deployments = this.informer('Deployment', { add: owner, update: owner, delete: owner });
  }

  /** @param {string} key */
  sync(key) {
    const [ns, name] = key.split('/');
    const mc = this.memcacheds.get(ns, /** @type {string} */ (name));
    // Gone: the garbage collector deletes the Deployment it owned.
    if (!mc || mc.metadata.deletionTimestamp) return;
    const store = this.ctx.store;
    let d = this.deployments.get(ns, /** @type {string} */ (name));
    if (!d) {
      d = store.create(deploymentFor(mc));
      this.ctx.recorder.record(mc, 'Normal', 'Created', `Created deployment ${d.metadata.name}`, NAME);
    } else if (controllerRef(d)?.uid !== mc.metadata.uid) {
      this.ctx.recorder.record(mc, 'Warning', 'NotOwned', `deployment ${d.metadata.name} exists and is not owned by this Memcached`, NAME);
      return;
    } else if (d.spec.replicas !== mc.spec.size || d.spec.template.spec.containers[0].image !== (mc.spec.image ?? 'memcached:1.6')) {
      // Writes carry the cached resourceVersion: a stale cache gets a Conflict and the key retries.
      const want = deploymentFor(mc);
      d = store.update({ ...d, spec: { ...d.spec, replicas: want.spec.replicas, template: want.spec.template } });
    }
    const ready = this.switches.statusFromSpec ? d.spec.replicas : (d.status?.readyReplicas ?? 0);
    if (mc.status?.readyReplicas !== ready) store.update({ ...mc, status: { ...(mc.status ?? {}), readyReplicas: ready } }, { subresource: 'status' });
  }
}

/** Ready pods of the ReplicaSets of the Deployment a Memcached controls, counted from the store. */
function readyPodsOf(/** @type {Cluster} */ c, /** @type {KubeObject} */ mc) {
  const owned = (/** @type {KubeObject} */ o, /** @type {string} */ uid) => (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);
  const deps = c.store.list('Deployment', { namespace: mc.metadata.namespace }).filter((d) => owned(d, String(mc.metadata.uid)));
  const rss = c.store.list('ReplicaSet', { namespace: mc.metadata.namespace }).filter((rs) => deps.some((d) => owned(rs, String(d.metadata.uid))));
  let n = 0;
  for (const p of c.store.list('Pod', { namespace: mc.metadata.namespace })) {
    const ready = (p.status?.conditions ?? []).some((/** @type {any} */ x) => x.type === 'Ready' && x.status === 'True');
    if (ready && !p.metadata.deletionTimestamp && rss.some((rs) => owned(p, String(rs.metadata.uid)))) n++;
  }
  return n;
}

/** How long a true count may take to reach the status: the Deployment's status, then the operator's write. */
const STATUS_LAG_MS = 30_000;

export const readyIsTrue = defineInvariant({
  name: 'memcached-ready-is-true',
  description: `a Memcached never reports more ready replicas than it has had ready pods within the last ${STATUS_LAG_MS / 1000}s`,
  guards: 'status reported from the desired state instead of the observed one',
  create(cluster) {
    /** @type {Map<string, Array<{ atMs: number, ready: number }>>} */
    const history = new Map();
    return {
      name: 'memcached-ready-is-true',
      check(c) {
        const now = c.clock.now();
        for (const mc of c.store.list('Memcached')) {
          const uid = String(mc.metadata.uid);
          const h = history.get(uid) ?? [];
          h.push({ atMs: now, ready: readyPodsOf(c, mc) });
          while (h.length > 1 && h[1].atMs <= now - STATUS_LAG_MS) h.shift();
          history.set(uid, h);
          const most = Math.max(...h.map((x) => x.ready));
          const claimed = mc.status?.readyReplicas ?? 0;
          if (claimed > most) return `memcached ${mc.metadata.namespace}/${mc.metadata.name} reports ${claimed} ready replicas, but at most ${most} of its pods were ready in the last ${STATUS_LAG_MS / 1000}s`;
        }
        return undefined;
      },
    };
  },
});

/** Liveness: once the cluster is quiet, status.readyReplicas is spec.size. */
export const readyConverges = defineInvariant({
  name: 'memcached-ready-converges',
  kind: 'liveness',
  description: 'at the end of a quiet run, every Memcached reports spec.size ready replicas',
  guards: 'an operator that stops updating its status',
  create() {
    return {
      name: 'memcached-ready-converges',
      check: () => undefined,
      final(c) {
        for (const mc of c.store.list('Memcached')) {
          if ((mc.status?.readyReplicas ?? 0) !== mc.spec.size) return `memcached ${mc.metadata.namespace}/${mc.metadata.name} reports ${mc.status?.readyReplicas ?? 0} ready replicas, spec.size is ${mc.spec.size}`;
        }
        return undefined;
      },
    };
  },
});

const memcachedObject = (/** @type {number} */ size) => ({ apiVersion: API_VERSION, kind: 'Memcached', metadata: { name: 'cache' }, spec: { size } });

/** The nth pod of the Memcached's that exists when the step runs. */
const nthPod = (/** @type {number} */ n, /** @type {(name: string) => import('kubemodel').Step} */ make) => pickStep((c) => {
  const pods = c.store.list('Pod', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === 'memcached' && p.spec?.nodeName && !p.metadata.deletionTimestamp);
  return pods.length === 0 ? undefined : make(String(pods[n % pods.length].metadata.name));
});

const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }).map((size) => step('patch', 'memcached/cache', { merge: { spec: { size } } })) },
  { weight: 2, arbitrary: fc.nat(20).map((n) => nthPod(n, (p) => step('pod-fail', p))) },
  { weight: 2, arbitrary: fc.nat(20).map((n) => nthPod(n, (p) => step('pod-unready', p))) },
  { weight: 1, arbitrary: fc.nat(20).map((n) => nthPod(n, (p) => step('pod-ready', p))) },
  { weight: 1, arbitrary: fc.constantFrom('node-1', 'node-2').map((n) => step('node-crash', n)) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 90 }).map((s) => step('wait', `${s}s`)) },
);

export const memcachedProperty = defineProperty({
  name: 'memcached-status',
  description: 'a Memcached under scaling, pod failures, readiness flips and node crashes never over-reports its ready replicas, and reports spec.size once things settle',
  invariants: [readyIsTrue, readyConverges],
  defaultRuns: 60,
  scenarios: fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), size: fc.integer({ min: 1, max: 5 }), ops: fc.array(opArb, { maxLength: 12 }) }).map((d) => {
    const ops = d.ops;
    // Liveness: every node back, every pod ready again, then time to settle.
    const heal = [step('node-recover', 'node-1'), step('node-recover', 'node-2'),
      ...Array.from({ length: 6 }, (_, i) => nthPod(i, (p) => step('pod-ready', p))), step('wait', '6m')];
    const s = scenario({
      name: 'memcached-status', seed: d.seed, nodes: 3, controllers: [fileURLToPath(import.meta.url)],
      invariants: ['memcached-ready-is-true', 'memcached-ready-converges'],
      steps: [step('apply', CRD_OBJECTS), step('apply', memcachedObject(d.size)), ...ops, ...heal],
    });
    Object.defineProperty(s, fc.toStringMethod, { value: () => `seed ${d.seed} size ${d.size}: ${ops.length} ops`, enumerable: false });
    return s;
  }),
});

export default defineController({
  name: NAME,
  process: 'memcached-operator',
  watches: ['Memcached', 'Deployment'],
  reconciles: ['Memcached'],
  make: (ctx) => new MemcachedController(ctx, { statusFromSpec: ctx.bug(statusFromSpec) }),
  bugs: [statusFromSpec],
  invariants: [readyIsTrue, readyConverges],
  properties: [memcachedProperty],
});
