import { describe, it, expect } from 'vitest';
import {
  crashLoopDecision, hasExpired, nextBackoff, INITIAL_CRASHLOOP_BACKOFF, MAX_CONTAINER_BACKOFF, type BackoffEntry,
} from '../../machines/container/backoff.ts';

const S = 1000;

/**
 * Drives the kubelet's doBackOff the way a sync loop would for a container that always exits
 * `runMs` after it starts: at each exit ask crashLoopDecision; when it says wait, the next sync
 * at waitUntil asks again (and then restarts). Returns the start times (s).
 */
function restartTimes(runMs: number, starts: number): number[] {
  let entry: BackoffEntry | null = null;
  let t = 0;
  const out: number[] = [0];
  while (out.length < starts) {
    const finishedAt = t + runMs;
    let d = crashLoopDecision(entry, finishedAt, finishedAt);
    entry = d.entry;
    let startAt = finishedAt;
    if (d.waitUntil !== null) {
      startAt = d.waitUntil;
      d = crashLoopDecision(entry, finishedAt, startAt);
      expect(d.waitUntil).toBeNull();
      entry = d.entry;
    }
    t = startAt;
    out.push(t / S);
  }
  return out;
}

describe('CrashLoopBackOff arithmetic (flowcontrol.Backoff via doBackOff)', () => {
  it('the constants are the kubelet defaults: 10 s initial, 300 s max', () => {
    expect(INITIAL_CRASHLOOP_BACKOFF).toBe(10_000);
    expect(MAX_CONTAINER_BACKOFF).toBe(300_000);
  });

  it('a container that crashes at once restarts after 0, 10, 20, 40, 80, 160, 300, 300 s', () => {
    const starts = restartTimes(0, 9);
    const waits = starts.slice(1).map((s, i) => s - starts[i]!);
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('waits are measured from each finishedAt (a container running 1 s)', () => {
    const starts = restartTimes(1000, 6);
    expect(starts).toEqual([0, 1, 12, 33, 74, 155]);
  });

  it.each([
    ['new entry', null, 5 * S, { backoff: 10 * S, lastUpdate: 7 * S }],
    ['doubles', { backoff: 10 * S, lastUpdate: 0 }, 20 * S, { backoff: 20 * S, lastUpdate: 22 * S }],
    ['caps at max', { backoff: 160 * S, lastUpdate: 0 }, 200 * S, { backoff: 300 * S, lastUpdate: 202 * S }],
    ['stays at max', { backoff: 300 * S, lastUpdate: 0 }, 500 * S, { backoff: 300 * S, lastUpdate: 502 * S }],
    ['exactly 2×max later still doubles', { backoff: 40 * S, lastUpdate: 0 }, 600 * S, { backoff: 80 * S, lastUpdate: 602 * S }],
    ['more than 2×max later resets (stable for 10 min)', { backoff: 300 * S, lastUpdate: 0 }, 600 * S + 1, { backoff: 10 * S, lastUpdate: 602 * S + 1 }],
  ] as const)('nextBackoff: %s (lastUpdate is the clock at the call, 2 s after the event here)', (_n, entry, t, want) => {
    expect(nextBackoff(entry as BackoffEntry | null, t, t + 2 * S, INITIAL_CRASHLOOP_BACKOFF, MAX_CONTAINER_BACKOFF)).toEqual(want);
  });

  it('the 10-minute reset window runs from the restart, not from the previous exit', () => {
    // Backed off to 300 s: exit at 0, restarted at 300 s (Next at 300 s). It crashes 400 s later:
    // 700 s - 300 s = 400 s < 600 s, so it is still in back-off (Kubernetes shows back-off 5m0s).
    const entry = nextBackoff({ backoff: 300 * S, lastUpdate: -300 * S }, 0, 300 * S, INITIAL_CRASHLOOP_BACKOFF, MAX_CONTAINER_BACKOFF);
    expect(entry).toEqual({ backoff: 300 * S, lastUpdate: 300 * S });
    expect(crashLoopDecision(entry, 700 * S, 700 * S).waitUntil).toBe(1000 * S);
  });

  it('hasExpired: no entry, or older than 2 × max', () => {
    expect(hasExpired(null, 0, 300 * S)).toBe(true);
    expect(hasExpired({ backoff: 10 * S, lastUpdate: 0 }, 600 * S, 300 * S)).toBe(false);
    expect(hasExpired({ backoff: 10 * S, lastUpdate: 0 }, 600 * S + 1, 300 * S)).toBe(true);
  });

  it('a container that ran more than 10 min after the last back-off restarts at once and the sequence restarts at 10 s', () => {
    // entry armed by the previous exit at t=0 with 300 s: a new exit at 700 s is past 2×max.
    const entry = { backoff: 300 * S, lastUpdate: 0 };
    const d = crashLoopDecision(entry, 700 * S, 700 * S);
    expect(d.waitUntil).toBeNull();
    expect(d.entry).toEqual({ backoff: 10 * S, lastUpdate: 700 * S });
    // …and the crash after that waits 10 s.
    const d2 = crashLoopDecision(d.entry, 701 * S, 701 * S);
    expect(d2.waitUntil).toBe(711 * S);
  });

  it('in back-off: waitUntil = finishedAt + backoff and the entry is untouched', () => {
    const entry = { backoff: 40 * S, lastUpdate: 100 * S };
    const d = crashLoopDecision(entry, 150 * S, 150 * S);
    expect(d.waitUntil).toBe(190 * S);
    expect(d.entry).toBe(entry);
    // At the due time the sync finds the wait over and calls Next.
    expect(crashLoopDecision(entry, 150 * S, 190 * S)).toEqual({ waitUntil: null, entry: { backoff: 80 * S, lastUpdate: 190 * S } });
  });
});
