// upstream: pkg/controller/deployment/util/deployment_util.go (EqualIgnoreHash), apimachinery/pkg/api/equality (Semantic.DeepEqual)
// Expected verdicts worked out by hand from those rules.
import { describe, it, expect } from 'vitest';
import { sameTemplateIgnoringHash, semanticallyEqual } from './template.js';

const tpl = (labels: Record<string, string> | undefined, image = 'web:1', extra: Record<string, unknown> = {}) => ({
  metadata: labels === undefined ? {} : { labels },
  spec: { containers: [{ name: 'web', image }], ...extra },
});

describe('semanticallyEqual', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['identical', { a: 1 }, { a: 1 }, true],
    ['key order', { a: 1, b: { c: 'x', d: 'y' } }, { b: { d: 'y', c: 'x' }, a: 1 }, true],
    ['absent vs empty map', { a: 1 }, { a: 1, labels: {} }, true],
    ['absent vs empty list', { a: 1 }, { a: 1, tolerations: [] }, true],
    ['absent vs null', { a: 1 }, { a: 1, b: null }, true],
    ['a map of empties is empty', { a: 1 }, { a: 1, metadata: { labels: {}, annotations: null } }, true],
    ['undefined vs empty map at the top', undefined, {}, true],
    ['absent vs empty string differ', { a: 1 }, { a: 1, b: '' }, false],
    ['absent vs 0 differ', { a: 1 }, { a: 1, b: 0 }, false],
    ['absent vs false differ', { a: 1 }, { a: 1, b: false }, false],
    ['1 vs "1" differ', { a: 1 }, { a: '1' }, false],
    ['list order matters', { l: [1, 2] }, { l: [2, 1] }, false],
    ['list length matters', { l: [1] }, { l: [1, 1] }, false],
    ['elements compared semantically', { l: [{ a: 1, b: [] }] }, { l: [{ a: 1 }] }, true],
    ['an empty element is still an element', { l: [{}] }, {}, false],
    ['empty elements equal each other', { l: [null] }, { l: [{}] }, true],
    ['different image', tpl(undefined, 'web:1'), tpl(undefined, 'web:2'), false],
  ])('%s', (_what, a, b, want) => {
    expect(semanticallyEqual(a, b)).toBe(want);
    expect(semanticallyEqual(b, a)).toBe(want);
  });
});

describe('sameTemplateIgnoringHash', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['same but for the hash', tpl({ app: 'web', 'pod-template-hash': 'abc' }), tpl({ app: 'web' }), true],
    ['two different hashes', tpl({ app: 'web', 'pod-template-hash': 'abc' }), tpl({ app: 'web', 'pod-template-hash': 'def' }), true],
    ['only the hash label vs no labels', tpl({ 'pod-template-hash': 'abc' }), tpl(undefined), true],
    ['another label differs', tpl({ app: 'web', tier: 'a', 'pod-template-hash': 'abc' }), tpl({ app: 'web' }), false],
    ['the image differs', tpl({ app: 'web', 'pod-template-hash': 'x' }, 'web:2'), tpl({ app: 'web' }, 'web:1'), false],
    ['a restart annotation differs', { ...tpl({ app: 'web' }), metadata: { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': 't1' } } },
      tpl({ app: 'web' }), false],
    ['an empty annotations map is no annotations', { ...tpl({ app: 'web' }), metadata: { labels: { app: 'web' }, annotations: {} } }, tpl({ app: 'web' }), true],
    ['both absent', undefined, undefined, true],
  ])('%s', (_what, a, b, want) => {
    expect(sameTemplateIgnoringHash(a, b)).toBe(want);
  });

  it('leaves its arguments alone', () => {
    const a = tpl({ app: 'web', 'pod-template-hash': 'abc' });
    sameTemplateIgnoringHash(a, tpl({ app: 'web' }));
    expect(a.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': 'abc' });
  });
});
