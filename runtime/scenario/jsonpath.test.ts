import { describe, expect, it } from 'vitest';
import { getPath } from './jsonpath.js';

describe('getPath', () => {
  const pod = { metadata: { labels: { 'statefulset.kubernetes.io/pod-name': 'web-0', app: 'web' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
  it('reads a label key with dots through kubectl\'s escaped dot', () => {
    expect(getPath(pod, '.metadata.labels.statefulset\\.kubernetes\\.io/pod-name')).toBe('web-0');
    expect(getPath(pod, "{.metadata.labels['statefulset.kubernetes.io/pod-name']}")).toBe('web-0');
  });
  it('an unescaped dot still splits', () => {
    expect(getPath(pod, '.metadata.labels.statefulset.kubernetes.io/pod-name')).toBeUndefined();
    expect(getPath(pod, '.metadata.labels.app')).toBe('web');
  });
  it('filters still work', () => {
    expect(getPath(pod, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
  });
});
