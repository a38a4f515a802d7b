// State diagrams drawn from the same machine definitions that run: every
// machine the cluster and its controller modules bring (properties/registry.ts).
export { machineGraph, toMermaid, type Edge, type MachineGraph } from '../model/machines/graph.js';
