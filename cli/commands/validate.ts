// `kubemodel validate FILE...`: admission only, as `kubectl apply
// --dry-run=server`. A scenario file is loaded and checked as `run` checks
// it before running (its steps, manifests, controller modules, bugs and
// invariants), in the same words; a manifest file's objects are admitted in
// order, a later document naming an earlier object being an update of it —
// compared with the earlier one as the server stored it (defaulted), so two
// identical documents are an unchanged object, as `kubectl apply` finds.
import { resolve } from 'node:path';
import type { KubeObject } from '../../model/api/types.js';
import { parseAllDocuments, isMap, isScalar } from 'yaml';
import { parseManifests } from '../../model/api/manifest.js';
import { ApiError } from '../../model/api/errors.js';
import { KindRegistry } from '../../model/api/kinds.js';
import { admitUpdate } from '../../model/api/admission/index.js';
import { readLimited, checkObject } from '../../runtime/scenario/load.js';
import { ScenarioError } from '../../runtime/scenario/types.js';
import { prepareScenario } from '../scenario.js';

/** The keys only a scenario file has at its top: such a file is checked as a scenario, misspellings and all. */
const SCENARIO_KEYS = ['name', 'description', 'seed', 'cluster', 'controllers', 'invariants', 'steps'];

function isScenarioText(text: string): boolean {
  const keys = firstDocumentKeys(text);
  if (keys === undefined) return false;
  if (keys.includes('steps')) return true;
  // No apiVersion and kind, and some scenario key: a scenario with a misspelt field (`stesp:`), not a manifest.
  return !keys.includes('apiVersion') && !keys.includes('kind') && keys.some((k) => SCENARIO_KEYS.includes(k));
}

export async function validateCommand(files: string[]): Promise<number> {
  const lines: string[] = [];
  const seen = new Map<string, KubeObject>();
  const kinds = new KindRegistry();
  for (const file of files) {
    const text = readLimited(resolve(file), file);
    if (isScenarioText(text)) {
      const { scenario } = await prepareScenario(file);
      lines.push(`scenario "${scenario.name}" is valid (${scenario.steps.length} steps)`);
      continue;
    }
    for (const d of parseManifests(text, file)) {
      const locate = (p: string) => ({ file: d.file, ...d.locate(p) });
      const admitted = checkObject(d.object, locate, kinds);
      const k = kinds.info(d.object.apiVersion, d.object.kind)!;
      const ns = k.namespaced ? d.object.metadata?.namespace || 'default' : '';
      const key = `${k.kind}/${ns}/${d.object.metadata?.name}`;
      const prev = seen.get(key);
      if (prev) {
        try {
          const next = { ...structuredClone(d.object), metadata: { ...d.object.metadata, uid: prev.metadata.uid, creationTimestamp: prev.metadata.creationTimestamp } } as KubeObject;
          seen.set(key, admitUpdate(next, prev, kinds));
        } catch (e) {
          if (e instanceof ApiError) throw new ScenarioError(locate(e.causes[0]?.field ?? ''), e.message);
          throw e;
        }
      } else seen.set(key, admitted);
      const res = k.group ? `${k.singular}.${k.group}` : k.singular;
      lines.push(`${res}/${d.object.metadata?.name} ${prev ? 'configured' : 'created'} (server dry run)`);
    }
  }
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
  return 0;
}

/**
 * The top-level keys of the first document, if it is a map: enough to tell a
 * scenario from manifests, even in a file that goes on to a second document
 * (which the scenario loader then refuses in its own words). Nothing is
 * resolved, so nothing can blow up here.
 */
function firstDocumentKeys(text: string): string[] | undefined {
  try {
    const first = parseAllDocuments(text, { prettyErrors: false })[0];
    const contents = first?.contents;
    if (!isMap(contents)) return undefined;
    return contents.items.map((i) => (isScalar(i.key) ? String(i.key.value) : ''));
  } catch { return undefined; }
}
