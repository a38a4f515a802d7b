// The package as users get it: `npm pack`, installed into an empty project.
// An ESM script imports the library by its name, and a strict TypeScript
// file (skipLibCheck off, so the shipped declarations are checked too) that
// uses the public types compiles. The packed files are the compiled dist/,
// which `npm ci` builds (the prepare script).
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let proj = '';

describe('the packed package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm ci` (or npm run build) first');
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-pack-'));
    execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, stdio: 'pipe' });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    proj = join(dir, 'proj');
    execFileSync('mkdir', ['-p', proj]);
    writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }));
    // The dependencies come from npm's cache, which `npm ci` filled: no download when it has them.
    execFileSync(npm, ['install', join(dir, tgz), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: proj, stdio: 'pipe' });
  }, 180_000);

  it('an ESM script imports parseSelector and selectorFromLabelSelector from "kubemodel"', () => {
    writeFileSync(join(proj, 'a.mjs'), [
      "import { parseSelector, selectorFromLabelSelector } from 'kubemodel';",
      "const s = parseSelector('app=web,tier in (fe,be)');",
      "const t = selectorFromLabelSelector({ matchLabels: { app: 'web' } });",
      "let threw = '';",
      "try { parseSelector('app in (a'); } catch (e) { threw = e.constructor.name; }",
      "console.log(JSON.stringify([s.toString(), s.matches({ app: 'web', tier: 'fe' }), s.matches({ app: 'db' }), t.toString(), threw]));",
    ].join('\n'));
    const out = execFileSync(process.execPath, ['a.mjs'], { cwd: proj, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['app=web,tier in (be,fe)', true, false, 'app=web', 'SelectorError']);
  });

  it('a strict TypeScript file using the public types compiles against the shipped declarations', () => {
    writeFileSync(join(proj, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      include: ['b.ts'],
    }));
    writeFileSync(join(proj, 'b.ts'), `
import { Cluster, defineController, defineInvariant, defineProperty, runProperty, runScenario, scenario, step, fc,
  WorkLoopController, parseSelector, builtinControllers, type ControllerContext, type KubeObject, type Selector, type Invariant } from 'kubemodel';
class Echo extends WorkLoopController {
  readonly name = 'echo-controller';
  constructor(ctx: ControllerContext) { super(ctx); this.informer('ConfigMap', { add: (o: KubeObject) => this.enqueue(WorkLoopController.keyOf(o)) }); }
  protected sync(key: string): void { void key; }
}
const echo = defineController({ name: 'echo-controller', watches: ['ConfigMap'], make: (ctx) => new Echo(ctx) });
const sel: Selector = parseSelector('app=web');
const inv: Invariant = defineInvariant({ name: 'few-configmaps', description: 'd', guards: 'g',
  create: () => ({ name: 'few-configmaps', check: (c) => (c.store.count('ConfigMap') > 5 ? 'too many' : undefined) }) });
const c = new Cluster({ nodes: 2, controllers: [...builtinControllers, echo] });
c.run(1000);
const r = runScenario(scenario({ steps: [step('wait', '10s')] }), { watch: true });
const n: number = r.watch.length + r.objects.length + (r.ok ? 1 : 0) + (sel.matches({ app: 'web' }) ? 1 : 0);
const p = defineProperty({ name: 'p', description: 'd', invariants: [inv], scenarios: fc.constant(scenario({ steps: [] })) });
const yaml: string | undefined = runProperty(p, { runs: 1 }).counterexampleYaml;
export { n, yaml };
`);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', proj], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });

  it("the README's library example compiles, strictly, against the package", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The library'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    // The example is a vitest file; the user's project has vitest, this one only its shape.
    writeFileSync(join(proj, 'vitest.d.ts'), "declare module 'vitest' { export const describe: (n: string, f: () => void) => void; export const it: (n: string, f: () => void) => void; export const expect: (v: unknown, m?: string) => { toBe(x: unknown): void }; }\n");
    writeFileSync(join(proj, 'readme-example.ts'), example);
    writeFileSync(join(proj, 'tsconfig.readme.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      include: ['readme-example.ts', 'vitest.d.ts'],
    }));
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let out = '';
    try { execFileSync(process.execPath, [tsc, '-p', join(proj, 'tsconfig.readme.json')], { encoding: 'utf8', stdio: 'pipe' }); } catch (e: any) { out = String(e.stdout); }
    expect(out).toBe('');
  });
});
