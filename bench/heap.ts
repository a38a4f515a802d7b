// Heap measurement for the whole-cluster suite. A full GC before reading the
// heap makes "bytes per pod" mean live bytes, not live plus garbage. Node
// exposes gc() only under --expose-gc; V8 can switch the flag on at run time
// and hand out the function through a fresh context, so `kubemodel bench`
// needs no special node options.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

function gcFunction(): (() => void) | undefined {
  if (gc !== null) return gc;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return (gc = g);
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  return gc;
}

/** Whether heap figures are taken after a full collection. */
export function canCollect(): boolean { return gcFunction() !== undefined; }

export function collectGarbage(): void { gcFunction()?.(); }

export function heapUsed(): number { return process.memoryUsage().heapUsed; }
