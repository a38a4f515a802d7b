// Whole-cluster runs in a worker thread of their own. Two reasons: each run
// starts from a fresh heap, so the heap figures of one size are not polluted
// by the garbage of the last; and the worker gets a larger heap limit than
// the main thread's default (the 150k-pod run with Events peaks above 4 GiB).
// Running from TypeScript sources (vitest) there is no compiled worker file,
// and the run happens in-process instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { converge, type ConvergeOptions, type ConvergeResult } from './converge.js';

const WORKER_FILE = new URL('./converge-worker.js', import.meta.url);

/** The heap a worker may use: most of the machine, leaving room for the main thread. */
export const WORKER_HEAP_MB = 16_384;

type Message = { ready: number } | { result: ConvergeResult } | { error: string };

/**
 * Run `converge` in a fresh worker (or in-process when no compiled worker
 * exists). With `timeLeftMs`, a run still going when the bench's time budget
 * is spent is stopped (the worker terminated) and the promise resolves to
 * undefined: the budget is kept inside a run, not only between runs.
 */
export function convergeIsolated(opts: ConvergeOptions, timeLeftMs?: () => number): Promise<ConvergeResult | undefined> {
  if (!existsSync(fileURLToPath(WORKER_FILE))) return Promise.resolve(converge(opts));
  const { onProgress, ...data } = opts;
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_FILE, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    let cut = false;
    const timer = timeLeftMs ? setTimeout(() => { cut = true; void w.terminate(); }, Math.max(0, timeLeftMs())) : undefined;
    const settle = () => { settled = true; clearTimeout(timer); };
    w.on('message', (m: Message) => {
      if ('ready' in m) onProgress?.(m.ready);
      else if ('result' in m) { settle(); resolve(m.result); }
      else { settle(); reject(new Error(m.error)); }
    });
    w.on('error', (e) => { if (!settled) { settle(); reject(e); } });
    w.on('exit', (code) => {
      if (settled) return;
      settle();
      if (cut) resolve(undefined);
      else reject(new Error(`the whole-cluster worker exited with status ${code}`));
    });
  });
}

if (!isMainThread && parentPort && workerData && import.meta.url === WORKER_FILE.href) {
  const port = parentPort;
  try {
    const result = converge({ ...(workerData as ConvergeOptions), onProgress: (ready) => port.postMessage({ ready }) });
    port.postMessage({ result });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}
