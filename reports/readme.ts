// The README's tables, made from the declarations themselves: the
// controllers (where each one's pieces live), the properties, the
// invariants, the known bugs and the scenario verbs. reports/readme.test.ts
// checks that README.md holds exactly these tables (UPDATE=1 rewrites them),
// so the README cannot drift from the modules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ControllerModule } from '../properties/controllers/module.js';
import { harnessOf } from '../properties/registry.js';
import { VERB_LIST } from '../runtime/scenario/verbs/index.js';

const code = (s: string) => `\`${s}\``;
const esc = (s: string) => s.replace(/\|/g, '\\|');

/** For each built-in module, the sub-path its pieces share in every layer (properties/controllers/NAME/index.ts is the module). */
export async function controllerHomes(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const dir = join(root, 'properties', 'controllers');
  for (const sub of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const mod = await import(pathToFileURL(join(dir, sub, 'index.ts')).href).catch(() => import(pathToFileURL(join(dir, sub, 'index.js')).href));
    for (const v of Object.values(mod as Record<string, unknown>)) {
      const m = v as ControllerModule;
      if (m && typeof m === 'object' && typeof m.make === 'function' && typeof m.name === 'string') out.set(m.name, sub);
    }
  }
  return out;
}

export function controllersTable(controllers: readonly ControllerModule[], homes: Map<string, string>, root: string): string {
  const rows = ['| Controller | Process | Where (one sub-path per layer) | Invariants | Properties | Known bugs |', '|---|---|---|---|---|---|'];
  for (const c of controllers) {
    const sub = homes.get(c.name);
    const where = sub ? ['model', 'runtime', 'properties'].filter((l) => existsSync(join(root, l, 'controllers', sub))).map((l) => code(`${l}/controllers/${sub}/`)).join(' ') : '';
    const list = (xs: readonly { name: string }[] | undefined) => (xs ?? []).map((x) => code(x.name)).join(', ');
    rows.push(`| ${code(c.name)} | ${c.process ?? 'kube-controller-manager'} | ${where} | ${list(c.invariants)} | ${list(c.properties)} | ${list(c.bugs)} |`);
  }
  return rows.join('\n');
}

export function propertiesTable(controllers: readonly ControllerModule[]): string {
  const rows = ['| Property | What it checks | Invariants | Runs |', '|---|---|---|---:|'];
  for (const p of harnessOf(controllers).properties) rows.push(`| ${code(p.name)} | ${esc(p.description)} | ${p.invariant.split(', ').map(code).join(', ')} | ${p.defaultRuns} |`);
  return rows.join('\n');
}

export function invariantsTable(controllers: readonly ControllerModule[]): string {
  const rows = ['| Invariant | Kind | What must hold | Upstream guarantee |', '|---|---|---|---|'];
  for (const i of harnessOf(controllers).invariants) rows.push(`| ${code(i.name)} | ${i.kind ?? 'safety'} | ${esc(i.description)} | ${esc(i.guards)} |`);
  return rows.join('\n');
}

export function bugsTable(controllers: readonly ControllerModule[]): string {
  const rows = ['| Bug | In | What goes wrong | Models | Caught by | Budget |', '|---|---|---|---|---|---:|'];
  for (const b of harnessOf(controllers).bugs) {
    rows.push(`| ${code(b.name)} | ${code(b.component)} | ${esc(b.description)} | ${esc(b.upstream)} | ${code(b.property)} (${code(b.invariant)}) | ${b.budget} runs |`);
  }
  return rows.join('\n');
}

export function verbsTable(): string {
  const rows = ['| Verb | Value | Options | Drawn by random scenarios |', '|---|---|---|---|'];
  for (const v of VERB_LIST) {
    const opts = Object.keys(v.options).map((o) => (v.required?.includes(o) ? `${code(o)} (required)` : code(o))).join(', ');
    const value = v.value === 'bareTarget' ? `${v.bareKind} name` : v.value === 'target' ? 'KIND/NAME' : v.value;
    rows.push(`| ${code(v.name)} | ${value} | ${opts} | ${v.unsupported ? `not modelled yet: ${v.unsupported}` : v.generate ? 'yes' : ''} |`);
  }
  return rows.join('\n');
}

/** Every generated section, by its marker name. */
export async function readmeSections(root: string, controllers: readonly ControllerModule[]): Promise<Record<string, string>> {
  return {
    controllers: controllersTable(controllers, await controllerHomes(root), root),
    properties: propertiesTable(controllers),
    invariants: invariantsTable(controllers),
    bugs: bugsTable(controllers),
    verbs: verbsTable(),
    // The library example is a test that runs (examples/library/quota.test.ts), shown as it is.
    'library-example': ['```ts', readFileSync(join(root, 'examples', 'library', 'quota.test.ts'), 'utf8').trimEnd(), '```'].join('\n'),
  };
}

/** The README with each `<!-- generated:NAME -->...<!-- /generated:NAME -->` section replaced. */
export function fillReadme(text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> section`);
    out = out.replace(re, (_m, a, b) => `${a}${body}\n${b}`);
  }
  return out;
}
