// A step as a kubectl-like line: `scale deploy/web --replicas=5`, `node-crash node-2`.
import type { Step } from './types.js';

function flag(k: string, v: unknown): string {
  if (typeof v === 'object' && v !== null) return `--${k}='${JSON.stringify(v)}'`;
  return `--${k}=${String(v)}`;
}

export function describeStep(step: { verb: string; value: unknown; options: Record<string, unknown> }): string {
  const { verb, value, options } = step;
  let target: string;
  if (verb === 'apply' || verb === 'create') {
    if (typeof value === 'string') target = `-f ${value}`;
    else {
      const objs = Array.isArray(value) ? value : [value];
      target = objs.map((o: any) => `${String(o?.kind ?? '?').toLowerCase()}/${o?.metadata?.name ?? o?.metadata?.generateName ?? '?'}`).join(' ');
    }
  } else if (verb === 'expect') {
    return `expect ${Array.isArray(value) ? value.length : 0} check(s)`;
  } else if (verb === 'node-add') {
    target = String((value as any)?.name ?? '');
  } else target = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const opts = Object.entries(options).map(([k, v]) => flag(k, v)).join(' ');
  return [verb, target, opts].filter(Boolean).join(' ');
}
