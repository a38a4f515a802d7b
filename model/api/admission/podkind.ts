// The Pod kind: PodSpec defaults plus the Pod-only defaults, the admission plugins that mutate
// every pod (Priority, DefaultTolerationSeconds), and the create-time status.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Pod), plugin/pkg/admission/priority,
//           plugin/pkg/admission/defaulttolerationseconds/admission.go, pkg/registry/core/pod/strategy.go.
import { invalidValue, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { defaultPodSpec, validatePodSpec, validatePodSpecUpdate } from './pod.js';
import { podQOSClass } from './resources.js';

/** Behaviour as data: the DefaultTolerationSeconds plugin's flags (`--default-*-toleration-seconds`). */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;
export const DEFAULT_UNREACHABLE_TOLERATION_SECONDS = 300;
const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Built-in PriorityClasses; the model serves no PriorityClass kind, so other names resolve to 0. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/**
 * upstream defaulttolerationseconds: add NoExecute tolerations for not-ready and unreachable
 * (operator Exists, 300 s) unless an existing toleration already covers that taint: same key or
 * empty key, and effect NoExecute or empty.
 */
export function addDefaultTolerations(spec: any): void {
  const tolerations: any[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const covers = (key: string) => tolerations.some((t) =>
    (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const add: any[] = [];
  if (!covers(TAINT_NOT_READY)) {
    add.push({ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_NOT_READY_TOLERATION_SECONDS });
  }
  if (!covers(TAINT_UNREACHABLE)) {
    add.push({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_UNREACHABLE_TOLERATION_SECONDS });
  }
  if (add.length > 0) spec.tolerations = [...tolerations, ...add];
}

/** upstream SetDefaults_Pod: requests default to limits; hostNetwork pods get hostPort = containerPort. */
function defaultPodOnly(spec: any): void {
  for (const list of ['initContainers', 'containers']) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
      if (!c || typeof c !== 'object') continue;
      const limits = c.resources?.limits;
      if (limits && typeof limits === 'object') {
        c.resources.requests ??= {};
        for (const [name, q] of Object.entries(limits)) {
          if (!Object.hasOwn(c.resources.requests, name)) c.resources.requests[name] = q;
        }
      }
      if (spec.hostNetwork === true) {
        for (const port of Array.isArray(c.ports) ? c.ports : []) {
          if (port && typeof port === 'object' && !port.hostPort) port.hostPort = port.containerPort;
        }
      }
    }
  }
  spec.enableServiceLinks ??= true;
}

/** upstream Priority admission plugin: resolve priorityClassName to an integer priority. */
function defaultPriority(spec: any): void {
  if (spec.priority === undefined || spec.priority === null) {
    spec.priority = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName] ?? 0;
  }
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** Pod-only validation on top of the spec (upstream validateContainersOnlyForPod). */
function validatePodOnly(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    (Array.isArray(spec?.[list]) ? spec[list] : []).forEach((c: any, i: number) => {
      if (typeof c?.image === 'string' && c.image.trim() !== c.image) {
        errs.push(invalidValue(`spec.${list}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
      }
    });
  }
  return errs;
}

export const podAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    obj.spec ??= {};
    defaultPodSpec(obj.spec);
    defaultPodOnly(obj.spec);
    defaultPriority(obj.spec);
    addDefaultTolerations(obj.spec);
    // upstream podStrategy.PrepareForCreate: a new pod is Pending with its QoS class computed.
    if (!obj.status || typeof obj.status !== 'object') obj.status = {};
    if (!obj.status.phase) {
      obj.status.phase = 'Pending';
      obj.status.qosClass ??= podQOSClass(obj.spec);
    }
  },
  validate(obj: KubeObject): FieldError[] {
    return [...validatePodSpec(obj.spec, 'spec'), ...validatePodOnly(obj.spec)];
  },
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [...validatePodSpec(obj.spec, 'spec'), ...validatePodOnly(obj.spec), ...validatePodSpecUpdate(obj.spec, old.spec, 'spec')];
  },
};
