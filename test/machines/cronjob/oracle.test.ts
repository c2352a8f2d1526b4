/**
 * The robfig/cron port (machines/cronjob/schedule.ts) against an independent, maintained
 * implementation: croner (devDependency, test-only). On the grammar both accept the same way and
 * away from DST changes they must agree on every activation. Where they differ by design (see
 * schedule.ts: DST gaps and repeats, `N/step`, `7`, `*\/1`, `?`) robfig's own tables decide
 * (schedule.test.ts), not croner.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cron } from 'croner';
import { parse, specNext, ZERO_TIME } from '../../../machines/cronjob/schedule.ts';

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One list item of a field in [min, max]: n, a-b, a-b/s, or * /s (s ≥ 2), optionally with names. */
function item(min: number, max: number, names?: string[]): fc.Arbitrary<string> {
  const num = fc.integer({ min, max });
  const show = (n: number) => (names ? fc.constant(String(n)).chain((s) => fc.constantFrom(s, names[n - min]!)) : fc.constant(String(n)));
  const range = fc.tuple(num, num).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);
  return fc.oneof(
    num.chain(show),
    range.chain(([a, b]) => fc.tuple(show(a), show(b)).map(([x, y]) => `${x}-${y}`)),
    fc.tuple(range, fc.integer({ min: 2, max: Math.max(2, max - min) })).map(([[a, b], s]) => `${a}-${b}/${s}`),
    fc.integer({ min: 2, max: Math.max(2, max - min) }).map((s) => `*/${s}`),
  );
}

function field(min: number, max: number, names?: string[], starWeight = 1): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: starWeight, arbitrary: fc.constant('*') },
    { weight: 3, arbitrary: fc.array(item(min, max, names), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')) },
  );
}

const expression = fc.tuple(
  field(0, 59), field(0, 23), field(1, 31, undefined, 3), field(1, 12, MONTH_NAMES, 3), field(0, 6, DAY_NAMES, 3),
).map((f) => f.join(' '));

/** Zones without DST in the years drawn (São Paulo dropped it in 2019). */
const FIXED_ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Tokyo', 'America/Sao_Paulo', 'Australia/Brisbane'];

function cronerRuns(expr: string, zone: string, from: number, n: number): number[] {
  const c = new Cron(expr, { timezone: zone, paused: true, mode: '5-part' });
  const out: number[] = [];
  let d: Date | null = new Date(from);
  for (let i = 0; i < n; i++) {
    d = c.nextRun(d);
    out.push(d ? d.getTime() : ZERO_TIME);
    if (!d) break;
  }
  return out;
}

function portRuns(expr: string, zone: string, from: number, n: number): number[] {
  const s = parse(expr, zone);
  if ('error' in s) throw new Error(`${expr}: ${s.error}`);
  const out: number[] = [];
  let t = from;
  for (let i = 0; i < n; i++) {
    t = s.next(t);
    out.push(t);
    if (t === ZERO_TIME) break;
  }
  return out;
}

describe('robfig port ≡ croner where both apply', () => {
  it('random 5-field schedules, zones without DST, 2020-2030', () => {
    fc.assert(fc.property(
      expression, fc.constantFrom(...FIXED_ZONES), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      (expr, zone, from) => {
        const mine = portRuns(expr, zone, from, 3);
        const theirs = cronerRuns(expr, zone, from, 3);
        // robfig gives up after five years (zero time); croner searches further
        const horizon = new Date(from).getUTCFullYear() + 5;
        const cut = (xs: number[]) => xs.map((t) => (t !== ZERO_TIME && new Date(t).getUTCFullYear() > horizon ? ZERO_TIME : t));
        expect(cut(mine).slice(0, cut(mine).indexOf(ZERO_TIME) + 1 || undefined)).toEqual(cut(theirs).slice(0, cut(theirs).indexOf(ZERO_TIME) + 1 || undefined));
      },
    ), { numRuns: 300, seed: 20240101 });
  });

  it('random schedules in London in summer (no change between the draw and the results)', () => {
    fc.assert(fc.property(
      expression, fc.integer({ min: 2020, max: 2029 }), fc.integer({ min: 0, max: 60 * 24 * 60 }),
      (expr, year, minutes) => {
        const from = Date.UTC(year, 4, 1) + minutes * 60_000;
        const summerEnd = Date.UTC(year, 9, 1);
        const mine = portRuns(expr, 'Europe/London', from, 3).filter((t) => t !== ZERO_TIME && t < summerEnd);
        const theirs = cronerRuns(expr, 'Europe/London', from, 3).filter((t) => t !== ZERO_TIME && t < summerEnd);
        expect(mine).toEqual(theirs);
      },
    ), { numRuns: 150, seed: 20240601 });
  });

  it('where they differ by design: croner runs a gap time at the end of the gap and a repeated time once', () => {
    const ny = (expr: string, from: string) => [portRuns(expr, 'America/New_York', Date.parse(from), 1)[0], cronerRuns(expr, 'America/New_York', Date.parse(from), 1)[0]]
      .map((t) => new Date(t!).toISOString());
    expect(ny('0 2 * * *', '2024-03-10T05:00:00Z')).toEqual(['2024-03-11T06:00:00.000Z', '2024-03-10T07:00:00.000Z']);
    expect(ny('0 1 * * *', '2024-11-03T05:00:00Z')).toEqual(['2024-11-03T06:00:00.000Z', '2024-11-04T06:00:00.000Z']);
  });
});

describe('specNext: jumping to the next set minute / second ≡ robfig\'s one-unit steps', () => {
  // Zones with DST, half-hour DST (Lord Howe), a :45 offset, a historical LMT offset in seconds
  // (Amsterdam before 1937), and transitions within the days drawn.
  const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Amsterdam', 'America/Santiago'];
  it('random 5-field schedules (second 0, as ParseStandard sets it), zones and times, 1930-2030', () => {
    fc.assert(fc.property(
      expression, fc.constantFrom(...ZONES), fc.integer({ min: 1930, max: 2030 }), fc.integer({ min: 0, max: 365 * 24 * 60 * 60 - 1 }),
      (expr, zone, year, seconds) => {
        const s = parse(expr, zone);
        if ('error' in s) throw new Error(`${expr}: ${s.error}`);
        let a = Date.UTC(year, 0, 1) + seconds * 1000 + 250;
        let b = a;
        for (let i = 0; i < 4; i++) {
          a = specNext(s.spec!, a);
          b = specNext(s.spec!, b, true);
          expect(a).toBe(b);
          if (a === ZERO_TIME) break;
        }
      },
    ), { numRuns: Number(process.env.PROPERTY_RUNS ?? 400), seed: 20261127 });
  });

  it('around the DST changes themselves (New York, Lord Howe: every 1–59 minutes across the hour of the change)', () => {
    for (const [zone, day] of [['America/New_York', Date.UTC(2024, 2, 10, 6)], ['America/New_York', Date.UTC(2024, 10, 3, 5)], ['Australia/Lord_Howe', Date.UTC(2024, 3, 6, 14)], ['Australia/Lord_Howe', Date.UTC(2024, 9, 5, 15)]] as const) {
      for (let step = 1; step < 60; step += 7) {
        const s = parse(`*/${step} * * * *`, zone);
        if ('error' in s) throw new Error(s.error);
        for (let t0 = day - 2 * 3_600_000; t0 < day + 2 * 3_600_000; t0 += 7 * 60_000 + 13_000) {
          expect(specNext(s.spec!, t0)).toBe(specNext(s.spec!, t0, true));
        }
      }
    }
  });
});
