// The resolve verb: lookups recorded in the run, bad names refused at load.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../load.js';
import { runScenario } from '../run.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

describe('resolve', () => {
  it('records each lookup with the name that answered', () => {
    const s = parseScenario(`name: dns
steps:
  - apply: { apiVersion: v1, kind: Service, metadata: { name: api }, spec: { selector: { app: api }, ports: [{ port: 80 }] } }
  - resolve: api
  - resolve: missing
`, 'dns.yaml');
    const r = runScenario(s, { controllers: builtinControllers });
    const ip = r.cluster.store.get('Service', 'default', 'api')!.spec.clusterIP;
    expect(r.lookups).toEqual([
      { query: 'api', namespace: 'default', time: '2017-03-11T00:00:00Z', rcode: 'NOERROR', name: 'api.default.svc.cluster.local', answers: [{ type: 'A', data: ip }] },
      { query: 'missing', namespace: 'default', time: '2017-03-11T00:00:00Z', rcode: 'NXDOMAIN', name: 'missing', answers: [] },
    ]);
  });

  it('refuses what is not a DNS name, with its position', () => {
    expect(() => parseScenario('name: dns\nsteps:\n  - resolve: "not a name"\n', 'dns.yaml')).toThrow(/resolve: "not a name" is not a DNS name/);
  });
});
