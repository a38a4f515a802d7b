import { describe, expect, it } from 'vitest';
import { mergeEndpoints } from './endpoints.js';
import { ep, service, slice } from './fixtures.js';

const tcp = { name: '', protocol: 'TCP' };
const ips = (eps: { endpoint: string }[]) => eps.map((e) => e.endpoint);

describe('merging the slices of one Service', () => {
  it('one entry per ip:port across slices, sorted as text (…10 before …2)', () => {
    const merged = mergeEndpoints(service(), [slice('web-b', [ep(2), ep(10)]), slice('web-a', [ep(2), ep(3)])], tcp, 'node-1');
    expect(ips(merged)).toEqual(['10.244.0.10:8080', '10.244.0.2:8080', '10.244.0.3:8080']);
  });

  it('when two slices disagree, the copy on this node wins', () => {
    const remote = ep(2, { node: 'node-2', ready: false });
    const here = ep(2, { node: 'node-1', ready: true });
    const merged = mergeEndpoints(service(), [slice('web-a', [remote]), slice('web-b', [here])], tcp, 'node-1');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ isLocal: true, ready: true, nodeName: 'node-1' });
  });

  it('between two remote copies the first slice by name wins (upstream leaves it to map order)', () => {
    const merged = mergeEndpoints(service(), [
      slice('web-b', [ep(2, { node: 'node-3', ready: true })]),
      slice('web-a', [ep(2, { node: 'node-2', ready: false })]),
    ], tcp, 'node-1');
    expect(merged[0]).toMatchObject({ nodeName: 'node-2', ready: false });
  });

  it('missing conditions read as ready and serving, not terminating', () => {
    const s = slice('web-a', [ep(2)]);
    (s.endpoints as any[])[0].conditions = {};
    expect(mergeEndpoints(service(), [s], tcp, 'node-1')[0]).toMatchObject({ ready: true, serving: true, terminating: false });
  });

  it('isLocal compares nodeName with this node; no node name is never local', () => {
    const merged = mergeEndpoints(service(), [slice('web-a', [ep(2, { node: 'node-2' }), ep(3, { node: undefined })])], tcp, 'node-1');
    expect(merged.map((e) => e.isLocal)).toEqual([false, false]);
  });
});

describe('which slices and endpoints kube-proxy reads', () => {
  it.each([
    ['another Service\'s', slice('db-a', [ep(9)], { service: 'db' })],
    ['an IPv6', slice('web-v6', [{ ip: 'fd00::9' }], { addressType: 'IPv6' })],
    ['an FQDN', slice('web-fqdn', [{ ip: 'db.example.com' }], { addressType: 'FQDN' })],
    ['a headless-labelled', slice('web-h', [ep(9)], { labels: { 'service.kubernetes.io/headless': '' } })],
    ['another proxy\'s', slice('web-p', [ep(9)], { labels: { 'service.kubernetes.io/service-proxy-name': 'other' } })],
  ])('%s slice is ignored', (_what, other) => {
    const merged = mergeEndpoints(service(), [slice('web-a', [ep(2)]), other], tcp, 'node-1');
    expect(ips(merged)).toEqual(['10.244.0.2:8080']);
  });

  it('a slice in another namespace is ignored', () => {
    const other = slice('web-x', [ep(9)]);
    other.metadata.namespace = 'prod';
    expect(ips(mergeEndpoints(service(), [other], tcp, 'node-1'))).toEqual([]);
  });

  it('ports match by name and protocol; the endpoint takes the slice port\'s number', () => {
    const svc = service({ ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] });
    const slices = [
      slice('web-a', [ep(2)], { portName: 'http', port: 8080 }),
      slice('web-b', [ep(2)], { portName: 'dns', port: 5353, protocol: 'UDP' }),
      slice('web-c', [ep(3)], { portName: 'http', port: 9090, protocol: 'UDP' }),
    ];
    expect(ips(mergeEndpoints(svc, slices, { name: 'http', protocol: 'TCP' }, 'node-1'))).toEqual(['10.244.0.2:8080']);
    expect(ips(mergeEndpoints(svc, slices, { name: 'dns', protocol: 'UDP' }, 'node-1'))).toEqual(['10.244.0.2:5353']);
  });

  it('an endpoint without addresses is skipped', () => {
    const s = slice('web-a', [ep(2), ep(3)]);
    (s.endpoints as any[])[1].addresses = [];
    expect(ips(mergeEndpoints(service(), [s], tcp, 'node-1'))).toEqual(['10.244.0.2:8080']);
  });
});
