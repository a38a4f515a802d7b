// Fuzzing the front door: mutated manifests through `kubemodel validate`
// (YAML parsing, strict decoding, admission) never crash, hang or print a
// stack trace — every outcome is exit 0 or exactly one `error:` line and exit 2.
import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './program.js';
import { testSeed } from '../properties/test-seed.js';

const SEED = testSeed();

const SEEDS = [
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
    matchExpressions: [{ key: tier, operator: In, values: [fe, be] }]
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 1 } }
  template:
    metadata: { labels: { app: web, tier: fe } }
    spec:
      nodeSelector: { disktype: ssd }
      tolerations: [{ key: dedicated, operator: Equal, value: web, effect: NoSchedule }]
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources: { requests: { cpu: 250m, memory: 64Mi }, limits: { memory: 128Mi } }
          readinessProbe: { initialDelaySeconds: 5, httpGet: { path: /, port: 80 } }
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: default
  annotations: { note: "x" }
spec:
  restartPolicy: OnFailure
  terminationGracePeriodSeconds: 10
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{ matchExpressions: [{ key: cpu, operator: Gt, values: ["2"] }] }]
  containers: [{ name: c, image: busybox, command: [sh, -c, "sleep 1"] }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report }
spec:
  schedule: "*/5 * * * MON-FRI"
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: r, image: report:1 }]
`,
];

const PIECES = ['', ' ', ':', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: *a', '"', "'", '#', '\t', '\n', '---\n', 'null', '~', '-1', '1e999', '0x1F', 'yes', '__proto__', 'constructor', 'ü', '\u0000', 'kind: List', 'items:', 'apiVersion: v1', '!!binary', '%YAML 1.2'];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('dupLine' as const), a: fc.nat() }),
);

function mutate(text: string, ms: Array<any>): string {
  let t = text;
  for (const m of ms) {
    if (m.op === 'delete') { const at = m.at % (t.length + 1); t = t.slice(0, at) + t.slice(at + m.len); }
    else if (m.op === 'insert') { const at = m.at % (t.length + 1); t = t.slice(0, at) + m.text + t.slice(at); }
    else {
      const lines = t.split('\n');
      if (lines.length === 0) continue;
      const a = m.a % lines.length;
      if (m.op === 'dupLine') lines.splice(a, 0, lines[a]!);
      else { const b = m.b % lines.length; [lines[a], lines[b]] = [lines[b]!, lines[a]!]; }
      t = lines.join('\n');
    }
  }
  return t;
}

describe('fuzz: mutated manifests through validate', () => {
  afterEach(() => vi.restoreAllMocks());
  it('never crash, hang or print a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-fuzz-'));
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (seed, ms) => {
      const text = mutate(seed, ms);
      const f = join(dir, `m${n++}.yaml`);
      writeFileSync(f, text);
      let err = '';
      let out = '';
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out += String(s); return true; });
      const started = performance.now();
      let code: number;
      try { code = await main(['validate', f]); } finally { e.mockRestore(); o.mockRestore(); }
      const ms_ = performance.now() - started;
      expect(ms_).toBeLessThan(5_000);
      expect([0, 2]).toContain(code);
      if (code === 2) {
        expect(err.trimEnd().split('\n')).toHaveLength(1);
        expect(err).toMatch(/^error: .+:\d+:\d+: /);
      }
      expect(err).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
      void out;
    }), { seed: SEED, numRuns: 400 });
  });
});
