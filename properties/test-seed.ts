// The seed the property tests run with: KUBEMODEL_SEED, or the fixed default
// 1 — in CI as on a developer's machine, so that `npm test` passes as written
// under GitHub Actions (which sets CI=true) and every run names the seed it
// used: the suites print it in their titles, and a failure can be replayed
// (fast-check's advice: seeds are fixed in CI).
export const DEFAULT_TEST_SEED = 1;

export function testSeed(env: Record<string, string | undefined> = process.env): number {
  const s = env.KUBEMODEL_SEED;
  if (s === undefined || s === '') return DEFAULT_TEST_SEED;
  if (!/^\d+$/.test(s) || Number(s) > 2 ** 32 - 1) throw new Error(`KUBEMODEL_SEED="${s}" is not an integer from 0 to ${2 ** 32 - 1}`);
  return Number(s);
}
