// Pods on a NoExecute-tainted node are evicted no earlier than their
// tolerations allow: at once only if some taint is not tolerated, after the
// shortest tolerationSeconds if all are tolerated for a while, never if all
// are tolerated forever. Measured from the earliest NoExecute taint's
// timeAdded, which is no later than when the controller could have seen it.
// Upstream guarantee: pkg/controller/tainteviction/taint_eviction.go
// (getMinTolerationTime). Guards against evicting pods that tolerate the
// taint — DaemonSet pods, or pods given a long toleration to ride out a blip.
// The allowance is the harness's own reading of upstream's rule
// (properties/oracles/tolerations.ts), not the controller's arithmetic.
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';
import { noExecuteAllowanceMs } from '../../oracles/tolerations.js';

const TAINT_EVICTOR = 'taint-eviction-controller';

export const evictionRespectsTolerations: Invariant = {
  name: 'eviction-respects-tolerations',
  description: 'the taint-eviction controller deletes a pod no earlier than its NoExecute tolerations allow',
  guards: 'taint-based eviction honouring tolerationSeconds (taint_eviction.go); evicting tolerating pods takes down what was meant to ride out a node blip',
  create(cluster) {
    let violation: string | undefined;
    // The last NoExecute taints each node had: the evictor may act on them after the node
    // healed or was deleted, if its view lags (as upstream's can); they still set the bound.
    const lastTaints = new Map<string, any[]>();
    cluster.store.onChange((type, obj, old, actor) => {
      if (obj.kind === 'Node' && type !== 'DELETED') {
        const t = (obj.spec?.taints ?? []).filter((x: any) => x.effect === 'NoExecute');
        if (t.length > 0) lastTaints.set(obj.metadata.name!, t);
        return;
      }
      if (violation || actor !== TAINT_EVICTOR || obj.kind !== 'Pod') return;
      const started = type === 'DELETED' || (obj.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp);
      if (!started) return;
      const nodeName = obj.spec?.nodeName ?? '';
      const node = cluster.store.get('Node', undefined, nodeName);
      const current = (node?.spec?.taints ?? []).filter((t: any) => t.effect === 'NoExecute');
      violation = check(nodeName, current.length > 0 ? current : lastTaints.get(nodeName) ?? [], obj, cluster.clock.now(), (s) => cluster.clock.parse(s));
    });
    return { name: 'eviction-respects-tolerations', check: () => violation };
  },
};

function check(nodeName: string, taints: any[], pod: KubeObject, nowMs: number, parse: (iso: string) => number): string | undefined {
  const who = `pod ${pod.metadata.namespace}/${pod.metadata.name}`;
  if (taints.length === 0) return `${who} was evicted by the taint manager but its node ${nodeName} never had a NoExecute taint`;
  const min = noExecuteAllowanceMs(taints, pod.spec?.tolerations ?? []);
  if (min === undefined) return undefined;
  if (min < 0) return `${who} tolerates every NoExecute taint on ${nodeName} forever, yet was evicted`;
  const since = Math.min(...taints.map((t: any) => (t.timeAdded ? parse(t.timeAdded) : nowMs)));
  if (nowMs - since < min) {
    return `${who} was evicted ${Math.round((nowMs - since) / 1000)}s after node ${nodeName} was tainted, but tolerates it for ${min / 1000}s`;
  }
  return undefined;
}
