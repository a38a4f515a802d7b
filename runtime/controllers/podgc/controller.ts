// PodGC: force-deletes pods bound to nodes that no longer exist (after a
// quarantine), terminating pods that were never scheduled, terminating pods
// on a not-ready node with the out-of-service taint (non-graceful node
// shutdown), and the oldest terminated pods above the threshold.
// upstream: pkg/controller/podgc/gc_controller.go (gcOrphaned, gcUnscheduledTerminating, gcTerminating, gcTerminated)
import type { KubeObject } from '../../../model/api/types.js';
import type { Component, RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import type { TaskHandle } from '../../clock.js';
import { nodeHealthy, outOfService } from '../../../model/controllers/attachdetach/desired.js';

const COMPONENT = 'pod-garbage-collector';

export class PodGC implements Component {
  readonly name = 'pod-garbage-collector';
  private pods: Informer;
  private nodes: Informer;
  private timer?: TaskHandle;
  /** Node names first seen missing, and when (the quarantine). */
  private missingSince = new Map<string, number>();

  constructor(private readonly ctx: RuntimeContext) {
    const c = `kube-controller-manager/${this.name}`;
    this.pods = new Informer(ctx.store, 'Pod', c, {});
    this.nodes = new Informer(ctx.store, 'Node', c, {});
  }

  start(): void {
    this.missingSince.clear();
    this.pods.start(); this.nodes.start();
    this.tick();
  }
  stop(): void { this.pods.stop(); this.nodes.stop(); this.ctx.clock.cancel(this.timer); }
  setWatchDelay(ms: number): void { this.pods.setDelay(ms); this.nodes.setDelay(ms); }

  private tick(): void {
    this.timer = this.ctx.clock.schedule(this.ctx.config.podGCPeriodMs, () => { this.gc(); this.tick(); });
  }

  private gc(): void {
    const now = this.ctx.clock.now();
    const pods = this.pods.list();
    const terminated = pods.filter((p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
    const excess = terminated.length - this.ctx.config.terminatedPodGCThreshold;
    if (excess > 0) {
      terminated.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
      for (const p of terminated.slice(0, excess)) this.forceDelete(p, false);
    }
    for (const p of pods) {
      const node = p.spec?.nodeName;
      if (!node) {
        if (p.metadata.deletionTimestamp) this.forceDelete(p, false);
        continue;
      }
      const n = this.nodes.get(undefined, node);
      if (n) {
        this.missingSince.delete(node);
        // gcTerminating: the node is down and an admin has said so; its pods will never confirm.
        if (p.metadata.deletionTimestamp && !nodeHealthy(n) && outOfService(n)) this.forceDelete(p, false, true);
        continue;
      }
      const since = this.missingSince.get(node);
      if (since === undefined) { this.missingSince.set(node, now); continue; }
      // The quarantine guards against a node that is only missing from a stale cache.
      if (now - since >= this.ctx.config.podGCQuarantineMs && !this.ctx.store.get('Node', undefined, node)) this.forceDelete(p, true);
    }
  }

  private forceDelete(cached: KubeObject, orphaned: boolean, markFailed = false): void {
    const { store, clock } = this.ctx;
    const pod = store.getByUid(cached.metadata.uid!);
    if (!pod) return;
    if (markFailed && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
      store.update({ ...pod, status: { ...pod.status, phase: 'Failed' } } as KubeObject, { subresource: 'status' });
    }
    if (orphaned && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
      const conditions = [...(pod.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', lastTransitionTime: clock.iso(), reason: 'DeletionByPodGC', message: `${COMPONENT}: node no longer exists` }];
      store.update({ ...pod, status: { ...pod.status, phase: 'Failed', conditions } } as KubeObject, { subresource: 'status' });
    }
    store.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
  }
}
