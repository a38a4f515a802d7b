// The `run -o text` report: the narrated timeline (virtual time, the step,
// the events it caused), the expectation results, invariant violations, and
// the final state as `kubectl get` tables.
import type { KubeObject } from '../model/api/types.js';
import type { RunResult } from '../runtime/scenario/run.js';
import { ScenarioError } from '../runtime/scenario/types.js';
import { oneLine } from '../model/api/errors.js';
import { tabulate, printTable } from './kubectl/index.js';
import { formatDuration } from '../runtime/clock.js';

/** `00:01:30` (hours may pass 24). */
export function clockText(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

function eventRow(e: KubeObject, clock: { parse(iso: string): number }): string[] {
  const ev = e as any;
  const at = clock.parse(ev.lastTimestamp ?? ev.firstTimestamp);
  const obj = `${String(ev.involvedObject?.kind ?? '').toLowerCase()}/${ev.involvedObject?.name ?? ''}`;
  const count = (ev.count ?? 1) > 1 ? ` (x${ev.count})` : '';
  return [clockText(at), ev.type ?? '', ev.reason ?? '', obj, `${ev.message ?? ''}${count}`];
}

const HIDDEN_KINDS = new Set(['Event', 'Lease', 'Namespace']);

export function renderText(r: RunResult): string {
  const { clock } = r.cluster;
  const out: string[] = [];
  out.push(`scenario: ${r.scenario.name} (seed ${r.cluster.streams.seed})`);
  if (r.scenario.description) out.push(r.scenario.description.trim());
  out.push('');
  for (const t of r.timeline) {
    out.push(`${clockText(t.timeMs)}  ${t.text}`);
    if (t.events.length > 0) {
      // An event updated several times in a step is shown once, at its last count.
      const latest = new Map<string, KubeObject>();
      for (const e of t.events) latest.set(e.metadata.name!, e);
      const rows = [...latest.values()].map((e) => eventRow(e, clock)).map((row) => ['   ', ...row]);
      out.push(tabulate(rows).trimEnd());
    }
    if (t.error) out.push(`    error: ${oneLine(t.error)}`);
  }
  out.push('');
  if (r.requests.length > 0) {
    out.push('requests:');
    const counts = (m: Record<string, number>) => Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
    for (const q of r.requests) {
      const parts = [Object.keys(q.answered).length ? `answered by ${counts(q.answered)}` : '', Object.keys(q.errors).length ? `no answer: ${counts(q.errors)}` : ''].filter(Boolean);
      out.push(`  ${clockText(clock.parse(q.time))}  svc/${q.service.split('/')[1]} from ${q.from} x${q.count}: ${parts.join('; ') || 'nothing sent'}`);
    }
    out.push('');
  }
  if (r.evictions.length > 0) {
    out.push('evictions:');
    for (const v of r.evictions) {
      out.push(`  ${clockText(clock.parse(v.time))}  pod/${v.pod.split('/')[1]}: ${v.evicted ? 'evicted' : `refused (${v.code}): ${v.message}${v.cause ? ` ${v.cause}` : ''}`}`);
    }
    out.push('');
  }
  if (r.lookups.length > 0) {
    out.push('lookups:');
    for (const l of r.lookups) {
      const answers = l.answers.map((a) => (a.type === 'A' ? a.data : `CNAME ${a.data}`)).join(', ');
      out.push(`  ${clockText(clock.parse(l.time))}  ${l.query}${l.name !== l.query ? ` (${l.name})` : ''}: ${l.rcode === 'NOERROR' ? answers : 'NXDOMAIN'}`);
    }
    out.push('');
  }
  if (r.checks.length > 0) {
    out.push('expectations:');
    for (const c of r.checks) {
      out.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${clockText(c.timeMs)}  ${c.text}${c.ok ? '' : `\n        ${c.pos.file}:${c.pos.line}:${c.pos.col}: ${c.message}`}`);
    }
    out.push('');
  }
  if (r.violations.length > 0) {
    out.push('invariant violations:');
    for (const v of r.violations) out.push(`  ${clockText(v.timeMs)}  ${v.invariant}: ${v.message}`);
    out.push('');
  }
  if (r.failure) out.push(new ScenarioError(r.failure.pos, r.failure.message).format(), '');
  const visible = r.cluster.objects().filter((o) => !HIDDEN_KINDS.has(o.kind));
  out.push(`final state at ${clockText(clock.now())} (${clock.iso()}, ${formatDuration(clock.now())} of virtual time):`);
  out.push(printTable(visible, clock.iso(), { kinds: r.cluster.store.registry }).trimEnd());
  out.push('');
  const failed = r.checks.filter((c) => !c.ok).length;
  out.push(r.ok
    ? `PASS: ${r.checks.length} expectation(s) held${r.scenario.invariants.length || r.scenario.invariants === 'all' ? ', no invariant violated' : ''}`
    : `FAIL: ${failed} expectation(s) failed, ${r.violations.length} invariant violation(s)${r.failure ? ', run stopped early' : ''}`);
  return out.join('\n') + '\n';
}

/**
 * `run -o json|yaml`: a v1 List of every object (Events included), the end
 * time, the request results, and what was checked: each expectation with its
 * virtual time, outcome and place in the file, the invariant violations, and
 * why the run stopped early, if it did.
 */
export function finalList(r: RunResult): Record<string, unknown> {
  const clock = r.cluster.clock;
  const out: Record<string, unknown> = {
    apiVersion: 'v1', kind: 'List',
    items: r.cluster.objects(),
    metadata: { resourceVersion: '' },
    time: clock.iso(),
    requests: r.requests,
    lookups: r.lookups,
    evictions: r.evictions,
    ok: r.ok,
    expectations: r.checks.map((c) => ({
      check: c.text, ok: c.ok, time: clock.iso(c.timeMs), ...(c.ok ? {} : { message: c.message }), at: `${c.pos.file}:${c.pos.line}:${c.pos.col}`,
    })),
    violations: r.violations.map((v) => ({ invariant: v.invariant, message: v.message, time: clock.iso(v.timeMs), step: v.step + 1 })),
  };
  if (r.failure) out.failure = { message: r.failure.message, at: `${r.failure.pos.file}:${r.failure.pos.line}:${r.failure.pos.col}` };
  return out;
}
