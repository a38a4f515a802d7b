// Valid manifests of every kind the model knows, built so they pass
// admission, and invalid ones: a valid manifest with one known mistake,
// paired with the field the API server must name. The admission tests use
// both; scenarios use the valid ones.
import fc from 'fast-check';
import type { KubeObject } from '../../model/api/types.js';

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,8}[A-Za-z0-9])?$/);
const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'env', 'app.kubernetes.io/name', 'team'), labelValue, { minKeys: 1, maxKeys: 3 });
const quantityCpu = fc.integer({ min: 1, max: 4000 }).map((m) => `${m}m`);
const quantityMem = fc.integer({ min: 1, max: 4096 }).map((m) => `${m}Mi`);

const containerArb = fc.record({
  name: dnsLabel,
  image: fc.constantFrom('nginx:1.27', 'busybox', 'app:1.0', 'registry.example.com/team/api:2.3'),
  cpu: quantityCpu,
  mem: quantityMem,
}).map((c) => ({ name: c.name, image: c.image, resources: { requests: { cpu: c.cpu, memory: c.mem } } }));

const podSpecArb = (restartPolicy: fc.Arbitrary<string>) => fc.record({
  containers: fc.uniqueArray(containerArb, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
  restartPolicy,
  terminationGracePeriodSeconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
}, { requiredKeys: ['containers', 'restartPolicy'] });

const template = (labels: Record<string, string>, restart: fc.Arbitrary<string> = fc.constant('Always')) =>
  podSpecArb(restart).map((spec) => ({ metadata: { labels }, spec }));

const meta = (name: string, labels?: Record<string, string>) => ({ name, ...(labels ? { labels } : {}) });

/** One valid object of the given kind. */
export function validManifest(kind: string): fc.Arbitrary<KubeObject> {
  const named = <T>(f: (name: string, labels: Record<string, string>) => fc.Arbitrary<T>) =>
    fc.tuple(dnsLabel, labelsArb).chain(([n, l]) => f(n, l));
  switch (kind) {
    case 'Pod': return named((n, l) => podSpecArb(fc.constantFrom('Always', 'OnFailure', 'Never')).map((spec) => ({ apiVersion: 'v1', kind, metadata: meta(n, l), spec })));
    case 'ReplicaSet': case 'Deployment': case 'DaemonSet': case 'StatefulSet':
      return named((n, l) => fc.tuple(template(l), fc.integer({ min: 0, max: 20 })).map(([t, replicas]) => ({
        apiVersion: 'apps/v1', kind, metadata: meta(n),
        spec: { ...(kind === 'DaemonSet' ? {} : { replicas }), ...(kind === 'StatefulSet' ? { serviceName: n } : {}), selector: { matchLabels: l }, template: t },
      })));
    case 'ReplicationController':
      return named((n, l) => fc.tuple(template(l), fc.integer({ min: 0, max: 20 })).map(([t, replicas]) => ({ apiVersion: 'v1', kind, metadata: meta(n), spec: { replicas, selector: l, template: t } })));
    case 'Job':
      return named((n) => template({}, fc.constantFrom('OnFailure', 'Never')).map((t) => ({ apiVersion: 'batch/v1', kind, metadata: meta(n), spec: { template: { spec: t.spec }, backoffLimit: 2 } })));
    case 'CronJob':
      return named((n) => fc.tuple(template({}, fc.constantFrom('OnFailure', 'Never')), fc.constantFrom('*/5 * * * *', '@hourly', '0 3 * * MON-FRI', '15,45 */2 1-15 * *')).map(([t, schedule]) => ({
        apiVersion: 'batch/v1', kind, metadata: meta(n), spec: { schedule, jobTemplate: { spec: { template: { spec: t.spec } } } },
      })));
    case 'Service':
      return named((n, l) => fc.integer({ min: 1, max: 65535 }).map((port) => ({ apiVersion: 'v1', kind, metadata: meta(n), spec: { selector: l, ports: [{ port }] } })));
    case 'PersistentVolumeClaim':
      return named((n) => quantityMem.map((s) => ({ apiVersion: 'v1', kind, metadata: meta(n), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: s } } } })));
    case 'PersistentVolume':
      return named((n) => quantityMem.map((s) => ({ apiVersion: 'v1', kind, metadata: meta(n), spec: { capacity: { storage: s }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${n}` } } })));
    case 'ConfigMap': return named((n, l) => fc.constant({ apiVersion: 'v1', kind, metadata: meta(n, l), data: { key: 'value' } }));
    case 'Namespace': return named((n) => fc.constant({ apiVersion: 'v1', kind, metadata: meta(n) }));
    default: throw new Error(`no generator for ${kind}`);
  }
}

export const GENERATED_KINDS = ['Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicationController', 'Job', 'CronJob', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap', 'Namespace'] as const;

export const anyValidManifest: fc.Arbitrary<KubeObject> = fc.constantFrom(...GENERATED_KINDS).chain(validManifest) as fc.Arbitrary<KubeObject>;

/** A mistake: where to make it, and the field error path the API server must report. */
interface Mistake { kinds: readonly string[]; apply(o: any): void; field: string | ((o: any) => string); why: string }

const podSpec = (o: any) => (o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec);
const podPath = (o: any) => (o.kind === 'Pod' ? 'spec' : o.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec');
const WORKLOADS = ['ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet'] as const;
// A StatefulSet's pod spec is not validated on the set (upstream ValidatePodTemplateSpecForStatefulSet): its mistakes show at pod creation.
const WITH_PODS = ['Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob'] as const;

export const MISTAKES: readonly Mistake[] = [
  { kinds: GENERATED_KINDS, apply: (o) => { o.metadata.name = `Bad_${o.metadata.name}`; }, field: 'metadata.name', why: 'upper case and underscore in a name' },
  { kinds: GENERATED_KINDS.filter((k) => k !== 'Namespace'), apply: (o) => { o.metadata.labels = { ...(o.metadata.labels ?? {}), '-bad': 'x' }; }, field: 'metadata.labels', why: 'label key starting with -' },
  { kinds: WITH_PODS, apply: (o) => { podSpec(o).containers = []; }, field: 'containers', why: 'no containers' },
  { kinds: WITH_PODS, apply: (o) => { podSpec(o).containers[0].image = ''; }, field: 'containers[0].image', why: 'empty image' },
  { kinds: WITH_PODS, apply: (o) => { podSpec(o).containers.push({ ...podSpec(o).containers[0] }); }, field: (o) => `containers[${podSpec(o).containers.length - 1}].name`, why: 'duplicate container name' },
  { kinds: ['ReplicaSet', 'Deployment', 'StatefulSet', 'ReplicationController'], apply: (o) => { o.spec.replicas = -1; }, field: 'spec.replicas', why: 'negative replicas' },
  { kinds: WORKLOADS, apply: (o) => { o.spec.selector = { matchLabels: { nomatch: 'x' } }; }, field: 'spec.template.metadata.labels', why: 'selector does not match the template' },
  { kinds: WORKLOADS, apply: (o) => { podSpec(o).restartPolicy = 'Never'; }, field: 'spec.template.spec.restartPolicy', why: 'restartPolicy Never in a workload template' },
  { kinds: ['Job', 'CronJob'], apply: (o) => { podSpec(o).restartPolicy = 'Always'; }, field: 'restartPolicy', why: 'restartPolicy Always in a Job' },
  { kinds: ['CronJob'], apply: (o) => { o.spec.schedule = '61 * * * *'; }, field: 'spec.schedule', why: 'minute out of range' },
  { kinds: ['Service'], apply: (o) => { o.spec.ports[0].port = 70000; }, field: 'spec.ports[0].port', why: 'port out of range' },
  { kinds: ['PersistentVolumeClaim'], apply: (o) => { o.spec.accessModes = []; }, field: 'spec.accessModes', why: 'no access modes' },
  { kinds: ['Pod'], apply: (o) => { o.spec.restartPolicy = 'Sometimes'; }, field: 'spec.restartPolicy', why: 'unknown restartPolicy' },
];

/** An invalid manifest and the field path that must appear in the API server's error. */
export const invalidManifest: fc.Arbitrary<{ object: KubeObject; field: string; why: string }> =
  fc.constantFrom(...MISTAKES).chain((m) => fc.constantFrom(...m.kinds).chain(validManifest).map((o) => {
    const object = structuredClone(o);
    m.apply(object);
    const f = typeof m.field === 'function' ? m.field(object) : m.field;
    return { object, field: f.startsWith('containers') || f === 'restartPolicy' ? `${podPath(object)}.${f}` : f, why: m.why };
  }));
