// The volume-failover property holds with no bug, and catches attach-ignores-multi-attach with a
// counterexample that replays.
import { volumeFailoverProperty } from './volume-failover.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(volumeFailoverProperty, { holds: 'no exclusive volume is ever attached to two nodes', bug: 'attach-ignores-multi-attach', runs: 150, bugRuns: 100 });
