// The reclaim property holds with no bug, and catches reclaim-deletes-retain
// with a counterexample that replays.
import { reclaimProperty } from './reclaim.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(reclaimProperty, { holds: "no Retain volume's data is destroyed or wiped", bug: 'reclaim-deletes-retain' });
