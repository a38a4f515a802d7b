// The kinds the model knows: how each is named in URLs, on the command line
// and in error messages. Anything not listed here is rejected at admission.
// upstream: `kubectl api-resources` of a v1.32 cluster (names, short names, scope).

export type NameFormat = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'path';

export interface KindInfo {
  kind: string;
  /** API group; '' for core. */
  group: string;
  version: string;
  /** Lowercase plural, the URL resource name. */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Which name format the API server enforces for metadata.name. */
  nameFormat: NameFormat;
}

const K = (kind: string, group: string, version: string, resource: string, shortNames: string[], namespaced: boolean, nameFormat: NameFormat): KindInfo =>
  ({ kind, group, version, resource, singular: kind.toLowerCase(), shortNames, namespaced, nameFormat });

export const KINDS: readonly KindInfo[] = [
  K('Namespace', '', 'v1', 'namespaces', ['ns'], false, 'dns1123Label'),
  K('Node', '', 'v1', 'nodes', ['no'], false, 'dns1123Subdomain'),
  K('Pod', '', 'v1', 'pods', ['po'], true, 'dns1123Subdomain'),
  K('Event', '', 'v1', 'events', ['ev'], true, 'dns1123Subdomain'),
  K('ConfigMap', '', 'v1', 'configmaps', ['cm'], true, 'dns1123Subdomain'),
  K('Secret', '', 'v1', 'secrets', [], true, 'dns1123Subdomain'),
  K('Service', '', 'v1', 'services', ['svc'], true, 'dns1035Label'),
  K('ReplicationController', '', 'v1', 'replicationcontrollers', ['rc'], true, 'dns1123Subdomain'),
  K('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', ['pvc'], true, 'dns1123Subdomain'),
  K('PersistentVolume', '', 'v1', 'persistentvolumes', ['pv'], false, 'dns1123Subdomain'),
  K('Deployment', 'apps', 'v1', 'deployments', ['deploy'], true, 'dns1123Subdomain'),
  K('ReplicaSet', 'apps', 'v1', 'replicasets', ['rs'], true, 'dns1123Subdomain'),
  K('StatefulSet', 'apps', 'v1', 'statefulsets', ['sts'], true, 'dns1123Label'),
  K('DaemonSet', 'apps', 'v1', 'daemonsets', ['ds'], true, 'dns1123Subdomain'),
  K('ControllerRevision', 'apps', 'v1', 'controllerrevisions', [], true, 'dns1123Subdomain'),
  K('Job', 'batch', 'v1', 'jobs', [], true, 'dns1123Subdomain'),
  K('CronJob', 'batch', 'v1', 'cronjobs', ['cj'], true, 'dns1123Subdomain'),
  K('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', ['sc'], false, 'dns1123Subdomain'),
  K('Lease', 'coordination.k8s.io', 'v1', 'leases', [], true, 'dns1123Subdomain'),
  K('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', [], true, 'dns1123Subdomain'),
  K('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', ['pdb'], true, 'dns1123Subdomain'),
];

const byKind = new Map<string, KindInfo>(KINDS.map((k) => [k.kind, k]));
const byWord = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const w of [k.kind.toLowerCase(), k.resource, k.singular, ...k.shortNames]) byWord.set(w, k);
  byWord.set(`${k.resource}.${k.group}`, k);
}

export function apiVersionOf(k: KindInfo): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** The kind for an object's apiVersion+kind, or undefined when the model does not serve it. */
export function kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
  const k = byKind.get(kind);
  return k && apiVersionOf(k) === apiVersion ? k : undefined;
}

export function kindByName(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** Resolve a kubectl resource word: `deploy`, `deployments`, `Deployment`, `deployments.apps`. */
export function kindByWord(word: string): KindInfo | undefined {
  return byWord.get(word.toLowerCase());
}
