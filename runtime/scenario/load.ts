// Loading a scenario file: everything is checked before anything runs —
// the file's shape, every step's verb and options, every manifest (strict
// schema and a dry-run admission). The first problem is one error with its
// position. Nothing is applied by loading.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import type { KubeObject } from '../../model/api/types.js';
import { parseManifests, parseYamlDocument, ManifestError, MAX_MANIFEST_BYTES, decodeUtf8 } from '../../model/api/manifest.js';
import { checkSchema } from '../../model/api/schema.js';
import { ApiError } from '../../model/api/errors.js';
import { admitCreate } from '../../model/api/admission/index.js';
import { parseDuration } from '../clock.js';
import { CONFIG_KEYS, DEFAULT_FEATURE_GATES, type FeatureGates, type ImageBehaviour, type NodeSpecInput } from '../config.js';
import { defaultNodes, nodeObject } from '../nodes.js';
import { checkBudget, parseLimits } from './limits.js';
import { ScenarioError, LIMITS, type Check, type LoadedObject, type Position, type Scenario, type Step } from './types.js';
import { VERBS, verbOf } from './verbs/index.js';
import { checkOption } from './verbs/options.js';
import { parseGet, parseTarget } from './target.js';
import { KindRegistry } from '../../model/api/kinds.js';
import { customResourceOf, strictDecodingError } from '../../model/api/crd/index.js';

type Locate = (path: string) => { line: number; col: number };

const TOP_KEYS = new Set(['name', 'description', 'seed', 'cluster', 'controllers', 'invariants', 'steps']);
const CLUSTER_KEYS = new Set(['nodes', 'config', 'images', 'bugs', 'featureGates', 'limits']);
const IMAGE_KEYS = new Set(['pull', 'exitAfter', 'exitCode', 'ready', 'startup', 'stop']);
const CHECK_KEYS = new Set(['get', 'path', 'count', 'equals', 'exists', 'atLeast', 'atMost']);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A file's text, bounded: only a regular file (a directory, a FIFO, a device
 * such as /dev/zero is refused before it is opened), read with a byte bound
 * (the size stat reports is not trusted), and decoded as strict UTF-8.
 * `at` is where an error about the file itself points (the step that names
 * it); by default the file's own first line.
 */
export function readLimited(file: string, displayName = file, at?: Position): string {
  const where = at ?? { file: displayName, line: 1, col: 1 };
  let st;
  try { st = statSync(file); } catch { throw new ScenarioError(where, `the path "${displayName}" does not exist`); }
  if (st.isDirectory()) throw new ScenarioError(where, `the path "${displayName}" is a directory, not a file`);
  if (!st.isFile()) throw new ScenarioError(where, `the path "${displayName}" is not a regular file`);
  const tooLarge = (what: string) => new ScenarioError({ file: displayName, line: 1, col: 1 }, `file is too large: ${what} bytes (limit ${MAX_MANIFEST_BYTES})`);
  if (st.size > MAX_MANIFEST_BYTES) throw tooLarge(String(st.size));
  let fd: number;
  try { fd = openSync(file, 'r'); } catch (e) { throw new ScenarioError(where, `cannot read "${displayName}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const buf = Buffer.allocUnsafe(MAX_MANIFEST_BYTES + 1);
  let n = 0;
  try {
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      // A file that grows while it is read, or one whose size stat does not tell.
      if (n > MAX_MANIFEST_BYTES) throw tooLarge(`more than ${MAX_MANIFEST_BYTES}`);
    }
  } finally { closeSync(fd); }
  try { return decodeUtf8(buf.subarray(0, n), displayName); } catch (e) { return fromManifestError(e); }
}

function fromManifestError(e: unknown): never {
  if (e instanceof ManifestError) throw new ScenarioError({ file: e.file, line: e.line, col: e.col }, e.message);
  throw e;
}

/**
 * Strict decoding (a built-in kind's Go types, or a custom kind's schema),
 * then a dry-run admission of a copy: the API server's first words on the
 * object. `kinds` is what the server serves at that point of the file: a
 * CustomResourceDefinition checked here is served from then on, so the
 * objects of its kind that follow it are checked against its schema.
 */
export function checkObject(obj: KubeObject, locate: (path: string) => Position, kinds: KindRegistry = new KindRegistry()): KubeObject {
  const schemaErr = checkSchema(obj);
  if (schemaErr) throw new ScenarioError(locate(schemaErr.path), schemaErr.message);
  const cr = typeof obj?.kind === 'string' ? kinds.customResource(obj.kind) : undefined;
  const strict = cr ? strictDecodingError(obj, cr) : null;
  if (strict) throw new ScenarioError(locate(strict.path), strict.message);
  let admitted: KubeObject;
  try {
    const copy = structuredClone(obj);
    copy.metadata = { ...(copy.metadata ?? {}), uid: '00000000-0000-4000-8000-000000000000', creationTimestamp: '2017-03-11T00:00:00Z' };
    admitted = admitCreate(copy, kinds);
  } catch (e) {
    if (e instanceof ApiError) throw new ScenarioError(locate(e.causes[0]?.field ?? ''), e.message);
    throw e;
  }
  if (admitted.kind === 'CustomResourceDefinition') kinds.register(customResourceOf(admitted));
  return admitted;
}

export interface LoadOptions {
  /** What the server serves before the first step (default: the built-in kinds). */
  kinds?: KindRegistry;
}

export function loadScenario(path: string, displayName = path, opts: LoadOptions = {}): Scenario {
  return parseScenario(readLimited(path, displayName), displayName, dirname(path), opts);
}

/**
 * A scenario from its text: `displayName` is what errors name, `dir` where
 * the paths it mentions (manifests, controller modules) are relative to.
 */
export function parseScenario(text: string, displayName: string, dir: string = process.cwd(), opts: LoadOptions = {}): Scenario {
  const kinds = opts.kinds ?? new KindRegistry();
  if (text.length > MAX_MANIFEST_BYTES) throw new ScenarioError({ file: displayName, line: 1, col: 1 }, `file is too large: ${text.length} bytes (limit ${MAX_MANIFEST_BYTES})`);
  let doc: { object: unknown; locate: Locate };
  try { doc = parseYamlDocument(text, displayName); } catch (e) { fromManifestError(e); }
  const at = (p: string): Position => ({ file: displayName, ...doc.locate(p) });
  const fail = (p: string, msg: string): never => { throw new ScenarioError(at(p), msg); };
  const root = doc.object;
  if (!isMap(root)) fail('', 'a scenario must be a map with name, cluster and steps');
  const r = root as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!TOP_KEYS.has(k)) fail(k, `unknown field "${k}" (expected one of: ${[...TOP_KEYS].join(', ')})`);
  const seed = r.seed ?? 1;
  if (!Number.isSafeInteger(seed) || (seed as number) < 0) fail('seed', 'seed must be a non-negative integer');

  const cluster = (r.cluster ?? {}) as Record<string, unknown>;
  if (!isMap(cluster)) fail('cluster', 'cluster must be a map');
  for (const k of Object.keys(cluster)) if (!CLUSTER_KEYS.has(k)) fail(`cluster.${k}`, `unknown field "cluster.${k}"`);
  const nodes = loadNodes(cluster.nodes, 'cluster.nodes', fail);
  const config: Record<string, number> = {};
  if (cluster.config !== undefined) {
    if (!isMap(cluster.config)) fail('cluster.config', 'cluster.config must be a map');
    for (const [k, v] of Object.entries(cluster.config as object)) {
      const key = CONFIG_KEYS[k];
      if (!key) fail(`cluster.config.${k}`, `unknown field "cluster.config.${k}" (known: ${Object.keys(CONFIG_KEYS).join(', ')})`);
      try { config[key!] = parseDuration(v as string); } catch (e) { fail(`cluster.config.${k}`, (e as Error).message); }
    }
  }
  const images = loadImages(cluster.images, fail);
  let featureGates: Partial<FeatureGates> | undefined;
  if (cluster.featureGates !== undefined) {
    if (!isMap(cluster.featureGates)) fail('cluster.featureGates', 'cluster.featureGates must be a map of gate name to true or false');
    featureGates = {};
    for (const [k, v] of Object.entries(cluster.featureGates as object)) {
      // upstream: component-base featuregate's words for an unknown gate
      if (!Object.hasOwn(DEFAULT_FEATURE_GATES, k)) fail(`cluster.featureGates.${k}`, `unrecognized feature gate: ${k} (known: ${Object.keys(DEFAULT_FEATURE_GATES).join(', ')})`);
      if (typeof v !== 'boolean') fail(`cluster.featureGates.${k}`, `invalid value of ${k}=${JSON.stringify(v)}, err: must be true or false`);
      (featureGates as Record<string, boolean>)[k] = v as boolean;
    }
  }
  const limits = parseLimits(cluster.limits, fail);
  const bugs = cluster.bugs ?? [];
  if (!Array.isArray(bugs) || bugs.some((b) => typeof b !== 'string')) fail('cluster.bugs', 'cluster.bugs must be a list of bug names');

  const invariants = r.invariants ?? [];
  if (invariants !== 'all' && (!Array.isArray(invariants) || invariants.some((x) => typeof x !== 'string'))) fail('invariants', 'invariants must be "all" or a list of names');

  if (!Array.isArray(r.steps)) fail('steps', 'steps must be a list');
  const steps = r.steps as unknown[];
  if (steps.length > LIMITS.steps) fail('steps', `too many steps: ${steps.length} (limit ${LIMITS.steps})`);
  const scenario: Scenario = {
    file: displayName, name: typeof r.name === 'string' ? r.name : displayName,
    description: typeof r.description === 'string' ? r.description : undefined,
    seed: seed as number, nodes, config, images, featureGates, limits, bugs: bugs as string[],
    invariants: invariants as 'all' | string[],
    invariantPositions: Array.isArray(invariants) ? invariants.map((_, i) => at(`invariants[${i}]`)) : [],
    bugPositions: (bugs as string[]).map((_, i) => at(`cluster.bugs[${i}]`)),
    steps: [],
  };
  if (r.controllers !== undefined) {
    if (!Array.isArray(r.controllers) || r.controllers.some((c) => typeof c !== 'string' || c === '')) fail('controllers', 'controllers must be a list of paths to controller modules (.js files)');
    scenario.controllers = (r.controllers as string[]).map((c, i) => ({ path: resolve(dir, c), pos: at(`controllers[${i}]`) }));
  }
  steps.forEach((s, i) => scenario.steps.push(loadStep(s, `steps[${i}]`, at, fail, dir, kinds)));
  checkBudget(scenario, (pos, message) => { throw new ScenarioError(pos, message); }, at(cluster.nodes !== undefined ? 'cluster.nodes' : r.cluster !== undefined ? 'cluster' : ''));
  return scenario;
}

function loadNodes(v: unknown, p: string, fail: (p: string, m: string) => never): NodeSpecInput[] {
  if (v === undefined) return defaultNodes(3);
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0 || v > LIMITS.nodes) fail(p, `nodes must be an integer from 0 to ${LIMITS.nodes}`);
    return defaultNodes(v);
  }
  if (!Array.isArray(v)) fail(p, 'nodes must be a number or a list of nodes');
  const arr = v as unknown[];
  if (arr.length > LIMITS.nodes) fail(p, `too many nodes (limit ${LIMITS.nodes})`);
  const seen = new Set<string>();
  return arr.map((n, i) => {
    const spec = nodeSpec(n, `${p}[${i}]`, fail);
    if (seen.has(spec.name)) fail(`${p}[${i}].name`, `Duplicate value: ${JSON.stringify(spec.name)}`);
    seen.add(spec.name);
    return spec;
  });
}

export function nodeSpec(n: unknown, p: string, fail: (p: string, m: string) => never): NodeSpecInput {
  if (!isMap(n)) fail(p, 'a node must be a map with name, capacity, labels, taints');
  const m = n as Record<string, unknown>;
  for (const k of Object.keys(m)) if (!['name', 'capacity', 'labels', 'taints'].includes(k)) fail(`${p}.${k}`, `unknown field "${k}"`);
  if (typeof m.name !== 'string') fail(`${p}.name`, 'Required value: a node needs a name');
  if (m.capacity !== undefined && !isMap(m.capacity)) fail(`${p}.capacity`, 'capacity must be a map of cpu, memory, pods');
  for (const k of Object.keys((m.capacity as object) ?? {})) if (!['cpu', 'memory', 'pods'].includes(k)) fail(`${p}.capacity.${k}`, `unknown field "${k}"`);
  if (m.labels !== undefined && !isMap(m.labels)) fail(`${p}.labels`, 'labels must be a map');
  if (m.taints !== undefined && !Array.isArray(m.taints)) fail(`${p}.taints`, 'taints must be a list');
  const spec = m as unknown as NodeSpecInput;
  // The Node object goes through admission like any other: names, labels, taints, quantities.
  const obj = nodeObject(spec);
  try {
    admitCreate(structuredClone(obj));
  } catch (e) {
    if (e instanceof ApiError) {
      const field = e.causes[0]?.field ?? '';
      const mapped = field.startsWith('metadata.labels') ? `${p}.labels` : field.startsWith('spec.taints') ? `${p}.taints` : field.startsWith('status') ? `${p}.capacity` : `${p}.name`;
      fail(mapped, e.message);
    }
    throw e;
  }
  return spec;
}

function loadImages(v: unknown, fail: (p: string, m: string) => never): Record<string, ImageBehaviour> {
  const out: Record<string, ImageBehaviour> = {};
  if (v === undefined) return out;
  if (!isMap(v)) fail('cluster.images', 'cluster.images must be a map of image name to behaviour');
  for (const [image, b] of Object.entries(v as object)) {
    const p = `cluster.images.${image}`;
    if (!isMap(b)) fail(p, 'an image behaviour must be a map');
    const m = b as Record<string, unknown>;
    const beh: ImageBehaviour = {};
    for (const [k, val] of Object.entries(m)) {
      if (!IMAGE_KEYS.has(k)) fail(`${p}.${k}`, `unknown field "${k}" (known: ${[...IMAGE_KEYS].join(', ')})`);
      const dur = (x: unknown) => { try { return parseDuration(x as string); } catch (e) { return fail(`${p}.${k}`, (e as Error).message); } };
      if (k === 'pull') { if (val !== 'fail' && val !== 'ok') fail(`${p}.pull`, 'pull must be "fail" or "ok"'); beh.pull = val as 'fail' | 'ok'; }
      if (k === 'ready') { if (val !== 'never' && val !== 'always') fail(`${p}.ready`, 'ready must be "never" or "always"'); beh.ready = val as 'never' | 'always'; }
      if (k === 'exitCode') { if (!Number.isInteger(val) || (val as number) < 0 || (val as number) > 255) fail(`${p}.exitCode`, 'exitCode must be an integer from 0 to 255'); beh.exitCode = val as number; }
      if (k === 'exitAfter') beh.exitAfterMs = dur(val);
      if (k === 'startup') beh.startupMs = dur(val);
      if (k === 'stop') beh.stopMs = dur(val);
    }
    out[image] = beh;
  }
  return out;
}

function loadStep(s: unknown, p: string, at: (p: string) => Position, fail: (p: string, m: string) => never, dir: string, kinds: KindRegistry): Step {
  if (!isMap(s)) fail(p, 'a step must be a map with one verb');
  const m = s as Record<string, unknown>;
  const verbs = Object.keys(m).filter((k) => VERBS.has(k));
  if (verbs.length === 0) fail(p, `unknown verb: a step needs one of ${[...VERBS.keys()].join(', ')}`);
  if (verbs.length > 1) fail(`${p}.${verbs[1]}`, `a step has one verb, found ${verbs.join(' and ')}`);
  const verb = verbs[0]!;
  const spec = verbOf(verb)!;
  const vp = `${p}.${verb}`;
  if (spec.unsupported) fail(vp, `${verb}: ${spec.unsupported}`);
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === verb) continue;
    const kind = spec.options[k];
    if (!kind) fail(`${p}.${k}`, `unknown option "${k}" for ${verb}${Object.keys(spec.options).length ? ` (known: ${Object.keys(spec.options).join(', ')})` : ''}`);
    const why = checkOption(kind!, v);
    if (why) fail(`${p}.${k}`, `${k}: ${why}`);
    options[k] = v;
  }
  for (const r of spec.required ?? []) if (!(r in options)) fail(vp, `${verb} needs option "${r}"`);
  const value = m[verb];
  const step: Step = { verb, value, options, pos: at(vp) };
  try {
    switch (spec.value) {
      case 'target': parseTarget(value, verb === 'request' ? 'svc' : undefined, kinds); break;
      case 'bareTarget': parseTarget(value, spec.bareKind, kinds); break;
      case 'component': if (typeof value !== 'string' || !value) throw new Error('a component name is required'); break;
      case 'name': if (typeof value !== 'string' || !value) throw new Error(`${verb}: a name is required`); break;
      case 'duration': {
        const ms = parseDuration(value as string);
        if (ms > LIMITS.waitMs) throw new Error(`wait is too long: ${value} (limit 720h)`);
        break;
      }
      case 'nodeSpec': nodeSpec(value, vp, fail); break;
      case 'manifests': step.objects = loadObjects(value, vp, at, dir, kinds); break;
      case 'checks': step.checks = loadChecks(value, vp, at, fail, kinds); break;
    }
    spec.check?.(step);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    fail(vp, (e as Error).message);
  }
  return step;
}

function loadObjects(value: unknown, p: string, at: (p: string) => Position, dir: string, kinds: KindRegistry): LoadedObject[] {
  const out: LoadedObject[] = [];
  if (typeof value === 'string') {
    const full = resolve(dir, value);
    const display = relative(process.cwd(), full) || value;
    const text = readLimited(full, display.startsWith('..') ? full : display, at(p));
    let docs;
    try { docs = parseManifests(text, display); } catch (e) { fromManifestError(e); }
    for (const d of docs!) {
      const locate = (fp: string): Position => ({ file: d.file, ...d.locate(fp) });
      checkObject(d.object, locate, kinds);
      out.push({ object: d.object, pos: locate(''), locate });
    }
    if (out.length === 0) throw new ScenarioError(at(p), `no objects passed to apply (${value} is empty)`);
    return out;
  }
  const list = Array.isArray(value) ? value : [value];
  list.forEach((o, i) => {
    const base = Array.isArray(value) ? `${p}[${i}]` : p;
    if (!isMap(o)) throw new ScenarioError(at(base), 'an object must be a map with apiVersion, kind and metadata');
    const locate = (fp: string): Position => at(fp ? `${base}.${fp}` : base);
    checkObject(o as KubeObject, locate, kinds);
    out.push({ object: o as KubeObject, pos: at(base), locate });
  });
  return out;
}

function loadChecks(value: unknown, p: string, at: (p: string) => Position, fail: (p: string, m: string) => never, kinds: KindRegistry): Check[] {
  if (!Array.isArray(value)) fail(p, 'expect takes a list of checks');
  return (value as unknown[]).map((c, i) => {
    const cp = `${p}[${i}]`;
    if (!isMap(c)) fail(cp, 'a check must be a map with get and count/equals/exists/atLeast/atMost');
    const m = c as Record<string, unknown>;
    for (const k of Object.keys(m)) if (!CHECK_KEYS.has(k)) fail(`${cp}.${k}`, `unknown field "${k}" (known: ${[...CHECK_KEYS].join(', ')})`);
    try { parseGet(m.get, kinds); } catch (e) { fail(`${cp}.get`, (e as Error).message); }
    const ops = ['count', 'equals', 'exists', 'atLeast', 'atMost'].filter((k) => k in m);
    if (ops.length === 0) fail(cp, 'a check needs one of count, equals, exists, atLeast, atMost');
    for (const k of ['count', 'atLeast', 'atMost']) if (k in m && (!Number.isInteger(m[k]) || (m[k] as number) < 0)) fail(`${cp}.${k}`, `${k} must be a non-negative integer`);
    if ('exists' in m && typeof m.exists !== 'boolean') fail(`${cp}.exists`, 'exists must be true or false');
    if ('path' in m && (typeof m.path !== 'string' || !m.path.startsWith('.'))) fail(`${cp}.path`, 'path must be a dotted path such as .status.phase');
    if ('equals' in m && !('path' in m)) fail(`${cp}.equals`, 'equals needs a path');
    return { ...(m as object), pos: at(cp) } as Check;
  });
}
