// Tables of the workload controllers: Deployment, ReplicaSet,
// ReplicationController, StatefulSet, DaemonSet, Job, CronJob, ControllerRevision.
// Where a field is absent, the cell shows what the API server's defaulting
// would have stored (replicas 1, suspend false), since kubectl only ever sees
// defaulted objects.
// upstream: pkg/printers/internalversion/printers.go (v1.32) print<Kind> and the column definitions in AddHandlers

import type { KubeObject } from '../../model/api/types.js';
import { humanDuration, parseTime, since } from './duration.js';
import { containerCells, formatLabelSelector, formatLabels, intCell, kindQualifiedName, selectorString } from './format.js';
import { AGE, NAME, col, wide, type KindPrinter } from './printer.js';

const replicasOf = (o: KubeObject): number => (typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1);
const age = (o: KubeObject, now: number): string => since(o.metadata.creationTimestamp, now);
const templateContainers = (o: KubeObject) => o.spec?.template?.spec?.containers;

const TEMPLATE_WIDE = [wide('Containers'), wide('Images'), wide('Selector')];

export const deploymentPrinter: KindPrinter = {
  columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), AGE, ...TEMPLATE_WIDE],
  row(o, { now }) {
    const s = o.status ?? {};
    // The wide SELECTOR of a Deployment is the bare selector string, empty when unset.
    return [o.metadata.name ?? '', `${intCell(s.readyReplicas)}/${replicasOf(o)}`, intCell(s.updatedReplicas), intCell(s.availableReplicas), age(o, now), ...containerCells(templateContainers(o)), selectorString(o.spec?.selector)];
  },
};

const replicaSetLike = (labelMapSelector: boolean): KindPrinter => ({
  columns: [NAME, col('Desired'), col('Current'), col('Ready'), AGE, ...TEMPLATE_WIDE],
  row(o, { now }) {
    const s = o.status ?? {};
    // A ReplicationController's selector is a plain label map, not a LabelSelector.
    const selector = labelMapSelector ? formatLabels(o.spec?.selector) : formatLabelSelector(o.spec?.selector);
    return [o.metadata.name ?? '', String(replicasOf(o)), intCell(s.replicas), intCell(s.readyReplicas), age(o, now), ...containerCells(templateContainers(o)), selector];
  },
});

export const replicaSetPrinter = replicaSetLike(false);
export const replicationControllerPrinter = replicaSetLike(true);

export const statefulSetPrinter: KindPrinter = {
  columns: [NAME, col('Ready'), AGE, wide('Containers'), wide('Images')],
  row(o, { now }) {
    return [o.metadata.name ?? '', `${intCell(o.status?.readyReplicas)}/${replicasOf(o)}`, age(o, now), ...containerCells(templateContainers(o))];
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [NAME, col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), AGE, ...TEMPLATE_WIDE],
  row(o, { now }) {
    const s = o.status ?? {};
    return [
      o.metadata.name ?? '',
      intCell(s.desiredNumberScheduled),
      intCell(s.currentNumberScheduled),
      intCell(s.numberReady),
      intCell(s.updatedNumberScheduled),
      intCell(s.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
      ...containerCells(templateContainers(o)),
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

/** upstream: printers.go hasJobCondition (the first condition of the type decides) */
function hasJobCondition(o: KubeObject, type: string): boolean {
  const c = ((o.status?.conditions ?? []) as { type: string; status: string }[]).find((x) => x.type === type);
  return c?.status === 'True';
}

/** The STATUS column of a Job, first match wins. */
export function jobStatus(o: KubeObject): string {
  if (hasJobCondition(o, 'Complete')) return 'Complete';
  if (hasJobCondition(o, 'Failed')) return 'Failed';
  if (parseTime(o.metadata.deletionTimestamp) !== undefined) return 'Terminating';
  if (hasJobCondition(o, 'Suspended')) return 'Suspended';
  if (hasJobCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobPrinter: KindPrinter = {
  columns: [NAME, col('Status'), col('Completions'), col('Duration'), AGE, ...TEMPLATE_WIDE],
  row(o, { now }) {
    const succeeded = intCell(o.status?.succeeded);
    let completions: string;
    if (typeof o.spec?.completions === 'number') completions = `${succeeded}/${o.spec.completions}`;
    else {
      const parallelism = typeof o.spec?.parallelism === 'number' ? o.spec.parallelism : 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTime(o.status?.startTime);
    const end = parseTime(o.status?.completionTime);
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    return [o.metadata.name ?? '', jobStatus(o), completions, duration, age(o, now), ...containerCells(templateContainers(o)), formatLabelSelector(o.spec?.selector)];
  },
};

export const cronJobPrinter: KindPrinter = {
  columns: [NAME, col('Schedule'), col('Timezone'), col('Suspend'), col('Active'), col('Last Schedule'), AGE, ...TEMPLATE_WIDE],
  row(o, { now }) {
    const spec = o.spec ?? {};
    const last = o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>';
    const jobSpec = spec.jobTemplate?.spec;
    return [
      o.metadata.name ?? '',
      spec.schedule ?? '',
      spec.timeZone ?? '<none>',
      // upstream printBoolPtr; the API server defaults suspend to false.
      spec.suspend === true ? 'True' : 'False',
      String((o.status?.active ?? []).length),
      last,
      age(o, now),
      ...containerCells(jobSpec?.template?.spec?.containers),
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

export const controllerRevisionPrinter: KindPrinter = {
  columns: [NAME, col('Controller'), col('Revision'), AGE],
  row(o, { now }) {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    const controller = ref ? kindQualifiedName(ref.kind, ref.apiVersion, ref.name) : '<none>';
    return [o.metadata.name ?? '', controller, intCell(o.revision), age(o, now)];
  },
};
