// The seed the property tests run with: KUBEMODEL_SEED, or 1 on a developer's
// machine. In CI a missing seed is an error, so that every CI run names the
// seed it used and a failure can be replayed (fast-check's advice).
export function testSeed(env: Record<string, string | undefined> = process.env): number {
  const s = env.KUBEMODEL_SEED;
  if (s === undefined) {
    if (env.CI) throw new Error('KUBEMODEL_SEED must be set in CI (the property tests need a fixed seed)');
    return 1;
  }
  if (!/^\d+$/.test(s) || Number(s) > 2 ** 32 - 1) throw new Error(`KUBEMODEL_SEED="${s}" is not an integer from 0 to ${2 ** 32 - 1}`);
  return Number(s);
}
