// The JSONPath subset CRDs use for printer columns and selectable fields: `.spec.size`,
// `.status.conditions[0].type`, `['a.b']`, `[*]`, negative indexes and filters such as
// `.status.conditions[?(@.type=="Ready")].status`. Missing keys give no result (AllowMissingKeys);
// a bad index or a type mismatch is an error.
// upstream: k8s.io/client-go/util/jsonpath/jsonpath.go (evalField, evalArray, evalFilter)
import { isObject } from './types.js';
import { append } from '../../append.js';

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; left: Step[]; op: string; right: { path: Step[] } | { literal: unknown } | null };

/** Parse a path like `.a.b[0]`; throws on syntax it does not know. */
function parse(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(src);
    if (m) i = re.lastIndex;
    return m;
  };
  while (i < src.length) {
    let m: RegExpExecArray | null;
    if ((m = at(/\.\*/y)) || (m = at(/\[\*\]/y))) steps.push({ kind: 'wildcard' });
    else if ((m = at(/\.([^.[\]]+)/y))) steps.push({ kind: 'field', name: m[1]! });
    else if ((m = at(/\[(-?\d+)\]/y))) steps.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = at(/\[\s*'([^']*)'\s*\]/y)) || (m = at(/\[\s*"([^"]*)"\s*\]/y))) steps.push({ kind: 'field', name: m[1]! });
    else if ((m = at(/\[\?\(\s*@((?:\.[^.\s=!<>)]+)+)\s*(?:(==|!=|<=|>=|<|>)\s*('[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false|@(?:\.[^.\s)]+)+))?\s*\)\]/y))) {
      const right = m[3] === undefined ? null : m[3].startsWith('@') ? { path: parse(m[3].slice(1)) } : { literal: literal(m[3]) };
      steps.push({ kind: 'filter', left: parse(m[1]!), op: m[2] ?? 'exists', right });
    } else throw new Error(`unrecognized JSONPath at ${JSON.stringify(src.slice(i))}`);
  }
  return steps;
}

function literal(text: string): unknown {
  if (text.startsWith("'") || text.startsWith('"')) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  return Number(text);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string' && typeof a !== 'boolean')) {
    if (op === '==' || op === '!=') throw new Error('incompatible types for comparison');
    throw new Error('invalid type for comparison');
  }
  const x = a as number | string, y = b as number | string;
  switch (op) {
    case '==': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue; // upstream template.Indirect: nil gives no result
      if (step.kind === 'field') {
        if (isObject(v) && Object.hasOwn(v, step.name)) next.push(v[step.name]);
      } else if (step.kind === 'wildcard') {
        if (Array.isArray(v)) append(next, v);
        else if (isObject(v)) append(next, Object.keys(v).sort().map((k) => v[k]));
      } else if (step.kind === 'index') {
        if (!Array.isArray(v)) throw new Error(`${typeof v} is not array or slice`);
        const idx = step.index < 0 ? step.index + v.length : step.index;
        if (idx < 0 || idx >= v.length) throw new Error(`array index out of bounds: index ${idx}, length ${v.length}`);
        next.push(v[idx]);
      } else {
        if (!Array.isArray(v)) throw new Error(`${typeof v} is not array or slice and cannot be filtered`);
        for (const item of v) {
          const lefts = walk([item], step.left);
          if (step.op === 'exists') { if (lefts.length > 0) next.push(item); continue; }
          if (lefts.length !== 1) { if (lefts.length > 1) throw new Error('can only compare one element at a time'); continue; }
          const rights = step.right && 'path' in step.right ? walk([item], step.right.path) : [step.right?.literal];
          if (rights.length !== 1) { if (rights.length > 1) throw new Error('can only compare one element at a time'); continue; }
          if (compare(step.op, lefts[0], rights[0])) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

const parsed = new Map<string, Step[] | Error>();

/** The values a JSONPath selects in `data`, or an Error (bad syntax, bad index, uncomparable filter). */
export function findResults(data: unknown, path: string): unknown[] | Error {
  if (!parsed.has(path)) {
    try { parsed.set(path, parse(path)); } catch (e) { parsed.set(path, e as Error); }
  }
  const steps = parsed.get(path)!;
  if (steps instanceof Error) return steps;
  try {
    return walk([data], steps);
  } catch (e) {
    return e as Error;
  }
}
