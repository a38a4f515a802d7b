// The work loop as its machine says (model/controllers/workqueue.ts), with a
// controller of the one shape a user would write: an event during a sync
// makes the key go round again (processing → processingDirty → queued), a
// failed sync backs off and retries, and stopping the controller shuts every
// key down, back-off timers included.
import { describe, it, expect } from 'vitest';
import { Cluster } from '../cluster.js';
import { ApiError } from '../../model/api/errors.js';
import type { RuntimeContext } from '../context.js';
import { WorkLoopController } from './workloop.js';

class Probe extends WorkLoopController {
  readonly name = 'probe-controller';
  syncsOf: string[] = [];
  requeueOnce = new Set<string>();
  failing = new Set<string>();
  constructor(ctx: RuntimeContext) {
    super(ctx);
    this.informer('ConfigMap', { add: (o) => this.enqueue(WorkLoopController.keyOf(o)) });
  }
  protected sync(key: string): void {
    this.syncsOf.push(key);
    // The key is enqueued again while it is being synced: the queue marks it dirty.
    if (this.requeueOnce.delete(key)) this.enqueue(key);
    if (this.failing.has(key)) throw new ApiError('Conflict', 'the object has been modified');
  }
}

function cluster() {
  let probe!: Probe;
  const c = new Cluster({ nodes: [], controllers: [{ name: 'probe-controller', watches: ['ConfigMap'], make: (ctx) => (probe = new Probe(ctx)) }] });
  const cm = (name: string) => c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
  return { c, probe, cm };
}

describe('work loop', () => {
  it('an enqueue during the sync of a key syncs it once more (processingDirty), then the key goes idle', () => {
    const { c, probe, cm } = cluster();
    probe.requeueOnce.add('default/a');
    cm('a');
    c.settle();
    expect(probe.syncsOf).toEqual(['default/a', 'default/a']);
    expect(probe.queueState('default/a')).toBe('idle');
  });

  it('a failed sync backs off (5ms, 10ms, 20ms...) and retries', () => {
    const { c, probe, cm } = cluster();
    probe.failing.add('default/b');
    cm('b');
    c.settle();
    expect(probe.syncsOf).toEqual(['default/b']);
    expect(probe.queueState('default/b')).toBe('backoff');
    c.run(5);
    expect(probe.syncsOf).toHaveLength(2);
    c.run(10);
    expect(probe.syncsOf).toHaveLength(3);
  });

  it('stopping shuts every key down: a key in back-off never retries', () => {
    const { c, probe, cm } = cluster();
    probe.failing.add('default/c');
    cm('c');
    c.settle();
    expect(probe.queueState('default/c')).toBe('backoff');
    probe.stop();
    expect(probe.queueState('default/c')).toBe('idle');
    c.run(60_000);
    expect(probe.syncsOf).toEqual(['default/c']);
  });
});
