import { describe, expect, it } from 'vitest';
import { byteOrder, formatLabelSelector, formatLabels, kindQualifiedName, selectorString } from './format.js';

describe('formatLabels', () => {
  it('sorts keys and joins k=v; <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('selectors', () => {
  it('prints requirements sorted by key in labels.Selector syntax', () => {
    const selector = {
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'canary'] },
        { key: 'zone', operator: 'NotIn', values: ['z1'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    expect(selectorString(selector)).toBe('app=shop,env in (canary,prod),gpu,!legacy,tier=web,zone notin (z1)');
  });

  it('shows <none> for a selector that selects by nothing', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(selectorString({})).toBe('');
  });
});

describe('kindQualifiedName', () => {
  it('lower-cases kind.group as kubectl prefixes names', () => {
    expect(kindQualifiedName('Pod', 'v1', 'web-0')).toBe('pod/web-0');
    expect(kindQualifiedName('Deployment', 'apps/v1', 'web')).toBe('deployment.apps/web');
    expect(kindQualifiedName('StorageClass', 'storage.k8s.io/v1', 'standard')).toBe('storageclass.storage.k8s.io/standard');
  });
});

describe('byteOrder', () => {
  it('orders by code point like Go, not by UTF-16 unit', () => {
    // U+FEFF sorts before U+1F600 in UTF-8, though its UTF-16 unit is larger than a surrogate.
    expect(['😀', '\ufeff', 'a'].sort(byteOrder)).toEqual(['a', '\ufeff', '😀']);
  });
});
