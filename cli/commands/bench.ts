// `kubemodel bench [--quick]`: the benchmark suites and the report (see bench/).
import { runBench, type BenchFlags } from '../../bench/index.js';

export async function benchCommand(opts: BenchFlags): Promise<number> {
  return runBench(opts);
}
