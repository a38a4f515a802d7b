// kubectl's printers, as pure functions of objects and the virtual now:
// `kubectl get` tables, `kubectl get events`, `-o yaml` and `-o json`.

export { humanDuration, since } from './duration.js';
export { printTable, type TableOptions } from './table.js';
export { printEvents, printEventLine } from './events.js';
export { toYaml, toJson, type OutputOptions } from './yaml.js';
export { podSummary, type PodSummary } from './pod.js';
export { nodeStatus } from './cluster.js';
export { jobStatus } from './workloads.js';
export { tabulate } from './tabwriter.js';
