// The event recorder: core/v1 Events as components emit them, with the
// correlator's aggregation of repeats (same source, object, reason and
// message → count goes up). upstream: staging/src/k8s.io/client-go/tools/record/event.go, events_cache.go
import type { KubeObject } from '../model/api/types.js';
import type { ApiStore } from './store.js';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private recent = new Map<string, string>();
  private lastNanos = 0n;
  enabled = true;
  constructor(private readonly store: ApiStore) {}

  record(obj: KubeObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    if (!this.enabled) return;
    const clock = this.store.clock;
    const ns = obj.metadata.namespace || 'default';
    const involvedObject = {
      kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid,
      apiVersion: obj.apiVersion, resourceVersion: obj.metadata.resourceVersion,
    };
    const aggKey = `${component}|${involvedObject.kind}|${ns}|${involvedObject.name}|${involvedObject.uid}|${reason}|${message}`;
    const existingName = this.recent.get(aggKey);
    const now = clock.iso();
    if (existingName) {
      const ev = this.store.get('Event', ns, existingName);
      if (ev) {
        this.store.update({ ...structuredClone(ev), count: ((ev as any).count ?? 1) + 1, lastTimestamp: now } as KubeObject);
        return;
      }
    }
    // upstream names an event `<object>.<unix nanoseconds in hex>`; virtual nanoseconds keep it deterministic.
    let nanos = BigInt(Date.parse(clock.iso(0)) + clock.now()) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    const ev: KubeObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject,
      reason, message, type,
      source: host ? { component, host } : { component },
      firstTimestamp: now, lastTimestamp: now, count: 1,
      reportingComponent: component, reportingInstance: host ?? '',
    };
    this.store.create(ev);
    this.recent.set(aggKey, name);
  }
}
