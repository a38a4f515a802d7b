// `kubemodel bench`: runs the suites and writes the report (placeholder until the report lands).
export interface BenchFlags { quick?: boolean; compare?: string }

export async function runBench(_flags: BenchFlags): Promise<number> {
  process.stderr.write('error: bench report not built yet\n');
  return 2;
}
