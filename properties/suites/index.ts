// The property suite, in the order `kubemodel check` runs it.
import type { Property } from './types.js';
import { noOvercommitProperty } from './no-overcommit.js';
import { pendingPodsScheduledProperty } from './pending-pods-scheduled.js';
import { sameSeedSameTraceProperty } from './same-seed-same-trace.js';
import { replicaSetProperty } from './replicaset.js';
import { evictionProperty } from './eviction.js';
import { deploymentRolloutsProperty } from './deployment.js';

export type { Property, PropertyOptions, PropertyResult, PropertyFailure, Progress, Finding } from './types.js';
export { noOvercommitProperty, pendingPodsScheduledProperty, sameSeedSameTraceProperty, replicaSetProperty, evictionProperty, deploymentRolloutsProperty };

export const PROPERTIES: readonly Property[] = [noOvercommitProperty, pendingPodsScheduledProperty, evictionProperty, sameSeedSameTraceProperty, replicaSetProperty, deploymentRolloutsProperty];

export function propertyByName(name: string): Property | undefined {
  return PROPERTIES.find((p) => p.name === name);
}
