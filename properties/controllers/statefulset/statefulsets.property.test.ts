// The StatefulSet properties hold with no bug, and each catches its bug with a counterexample that replays.
import { holdsAndCatches } from '../../testing/holds-and-catches.js';
import { statefulSetsProperty, stsConvergeProperty, stsScaleDownProperty } from './statefulsets.property.js';
import { splitBrainProperty } from './split-brain.property.js';

holdsAndCatches(statefulSetsProperty, { holds: 'under OrderedReady no pod is made before its predecessors are Running and Ready', bug: 'sts-creates-out-of-order', runs: 100 });
holdsAndCatches(stsScaleDownProperty, { holds: 'scale-down takes the highest ordinal first', bug: 'sts-scales-down-lowest-first', runs: 100 });
holdsAndCatches(stsConvergeProperty, { holds: 'every set ends whole, Ready and at its template', bug: 'sts-ignores-readiness', runs: 100 });
holdsAndCatches(splitBrainProperty, { holds: 'never two pods with one identity running at once', bug: 'sts-replaces-unreachable-pod', runs: 100 });
