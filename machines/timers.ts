/**
 * Durable timers for machines: the due time lives in context (so a persisted snapshot carries
 * every pending wait) and is armed on the env's clock. `arm`/`disarm` return assign-ready
 * partials; callers merge them into their own `assign`.
 */
import type { Env } from './env.ts';

export type Timers = Record<string, number>;

export function armTimer(env: Env, addr: string, timers: Timers, name: string, due: number): Timers {
  env.arm(addr, name, due);
  return { ...timers, [name]: due };
}

export function disarmTimer(timers: Timers, ...names: string[]): Timers {
  let out = timers;
  for (const n of names) {
    if (n in out) {
      if (out === timers) out = { ...timers };
      delete out[n];
    }
  }
  return out;
}
