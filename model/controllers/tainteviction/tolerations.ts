// How long a pod may stay on a node with NoExecute taints, as the
// taint-eviction controller decides it: for each taint, the first of the
// pod's tolerations that tolerates it (none: evict at once); then the
// shortest tolerationSeconds among those (none set: never evict; zero or
// less: evict at once).
// upstream: pkg/controller/tainteviction/taint_eviction.go (getMinTolerationTime),
//           k8s.io/component-helpers/scheduling/corev1/helpers.go (GetMatchingTolerations: the first match per taint)
import { toleratesTaint } from '../../api/taints.js';

/** Milliseconds the pod may stay: -1 forever, 0 evict now. Undefined: some taint is not tolerated. */
export function minTolerationMs(taints: readonly any[], tolerations: readonly any[]): number | undefined {
  let min = -1;
  for (const taint of taints) {
    const t = tolerations.find((x) => (x.effect === 'NoExecute' || !x.effect) && toleratesTaint(x, taint));
    if (!t) return undefined;
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const ms = Math.max(0, t.tolerationSeconds) * 1000;
    if (min < 0 || ms < min) min = ms;
  }
  return min;
}
