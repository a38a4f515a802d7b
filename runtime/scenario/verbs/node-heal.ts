// `node-heal: NODE`: a partitioned node reaches the control plane again.
import { hardwareVerb } from './hardware.js';

export const nodeHeal = hardwareVerb('node-heal', 'HEAL', (cluster, node) => cluster.nodeHeal(node));
