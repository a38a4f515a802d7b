// `run --watch`: every change of the store, in order, as `kubectl get --watch
// --output-watch-events` prints it: one JSON object per line (`-o json`), a
// YAML document per change (`-o yaml`), or a line of text: the virtual time,
// the event type, kind/name and the cells `kubectl get` shows for the object.
import type { KubeObject } from '../model/api/types.js';
import type { KindRegistry } from '../model/api/kinds.js';
import type { WatchEventType } from '../runtime/watch.js';
import { toYaml } from './kubectl/index.js';
import { printerFor } from './kubectl/table.js';
import { clockText } from './scenario.js';

export type WatchFormat = 'json' | 'yaml' | 'text';

/** One change as the format prints it (newline included). `nowIso` is the virtual time of the change. */
export function watchLine(format: WatchFormat, type: WatchEventType, object: KubeObject, timeMs: number, nowIso: string, kinds?: KindRegistry): string {
  if (format === 'json') return JSON.stringify({ type, object }) + '\n';
  if (format === 'yaml') return `---\n${toYaml({ type, object })}`;
  const printer = printerFor(object.kind, kinds, object.apiVersion.split('/')[1]);
  const cells = printer.row(object, { now: Date.parse(nowIso), wide: false });
  const rest = printer.columns.map((c, i) => (c.isName || c.priority ? undefined : cells[i])).filter((c): c is string => c !== undefined && c !== '');
  const ns = object.metadata.namespace && object.metadata.namespace !== 'default' ? `${object.metadata.namespace}/` : '';
  return `${clockText(timeMs)}  ${type.padEnd(8)}  ${ns}${object.kind.toLowerCase()}/${object.metadata.name}  ${rest.join('  ')}`.trimEnd() + '\n';
}
