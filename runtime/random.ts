// Named random streams, all derived from the run's one seed. Each component
// draws from its own stream, so adding draws in one place does not shift
// another's sequence (kwok's global source is the mistake we avoid).
import seedrandom from 'seedrandom';

export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export class RandomStreams {
  private streams = new Map<string, RandomStream>();
  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      const prng = seedrandom(`kubemodel/${this.seed}/${name}`);
      s = { next: () => prng.quick(), int: (n: number) => Math.floor(prng.quick() * n) };
      this.streams.set(name, s);
    }
    return s;
  }
}

// upstream: k8s.io/apimachinery/pkg/util/rand (SafeEncodeString alphabet: no vowels, no 0/1/3)
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters for generateName, from the given stream. */
export function randomSuffix(stream: RandomStream, n = 5): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHANUMS[stream.int(ALPHANUMS.length)];
  return out;
}

/** A deterministic RFC 4122-shaped uid from a stream. */
export function randomUid(stream: RandomStream): string {
  const hex = (n: number) => { let s = ''; for (let i = 0; i < n; i++) s += stream.int(16).toString(16); return s; };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + stream.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
}
