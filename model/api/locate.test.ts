import { describe, expect, it } from 'vitest';
import { formatPath, joinPath, parsePath, subLocator } from './locate.js';

describe('parsePath', () => {
  it.each([
    ['', []],
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['.status.conditions[0].type', ['status', 'conditions', 0, 'type']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['metadata.labels["a.b/c"]', ['metadata', 'labels', 'a.b/c']],
    ["metadata.labels['a\"b']", ['metadata', 'labels', 'a"b']],
    ['data["with \\"quote\\""]', ['data', 'with "quote"']],
    ['items[2][3]', ['items', 2, 3]],
    ['broken[unclosed', ['broken', 'unclosed']],
  ])('%j', (path, segs) => {
    expect(parsePath(path)).toEqual(segs);
  });
});

describe('joinPath and subLocator', () => {
  it.each([
    ['items[2]', 'spec.replicas', 'items[2].spec.replicas'],
    ['items[2]', '.spec', 'items[2].spec'],
    ['items[2]', '[0]', 'items[2][0]'],
    ['items[2]', '', 'items[2]'],
    ['', 'spec', 'spec'],
  ])('%j + %j', (prefix, path, joined) => {
    expect(joinPath(prefix, path)).toBe(joined);
  });

  it('prefixes every lookup', () => {
    const seen: string[] = [];
    const locate = subLocator((p) => (seen.push(p), { line: 1, col: 1 }), 'steps[3].apply');
    locate('metadata.name');
    locate('');
    expect(seen).toEqual(['steps[3].apply.metadata.name', 'steps[3].apply']);
  });
});

describe('formatPath', () => {
  it.each<[Array<string | number>, string]>([
    [[], ''],
    [['spec', 'tolerations', 0, 'tolerationSeconds'], 'spec.tolerations[0].tolerationSeconds'],
    [[0, 'a'], '[0].a'],
    [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels["app.kubernetes.io/name"]'],
    [['data', ''], 'data[""]'],
    [['data', 'with "quote"'], 'data["with \\"quote\\""]'],
    [['data', 'back\\slash'], 'data["back\\\\slash"]'],
    [['data', "it's"], 'data["it\'s"]'],
    [['data', 'x[0]'], 'data["x[0]"]'],
    [['data', '123'], 'data.123'],
  ])('%j', (segs, path) => {
    expect(formatPath(segs)).toBe(path);
    expect(parsePath(path).map(String)).toEqual(segs.map(String));
  });
});
