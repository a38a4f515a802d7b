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
    expect(s.actions).toEqual(['onMounting']);
    s = send(podMachine, s.snapshot, { type: 'MOUNTED' });
    expect(s.actions).toEqual(['onPulling']);
    s = send(podMachine, s.snapshot, { type: 'PULLED' });
    s = send(podMachine, s.snapshot, { type: 'STARTED' });
    expect(stateName(s.snapshot)).toBe('running.notReady');
    expect(s.snapshot.matches('running')).toBe(true);
    expect(s.actions).toEqual(['onRunning', 'onUnready']);
  });

  it('restarts at once on an exit with no back-off running, and waits in CrashLoopBackOff otherwise', () => {
    const running = (p: 'Always' | 'OnFailure' | 'Never') => {
      let s = start(podMachine, { restartPolicy: p });
      for (const type of ['BIND', 'ADMIT', 'MOUNTED', 'PULLED', 'STARTED'] as const) s = send(podMachine, s.snapshot, { type });
      return s.snapshot;
    };
    expect(stateName(send(podMachine, running('Always'), { type: 'EXIT', exitCode: 1, restartNow: true }).snapshot)).toBe('starting');
    expect(stateName(send(podMachine, running('Always'), { type: 'EXIT', exitCode: 1 }).snapshot)).toBe('crashLoopBackOff');
    expect(stateName(send(podMachine, running('OnFailure'), { type: 'EXIT', exitCode: 0, restartNow: true }).snapshot)).toBe('succeeded');
    expect(stateName(send(podMachine, running('Never'), { type: 'EXIT', exitCode: 1, restartNow: true }).snapshot)).toBe('failed');
  });
});
