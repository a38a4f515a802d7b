// Selector-string grammar. Most cases come from upstream's
// k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorParse,
// TestSetSelectorParser, TestLexer, TestLexerSequence); the error texts are
// what a real API server answers for the same `?labelSelector=`.
import { describe, expect, test } from 'vitest';
import { SelectorError, parseSelector, parseToRequirements } from './index.js';
import { Tok, scan } from './lexer.js';

// The doubled spaces ("'MyName',  or") are upstream's RegexError, verbatim.
const NAME_REGEX_TAIL =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** The exact message of the SelectorError a parse throws. */
function parseError(text: string): string {
  try {
    parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorError) return e.message;
    throw e;
  }
  throw new Error(`${JSON.stringify(text)} parsed without error`);
}

describe('parse and String() round-trip (upstream TestSelectorParse)', () => {
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])('%j', (text) => {
    expect(parseSelector(text).toString()).toBe(text.replaceAll(' ', ''));
  });

  test.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('%j is rejected', (text) => {
    expect(() => parseSelector(text)).toThrow(SelectorError);
  });

  test('parsing is deterministic: requirements sort by key', () => {
    expect(parseSelector('x=a,a=x').toString()).toBe(parseSelector('a=x,x=a').toString());
    expect(parseSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });
});

describe('canonical form', () => {
  test.each([
    ['app=web,tier in (fe,be),!canary', 'app=web,!canary,tier in (be,fe)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x==a', 'x==a'],
    ['x notin (c, b ,a)', 'x notin (a,b,c)'],
    ['  a  ', 'a'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['notin=in', 'notin=in'],
    ['in in (in)', 'in in (in)'],
    ['z!=a,z', 'z!=a,z'],
    ['z,z!=a', 'z,z!=a'],
    ['x>007', 'x>007'],
  ])('%j prints as %j', (text, canonical) => {
    expect(parseSelector(text).toString()).toBe(canonical);
    // The canonical form is a fixed point.
    expect(parseSelector(canonical).toString()).toBe(canonical);
  });
});

describe('parsed requirements (upstream TestSetSelectorParser)', () => {
  const ok: Array<[string, Array<[string, string, string[]]>]> = [
    ['', []],
    ['\rx', [['x', 'exists', []]]],
    ['this-is-a-dns.domain.com/key-with-dash', [['this-is-a-dns.domain.com/key-with-dash', 'exists', []]]],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', [['this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what']]]],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', [['0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock']]]],
    ['foo  in\t (abc)', [['foo', 'in', ['abc']]]],
    ['x notin\n (abc)', [['x', 'notin', ['abc']]]],
    ['x  notin\t\t\t(abc,def)', [['x', 'notin', ['abc', 'def']]]],
    ['x in (abc,def)', [['x', 'in', ['abc', 'def']]]],
    ['x in (abc,)', [['x', 'in', ['', 'abc']]]],
    ['x in ()', [['x', 'in', ['']]]],
    ['x notin (abc,,def),bar,z in (),w', [['bar', 'exists', []], ['w', 'exists', []], ['x', 'notin', ['', 'abc', 'def']], ['z', 'in', ['']]]],
    ['x,y in (a)', [['x', 'exists', []], ['y', 'in', ['a']]]],
    ['x=a', [['x', '=', ['a']]]],
    ['x>1', [['x', 'gt', ['1']]]],
    ['x<7', [['x', 'lt', ['7']]]],
    ['x=a,y!=b', [['x', '=', ['a']], ['y', '!=', ['b']]]],
    ['x=a,y!=b,z in (h,i,j)', [['x', '=', ['a']], ['y', '!=', ['b']], ['z', 'in', ['h', 'i', 'j']]]],
    ['x notin ( )', [['x', 'notin', ['']]]],
    ['x notin (, a)', [['x', 'notin', ['', 'a']]]],
    ['a ', [['a', 'exists', []]]],
    ['a in (x,y,notin, z,in)', [['a', 'in', ['in', 'notin', 'x', 'y', 'z']]]],
    ['!a,b', [['a', '!', []], ['b', 'exists', []]]],
    ['x=,y', [['x', '=', ['']], ['y', 'exists', []]]],
  ];
  test.each(ok)('%j', (text, want) => {
    expect(parseToRequirements(text).map((r) => [r.key, r.operator, [...r.values]])).toEqual(want);
  });

  test.each(['x=a||y=b', 'x,,y', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '('])(
    '%j is rejected',
    (text) => expect(() => parseSelector(text)).toThrow(SelectorError),
  );
});

describe('error messages', () => {
  test.each([
    ['x,', "found '', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!x', "unable to parse requirement: found '!', expected: identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>99999999999999999999', `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x=a||y', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_MSG}`],
    ['app: nginx', `unable to parse requirement: <nil>: Invalid value: "app:": name part ${NAME_REGEX_TAIL}`],
    ['*bar', `unable to parse requirement: <nil>: Invalid value: "*bar": name part ${NAME_REGEX_TAIL}`],
    ['/x', 'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty'],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  ])('%j', (text, message) => {
    expect(parseError(text)).toBe(message);
  });

  test('a requirement error keeps its field errors as causes', () => {
    try {
      parseSelector('x<a');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SelectorError);
      expect((e as SelectorError).causes).toEqual([
        { type: 'FieldValueInvalid', field: 'values[0]', value: 'a', detail: "for 'Gt', 'Lt' operators, the value must be an integer" },
      ]);
    }
  });

  test('a path option replaces <nil>, as field.WithPath does', () => {
    expect(() => parseSelector('*bar', 'labelSelector')).toThrow(`labelSelector: Invalid value: "*bar"`);
  });
});

describe('lexer (upstream TestLexer, TestLexerSequence)', () => {
  test.each([
    ['', Tok.EndOfString], [',', Tok.Comma], ['notin', Tok.NotIn], ['in', Tok.In], ['=', Tok.Equals],
    ['==', Tok.DoubleEquals], ['>', Tok.GreaterThan], ['<', Tok.LessThan], ['!', Tok.DoesNotExist],
    ['!=', Tok.NotEquals], ['(', Tok.OpenPar], [')', Tok.ClosedPar], ['~', Tok.Identifier], ['||', Tok.Identifier],
  ] as const)('%j lexes as token %i', (text, tok) => {
    const [first] = scan(text);
    expect([first!.tok, first!.literal]).toEqual([tok, text]);
  });

  const { Identifier: I, In, NotIn, OpenPar: O, ClosedPar: C, Comma, DoesNotExist: Not, DoubleEquals, NotEquals, Equals, GreaterThan, LessThan } = Tok;
  test.each([
    ['key in ( value )', [I, In, O, I, C]],
    ['key notin ( value )', [I, NotIn, O, I, C]],
    ['key in ( value1, value2 )', [I, In, O, I, Comma, I, C]],
    ['key', [I]],
    ['!key', [Not, I]],
    ['()', [O, C]],
    ['x in (),y', [I, In, O, C, Comma, I]],
    ['== != (), = notin', [DoubleEquals, NotEquals, O, C, Comma, Equals, NotIn]],
    ['key>2', [I, GreaterThan, I]],
    ['key<1', [I, LessThan, I]],
    ['a<=b', [I, LessThan, Equals, I]],
    ['a===b', [I, DoubleEquals, Equals, I]],
  ] as const)('%j', (text, tokens) => {
    const items = scan(text);
    expect(items.at(-1)!.tok).toBe(Tok.EndOfString);
    expect(items.slice(0, -1).map((i) => i.tok)).toEqual(tokens);
  });

  test('a NUL char after whitespace ends the input, as upstream reads byte 0 as end', () => {
    expect(parseSelector('a \u0000garbage').toString()).toBe('a');
  });
});
