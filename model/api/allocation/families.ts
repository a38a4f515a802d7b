// ipFamilyPolicy and ipFamilies, as the Service store fills them in before it
// allocates, on a single-stack IPv4 cluster (the model's only kind).
//
// Why the store and not defaulting: the right answer depends on the cluster
// (which families it serves) and, on update, on the stored object, so
// upstream does it next to allocation. The visible results: an ordinary
// Service reads back `ipFamilyPolicy: SingleStack, ipFamilies: [IPv4]`; a
// headless Service without a selector reads back RequireDualStack with both
// families even here (headless needs no address, so nothing is checked); and
// asking for IPv6 or dual-stack is refused with upstream's words.
// upstream: pkg/registry/core/service/storage/alloc.go (initIPFamilyFields, isMatchingPreferDualStackClusterIPFields)
import { invalidValue, type FieldError } from '../errors.js';
import { familyOf, type IPFamily } from './ipv4.js';

/** The families this cluster serves. */
export const CLUSTER_FAMILIES: readonly IPFamily[] = ['IPv4'];

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const sameList = (a: unknown, b: unknown) => {
  const x = list(a), y = list(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
const isHeadless = (spec: any) => spec?.clusterIP === 'None';
const hasSelector = (spec: any) => spec?.selector != null && Object.keys(spec.selector).length > 0;
const configured = (f: string) => (CLUSTER_FAMILIES as readonly string[]).includes(f);

/** upstream isMatchingPreferDualStackClusterIPFields: an update that leaves a PreferDualStack Service's IP fields alone. */
export function matchingPreferDualStack(spec: any, oldSpec: any | undefined): boolean {
  if (!oldSpec || spec.ipFamilyPolicy == null || oldSpec.type !== spec.type) return false;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) return false;
  if (spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  if (oldSpec.ipFamilyPolicy != null && oldSpec.ipFamilyPolicy !== 'PreferDualStack') return false;
  return sameList(oldSpec.clusterIPs, spec.clusterIPs) && sameList(oldSpec.ipFamilies, spec.ipFamilies);
}

/** The clusterIPs syntax check the store runs first (the part of ValidateServiceClusterIPsRelatedFields it needs). */
function malformedClusterIPs(spec: any): FieldError[] {
  return list(spec.clusterIPs).flatMap((ip, i) =>
    (i === 0 && ip === 'None') || familyOf(ip) !== 'unknown'
      ? []
      : [invalidValue(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]);
}

/**
 * Fill in ipFamilyPolicy and ipFamilies on `spec` (a copy the caller owns),
 * or return the errors, in upstream's order. `oldSpec` is the stored object's
 * spec on update.
 */
export function initIPFamilies(spec: any, oldSpec?: any): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  if (matchingPreferDualStack(spec, oldSpec)) return [];
  if (spec.ipFamilyPolicy == null) {
    if (oldSpec?.ipFamilyPolicy != null) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    else spec.ipFamilyPolicy = isHeadless(spec) && !hasSelector(spec) ? 'RequireDualStack' : 'SingleStack';
  }
  const malformed = malformedClusterIPs(spec);
  if (malformed.length > 0) return malformed;

  const errs: FieldError[] = [];
  const policy = spec.ipFamilyPolicy;
  if (oldSpec) {
    if (policy === 'SingleStack') {
      // Unchanged fields plus SingleStack is a clear request to drop the secondary entries.
      if (sameList(oldSpec.clusterIPs, spec.clusterIPs) && list(spec.clusterIPs).length > 1) spec.clusterIPs = list(spec.clusterIPs).slice(0, 1);
      if (sameList(oldSpec.ipFamilies, spec.ipFamilies) && list(spec.ipFamilies).length > 1) spec.ipFamilies = list(spec.ipFamilies).slice(0, 1);
    } else {
      const reduced = (field: string) => list(spec[field]).length > 0 && list(spec[field]).length < list(oldSpec[field]).length;
      if (reduced('clusterIPs')) errs.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary cluster IP"));
      if (reduced('ipFamilies')) errs.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary IP family"));
    }
  }
  if (policy === 'SingleStack') {
    if (list(spec.clusterIPs).length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (list(spec.ipFamilies).length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  // Infer each missing family from the clusterIP at the same index.
  const families = list(spec.ipFamilies);
  const ips = list(spec.clusterIPs);
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    if (i < families.length) continue;
    const fam = familyOf(ips[i]!);
    if (!configured(fam)) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ips, `${fam} is not configured on this cluster`));
    else families.push(fam);
  }
  if (errs.length > 0) return errs;
  if (families.length > 0) spec.ipFamilies = families;

  // Headless without a selector: any combination is allowed, nothing is allocated.
  if (isHeadless(spec) && !hasSelector(spec)) {
    if (families.length === 0) families.push(CLUSTER_FAMILIES[0]!);
    if (families.length < 2 && policy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    spec.ipFamilies = families;
    return [];
  }

  if (policy === 'RequireDualStack' && CLUSTER_FAMILIES.length < 2) {
    errs.push(invalidValue('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((f, i) => {
    if (!configured(f)) errs.push(invalidValue(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  if (families.length === 0) families.push(CLUSTER_FAMILIES[0]!);
  spec.ipFamilies = families;
  // A dual-stack request on a two-family cluster would get the other family here; this cluster has one.
  return [];
}
