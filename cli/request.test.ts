// The `request` verb from the command line: results in `run -o json`'s
// `requests` and in the text report; bad input is one line and exit 2.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/stdio.js';

const tmp = mkdtempSync(join(tmpdir(), 'kubemodel-request-'));
const file = (name: string, text: string) => { const p = join(tmp, name); writeFileSync(p, text); return p; };
const SERVICE = `  - apply:
      - { apiVersion: v1, kind: Service, metadata: { name: web }, spec: { selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] } }
      - apiVersion: apps/v1
        kind: ReplicaSet
        metadata: { name: web }
        spec:
          replicas: 2
          selector: { matchLabels: { app: web } }
          template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, image: nginx }] } }
  - wait: 30s
`;

describe('request', () => {
  it('run -o json lists each step\'s answers by pod and errors by reason', async () => {
    const f = file('ok.yaml', `name: ok\ncluster: { nodes: 2 }\nsteps:\n${SERVICE}  - request: svc/web\n    count: 40\n    from: node-2\n  - scale: rs/web\n    replicas: 0\n  - wait: 1m\n  - request: svc/web\n`);
    const r = await runCli(['run', f, '-o', 'json']);
    expect(r.code).toBe(0);
    const { requests } = JSON.parse(r.out);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ service: 'default/web', from: 'node-2', count: 40, time: '2017-03-11T00:00:30Z', errors: {} });
    expect(Object.values(requests[0].answered).reduce((a: number, b) => a + (b as number), 0)).toBe(40);
    expect(requests[1]).toMatchObject({ from: 'node-1', count: 1, answered: {}, errors: { NoEndpoints: 1 } });
    const t = await runCli(['run', f]);
    expect(t.out).toMatch(/^requests:\n {2}00:00:30 {2}svc\/web from node-2 x40: answered by web-\S+ \d+, web-\S+ \d+\n {2}00:01:30 {2}svc\/web from node-1 x1: no answer: NoEndpoints 1$/m);
  });

  it.each([
    ['not a Service', 'request: pod/x', ':4:5: expected a svc, got pods'],
    ['too many', 'request: svc/web\n    count: 1000000', ':4:5: request: count 1000000 is more than 100000, the most one step may send'],
    ['no such Service', 'request: svc/nope', ':4:5: services "nope" not found'],
    ['no such node', 'request: svc/nope\n    from: node-9', ':4:5: services "nope" not found'],
  ])('%s: one line, exit 2', async (_what, stepText, msg) => {
    const f = file('bad.yaml', `name: bad\ncluster: { nodes: 1 }\nsteps:\n  - ${stepText}\n`);
    const r = await runCli(['run', f]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').filter((l) => l.startsWith('error:'))).toEqual([`error: ${f}${msg}`]);
  });
});
