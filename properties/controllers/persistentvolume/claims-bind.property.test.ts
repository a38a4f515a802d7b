// The claims-bind property holds with no bug, and catches pv-binder-ignores-conflicts with a
// counterexample that replays.
import { claimsBindProperty } from './claims-bind.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(claimsBindProperty, { holds: 'a Bound claim keeps its volume and data', bug: 'pv-binder-ignores-conflicts' });
