// `kubectl get` of a mixed set of objects: one table per kind, separated by a
// blank line, each laid out on its own (kubectl flushes its tabwriter between
// kinds). When more than one kind is printed, names carry a `kind.group/`
// prefix; when the namespaced objects span several namespaces, their tables
// get a NAMESPACE column as with `--all-namespaces` (cluster-scoped kinds never do).
// upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (separator between resource groups, printWithNamespace off for cluster scope)
// upstream: k8s.io/cli-runtime/pkg/printers/tableprinter.go (upper-case headers, priority-1 columns only with -o wide)

import type { KubeObject } from '../../model/api/types.js';
import { kindByName, type KindRegistry } from '../../model/api/kinds.js';
import { customPrinter } from './custom.js';
import {
  configMapPrinter, customResourceDefinitionPrinter, defaultPrinter, endpointSlicePrinter, eventPrinter, leasePrinter, namespacePrinter, nodePrinter,
  persistentVolumeClaimPrinter, persistentVolumePrinter, podDisruptionBudgetPrinter, secretPrinter, servicePrinter, storageClassPrinter,
} from './cluster.js';
import { nowMs } from './duration.js';
import { byteOrder, kindQualifiedName } from './format.js';
import { podPrinter } from './pod.js';
import type { KindPrinter, PrintContext } from './printer.js';
import { tabulate } from './tabwriter.js';
import {
  controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter,
} from './workloads.js';

const PRINTERS: Readonly<Record<string, KindPrinter>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  Event: eventPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  StorageClass: storageClassPrinter,
  Lease: leasePrinter,
  EndpointSlice: endpointSlicePrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  ReplicationController: replicationControllerPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  ControllerRevision: controllerRevisionPrinter,
  CustomResourceDefinition: customResourceDefinitionPrinter,
};

/** The printer kubectl would use for a kind: a custom kind's from its CRD; NAME/AGE for kinds it has none for. */
export function printerFor(kind: string, kinds?: KindRegistry, version?: string): KindPrinter {
  const builtin = PRINTERS[kind];
  if (builtin) return builtin;
  const cr = kinds?.customResource(kind);
  return cr ? customPrinter(cr, version) : defaultPrinter;
}

export interface TableOptions {
  /** `-o wide`: add the priority-1 columns. */
  wide?: boolean;
  /** `--show-kind`: prefix names with their kind even when only one kind is printed. */
  showKind?: boolean;
  /** The server's kinds, for the tables and scope of custom kinds. */
  kinds?: KindRegistry;
}

/** Printed when there is nothing to list, in kubectl's words. */
export const NO_RESOURCES = 'No resources found\n';

/**
 * Objects as `kubectl get` prints them at the virtual time `now`: nodes first,
 * then pods, then the other kinds alphabetically; within a kind, in the API
 * server's list order (namespace, then name).
 */
export function printTable(objects: readonly KubeObject[], now: string, opts: TableOptions = {}): string {
  if (objects.length === 0) return NO_RESOURCES;
  const ctx: PrintContext = { now: nowMs(now), wide: opts.wide ?? false };
  const groups = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const list = groups.get(o.kind) ?? [];
    list.push(o);
    groups.set(o.kind, list);
  }
  const kinds = [...groups.keys()].sort(kindOrder);
  const withKind = (opts.showKind ?? false) || kinds.length > 1;
  const namespaced = (o: KubeObject) => isNamespaced(o, opts.kinds);
  const namespaces = new Set(objects.filter(namespaced).map((o) => o.metadata.namespace ?? ''));
  const withNamespace = namespaces.size > 1;

  return kinds
    .map((kind) => {
      const list = [...groups.get(kind)!].sort(listOrder);
      return kindTable(list, ctx, withKind, withNamespace && namespaced(list[0]!), opts.kinds);
    })
    .join('\n');
}

function kindTable(objects: KubeObject[], ctx: PrintContext, withKind: boolean, withNamespace: boolean, kinds?: KindRegistry): string {
  const printer = printerFor(objects[0]!.kind, kinds, objects[0]!.apiVersion.split('/')[1]);
  const visible = printer.columns.map((c, i) => ({ c, i })).filter(({ c }) => ctx.wide || !c.priority);
  const header = visible.map(({ c }) => c.name.toUpperCase());
  const rows = objects.map((o) => {
    const cells = printer.row(o, ctx);
    return visible.map(({ c, i }) => {
      const cell = cells[i] ?? '';
      return withKind && c.isName ? kindQualifiedName(o.kind, o.apiVersion, cell) : cell;
    });
  });
  if (withNamespace) {
    header.unshift('NAMESPACE');
    rows.forEach((r, i) => r.unshift(objects[i]!.metadata.namespace ?? ''));
  }
  return tabulate([header, ...rows]);
}

/** Namespaced per the model's kinds; for a kind it does not know, whether the object has a namespace. */
function isNamespaced(o: KubeObject, kinds?: KindRegistry): boolean {
  return (kinds?.byName(o.kind) ?? kindByName(o.kind))?.namespaced ?? Boolean(o.metadata.namespace);
}

function kindOrder(a: string, b: string): number {
  const rank = (k: string): number => (k === 'Node' ? 0 : k === 'Pod' ? 1 : 2);
  return rank(a) - rank(b) || byteOrder(a, b);
}

function listOrder(a: KubeObject, b: KubeObject): number {
  return byteOrder(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byteOrder(a.metadata.name ?? '', b.metadata.name ?? '');
}
