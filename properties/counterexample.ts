// A failing property's shrunk case as a scenario file (SCENARIOS.md) that
// `kubemodel run` replays: the cluster, image behaviours and bugs, the
// invariant that failed under `invariants:`, and every step that ran, apply
// steps with their objects inline. The header says what failed and how to
// reproduce it.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { formatDuration } from '../runtime/clock.js';
import type { ImageBehaviour } from '../runtime/config.js';
import { describeStep } from '../runtime/scenario/describe.js';
import type { Scenario, Step } from '../runtime/scenario/types.js';

/** `cluster.images` as the file spells it (durations as Go strings). */
export function imagesToFile(images: Record<string, ImageBehaviour>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, b] of Object.entries(images)) {
    const f: Record<string, unknown> = {};
    if (b.pull !== undefined) f.pull = b.pull;
    if (b.ready !== undefined) f.ready = b.ready;
    if (b.startupMs !== undefined) f.startup = formatDuration(b.startupMs);
    if (b.exitAfterMs !== undefined) f.exitAfter = formatDuration(b.exitAfterMs);
    if (b.exitCode !== undefined) f.exitCode = b.exitCode;
    if (b.stopMs !== undefined) f.stop = formatDuration(b.stopMs);
    out[name] = f;
  }
  return out;
}

/** One step as the file spells it: the verb and its value, options beside it. */
export function stepToFile(s: Step): Record<string, unknown> {
  const value = s.verb === 'apply' || s.verb === 'create' ? (s.objects ?? []).map((o) => o.object) : s.value;
  return { [s.verb]: value, ...s.options };
}

export function scenarioToYaml(s: Scenario, header: readonly string[] = []): string {
  const cluster: Record<string, unknown> = { nodes: s.nodes };
  if (Object.keys(s.config).length > 0) {
    throw new Error('cluster.config overrides are not written out: generators do not draw them');
  }
  if (Object.keys(s.images).length > 0) cluster.images = imagesToFile(s.images);
  if (s.featureGates && Object.keys(s.featureGates).length > 0) cluster.featureGates = s.featureGates;
  if (s.limits && Object.keys(s.limits).length > 0) {
    const { virtualTimeMs, ...rest } = s.limits;
    cluster.limits = { ...rest, ...(virtualTimeMs !== undefined ? { virtualTime: formatDuration(virtualTimeMs) } : {}) };
  }
  if (s.bugs.length > 0) cluster.bugs = s.bugs;
  const body: Record<string, unknown> = { name: s.name };
  if (s.description) body.description = s.description;
  Object.assign(body, { seed: s.seed, cluster });
  if (s.controllers && s.controllers.length > 0) body.controllers = s.controllers.map((c) => c.path);
  Object.assign(body, { invariants: s.invariants, steps: s.steps.map(stepToFile) });
  const doc = new YAML.Document(body);
  if (header.length > 0) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  // A kubectl-like line above each apply step: its objects are long.
  const steps = doc.get('steps') as YAML.YAMLSeq;
  s.steps.forEach((st, i) => {
    if (st.verb === 'apply' || st.verb === 'create') (steps.items[i] as YAML.Node).commentBefore = ` ${describeStep(st)}`;
  });
  return doc.toString({ lineWidth: 0 });
}

/** Write a file so that a reader never sees half of it: a temporary file, then a rename. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    // Disk full, EISDIR at the target...: no temporary file left behind,
    // and the error that matters is the one rethrown.
    try { rmSync(tmp, { force: true }); } catch { /* not ours to remove (a directory) */ }
    throw e;
  }
}

export function counterexamplePath(dir: string, property: string, seed: number): string {
  return join(dir, `counterexample-${property}-${seed}.yaml`);
}

/** Every `image: NAME` anywhere in a value: containers of pods, of templates, of Job templates, in patches. */
function imagesIn(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) { for (const x of v) imagesIn(x, out); return; }
  if (typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'image' && typeof x === 'string') out.add(x);
    else imagesIn(x, out);
  }
}

/**
 * The scenario with only the image behaviours its steps use — in the objects
 * they apply (pods and pod templates alike), the images `set-image` sets, the
 * patches they merge: a shorter file that means the same.
 */
export function withUsedImages(s: Scenario): Scenario {
  const used = new Set<string>();
  for (const st of s.steps) {
    for (const o of st.objects ?? []) imagesIn(o.object, used);
    if (st.verb === 'set-image' && typeof st.options.image === 'string') used.add(st.options.image);
    if (st.verb === 'patch') imagesIn(st.options.merge, used);
  }
  return { ...s, images: Object.fromEntries(Object.entries(s.images).filter(([k]) => used.has(k))) };
}
