import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SimClock, type Timer } from '../../src/clock.ts';
import { ALPHANUMS, Rng } from '../../src/rng.ts';
import { formatGoDuration, parseDuration } from '../../src/duration.ts';

describe('SimClock: a priority queue that fires each timer at its own due time', () => {
  it('pops by due time, ties in arming order (seq)', () => {
    const c = new SimClock(0);
    c.arm('a', 'x', 30);
    c.arm('b', 'x', 10);
    c.arm('c', 'x', 30);
    c.arm('d', 'x', 10);
    const out: string[] = [];
    for (let t; (t = c.popDue(100)); ) out.push(`${t.addr}@${c.now}`);
    expect(out).toEqual(['b@10', 'd@10', 'a@30', 'c@30']);
  });

  it('popDue stops at the horizon and never moves now backwards', () => {
    const c = new SimClock(100);
    c.arm('a', 'x', 150);
    expect(c.popDue(149)).toBeUndefined();
    expect(c.now).toBe(100);
    expect(c.peek()).toBe(150);
    expect(c.popDue(150)!.addr).toBe('a');
    expect(c.now).toBe(150);
    expect(c.peek()).toBe(Infinity);
  });

  it('a timer armed in the past is due now', () => {
    const c = new SimClock(1000);
    expect(c.arm('a', 'x', 10).due).toBe(1000);
  });

  it('filter drops timers and keeps order', () => {
    const c = new SimClock(0);
    for (let i = 0; i < 20; i++) c.arm(`a${i % 3}`, 'x', (i * 7) % 11);
    c.filter((t) => t.addr !== 'a1');
    const out: Timer[] = [];
    for (let t; (t = c.popDue(1e9)); ) out.push(t);
    expect(out.length).toBe(13);
    expect(out.every((t) => t.addr !== 'a1')).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i - 1]!.due * 1e6 + out[i - 1]!.seq).toBeLessThan(out[i]!.due * 1e6 + out[i]!.seq);
  });

  it('snapshot → new SimClock continues identically', () => {
    const c = new SimClock(0);
    for (let i = 0; i < 10; i++) c.arm(`a${i}`, 'x', (i * 37) % 13);
    c.popDue(3);
    const r = new SimClock(999, JSON.parse(JSON.stringify(c.snapshot())));
    expect(r.now).toBe(c.now);
    c.arm('late', 'x', 5);
    r.arm('late', 'x', 5);
    const drain = (k: SimClock) => {
      const o: string[] = [];
      for (let t; (t = k.popDue(1e9)); ) o.push(`${t.addr}:${t.due}:${t.seq}`);
      return o;
    };
    expect(drain(r)).toEqual(drain(c));
  });

  it('property: pops come out sorted by (due, seq) whatever the arming order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }), (dues) => {
        const c = new SimClock(0);
        dues.forEach((d, i) => c.arm(String(i), 'x', d));
        const out: Timer[] = [];
        for (let t; (t = c.popDue(1e9)); ) out.push(t);
        const sorted = [...out].sort((a, b) => a.due - b.due || a.seq - b.seq);
        expect(out).toEqual(sorted);
        expect(out.length).toBe(dues.length);
      }),
      { numRuns: 50 },
    );
  });

  it('property: advance in one step ≡ advance in many steps (a timer that re-arms itself)', () => {
    const runWith = (steps: number[], period: number) => {
      const c = new SimClock(0);
      c.arm('p', 'tick', period);
      const fired: number[] = [];
      for (const s of steps) {
        const end = c.now + s;
        for (let t; (t = c.popDue(end)); ) {
          fired.push(c.now);
          c.arm('p', 'tick', c.now + period);
        }
        c.now = Math.max(c.now, end);
      }
      return fired;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 10 }), (period, steps) => {
        const total = steps.reduce((a, b) => a + b, 0);
        expect(runWith(steps, period)).toEqual(runWith([total], period));
      }),
      { numRuns: 50 },
    );
  });
});

describe('Rng: seeded mulberry32', () => {
  it('the same seed gives the same sequence; another seed a different one', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('restoring the state continues the sequence', () => {
    const a = new Rng(7);
    a.next();
    a.suffix(5);
    const b = new Rng(0);
    b.state = a.state;
    expect(b.hex(40)).toBe(a.hex(40));
  });
  it('suffix uses the API server name-generator alphabet (no vowels, no 0/1/3)', () => {
    expect(ALPHANUMS).toBe('bcdfghjklmnpqrstvwxz2456789');
    const r = new Rng(1);
    const s = Array.from({ length: 200 }, () => r.suffix(5)).join('');
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(new Set(s).size).toBe(27);
    expect(r.suffix()).toHaveLength(5);
  });
  it('hex gives n lower-case hex chars; int stays in [0, n)', () => {
    const r = new Rng(3);
    expect(r.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(r.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    for (let i = 0; i < 100; i++) {
      const x = r.int(7);
      expect(Number.isInteger(x) && x >= 0 && x < 7).toBe(true);
    }
  });
});

describe('parseDuration (Go ParseDuration syntax; plain numbers are ms)', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['2d', 172_800_000],
    ['1m0.5s', 60_500],
    ['1500', 1500],
    [' 10s ', 10_000],
    [0, 0],
    [1234, 1234],
  ] as [string | number, number][])('%j → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });
  it.each(['', 'abc', '10x', '-5s', 's', '1h 30m'])('rejects %j with a clear message', (input) => {
    expect(() => parseDuration(input)).toThrow(/invalid duration .*expected a number with a unit/);
  });
  it.each([-1, NaN, Infinity])('rejects the number %d', (n) => {
    expect(() => parseDuration(n)).toThrow(/non-negative number of milliseconds/);
  });
  it.each([
    [0, '0s'],
    [190, '190ms'],
    [1850, '1.85s'],
    [2000, '2s'],
    [2002, '2.002s'],
    [61_500, '1m1.5s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
  ])('formatGoDuration(%d) = %s (Go %%v of a Duration)', (ms, s) => {
    expect(formatGoDuration(ms)).toBe(s);
  });
});
