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
  let hit = false;
  for (const n of names) if (n in timers) hit = true;
  if (!hit) return timers;
  // Rebuilt rather than `delete`d: deleting turns an object into a slow, larger dictionary.
  const out: Timers = {};
  for (const k in timers) if (!names.includes(k)) out[k] = timers[k]!;
  return out;
}
