// What a pod asks of its node, as the scheduler counts it (the real
// requests, not scoring's non-zero defaults), for cpu, memory and the pod slot:
// - the sum of the app containers' requests;
// - each init container runs before them, alone except for the sidecars
//   (init containers with restartPolicy Always) started before it, so the
//   pod needs at least that much at that moment; a sidecar keeps running,
//   so it also adds to the sum. The pod asks for the larger of the two;
// - pod-level requests (spec.resources.requests), where the pod sets them,
//   replace that for the resource they name;
// - plus spec.overhead (the RuntimeClass's).
// Quantities are added exactly (cpu in nanocores, memory in thousandths of
// a byte) and rounded up once: cpu to millicores, memory to bytes. A pod
// takes 1 of the node's pods.
// upstream: k8s.io/component-helpers/resource/helpers.go (PodRequests, AggregateContainerRequests),
//           pkg/scheduler/framework/types.go (calculateResource)
import type { KubeObject } from '../../model/api/types.js';
import { scaledValue } from '../../model/api/quantity.js';

export interface Requests { cpuMilli: number; memory: number; pods: 1 }

type Unit = { resource: 'cpu' | 'memory'; scale: number; perRoundedUnit: number };
const CPU: Unit = { resource: 'cpu', scale: -9, perRoundedUnit: 1e6 }; // nanocores → millicores
const MEMORY: Unit = { resource: 'memory', scale: -3, perRoundedUnit: 1e3 }; // millibytes → bytes

/** One resource list's entry in the unit's integer steps; 0 when it names none. */
function amount(list: Record<string, string | number> | undefined, u: Unit): number {
  const q = list?.[u.resource];
  return q === undefined || q === null ? 0 : scaledValue(q, u.scale);
}

function total(spec: any, u: Unit): number {
  const podLevel = spec?.resources?.requests?.[u.resource];
  let need: number;
  if (podLevel !== undefined && podLevel !== null) {
    need = scaledValue(podLevel, u.scale);
  } else {
    let running = 0;
    for (const c of spec?.containers ?? []) running += amount(c.resources?.requests, u);
    let sidecarsSoFar = 0;
    let peakDuringInit = 0;
    for (const c of spec?.initContainers ?? []) {
      const own = amount(c.resources?.requests, u);
      let atThatMoment: number;
      if (c.restartPolicy === 'Always') {
        sidecarsSoFar += own;
        running += own;
        atThatMoment = sidecarsSoFar;
      } else {
        atThatMoment = sidecarsSoFar + own;
      }
      peakDuringInit = Math.max(peakDuringInit, atThatMoment);
    }
    need = Math.max(running, peakDuringInit);
  }
  need += amount(spec?.overhead, u);
  return Math.ceil(need / u.perRoundedUnit);
}

export function podEffectiveRequests(pod: KubeObject): Requests {
  return { cpuMilli: total(pod.spec, CPU), memory: total(pod.spec, MEMORY), pods: 1 };
}

// The invariants ask after every event. A frozen object (the store freezes what it keeps) cannot
// change, so its answer is kept; anything else is worked out afresh.
const kept = new WeakMap<object, Requests>();

/** podEffectiveRequests, remembered for frozen pods. */
export function storedPodRequests(pod: KubeObject): Requests {
  if (!Object.isFrozen(pod)) return podEffectiveRequests(pod);
  let r = kept.get(pod);
  if (!r) kept.set(pod, (r = podEffectiveRequests(pod)));
  return r;
}
