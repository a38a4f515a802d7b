// Tables of the cluster and core kinds: Node, Namespace, Service, storage
// (PersistentVolume, PersistentVolumeClaim, StorageClass), ConfigMap, Secret,
// Lease, EndpointSlice, PodDisruptionBudget, Event, and the NAME/AGE table of
// anything else. Absent fields show what the API server's defaulting would
// have stored (phase Active/Pending, type ClusterIP, protocol TCP, ...).
// upstream: pkg/printers/internalversion/printers.go (v1.32) print<Kind> and the column definitions in AddHandlers

import type { Event, KubeObject, Node } from '../../model/api/types.js';
import { parseTime, since } from './duration.js';
import { boolCell, byteOrder, formatLabels, intCell } from './format.js';
import { AGE, NAME, col, wide, type KindPrinter } from './printer.js';

const name = (o: KubeObject): string => o.metadata.name ?? '';
const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);
const deleting = (o: KubeObject): boolean => parseTime(o.metadata.deletionTimestamp) !== undefined;

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** STATUS of a node: its Ready condition (`Ready`/`NotReady`), `Unknown` without one, then `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** upstream: printers.go findNodeRoles (sorted, from node-role.kubernetes.io/<role> and kubernetes.io/role=<role>) */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX) && k.length > NODE_ROLE_PREFIX.length) roles.add(k.slice(NODE_ROLE_PREFIX.length));
    else if (k === NODE_ROLE_LABEL && v !== '') roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(byteOrder).join(',');
}

export const nodePrinter: KindPrinter = {
  columns: [NAME, col('Status'), col('Roles'), AGE, col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
  row(o, { now }) {
    const node = o as unknown as Node;
    const info = node.status?.nodeInfo;
    const address = (type: string) => (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
    return [name(o), nodeStatus(node), nodeRoles(node), age(o, now), info?.kubeletVersion ?? '', address('InternalIP'), address('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>'];
  },
};

/**
 * `kubectl get crd`: the CRD's additionalPrinterColumns in the apiextensions
 * API (NAME and CREATED AT, the timestamp itself rather than an age).
 * upstream: staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition (Created At column)
 */
export const customResourceDefinitionPrinter: KindPrinter = {
  columns: [NAME, col('Created At')],
  row: (o) => [name(o), String(o.metadata.creationTimestamp ?? '')],
};

export const namespacePrinter: KindPrinter = {
  columns: [NAME, col('Status'), AGE],
  row: (o, { now }) => [name(o), o.status?.phase ?? 'Active', age(o, now)],
};

/** upstream: printers.go loadBalancerStatusStringer (sorted unique IPs/hostnames, clipped to 16 without -o wide) */
function loadBalancerAddresses(o: KubeObject, wideOutput: boolean): string {
  const set = new Set<string>();
  for (const i of (o.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  const r = [...set].sort(byteOrder).join(',');
  return !wideOutput && r.length > 16 ? r.slice(0, 13) + '...' : r;
}

/** upstream: printers.go getServiceExternalIP */
function serviceExternalIP(o: KubeObject, wideOutput: boolean): string {
  const externalIPs: string[] = o.spec?.externalIPs ?? [];
  switch (o.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(o, wideOutput);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return o.spec?.externalName ?? '';
  }
  return '<unknown>';
}

export const servicePrinter: KindPrinter = {
  columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, wide('Selector')],
  row(o, { now, wide: wideOutput }) {
    const ports = ((o.spec?.ports ?? []) as { port: number; nodePort?: number; protocol?: string }[])
      .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
      .join(',');
    const clusterIP = o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? '<none>';
    return [name(o), o.spec?.type ?? 'ClusterIP', clusterIP || '<none>', serviceExternalIP(o, wideOutput), ports || '<none>', age(o, now), formatLabels(o.spec?.selector)];
  },
};

/** upstream: pkg/apis/core/helper.GetAccessModesAsString (fixed order RWO, ROX, RWX, RWOP) */
function accessModes(modes: string[] | undefined): string {
  const has = new Set(modes ?? []);
  const order: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return order.filter(([m]) => has.has(m)).map(([, s]) => s).join(',');
}

/** The beta annotation wins over spec.storageClassName. upstream: helper.GetPersistentVolume(Claim)Class */
function storageClassOf(o: KubeObject): string {
  return o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';
}

export const persistentVolumePrinter: KindPrinter = {
  columns: [NAME, col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), AGE, wide('VolumeMode')],
  row(o, { now }) {
    const ref = o.spec?.claimRef;
    const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const phase = deleting(o) ? 'Terminating' : (o.status?.phase ?? 'Pending');
    return [name(o), o.spec?.capacity?.storage ?? '', accessModes(o.spec?.accessModes), o.spec?.persistentVolumeReclaimPolicy ?? 'Retain', phase, claim, storageClassOf(o), o.spec?.volumeAttributesClassName ?? '<unset>', o.status?.reason ?? '', age(o, now), o.spec?.volumeMode ?? 'Filesystem'];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [NAME, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), AGE, wide('VolumeMode')],
  row(o, { now }) {
    const phase = deleting(o) ? 'Terminating' : (o.status?.phase ?? 'Pending');
    // Capacity and access modes come from the bound volume, so only once bound.
    const bound = Boolean(o.spec?.volumeName);
    const capacity = bound ? (o.status?.capacity?.storage ?? '') : '';
    const modes = bound ? accessModes(o.status?.accessModes) : '';
    return [name(o), phase, o.spec?.volumeName ?? '', capacity, modes, storageClassOf(o), o.spec?.volumeAttributesClassName ?? '<unset>', age(o, now), o.spec?.volumeMode ?? 'Filesystem'];
  },
};

export const storageClassPrinter: KindPrinter = {
  columns: [NAME, col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), AGE],
  row(o, { now }) {
    const a = o.metadata.annotations ?? {};
    const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [name(o) + (isDefault ? ' (default)' : ''), String(o.provisioner ?? ''), String(o.reclaimPolicy ?? 'Delete'), String(o.volumeBindingMode ?? 'Immediate'), boolCell(o.allowVolumeExpansion), age(o, now)];
  },
};

export const configMapPrinter: KindPrinter = {
  columns: [NAME, col('Data'), AGE],
  row: (o, { now }) => [name(o), String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, now)],
};

export const secretPrinter: KindPrinter = {
  columns: [NAME, col('Type'), col('Data'), AGE],
  row: (o, { now }) => [name(o), String(o.type ?? 'Opaque'), String(Object.keys(o.data ?? {}).length), age(o, now)],
};

export const leasePrinter: KindPrinter = {
  columns: [NAME, col('Holder'), AGE],
  row: (o, { now }) => [name(o), o.spec?.holderIdentity ?? '', age(o, now)],
};

/** First three items, then `+ N more...`; `<unset>` when empty. upstream: printers.go listWithMoreString */
function listWithMore(items: string[]): string {
  if (items.length === 0) return '<unset>';
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
  row(o, { now }) {
    const ports = ((o.ports ?? []) as { port?: number; name?: string }[]).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
    const addresses = ((o.endpoints ?? []) as { addresses?: string[] }[]).flatMap((e) => e.addresses ?? []);
    return [name(o), String(o.addressType ?? ''), listWithMore(ports), listWithMore(addresses), age(o, now)];
  },
};

const intOrString = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), AGE],
  row: (o, { now }) => [name(o), intOrString(o.spec?.minAvailable), intOrString(o.spec?.maxUnavailable), intCell(o.status?.disruptionsAllowed), age(o, now)],
};

/** LAST SEEN of an event: the series' last observation, else lastTimestamp, else first seen. upstream: printers.go printEvent */
export function eventLastSeen(e: Event, now: number): string {
  if (e.series) return since(e.series.lastObservedTime, now, true);
  if (parseTime(e.lastTimestamp) !== undefined) return since(e.lastTimestamp, now);
  return eventFirstSeen(e, now);
}

function eventFirstSeen(e: Event, now: number): string {
  return parseTime(e.firstTimestamp) !== undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now, true);
}

/** OBJECT of an event: `pod/web-0`, the kind in lower case. */
export function eventObject(e: Event): string {
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  return e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
}

export const eventPrinter: KindPrinter = {
  columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), { name: 'Name', priority: 1, isName: true }],
  row(o, { now }) {
    const e = o as unknown as Event;
    const count = e.series ? (e.series.count ?? 0) : e.count || 1; // singleton events carry no count in the new API
    const component = e.source?.component || e.reportingComponent || '';
    const instance = e.source?.host || e.reportingInstance || '';
    const source = instance ? `${component}, ${instance}` : component;
    return [eventLastSeen(e, now), e.type ?? '', e.reason ?? '', eventObject(e), e.involvedObject?.fieldPath ?? '', source, (e.message ?? '').trim(), eventFirstSeen(e, now), String(count), name(o)];
  },
};

/** Kinds without a printer of their own: the API server's default table. */
export const defaultPrinter: KindPrinter = {
  columns: [NAME, AGE],
  row: (o, { now }) => [name(o), age(o, now)],
};
