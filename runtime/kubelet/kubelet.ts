// The kubelet of one simulated node: registers the Node, renews its Lease,
// watches its own pods (spec.nodeName field selector) and runs each through
// the pod machine, reporting status. When the machine crashes it stops
// entirely; when partitioned it keeps running pods but can neither read nor
// write the API, and resyncs on heal.
import type { KubeObject } from '../../model/api/types.js';
import { podMachine, restartsAfter, type PodMachineEvent, type RestartPolicy } from '../../model/machines/pod.js';
import { start, send } from '../../model/machines/drive.js';
import type { Component, RuntimeContext } from '../context.js';
import { Informer } from '../informer.js';
import type { TaskHandle } from '../clock.js';
import { buildPodStatus, podIn, type ContainerState, type PodRuntime } from './podstate.js';
import { admitPod } from './admit.js';
import { NodeAgent } from './nodeagent.js';
import { ATTACH_AND_MOUNT_RETRY_MS, ATTACH_AND_MOUNT_TIMEOUT_MS, checkMounts, claimVolumes, failedMountMessage } from './volumes.js';
import { isAttachable, uniqueVolumeName } from '../../model/controllers/attachdetach/volumes.js';

export class Kubelet implements Component {
  readonly name: string;
  private pods = new Map<string, PodRuntime>();
  private informer: Informer;
  private connected = true;
  private running = false;
  readonly agent: NodeAgent;
  private ipSeq = 1;

  constructor(private readonly ctx: RuntimeContext, readonly nodeName: string, readonly nodeIndex: number, nodeObject: KubeObject) {
    this.name = `kubelet/${nodeName}`;
    this.agent = new NodeAgent(ctx, nodeName, nodeIndex, nodeObject);
    this.informer = new Informer(ctx.store, 'Pod', this.name, {
      add: (p) => this.onPod(p), update: (p) => this.onPod(p), delete: (p) => this.onPodGone(p),
    }, nodeName);
  }

  get hostIP(): string { return this.agent.hostIP; }

  start(): void {
    this.running = true;
    this.connected = true;
    this.agent.start();
    this.informer.start();
  }

  /** The machine crashed: containers and kubelet are gone; the API keeps the last reported state. */
  stop(): void {
    this.running = false;
    this.agent.stop();
    this.informer.stop();
    for (const pr of this.pods.values()) this.clearTimers(pr);
    this.pods.clear();
  }

  /** After a crash the node boots: containers that were running are gone, so pods start again. */
  recover(): void { this.start(); }

  partition(): void {
    this.connected = false;
    this.agent.setConnected(false);
    this.informer.stop();
  }

  heal(): void {
    this.connected = true;
    this.agent.setConnected(true);
    // Relist: pods deleted from the API while we were cut off are killed here.
    const live = new Set(this.ctx.store.list('Pod', { fieldSelector: [{ field: 'spec.nodeName', op: '=', value: this.nodeName }] }).map((p) => p.metadata.uid!));
    for (const [uid, pr] of this.pods) if (!live.has(uid)) { this.clearTimers(pr); this.pods.delete(uid); }
    for (const pr of this.pods.values()) pr.lastWritten = undefined;
    this.informer.start();
    for (const pr of this.pods.values()) this.writeStatus(pr);
  }

  setWatchDelay(ms: number): void { this.informer.setDelay(ms); }

  get isRunning(): boolean { return this.running; }

  /**
   * The pods whose containers run on this machine now — the node's truth,
   * whatever the API says (a partitioned node keeps running pods the API has
   * deleted). What the at-most-one-per-identity invariant judges.
   */
  *runningPods(): Iterable<{ namespace: string; name: string; uid: string; pod: KubeObject }> {
    if (!this.running) return;
    for (const pr of this.pods.values()) {
      if (podIn(pr, 'running') || podIn(pr, 'terminating')) yield { namespace: pr.namespace, name: pr.name, uid: pr.uid, pod: pr.pod };
    }
  }

  /** The `pod-fail` step: a container exits with this code. */
  failContainer(podName: string, namespace: string, container: string | undefined, exitCode: number): boolean {
    const pr = this.find(podName, namespace);
    if (!pr || !podIn(pr, 'running')) return false;
    this.containerExit(pr, container ?? pr.containers[0]!.name, exitCode, 'Error');
    return true;
  }

  /** The `pod-unready` / `pod-ready` steps: the readiness probe starts failing or passing. */
  setReadiness(podName: string, namespace: string, container: string | undefined, ready: boolean): boolean {
    const pr = this.find(podName, namespace);
    if (!pr) return false;
    for (const c of pr.containers) if (!container || c.name === container) c.forcedUnready = !ready;
    this.refreshReadiness(pr);
    return true;
  }

  private find(name: string, ns: string): PodRuntime | undefined {
    for (const pr of this.pods.values()) if (pr.name === name && pr.namespace === ns) return pr;
    return undefined;
  }

  private onPod(pod: KubeObject): void {
    if (!this.running) return;
    let pr = this.pods.get(pod.metadata.uid!);
    if (!pr) {
      if (pod.metadata.deletionTimestamp && !this.everStarted(pod)) {
        // Nothing runs for it here: confirm the deletion. A stale event for a pod already gone is a no-op.
        if (this.ctx.store.getByUid(pod.metadata.uid!)) {
          this.ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
        }
        return;
      }
      pr = this.newRuntime(pod);
      this.pods.set(pr.uid, pr);
      this.dispatch(pr, { type: 'BIND' });
      const rejection = admitPod(pod, this.agent.allocatable(), [...this.pods.values()].filter((p) => p !== pr).map((p) => p.pod));
      if (this.isTerminalInApi(pod)) this.adoptTerminal(pr, pod);
      else if (rejection) { pr.rejected = rejection; this.dispatch(pr, { type: 'REJECT' }); }
      else this.dispatch(pr, { type: 'ADMIT' });
    } else if (this.isTerminalInApi(pod) && !podIn(pr, 'succeeded') && !podIn(pr, 'failed')) {
      // Someone wrote a terminal phase (the status subresource): pods may not leave a terminal phase, so the
      // API's wins and the containers stop. upstream: kubelet_pods.go generateAPIPodStatus ("illegal phase transition").
      this.clearTimers(pr);
      pr = this.newRuntime(pod);
      this.pods.set(pr.uid, pr);
      this.dispatch(pr, { type: 'BIND' });
      this.adoptTerminal(pr, pod);
    } else {
      pr.pod = pod;
    }
    if (pod.metadata.deletionTimestamp) this.dispatch(pr, { type: 'DELETE' });
    else this.armDeadline(pr);
    this.writeStatus(pr);
  }

  /** activeDeadlineSeconds counts from the pod's startTime; an update may lower it. */
  private armDeadline(pr: PodRuntime): void {
    const ads = pr.pod.spec?.activeDeadlineSeconds;
    if (ads === undefined || podIn(pr, 'succeeded') || podIn(pr, 'failed') || podIn(pr, 'terminating') || pr.rejected) return;
    const start = pr.startTime ? this.ctx.clock.parse(pr.startTime) : this.ctx.clock.now();
    const at = start + ads * 1000;
    if (pr.deadlineAtMs === at) return;
    this.ctx.clock.cancel(pr.deadlineTimer);
    pr.deadlineAtMs = at;
    pr.deadlineTimer = this.ctx.clock.scheduleAt(at, () => {
      if (!this.running || !this.pods.has(pr.uid)) return;
      // upstream: pkg/kubelet/active_deadline.go (reason and message)
      pr.failReason = { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
      this.ctx.recorder.record(pr.pod, 'Warning', 'DeadlineExceeded', pr.failReason.message, 'kubelet', this.nodeName);
      this.dispatch(pr, { type: 'DEADLINE' });
      this.writeStatus(pr);
    });
  }

  private everStarted(pod: KubeObject): boolean {
    return (pod.status?.containerStatuses ?? []).some((c: any) => c.state?.running || c.lastState?.terminated);
  }

  private isTerminalInApi(pod: KubeObject): boolean {
    return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  }

  /** A pod already Succeeded/Failed in the API (seen again after a restart) stays terminal. */
  private adoptTerminal(pr: PodRuntime, pod: KubeObject): void {
    pr.lastWritten = undefined;
    if (pod.status.phase === 'Failed' && pod.status.reason) pr.rejected = { reason: pod.status.reason, message: pod.status.message ?? '' };
    for (const c of pr.containers) {
      const s = (pod.status.containerStatuses ?? []).find((x: any) => x.name === c.name);
      c.terminated = s?.state?.terminated ?? { exitCode: pod.status.phase === 'Succeeded' ? 0 : 1, reason: 'Completed', finishedAt: this.ctx.clock.iso() };
      c.restartCount = s?.restartCount ?? 0;
    }
    // A terminal pod never restarts, whatever its restartPolicy: replay it to its end as one that does not.
    pr.step = start(podMachine, { restartPolicy: 'Never' });
    this.dispatch(pr, { type: 'BIND' }, true);
    this.dispatch(pr, { type: 'ADMIT' });
    this.dispatch(pr, { type: 'PULLED' });
    this.dispatch(pr, { type: 'STARTED' }, true);
    this.dispatch(pr, { type: 'EXIT', exitCode: pod.status.phase === 'Succeeded' ? 0 : 1 }, true);
  }

  private onPodGone(pod: KubeObject): void {
    const pr = this.pods.get(pod.metadata.uid!);
    if (!pr) return;
    this.clearTimers(pr);
    this.pods.delete(pr.uid);
    if (pr.volumes) this.reportVolumesInUse();
  }

  /** Mount the pod's claims once they can be; retried every 300 ms, FailedMount past 2m3s of waiting (and every 2m3s after). */
  private mount(pr: PodRuntime): void {
    if (!podIn(pr, 'mounting')) return;
    const now = this.ctx.clock.now();
    pr.mountSinceMs ??= now;
    const c = this.connected ? checkMounts(this.ctx.store, pr.pod, this.nodeName) : undefined;
    if (c?.ready) {
      pr.volumes = c.volumes;
      this.reportVolumesInUse();
      this.dispatch(pr, { type: 'MOUNTED' });
      this.writeStatus(pr);
      return;
    }
    if (c && now - (pr.failedMountAtMs ?? pr.mountSinceMs) >= ATTACH_AND_MOUNT_TIMEOUT_MS) {
      pr.failedMountAtMs = now;
      this.ctx.recorder.record(pr.pod, 'Warning', 'FailedMount', failedMountMessage(c), 'kubelet', this.nodeName);
    }
    this.later(pr, ATTACH_AND_MOUNT_RETRY_MS, () => this.mount(pr), false);
  }

  /** node.status.volumesInUse: the attachable volumes mounted for this node's pods (the attach/detach controller waits for them to go). */
  private reportVolumesInUse(): void {
    const names = new Set<string>();
    for (const p of this.pods.values()) for (const pv of p.volumes ?? []) if (isAttachable(pv)) names.add(uniqueVolumeName(pv));
    this.agent.setVolumesInUse([...names].sort());
  }

  private newRuntime(pod: KubeObject): PodRuntime {
    const previous = new Map<string, any>((pod.status?.containerStatuses ?? []).map((c: any) => [c.name, c]));
    const wasRunning = this.everStarted(pod);
    const containers: ContainerState[] = (pod.spec.containers ?? []).map((c: any) => {
      const prev = previous.get(c.name);
      return {
        name: c.name, image: c.image, behaviour: this.ctx.images.get(c.image) ?? {},
        // A pod seen again after the node rebooted had its containers killed: they restart.
        restartCount: (prev?.restartCount ?? 0) + (wasRunning && prev?.state?.running ? 1 : 0),
        lastTerminated: prev?.lastState?.terminated,
        ready: false, forcedUnready: false, crashed: false,
        readinessDelayMs: (c.readinessProbe?.initialDelaySeconds ?? 0) * 1000,
      };
    });
    const restartPolicy = (pod.spec.restartPolicy ?? 'Always') as RestartPolicy;
    return {
      uid: pod.metadata.uid!, namespace: pod.metadata.namespace!, name: pod.metadata.name!, pod,
      step: start(podMachine, { restartPolicy }), containers, timers: [],
      imageBackOffMs: this.ctx.config.imageBackOffBaseMs,
      startTime: pod.status?.startTime, podIP: pod.status?.podIP ?? this.nextPodIP(), conditionTimes: new Map(),
    };
  }

  private nextPodIP(): string {
    const n = this.ipSeq++;
    return `10.244.${this.nodeIndex}.${n % 250 + 2}`;
  }

  /** Send an event to a pod's machine and carry out the entry actions it names. */
  private dispatch(pr: PodRuntime, event: PodMachineEvent, quiet = false): void {
    const next = send(podMachine, pr.step.snapshot, event);
    if (next.snapshot === pr.step.snapshot && next.actions.length === 0) return;
    pr.step = next;
    for (const a of next.actions) if (!quiet) this.act(pr, a);
  }

  private act(pr: PodRuntime, action: string): void {
    const { clock, config, recorder } = this.ctx;
    const pod = pr.pod;
    const rec = (type: 'Normal' | 'Warning', reason: string, message: string) => recorder.record(pod, type, reason, message, 'kubelet', this.nodeName);
    switch (action) {
      case 'onScheduled':
        pr.startTime ??= clock.iso();
        return;
      case 'onRejected':
        if (pr.rejected) rec('Warning', pr.rejected.reason, pr.rejected.message);
        return;
      case 'onMounting':
        if (claimVolumes(pod).length === 0) { this.dispatch(pr, { type: 'MOUNTED' }); return; }
        pr.waitingReason = 'ContainerCreating';
        this.mount(pr);
        return;
      case 'onPulling': {
        pr.waitingReason = 'ContainerCreating';
        pr.waitingMessage = undefined;
        const fails = pr.containers.find((c) => c.behaviour.pull === 'fail');
        const present = pr.containers.every((c) => c.restartCount > 0 || c.lastTerminated);
        const startup = Math.max(...pr.containers.map((c) => c.behaviour.startupMs ?? config.podStartupMs));
        for (const c of pr.containers) if (!present) rec('Normal', 'Pulling', `Pulling image "${c.image}"`);
        if (fails) {
          this.later(pr, Math.min(startup, 1000), () => this.dispatch(pr, { type: 'PULL_FAILED' }));
        } else {
          this.later(pr, present ? 0 : startup, () => {
            for (const c of pr.containers) {
              rec('Normal', 'Pulled', present ? `Container image "${c.image}" already present on machine`
                : `Successfully pulled image "${c.image}" in ${startup / 1000}s (${startup / 1000}s including waiting). Image size: 0 bytes.`);
            }
            this.dispatch(pr, { type: 'PULLED' });
            this.writeStatus(pr);
          });
        }
        return;
      }
      case 'onPullFailed': {
        const c = pr.containers.find((x) => x.behaviour.pull === 'fail')!;
        const msg = `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${c.image}": not found`;
        rec('Warning', 'Failed', msg);
        rec('Warning', 'Failed', 'Error: ErrImagePull');
        pr.waitingReason = 'ErrImagePull';
        pr.waitingMessage = msg;
        const backoff = pr.imageBackOffMs;
        pr.imageBackOffMs = Math.min(backoff * 2, config.imageBackOffMaxMs);
        // The next sync, a moment later, reports the back-off.
        this.later(pr, 1000, () => {
          pr.waitingReason = 'ImagePullBackOff';
          pr.waitingMessage = `Back-off pulling image "${c.image}"`;
          rec('Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
          rec('Warning', 'Failed', 'Error: ImagePullBackOff');
          this.writeStatus(pr);
          this.later(pr, Math.max(0, backoff - 1000), () => { this.dispatch(pr, { type: 'PULL_RETRY' }); this.writeStatus(pr); });
        }, false);
        return;
      }
      case 'onStarting':
        pr.waitingReason = undefined;
        for (const c of pr.containers) {
          if (c.crashed || !c.startedAt) {
            // upstream kuberuntime startContainer: the new container's restartCount is the exited one's + 1,
            // so while a container waits out its back-off, restartCount still counts the restarts done.
            if (c.crashed) c.restartCount++;
            rec('Normal', 'Created', `Created container ${c.name}`);
            rec('Normal', 'Started', `Started container ${c.name}`);
          }
        }
        this.later(pr, 0, () => { this.dispatch(pr, { type: 'STARTED' }); this.writeStatus(pr); });
        return;
      case 'onRunning':
        for (const c of pr.containers) {
          if (c.crashed || !c.startedAt) {
            c.startedAt = clock.iso();
            c.startedMs = clock.now();
            c.crashed = false;
            // Each container start writes to the pod's volumes: the data a claim keeps.
            for (const pv of pr.volumes ?? []) this.ctx.storage.append(pv, pod, this.nodeName, clock.now());
            const exitAfter = c.behaviour.exitAfterMs;
            if (exitAfter !== undefined) {
              this.later(pr, exitAfter, () => this.containerExit(pr, c.name, c.behaviour.exitCode ?? 0, (c.behaviour.exitCode ?? 0) === 0 ? 'Completed' : 'Error'), false);
            }
            if (c.behaviour.ready !== 'never') this.later(pr, c.readinessDelayMs, () => { c.ready = !c.forcedUnready; this.refreshReadiness(pr); }, false);
          }
        }
        return;
      case 'onReady': case 'onUnready':
        return;
      case 'onCrashLoopBackOff': {
        const c = pr.containers.find((x) => x.crashed)!;
        const entry = pr.crashBackOff!;
        rec('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pr.name}_${pr.namespace}(${pr.uid})`);
        // upstream flowcontrol.Backoff.Next at the restart: the next delay doubles, up to the cap.
        this.later(pr, entry.ms, () => {
          pr.crashBackOff = { ms: Math.min(entry.ms * 2, config.containerBackOffMaxMs), lastUpdateMs: clock.now() };
          this.dispatch(pr, { type: 'BACKOFF_DONE' });
          this.writeStatus(pr);
        });
        return;
      }
      case 'onSucceeded': case 'onFailed':
        this.clearTimers(pr);
        // A finished pod's volumes are unmounted.
        if (pr.volumes) { pr.volumes = undefined; this.reportVolumesInUse(); }
        for (const c of pr.containers) {
          c.ready = false;
          if (!c.terminated) {
            c.terminated = c.startedAt
              ? { exitCode: 137, reason: 'Error', startedAt: c.startedAt, finishedAt: clock.iso() }
              : { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', finishedAt: clock.iso() };
          }
        }
        return;
      case 'onTerminating': {
        this.clearTimers(pr);
        const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
        const started = pr.containers.filter((c) => c.startedAt && !c.terminated);
        for (const c of started) rec('Normal', 'Killing', `Stopping container ${c.name}`);
        const stop = started.length === 0 ? 0 : Math.min(grace, Math.max(0, ...started.map((c) => c.behaviour.stopMs ?? 0)));
        // Readiness keeps its value until the containers stop: the kubelet stops liveness and startup
        // probes at deletion but goes on with readiness (so a draining pod can still serve: the
        // EndpointSlice's serving condition, kube-proxy's terminating fallback).
        // upstream: pkg/kubelet/prober/worker.go doProbe (DeletionTimestamp: liveness and startup only)
        this.later(pr, stop, () => this.dispatch(pr, { type: 'STOPPED' }), false);
        return;
      }
      case 'onRemoved':
        this.clearTimers(pr);
        if (this.connected && this.ctx.store.getByUid(pr.uid)) {
          this.ctx.store.delete('Pod', pr.namespace, pr.name, { gracePeriodSeconds: 0, uid: pr.uid });
        }
        this.pods.delete(pr.uid);
        if (pr.volumes) this.reportVolumesInUse();
        return;
      default:
        throw new Error(`kubelet: unknown pod machine action ${action}`);
    }
  }

  private containerExit(pr: PodRuntime, name: string, exitCode: number, reason: string): void {
    if (!podIn(pr, 'running')) return;
    const c = pr.containers.find((x) => x.name === name);
    if (!c || !c.startedAt) return;
    const { clock, config } = this.ctx;
    const term = { exitCode, reason, startedAt: c.startedAt, finishedAt: clock.iso() };
    c.ready = false;
    const restartPolicy = pr.step.snapshot.context.restartPolicy;
    const restarts = restartsAfter(restartPolicy, exitCode);
    // upstream: kuberuntime doBackOff and flowcontrol.Backoff. No entry yet (the first exit), or one not
    // moved on for longer than the reset period (a container that ran cleanly for 10 minutes): the
    // restart is immediate and the back-off starts at its base; otherwise the kubelet waits it out.
    const entry = pr.crashBackOff;
    const restartNow = restarts && (!entry || clock.now() - entry.lastUpdateMs > config.containerBackOffResetMs);
    if (restartNow) pr.crashBackOff = { ms: config.containerBackOffBaseMs, lastUpdateMs: clock.now() };
    if (restarts) {
      c.lastTerminated = term;
      c.crashed = true;
      c.startedAt = undefined;
    } else {
      c.terminated = term;
    }
    // Other containers keep running; the pod ends only when all have (simplified: one exit decides the phase).
    this.dispatch(pr, { type: 'EXIT', exitCode, restartNow });
    // An immediate restart reports the running container, with the exit as its last state, once it has started.
    if (!restartNow) this.writeStatus(pr);
  }

  private refreshReadiness(pr: PodRuntime): void {
    if (!podIn(pr, 'running')) return;
    for (const c of pr.containers) if (c.startedAt && c.behaviour.ready !== 'never') {
      const delayOver = c.startedMs !== undefined && this.ctx.clock.now() - c.startedMs >= c.readinessDelayMs;
      c.ready = !c.forcedUnready && delayOver;
    }
    const ready = pr.containers.every((c) => c.ready);
    this.dispatch(pr, { type: ready ? 'READY' : 'UNREADY' });
    this.writeStatus(pr);
  }

  private later(pr: PodRuntime, delayMs: number, fn: () => void, write = true): void {
    const h: TaskHandle = this.ctx.clock.schedule(delayMs, () => {
      pr.timers = pr.timers.filter((t) => t !== h);
      if (!this.running || !this.pods.has(pr.uid)) return;
      fn();
      if (write) this.writeStatus(pr);
    });
    pr.timers.push(h);
  }

  private clearTimers(pr: PodRuntime): void {
    for (const t of pr.timers) this.ctx.clock.cancel(t);
    pr.timers = [];
    this.ctx.clock.cancel(pr.deadlineTimer);
    pr.deadlineTimer = undefined;
    pr.deadlineAtMs = undefined;
  }

  /** Post the pod's status if it changed (and the API can be reached). */
  private writeStatus(pr: PodRuntime): void {
    if (!this.connected || !this.running || !this.pods.has(pr.uid)) return;
    const live = this.ctx.store.getByUid(pr.uid);
    if (!live) return;
    pr.pod = live;
    const status = buildPodStatus(pr, this.ctx.clock.iso(), this.hostIP);
    const text = JSON.stringify(status);
    // Unchanged since our last write, and nobody else has written since: nothing to post.
    if (text === pr.lastWritten && live.metadata.resourceVersion === pr.lastWrittenRV) return;
    pr.lastWritten = text;
    pr.lastWrittenRV = this.ctx.store.update({ ...live, status } as KubeObject, { subresource: 'status' }).metadata.resourceVersion;
  }
}
