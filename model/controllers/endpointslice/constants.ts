// The EndpointSlice controller's names and numbers, in one place so that the
// runtime loop, the printers and the tests agree with upstream on every label
// key and limit. Each one names the upstream identifier it mirrors.

/** upstream: pkg/controller/endpointslice/config/v1alpha1/defaults.go (MaxEndpointsPerSlice = 100). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** upstream: cmd/kube-controller-manager/app/options/endpointslicecontroller.go (minMaxEndpointsPerSlice, maxMaxEndpointsPerSlice). */
export const MIN_MAX_ENDPOINTS_PER_SLICE = 1;
export const MAX_MAX_ENDPOINTS_PER_SLICE = 1000;

/** upstream: pkg/controller/endpointslice/config/v1alpha1/defaults.go (ConcurrentServiceEndpointSyncs = 5). */
export const CONCURRENT_SERVICE_ENDPOINT_SYNCS = 5;

/** upstream: pkg/controller/endpointslice/endpointslice_controller.go (controllerQualifiedName), the managed-by value. */
export const CONTROLLER_QUALIFIED_NAME = 'endpointslice-controller.k8s.io';

/** upstream: k8s.io/api/discovery/v1 well_known_labels.go (LabelServiceName). */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** upstream: k8s.io/api/discovery/v1 well_known_labels.go (LabelManagedBy). */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

/** upstream: k8s.io/api/core/v1 well_known_labels.go (IsHeadlessService). */
export const IS_HEADLESS_SERVICE = 'service.kubernetes.io/headless';

/** upstream: k8s.io/api/core/v1 well_known_labels.go (LabelTopologyZone). */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** upstream: k8s.io/api/core/v1 annotation_key_constants.go (EndpointsLastChangeTriggerTime). */
export const ENDPOINTS_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** upstream: k8s.io/api/core/v1 types.go (ClusterIPNone). */
export const CLUSTER_IP_NONE = 'None';

/**
 * upstream: k8s.io/api/discovery/v1 types.go (AddressTypeIPv4, AddressTypeIPv6).
 * The endpoint builders take either family; the reconcile is single-stack
 * IPv4: every Service is read as spec.ipFamilies [IPv4], so IPv4 is the only
 * address type it writes and a managed slice of any other type is deleted.
 */
export const ADDRESS_TYPE_IPV4 = 'IPv4';
export const ADDRESS_TYPE_IPV6 = 'IPv6';
export type AddressType = typeof ADDRESS_TYPE_IPV4 | typeof ADDRESS_TYPE_IPV6;

// The work loop's timings, for the runtime controller.
// upstream: pkg/controller/endpointslice/endpointslice_controller.go (maxRetries,
// endpointSliceChangeMinSyncDelay, defaultSyncBackOff, maxSyncBackOff)
export const MAX_RETRIES = 15;
export const ENDPOINT_SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1_000;
export const DEFAULT_SYNC_BACK_OFF_MS = 1_000;
export const MAX_SYNC_BACK_OFF_MS = 1_000_000;
