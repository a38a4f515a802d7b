// `wait-for` conditions, as `kubectl wait --for=...` takes them:
// `ready`, `condition=Ready`, `condition=Ready=False`, `delete`, `create`,
// `jsonpath={.status.phase}=Running`.
import type { KubeObject } from '../../model/api/types.js';
import { getPath, valueEquals } from './jsonpath.js';

export type Waiter = (obj: KubeObject | undefined) => boolean;

function conditionIs(obj: KubeObject | undefined, type: string, status: string): boolean {
  const conds: any[] = obj?.status?.conditions ?? [];
  const c = conds.find((x) => String(x.type).toLowerCase() === type.toLowerCase());
  return c !== undefined && String(c.status).toLowerCase() === status.toLowerCase();
}

/** Parse a condition; throws with kubectl's words for an unknown form. */
export function parseCondition(text: string | undefined): Waiter {
  const s = (text ?? 'ready').trim();
  const lower = s.toLowerCase();
  if (lower === 'delete' || lower === 'deleted') return (o) => o === undefined;
  if (lower === 'create' || lower === 'exists') return (o) => o !== undefined;
  if (lower === 'ready') return (o) => conditionIs(o, 'Ready', 'True');
  if (lower.startsWith('condition=')) {
    const parts = s.slice('condition='.length).split('=');
    const type = parts[0]!;
    const status = parts[1] ?? 'True';
    if (!type) throw new Error('condition name is required: condition=NAME[=STATUS]');
    return (o) => conditionIs(o, type, status);
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = s.slice('jsonpath='.length).replace(/^'|'$/g, '');
    const m = /^(\{[^}]*\}|\.[^=]*)(?:=(.*))?$/.exec(rest);
    if (!m) throw new Error(`unrecognized jsonpath condition ${JSON.stringify(s)}`);
    const path = m[1]!;
    getPath({}, path);
    const want = m[2];
    return (o) => {
      if (!o) return false;
      const v = getPath(o, path);
      return want === undefined ? v !== undefined : valueEquals(v, want);
    };
  }
  throw new Error(`unrecognized condition: "${s}" (use ready, condition=NAME[=STATUS], delete, create or jsonpath={.path}=VALUE)`);
}
