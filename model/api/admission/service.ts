// The Service kind: defaults, validation, and the update rules for allocated values.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Service), pkg/apis/core/validation/validation.go
//           (ValidateService, validateServicePort, validateUpgradeDowngradeClusterIPs),
//           pkg/registry/core/service/storage/alloc.go (patchAllocatedValues, node port range message).
// The store allocates clusterIP and nodePorts; admission only checks what the client asked for.
import { duplicate, forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../names.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { isValidPortName, isValidPortNum, PORT_PROTOCOLS } from './container.js';
import { validateLabelMap, validateLabelName } from './labelmaps.js';
import { append } from '../../append.js';

/** Behaviour as data: kube-apiserver `--service-node-port-range`. */
export const SERVICE_NODE_PORT_RANGE = { min: 30000, max: 32767 };
/** upstream DefaultClientIPServiceAffinitySeconds and MaxClientIPServiceAffinitySeconds. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];

const isHeadless = (spec: any) => spec?.clusterIP === 'None';
const needsNodePorts = (spec: any) => spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';
const needsClusterIP = (spec: any) => spec?.type !== 'ExternalName';
/** upstream apiservice.ExternallyAccessible. */
const externallyAccessible = (spec: any) =>
  needsNodePorts(spec) || (spec?.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
const isIP = (s: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) ? s.split('.').every((o) => Number(o) <= 255) : /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');

function defaultService(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!p || typeof p !== 'object') continue;
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  // upstream service strategy normalizeClusterIPs: clusterIP and clusterIPs[0] agree.
  if (spec.clusterIP && !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) spec.clusterIP = spec.clusterIPs[0];
}

function validatePort(p: any, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p?.name) errs.push(required(`${path}.name`));
  else if (p?.name) {
    append(errs, isDNS1123Label(String(p.name)).map((m) => invalidValue(`${path}.name`, p.name, m)));
    if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  append(errs, isValidPortNum(p?.port).map((m) => invalidValue(`${path}.port`, p?.port ?? 0, m)));
  if (!p?.protocol) errs.push(required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PORT_PROTOCOLS));
  const tp = p?.targetPort;
  if (typeof tp === 'string') append(errs, isValidPortName(tp).map((m) => invalidValue(`${path}.targetPort`, tp, m)));
  else append(errs, isValidPortNum(tp).map((m) => invalidValue(`${path}.targetPort`, tp ?? 0, m)));
  if (p?.appProtocol !== undefined) append(errs, validateLabelName(String(p.appProtocol), `${path}.appProtocol`));
  return errs;
}

function validateService(obj: KubeObject): FieldError[] {
  const spec: any = obj.spec ?? {};
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  const errs: FieldError[] = [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && isHeadless(spec)) {
    errs.push(invalidValue('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!cname) errs.push(required('spec.externalName'));
    else append(errs, isDNS1123Subdomain(cname).map((m) => invalidValue('spec.externalName', cname, m)));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => append(errs, validatePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  append(errs, validateLabelMap(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (typeof t !== 'number' || t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(invalidValue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t ?? null, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  (Array.isArray(spec.clusterIPs) ? spec.clusterIPs : []).forEach((ip: string, i: number) => {
    if (ip !== 'None' && !isIP(String(ip))) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p?.nodePort) {
      if (spec.type === 'ClusterIP') errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
      else if (needsNodePorts(spec) && (p.nodePort < SERVICE_NODE_PORT_RANGE.min || p.nodePort > SERVICE_NODE_PORT_RANGE.max)) {
        errs.push(invalidValue(`spec.ports[${i}].nodePort`, p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${SERVICE_NODE_PORT_RANGE.min}-${SERVICE_NODE_PORT_RANGE.max}`));
      }
      const npKey = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(npKey)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(npKey);
    }
    const key = `${p?.protocol}/${p?.port}`;
    if (portKeys.has(key)) errs.push(duplicate(`spec.ports[${i}]`, { protocol: p?.protocol, port: p?.port }));
    portKeys.add(key);
  });
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(invalidValue('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  if (spec.internalTrafficPolicy != null && !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  return errs;
}

/**
 * upstream patchAllocatedValues + dropTypeDependentFields: a client that omits clusterIP or a
 * nodePort (as `kubectl apply` of the original manifest does) keeps the allocated value; a type
 * change that no longer needs them releases the values the client did not touch.
 */
export function prepareServiceUpdate(obj: KubeObject, old: KubeObject): void {
  const spec = (obj.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(oldSpec) && needsClusterIP(spec) && !spec.clusterIP && !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)) {
    if (oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (Array.isArray(oldSpec.clusterIPs)) spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec) && spec.clusterIP === oldSpec.clusterIP) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  const oldByName = new Map<string, number>();
  for (const p of Array.isArray(oldSpec.ports) ? oldSpec.ports : []) if (p?.nodePort) oldByName.set(p.name ?? '', p.nodePort);
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (needsNodePorts(oldSpec) && needsNodePorts(spec)) {
    const used = new Set(ports.map((p) => p?.nodePort).filter(Boolean));
    for (const p of ports) {
      const oldVal = oldByName.get(p?.name ?? '');
      if (p && !p.nodePort && oldVal && !used.has(oldVal)) p.nodePort = oldVal;
    }
  } else if (needsNodePorts(oldSpec) && !needsNodePorts(spec)) {
    for (const p of ports) if (p?.nodePort && oldByName.get(p.name ?? '') === p.nodePort) delete p.nodePort;
  }
}

/** upstream validateUpgradeDowngradeClusterIPs (single-stack subset): allocated IPs never change. */
function validateClusterIPsUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (!needsClusterIP(spec) || !needsClusterIP(oldSpec)) return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const n: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const o: string[] = Array.isArray(oldSpec.clusterIPs) ? oldSpec.clusterIPs : [];
  if (o.length === n.length) {
    return o.flatMap((ip, i) => (ip !== n[i] ? [invalidValue(`spec.clusterIPs[${i}]`, n, 'may not change once set')] : []));
  }
  if (o.length > n.length && n.length === 0) return [invalidValue('spec.clusterIPs[0]', n, 'primary clusterIP can not be unset')];
  if (o.length > 0 && n.length > 0 && o[0] !== n[0]) return [invalidValue('spec.clusterIPs[0]', n, 'may not change once set')];
  return [];
}

export const serviceAdmission: KindAdmission = {
  defaults: defaultService,
  validate: validateService,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    return [...validateClusterIPsUpdate(obj, old), ...validateService(obj)];
  },
};
