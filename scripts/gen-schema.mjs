#!/usr/bin/env node
// Generates model/api/schema.generated.json: every field of every kind in
// model/api/kinds.ts, recursively, with the Go type the API server decodes it
// into. model/api/schema.ts reads it to decode strictly, as the API server does.
//
// Why two sources: @kubernetes/client-node (OpenAPI of Kubernetes v1.32.0, the
// version kinds.ts mirrors) keeps int32 vs int64, IntOrString, Time and []byte
// in its attributeTypeMap, but types resource.Quantity as a plain string;
// kubernetes-types' d.ts files (already a dev dependency) name Quantity.
//
// Regenerate (the client is a generator-only input, never a dependency):
//   npm install --no-save @kubernetes/client-node@1.0.0
//   node scripts/gen-schema.mjs
// or point KUBE_CLIENT_NODE at an install elsewhere:
//   KUBE_CLIENT_NODE=/tmp/x/node_modules/@kubernetes/client-node node scripts/gen-schema.mjs
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = process.env.KUBE_CLIENT_NODE ?? join(root, 'node_modules/@kubernetes/client-node');
let clientPkg;
try {
  clientPkg = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8'));
} catch {
  console.error(`no @kubernetes/client-node at ${clientDir}: run \`npm install --no-save @kubernetes/client-node@1.0.0\` or set KUBE_CLIENT_NODE`);
  process.exit(1);
}
const client = await import(pathToFileURL(join(clientDir, clientPkg.main)).href);

// The kinds, read from kinds.ts so the two lists cannot drift apart.
const kindsSrc = readFileSync(join(root, 'model/api/kinds.ts'), 'utf8');
const kinds = [...kindsSrc.matchAll(/^\s*K\('(\w+)', '([\w.]*)', '(\w+)'/gm)].map(([, kind, group, version]) => ({ kind, group, version }));
if (kinds.length === 0) throw new Error('no kinds found in model/api/kinds.ts');

// Quantity fields, as "GoStruct.field" -> 'scalar' | 'map', from kubernetes-types.
const quantity = new Map();
const typesDir = join(root, 'node_modules/kubernetes-types');
for (const dir of readdirSync(typesDir)) {
  const full = join(typesDir, dir);
  if (!statSync(full).isDirectory()) continue;
  for (const f of readdirSync(full).filter((n) => n.endsWith('.d.ts'))) {
    const lines = readFileSync(join(full, f), 'utf8').split('\n');
    let iface = '';
    lines.forEach((line, i) => {
      const m = /^export interface (\w+)/.exec(line);
      if (m) iface = m[1];
      const p = /^ {4}(\w+)\??: (Quantity;|\{)$/.exec(line);
      if (!p || !iface) return;
      if (p[2] === 'Quantity;') quantity.set(`${iface}.${p[1]}`, 'scalar');
      else if (/^\s+\[name: string\]: Quantity;$/.test(lines[i + 1] ?? '')) quantity.set(`${iface}.${p[1]}`, 'map');
    });
  }
}

const goName = (cls) => cls.replace(/^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
const classFor = ({ kind, group, version }) => {
  const groupPrefix = (group.split('.')[0] || 'core').replace(/^\w/, (c) => c.toUpperCase());
  const v = version.replace(/^\w/, (c) => c.toUpperCase());
  for (const name of [`${groupPrefix}${v}${kind}`, `${v}${kind}`]) if (client[name]?.attributeTypeMap) return name;
  throw new Error(`no client-node model for ${kind}`);
};

const types = {};
const owner = {}; // Go name -> class, to catch two classes with one Go name
function visit(cls) {
  const name = goName(cls);
  if (owner[name] === cls) return name;
  if (owner[name]) throw new Error(`Go name ${name} used by both ${owner[name]} and ${cls}`);
  owner[name] = cls;
  const fields = {};
  types[name] = fields;
  for (const a of client[cls].attributeTypeMap) fields[a.baseName] = fieldType(name, a.baseName, a.type, a.format);
  return name;
}
function fieldType(struct, field, type, format) {
  const q = quantity.get(`${struct}.${field}`);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return q === 'map' ? 'map[string]Quantity' : `map[string]${fieldType('', '', map[1], format)}`;
  if (q === 'scalar') return 'Quantity';
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[]${fieldType('', '', arr[1], format)}`;
  switch (type) {
    case 'string': return format === 'byte' ? 'bytes' : 'string';
    case 'number': return { int32: 'int32', int64: 'int64', double: 'float64' }[format] ?? 'float64';
    case 'boolean': return 'bool';
    case 'Date': case 'V1MicroTime': return format === 'date-time-micro' ? 'MicroTime' : 'Time';
    case 'IntOrString': return 'IntOrString';
    case 'any': case 'object': return 'raw';
  }
  if (!client[type]?.attributeTypeMap) throw new Error(`unknown type ${type} (${struct}.${field})`);
  return visit(type);
}

const kindTypes = {};
for (const k of kinds) kindTypes[k.kind] = visit(classFor(k));

// One type per line: compact, yet a regeneration diffs readably.
const body = Object.keys(types).sort().map((t) => `    ${JSON.stringify(t)}: ${JSON.stringify(types[t])}`).join(',\n');
const out = `{
  "source": ${JSON.stringify(`@kubernetes/client-node ${clientPkg.version} (OpenAPI ${versionOf()}), Quantity from kubernetes-types; by scripts/gen-schema.mjs`)},
  "kinds": ${JSON.stringify(kindTypes)},
  "types": {
${body}
  }
}
`;
function versionOf() {
  const src = readFileSync(join(clientDir, 'dist/gen/models/V1DeploymentSpec.js'), 'utf8');
  return /OpenAPI spec version: (\S+)/.exec(src)?.[1] ?? 'unknown';
}
writeFileSync(join(root, 'model/api/schema.generated.json'), out);
console.log(`schema.generated.json: ${kinds.length} kinds, ${Object.keys(types).length} types, ${out.length} bytes`);
