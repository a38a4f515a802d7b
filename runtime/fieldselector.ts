// Field selectors for list and watch, the fields the API server supports for
// the kinds the model serves. upstream: pkg/registry/core/pod/strategy.go (ToSelectableFields)
import type { KubeObject } from '../model/api/types.js';
import { ApiError } from '../model/api/errors.js';

export interface FieldRequirement { field: string; op: '=' | '!='; value: string }

const COMMON = ['metadata.name', 'metadata.namespace'];
const SUPPORTED: Record<string, string[]> = {
  Pod: [...COMMON, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: [...COMMON, 'spec.unschedulable'],
  Event: [...COMMON, 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Namespace: [...COMMON, 'status.phase'],
  ReplicaSet: [...COMMON, 'status.replicas'],
  ReplicationController: [...COMMON, 'status.replicas'],
  Job: [...COMMON, 'status.successful'],
  Secret: [...COMMON, 'type'],
};

export function parseFieldSelector(text: string, kind: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9_.]+)\s*(==|=|!=)\s*([^,]*?)\s*$/.exec(part);
    if (!m) throw new ApiError('BadRequest', `invalid field selector: ${JSON.stringify(part.trim())}`);
    const field = m[1]!;
    const allowed = SUPPORTED[kind] ?? COMMON;
    if (!allowed.includes(field)) throw new ApiError('BadRequest', `field label not supported: ${field}`);
    out.push({ field, op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
  }
  return out;
}

function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source' && obj.kind === 'Event') return String((obj as any).source?.component ?? '');
  let cur: any = obj;
  for (const part of field.split('.')) cur = cur?.[part];
  if (cur === undefined || cur === null) return field === 'spec.unschedulable' ? 'false' : '';
  return String(cur);
}

export function fieldsMatch(obj: KubeObject, reqs: readonly FieldRequirement[]): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
