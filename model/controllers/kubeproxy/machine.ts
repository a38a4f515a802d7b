// One node's kube-proxy. Its rules are what it last programmed: a change it
// hears of waits for the next sync (at most one a second), so for a moment
// the rules are behind the API. While its node is partitioned (or the
// process is stopped) it hears nothing and the rules stay as they were,
// still routing to pods that may be gone; on heal (or a restart) it lists
// everything again. While its node
// is down nothing on the node connects anywhere.
// upstream: pkg/proxy/iptables/proxier.go (syncProxyRules, the min sync period), pkg/proxy/config (the informer handlers)
import { setup } from 'xstate';

export type ProxyEvent =
  | { type: 'CHANGE' } | { type: 'SYNC' } | { type: 'DISCONNECT' } | { type: 'CONNECT' }
  | { type: 'CRASH' } | { type: 'RECOVER' };

/** Actions the runtime carries out: schedule the next sync, program the rules, list everything again, forget what is queued. */
export type ProxyAction = 'scheduleSync' | 'program' | 'relist' | 'dropQueued';

export const proxyMachine = setup({
  types: { events: {} as ProxyEvent },
  actions: { scheduleSync: () => {}, program: () => {}, relist: () => {}, dropQueued: () => {} },
}).createMachine({
  id: 'kube-proxy',
  initial: 'running',
  states: {
    running: {
      initial: 'inSync',
      on: {
        // The node is partitioned, or the kube-proxy process stopped: the kernel keeps the rules.
        DISCONNECT: { target: 'stale', actions: 'dropQueued' },
        CRASH: { target: 'down', actions: 'dropQueued' },
        // A restart: a fresh list replaces whatever was queued.
        CONNECT: { target: '.pending', actions: ['dropQueued', 'relist', 'scheduleSync'] },
      },
      states: {
        inSync: { on: { CHANGE: { target: 'pending', actions: 'scheduleSync' } } },
        pending: { on: { SYNC: { target: 'inSync', actions: 'program' } } },
      },
    },
    // The rules stay as last programmed and still route; nothing new arrives.
    stale: {
      on: { CONNECT: { target: 'running.pending', actions: ['relist', 'scheduleSync'] }, CRASH: { target: 'down' } },
    },
    down: { on: { RECOVER: { target: 'running.pending', actions: ['relist', 'scheduleSync'] } } },
  },
});
