// The endpoints property holds with no bug, and catches endpointslice-ignores-status-updates with a
// counterexample that replays.
import { endpointsProperty } from './endpoints.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(endpointsProperty, { holds: 'the slices end listing exactly the pods, ready as they are', bug: 'endpointslice-ignores-status-updates' });
