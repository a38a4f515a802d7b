// Where kube-proxy in iptables mode sends one new connection to a Service.
//
// The random pick is a chain of rules, one per endpoint in `ip:port` order:
// rule i matches with probability 1/(n−i) and the last always matches, which
// gives every endpoint 1/n. Each rule draws its own number, so a pick draws
// at most n−1 numbers from the caller's seeded stream. With ClientIP affinity
// the per-endpoint "recent" checks come first (see affinity.ts).
//
// Three outcomes that are not an answer, each with the words kube-proxy puts
// in its rule comments:
// - rejected ("<svc> has no endpoints"): nothing usable anywhere; the client
//   gets ICMP port unreachable at once (iptables REJECT);
// - dropped ("<svc> has no local endpoints"): a Local policy and nothing on
//   this node although other nodes have endpoints; the packet is silently
//   dropped and the client times out;
// - unrouted: kube-proxy has no rule at all (headless, ExternalName, another
//   proxy's Service, no such port, or outside traffic to a Service that does
//   not accept it).
// A connection is chosen once; later packets of it follow conntrack, which
// this module does not model.
// upstream: pkg/proxy/iptables/proxier.go (syncProxyRules: REJECT/DROP filter rules and the EXT chain;
//           writeServiceToEndpointRules; computeProbability)
import type { AffinityTable } from './affinity.js';
import { affinityListKey } from './affinity.js';
import type { ServiceEndpoints } from './categorize.js';
import type { ProxyEndpoint } from './endpoints.js';

export interface ProxyRequest {
  clientIP: string;
  /** To the clusterIP (internal, the default) or to a nodePort / external IP / load balancer IP (external). */
  traffic?: 'internal' | 'external';
  /**
   * External traffic that starts on this node (a pod here, or the node
   * itself): kube-proxy sends it to the Cluster endpoints even with
   * externalTrafficPolicy Local, as if it had gone out to a load balancer
   * and come back.
   */
  fromThisNode?: boolean;
}

export type ProxyOutcome =
  | { kind: 'answered'; reason: 'RandomPick' | 'SessionAffinity'; endpoint: ProxyEndpoint; pod: string | undefined }
  | { kind: 'rejected'; reason: 'NoEndpoints'; comment: string }
  | { kind: 'dropped'; reason: 'NoLocalEndpoints'; comment: string }
  | { kind: 'unrouted'; reason: 'NotProxied' | 'NoSuchPort' | 'NotExternallyAccessible' };

/** upstream computeProbability: 1/n printed with ten decimals, which is what the kernel compares against. */
export function probability(n: number): number {
  return Number((1 / n).toFixed(10));
}

/** The statistic-rule chain over n endpoints: the index of the first rule that matches. */
export function randomPick(n: number, rand: () => number): number {
  for (let i = 0; i < n - 1; i++) if (rand() < probability(n - i)) return i;
  return n - 1;
}

const podOf = (ep: ProxyEndpoint) => (ep.targetRef && (ep.targetRef.kind ?? 'Pod') === 'Pod' ? ep.targetRef.name : undefined);

function answered(ep: ProxyEndpoint, reason: 'RandomPick' | 'SessionAffinity'): ProxyOutcome {
  return { kind: 'answered', reason, endpoint: ep, pod: podOf(ep) };
}

/**
 * Choose the endpoint for one new connection. `affinity` is the node's
 * table, read and updated in place for ClientIP Services (without one, every
 * connection is a fresh random pick); `nowMs` is the virtual time.
 */
export function chooseEndpoint(
  eps: ServiceEndpoints, req: ProxyRequest, rand: () => number, affinity: AffinityTable | undefined, nowMs: number,
): ProxyOutcome {
  const info = eps.info;
  if (!info) return { kind: 'unrouted', reason: eps.unrouted ?? 'NotProxied' };
  const external = req.traffic === 'external';
  if (external && !info.externallyAccessible) return { kind: 'unrouted', reason: 'NotExternallyAccessible' };
  if (!eps.hasAnyEndpoints) return { kind: 'rejected', reason: 'NoEndpoints', comment: `${info.key} has no endpoints` };

  let chain: ProxyEndpoint[];
  if (!external) chain = info.internalPolicyLocal ? eps.local : eps.cluster;
  else if (!info.externalPolicyLocal || req.fromThisNode) chain = eps.cluster;
  else chain = eps.local;
  if (chain.length === 0) return { kind: 'dropped', reason: 'NoLocalEndpoints', comment: `${info.key} has no local endpoints` };

  const listOf = (ep: ProxyEndpoint) => affinityListKey(info.key, info.protocol, ep.endpoint);
  const sticky = info.sessionAffinity === 'ClientIP' && affinity !== undefined;
  let chosen: ProxyEndpoint | undefined;
  let reason: 'RandomPick' | 'SessionAffinity' = 'RandomPick';
  if (sticky) {
    chosen = chain.find((ep) => affinity.seen(listOf(ep), req.clientIP, nowMs, info.stickyMaxAgeSeconds));
    if (chosen) reason = 'SessionAffinity';
  }
  chosen ??= chain[randomPick(chain.length, rand)]!;
  // The endpoint chain records the client on every connection it carries.
  if (sticky) affinity.record(listOf(chosen), req.clientIP, nowMs);
  return answered(chosen, reason);
}

/** One line, as a trace prints it: `answered by pod web-1 (10.244.1.5:8080)`. */
export function describeOutcome(o: ProxyOutcome): string {
  switch (o.kind) {
    case 'answered': {
      const who = o.pod ? `pod ${o.pod}` : 'endpoint';
      return `answered by ${who} (${o.endpoint.endpoint})${o.reason === 'SessionAffinity' ? ' by session affinity' : ''}`;
    }
    case 'rejected': return `rejected: ${o.comment}`;
    case 'dropped': return `dropped: ${o.comment}`;
    case 'unrouted': return `unrouted: ${o.reason}`;
  }
}
