// The suites `kubemodel bench` runs, in order. A new suite (the reconcile
// suite, once controllers exist) is one more entry here; a new whole-cluster
// workload (Deployments) is one more entry in WORKLOADS (bench/converge.ts).
import { selectorsSuite } from './selectors-suite.js';
import { schedulerSuite } from './scheduler-suite.js';
import { clusterSuite } from './cluster-suite.js';
import { harnessSuite } from './harness.js';
import { reconcileSuite } from './reconcile.bench.js';
import { servicesStorageSuite } from './services-storage.bench.js';
import { storageNetworkClusterSuite } from './storage-network-cluster.bench.js';
import type { Suite } from './types.js';

export const SUITES: readonly Suite[] = [selectorsSuite, reconcileSuite, servicesStorageSuite, storageNetworkClusterSuite, schedulerSuite, clusterSuite, harnessSuite];
