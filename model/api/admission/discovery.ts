// EndpointSlice (discovery.k8s.io/v1) and PodDisruptionBudget (policy/v1).
// upstream: pkg/apis/discovery/v1/defaults.go, pkg/apis/discovery/validation/validation.go,
//           pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudgetSpec),
//           pkg/apis/apps/validation/validation.go (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent).
import { duplicate, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../names.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { isValidPortNum, PORT_PROTOCOLS } from './container.js';
import { validateLabelSelector } from './labelmaps.js';
import { append } from '../../append.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;

const tooMany = (field: string, n: number, max: number): FieldError =>
  ({ type: 'FieldValueTooMany', field, value: n, detail: `must have at most ${max} items` });
const isIPv4 = (s: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
const isIPv6 = (s: string) => s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);

function addressErrors(type: string, addr: string, path: string): FieldError[] {
  if (type === 'IPv4' && !isIPv4(addr)) return [invalidValue(path, addr, 'must be a valid IPv4 address')];
  if (type === 'IPv6' && !isIPv6(addr)) return [invalidValue(path, addr, 'must be a valid IPv6 address')];
  if (type === 'FQDN') return isDNS1123Subdomain(addr).map((m) => invalidValue(path, addr, m));
  return [];
}

/** upstream ValidateEndpointSlice: address type, endpoints (1–100 addresses each), ports. */
function validateEndpointSlice(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const type = String(obj.addressType ?? '');
  if (!type) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  const endpoints: any[] = Array.isArray(obj.endpoints) ? obj.endpoints : [];
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  endpoints.forEach((ep, i) => {
    const p = `endpoints[${i}]`;
    const addrs: string[] = Array.isArray(ep?.addresses) ? ep.addresses : [];
    if (addrs.length === 0) errs.push(required(`${p}.addresses`, 'must contain at least 1 address'));
    else if (addrs.length > MAX_ADDRESSES) errs.push(tooMany(`${p}.addresses`, addrs.length, MAX_ADDRESSES));
    addrs.forEach((a, j) => append(errs, addressErrors(type, String(a), `${p}.addresses[${j}]`)));
    if (ep?.nodeName) append(errs, isDNS1123Subdomain(String(ep.nodeName)).map((m) => invalidValue(`${p}.nodeName`, ep.nodeName, m)));
    if (ep?.hostname) append(errs, isDNS1123Label(String(ep.hostname)).map((m) => invalidValue(`${p}.hostname`, ep.hostname, m)));
  });
  const ports: any[] = Array.isArray(obj.ports) ? obj.ports : [];
  if (ports.length > MAX_PORTS) errs.push(tooMany('ports', ports.length, MAX_PORTS));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `ports[${i}]`;
    const name = String(port?.name ?? '');
    if (name) append(errs, isDNS1123Label(name).map((m) => invalidValue(`${p}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    names.add(name);
    if (!port?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PORT_PROTOCOLS));
    if (port?.port != null) append(errs, isValidPortNum(port.port).map((m) => invalidValue(`${p}.port`, port.port, m)));
  });
  return errs;
}

export const endpointSliceAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    for (const port of Array.isArray(obj.ports) ? obj.ports : []) {
      if (!port || typeof port !== 'object') continue;
      port.name ??= '';
      port.protocol ??= 'TCP';
    }
  },
  validate: validateEndpointSlice,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const errs = obj.addressType === old.addressType ? [] : [invalidValue('addressType', obj.addressType ?? '', 'field is immutable')];
    return [...errs, ...validateEndpointSlice(obj)];
  },
};

/** upstream ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 0 ? [] : [invalidValue(path, v, 'must be greater than or equal to 0')];
  }
  if (typeof v !== 'string') return [invalidValue(path, v, "must be an integer or percentage (e.g '5%')")];
  if (!/^[0-9]+%$/.test(v)) {
    return [invalidValue(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return Number(v.slice(0, -1)) > 100 ? [invalidValue(path, v, 'must not be greater than 100%')] : [];
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validatePDB(obj: KubeObject): FieldError[] {
  const spec: any = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalidValue('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (spec.minAvailable != null) append(errs, validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable != null) append(errs, validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  append(errs, validateLabelSelector(spec.selector, 'spec.selector'));
  if (spec.unhealthyPodEvictionPolicy != null && !EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
  }
  return errs;
}

export const podDisruptionBudgetAdmission: KindAdmission = {
  defaults(obj: KubeObject): void { obj.spec ??= {}; },
  validate: validatePDB,
  validateUpdate: validatePDB,
};
