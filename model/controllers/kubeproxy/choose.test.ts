import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { endpointsFor } from './categorize.js';
import { chooseEndpoint, describeOutcome, probability, randomPick, type ProxyOutcome } from './choose.js';
import { ep, noDraws, seq, service, slice } from './fixtures.js';

const client = { clientIP: '10.244.9.9' };
const podOf = (o: ProxyOutcome) => (o.kind === 'answered' ? o.pod : o.kind);

describe('the random pick: rules with probability 1/n, 1/(n−1), …, 1', () => {
  it('upstream\'s probabilities, ten decimals', () => {
    expect([probability(3), probability(2), probability(1), probability(7)]).toEqual([0.3333333333, 0.5, 1, 0.1428571429]);
  });

  it.each([
    ['the first rule matches', [0.2], 0, 1],
    ['the second rule matches', [0.5, 0.4], 1, 2],
    ['no rule matches until the last, which always does', [0.5, 0.6], 2, 2],
  ])('three endpoints, %s', (_what, values, index, draws) => {
    const s = seq(...values);
    expect(randomPick(3, s.rand)).toBe(index);
    expect(s.draws()).toBe(draws);
  });

  it('one endpoint draws nothing', () => {
    expect(randomPick(1, noDraws)).toBe(0);
  });

  it('each of three ready endpoints gets a third of 30,000 connections (seeded)', () => {
    const eps = endpointsFor(service(), [slice('web-a', [ep(1), ep(2), ep(3)])], 'node-1');
    const rng = seedrandom('kubeproxy/uniform');
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const pod = podOf(chooseEndpoint(eps, client, () => rng.quick(), undefined, 0))!;
      counts.set(pod, (counts.get(pod) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['web-1', 'web-2', 'web-3']);
    for (const n of counts.values()) expect(Math.abs(n / 30_000 - 1 / 3)).toBeLessThan(0.01);
  });
});

describe('which endpoints are used', () => {
  it('not-ready endpoints are never chosen', () => {
    const eps = endpointsFor(service(), [slice('web-a', [ep(1, { ready: false }), ep(2), ep(3, { ready: false, serving: false }), ep(4)])], 'node-1');
    expect(eps.usable.map((e) => e.targetRef?.name)).toEqual(['web-2', 'web-4']);
    const rng = seedrandom('kubeproxy/not-ready');
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 1000; i++) seen.add(podOf(chooseEndpoint(eps, client, () => rng.quick(), undefined, 0)));
    expect([...seen].sort()).toEqual(['web-2', 'web-4']);
  });

  it('no ready endpoint anywhere: fall back to serving-and-terminating ones (not the non-serving ones)', () => {
    const eps = endpointsFor(service(), [slice('web-a', [
      ep(1, { ready: false, serving: true, terminating: true }),
      ep(2, { ready: false, serving: false, terminating: true }),
      ep(3, { ready: false, serving: true, terminating: true }),
    ])], 'node-1');
    expect(eps.usable.map((e) => e.targetRef?.name)).toEqual(['web-1', 'web-3']);
    expect(podOf(chooseEndpoint(eps, client, seq(0.7).rand, undefined, 0))).toBe('web-3');
  });

  it('one ready endpoint is enough to ignore the terminating ones', () => {
    const eps = endpointsFor(service(), [slice('web-a', [ep(1, { ready: false, serving: true, terminating: true }), ep(2)])], 'node-1');
    expect(podOf(chooseEndpoint(eps, client, noDraws, undefined, 0))).toBe('web-2');
  });

  it('nothing usable at all: rejected, in kube-proxy\'s words', () => {
    // Serving but not terminating is no fallback: only a pod on its way out may serve while not ready.
    const eps = endpointsFor(service(), [slice('web-a', [ep(1, { ready: false, serving: false }), ep(2, { ready: false, serving: true })])], 'node-1');
    const o = chooseEndpoint(eps, client, noDraws, undefined, 0);
    expect(o).toEqual({ kind: 'rejected', reason: 'NoEndpoints', comment: 'default/web has no endpoints' });
    expect(describeOutcome(o)).toBe('rejected: default/web has no endpoints');
  });

  it('a named port shows in the comment', () => {
    const eps = endpointsFor(service({ ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }), [], 'node-1', 'http');
    expect(chooseEndpoint(eps, client, noDraws, undefined, 0)).toMatchObject({ comment: 'default/web:http has no endpoints' });
  });
});

describe('internalTrafficPolicy: Local', () => {
  const local = service({ internalTrafficPolicy: 'Local' });
  const slices = [slice('web-a', [ep(1, { node: 'node-2' }), ep(2, { node: 'node-1' }), ep(3, { node: 'node-2' })])];

  it('only the endpoints on this node are used', () => {
    const eps = endpointsFor(local, slices, 'node-1');
    expect(eps.usable.map((e) => e.targetRef?.name)).toEqual(['web-2']);
    const o = chooseEndpoint(eps, client, noDraws, undefined, 0);
    expect(describeOutcome(o)).toBe('answered by pod web-2 (10.244.0.2:8080)');
  });

  it('none on this node but some elsewhere: dropped, never sent to another node', () => {
    const o = chooseEndpoint(endpointsFor(local, slices, 'node-3'), client, noDraws, undefined, 0);
    expect(o).toEqual({ kind: 'dropped', reason: 'NoLocalEndpoints', comment: 'default/web has no local endpoints' });
  });

  it('none anywhere: rejected, as for Cluster', () => {
    expect(chooseEndpoint(endpointsFor(local, [], 'node-1'), client, noDraws, undefined, 0).kind).toBe('rejected');
  });

  it('the terminating fallback is per node: a serving-terminating local endpoint beats ready remote ones', () => {
    const eps = endpointsFor(local, [slice('web-a', [ep(1, { node: 'node-2' }), ep(2, { node: 'node-1', ready: false, terminating: true })])], 'node-1');
    expect(podOf(chooseEndpoint(eps, client, noDraws, undefined, 0))).toBe('web-2');
  });
});

describe('externalTrafficPolicy: Local (nodePort traffic)', () => {
  const np = service({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] });
  const slices = [slice('web-a', [ep(1, { node: 'node-2' })])];
  const outside = { clientIP: '203.0.113.7', traffic: 'external' as const };

  it('from outside to a node without a local endpoint: dropped', () => {
    expect(chooseEndpoint(endpointsFor(np, slices, 'node-1'), outside, noDraws, undefined, 0).kind).toBe('dropped');
  });

  it('from this node itself: sent to any endpoint, as if it came back through a load balancer', () => {
    expect(podOf(chooseEndpoint(endpointsFor(np, slices, 'node-1'), { ...outside, fromThisNode: true }, noDraws, undefined, 0))).toBe('web-1');
  });

  it('to the clusterIP the external policy does not apply', () => {
    expect(podOf(chooseEndpoint(endpointsFor(np, slices, 'node-1'), client, noDraws, undefined, 0))).toBe('web-1');
  });

  it('a ClusterIP Service takes no outside traffic', () => {
    expect(chooseEndpoint(endpointsFor(service(), slices, 'node-1'), outside, noDraws, undefined, 0))
      .toEqual({ kind: 'unrouted', reason: 'NotExternallyAccessible' });
  });
});

describe('Services kube-proxy has no rules for', () => {
  it.each([
    ['headless', service({ clusterIP: 'None', clusterIPs: ['None'] }), undefined, 'NotProxied'],
    ['ExternalName', service({ type: 'ExternalName', externalName: 'example.com' }), undefined, 'NotProxied'],
    ['a port the Service does not have', service(), 'metrics', 'NoSuchPort'],
  ])('%s: unrouted', (_what, svc, port, reason) => {
    expect(chooseEndpoint(endpointsFor(svc, [slice('web-a', [ep(1)])], 'node-1', port), client, noDraws, undefined, 0))
      .toEqual({ kind: 'unrouted', reason });
  });
});
