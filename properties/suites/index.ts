// The property suite, in the order `kubemodel check` runs it.
import type { Property } from './types.js';
import { noOvercommitProperty } from './no-overcommit.js';
import { pendingPodsScheduledProperty } from './pending-pods-scheduled.js';
import { sameSeedSameTraceProperty } from './same-seed-same-trace.js';
import { replicaSetProperty } from './replicaset.js';

export type { Property, PropertyOptions, PropertyResult, PropertyFailure, Progress, Finding } from './types.js';
export { noOvercommitProperty, pendingPodsScheduledProperty, sameSeedSameTraceProperty, replicaSetProperty };

export const PROPERTIES: readonly Property[] = [noOvercommitProperty, pendingPodsScheduledProperty, sameSeedSameTraceProperty, replicaSetProperty];

export function propertyByName(name: string): Property | undefined {
  return PROPERTIES.find((p) => p.name === name);
}
