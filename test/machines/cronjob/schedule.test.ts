import { describe, expect, it } from 'vitest';
import {
  formatSchedule, parse, parseGoDuration, parseStandard, unsupportedScheduleMessage,
  validateScheduleFormat, validateTimeZone, ZERO_TIME, type CronSchedule,
} from '../../../machines/cronjob/schedule.ts';
import { mustLoadLocation } from '../../../machines/cronjob/tz.ts';

function sched(spec: string, timeZone?: string): CronSchedule {
  const s = parse(spec, timeZone);
  if ('error' in s) throw new Error(s.error);
  return s;
}

const iso = (ms: number) => (ms === ZERO_TIME ? 'zero' : new Date(ms).toISOString().replace('.000Z', 'Z'));

/** The first `n` activations strictly after `from`. */
function runs(spec: string, from: string, n: number, timeZone?: string): string[] {
  const s = sched(spec, timeZone);
  const out: string[] = [];
  let t = Date.parse(from);
  for (let i = 0; i < n; i++) {
    t = s.next(t);
    out.push(iso(t));
    if (t === ZERO_TIME) break;
  }
  return out;
}

describe('robfig/cron v3 ParseStandard: errors (the texts of UnparseableSchedule and of API validation)', () => {
  it.each([
    ['', 'empty spec string'],
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['   ', 'expected exactly 5 fields, found 0: []'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * 32 * *', 'end of range (32) above maximum (31): 32'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['* * * * */-1', 'negative number (-1) not allowed: -1'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['-5 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['99999999999999999 * * * *', 'end of range (99999999999999999) above maximum (59): 99999999999999999'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['0 0 * * MONDAY', 'failed to parse int from MONDAY: strconv.Atoi: parsing "MONDAY": invalid syntax'],
    ['0 0 L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 * * 1#2', 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax'],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@every', 'unrecognized descriptor: @every'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ['CRON_TZ=america/new_york * * * * *', 'provided bad location america/new_york: unknown time zone america/new_york'],
  ])('%j → %s', (spec, error) => {
    expect(parseStandard(spec)).toEqual({ error });
  });

  it.each([
    ['* * * * ?'], ['0 0 ? * MON'], ['0 0 * jan-DEC sun-Sat'], ['*/61 * * * *'], ['5/15 * * * *'], ['0-59/1 * * * *'],
    ['@yearly'], ['@annually'], ['@monthly'], ['@weekly'], ['@daily'], ['@midnight'], ['@hourly'], ['@every 1h30m'],
    ['TZ=Europe/London 0 2 * * *'], ['CRON_TZ=UTC * * * * *'], ['1,,2 * * * *'], ['\t0\n0 * *  * '],
  ])('%j parses', (spec) => {
    expect('error' in parseStandard(spec)).toBe(false);
  });
});

describe('next activation (UTC, hand-worked)', () => {
  it.each([
    // every minute: strictly after, whole minutes
    ['* * * * *', '2024-01-01T10:00:30Z', ['2024-01-01T10:01:00Z', '2024-01-01T10:02:00Z']],
    ['* * * * *', '2024-01-01T10:01:00Z', ['2024-01-01T10:02:00Z']],
    ['* * * * *', '2024-12-31T23:59:59.999Z', ['2025-01-01T00:00:00Z']],
    // business hours, quarter-hourly; 2024-01-05 is a Friday
    ['*/15 9-17 * * MON-FRI', '2024-01-05T17:40:00Z', ['2024-01-05T17:45:00Z', '2024-01-08T09:00:00Z', '2024-01-08T09:15:00Z']],
    ['*/15 9-17 * * MON-FRI', '2024-01-08T12:07:00Z', ['2024-01-08T12:15:00Z']],
    // 1st and 15th at midnight
    ['0 0 1,15 * *', '2024-01-15T00:00:00Z', ['2024-02-01T00:00:00Z', '2024-02-15T00:00:00Z', '2024-03-01T00:00:00Z']],
    // day-of-week range with a step: 1-5/2 = Mon, Wed, Fri (2024-01-01 is a Monday)
    ['0 12 * * 1-5/2', '2024-01-01T12:00:00Z', ['2024-01-03T12:00:00Z', '2024-01-05T12:00:00Z', '2024-01-08T12:00:00Z']],
    // N/step is N-max/step
    ['5/15 * * * *', '2024-01-01T10:00:00Z', ['2024-01-01T10:05:00Z', '2024-01-01T10:20:00Z', '2024-01-01T10:35:00Z', '2024-01-01T10:50:00Z', '2024-01-01T11:05:00Z']],
    // a step past the range keeps the start only
    ['*/61 * * * *', '2024-01-01T10:00:00Z', ['2024-01-01T11:00:00Z']],
    // the 31st skips the short months
    ['0 0 31 * *', '2024-01-31T00:00:00Z', ['2024-03-31T00:00:00Z', '2024-05-31T00:00:00Z']],
    // Feb 29: leap years only
    ['0 0 29 2 *', '2024-03-01T00:00:00Z', ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']],
    // … and 2100 is not one: nothing within five years → Go's zero time
    ['0 0 29 2 *', '2096-03-01T00:00:00Z', ['zero']],
    ['0 0 30 2 *', '2024-01-01T00:00:00Z', ['zero']],
    ['59 23 31 2 *', '2024-01-01T00:00:00Z', ['zero']],
    // names, any case
    ['0 0 1 jan,JUL *', '2024-02-01T00:00:00Z', ['2024-07-01T00:00:00Z', '2025-01-01T00:00:00Z']],
  ] as const)('%s after %s', (spec, from, want) => {
    expect(runs(spec, from, want.length)).toEqual(want);
  });

  it.each([
    ['@yearly', '2024-03-01T00:00:00Z', ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z']],
    ['@annually', '2024-03-01T00:00:00Z', ['2025-01-01T00:00:00Z']],
    ['@monthly', '2024-01-31T12:00:00Z', ['2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z']],
    // Sunday midnight; 2024-01-01 is a Monday
    ['@weekly', '2024-01-01T00:00:00Z', ['2024-01-07T00:00:00Z', '2024-01-14T00:00:00Z']],
    ['@daily', '2024-01-01T00:00:00Z', ['2024-01-02T00:00:00Z']],
    ['@midnight', '2024-01-01T23:59:59Z', ['2024-01-02T00:00:00Z']],
    ['@hourly', '2024-01-01T10:59:59Z', ['2024-01-01T11:00:00Z', '2024-01-01T12:00:00Z']],
  ] as const)('descriptor %s after %s', (spec, from, want) => {
    expect(runs(spec, from, want.length)).toEqual(want);
  });

  it('@every: from the given time (truncated to the second), whole seconds, at least one', () => {
    expect(runs('@every 1h30m', '2024-01-01T10:00:00.700Z', 2)).toEqual(['2024-01-01T11:30:00Z', '2024-01-01T13:00:00Z']);
    expect(runs('@every 1.5s', '2024-01-01T10:00:00Z', 2)).toEqual(['2024-01-01T10:00:01Z', '2024-01-01T10:00:02Z']);
    expect(runs('@every 10ms', '2024-01-01T10:00:00Z', 1)).toEqual(['2024-01-01T10:00:01Z']);
    expect(runs('@every -5m', '2024-01-01T10:00:00Z', 1)).toEqual(['2024-01-01T10:00:01Z']);
    // @every ignores the time zone
    expect(runs('@every 1h', '2024-01-01T10:00:00Z', 1, 'Asia/Kolkata')).toEqual(['2024-01-01T11:00:00Z']);
  });
});

describe('day of month / day of week: OR when both are restricted, AND when either is a star', () => {
  // 2024-09-01 is a Sunday; Fridays: 6, 13, 20, 27 Sep; 4, 11, 18 Oct; 13 Oct is a Sunday.
  it.each([
    ['0 0 13 * FRI', ['2024-09-06', '2024-09-13', '2024-09-20', '2024-09-27', '2024-10-04', '2024-10-11', '2024-10-13', '2024-10-18']],
    ['0 0 * * FRI', ['2024-09-06', '2024-09-13', '2024-09-20']],
    ['0 0 ? * FRI', ['2024-09-06', '2024-09-13']],
    ['0 0 13 * *', ['2024-09-13', '2024-10-13']],
    ['0 0 13 * ?', ['2024-09-13', '2024-10-13']],
    // */1 keeps the star bit (AND); */2 drops it (OR: odd days or Fridays)
    ['0 0 */1 * FRI', ['2024-09-06', '2024-09-13']],
    ['0 0 */2 * FRI', ['2024-09-03', '2024-09-05', '2024-09-06', '2024-09-07', '2024-09-09']],
    // an explicit full range is not a star: OR → every day
    ['0 0 1-31 * FRI', ['2024-09-02', '2024-09-03', '2024-09-04']],
    // a list containing * is a star
    ['0 0 *,13 * FRI', ['2024-09-06', '2024-09-13']],
  ] as const)('%s', (spec, days) => {
    expect(runs(spec, '2024-09-01T00:00:00Z', days.length).map((d) => d.slice(0, 10))).toEqual(days);
  });

  it("robfig's TestActivation rows (minute resolution)", () => {
    const fires = (spec: string, at: string) => sched(spec).next(Date.parse(at) - 1000) === Date.parse(at);
    expect(fires('* * 1,15 * Sun', '2012-07-15T00:00:00Z')).toBe(true);
    expect(fires('* * 1,15 * Sun', '2012-06-15T00:00:00Z')).toBe(true);
    expect(fires('* * 1,15 * Sun', '2012-08-01T00:00:00Z')).toBe(true);
    expect(fires('* * * * Mon', '2012-07-15T00:00:00Z')).toBe(false);
    expect(fires('* * 1,15 * *', '2012-07-09T00:00:00Z')).toBe(false);
    expect(fires('* * 1,15 * *', '2012-07-15T00:00:00Z')).toBe(true);
    expect(fires('* * */2 * Sun', '2012-07-15T00:00:00Z')).toBe(true);
    expect(fires('30 08 ? Jul Sun', '2012-07-15T08:30:00Z')).toBe(true);
    expect(fires('30 08 15 Jul ?', '2012-07-15T08:30:00Z')).toBe(true);
    expect(fires('30 08 ? Jul Sun', '2012-07-16T08:30:00Z')).toBe(false);
  });
});

describe('DST: robfig skips wall times that do not exist and runs twice through a repeated hour', () => {
  // robfig/cron v3 spec_test.go TestNext, "Daylight savings time" rows (America/New_York, 2012).
  it.each([
    ['2012-03-11T00:00:00-05:00', '30 2 11 Mar ?', '2013-03-11T02:30:00-04:00'],
    ['2012-03-11T00:00:00-05:00', '0 * * * *', '2012-03-11T01:00:00-05:00'],
    ['2012-03-11T01:00:00-05:00', '0 * * * *', '2012-03-11T03:00:00-04:00'],
    ['2012-03-11T03:00:00-04:00', '0 * * * *', '2012-03-11T04:00:00-04:00'],
    ['2012-03-11T04:00:00-04:00', '0 * * * *', '2012-03-11T05:00:00-04:00'],
    ['2012-03-11T00:00:00-05:00', '0 1 * * *', '2012-03-11T01:00:00-05:00'],
    ['2012-03-11T01:00:00-05:00', '0 1 * * *', '2012-03-12T01:00:00-04:00'],
    ['2012-03-11T00:00:00-05:00', '0 2 * * *', '2012-03-12T02:00:00-04:00'],
    ['2012-11-04T00:00:00-04:00', '30 2 04 Nov ?', '2012-11-04T02:30:00-05:00'],
    ['2012-11-04T01:45:00-04:00', '30 1 04 Nov ?', '2012-11-04T01:30:00-05:00'],
    ['2012-11-04T00:00:00-04:00', '0 * * * *', '2012-11-04T01:00:00-04:00'],
    ['2012-11-04T01:00:00-04:00', '0 * * * *', '2012-11-04T01:00:00-05:00'],
    ['2012-11-04T01:00:00-05:00', '0 * * * *', '2012-11-04T02:00:00-05:00'],
    ['2012-11-04T00:00:00-04:00', '0 1 * * *', '2012-11-04T01:00:00-04:00'],
    ['2012-11-04T01:00:00-04:00', '0 1 * * *', '2012-11-04T01:00:00-05:00'],
    ['2012-11-04T01:00:00-05:00', '0 1 * * *', '2012-11-05T01:00:00-05:00'],
    ['2012-11-04T00:00:00-04:00', '0 2 * * *', '2012-11-04T02:00:00-05:00'],
    ['2012-11-04T02:00:00-05:00', '0 2 * * *', '2012-11-05T02:00:00-05:00'],
  ])('America/New_York %s %s → %s', (from, spec, want) => {
    expect(iso(sched(spec, 'America/New_York').next(Date.parse(from)))).toBe(iso(Date.parse(want)));
  });

  it('`0 2 * * *` in New York, 2024: no run on the spring-forward day, one run on the fall-back day', () => {
    expect(runs('0 2 * * *', '2024-03-09T07:00:00Z', 2, 'America/New_York')).toEqual(['2024-03-11T06:00:00Z', '2024-03-12T06:00:00Z']);
    expect(runs('0 2 * * *', '2024-11-02T06:00:00Z', 2, 'America/New_York')).toEqual(['2024-11-03T07:00:00Z', '2024-11-04T07:00:00Z']);
  });

  it('`0 2 * * *` in London, 2024: 02:00 exists on both change days (01:00-02:00 is the gap / the repeat)', () => {
    expect(runs('0 2 * * *', '2024-03-30T02:00:00Z', 2, 'Europe/London')).toEqual(['2024-03-31T01:00:00Z', '2024-04-01T01:00:00Z']);
    expect(runs('0 2 * * *', '2024-10-26T01:00:00Z', 2, 'Europe/London')).toEqual(['2024-10-27T02:00:00Z', '2024-10-28T02:00:00Z']);
  });

  it('`0 1 * * *` and `30 1 * * *` in London, 2024: skipped in March, twice in October', () => {
    expect(runs('0 1 * * *', '2024-03-30T01:00:00Z', 1, 'Europe/London')).toEqual(['2024-04-01T00:00:00Z']);
    expect(runs('30 1 * * *', '2024-03-30T01:30:00Z', 1, 'Europe/London')).toEqual(['2024-04-01T00:30:00Z']);
    expect(runs('0 1 * * *', '2024-10-26T00:00:00Z', 3, 'Europe/London')).toEqual(['2024-10-27T00:00:00Z', '2024-10-27T01:00:00Z', '2024-10-28T01:00:00Z']);
    expect(runs('30 1 * * *', '2024-10-26T00:30:00Z', 3, 'Europe/London')).toEqual(['2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z', '2024-10-28T01:30:00Z']);
  });

  it('every 15 minutes through the New York changes: 01:45 EST → 03:00 EDT; the 01:xx hour twice in November', () => {
    expect(runs('*/15 * * * *', '2024-03-10T06:30:00Z', 3, 'America/New_York')).toEqual(['2024-03-10T06:45:00Z', '2024-03-10T07:00:00Z', '2024-03-10T07:15:00Z']);
    const nov = runs('*/30 1 * * *', '2024-11-03T04:59:00Z', 5, 'America/New_York');
    expect(nov).toEqual(['2024-11-03T05:00:00Z', '2024-11-03T05:30:00Z', '2024-11-03T06:00:00Z', '2024-11-03T06:30:00Z', '2024-11-04T06:00:00Z']);
  });

  it('a zone whose midnight did not exist (São Paulo, 2018-11-04 00:00 → 01:00): @daily skips that day', () => {
    expect(runs('@daily', '2018-11-03T15:00:00Z', 2, 'America/Sao_Paulo')).toEqual(['2018-11-05T02:00:00Z', '2018-11-06T02:00:00Z']);
  });

  it('wall clocks in the zone: Asia/Kolkata (+05:30), Australia/Lord_Howe (+10:30/+11, 30-minute DST)', () => {
    expect(runs('0 9 * * *', '2024-01-01T00:00:00Z', 1, 'Asia/Kolkata')).toEqual(['2024-01-01T03:30:00Z']);
    // 2024-10-06 02:00 +10:30 → 02:30 +11: 02:00-02:29 does not exist
    expect(runs('15 2 * * *', '2024-10-04T15:45:00Z', 2, 'Australia/Lord_Howe')).toEqual(['2024-10-06T15:15:00Z', '2024-10-07T15:15:00Z']);
  });
});

describe('@every duration parsing (Go time.ParseDuration)', () => {
  it.each([
    ['1h30m', 5400000000000n], ['1.5h', 5400000000000n], ['300ms', 300000000n], ['-1.5h', -5400000000000n], ['0', 0n],
    ['1µs', 1000n], ['1us', 1000n], ['.5s', 500000000n], ['2h45m10.5s', 9910500000000n],
  ] as const)('%s', (s, ns) => {
    expect(parseGoDuration(s)).toEqual({ ns });
  });
  it.each([
    ['', 'time: invalid duration ""'], ['1', 'time: missing unit in duration "1"'], ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['.s', 'time: invalid duration ".s"'], ['x', 'time: invalid duration "x"'], ['9999999999h', 'time: invalid duration "9999999999h"'],
  ])('%j → %s', (s, error) => {
    expect(parseGoDuration(s)).toEqual({ error });
  });
});

describe('the controller view: formatSchedule and parse(schedule, timeZone)', () => {
  it('formatSchedule: a valid timeZone becomes a TZ= prefix; TZ in the schedule is used as is; an invalid zone is dropped', () => {
    expect(formatSchedule('0 2 * * *', 'Europe/London')).toEqual({ spec: 'TZ=Europe/London 0 2 * * *', unsupportedTZ: false });
    expect(formatSchedule('0 2 * * *', null)).toEqual({ spec: '0 2 * * *', unsupportedTZ: false });
    expect(formatSchedule('0 2 * * *', 'Mars/Olympus')).toEqual({ spec: '0 2 * * *', unsupportedTZ: false });
    expect(formatSchedule('CRON_TZ=Asia/Tokyo 0 2 * * *', 'Europe/London')).toEqual({ spec: 'CRON_TZ=Asia/Tokyo 0 2 * * *', unsupportedTZ: true });
    expect(unsupportedScheduleMessage('TZ=UTC * * * * *')).toBe('CRON_TZ or TZ used in schedule "TZ=UTC * * * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details');
  });

  it('parse: the time zone of the schedule, TZ= in the schedule winning; the local zone when none', () => {
    expect(runs('0 9 * * *', '2024-01-01T00:00:00Z', 1, 'Asia/Tokyo')).toEqual(['2024-01-02T00:00:00Z']);
    expect(runs('TZ=Asia/Tokyo 0 9 * * *', '2024-01-01T00:00:00Z', 1, 'Europe/London')).toEqual(['2024-01-02T00:00:00Z']);
    const local = parse('0 9 * * *', null, mustLoadLocation('Asia/Kolkata'));
    expect('error' in local ? local.error : new Date(local.next(Date.parse('2024-01-01T00:00:00Z'))).toISOString()).toBe('2024-01-01T03:30:00.000Z');
    expect(parse('61 * * * *', 'UTC')).toEqual({ error: 'end of range (61) above maximum (59): 61' });
  });
});

describe('API validation (validation.go)', () => {
  it('validateScheduleFormat', () => {
    expect(validateScheduleFormat('*/5 * * * *', false, null)).toEqual([]);
    expect(validateScheduleFormat('61 * * * *', false, null)).toEqual(['end of range (61) above maximum (59): 61']);
    expect(validateScheduleFormat('CRON_TZ=UTC * * * * *', false, null)).toEqual(['cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
    expect(validateScheduleFormat('TZ=UTC 0 0 * * *', true, 'UTC')).toEqual(['cannot use both timeZone field and TZ or CRON_TZ in schedule']);
    expect(validateScheduleFormat('TZ=UTC 0 0 * * *', true, null)).toEqual([]);
    expect(validateScheduleFormat('TZ=Nowhere 0 0 * * *', false, null)).toEqual([
      'provided bad location Nowhere: unknown time zone Nowhere', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('validateTimeZone', () => {
    expect(validateTimeZone(undefined)).toEqual([]);
    expect(validateTimeZone('Europe/London')).toEqual([]);
    expect(validateTimeZone('Etc/GMT+5')).toEqual([]);
    expect(validateTimeZone('')).toEqual(['timeZone must be nil or non-empty string']);
    expect(validateTimeZone('Mars/Olympus')).toEqual(['unknown time zone Mars/Olympus']);
    expect(validateTimeZone('America/../UTC')).toEqual(['unknown time zone America/../UTC']);
    expect(validateTimeZone('America/Argentina_Buenos_Aires')).toEqual(['unknown time zone America/Argentina_Buenos_Aires']);
    expect(validateTimeZone('local')).toEqual(['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones', 'unknown time zone local']);
    expect(validateTimeZone('Local')).toEqual(['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']);
  });

});
