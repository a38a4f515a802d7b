// The simulated storage behind PersistentVolumes: disks that outlive pods
// and volume objects. Each disk holds a data log: a pod that mounts the
// volume appends its identity and a counter each time a container starts
// and each time it answers a request, so "the data survived" is something a scenario and an invariant can check
// (every entry written while the claim existed is still there).
//
// A disk is named by what the volume points at, not by the volume object:
// a Retain volume whose object an admin deletes and re-creates over the same
// CSI handle, hostPath or NFS export sees the same data. Dynamically
// provisioned disks are made by the provisioner; a static volume's disk
// exists from the first time anything looks at it (an admin made it).
// Reclaim Delete destroys a disk; Recycle scrubs it.
import type { KubeObject } from '../model/api/types.js';

export interface DataEntry {
  /** namespace/name of the pod that wrote it, and its uid. */
  pod: string;
  uid: string;
  node: string;
  /** 1, 2, … per pod and disk: the pod's writes to this disk. */
  n: number;
  /** What wrote it: a container start, or a request the pod answered. */
  what: 'start' | 'request';
  /** Virtual time of the write, ms since the run began. */
  timeMs: number;
}

export interface Disk {
  readonly id: string;
  /** The latest entries (at most MAX_ENTRIES_PER_DISK). */
  readonly log: DataEntry[];
  /** Entries ever written since the disk was made or last wiped: only grows while the data lives. */
  written: number;
  /** Set when reclaim Delete destroyed it: its data is gone. */
  destroyed: boolean;
}

/** A limit on everything: entries one disk keeps (the oldest go first past it). */
export const MAX_ENTRIES_PER_DISK = 10_000;

/** What a volume's source points at: its disk's name. */
export function diskId(pv: KubeObject): string {
  const s = pv.spec ?? {};
  if (s.csi) return `csi:${s.csi.driver}/${s.csi.volumeHandle}`;
  if (s.hostPath) {
    // A hostPath is a directory on each node; the model keeps one per path (single-node test clusters use it so).
    return `hostPath:${s.hostPath.path}`;
  }
  if (s.local) return `local:${s.local.path}`;
  if (s.nfs) return `nfs:${s.nfs.server}:${s.nfs.path}`;
  for (const [k, v] of Object.entries(s)) {
    if (v && typeof v === 'object' && !['capacity', 'claimRef', 'nodeAffinity', 'mountOptions', 'accessModes'].includes(k)) return `${k}:${JSON.stringify(v)}`;
  }
  return `pv:${pv.metadata.name}`;
}

export class StorageBackend {
  private disks = new Map<string, Disk>();
  private counters = new Map<string, number>();

  /** The disk behind `pv`, made on first use (a static volume's storage already exists). */
  disk(pv: KubeObject): Disk {
    const id = diskId(pv);
    let d = this.disks.get(id);
    if (!d || d.destroyed) { d = { id, log: [], written: 0, destroyed: false }; this.disks.set(id, d); }
    return d;
  }

  /** The disk if it exists (undefined when never made or destroyed). */
  find(pv: KubeObject): Disk | undefined {
    const d = this.disks.get(diskId(pv));
    return d && !d.destroyed ? d : undefined;
  }

  /** A pod with this volume mounted started a container, or answered a request. */
  append(pv: KubeObject, pod: KubeObject, node: string, timeMs: number, what: DataEntry['what'] = 'start'): DataEntry {
    const d = this.disk(pv);
    const key = `${d.id}|${pod.metadata.uid}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const e: DataEntry = { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, uid: pod.metadata.uid!, node, n, what, timeMs };
    d.log.push(e);
    d.written++;
    if (d.log.length > MAX_ENTRIES_PER_DISK) d.log.splice(0, d.log.length - MAX_ENTRIES_PER_DISK);
    return e;
  }

  /** Reclaim Delete: the data is gone for good. */
  destroy(pv: KubeObject): void {
    const d = this.disks.get(diskId(pv));
    if (d) { d.destroyed = true; d.log.length = 0; d.written = 0; }
  }

  /** Reclaim Recycle: `rm -rf` of the volume's contents. */
  scrub(pv: KubeObject): void {
    const d = this.disks.get(diskId(pv));
    if (d) { d.log.length = 0; d.written = 0; }
  }

  /** Every disk that exists, by id. */
  all(): Disk[] {
    return [...this.disks.values()].filter((d) => !d.destroyed).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
