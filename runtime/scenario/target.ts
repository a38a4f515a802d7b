// Resource words as kubectl takes them: `deploy/web`, `pods -l app=web
// --field-selector status.phase=Running -n prod`, bare names for pods/nodes.
import { KindRegistry, type KindInfo } from '../../model/api/kinds.js';
import { parseSelector, type Selector } from '../../model/labels/index.js';
import { parseFieldSelector, type FieldRequirement } from '../fieldselector.js';

export interface Target { kind: KindInfo; name: string }

/** The built-in kinds: what a word means when no server (with its CRDs) is asked. */
const BUILTINS = new KindRegistry();

export function resolveKind(word: string, kinds: KindRegistry = BUILTINS): KindInfo {
  const k = kinds.byWord(word);
  if (!k) throw new Error(`the server doesn't have a resource type "${word}"`);
  return k;
}

/** `KIND/NAME`, or a bare NAME when the verb implies the kind (pods, nodes). */
export function parseTarget(text: unknown, bareKind?: string, kinds: KindRegistry = BUILTINS): Target {
  if (typeof text !== 'string' || text.trim() === '') throw new Error('a resource name is required (KIND/NAME)');
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash < 0) {
    if (!bareKind) throw new Error(`you must specify the type of resource: "${s}" (as KIND/NAME, e.g. deploy/${s})`);
    return { kind: resolveKind(bareKind, kinds), name: s };
  }
  const kind = resolveKind(s.slice(0, slash), kinds);
  const name = s.slice(slash + 1);
  if (!name || name.includes('/')) throw new Error(`invalid resource name ${JSON.stringify(s)}`);
  if (bareKind && kind.kind !== resolveKind(bareKind).kind) throw new Error(`expected a ${bareKind}, got ${kind.resource}`);
  return { kind, name };
}

export interface GetQuery {
  kind: KindInfo;
  name?: string;
  namespace?: string;
  allNamespaces: boolean;
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

/** Split on spaces, honouring single and double quotes. */
function words(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

export function parseGet(text: unknown, kinds: KindRegistry = BUILTINS): GetQuery {
  if (typeof text !== 'string') throw new Error('get must be a string such as "pods -l app=web"');
  const w = words(text);
  if (w.length === 0) throw new Error('get needs a resource type');
  let q: GetQuery;
  const first = w.shift()!;
  if (first.includes('/')) { const t = parseTarget(first, undefined, kinds); q = { kind: t.kind, name: t.name, allNamespaces: false }; }
  else {
    q = { kind: resolveKind(first, kinds), allNamespaces: false };
    if (w.length > 0 && !w[0]!.startsWith('-')) q.name = w.shift();
  }
  while (w.length > 0) {
    const f = w.shift()!;
    const eq = f.indexOf('=');
    const flagName = f.startsWith('--') && eq > 0 ? f.slice(0, eq) : f;
    const inline = f.startsWith('--') && eq > 0 ? f.slice(eq + 1) : undefined;
    const arg = () => { const v = inline ?? w.shift(); if (v === undefined) throw new Error(`flag needs an argument: ${flagName}`); return v; };
    switch (flagName) {
      case '-l': case '--selector': q.labelSelector = parseSelector(arg()); break;
      case '--field-selector': q.fieldSelector = parseFieldSelector(arg(), q.kind.kind); break;
      case '-n': case '--namespace': q.namespace = arg(); break;
      case '-A': case '--all-namespaces': q.allNamespaces = true; break;
      default: throw new Error(`unknown flag: ${flagName}`);
    }
  }
  return q;
}
