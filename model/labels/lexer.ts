// The selector-string lexer. It mirrors upstream byte for byte (longest
// operator match, whitespace as separator, a NUL char read as end of input)
// so that odd inputs fail, or pass, exactly as they do against a real API server.
// upstream: k8s.io/apimachinery/pkg/labels/selector.go (Lexer, string2token)

export const Tok = {
  Error: 0,
  EndOfString: 1,
  ClosedPar: 2,
  Comma: 3,
  DoesNotExist: 4,
  DoubleEquals: 5,
  Equals: 6,
  GreaterThan: 7,
  Identifier: 8,
  In: 9,
  LessThan: 10,
  NotEquals: 11,
  NotIn: 12,
  OpenPar: 13,
} as const;
export type Token = (typeof Tok)[keyof typeof Tok];

const string2token: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', Tok.ClosedPar], [',', Tok.Comma], ['!', Tok.DoesNotExist], ['==', Tok.DoubleEquals],
  ['=', Tok.Equals], ['>', Tok.GreaterThan], ['in', Tok.In], ['<', Tok.LessThan],
  ['!=', Tok.NotEquals], ['notin', Tok.NotIn], ['(', Tok.OpenPar],
]);

// Space, tab, CR, LF: the only whitespace upstream skips.
const isWhitespace = (ch: number): boolean => ch === 32 || ch === 9 || ch === 13 || ch === 10;

// = ! ( ) , > <
const isSpecialSymbol = (ch: number): boolean =>
  ch === 61 || ch === 33 || ch === 40 || ch === 41 || ch === 44 || ch === 62 || ch === 60;

export interface ScannedItem {
  /** The token in key-and-operator context. */
  readonly tok: Token;
  /** The token in values context, where the words `in` and `notin` are plain identifiers: `x in (in,notin)`. */
  readonly vtok: Token;
  readonly literal: string;
}

const item = (tok: Token, literal: string): ScannedItem => ({
  tok, vtok: tok === Tok.In || tok === Tok.NotIn ? Tok.Identifier : tok, literal,
});

/** Splits a selector string into tokens; the last item is always EndOfString. */
export function scan(s: string): ScannedItem[] {
  let pos = 0;
  // Returns 0 at the end without advancing, like upstream's read().
  const read = (): number => (pos < s.length ? s.charCodeAt(pos++) : 0);

  const scanIdOrKeyword = (): ScannedItem => {
    const start = pos;
    let end: number;
    for (;;) {
      const before = pos;
      const ch = read();
      if (ch === 0) { end = before; break; }
      if (isSpecialSymbol(ch) || isWhitespace(ch)) { pos--; end = before; break; }
    }
    const literal = s.slice(start, end);
    // Only short words can be keywords; skipping the map for the rest keeps long keys cheap.
    return item((literal.length <= 5 && string2token.get(literal)) || Tok.Identifier, literal);
  };

  const scanSpecialSymbol = (): ScannedItem => {
    let buffer = '';
    let last: ScannedItem | undefined;
    for (;;) {
      const ch = read();
      if (ch === 0) break;
      if (!isSpecialSymbol(ch)) { pos--; break; }
      buffer += String.fromCharCode(ch);
      const tok = string2token.get(buffer);
      if (tok !== undefined) last = item(tok, buffer);
      else if (last) { pos--; break; }
    }
    // Unreachable in practice (every single special char is a token), kept for parity.
    return last ?? item(Tok.Error, `error expected: keyword found '${buffer}'`);
  };

  const lex = (): ScannedItem => {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === 0) return item(Tok.EndOfString, '');
    pos--;
    return isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdOrKeyword();
  };

  const items: ScannedItem[] = [];
  // Each lex consumes at least one char or ends the input, so s.length + 1 items bound the loop.
  for (let i = 0; i <= s.length; i++) {
    const next = lex();
    items.push(next);
    if (next.tok === Tok.EndOfString) return items;
  }
  throw new Error(`selector lexer did not terminate on ${JSON.stringify(s)}`);
}
