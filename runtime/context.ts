// What every component is given: the API store (its only way to the world),
// the clock, its random streams, the event recorder and the cluster's config.
import type { ApiStore } from './store.js';
import type { VirtualClock } from './clock.js';
import type { RandomStreams } from './random.js';
import type { EventRecorder } from './events.js';
import type { ClusterConfig, FeatureGates, ImageBehaviour } from './config.js';
import type { StorageBackend } from './storage.js';

export interface RuntimeContext {
  store: ApiStore;
  clock: VirtualClock;
  streams: RandomStreams;
  recorder: EventRecorder;
  config: ClusterConfig;
  images: ReadonlyMap<string, ImageBehaviour>;
  /** Feature gates beyond v1.32's defaults (all off unless the scenario says). */
  featureGates: Readonly<FeatureGates>;
  /** Switched-on known bugs (the bug catalogue), by name. */
  bugs: ReadonlySet<string>;
  /** The simulated disks behind PersistentVolumes (hardware: only provisioners, reclaimers and kubelets touch it). */
  storage: StorageBackend;
}

/** A control-plane or node component: it can be started, stopped and restarted (losing memory). */
export interface Component {
  readonly name: string;
  start(): void;
  stop(): void;
  /** Informer watch delay for the watch-delay fault. */
  setWatchDelay(ms: number): void;
  /** A component with one instance per node (a DaemonSet, as kube-proxy): that node's, named `<component>/NODE`. */
  perNode?(node: string): Component | undefined;
  /** The node's hardware machine took an action (its names: stopKubelet, recoverKubelet, partitionKubelet, healKubelet, removeNode). */
  onNodeHardware?(node: string, action: string): void;
}
