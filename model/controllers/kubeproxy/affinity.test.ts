import { describe, expect, it } from 'vitest';
import { AffinityTable, RECENT_LIST_MAX } from './affinity.js';
import { endpointsFor } from './categorize.js';
import { chooseEndpoint, describeOutcome, type ProxyOutcome } from './choose.js';
import { ep, noDraws, seq, service, slice } from './fixtures.js';

const S = 1000;
const sticky = (timeoutSeconds?: number) => service({
  sessionAffinity: 'ClientIP',
  ...(timeoutSeconds === undefined ? {} : { sessionAffinityConfig: { clientIP: { timeoutSeconds } } }),
});
const three = [slice('web-a', [ep(1), ep(2), ep(3)])];
const alice = { clientIP: '10.244.5.1' };
const bob = { clientIP: '10.244.5.2' };
const podOf = (o: ProxyOutcome) => (o.kind === 'answered' ? o.pod : o.kind);

describe('sessionAffinity: ClientIP', () => {
  it('the timeout defaults to 10800 s (3 h)', () => {
    expect(endpointsFor(sticky(), three, 'node-1').info?.stickyMaxAgeSeconds).toBe(10800);
  });

  it('the first connection is a random pick; the next ones stick, drawing nothing', () => {
    const eps = endpointsFor(sticky(10800), three, 'node-1');
    const table = new AffinityTable();
    const first = chooseEndpoint(eps, alice, seq(0.5, 0.4).rand, table, 0);
    expect(first).toMatchObject({ kind: 'answered', reason: 'RandomPick', pod: 'web-2' });
    const again = chooseEndpoint(eps, alice, noDraws, table, 60 * S);
    expect(again).toMatchObject({ kind: 'answered', reason: 'SessionAffinity', pod: 'web-2' });
    expect(describeOutcome(again)).toBe('answered by pod web-2 (10.244.0.2:8080) by session affinity');
  });

  it('another client is not affected', () => {
    const eps = endpointsFor(sticky(10800), three, 'node-1');
    const table = new AffinityTable();
    chooseEndpoint(eps, alice, seq(0.5, 0.4).rand, table, 0);
    expect(podOf(chooseEndpoint(eps, bob, seq(0.1).rand, table, S))).toBe('web-1');
  });

  it('sticks at exactly the timeout since the last connection, expires one millisecond later', () => {
    const eps = endpointsFor(sticky(100), three, 'node-1');
    const table = new AffinityTable();
    chooseEndpoint(eps, alice, seq(0.5, 0.4).rand, table, 0);
    expect(podOf(chooseEndpoint(eps, alice, noDraws, table, 100 * S))).toBe('web-2');
    // That connection refreshed the entry: the window now runs from 100 s.
    expect(podOf(chooseEndpoint(eps, alice, noDraws, table, 200 * S))).toBe('web-2');
    const late = chooseEndpoint(eps, alice, seq(0.1).rand, table, 300 * S + 1);
    expect(late).toMatchObject({ reason: 'RandomPick', pod: 'web-1' });
  });

  it('a sticky endpoint that stops being ready is skipped; the client gets a new one and sticks to it', () => {
    const table = new AffinityTable();
    chooseEndpoint(endpointsFor(sticky(10800), three, 'node-1'), alice, seq(0.5, 0.4).rand, table, 0);
    const unready = endpointsFor(sticky(10800), [slice('web-a', [ep(1), ep(2, { ready: false }), ep(3)])], 'node-1');
    expect(podOf(chooseEndpoint(unready, alice, seq(0.9).rand, table, S))).toBe('web-3');
    expect(podOf(chooseEndpoint(unready, alice, noDraws, table, 2 * S))).toBe('web-3');
  });

  it('without ClientIP affinity the table is neither read nor written', () => {
    const table = new AffinityTable();
    const eps = endpointsFor(service(), three, 'node-1');
    chooseEndpoint(eps, alice, seq(0.1).rand, table, 0);
    expect(podOf(chooseEndpoint(eps, alice, seq(0.9, 0.9).rand, table, S))).toBe('web-3');
    expect(table.size).toBe(0);
  });
});

describe('the affinity table', () => {
  it('each list remembers at most 100 clients, forgetting the least recently seen', () => {
    const t = new AffinityTable();
    for (let i = 0; i <= RECENT_LIST_MAX; i++) t.record('l', `10.0.0.${i}`, i);
    expect(t.size).toBe(RECENT_LIST_MAX);
    expect(t.lastSeen('l', '10.0.0.0')).toBeUndefined();
    expect(t.lastSeen('l', '10.0.0.100')).toBe(100);
  });

  it('seeing a client again moves it to the back of the eviction order', () => {
    const t = new AffinityTable(2);
    t.record('l', 'a', 0);
    t.record('l', 'b', 1);
    t.record('l', 'a', 2);
    t.record('l', 'c', 3);
    expect([t.lastSeen('l', 'a'), t.lastSeen('l', 'b'), t.lastSeen('l', 'c')]).toEqual([2, undefined, 3]);
  });

  it('a check reaps the list\'s oldest entry once it is stale', () => {
    const t = new AffinityTable();
    t.record('l', 'old', 0);
    t.record('l', 'new', 50 * S);
    expect(t.seen('l', 'new', 70 * S, 60)).toBe(true);
    expect(t.lastSeen('l', 'old')).toBeUndefined();
  });

  it('retain drops the lists of endpoints that have no rules any more', () => {
    const t = new AffinityTable();
    t.record('keep', 'a', 0);
    t.record('gone', 'a', 0);
    t.retain(new Set(['keep']));
    expect([t.lastSeen('keep', 'a'), t.lastSeen('gone', 'a')]).toEqual([0, undefined]);
  });
});
