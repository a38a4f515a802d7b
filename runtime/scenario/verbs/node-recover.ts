// `node-recover: NODE`: a crashed node comes back; its kubelet re-registers and reconciles its pods.
import { hardwareVerb } from './hardware.js';

export const nodeRecover = hardwareVerb('node-recover', 'RECOVER', (cluster, node) => cluster.nodeRecover(node));
