// The scenario verbs: one object per verb, one file each (SCENARIOS.md is the
// contract, README "Scenario files" documents it). The loader, the driver,
// the descriptions and the generators all read this table.
import type { Verb } from './types.js';
import { apply } from './apply.js';
import { create } from './create.js';
import { del } from './delete.js';
import { scale } from './scale.js';
import { patch } from './patch.js';
import { setImage } from './set-image.js';
import { label } from './label.js';
import { rolloutUndoVerb } from './rollout-undo.js';
import { rolloutPause } from './rollout-pause.js';
import { rolloutResume } from './rollout-resume.js';
import { rolloutRestart } from './rollout-restart.js';
import { cordon } from './cordon.js';
import { uncordon } from './uncordon.js';
import { drain } from './drain.js';
import { nodeAdd } from './node-add.js';
import { nodeRemove } from './node-remove.js';
import { nodeCrash } from './node-crash.js';
import { nodeRecover } from './node-recover.js';
import { nodePartition } from './node-partition.js';
import { nodeHeal } from './node-heal.js';
import { podFail } from './pod-fail.js';
import { podUnready } from './pod-unready.js';
import { podReady } from './pod-ready.js';
import { watchDelay } from './watch-delay.js';
import { restart } from './restart.js';
import { request } from './request.js';
import { resolve } from './resolve.js';
import { evict } from './evict.js';
import { wait } from './wait.js';
import { waitFor } from './wait-for.js';
import { expect } from './expect.js';

export type { Verb, VerbGenerator, GenKit, GenModel, OptionKind, ValueKind, StepRun, SwarmGroup } from './types.js';

/** Every verb, in the order the random scenarios draw from them. */
export const VERB_LIST: readonly Verb[] = [
  apply, wait, create, label, patch, del, nodeAdd,
  nodeRemove, nodeCrash, nodeRecover, nodePartition, nodeHeal, cordon, uncordon, drain,
  podFail, podUnready, podReady, watchDelay, restart,
  scale, setImage, rolloutUndoVerb, rolloutPause, rolloutResume, rolloutRestart, request, resolve, evict, waitFor, expect,
];

export const VERBS: ReadonlyMap<string, Verb> = new Map(VERB_LIST.map((v) => [v.name, v]));

export function verbOf(name: string): Verb | undefined { return VERBS.get(name); }
