// `kubemodel validate FILE...`: admission only, as `kubectl apply
// --dry-run=server`. A scenario file is loaded (all its steps and manifests
// checked); a manifest file's objects are admitted in order, a later
// document naming an earlier object being an update of it.
import { resolve } from 'node:path';
import type { KubeObject } from '../../model/api/types.js';
import { parseManifests, parseYamlDocument } from '../../model/api/manifest.js';
import { ApiError } from '../../model/api/errors.js';
import { kindInfo } from '../../model/api/kinds.js';
import { admitUpdate } from '../../model/api/admission/index.js';
import { loadScenario, readLimited, checkObject } from '../../runtime/scenario/load.js';
import { ScenarioError } from '../../runtime/scenario/types.js';

export function validateCommand(files: string[]): number {
  const lines: string[] = [];
  const seen = new Map<string, KubeObject>();
  for (const file of files) {
    const text = readLimited(resolve(file), file);
    const probe = parseYamlDocumentSafe(text, file);
    if (probe && typeof probe === 'object' && !Array.isArray(probe) && 'steps' in probe) {
      const s = loadScenario(resolve(file), file);
      lines.push(`scenario "${s.name}" is valid (${s.steps.length} steps)`);
      continue;
    }
    for (const d of parseManifests(text, file)) {
      const locate = (p: string) => ({ file: d.file, ...d.locate(p) });
      checkObject(d.object, locate);
      const k = kindInfo(d.object.apiVersion, d.object.kind)!;
      const ns = k.namespaced ? d.object.metadata?.namespace || 'default' : '';
      const key = `${k.kind}/${ns}/${d.object.metadata?.name}`;
      const prev = seen.get(key);
      if (prev) {
        try {
          const next = { ...structuredClone(d.object), metadata: { ...d.object.metadata, uid: prev.metadata.uid, creationTimestamp: prev.metadata.creationTimestamp } } as KubeObject;
          admitUpdate(next, prev);
        } catch (e) {
          if (e instanceof ApiError) throw new ScenarioError(locate(e.causes[0]?.field ?? ''), e.message);
          throw e;
        }
      }
      const stored = { ...structuredClone(d.object), metadata: { ...d.object.metadata, uid: '00000000-0000-4000-8000-000000000000', creationTimestamp: '2017-03-11T00:00:00Z' } } as KubeObject;
      seen.set(key, stored);
      const res = k.group ? `${k.singular}.${k.group}` : k.singular;
      lines.push(`${res}/${d.object.metadata?.name} ${prev ? 'configured' : 'created'} (server dry run)`);
    }
  }
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
  return 0;
}

function parseYamlDocumentSafe(text: string, file: string): unknown {
  try { return parseYamlDocument(text, file).object; } catch { return undefined; }
}
