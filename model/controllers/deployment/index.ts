// The Deployment controller's pure logic: what tests call directly and the
// runtime controller (runtime/controllers/deployment.ts) writes through the API.
export * from './annotations.js';
export { canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash.js';
export * from './fenceposts.js';
export * from './replicasets.js';
export * from './proportion.js';
export * from './rolling.js';
export * from './conditions.js';
export * from './progress.js';
export { historyToDelete } from './cleanup.js';
export { oldPodsRunning } from './recreate.js';
export { buildNewReplicaSet, selectorWithHash, syncExistingNewReplicaSet } from './newrs.js';
