// endpointslice-controller: each selector Service's EndpointSlices — the
// selected pods' addresses, ready/serving/terminating conditions, nodes and
// hostnames, the Service's ports resolved against named container ports,
// packed at most 100 endpoints to a slice.
//   logic:    model/controllers/endpointslice/ (desired endpoints, the reconciler's packing, syncService)
//   runtime:  runtime/controllers/endpointslice/
import { EndpointSliceController } from '../../../runtime/controllers/endpointslice/controller.js';
import { defineController } from '../module.js';

export const endpointSliceController = defineController({
  name: 'endpointslice-controller',
  watches: ['Service', 'Pod', 'Node', 'EndpointSlice'],
  reconciles: ['Service', 'EndpointSlice'],
  make: (ctx) => new EndpointSliceController(ctx),
});
