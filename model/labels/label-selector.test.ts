// metav1.LabelSelector conversion and validation, with upstream's texts and field paths.
import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../api/errors.js';
import type { Labels } from '../api/types.js';
import {
  SelectorError, everything, formatLabelSelector, matchesNothing, nothing, selectorFromLabelSelector,
  validateLabelSelector, validateLabels, type LabelSelector,
} from './index.js';

// The doubled spaces ("'MyName',  or") are upstream's RegexError, verbatim.
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('selectorFromLabelSelector: nil selects nothing, {} selects everything', () => {
  test.each<[string, LabelSelector | null | undefined, 'nothing' | 'everything']>([
    ['null', null, 'nothing'],
    ['undefined', undefined, 'nothing'],
    ['{}', {}, 'everything'],
    ['empty matchLabels', { matchLabels: {} }, 'everything'],
    ['empty matchExpressions', { matchExpressions: [] }, 'everything'],
  ])('%s', (_name, ps, want) => {
    const sel = selectorFromLabelSelector(ps);
    expect(sel).toBe(want === 'nothing' ? nothing() : everything());
    expect(sel.matches({ app: 'web' })).toBe(want === 'everything');
    expect(sel.matches(undefined)).toBe(want === 'everything');
    expect(matchesNothing(sel)).toBe(want === 'nothing');
  });
});

describe('selectorFromLabelSelector: conversion', () => {
  test.each<[LabelSelector, string]>([
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [{ matchLabels: { tier: 'fe', app: 'web' } }, 'app=web,tier=fe'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, 'env in (dev,prod)'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, 'env notin (prod)'],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, 'env'],
    [{ matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }] }, '!env'],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }, { key: 'a', operator: 'Exists' }] }, 'a,app=web,app notin (x)'],
  ])('%j → %j', (ps, want) => {
    expect(selectorFromLabelSelector(ps).toString()).toBe(want);
  });

  test('matching follows the requirements (AND of all)', () => {
    const sel = selectorFromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] });
    expect(sel.matches({ app: 'web' })).toBe(true);
    expect(sel.matches({ app: 'web', canary: 'true' })).toBe(false);
    expect(sel.matches({ app: 'db' })).toBe(false);
  });

  test.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn' }] }, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] }, '"Gt" is not a valid pod selector operator'],
    [{ matchExpressions: [{ key: 'env', operator: 'in', values: ['1'] }] }, '"in" is not a valid pod selector operator'],
    [{ matchExpressions: [{ key: 'bad key', operator: 'Exists' }] }, `key: Invalid value: "bad key": ${NAME_MSG}`],
    [{ matchLabels: { app: 'a b' } }, `values[0][app]: Invalid value: "a b": ${VALUE_MSG}`],
    [{ matchLabels: { 'a/b/c': 'x' } }, 'key: Invalid value: "a/b/c": a qualified name'],
  ])('%j throws %j', (ps, message) => {
    expect(() => selectorFromLabelSelector(ps)).toThrow(SelectorError);
    expect(() => selectorFromLabelSelector(ps)).toThrow(message);
  });

  test('formatLabelSelector prints <none> and <error> as kubectl describe does', () => {
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(null)).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] })).toBe('<error>');
  });
});

describe('validateLabelSelector', () => {
  test.each<[LabelSelector | null, string[]]>([
    [null, []],
    [{}, []],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, []],
    [{ matchExpressions: [{ key: 'env', operator: 'In' }] }, ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'env', operator: 'DoesNotExist', values: ['x'] }] },
      ["spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    [{ matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] }, ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator']],
    [{ matchExpressions: [{ key: '-env', operator: 'Exists' }] }, [`spec.selector.matchExpressions[0].key: Invalid value: "-env": ${NAME_MSG}`]],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['ok', 'not ok'] }] }, [`spec.selector.matchExpressions[0].values[1]: Invalid value: "not ok": ${VALUE_MSG}`]],
    [{ matchLabels: { 'app!': 'web' } }, [`spec.selector.matchLabels: Invalid value: "app!": ${NAME_MSG}`]],
    [{ matchLabels: { app: '-web' } }, [`spec.selector.matchLabels: Invalid value: "-web": ${VALUE_MSG}`]],
  ])('%j', (ps, want) => {
    expect(validateLabelSelector(ps, 'spec.selector').map(fieldErrorText)).toEqual(want);
  });

  test('allowInvalidLabelValueInSelector skips value checks only', () => {
    const ps = { matchExpressions: [{ key: 'env', operator: 'In', values: ['not ok'] }] };
    expect(validateLabelSelector(ps, 'spec.selector', { allowInvalidLabelValueInSelector: true })).toEqual([]);
    expect(validateLabelSelector(ps, 'spec.selector')).toHaveLength(1);
  });
});

describe('validateLabels', () => {
  test.each<[Labels, string[]]>([
    [{}, []],
    [{ app: 'web', 'example.com/tier': 'fe', empty: '' }, []],
    [{ 'Example.com/x': 'y' }, [
      "metadata.labels: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    [{ x: 'v'.repeat(64) }, [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`]],
    // Errors come out in key order, so a run reproduces them exactly.
    [{ 'b!': 'x', 'a!': 'x' }, [`metadata.labels: Invalid value: "a!": ${NAME_MSG}`, `metadata.labels: Invalid value: "b!": ${NAME_MSG}`]],
  ])('%j', (labels, want) => {
    expect(validateLabels(labels, 'metadata.labels').map(fieldErrorText)).toEqual(want);
  });

  test('a __proto__ key is an ordinary invalid key, and the map is not disturbed', () => {
    const labels = JSON.parse('{"__proto__": {"polluted": "yes"}, "app": "web"}') as Record<string, unknown>;
    labels['__proto__'] = 'x';
    const errs = validateLabels(labels as Labels, 'metadata.labels').map(fieldErrorText);
    expect(errs).toEqual([`metadata.labels: Invalid value: "__proto__": ${NAME_MSG}`]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(() => selectorFromLabelSelector({ matchLabels: labels as Record<string, string> })).toThrow('key: Invalid value: "__proto__"');
  });
});
