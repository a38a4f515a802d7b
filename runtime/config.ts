// Timings and behaviours of the simulated cluster: data a scenario can
// override (kwok's "behaviour as data"), with upstream's defaults.

export interface ClusterConfig {
  /** Image pull plus container start for an image with no `startup` of its own. */
  podStartupMs: number;
  // upstream: k8s.io/kubelet/config/v1beta1/types.go (nodeLeaseDurationSeconds 40, renew interval = 25% of it)
  leaseRenewIntervalMs: number;
  // upstream: nodeStatusReportFrequency 5m (status is also posted whenever it changes)
  nodeStatusReportMs: number;
  // upstream: cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go
  nodeMonitorPeriodMs: number;
  // upstream: PR kubernetes/kubernetes#126287 (50s since v1.32)
  nodeMonitorGracePeriodMs: number;
  nodeStartupGracePeriodMs: number;
  // upstream: node lifecycle --node-eviction-rate 0.1 (one node tainted per 10s per zone)
  nodeEvictionRate: number;
  // upstream: pkg/kubelet/kubelet.go backOffPeriod / MaxContainerBackOff; reset after 10 min of clean running
  containerBackOffBaseMs: number;
  containerBackOffMaxMs: number;
  containerBackOffResetMs: number;
  // upstream: pkg/kubelet/images (image pull back-off shares the 10s..300s shape)
  imageBackOffBaseMs: number;
  imageBackOffMaxMs: number;
  // upstream: k8s.io/kube-scheduler/config/v1 (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10, podMaxInUnschedulablePodsDuration 5m)
  schedulerInitialBackOffMs: number;
  schedulerMaxBackOffMs: number;
  schedulerUnschedulableFlushMs: number;
  // upstream: VolumeBindingArgs bindTimeoutSeconds (600): how long PreBind waits for the binder.
  schedulerBindTimeoutMs: number;
  // upstream: pkg/controller/podgc/gc_controller.go (gcCheckPeriod 20s, quarantineTime 40s, threshold 12500)
  podGCPeriodMs: number;
  podGCQuarantineMs: number;
  terminatedPodGCThreshold: number;
  // Simulated: how long the storage backend takes to attach a volume to a node, and to detach it
  // (upstream the external-attacher and the CSI driver; the model's own figures).
  volumeAttachMs: number;
  volumeDetachMs: number;
  // Simulated: how long the CSI driver takes to create a dynamically provisioned volume.
  provisionLatencyMs: number;
  // Simulated: how long each node's kube-proxy takes to hear of a Service or EndpointSlice change
  // (watch latency across a DaemonSet; 0: at once), before its one-second minimum sync.
  proxyWatchDelayMs: number;
}

export const DEFAULT_CONFIG: ClusterConfig = {
  podStartupMs: 2_000,
  leaseRenewIntervalMs: 10_000,
  nodeStatusReportMs: 300_000,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  nodeEvictionRate: 0.1,
  containerBackOffBaseMs: 10_000,
  containerBackOffMaxMs: 300_000,
  containerBackOffResetMs: 600_000,
  imageBackOffBaseMs: 10_000,
  imageBackOffMaxMs: 300_000,
  schedulerInitialBackOffMs: 1_000,
  schedulerMaxBackOffMs: 10_000,
  schedulerUnschedulableFlushMs: 300_000,
  schedulerBindTimeoutMs: 600_000,
  podGCPeriodMs: 20_000,
  podGCQuarantineMs: 40_000,
  terminatedPodGCThreshold: 12_500,
  volumeAttachMs: 1_000,
  volumeDetachMs: 1_000,
  provisionLatencyMs: 2_000,
  proxyWatchDelayMs: 0,
};

/**
 * Feature gates past v1.32's defaults, as kube-apiserver and
 * kube-controller-manager take them with --feature-gates: each is off, as
 * in v1.32, unless a scenario switches it on (`cluster.featureGates`).
 */
export interface FeatureGates {
  // upstream: DeploymentReplicaSetTerminatingReplicas (alpha in v1.33): status.terminatingReplicas
  // on ReplicaSets and Deployments. Not in v1.32.
  DeploymentReplicaSetTerminatingReplicas: boolean;
  // upstream: MaxUnavailableStatefulSet (alpha since v1.24, off in v1.32): a StatefulSet's
  // rollingUpdate.maxUnavailable takes effect; off, pods are updated one at a time.
  MaxUnavailableStatefulSet: boolean;
}

export const DEFAULT_FEATURE_GATES: FeatureGates = {
  DeploymentReplicaSetTerminatingReplicas: false,
  MaxUnavailableStatefulSet: false,
};

/** The scenario keys for each timing (`cluster.config.podStartup: 2s`). */
export const CONFIG_KEYS: Record<string, keyof ClusterConfig> = {
  podStartup: 'podStartupMs',
  leaseRenewInterval: 'leaseRenewIntervalMs',
  nodeStatusReportFrequency: 'nodeStatusReportMs',
  nodeMonitorPeriod: 'nodeMonitorPeriodMs',
  nodeMonitorGracePeriod: 'nodeMonitorGracePeriodMs',
  nodeStartupGracePeriod: 'nodeStartupGracePeriodMs',
  containerBackOffBase: 'containerBackOffBaseMs',
  containerBackOffMax: 'containerBackOffMaxMs',
  imageBackOffBase: 'imageBackOffBaseMs',
  imageBackOffMax: 'imageBackOffMaxMs',
  schedulerInitialBackOff: 'schedulerInitialBackOffMs',
  schedulerMaxBackOff: 'schedulerMaxBackOffMs',
  podGCPeriod: 'podGCPeriodMs',
  bindTimeout: 'schedulerBindTimeoutMs',
  volumeAttach: 'volumeAttachMs',
  volumeDetach: 'volumeDetachMs',
  provisionLatency: 'provisionLatencyMs',
  proxyWatchDelay: 'proxyWatchDelayMs',
};

/** How a container image behaves, from `cluster.images`. */
export interface ImageBehaviour {
  pull?: 'fail' | 'ok';
  /** The container exits this long after it starts. */
  exitAfterMs?: number;
  exitCode?: number;
  ready?: 'never' | 'always';
  /** Pull and start take this long instead of podStartup. */
  startupMs?: number;
  /** Time to exit after SIGTERM (capped by the grace period). */
  stopMs?: number;
}

export interface NodeSpecInput {
  name: string;
  capacity?: { cpu?: string | number; memory?: string | number; pods?: string | number };
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

/** The default node: 4 cpu, 16Gi memory, 110 pods (SCENARIOS.md). */
export const DEFAULT_CAPACITY = { cpu: '4', memory: '16Gi', pods: '110' };
