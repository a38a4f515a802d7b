// `kubemodel diagram MACHINE [-o mermaid|json]`: any machine of the cluster or of a controller module.
import { machineGraph, toMermaid } from '../../reports/diagram.js';
import { builtinControllers } from '../../properties/controllers/index.js';
import { harnessOf } from '../../properties/registry.js';
import { UsageError } from '../errors.js';

export function diagramCommand(name: string, opts: { output?: string }): number {
  const h = harnessOf(builtinControllers);
  const m = h.machine(name);
  if (!m) throw new UsageError(`unknown machine "${name}" (known: ${h.machines.map((x) => x.name).join(', ')})`);
  const out = opts.output ?? 'mermaid';
  if (out === 'mermaid') process.stdout.write(toMermaid(m.machine));
  else if (out === 'json') process.stdout.write(JSON.stringify(machineGraph(m.machine), null, 2) + '\n');
  else throw new UsageError(`unknown output format "${out}" (mermaid or json)`);
  return 0;
}
