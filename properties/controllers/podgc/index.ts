// pod-garbage-collector: orphaned pods of removed nodes, terminating pods
// never scheduled, terminated pods above the threshold.
//   runtime: runtime/controllers/podgc/
import { PodGC } from '../../../runtime/controllers/podgc/controller.js';
import { defineController } from '../module.js';

export const podGarbageCollector = defineController({
  name: 'pod-garbage-collector',
  watches: ['Pod', 'Node'],
  make: (ctx) => new PodGC(ctx),
});
