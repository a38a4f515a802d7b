// No node is over-committed: the requests of the pods bound to a node that
// have not finished fit its allocatable cpu, memory and pod count.
// Upstream guarantee: the scheduler's NodeResourcesFit filter together with
// its assume cache (pkg/scheduler/internal/cache). Guards against binding
// from a stale view, kubernetes PR 110924's class of bug.
// A pod's requests are the harness's own sum (properties/oracles/requests.ts),
// not the scheduler's.
import { milliValue, parseQuantity } from '../../../model/api/quantity.js';
import type { Invariant } from '../../invariants/types.js';
import { storedPodRequests } from '../../oracles/requests.js';

export const noOvercommit: Invariant = {
  name: 'no-overcommit',
  description: "no node's bound, unfinished pods request more cpu, memory or pods than its allocatable",
  guards: 'scheduler NodeResourcesFit + assumed pods (kubernetes PR 110924: binding from a stale cache over-commits)',
  create() {
    return {
      name: 'no-overcommit',
      check(cluster) {
        const used = new Map<string, { cpu: number; mem: number; pods: number }>();
        for (const p of cluster.store.list('Pod')) {
          const node = p.spec?.nodeName;
          if (!node || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
          // A pod the kubelet rejected never ran: it holds nothing.
          const r = storedPodRequests(p);
          const u = used.get(node) ?? { cpu: 0, mem: 0, pods: 0 };
          u.cpu += r.cpuMilli; u.mem += r.memory; u.pods += 1;
          used.set(node, u);
        }
        for (const [name, u] of used) {
          const node = cluster.store.get('Node', undefined, name);
          if (!node) continue;
          const a = node.status?.allocatable ?? {};
          const cpu = milliValue(a.cpu ?? '0'), mem = parseQuantity(a.memory ?? '0'), pods = parseQuantity(a.pods ?? '0');
          if (u.cpu > cpu) return `node ${name}: pods request ${u.cpu}m cpu, allocatable ${cpu}m`;
          if (u.mem > mem) return `node ${name}: pods request ${u.mem} bytes of memory, allocatable ${mem}`;
          if (u.pods > pods) return `node ${name}: ${u.pods} pods, allocatable ${pods}`;
        }
        return undefined;
      },
    };
  },
};
