// `node-remove: NODE`: the hardware leaves and its Node object is deleted (PodGC then removes its pods).
import { hardwareVerb } from './hardware.js';

export const nodeRemove = hardwareVerb('node-remove', 'REMOVE', (cluster, node) => cluster.nodeRemove(node));
