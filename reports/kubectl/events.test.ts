import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { printEventLine, printEvents } from './events.js';
import { M, NOW, S, ago, event } from './fixtures.js';

const golden = (lines: string[]): string => lines.join('\n') + '\n';

const scheduled = event('web-0.17c1', { reason: 'Scheduled', kind: 'Pod', object: 'web-0', message: 'Successfully assigned default/web-0 to node-1', eventTime: 5 * M });
const pulled = event('web-0.17c2', { reason: 'Pulled', kind: 'Pod', object: 'web-0', message: 'Container image "nginx:1.25" already present on machine', last: 4 * M + 50 * S });
const backoff = event('web-1.17c9', { type: 'Warning', reason: 'BackOff', kind: 'Pod', object: 'web-1', message: 'Back-off restarting failed container web in pod web-1_default(uid)\n', last: 20 * S, first: 3 * M, count: 7 });
const scaled = event('web.17c0', { reason: 'ScalingReplicaSet', kind: 'Deployment', object: 'web', message: 'Scaled up replica set web-7d9f8b6c5 to 3', last: 5 * M + 1 * S });

describe('printEvents', () => {
  it('prints events oldest first, OBJECT as lower-case kind/name', () => {
    expect(printEvents([backoff, pulled, scheduled, scaled], NOW)).toBe(golden([
      'LAST SEEN   TYPE      REASON              OBJECT           MESSAGE',
      '5m1s        Normal    ScalingReplicaSet   deployment/web   Scaled up replica set web-7d9f8b6c5 to 3',
      '5m          Normal    Scheduled           pod/web-0        Successfully assigned default/web-0 to node-1',
      '4m50s       Normal    Pulled              pod/web-0        Container image "nginx:1.25" already present on machine',
      '20s         Warning   BackOff             pod/web-1        Back-off restarting failed container web in pod web-1_default(uid)',
    ]));
  });

  it('keeps the given order for events seen at the same time', () => {
    const a = event('a', { reason: 'Created', kind: 'Pod', object: 'p', message: 'one', last: 10 * S });
    const b = event('b', { reason: 'Started', kind: 'Pod', object: 'p', message: 'two', last: 10 * S });
    expect(printEvents([b, a], NOW).split('\n')[1]).toContain('Started');
  });

  it('sorts a series by its last observation', () => {
    const series: KubeObject = { ...scheduled, series: { count: 4, lastObservedTime: new Date(Date.parse(NOW) - 1000).toISOString() } };
    const out = printEvents([series, pulled], NOW).split('\n');
    expect(out[1]).toMatch(/^4m50s/);
    expect(out[2]).toMatch(/^1s\s+Normal\s+Scheduled/);
  });

  it('falls back from lastTimestamp to firstTimestamp to eventTime for LAST SEEN', () => {
    const firstOnly: KubeObject = { ...pulled, lastTimestamp: undefined, firstTimestamp: ago(2 * M) };
    expect(printEventLine(firstOnly, NOW)).toMatch(/^2m\s/);
    expect(printEventLine(scheduled, NOW)).toMatch(/^5m\s/);
    const none: KubeObject = { ...pulled, lastTimestamp: undefined, firstTimestamp: undefined };
    expect(printEventLine(none, NOW)).toMatch(/^<unknown>\s/);
  });

  it('adds NAMESPACE when events span namespaces', () => {
    const other = event('db-0.1', { namespace: 'prod', type: 'Warning', reason: 'FailedScheduling', kind: 'Pod', object: 'db-0', message: '0/3 nodes are available: 3 Insufficient cpu.', last: 1 * M });
    expect(printEvents([pulled, other], NOW)).toBe(golden([
      'NAMESPACE   LAST SEEN   TYPE      REASON             OBJECT      MESSAGE',
      'default     4m50s       Normal    Pulled             pod/web-0   Container image "nginx:1.25" already present on machine',
      'prod        60s         Warning   FailedScheduling   pod/db-0    0/3 nodes are available: 3 Insufficient cpu.',
    ]));
  });

  it('prints kubectl\'s words when there is nothing to show', () => {
    expect(printEvents([], NOW)).toBe('No resources found\n');
  });
});

describe('printEventLine', () => {
  it('prints one event as a table row without header or newline', () => {
    expect(printEventLine(backoff, NOW)).toBe('20s   Warning   BackOff   pod/web-1   Back-off restarting failed container web in pod web-1_default(uid)');
  });
});
