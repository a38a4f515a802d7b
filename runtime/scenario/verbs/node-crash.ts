// `node-crash: NODE`: the node stops (kubelet and containers); its pods are stranded until it recovers.
import { hardwareVerb } from './hardware.js';

export const nodeCrash = hardwareVerb('node-crash', 'CRASH', (cluster, node) => cluster.nodeCrash(node));
