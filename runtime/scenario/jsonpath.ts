// Dotted paths into an object, as the scenario's `path` and `wait-for
// jsonpath=` use them: `.status.conditions[0].type`, `.metadata.labels.app`,
// `.metadata.labels.app\.kubernetes\.io/name` (kubectl's escaped dot),
// and a filter `.status.conditions[?(@.type=="Ready")].status`.

export function getPath(obj: unknown, path: string): unknown {
  const tokens: Array<string | number | { key: string; value: string }> = [];
  const re = /\.((?:[^.[\]\\]|\\.)+)|\[(\d+)\]|\[\?\(@\.([A-Za-z0-9_]+)==["']?([^"'\]]*)["']?\)\]|\['([^']+)'\]/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  const p = path.startsWith('{') && path.endsWith('}') ? path.slice(1, -1) : path;
  while ((m = re.exec(p)) !== null) {
    // kubectl's escaped dot: `.metadata.labels.app\.kubernetes\.io/name`.
    if (m[1] !== undefined) tokens.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) tokens.push(Number(m[2]));
    else if (m[3] !== undefined) tokens.push({ key: m[3], value: m[4]! });
    else if (m[5] !== undefined) tokens.push(m[5]);
    pos = re.lastIndex;
  }
  if (pos !== p.length) throw new Error(`invalid path ${JSON.stringify(path)}`);
  let cur: any = obj;
  for (const t of tokens) {
    // Only JSON's own structure is walked: a string has no `.length`, a list no `.length` either.
    if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    if (typeof t === 'object') {
      cur = Array.isArray(cur) ? cur.find((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && Object.hasOwn(x, t.key) && String(x[t.key]) === t.value) : undefined;
    } else if (Array.isArray(cur)) cur = typeof t === 'number' ? cur[t] : undefined;
    else cur = typeof t === 'string' && Object.hasOwn(cur, t) ? cur[t] : undefined;
  }
  return cur;
}

/** Compare as kubectl's jsonpath output would: numbers and strings by their text. */
export function valueEquals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === undefined || actual === null) return expected === null;
  if (typeof actual === 'object' || typeof expected === 'object') return JSON.stringify(actual) === JSON.stringify(expected);
  return String(actual) === String(expected);
}
