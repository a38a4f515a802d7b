// Matching semantics, requirement validation and printing. Cases marked
// upstream come from k8s.io/apimachinery/pkg/labels/selector_test.go.
import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../api/errors.js';
import type { Labels } from '../api/types.js';
import {
  SelectorError, everything, matchesNothing, newRequirement, nothing, parseSelector, requirementErrors,
  selectorFromRequirements, selectorFromSet, validatedSelectorFromSet,
} from './index.js';

describe('matches (upstream TestSelectorMatches)', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  test.each<[string, Labels | undefined, boolean]>([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar', labelset, true],
    ['baz=blah', labelset, true],
    ['foo=bar,baz=blah', labelset, true],
    ['foo=blah', labelset, false],
    ['baz=bar', labelset, false],
    ['foo=bar,foobar=bar,baz=blah', labelset, false],
    // upstream TestRequirementSelectorMatching
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
    ['x in ()', { x: '' }, true],
    ['z>1', { z: '2' }, true],
    ['z>1', { z: 'v2' }, false],
  ])('%j on %j is %s', (text, labels, want) => {
    expect(parseSelector(text).matches(labels)).toBe(want);
  });
});

describe('!= and notin select objects without the key; = and in need it', () => {
  test.each<[string, boolean]>([
    ['env!=prod', true], ['env notin (prod,staging)', true], ['!env', true],
    ['env=prod', false], ['env in (prod)', false], ['env', false], ['env>1', false], ['env<1', false],
  ])('%j on unlabeled objects is %s', (text, want) => {
    const sel = parseSelector(text);
    expect(sel.matches(undefined)).toBe(want);
    expect(sel.matches({})).toBe(want);
    expect(sel.matches({ app: 'web' })).toBe(want);
  });
});

describe('everything and nothing', () => {
  test('everything matches all, is empty, prints ""', () => {
    expect(everything().matches({ x: 'y' })).toBe(true);
    expect(everything().matches(undefined)).toBe(true);
    expect(everything().empty()).toBe(true);
    expect(everything().toString()).toBe('');
    expect(parseSelector('').empty()).toBe(true);
  });
  test('nothing matches none and is not empty, so callers cannot mistake it for everything', () => {
    expect(nothing().matches({ x: 'y' })).toBe(false);
    expect(nothing().matches(undefined)).toBe(false);
    expect(nothing().empty()).toBe(false);
    expect(nothing().toString()).toBe('');
    expect(nothing().requirements).toEqual([]);
    expect(matchesNothing(nothing())).toBe(true);
    expect(matchesNothing(everything())).toBe(false);
    expect(nothing().add(newRequirement('a', 'exists'))).toBe(nothing());
  });
});

describe('gt and lt compare as int64', () => {
  test.each<[string, string, boolean]>([
    ['x>1', '2', true], ['x>1', '1', false], ['x<1', '-5', true], ['x>1', '+2', true],
    ['x>1', '007', true], ['x>1', '1.5', false], ['x>1', ' 2', false], ['x>1', '', false], ['x>1', '0x10', false],
    ['x>9007199254740992', '9007199254740993', true],
    ['x<9223372036854775807', '9223372036854775806', true],
    ['x>9223372036854775806', '9223372036854775807', true],
    ['x>1', '9223372036854775808', false],
    ['x<1', '-9223372036854775808', true],
    ['x<1', '-9223372036854775809', false],
  ])('%j on x=%j is %s', (text, value, want) => {
    expect(parseSelector(text).matches({ x: value })).toBe(want);
  });
});

describe('newRequirement validation (upstream TestRequirementConstructor)', () => {
  test.each<[string, string, string[], string[]]>([
    ['x1', 'in', [], ["values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"]],
    ['x2', 'notin', [], ["values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"]],
    ['x3', 'in', ['foo'], []],
    ['x5', '=', ['bar', 'foo'], ['values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value']],
    ['x6', 'exists', [], []],
    ['x8', 'exists', ['foo'], ['values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist']],
    ['x11', 'gt', ['1'], []],
    ['x13', 'gt', [], ["values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"]],
    ['x14', 'gt', ['bar'], ["values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"]],
    ['x16', '=', ['a'.repeat(254)], [`values[0][x16]: Invalid value: "${'a'.repeat(254)}": must be no more than 63 characters`]],
    ['x18', 'unsupportedOp', [], ['operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"']],
    ['a'.repeat(254), 'exists', [], [`key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 characters`]],
    ['1234', 'in', ['bar'], []],
  ])('%s %s %j', (key, op, values, want) => {
    expect(requirementErrors(key, op, values).map(fieldErrorText)).toEqual(want);
  });

  test('newRequirement throws the aggregate text, bracketed when there are several', () => {
    expect(() => newRequirement('x', 'gt', ['a', 'b'])).toThrow(
      `[values: Invalid value: []string{"a", "b"}: for 'Gt', 'Lt' operators, exactly one value is required, ` +
      `values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer, ` +
      `values[1]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer]`,
    );
    expect(() => newRequirement('x', 'in', [])).toThrow(SelectorError);
  });

  test('a requirement is frozen and owns its values', () => {
    const values = ['b', 'a'];
    const r = newRequirement('x', 'in', values);
    values.push('c');
    expect(r.values).toEqual(['b', 'a']);
    expect(Object.isFrozen(r) && Object.isFrozen(r.values)).toBe(true);
  });
});

describe('toString (upstream TestToString)', () => {
  const req = (k: string, op: string, vs: string[] = []) => newRequirement(k, op, vs);
  test.each([
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
    [[req('b', 'in', ['z', 'a']), req('a', 'exists')], 'a,b in (a,z)'],
  ])('%#', (reqs, want) => {
    const sel = selectorFromRequirements(reqs);
    expect(sel.toString()).toBe(want);
    expect(parseSelector(want).toString()).toBe(want);
  });
});

describe('selectorFromSet (RC and Service selectors)', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  test.each<[Labels | undefined, boolean]>([
    [{}, true], [undefined, true], [{ foo: 'bar' }, true], [{ baz: 'blah' }, true], [{ foo: 'bar', baz: 'blah' }, true],
    [{ foo: 'blah' }, false], [{ foo: 'bar', foobar: 'bar' }, false],
  ])('%j matches {foo:bar,baz:blah}: %s', (set, want) => {
    expect(selectorFromSet(set).matches(labelset)).toBe(want);
  });

  test('prints sorted equalities and treats an empty map as everything', () => {
    expect(selectorFromSet({ tier: 'fe', app: 'web' }).toString()).toBe('app=web,tier=fe');
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(selectorFromSet(undefined)).toBe(everything());
  });

  test('validatedSelectorFromSet rejects what the API server would', () => {
    expect(() => validatedSelectorFromSet({ 'bad key': 'x' })).toThrow(SelectorError);
    expect(() => validatedSelectorFromSet({ app: 'a b' })).toThrow('values[0][app]: Invalid value: "a b"');
    expect(validatedSelectorFromSet({ app: 'web' }).toString()).toBe('app=web');
  });
});

describe('requiresExactMatch and add', () => {
  test.each<[string, string, string | undefined]>([
    ['app=web', 'app', 'web'], ['app==web', 'app', 'web'], ['app in (web)', 'app', 'web'],
    ['app in (a,b)', 'app', undefined], ['app!=web', 'app', undefined], ['tier=fe', 'app', undefined],
  ])('%j pins %s to %j', (text, key, want) => {
    expect(parseSelector(text).requiresExactMatch(key)).toBe(want);
  });

  test('add returns a new sorted selector and leaves the receiver alone', () => {
    const base = parseSelector('tier=fe');
    const more = base.add(newRequirement('app', '=', ['web']));
    expect(more.toString()).toBe('app=web,tier=fe');
    expect(base.toString()).toBe('tier=fe');
  });
});

describe('prototype keys', () => {
  // `constructor`, `toString` and `hasOwnProperty` are valid label keys that a
  // plain `labels[key]` lookup would find on Object.prototype.
  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%s is looked up as an own key only', (key) => {
    expect(parseSelector(key).matches({})).toBe(false);
    expect(parseSelector(`!${key}`).matches({})).toBe(true);
    expect(parseSelector(`${key}!=x`).matches({})).toBe(true);
    expect(parseSelector(key).matches({ [key]: 'x' })).toBe(true);
    expect(parseSelector(`${key}=x`).matches({ [key]: 'x' })).toBe(true);
  });

  test('a __proto__ label (as JSON.parse makes it) neither breaks matching nor parses as a key', () => {
    const labels = JSON.parse('{"__proto__": "x", "app": "web"}') as Labels;
    expect(Object.keys(labels)).toEqual(['__proto__', 'app']);
    expect(parseSelector('app=web,!canary').matches(labels)).toBe(true);
    expect(() => parseSelector('__proto__')).toThrow(SelectorError);
    expect(() => parseSelector('__proto__=x')).toThrow(SelectorError);
    // Unvalidated set selectors may carry it; matching still reads own properties only.
    const sel = selectorFromSet(labels);
    expect(sel.matches(labels)).toBe(true);
    expect(sel.matches({ app: 'web' })).toBe(false);
    expect(selectorFromSet({ app: 'web' }).matches(labels)).toBe(true);
  });

  test('null-prototype label maps work', () => {
    const labels = Object.assign(Object.create(null) as Record<string, string>, { app: 'web' });
    expect(parseSelector('app=web,!constructor').matches(labels)).toBe(true);
  });
});

describe('selectors own their requirements', () => {
  test('a hand-built requirement is copied, so mutating it later changes nothing', () => {
    const r = { key: 'app', operator: 'in' as const, values: ['web'] };
    const sel = selectorFromRequirements([r]);
    r.values.push('db');
    expect(sel.matches({ app: 'db' })).toBe(false);
    expect(sel.toString()).toBe('app in (web)');
    expect(Object.isFrozen(sel.requirements[0])).toBe(true);
  });
});
