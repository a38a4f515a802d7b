// The evictions property holds with no bug, and catches eviction-ignores-budget
// with a counterexample that replays.
import { evictionsProperty } from './evictions.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(evictionsProperty, { holds: 'no eviction leaves a PodDisruptionBudget short', bug: 'eviction-ignores-budget' });
