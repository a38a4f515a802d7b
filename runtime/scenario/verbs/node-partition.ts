// `node-partition: NODE`: the node keeps running its pods but cannot reach the control plane.
import { hardwareVerb } from './hardware.js';

export const nodePartition = hardwareVerb('node-partition', 'PARTITION', (cluster, node) => cluster.nodePartition(node));
