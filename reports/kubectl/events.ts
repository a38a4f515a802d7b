// Events as `kubectl get events` prints them: LAST SEEN, TYPE, REASON, OBJECT
// (`pod/web-0`), MESSAGE, with NAMESPACE first when they span namespaces.
// `kubectl get events` itself lists in the API server's name order, which
// scrambles a story; the timeline wants the order `kubectl events` uses, so
// rows are sorted by when each event was last seen. Ties keep the order given
// (the store's creation order), which keeps the output deterministic.
// upstream: pkg/printers/internalversion/printers.go printEvent (cells)
// upstream: staging/src/k8s.io/kubectl/pkg/cmd/events/events.go SortableEvents/eventTime (order)

import type { Event, KubeObject } from '../../model/api/types.js';
import { eventPrinter } from './cluster.js';
import { nowMs, parseTime } from './duration.js';
import { tabulate } from './tabwriter.js';
import { NO_RESOURCES } from './table.js';

const HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
/** Indices of the default (non-wide) columns in the event printer's row. */
const DEFAULT_CELLS = [0, 1, 2, 3, 6];

/** The time an event sorts by: its series' last observation, else lastTimestamp, else eventTime. */
export function eventSortTime(e: KubeObject): number {
  const ev = e as unknown as Event;
  if (ev.series) return parseTime(ev.series.lastObservedTime, true) ?? 0;
  return parseTime(ev.lastTimestamp) ?? parseTime(ev.eventTime, true) ?? 0;
}

function cells(e: KubeObject, now: number): string[] {
  const row = eventPrinter.row(e, { now, wide: false });
  return DEFAULT_CELLS.map((i) => row[i] ?? '');
}

/** Events as a `kubectl get events` table at the virtual time `now`, oldest first. */
export function printEvents(events: readonly KubeObject[], now: string): string {
  if (events.length === 0) return NO_RESOURCES;
  const t = nowMs(now);
  const sorted = events
    .map((e, i) => ({ e, i, at: eventSortTime(e) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ e }) => e);
  const withNamespace = new Set(sorted.map((e) => e.metadata.namespace ?? '')).size > 1;
  const header = withNamespace ? ['NAMESPACE', ...HEADER] : HEADER;
  const rows = sorted.map((e) => (withNamespace ? [e.metadata.namespace ?? '', ...cells(e, t)] : cells(e, t)));
  return tabulate([header, ...rows]);
}

/**
 * One event as a single table row without header, for a timeline line:
 * `0s     Normal   Scheduled   pod/web-0   Successfully assigned ...`.
 * No trailing newline.
 */
export function printEventLine(event: KubeObject, now: string): string {
  return tabulate([cells(event, nowMs(now))]).slice(0, -1);
}
