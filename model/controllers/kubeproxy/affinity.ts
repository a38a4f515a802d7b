// ClientIP session affinity, as iptables keeps it: one "recent" list per
// endpoint (per endpoint chain), holding the client addresses that were sent
// there and when they were last seen.
//
// Why per endpoint and not one map client → endpoint: that is how the kernel
// holds it, and it shows. A new connection checks the endpoints' lists in
// rule order and goes to the first one that saw this client within
// timeoutSeconds; every connection that reaches an endpoint refreshes its
// entry, so the timeout runs from the client's last connection, not its first.
// An endpoint that is not usable right now has no rule, so its list is not
// consulted; and each list remembers at most 100 clients (xt_recent's
// ip_list_tot), dropping the least recently seen.
//
// The caller owns the table (one per node's kube-proxy) and passes virtual
// time in milliseconds; nothing here reads a clock.
// upstream: pkg/proxy/iptables/proxier.go (writeServiceToEndpointRules: `-m recent --rcheck --seconds N --reap`;
//           endpoint chain: `-m recent --set`), linux net/netfilter/xt_recent.c (ip_list_tot, recent_entry_reap)

/** xt_recent's default ip_list_tot: addresses remembered per list. */
export const RECENT_LIST_MAX = 100;

/** The list's name: upstream names it after the endpoint chain, a hash of service port, protocol and endpoint. */
export function affinityListKey(servicePortKey: string, protocol: string, endpoint: string): string {
  return `${servicePortKey}/${protocol}/${endpoint}`;
}

export class AffinityTable {
  /** list name → client IP → last seen (ms); a Map keeps least recently seen first. */
  private readonly lists = new Map<string, Map<string, number>>();

  constructor(readonly maxEntriesPerList: number = RECENT_LIST_MAX) {
    if (!Number.isInteger(maxEntriesPerList) || maxEntriesPerList < 1) throw new Error(`maxEntriesPerList must be a whole number ≥ 1, got ${maxEntriesPerList}`);
  }

  /**
   * `--rcheck --seconds N --reap`: the client was seen on this list within
   * N seconds (a stamp exactly N seconds old still counts). When the client
   * is on the list, the list's oldest entry is also dropped if it is stale.
   */
  seen(list: string, clientIP: string, nowMs: number, timeoutSeconds: number): boolean {
    const entries = this.lists.get(list);
    const last = entries?.get(clientIP);
    if (entries === undefined || last === undefined) return false;
    const windowStart = nowMs - timeoutSeconds * 1000;
    const fresh = last >= windowStart;
    const [oldestIP, oldestSeen] = entries.entries().next().value as [string, number];
    if (oldestSeen < windowStart) entries.delete(oldestIP);
    return fresh;
  }

  /** `--set`: remember the client now, evicting the least recently seen one if the list is full. */
  record(list: string, clientIP: string, nowMs: number): void {
    let entries = this.lists.get(list);
    if (!entries) this.lists.set(list, (entries = new Map()));
    if (entries.has(clientIP)) entries.delete(clientIP);
    else if (entries.size >= this.maxEntriesPerList) entries.delete(entries.keys().next().value as string);
    entries.set(clientIP, nowMs);
  }

  /**
   * Keep only the lists still referenced by rules. A list disappears with its
   * endpoint chain, so an endpoint that leaves and comes back starts empty;
   * the caller calls this on each proxy sync with the live list names.
   */
  retain(live: ReadonlySet<string>): void {
    for (const name of [...this.lists.keys()]) if (!live.has(name)) this.lists.delete(name);
  }

  /** Last-seen time of a client on a list, for tests and explanations. */
  lastSeen(list: string, clientIP: string): number | undefined {
    return this.lists.get(list)?.get(clientIP);
  }

  get size(): number {
    let n = 0;
    for (const l of this.lists.values()) n += l.size;
    return n;
  }
}
