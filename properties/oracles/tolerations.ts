// Taints and tolerations, as the API defines the match and as the
// taint-eviction controller turns NoExecute tolerations into a deadline.
//
// A toleration tolerates a taint when
// - its effect is empty (every effect) or the taint's effect;
// - its key is empty (every key; validation allows that only with Exists)
//   or the taint's key;
// - and its operator says so: Exists tolerates any value; Equal, or no
//   operator, wants the same value (absent is ""); any other operator
//   tolerates nothing.
//
// How long a pod may stay on a node with NoExecute taints: for each taint,
// the FIRST of the pod's tolerations that tolerates it is the one used (a
// taint that none tolerates: evict now — undefined here). Of the used
// tolerations, one without tolerationSeconds tolerates forever; the others
// allow their tolerationSeconds, 0 or negative meaning 0; the shortest wins.
// None with tolerationSeconds: -1, forever.
// upstream: k8s.io/api/core/v1/toleration.go (ToleratesTaint),
//           pkg/apis/core/v1/helper/helpers.go (GetMatchingTolerations),
//           pkg/controller/tainteviction/taint_eviction.go (getMinTolerationTime, processPodOnNode)

export interface TaintLike { key?: string; value?: string; effect?: string; timeAdded?: string }
export interface TolerationLike { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number | null }

export function tolerates(t: TolerationLike, taint: TaintLike): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? '';
  if (op === 'Exists') return true;
  if (op === '' || op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

/** Some toleration of the list tolerates the taint. */
export function tolerated(tolerations: readonly TolerationLike[] | undefined, taint: TaintLike): boolean {
  return (tolerations ?? []).some((t) => tolerates(t, taint));
}

/**
 * Milliseconds a pod may stay on a node with these NoExecute taints: undefined when one of them is
 * not tolerated (evict now), -1 forever, else the shortest tolerationSeconds of the tolerations
 * used (the first that tolerates each taint), negative counting as 0.
 */
export function noExecuteAllowanceMs(taints: readonly TaintLike[], tolerations: readonly TolerationLike[] | undefined): number | undefined {
  const list = tolerations ?? [];
  let shortestS: number | undefined;
  for (const taint of taints) {
    const used = list.find((t) => tolerates(t, taint));
    if (!used) return undefined;
    const s = used.tolerationSeconds;
    if (s === undefined || s === null) continue;
    const clamped = s > 0 ? s : 0;
    if (shortestS === undefined || clamped < shortestS) shortestS = clamped;
  }
  return shortestS === undefined ? -1 : shortestS * 1000;
}
