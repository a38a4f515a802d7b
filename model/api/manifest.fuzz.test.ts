// Random edits of a valid manifest must end in a result or one ManifestError:
// never a TypeError, a RangeError, a multi-line message or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifests, parseYamlDocument } from './manifest.js';

const SEED = Number(process.env.KUBEMODEL_SEED ?? 20250101);

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: *labels
  strategy: {rollingUpdate: {maxSurge: 25%}}
  template:
    metadata:
      labels:
        <<: *labels
    spec:
      containers:
      - name: web
        image: "nginx:1.25"
        resources: {limits: {cpu: 500m, memory: 1Gi}}
---
{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "aGk="}}]}
`;

const PIECES = [':', ': ', '-', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '*labels', '!!str ', '!!binary ', '? ', '|', '>', "'", '"', '#',
  '%', '@', '`', '\t', '\n', '\n  ', '---\n', '...\n', '<<: ', '__proto__: ', 'y', '.inf', '0x1F', '~', '1e999', '\\u0000', 'é', '\r\n', ' '];

const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  if (e.op === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  if (e.op === 'delete') return text.slice(0, at) + text.slice(at + e.len);
  const lines = text.split('\n');
  const i = e.at % lines.length;
  lines.splice(i, 0, lines[i]);
  return lines.join('\n');
}

function outcome(run: () => unknown, text: string): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    expect(e.format()).toMatch(/^error: f\.yaml:\d+:\d+: \S[^\n\r]*$/);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(text.split('\n').length + 1);
  }
}

describe(`random edits of a manifest (seed ${SEED}, set KUBEMODEL_SEED to change)`, () => {
  it('yield objects or one ManifestError, quickly', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const text = edits.reduce(apply, BASE);
        const t0 = performance.now();
        outcome(() => parseManifests(text, 'f.yaml'), text);
        outcome(() => parseYamlDocument(text, 'f.yaml'), text);
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(Object.prototype).not.toHaveProperty('app');
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
