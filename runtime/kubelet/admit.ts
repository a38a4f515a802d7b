// The kubelet's own admission: a pod bound straight to a node (spec.nodeName
// set at creation, skipping the scheduler) can still be refused there.
// upstream: pkg/kubelet/lifecycle/predicate.go (GeneralPredicates, "Pod was rejected: ...")
import type { KubeObject, Pod } from '../../model/api/types.js';
import { podRequests } from '../../model/controllers/scheduler/requests.js';

export interface Allocatable { cpuMilli: number; memory: number; pods: number; labels: Record<string, string> }

const active = (p: KubeObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

export function admitPod(pod: KubeObject, node: Allocatable, others: KubeObject[]): { reason: string; message: string } | undefined {
  const selector: Record<string, string> = pod.spec?.nodeSelector ?? {};
  for (const [k, v] of Object.entries(selector)) {
    if (node.labels[k] !== v) {
      return { reason: 'NodeAffinity', message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" };
    }
  }
  const want = podRequests(pod as Pod);
  let cpu = 0, mem = 0, count = 0;
  for (const o of others) {
    if (!active(o)) continue;
    const r = podRequests(o as Pod);
    cpu += r.cpuMilli; mem += r.memory; count++;
  }
  const checks: Array<[string, number, number, number]> = [
    ['pods', 1, count, node.pods],
    ['cpu', want.cpuMilli, cpu, node.cpuMilli],
    ['memory', want.memory, mem, node.memory],
  ];
  for (const [res, requested, used, capacity] of checks) {
    if (requested > 0 && used + requested > capacity) {
      return { reason: `Out${res}`, message: `Pod was rejected: Node didn't have enough resource: ${res}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
    }
  }
  return undefined;
}
