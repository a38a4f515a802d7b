// `kubectl rollout undo` for the kinds that keep ControllerRevisions
// (StatefulSet, DaemonSet): kubectl lists the revisions the object controls,
// takes the one asked for (0: the one before the latest), skips when the
// object's template already matches it, and otherwise patches the
// revision's data (the template, `$patch: replace`) back into the object.
// The controller then finds the equal revision and gives it the next number.
// upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go (StatefulSetRollbacker,
// DaemonSetRollbacker, findHistory), history.go (controlledHistory)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import { canonicalJson } from '../../../model/controllers/deployment/hash.js';
import { sortRevisions, templateOf } from '../../../model/controllers/history.js';
import { selectorFromLabelSelector } from '../../../model/labels/index.js';
import type { ApiStore } from '../../store.js';
import { restoreRevision, type UndoResult } from './rollout-undo.js';

const notFound = (r: number) => new ApiError('BadRequest', `unable to find specified revision ${r} in history`);

/** upstream controlledHistory: the revisions in the namespace, selected by the object and controlled by it. */
export function controlledHistory(store: ApiStore, owner: KubeObject): KubeObject[] {
  const sel = selectorFromLabelSelector(owner.spec?.selector);
  return store.list('ControllerRevision', { namespace: owner.metadata.namespace, labelSelector: sel })
    .filter((r) => controllerRef(r)?.uid === owner.metadata.uid);
}

/** kubectl rollout undo statefulset|daemonset/NAME [--to-revision=N]. */
export function historyUndo(store: ApiStore, kind: 'StatefulSet' | 'DaemonSet', namespace: string, name: string, toRevision = 0): UndoResult {
  if (toRevision < 0) throw notFound(toRevision);
  const owner = store.mustGet(kind, namespace, name);
  const history = sortRevisions(controlledHistory(store, owner));
  if (toRevision === 0 && history.length <= 1) throw new ApiError('BadRequest', 'no last revision to roll back to');
  const to = toRevision === 0 ? history[history.length - 2] : history.find((r) => Number(r.revision) === toRevision);
  if (!to) throw notFound(toRevision);
  const resource = `${kind.toLowerCase()}.apps/${name}`;
  const template = templateOf(to);
  if (canonicalJson(template) === canonicalJson(owner.spec?.template)) {
    return { message: `${resource} skipped rollback (current template already matches revision ${toRevision})`, skipped: true, revision: BigInt(Number(to.revision)) };
  }
  const next = structuredClone(owner);
  next.spec.template = template;
  restoreRevision(store, next, toRevision);
  return { message: `${resource} rolled back`, skipped: false, revision: BigInt(Number(to.revision)) };
}
