// garbage-collector-controller: background, foreground and orphan cascading
// deletion, owners checked by uid.
//   runtime:    runtime/controllers/gc/
//   invariants: gc-keeps-owned, gc-collects-orphans (the replicasets property drives it)
import { GarbageCollector } from '../../../runtime/controllers/gc/controller.js';
import { defineBug, defineController } from '../module.js';
import { gcCollectsOrphans, gcKeepsOwned } from './gc.invariant.js';

export const ignoresOwnerUid = defineBug({
  name: 'gc-ignores-owner-uid',
  description: "the garbage collector treats every owner reference as dangling without checking the owner's uid, deleting dependents of live owners",
  upstream: 'GC owner identity by uid (garbagecollector attemptToDeleteItem)',
  property: 'replicasets', invariant: 'gc-keeps-owned', budget: 60,
});

export const garbageCollector = defineController({
  name: 'garbage-collector-controller',
  watches: ['*'],
  make: (ctx) => new GarbageCollector(ctx, { ignoreOwnerUid: ctx.bug(ignoresOwnerUid) }),
  bugs: [ignoresOwnerUid],
  invariants: [gcKeepsOwned, gcCollectsOrphans],
});
