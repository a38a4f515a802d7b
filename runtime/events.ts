// The event recorder: core/v1 Events as components emit them, with the
// correlator's aggregation of repeats (same source, object, reason and
// message → count goes up). upstream: staging/src/k8s.io/client-go/tools/record/event.go, events_cache.go
import type { KubeObject } from '../model/api/types.js';
import type { ApiStore } from './store.js';

export type EventType = 'Normal' | 'Warning';

// upstream: kube-apiserver --event-ttl (default 1h): events expire from etcd.
export const EVENT_TTL_MS = 60 * 60_000;

export class EventRecorder {
  private recent = new Map<string, string>();
  private lastNanos = 0n;
  /** Events in creation order with their expiry, for the TTL sweep. */
  private expiries: Array<{ ns: string; name: string; key: string; atMs: number }> = [];
  private expiryHead = 0;
  private sweeping = false;
  enabled = true;
  constructor(private readonly store: ApiStore) {}

  /** Delete events whose last update is older than the TTL, as etcd's lease expiry does. */
  private sweep(): void {
    const now = this.store.clock.now();
    while (this.expiryHead < this.expiries.length && this.expiries[this.expiryHead]!.atMs <= now) {
      const e = this.expiries[this.expiryHead++]!;
      const ev = this.store.get('Event', e.ns, e.name);
      if (!ev) continue;
      const last = this.store.clock.parse((ev as any).lastTimestamp ?? ev.metadata.creationTimestamp);
      if (last + EVENT_TTL_MS > now) { this.expiries.push({ ...e, atMs: last + EVENT_TTL_MS }); continue; }
      if (this.recent.get(e.key) === e.name) this.recent.delete(e.key);
      this.store.delete('Event', e.ns, e.name);
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > this.expiries.length) { this.expiries = this.expiries.slice(this.expiryHead); this.expiryHead = 0; }
    if (this.expiryHead < this.expiries.length) this.store.clock.scheduleAt(this.expiries[this.expiryHead]!.atMs, () => this.sweep());
    else this.sweeping = false;
  }

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
        this.store.update({ ...ev, count: ((ev as any).count ?? 1) + 1, lastTimestamp: now } as KubeObject);
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
    this.expiries.push({ ns, name, key: aggKey, atMs: clock.now() + EVENT_TTL_MS });
    if (!this.sweeping) { this.sweeping = true; clock.schedule(EVENT_TTL_MS, () => this.sweep()); }
  }
}
