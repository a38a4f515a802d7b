// The scenario verbs, their options, and the checks made when a file loads.
// SCENARIOS.md is the contract; this table is its executable form.
import { parseDuration } from '../clock.js';

export type OptionKind = 'int' | 'nonNegInt' | 'duration' | 'string' | 'map' | 'bool' | 'cascade' | 'any';

export interface VerbSpec {
  /** What the value must be. */
  value: 'target' | 'bareTarget' | 'duration' | 'manifests' | 'checks' | 'nodeSpec' | 'component';
  options: Record<string, OptionKind>;
  /** Options that must be present. */
  required?: string[];
  /** Not modelled in this version: rejected when the file loads, with this reason. */
  unsupported?: string;
}

const NS = { namespace: 'string' } as const;

export const VERBS: Record<string, VerbSpec> = {
  apply: { value: 'manifests', options: { ...NS } },
  create: { value: 'manifests', options: { ...NS } },
  delete: { value: 'target', options: { ...NS, cascade: 'cascade', grace: 'nonNegInt' } },
  scale: { value: 'target', options: { ...NS, replicas: 'nonNegInt' }, required: ['replicas'] },
  patch: { value: 'target', options: { ...NS, merge: 'map', subresource: 'string' }, required: ['merge'] },
  'set-image': { value: 'target', options: { ...NS, container: 'string', image: 'string' }, required: ['image'] },
  label: { value: 'target', options: { ...NS, labels: 'map', overwrite: 'bool' }, required: ['labels'] },
  'rollout-undo': { value: 'target', options: { ...NS, toRevision: 'nonNegInt' } },
  'rollout-pause': { value: 'target', options: { ...NS } },
  'rollout-resume': { value: 'target', options: { ...NS } },
  'rollout-restart': { value: 'target', options: { ...NS } },
  cordon: { value: 'bareTarget', options: {} },
  uncordon: { value: 'bareTarget', options: {} },
  drain: { value: 'bareTarget', options: { force: 'bool', grace: 'nonNegInt', timeout: 'duration' } },
  'node-add': { value: 'nodeSpec', options: {} },
  'node-remove': { value: 'bareTarget', options: {} },
  'node-crash': { value: 'bareTarget', options: {} },
  'node-recover': { value: 'bareTarget', options: {} },
  'node-partition': { value: 'bareTarget', options: {} },
  'node-heal': { value: 'bareTarget', options: {} },
  'pod-fail': { value: 'bareTarget', options: { ...NS, exitCode: 'int', container: 'string' } },
  'pod-unready': { value: 'bareTarget', options: { ...NS, container: 'string' } },
  'pod-ready': { value: 'bareTarget', options: { ...NS, container: 'string' } },
  'watch-delay': { value: 'component', options: { delay: 'duration' }, required: ['delay'] },
  restart: { value: 'component', options: {} },
  request: { value: 'target', options: { ...NS, count: 'nonNegInt', from: 'string' }, unsupported: 'Services and kube-proxy are not modelled yet' },
  wait: { value: 'duration', options: {} },
  'wait-for': { value: 'target', options: { ...NS, condition: 'string', timeout: 'duration' } },
  expect: { value: 'checks', options: {} },
};

/** Why an option value is wrong, or undefined when it is fine. */
export function checkOption(kind: OptionKind, v: unknown): string | undefined {
  switch (kind) {
    case 'int': return Number.isInteger(v) ? undefined : 'must be an integer';
    case 'nonNegInt': return Number.isInteger(v) && (v as number) >= 0 ? undefined : 'must be a non-negative integer';
    case 'duration':
      try { parseDuration(v as string); return undefined; } catch (e) { return (e as Error).message; }
    case 'string': return typeof v === 'string' ? undefined : 'must be a string';
    case 'map': return typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'must be a map';
    case 'bool': return typeof v === 'boolean' ? undefined : 'must be true or false';
    case 'cascade': return v === 'background' || v === 'foreground' || v === 'orphan' ? undefined
      : `Unsupported value: ${JSON.stringify(v)}: supported values: "background", "foreground", "orphan"`;
    default: return undefined;
  }
}
