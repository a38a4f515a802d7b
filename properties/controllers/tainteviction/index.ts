// taint-eviction-controller: deletes pods on NoExecute-tainted nodes once
// their tolerations run out.
//   logic:      model/controllers/tainteviction/ (toleration arithmetic)
//   runtime:    runtime/controllers/tainteviction/
//   invariant:  eviction-respects-tolerations   property: eviction-timing
import { TaintEvictionController } from '../../../runtime/controllers/tainteviction/controller.js';
import { defineBug, defineController } from '../module.js';
import { evictionRespectsTolerations } from './eviction-respects-tolerations.invariant.js';
import { evictionProperty } from './eviction-timing.property.js';

export const ignoresTolerations = defineBug({
  name: 'taint-eviction-ignores-tolerations',
  description: 'the taint-eviction controller deletes pods on a NoExecute-tainted node at once, tolerations or not',
  upstream: 'taint-based eviction ignoring tolerationSeconds (conformance: NoExecuteTaintManager)',
  property: 'eviction-timing', invariant: 'eviction-respects-tolerations', budget: 300,
});

export const taintEvictionController = defineController({
  name: 'taint-eviction-controller',
  watches: ['Node', 'Pod'],
  make: (ctx) => new TaintEvictionController(ctx, { ignoreTolerations: ctx.bug(ignoresTolerations) }),
  bugs: [ignoresTolerations],
  invariants: [evictionRespectsTolerations],
  properties: [evictionProperty],
});
