import { describe, expect, test } from 'vitest';
import { crdAdmission, customResourceOf, type CustomResource } from '../../model/api/crd/index.js';
import { memcachedCrd } from '../../model/api/crd/fixtures.js';
import type { KubeObject } from '../../model/api/types.js';
import { customPrinter } from './custom.js';
import { nowMs } from './duration.js';
import { H, M, NOW, ago } from './fixtures.js';
import { tabulate } from './tabwriter.js';

function served(mutate: (c: any) => void = () => {}): CustomResource {
  const crd = memcachedCrd(mutate);
  crdAdmission.defaults(crd);
  return customResourceOf(crd);
}

const mc = (name: string, age: number, spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'cache.example.com/v1alpha1', kind: 'Memcached',
  metadata: { name, namespace: 'default', creationTimestamp: ago(age) }, spec, ...(status ? { status } : {}),
});

/** The table as `kubectl get` lays it out (priority-1 columns only with -o wide). */
function table(cr: CustomResource, objects: KubeObject[], wide = false, version?: string): string {
  const printer = customPrinter(cr, version);
  const ctx = { now: nowMs(NOW), wide };
  const keep = printer.columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || !c.priority);
  const rows = objects.map((o) => { const cells = printer.row(o, ctx); return keep.map(({ i }) => cells[i] ?? ''); });
  return tabulate([keep.map(({ c }) => c.name.toUpperCase()), ...rows]);
}
const golden = (lines: string[]) => `${lines.join('\n')}\n`;

describe('customPrinter', () => {
  test('the Memcached columns: NAME then the CRD columns, no AGE; missing values are empty', () => {
    const cr = served();
    expect(table(cr, [mc('mc-a', 5 * M, { size: 3 }, { readyReplicas: 3 }), mc('mc-b', H, { size: 10 })])).toBe(golden([
      'NAME   SIZE   READY',
      'mc-a   3      3',
      'mc-b   10     ',
    ]));
  });

  test('without printer columns: NAME and AGE from creationTimestamp', () => {
    const cr = served((c) => { delete c.spec.versions[0].additionalPrinterColumns; });
    expect(table(cr, [mc('mc-a', 5 * M + 30 * 1000, { size: 3 }), mc('mc-b', 3 * H, { size: 1 })])).toBe(golden([
      'NAME   AGE',
      'mc-a   5m30s',
      'mc-b   3h',
    ]));
  });

  test('priority 1 columns are -o wide only', () => {
    const cr = served((c) => {
      c.spec.versions[0].additionalPrinterColumns.push(
        { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' });
    });
    const objs = [mc('mc-a', 2 * H, { size: 3, image: 'memcached' }, { readyReplicas: 1 })];
    expect(table(cr, objs)).toBe(golden(['NAME   SIZE   READY   AGE', 'mc-a   3      1       120m']));
    expect(table(cr, objs, true)).toBe(golden(['NAME   SIZE   READY   IMAGE       AGE', 'mc-a   3      1       memcached   120m']));
  });

  test('cells by column type', () => {
    const cr = served((c) => {
      c.spec.versions[0].additionalPrinterColumns = [
        { name: 'Int', type: 'integer', jsonPath: '.spec.ratio' },
        { name: 'Num', type: 'number', jsonPath: '.spec.ratio' },
        { name: 'Bool', type: 'boolean', jsonPath: '.spec.paused' },
        { name: 'Servers', type: 'string', jsonPath: '.spec.servers' },
        { name: 'Null', type: 'string', jsonPath: '.spec.none' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Since', type: 'date', jsonPath: '.status.since' },
        { name: 'Bad', type: 'date', jsonPath: '.status.bad' },
        { name: 'Zero', type: 'date', jsonPath: '.status.zero' },
        { name: 'Wrong', type: 'integer', jsonPath: '.spec.paused' },
        { name: 'OOB', type: 'string', jsonPath: '.spec.servers[5].host' },
        { name: 'Note', type: 'string', jsonPath: '.spec.note' },
      ];
    });
    const o = mc('mc-a', M, {
      ratio: 2.75, paused: true, servers: [{ port: 1, host: 'a&b' }], none: null, note: 'first line\nsecond',
    }, { conditions: [{ type: 'Ready', status: 'True' }], since: ago(90 * M), bad: 'yesterday', zero: '' });
    expect(customPrinter(cr).row(o, { now: nowMs(NOW), wide: false })).toEqual([
      'mc-a', '2', '2.75', 'true', '[{"host":"a\\u0026b","port":1}]', '<no value>', 'True', '90m', '<invalid>', '<unknown>', '', '', 'first line...',
    ]);
  });

  test('the version asked for picks its columns', () => {
    const cr = served((c) => {
      c.spec.versions.push({ ...structuredClone(c.spec.versions[0]), name: 'v1beta1', storage: false, additionalPrinterColumns: [{ name: 'Mode', type: 'string', jsonPath: '.spec.mode' }] });
    });
    expect(customPrinter(cr, 'v1beta1').columns.map((c) => c.name)).toEqual(['Name', 'Mode']);
    expect(customPrinter(cr).columns.map((c) => c.name)).toEqual(['Name', 'Size', 'Ready']);
  });
});
