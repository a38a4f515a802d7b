// The provisioning property holds with no bug, and catches provisioner-leaks-on-claim-delete with a
// counterexample that replays.
import { provisioningProperty } from './provisioning.property.js';
import { holdsAndCatches } from '../../testing/holds-and-catches.js';

holdsAndCatches(provisioningProperty, { holds: 'no provisioned volume outlives its claim', bug: 'provisioner-leaks-on-claim-delete' });
