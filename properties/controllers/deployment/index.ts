// deployment-controller: ReplicaSets per template, rolling and recreate
// rollouts, proportional scaling, pause, rollback, history, conditions.
//   logic:      model/controllers/deployment/ (fenceposts, rolling, recreate, revisions, the rollout machine)
//   runtime:    runtime/controllers/deployment/
//   invariants: rollout-availability, rollback-reuses-rs, rollout-complete-template   property: deployment-rollouts
import { rolloutMachine } from '../../../model/controllers/deployment/rollout-machine.js';
import { DeploymentController } from '../../../runtime/controllers/deployment/controller.js';
import { defineBug, defineController } from '../module.js';
import { rolloutAvailability } from './rollout-availability.invariant.js';
import { rollbackReusesRS } from './rollback-reuses-rs.invariant.js';
import { rolloutCompleteTemplate } from './rollout-complete-template.invariant.js';
import { deploymentRolloutsProperty } from './deployment-rollouts.property.js';

export const roundsUnavailableUp = defineBug({
  name: 'deploy-rounds-unavailable-up',
  description: 'the deployment controller rounds a maxUnavailable percentage up instead of down, so a rolling update takes one replica more out of service than the Deployment allows (25% of 10 is 3, not 2)',
  upstream: 'maxUnavailable rounding (deployment util ResolveFenceposts)',
  property: 'deployment-rollouts', invariant: 'rollout-availability', budget: 60,
});

export const rollbackNewRS = defineBug({
  name: 'deploy-rollback-new-rs',
  description: 'the deployment controller only compares the newest ReplicaSet with the template and treats a name clash as a hash collision, so a rollback creates a fresh ReplicaSet instead of re-using the old one',
  upstream: 'rollback re-using the old ReplicaSet (kubectl rollout undo)',
  property: 'deployment-rollouts', invariant: 'rollback-reuses-rs', budget: 30,
});

export const deploymentController = defineController({
  name: 'deployment-controller',
  watches: ['Deployment', 'ReplicaSet', 'Pod'],
  reconciles: ['Deployment'],
  make: (ctx) => new DeploymentController(ctx, { roundUnavailableUp: ctx.bug(roundsUnavailableUp), rollbackNewRS: ctx.bug(rollbackNewRS) }),
  bugs: [roundsUnavailableUp, rollbackNewRS],
  invariants: [rolloutAvailability, rollbackReusesRS, rolloutCompleteTemplate],
  properties: [deploymentRolloutsProperty],
  machines: [{
    name: 'rollout', machine: rolloutMachine, description: 'a Deployment rollout as its Progressing condition tells it',
    events: ['FOUND_RS', 'NEW_RS', 'CREATE_FAILED', 'PROGRESS', 'COMPLETE', 'DEADLINE', 'PAUSE', 'RESUME'].map((type) => ({ type })),
  }],
});
