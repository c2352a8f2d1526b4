import { describe, expect, it } from 'vitest';
import { addDate, formatRFC3339, goDate, loadLocation, mustLoadLocation, offsetMs, UTC, wallClock } from '../../../machines/cronjob/tz.ts';

const NY = mustLoadLocation('America/New_York');
const LONDON = mustLoadLocation('Europe/London');
const at = (s: string) => Date.parse(s);
const isoZ = (ms: number) => new Date(ms).toISOString();

describe('Go time.Date in a zone (tz.ts goDate)', () => {
  it.each([
    // ordinary wall times
    [NY, [2024, 1, 15, 9, 30, 0], '2024-01-15T14:30:00.000Z'],
    [NY, [2024, 7, 15, 9, 30, 0], '2024-07-15T13:30:00.000Z'],
    // spring-forward gap: New York resolves backwards (01:30 EST), London forwards (02:30 BST)
    [NY, [2024, 3, 10, 2, 30, 0], '2024-03-10T06:30:00.000Z'],
    [LONDON, [2024, 3, 31, 1, 30, 0], '2024-03-31T01:30:00.000Z'],
    // fall-back overlap: the first (daylight) occurrence in New York; in London the offset at
    // 01:30 read as UTC is 0, so Go skips the correction: the second (GMT) occurrence
    [NY, [2024, 11, 3, 1, 30, 0], '2024-11-03T05:30:00.000Z'],
    [LONDON, [2024, 10, 27, 1, 30, 0], '2024-10-27T01:30:00.000Z'],
    // out-of-range fields normalise: October 32 is November 1; month 13 is next January
    [UTC, [2024, 10, 32, 0, 0, 0], '2024-11-01T00:00:00.000Z'],
    [UTC, [2024, 13, 1, 0, 0, 0], '2025-01-01T00:00:00.000Z'],
    [UTC, [2024, 2, 30, 0, 0, 0], '2024-03-01T00:00:00.000Z'],
  ] as const)('%#', (zone, f, want) => {
    expect(isoZ(goDate(zone, f[0], f[1], f[2], f[3], f[4], f[5]))).toBe(want);
  });

  it('AddDate keeps the wall clock and normalises (Jan 31 + 1 month = Mar 2 in a leap year)', () => {
    expect(isoZ(addDate(UTC, at('2024-01-31T10:00:00Z'), 0, 1, 0))).toBe('2024-03-02T10:00:00.000Z');
    // one day across spring-forward in New York: 00:00 EST → 00:00 EDT (23 hours later)
    expect(isoZ(addDate(NY, at('2024-03-10T05:00:00Z'), 0, 0, 1))).toBe('2024-03-11T04:00:00.000Z');
  });

  it('wall clocks and offsets', () => {
    expect(wallClock(NY, at('2024-11-03T05:30:00Z'))).toEqual({ year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0, weekday: 0 });
    expect(wallClock(NY, at('2024-11-03T06:30:00Z'))).toEqual({ year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0, weekday: 0 });
    expect(offsetMs(NY, at('2024-07-01T00:00:00Z'))).toBe(-4 * 3600_000);
    expect(offsetMs(mustLoadLocation('Asia/Kolkata'), at('2024-07-01T00:00:00Z'))).toBe(5.5 * 3600_000);
    // Go's zero time (year 1): representable
    expect(wallClock(UTC, -62135596800000)).toEqual({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 1 });
  });
});

describe('time.LoadLocation', () => {
  it.each([
    ['', 'UTC'], ['UTC', 'UTC'], ['Europe/Rome', 'Europe/Rome'], ['US/Eastern', 'US/Eastern'], ['Etc/GMT-14', 'Etc/GMT-14'],
  ])('%j loads as %s', (name, want) => {
    const r = loadLocation(name);
    expect('zone' in r && r.zone.name).toBe(want);
  });
  it.each([
    ['Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['europe/rome', 'unknown time zone europe/rome'],
    ['../etc/passwd', 'time: invalid location name'],
    ['/UTC', 'time: invalid location name'],
  ])('%j → %s', (name, error) => {
    expect(loadLocation(name)).toEqual({ error });
  });
  it('Local is the controller-manager zone', () => {
    expect(loadLocation('Local', LONDON)).toEqual({ zone: LONDON });
  });
});

describe('Format(time.RFC3339) in a zone', () => {
  it.each([
    [UTC, '2016-05-19T10:00:00Z', '2016-05-19T10:00:00Z'],
    [mustLoadLocation('Europe/Rome'), '2016-05-19T10:00:00Z', '2016-05-19T12:00:00+02:00'],
    [NY, '2024-01-15T14:30:00Z', '2024-01-15T09:30:00-05:00'],
    // a zero offset prints Z even outside UTC
    [LONDON, '2024-01-15T14:30:00Z', '2024-01-15T14:30:00Z'],
    [mustLoadLocation('Asia/Kolkata'), '2024-01-15T00:00:00Z', '2024-01-15T05:30:00+05:30'],
    // sub-second dropped
    [UTC, '2024-01-15T00:00:00.900Z', '2024-01-15T00:00:00Z'],
  ] as const)('%#: %s', (zone, t, want) => {
    expect(formatRFC3339(zone, at(t))).toBe(want);
  });
});
