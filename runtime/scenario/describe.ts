// A step as a kubectl-like line: `scale deploy/web --replicas=5`, `node-crash node-2`.
import { verbOf } from './verbs/index.js';
import { describeDefault } from './verbs/common.js';
import type { Step } from './types.js';

export function describeStep(step: Pick<Step, 'verb' | 'value' | 'options'> & Partial<Step>): string {
  const verb = verbOf(step.verb);
  return verb?.describe ? verb.describe(step as Step) : describeDefault(step);
}
