// endpointslice-controller: each selector Service's EndpointSlices — the
// selected pods' addresses, ready/serving/terminating conditions, nodes and
// hostnames, the Service's ports resolved against named container ports,
// packed at most 100 endpoints to a slice.
//   logic:      model/controllers/endpointslice/ (desired endpoints, the reconciler's packing, syncService)
//   runtime:    runtime/controllers/endpointslice/
//   invariants: endpoints-converge   properties: endpoints
import { EndpointSliceController } from '../../../runtime/controllers/endpointslice/controller.js';
import { defineBug, defineController } from '../module.js';
import { endpointsConverge } from './endpoints-converge.invariant.js';
import { endpointsProperty } from './endpoints.property.js';

export const ignoresStatusUpdates = defineBug({
  name: 'endpointslice-ignores-status-updates',
  description: "the EndpointSlice controller's pod handler enqueues a pod's Services only when its labels change, so a pod that stops (or starts) being ready keeps its old condition in the slices",
  upstream: "endpointslice_controller.go updatePod / podEndpointsChanged (which must compare readiness and deletion, not labels alone)",
  property: 'endpoints', invariant: 'endpoints-converge', budget: 200,
});

export const readyWhenRunning = defineBug({
  name: 'endpointslice-ready-when-running',
  description: "the EndpointSlice controller takes a Running pod for a ready one (its phase, not its Ready condition), so a pod whose readiness probe never passed is listed ready and gets traffic",
  upstream: 'endpointslice utils.go podToEndpoint (ready and serving come from podutil.IsPodReady, the Ready condition)',
  property: 'routing', invariant: 'requests-reach-ready-pods', budget: 100,
});

export const endpointSliceController = defineController({
  name: 'endpointslice-controller',
  watches: ['Service', 'Pod', 'Node', 'EndpointSlice'],
  reconciles: ['Service', 'EndpointSlice'],
  make: (ctx) => new EndpointSliceController(ctx, { ignoreStatusUpdates: ctx.bug(ignoresStatusUpdates), readyWhenRunning: ctx.bug(readyWhenRunning) }),
  bugs: [ignoresStatusUpdates, readyWhenRunning],
  invariants: [endpointsConverge],
  properties: [endpointsProperty],
});
