// kubemodel: the public library. This file is the whole curated surface —
// anything not exported here is internal and may change. Layers below:
// model/ (Kubernetes semantics), runtime/ (the simulated cluster and the
// scenario driver), properties/ (invariants, properties, controller modules).

// Labels and selectors, as apimachinery's labels package.
export { parseSelector, selectorFromLabelSelector, selectorFromSet, SelectorError } from './model/labels/index.js';
export type { Selector, LabelSelector, LabelSelectorRequirement } from './model/labels/index.js';

// Objects and API errors.
export type { KubeObject, ObjectMeta, OwnerReference, Labels } from './model/api/types.js';
export { ApiError } from './model/api/errors.js';
export { claim, controllerRef, ownerOf, ownerRefFor, type Owner, type ClaimResult } from './model/controllers/claim.js';
export { podFromTemplate } from './model/controllers/pod-template.js';

// The cluster: built-in controllers unless given a list.
export { Cluster, type ClusterOptions } from './properties/library.js';
export type { RunningController } from './runtime/cluster.js';
export type { ClusterConfig, FeatureGates, ImageBehaviour, NodeSpecInput } from './runtime/config.js';
export type { ApiStore, ListOptions, DeleteOptions, PropagationPolicy } from './runtime/store.js';
export type { VirtualClock, TaskHandle } from './runtime/clock.js';
export type { Informer, InformerHandlers } from './runtime/informer.js';
export type { EventRecorder } from './runtime/events.js';
export type { WatchEventType } from './runtime/watch.js';

// Controllers: the one shape, built-in or yours.
export { defineController, defineBug } from './properties/controllers/module.js';
export type { ControllerModule, ControllerContext, ControllerDefinition, BugDeclaration, MachineEntry } from './properties/controllers/module.js';
export type { Component, RuntimeContext } from './runtime/context.js';
export { WorkLoopController } from './runtime/controllers/workloop.js';
export { PodControl } from './runtime/controllers/podcontrol.js';
export { adopt, release, recheckOwner, resolveControllerRef, ownerInCache } from './runtime/controllers/refmanager.js';
export {
  builtinControllers, nodeLifecycleController, taintEvictionController, garbageCollector, podGarbageCollector,
  replicaSetController, replicationController, deploymentController, scheduler, statefulSetController, disruptionController,
} from './properties/controllers/index.js';

// Scenarios: load or build one, run it, read the result.
export { loadScenario, parseScenario, type LoadOptions } from './runtime/scenario/load.js';
export { runScenario, scenario, step, pickStep, readManifests, type ScenarioRun, type ScenarioRunOptions, type ScenarioParts } from './properties/library.js';
export { ScenarioError } from './runtime/scenario/types.js';
export type { Scenario, Step, Check, Position } from './runtime/scenario/types.js';
export type { RunResult, RunOptions, RunInvariant, Violation, CheckResult, TimelineEntry } from './runtime/scenario/run.js';
export { describeStep } from './runtime/scenario/describe.js';
export { VERB_LIST as verbs } from './runtime/scenario/verbs/index.js';

// Invariants and properties: the harness's, and yours.
export { defineInvariant, defineProperty, runProperty, fc, type PropertyDefinition, type PropertyRun, type PropertyRunOptions } from './properties/library.js';
export type { Invariant } from './properties/invariants/types.js';
export type { Property, PropertyOptions, PropertyResult, PropertyFailure, Finding } from './properties/suites/types.js';
export { harnessOf, checkersOf, Harness, type CatalogueBug } from './properties/registry.js';
export { scenarioArb, healSteps, type ScenarioOptions } from './properties/generators/scenario.js';
export { scenarioToYaml } from './properties/counterexample.js';
export { noDoubleController } from './properties/invariants/no-double-controller.js';
