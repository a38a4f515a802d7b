// What a pod asks of a node, computed once per pod (callers cache it by uid).
// upstream: k8s.io/component-helpers/resource/helpers.go (PodRequests, AggregateContainerRequests),
//           pkg/scheduler/framework/types.go (calculateResource: requested and non-zero requested).
//
// Two sums are kept because upstream keeps two: the Fit filter and BalancedAllocation use the
// real requests, while LeastAllocated scores with "non-zero" requests, where a container that
// names no cpu (memory) request counts as 100m (200Mi). Without that, a node full of pods that
// request nothing would look empty and keep attracting more of them.
import type { Container, Pod } from '../../api/types.js';
import { scaledValue } from '../../api/quantity.js';

// upstream: pkg/scheduler/util/pod_resources.go (DefaultMilliCPURequest, DefaultMemoryRequest)
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodRequests {
  /** Millicores: the sum the Fit filter compares with allocatable. */
  readonly cpuMilli: number;
  /** Bytes. */
  readonly memory: number;
  readonly pods: 1;
  /** Millicores with 100m for each container that names no cpu request (LeastAllocated). */
  readonly nonZeroCpuMilli: number;
  /** Bytes with 200Mi for each container that names no memory request (LeastAllocated). */
  readonly nonZeroMemory: number;
}

type Requests = Record<string, string | number> | undefined;

/** One container's request in units of 10^scale; a missing key takes the default (0 for real requests). */
function containerRequest(c: Container, resource: string, scale: number, missing: number): number {
  const q = (c.resources?.requests as Requests)?.[resource];
  return q === undefined ? missing : scaledValue(q, scale);
}

/**
 * upstream AggregateContainerRequests: the sum over containers, against the largest need of
 * any init container. A restartable (sidecar) init container keeps running, so it adds to the
 * sum and to the need of every init container after it.
 */
function aggregate(pod: Pod, resource: string, scale: number, missing: number): number {
  const spec = pod.spec;
  if (!spec) return 0;
  let sum = 0;
  for (const c of spec.containers ?? []) sum += containerRequest(c, resource, scale, missing);
  let sidecars = 0;
  let initMax = 0;
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c, resource, scale, missing);
    let need: number;
    if (c.restartPolicy === 'Always') {
      sum += r;
      sidecars += r;
      need = sidecars;
    } else {
      need = r + sidecars;
    }
    if (need > initMax) initMax = need;
  }
  return Math.max(sum, initMax);
}

/** Pod-level requests (spec.resources, PodLevelResources) win for the resources they name. */
function podLevel(pod: Pod, resource: string, scale: number): number | undefined {
  const q = ((pod.spec as { resources?: { requests?: Requests } } | undefined)?.resources?.requests)?.[resource];
  return q === undefined ? undefined : scaledValue(q, scale);
}

function overhead(pod: Pod, resource: string, scale: number): number {
  const q = (pod.spec?.overhead as Requests)?.[resource];
  return q === undefined ? 0 : scaledValue(q, scale);
}

// cpu is summed in nanocores and rounded up to millicores once, as upstream sums exact
// quantities and takes MilliValue of the total; memory is summed in bytes.
const NANO = -9;
const NANO_PER_MILLI = 1e6;

function cpuMilli(pod: Pod, missingMilli: number): number {
  const nano = (podLevel(pod, 'cpu', NANO) ?? aggregate(pod, 'cpu', NANO, missingMilli * NANO_PER_MILLI)) + overhead(pod, 'cpu', NANO);
  return Math.ceil(nano / NANO_PER_MILLI);
}

function memoryBytes(pod: Pod, missing: number): number {
  return (podLevel(pod, 'memory', 0) ?? aggregate(pod, 'memory', 0, missing)) + overhead(pod, 'memory', 0);
}

/**
 * upstream computePodResourceRequest / calculateResource: the pod's requests, init containers
 * as max(init), plus spec.overhead. Requests are read as the API server left them; defaulting
 * requests from limits is admission's job.
 * Simplification: only cpu, memory and the pod slot; extended resources and ephemeral storage
 * are not modelled.
 */
export function podRequests(pod: Pod): PodRequests {
  // Memoised on the spec object: stored objects are frozen and a status write keeps the
  // same spec, so every version of a pod shares one answer (the scheduler, the kubelet's
  // admission and the invariants ask for it on every event).
  const spec = pod.spec as object | undefined;
  const frozen = spec !== undefined && Object.isFrozen(spec);
  if (frozen) { const hit = memo.get(spec); if (hit) return hit; }
  const r: PodRequests = {
    cpuMilli: cpuMilli(pod, 0),
    memory: memoryBytes(pod, 0),
    pods: 1,
    nonZeroCpuMilli: cpuMilli(pod, DEFAULT_MILLI_CPU_REQUEST),
    nonZeroMemory: memoryBytes(pod, DEFAULT_MEMORY_REQUEST),
  };
  if (frozen) memo.set(spec, r);
  return r;
}

const memo = new WeakMap<object, PodRequests>();
