// `kubemodel diagram MACHINE [-o mermaid|json]`.
import { MACHINES, machineGraph, toMermaid } from '../../reports/diagram.js';
import { UsageError } from '../errors.js';

export function diagramCommand(name: string, opts: { output?: string }): number {
  const m = MACHINES[name];
  if (!m) throw new UsageError(`unknown machine "${name}" (known: ${Object.keys(MACHINES).join(', ')})`);
  const out = opts.output ?? 'mermaid';
  if (out === 'mermaid') process.stdout.write(toMermaid(m.machine));
  else if (out === 'json') process.stdout.write(JSON.stringify(machineGraph(m.machine), null, 2) + '\n');
  else throw new UsageError(`unknown output format "${out}" (mermaid or json)`);
  return 0;
}
