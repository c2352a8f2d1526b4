/**
 * Seeded pseudo-random numbers (mulberry32): the only randomness in the engine. Its state is a
 * single 32-bit integer, persisted in snapshots so a restored cluster draws the same numbers.
 */
export class Rng {
  state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * `n` characters from the API server's name-generator alphabet (vowels and easily confused
   * characters removed): `k8s.io/apimachinery/pkg/util/rand` `alphanums`.
   */
  suffix(n = 5): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHANUMS[this.int(ALPHANUMS.length)];
    return s;
  }

  /** Lower-case hex string of `n` characters (container and image IDs). */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 2) s += BYTE_HEX[(this.next() * 256) | 0];
    return s.length === n ? s : s.slice(0, n);
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
