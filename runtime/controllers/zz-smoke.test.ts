import { it, expect } from 'vitest';
import { Cluster } from '../cluster.js';
import { defaultNodes } from '../nodes.js';
it('smoke', () => {
  const c = new Cluster({ nodes: defaultNodes(2) });
  c.store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
  c.run(30_000);
  const pods = c.store.list('Pod');
  console.log(pods.map((p) => `${p.metadata.name} ${p.status?.phase} ${p.spec?.nodeName}`));
  console.log(JSON.stringify(c.store.get('ReplicaSet', 'default', 'web')!.status));
  console.log(c.store.list('Event').map((e: any) => `${e.reason} ${e.message} ${e.source.component}`).join('\n'));
  c.store.patch('ReplicaSet', 'default', 'web', { spec: { replicas: 1 } });
  c.run(60_000);
  console.log(c.store.list('Pod').map((p) => `${p.metadata.name} ${p.status?.phase} ${p.metadata.deletionTimestamp}`));
  console.log(JSON.stringify(c.store.get('ReplicaSet', 'default', 'web')!.status));
  expect(pods.length).toBe(3);
});
