// `pattern` in a CRD schema is a Go (RE2) regular expression. The model runs it as a JavaScript
// RegExp after the few rewrites that make common RE2 spellings mean the same in JS, and names
// the compile errors in Go's words for the cases users hit most.
// upstream: pkg/apiserver/schema/validation.go (pattern "must be a valid regular expression, but isn't: %v"),
//           Go regexp/syntax error texts ("error parsing regexp: missing closing ]: `[a-z`")

/** A JS RegExp for an RE2 pattern, or undefined when it cannot be compiled. */
export function goRegExp(pattern: string): RegExp | undefined {
  let src = pattern;
  let flags = '';
  // a leading flag group, e.g. (?i)
  const lead = /^\(\?([ims]+)\)/.exec(src);
  if (lead) {
    flags = [...new Set(lead[1]!)].join('');
    src = src.slice(lead[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, "$");
  for (const f of [`${flags}u`, flags]) {
    try {
      return new RegExp(src, f);
    } catch {
      // try without unicode mode
    }
  }
  return undefined;
}

/** Go's regexp.Compile error for a pattern, or undefined when Go would accept it (as far as the model can tell). */
export function goRegexpError(pattern: string): string | undefined {
  const err = (code: string, expr: string) => `error parsing regexp: ${code}: \`${expr}\``;
  const perl = /\(\?[=!]/.exec(pattern) ?? /\(\?<[=!]/.exec(pattern);
  if (perl) return err('invalid or unsupported Perl syntax', perl[0]);
  const backref = /\\[1-9]/.exec(pattern);
  if (backref) return err('invalid escape sequence', backref[0]);
  let depth = 0;
  let classStart = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (i === pattern.length - 1) return err('trailing backslash at end of expression', '');
      i++;
      continue;
    }
    if (classStart >= 0) {
      if (c === ']' && i > classStart + 1 && !(i === classStart + 2 && pattern[classStart + 1] === '^')) classStart = -1;
      continue;
    }
    if (c === '[') classStart = i;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return err('unexpected )', pattern);
      depth--;
    } else if ('*+?'.includes(c) && (i === 0 || '(|'.includes(pattern[i - 1]!))) {
      return err('missing argument to repetition operator', c);
    }
  }
  if (classStart >= 0) return err('missing closing ]', pattern.slice(classStart));
  if (depth > 0) return err('missing closing )', pattern);
  return goRegExp(pattern) ? undefined : err('invalid or unsupported Perl syntax', pattern);
}
