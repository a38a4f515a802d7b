// The EndpointSlice reconcile, pure: given a Service, its desired endpoints
// grouped by port list, and the slices it already has, which slices to
// create, update and delete. The runtime performs the plan; this module
// never touches the API.
//
// Why it works so hard to leave slices alone: every slice write is sent to
// every kube-proxy in the cluster, so churn costs O(nodes). Endpoints that
// did not change stay in the slice they are in; a slice that has to be
// written anyway is filled first; leftovers go to the existing slice they
// would fill best, and only then to new slices; a create paired with a
// delete becomes an update of the slice that would have been deleted.
// upstream: k8s.io/endpointslice reconciler.go (Reconcile, reconcileByAddressType,
//           reconcileByPortMapping, finalize), utils.go (addTriggerTimeAnnotation)
// Order: upstream walks Go maps and sets, so its choices among equals are random. The model
// walks port groups by key, slices by name (fullest first where upstream sorts by size) and
// pops desired endpoints in identity-key order (namespace, then pod name), so a plan is
// reproducible and a test can name the slice each endpoint lands in.
import { deepCopy, type KubeObject } from '../../api/types.js';
import {
  ADDRESS_TYPE_IPV4, CONTROLLER_QUALIFIED_NAME, ENDPOINTS_LAST_CHANGE_TRIGGER_TIME, MAX_ENDPOINTS_PER_SLICE,
  MAX_MAX_ENDPOINTS_PER_SLICE, MIN_MAX_ENDPOINTS_PER_SLICE, type AddressType,
} from './constants.js';
import { compareText, endpointKey, portMapKey, sortPorts, type DesiredEndpoints, type PortGroup } from './desired.js';
import type { Endpoint, EndpointPort } from './endpoints.js';
import { endpointSliceLabels, endpointsEqualBeyondHash, equalsPlaceholder, getSliceToFill, newEndpointSlice, ownedBy } from './slices.js';

export interface ReconcileInput {
  service: KubeObject;
  /** desiredEndpoints(service, pods, getNode) for IPv4. */
  desired: DesiredEndpoints;
  /** The Service's managed slices, not being deleted (slicesForService). */
  existing: readonly KubeObject[];
  /** upstream --max-endpoints-per-slice (default 100). */
  maxEndpointsPerSlice?: number;
  /** RFC 3339 (nano) time for the last-change-trigger-time annotation; absent clears it. */
  triggerTime?: string;
  controllerName?: string;
}

/** Creates carry generateName and no name; updates are whole objects; deletes are the existing objects as given. */
export interface EndpointSlicePlan {
  create: KubeObject[];
  update: KubeObject[];
  delete: KubeObject[];
}

const nameOf = (s: KubeObject) => s.metadata.name ?? '';
const byName = (a: KubeObject, b: KubeObject) => compareText(nameOf(a), nameOf(b));
const endpointsOf = (s: KubeObject): Endpoint[] => (Array.isArray(s.endpoints) ? s.endpoints : []);

/**
 * upstream Reconcile for a single-stack IPv4 Service: slices of any other
 * address type are deleted after the IPv4 plan's own deletes (an old "IP"
 * slice is replaced, not converted: the field is immutable).
 */
export function reconcile(i: ReconcileInput): EndpointSlicePlan {
  const ofType = i.existing.filter((s) => s.addressType === ADDRESS_TYPE_IPV4).sort(byName);
  const otherTypes = i.existing.filter((s) => s.addressType !== ADDRESS_TYPE_IPV4).sort(byName);
  const plan = reconcileByAddressType(i, ofType, ADDRESS_TYPE_IPV4);
  return { ...plan, delete: [...plan.delete, ...otherTypes] };
}

function reconcileByAddressType(i: ReconcileInput, existing: readonly KubeObject[], addressType: AddressType): EndpointSlicePlan {
  const max = i.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  // The filling loops end only because every slice can take an endpoint, so the bound is checked, not trusted.
  if (!Number.isInteger(max) || max < MIN_MAX_ENDPOINTS_PER_SLICE || max > MAX_MAX_ENDPOINTS_PER_SLICE) {
    throw new RangeError(`maxEndpointsPerSlice must be an integer from ${MIN_MAX_ENDPOINTS_PER_SLICE} to ${MAX_MAX_ENDPOINTS_PER_SLICE}, got ${max}`);
  }
  const controllerName = i.controllerName ?? CONTROLLER_QUALIFIED_NAME;
  const create: KubeObject[] = [];
  const update: KubeObject[] = [];
  const del: KubeObject[] = [];
  // A slice owned by another Service (an old one of the same name) is deleted, never reused.
  const existingByKey = new Map<string, KubeObject[]>();
  for (const s of existing) {
    if (!ownedBy(s, i.service)) { del.push(s); continue; }
    const key = portMapKey(s.ports as EndpointPort[] | null | undefined);
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), s]);
  }
  const groups = [...i.desired.groups].sort((a, b) => compareText(a.key, b.key));
  for (const g of groups) {
    const r = reconcileByPortMapping(i.service, existingByKey.get(g.key) ?? [], g, addressType, max, controllerName);
    create.push(...r.create);
    update.push(...r.update);
    del.push(...r.delete);
  }
  const wanted = new Set(groups.map((g) => g.key));
  for (const key of [...existingByKey.keys()].sort(compareText)) if (!wanted.has(key)) del.push(...existingByKey.get(key)!);

  // No slice would be left: keep (or make) one empty placeholder, so "no endpoints" is visible.
  if (existing.length === del.length && create.length < 1) {
    const placeholder = newEndpointSlice(i.service, [], addressType, controllerName);
    if (del.length === 1 && equalsPlaceholder(del[0]!, placeholder)) del.length = 0;
    else create.push(placeholder);
  }
  return finalize(i, create, update, del);
}

/**
 * upstream reconcileByPortMapping, in three steps:
 *  1. walk the existing slices: keep desired endpoints where they are (in
 *     their desired form), drop the rest; a slice whose endpoints or labels
 *     changed is to update, one left empty is to delete, the rest unchanged;
 *  2. fill the slices to update, fullest first, with the endpoints left;
 *  3. while endpoints are left: fewer than a slice's worth go to the
 *     unchanged slice they fill best, if any fits; otherwise a new slice.
 */
function reconcileByPortMapping(
  service: KubeObject, existing: readonly KubeObject[], group: PortGroup, addressType: AddressType, max: number, controllerName: string,
): EndpointSlicePlan {
  // In pop order: a Map keeps insertion order, so its first entry is the next to place (copied as it goes).
  const entries: Array<[string, Endpoint]> = group.endpoints.map((e) => [endpointKey(e), e]);
  const desired = new Map(entries.sort((a, b) => compareText(a[0], b[0])));
  const pop = (): Endpoint => {
    const [key, ep] = desired.entries().next().value as [string, Endpoint];
    desired.delete(key);
    return deepCopy(ep);
  };
  const slicesByName = new Map<string, KubeObject>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();

  for (const s of existing) {
    slicesByName.set(nameOf(s), s);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of endpointsOf(s)) {
      const key = endpointKey(ep);
      const got = desired.get(key);
      if (!got) continue;
      kept.push(deepCopy(got));
      if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
      desired.delete(key);
    }
    const { labels, changed } = endpointSliceLabels(s, service, controllerName);
    if (endpointUpdated || kept.length !== endpointsOf(s).length) {
      if (kept.length === 0) { toDelete.add(nameOf(s)); continue; }
      slicesByName.set(nameOf(s), withChanges(s, labels, kept));
      toUpdate.add(nameOf(s));
    } else if (changed) {
      slicesByName.set(nameOf(s), withChanges(s, labels, endpointsOf(s).map((e) => deepCopy(e))));
      toUpdate.add(nameOf(s));
    } else {
      unchanged.add(nameOf(s));
    }
  }

  if (desired.size > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].sort(compareText).map((n) => slicesByName.get(n)!);
    // Stable sort: fullest first, by name among equals.
    slices.sort((a, b) => endpointsOf(b).length - endpointsOf(a).length);
    for (const s of slices) while (desired.size > 0 && endpointsOf(s).length < max) endpointsOf(s).push(pop());
  }

  const create: KubeObject[] = [];
  while (desired.size > 0) {
    let fill: KubeObject | undefined;
    if (desired.size < max && unchanged.size > 0) {
      const candidates = [...unchanged].sort(compareText).map((n) => slicesByName.get(n)!);
      const best = getSliceToFill(candidates, desired.size, max);
      if (best) {
        fill = withChanges(best, { ...best.metadata.labels }, endpointsOf(best).map((e) => deepCopy(e)));
        slicesByName.set(nameOf(fill), fill);
      }
    }
    fill ??= newEndpointSlice(service, group.ports, addressType, controllerName);
    while (desired.size > 0 && endpointsOf(fill).length < max) endpointsOf(fill).push(pop());
    // A new slice has no name yet: that is what tells a create from an update.
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else {
      create.push(fill);
    }
  }
  const pick = (names: Set<string>) => [...names].sort(compareText).map((n) => slicesByName.get(n)!);
  return { create, update: pick(toUpdate), delete: pick(toDelete) };
}

/**
 * A copy of an existing slice with new labels and endpoints (field order
 * kept, the old endpoints not copied); its ports in canonical order, as
 * upstream's key sorts them in place.
 */
function withChanges(s: KubeObject, labels: Record<string, string>, endpoints: Endpoint[]): KubeObject {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) copy[k] = k === 'endpoints' ? endpoints : deepCopy(v);
  copy.endpoints = endpoints;
  const out = copy as unknown as KubeObject;
  out.metadata.labels = labels;
  if (Array.isArray(out.ports)) out.ports = sortPorts(out.ports);
  return out;
}

/**
 * upstream finalize: pair creates with deletes of slices this Service owns
 * (same address type), turning each pair into an update of the old name;
 * drop the remaining creates while the Service is being deleted (the garbage
 * collector is removing its slices); stamp the trigger time on every write.
 */
function finalize(i: ReconcileInput, create: KubeObject[], update: KubeObject[], del: KubeObject[]): EndpointSlicePlan {
  for (let k = 0; k < del.length && create.length > 0;) {
    const old = del[k]!;
    const slice = create[create.length - 1]!;
    if (old.addressType === slice.addressType && ownedBy(old, i.service)) {
      slice.metadata = { name: old.metadata.name, ...slice.metadata };
      create.pop();
      update.push(slice);
      del.splice(k, 1);
    } else {
      k++;
    }
  }
  const creates = i.service.metadata.deletionTimestamp ? [] : create;
  for (const s of [...creates, ...update]) stampTriggerTime(s, i.triggerTime);
  return { create: creates, update, delete: del };
}

/** upstream addTriggerTimeAnnotation, on an object this module owns; an empty map is left out, as Go's omitempty does. */
function stampTriggerTime(s: KubeObject, triggerTime: string | undefined): void {
  const annotations: Record<string, string> = { ...(s.metadata.annotations ?? {}) };
  if (triggerTime) annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME];
  if (Object.keys(annotations).length > 0) s.metadata.annotations = annotations;
  else delete s.metadata.annotations;
}
