// The kinds the model knows: how each is named in URLs, on the command line
// and in error messages. Anything not listed here is rejected at admission.
// upstream: `kubectl api-resources` of a v1.32 cluster (names, short names, scope).

import type { CustomResource } from './crd/custom-object.js';

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
  K('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', ['crd', 'crds'], false, 'dns1123Subdomain'),
];

const byKind = new Map<string, KindInfo>(KINDS.map((k) => [k.kind, k]));
const byWord = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const w of [k.kind.toLowerCase(), k.resource, k.singular, ...k.shortNames]) byWord.set(w, k);
  byWord.set(`${k.resource}.${k.group}`, k);
}

/**
 * Kinds a v1.32 control plane runs a controller for, so that applying one
 * sets something going (pods, bindings, endpoints, status). A scenario that
 * applies one of these when no controller of the run reconciles it is told so.
 * upstream: cmd/kube-controller-manager/app (the controllers started by default)
 */
export const UPSTREAM_CONTROLLED: ReadonlySet<string> = new Set([
  'ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'PodDisruptionBudget',
]);

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

/**
 * The kinds one API server serves: the built-ins, and the custom kinds its
 * CustomResourceDefinitions define (registered when a CRD is established,
 * removed when it goes). A custom kind answers to every version its CRD
 * serves. The module-level functions above answer for the built-ins alone.
 */
export class KindRegistry {
  private custom = new Map<string, CustomResource>();
  private words = new Map<string, string>();

  /** The custom resource a kind belongs to, if it is one. */
  customResource(kind: string): CustomResource | undefined { return this.custom.get(kind); }

  /** Serve a CRD's kind. A kind or word a built-in (or another CRD) already has is not taken over. */
  register(cr: CustomResource): boolean {
    const k = cr.info;
    const prev = this.custom.get(k.kind);
    if (byKind.has(k.kind) || (prev && prev.crd.metadata.name !== cr.crd.metadata.name)) return false;
    if (prev) this.unregister(k.kind);
    this.custom.set(k.kind, cr);
    for (const w of [k.kind.toLowerCase(), k.resource, k.singular, ...k.shortNames, `${k.resource}.${k.group}`]) {
      if (!byWord.has(w) && !this.words.has(w)) this.words.set(w, k.kind);
    }
    return true;
  }

  unregister(kind: string): void {
    if (!this.custom.delete(kind)) return;
    for (const [w, k] of [...this.words]) if (k === kind) this.words.delete(w);
  }

  /** The kind for an object's apiVersion+kind: a built-in, or a custom kind in one of its served versions. */
  info(apiVersion: string, kind: string): KindInfo | undefined {
    const b = kindInfo(apiVersion, kind);
    if (b) return b;
    const cr = this.custom.get(kind);
    if (!cr) return undefined;
    return cr.versions.some((v) => v.served && `${cr.info.group}/${v.name}` === apiVersion) ? cr.info : undefined;
  }

  byName(kind: string): KindInfo | undefined { return byKind.get(kind) ?? this.custom.get(kind)?.info; }

  byWord(word: string): KindInfo | undefined {
    const w = word.toLowerCase();
    const b = byWord.get(w);
    if (b) return b;
    const k = this.words.get(w);
    return k ? this.custom.get(k)?.info : undefined;
  }

  /** Every kind served, built-ins first. */
  all(): KindInfo[] { return [...KINDS, ...[...this.custom.values()].map((c) => c.info)]; }

  customResources(): CustomResource[] { return [...this.custom.values()]; }
}

/** The built-in kinds only (no CRD registered): what a file is checked against before anything runs. */
export const builtinKinds = (): KindRegistry => new KindRegistry();
