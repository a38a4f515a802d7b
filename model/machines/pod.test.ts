import { describe, it, expect } from 'vitest';
import { podMachine } from './pod.js';
import { start, send, stateName } from './drive.js';

describe('pod machine driving', () => {
  it('walks a happy path and returns entry actions by name', () => {
    let s = start(podMachine, { restartPolicy: 'Always' });
    expect(stateName(s.snapshot)).toBe('unscheduled');
    s = send(podMachine, s.snapshot, { type: 'BIND' });
    expect(s.actions).toEqual(['onScheduled']);
    s = send(podMachine, s.snapshot, { type: 'ADMIT' });
    s = send(podMachine, s.snapshot, { type: 'PULLED' });
    s = send(podMachine, s.snapshot, { type: 'STARTED' });
    expect(stateName(s.snapshot)).toBe('running.notReady');
    expect(s.actions).toEqual(['onRunning', 'onUnready']);
    s = send(podMachine, s.snapshot, { type: 'EXIT', exitCode: 1 });
    expect(stateName(s.snapshot)).toBe('crashLoopBackOff');
    const t0 = performance.now();
    let snap = s.snapshot;
    for (let i = 0; i < 10000; i++) {
      snap = send(podMachine, snap, { type: 'BACKOFF_DONE' }).snapshot;
      snap = send(podMachine, snap, { type: 'STARTED' }).snapshot;
      snap = send(podMachine, snap, { type: 'EXIT', exitCode: 1 }).snapshot;
    }
    console.log('us per transition', ((performance.now() - t0) * 1000) / 30000);
  });
});
