// Container defaults and validation (containers and initContainers of a pod spec).
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Probe),
//           pkg/apis/core/validation/validation.go (validateContainers, validateContainerPorts, validateProbe).
import { duplicate, forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Label } from '../names.js';
import { validateResourceRequirements } from './resources.js';
import { append } from '../../append.js';

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** The tag of an image reference: after the last ':' of the last path segment; "latest" when neither tag nor digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon >= 0) return lastSegment.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultProbe(probe: any): void {
  if (!probe) return;
  // upstream SetDefaults_Probe and SetDefaults_HTTPGetAction
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) {
    probe.httpGet.path ??= '/';
    probe.httpGet.scheme ??= 'HTTP';
  }
}

/** upstream SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Probe, SetDefaults_ObjectFieldSelector. */
export function defaultContainer(c: any): void {
  if (!c || typeof c !== 'object') return;
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const port of Array.isArray(c.ports) ? c.ports : []) {
    if (port && typeof port === 'object') port.protocol ||= 'TCP';
  }
  for (const env of Array.isArray(c.env) ? c.env : []) {
    if (env?.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** upstream validation.IsValidPortName. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** upstream validation.IsValidPortNum. */
export function isValidPortNum(port: unknown): string[] {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  if (!Array.isArray(ports)) return [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port: any, i: number) => {
    const p = `${path}[${i}]`;
    if (port?.name) {
      const msgs = isValidPortName(String(port.name));
      if (msgs.length > 0) append(errs, msgs.map((m) => invalidValue(`${p}.name`, port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      names.add(port.name);
    }
    if (!port?.containerPort) errs.push(required(`${p}.containerPort`));
    else append(errs, isValidPortNum(port.containerPort).map((m) => invalidValue(`${p}.containerPort`, port.containerPort, m)));
    if (port?.hostPort) append(errs, isValidPortNum(port.hostPort).map((m) => invalidValue(`${p}.hostPort`, port.hostPort, m)));
    if (!port?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const nonNegative = (v: unknown, path: string): FieldError[] =>
  typeof v === 'number' && v < 0 ? [invalidValue(path, v, 'must be greater than or equal to 0')] : [];

/** upstream validateProbe / validateHandler, plus the per-kind rules of validate{Liveness,Readiness,Startup}Probe. */
function validateProbe(probe: any, path: string, kind: string): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  let handlers = 0;
  for (const h of PROBE_HANDLERS) {
    if (probe[h] === undefined || probe[h] === null) continue;
    if (handlers > 0) errs.push(forbidden(`${path}.${h}`, 'may not specify more than 1 handler type'));
    handlers++;
  }
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    append(errs, nonNegative(probe[f], `${path}.${f}`));
  }
  if (kind === 'readinessProbe') {
    if (probe.terminationGracePeriodSeconds !== undefined) {
      errs.push(invalidValue(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
  } else if (probe.successThreshold !== 1) {
    errs.push(invalidValue(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

export interface ContainerContext {
  /** Volume names declared by the pod, for volumeMounts. */
  volumes: Set<string>;
  /** Names already used: regular containers are checked first, init containers must differ from all of them. */
  names: Set<string>;
  init: boolean;
}

/** upstream validateContainerCommon: name, image, message policy, ports, mounts, pull policy, resources. */
function validateContainerCommon(c: any, p: string, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${p}.name`));
  else append(errs, isDNS1123Label(String(c.name)).map((m) => invalidValue(`${p}.name`, c.name, m)));
  if (!c.image) errs.push(required(`${p}.image`));
  if (!c.terminationMessagePolicy) errs.push(required(`${p}.terminationMessagePolicy`));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(`${p}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES));
  }
  append(errs, validateContainerPorts(c.ports, `${p}.ports`));
  (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m: any, j: number) => {
    const mp = `${p}.volumeMounts[${j}]`;
    if (!m?.name) errs.push(required(`${mp}.name`));
    else if (!volumes.has(m.name)) errs.push({ type: 'FieldValueNotFound', field: `${mp}.name`, value: m.name });
    if (!m?.mountPath) errs.push(required(`${mp}.mountPath`));
  });
  if (!c.imagePullPolicy) errs.push(required(`${p}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  append(errs, validateResourceRequirements(c.resources, `${p}.resources`));
  return errs;
}

/** upstream checkHostPortConflicts: protocol/hostIP/hostPort unique across the given containers. */
function hostPortConflicts(containers: any[], path: string, offset: number): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    (Array.isArray(c?.ports) ? c.ports : []).forEach((port: any, j: number) => {
      if (!port?.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${i + offset}].ports[${j}].hostPort`, key));
      seen.add(key);
    });
  });
  return errs;
}

/** upstream validateContainers (regular) and validateInitContainers (init, sidecars with restartPolicy Always). */
export function validateContainers(containers: unknown, path: string, ctx: ContainerContext): FieldError[] {
  if (containers === undefined || containers === null) return [];
  if (!Array.isArray(containers)) return [invalidValue(path, containers, 'must be a list')];
  const errs: FieldError[] = [];
  containers.forEach((c: any, i: number) => {
    const p = `${path}[${i}]`;
    if (!c || typeof c !== 'object') {
      errs.push(invalidValue(p, c, 'must be a container'));
      return;
    }
    append(errs, validateContainerCommon(c, p, ctx.volumes));
    const sidecar = ctx.init && c.restartPolicy === 'Always';
    if (ctx.init && c.restartPolicy !== undefined && c.restartPolicy !== 'Always') {
      errs.push(notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
    }
    if (ctx.names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else if (c.name) ctx.names.add(c.name);
    if (ctx.init) append(errs, hostPortConflicts([c], path, i));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (ctx.init && !sidecar) {
        if (c[probe]) errs.push(forbidden(`${p}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
      } else {
        append(errs, validateProbe(c[probe], `${p}.${probe}`, probe));
      }
    }
    if (ctx.init && !sidecar && c.lifecycle) errs.push(forbidden(`${p}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
    if (!ctx.init && c.restartPolicy !== undefined) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  if (!ctx.init) append(errs, hostPortConflicts(containers, path, 0));
  return errs;
}
