// The routing property holds with no bug, and catches endpointslice-ready-when-running with a
// counterexample that replays.
import { routingProperty } from './routing.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(routingProperty, { holds: 'no connection is answered by a pod that was never Ready, or stopped being Ready longer ago than the proxies may lag', bug: 'endpointslice-ready-when-running' });
