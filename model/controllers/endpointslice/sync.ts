// One Service's sync, pure: the decisions upstream's syncService makes from
// the informer caches before it calls the reconciler. The runtime work loop
// reads the caches, calls syncService, performs the plan and requeues the
// key (with back-off) when `errors` is not empty.
//
// Why a Service without a selector is left alone: its slices are written by
// someone else (a user, or the Endpoints mirroring controller), and a
// managed slice it had before losing its selector is left as it was until
// the Service itself is deleted and the garbage collector removes it.
// upstream: pkg/controller/endpointslice/endpointslice_controller.go (syncService,
//           dropEndpointSlicesPendingDeletion), k8s.io/endpointslice reconciler.go (Reconcile)
import type { KubeObject } from '../../api/types.js';
import { selectorFromSet } from '../../labels/index.js';
import { CONTROLLER_QUALIFIED_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './constants.js';
import { desiredEndpoints } from './desired.js';
import { reconcile, type EndpointSlicePlan } from './reconcile.js';

/**
 * syncService's early returns: an ExternalName Service gets no endpoints
 * (kubernetes/kubernetes#105986), nor does one without a selector. An empty
 * selector `{}` counts as none: the API server hands it back as nil, and a
 * real cluster shows no endpoints for it (kubernetes/kubernetes#25837).
 */
export function managesService(service: KubeObject): boolean {
  if (service.spec?.type === 'ExternalName') return false;
  const selector = service.spec?.selector;
  return selector != null && typeof selector === 'object' && Object.keys(selector).length > 0;
}

/** The pods syncService lists: the Service's namespace, labels matching spec.selector by map equality. */
export function podsForService(service: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  if (!managesService(service)) return [];
  const sel = selectorFromSet(service.spec.selector);
  const ns = service.metadata.namespace ?? '';
  return pods.filter((p) => (p.metadata.namespace ?? '') === ns && sel.matches(p.metadata.labels ?? {}));
}

/**
 * The slices syncService lists: the Service's namespace, labelled with its
 * name and managed by this controller, and not already being deleted (a
 * slice pending deletion would otherwise be counted forever).
 */
export function slicesForService(service: KubeObject, slices: readonly KubeObject[], controllerName = CONTROLLER_QUALIFIED_NAME): KubeObject[] {
  const ns = service.metadata.namespace ?? '';
  return slices.filter((s) => (s.metadata.namespace ?? '') === ns
    && s.metadata.labels?.[LABEL_SERVICE_NAME] === service.metadata.name
    && s.metadata.labels?.[LABEL_MANAGED_BY] === controllerName
    && !s.metadata.deletionTimestamp);
}

export interface SyncInput {
  service: KubeObject;
  /** Candidate pods (any namespace, any labels): filtered here as the lister would. */
  pods: readonly KubeObject[];
  /** Candidate slices: filtered here as the lister would. */
  slices: readonly KubeObject[];
  getNode: (name: string) => KubeObject | undefined;
  maxEndpointsPerSlice?: number;
  triggerTime?: string;
  controllerName?: string;
}

export interface SyncResult extends EndpointSlicePlan {
  /** Why the sync must be retried (a pod's node not found); the plan is still to be performed. */
  errors: string[];
}

/** upstream syncService for a Service that exists. (A deleted Service needs nothing: the garbage collector removes its slices.) */
export function syncService(i: SyncInput): SyncResult {
  if (!managesService(i.service)) return { create: [], update: [], delete: [], errors: [] };
  const desired = desiredEndpoints(i.service, podsForService(i.service, i.pods), i.getNode);
  const plan = reconcile({
    service: i.service, desired, existing: slicesForService(i.service, i.slices, i.controllerName),
    maxEndpointsPerSlice: i.maxEndpointsPerSlice, triggerTime: i.triggerTime, controllerName: i.controllerName,
  });
  return { ...plan, errors: desired.errors };
}
