/**
 * The engine's simulated clock: a priority queue of timers that fires each one at its own due
 * time, in (due, seq) order, with `now` equal to that due time. XState's own SimulatedClock jumps
 * to the end of an increment before flushing, so a timer armed by a firing timer would start from
 * the end of the step; here `advance(60s)` gives exactly what sixty `advance(1s)` give.
 *
 * Timers are plain data (`addr` names the actor, `name` the event), so the queue is persisted in
 * a cluster snapshot as it is and re-armed on restore: XState's scheduler cannot do that.
 */
export interface Timer {
  due: number;
  seq: number;
  /** Address of the receiver (an actor path or a control-plane component). */
  addr: string;
  /** What fires: delivered as the event `timer.<name>` (or handed to a component). */
  name: string;
}

export interface ClockSnapshot {
  now: number;
  seq: number;
  timers: Timer[];
}

export class SimClock {
  private heap: Timer[] = [];
  private seq = 0;
  now: number;

  constructor(start: number, snapshot?: ClockSnapshot) {
    this.now = start;
    if (snapshot) {
      this.now = snapshot.now;
      this.seq = snapshot.seq;
      for (const t of snapshot.timers) this.push({ ...t });
    }
  }

  get size(): number {
    return this.heap.length;
  }

  /** Arms a timer; returns it. Cancelling is done by the receiver ignoring stale timers. */
  arm(addr: string, name: string, due: number): Timer {
    const t: Timer = { due: Math.max(due, this.now), seq: this.seq++, addr, name };
    this.push(t);
    return t;
  }

  /** Due time of the next timer, or Infinity. */
  peek(): number {
    return this.heap.length ? this.heap[0]!.due : Infinity;
  }

  /** Removes and returns the next timer if it is due at or before `t`; moves `now` to its due. */
  popDue(t: number): Timer | undefined {
    const top = this.heap[0];
    if (!top || top.due > t) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.down(0);
    }
    if (top.due > this.now) this.now = top.due;
    return top;
  }

  /** Drops timers the predicate rejects (e.g. for deleted actors); keeps heap order. */
  filter(keep: (t: Timer) => boolean): void {
    const kept = this.heap.filter(keep);
    this.heap = [];
    for (const t of kept) this.push(t);
  }

  snapshot(): ClockSnapshot {
    const timers = [...this.heap].sort(cmp).map((t) => ({ ...t }));
    return { now: this.now, seq: this.seq, timers };
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(h[i]!, h[p]!) >= 0) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && cmp(h[l]!, h[m]!) < 0) m = l;
      if (r < n && cmp(h[r]!, h[m]!) < 0) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function cmp(a: Timer, b: Timer): number {
  return a.due - b.due || a.seq - b.seq;
}
