import { describe, expect, it } from 'vitest';
import type { CronJob } from 'kubernetes-types/batch/v1.d.ts';
import { parse, ZERO_TIME, type CronSchedule } from '../../../machines/cronjob/schedule.ts';
import {
  getJobName, getTimeHashInMinutes, mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration, timeMs,
} from '../../../machines/cronjob/times.ts';
import { iso } from '../../../machines/time.ts';

// upstream utils_test.go: topOfTheHour() = 2016-05-19T10:00:00Z (a Thursday).
const TOP = Date.parse('2016-05-19T10:00:00Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const after = (d: number) => TOP + d;

function sched(spec: string): CronSchedule {
  const s = parse(spec, null);
  if ('error' in s) throw new Error(s.error);
  return s;
}

function cj(schedule: string, created: number, o: { last?: number; sds?: number; name?: string } = {}): CronJob {
  return {
    metadata: { name: o.name ?? 'mycronjob', namespace: 'default', uid: '1a2b3c', creationTimestamp: iso(created) },
    spec: {
      schedule, jobTemplate: {},
      ...(o.sds !== undefined ? { startingDeadlineSeconds: o.sds } : {}),
    },
    ...(o.last !== undefined ? { status: { lastScheduleTime: iso(o.last) } } : {}),
  } as CronJob;
}

describe('mostRecentScheduleTime (utils_test.go TestMostRecentScheduleTime)', () => {
  it.each([
    ['now before next schedule', cj('0 * * * *', TOP), false, after(30 * S), TOP, null, 'none'],
    ['now just after next schedule', cj('0 * * * *', TOP), false, after(61 * M), TOP, after(60 * M), 'none'],
    ['missed 5 schedules', cj('0 * * * *', after(10 * S)), false, after(301 * M), after(10 * S), after(300 * M), 'few'],
    ['complex schedule', cj('30 6-16/4 * * 1-5', TOP, { last: after(30 * M) }), false, after(D + 31 * M), after(30 * M), after(D + 30 * M), 'few'],
    // the estimate overshoots a weekday-only schedule: Friday 12:30 is not found (upstream expects nil)
    ['another complex schedule', cj('30 10,11,12 * * 1-5', TOP, { last: after(30 * M) }), false, after(30 * H + 30 * M), after(30 * M), null, 'few'],
    ['complex schedule with longer diff between executions', cj('30 6-16/4 * * 1-5', TOP, { last: after(30 * M) }), false, after(96 * H + 31 * M), after(30 * M), after(96 * H + 30 * M), 'few'],
    ['complex schedule with shorter diff between executions', cj('30 6-16/4 * * 1-5', TOP), false, after(D + 31 * M), TOP, after(D + 30 * M), 'few'],
    ['@every schedule', cj('@every 1h', after(-59 * M), { sds: 10, last: after(1 * M) }), false, after(7 * D), after(1 * M), after(6 * D + 23 * H + 1 * M), 'many'],
    ['earliestTime being CreationTimestamp and LastScheduleTime', cj('0 * * * *', TOP, { last: TOP }), false, after(30 * S), TOP, null, 'none'],
    ['earliestTime being LastScheduleTime', cj('*/5 * * * *', TOP, { last: after(30 * M) }), false, after(31 * M), after(30 * M), null, 'none'],
    ['earliestTime being LastScheduleTime (within StartingDeadlineSeconds)', cj('*/5 * * * *', TOP, { last: after(30 * M), sds: 60 }), false, after(31 * M), after(30 * M), null, 'none'],
    ['earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)', cj('*/5 * * * *', TOP, { last: after(30 * M), sds: 60 }), true, after(32 * M), after(31 * M), null, 'none'],
  ] as const)('%s', (_n, c, includeSDS, now, earliest, recent, missed) => {
    const r = mostRecentScheduleTime(c, now, sched(c.spec!.schedule), includeSDS);
    expect(r).toEqual({ earliestTime: earliest, mostRecentTime: recent, missedSchedules: missed });
  });

  it('rogue cronjob: 59 23 31 2 * never fires — the error, no time', () => {
    const c = cj('59 23 31 2 *', after(10 * S));
    expect(mostRecentScheduleTime(c, after(H), sched(c.spec!.schedule), false)).toEqual({
      earliestTime: after(10 * S), mostRecentTime: null, missedSchedules: 'none', error: 'time difference between two schedules is less than 1 second',
    });
  });

  it('exactly 100 missed is "few", 101 is "many"', () => {
    const c = cj('* * * * *', TOP);
    // t1 = TOP+1m; now = t1 + 99 min → 100 missed; + 100 min → 101
    expect(mostRecentScheduleTime(c, after(100 * M), sched('* * * * *'), false).missedSchedules).toBe('few');
    expect(mostRecentScheduleTime(c, after(101 * M), sched('* * * * *'), false).missedSchedules).toBe('many');
    expect(mostRecentScheduleTime(c, after(101 * M), sched('* * * * *'), false).mostRecentTime).toBe(after(101 * M));
  });
});

describe('nextScheduleTime (utils_test.go TestNextScheduleTime, hourly "0 * * * ?")', () => {
  const T1 = TOP;
  const T2 = after(H);
  const s = sched('0 * * * ?');
  it.each([
    ['1: none needed yet', cj('0 * * * ?', T1 - 10 * M), T1 - 7 * M, null],
    ['2: one needed', cj('0 * * * ?', T1 - 10 * M), T1 + 2 * S, T1],
    ['3: known LastScheduleTime, none needed', cj('0 * * * ?', T1 - 10 * M, { last: T1 }), T1 + 2 * M, null],
    ['4: known LastScheduleTime, one needed', cj('0 * * * ?', T1 - 10 * M, { last: T1 }), T2 + 5 * M, T2],
    ['5: two needed: the most recent only', cj('0 * * * ?', T1 - 2 * H, { last: T1 - H }), T2 + 5 * M, T2],
    ['7: far behind, short deadline', cj('0 * * * ?', T1 - 2 * H, { last: T1 - H, sds: 2 * 60 * 60 }), T2 + 10 * D, T2 + 10 * D],
  ] as const)('case %s', (_n, c, now, want) => {
    expect(nextScheduleTime(c, now, s)).toEqual({ scheduledTime: want, events: [] });
  });

  it('case 6: far behind, no deadline: the most recent time, with TooManyMissedTimes', () => {
    const r = nextScheduleTime(cj('0 * * * ?', T1 - 2 * H, { last: T1 - H }), T2 + 10 * D, s);
    expect(r).toEqual({
      scheduledTime: T2 + 10 * D,
      events: [{ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' }],
    });
  });

  it('case 8: the error of mostRecentScheduleTime comes up', () => {
    expect(nextScheduleTime(cj('59 23 31 2 *', T1 + 10 * S), after(H), sched('59 23 31 2 *')))
      .toEqual({ scheduledTime: null, error: 'time difference between two schedules is less than 1 second', events: [] });
  });

  it('startingDeadlineSeconds: a time older than the deadline is never returned (so MissSchedule cannot fire)', () => {
    // hourly, last run 09:00, now 10:05 with a 60 s deadline: 10:00 is past the deadline
    const c = cj('0 * * * *', T1 - 2 * H, { last: T1 - H, sds: 60 });
    expect(nextScheduleTime(c, T1 + 5 * M, sched('0 * * * *'))).toEqual({ scheduledTime: null, events: [] });
    // inside the deadline it is returned
    expect(nextScheduleTime(c, T1 + 30 * S, sched('0 * * * *'))).toEqual({ scheduledTime: T1, events: [] });
  });
});

describe('nextScheduleTimeDuration (utils_test.go TestNextScheduleTimeDuration): next time − now + 100 ms', () => {
  it.each([
    ['complex schedule skipping weekend', cj('30 6-16/4 * * 1-5', TOP, { last: after(30 * M) }), after(D + 31 * M), 3 * H + 59 * M + 100],
    ['another complex schedule skipping weekend', cj('30 10,11,12 * * 1-5', TOP, { last: after(30 * M) }), after(30 * H + 30 * M), 66 * H + 100],
    ['once a week cronjob, missed two runs', cj('0 12 * * 4', TOP, { last: after(2 * H) }), after(19 * D + H + 30 * M), 48 * H + 30 * M + 100],
    ['no previous run of a cronjob', cj('0 12 * * 5', TOP), after(6 * H), 20 * H + 100],
  ] as const)('%s', (_n, c, now, want) => {
    expect(nextScheduleTimeDuration(c, now, sched(c.spec!.schedule))).toBe(want);
  });

  it('right after a run: the next slot + 100 ms', () => {
    expect(nextScheduleTimeDuration(cj('*/5 * * * *', TOP, { last: after(5 * M) }), after(5 * M + 100), sched('*/5 * * * *'))).toBe(5 * M);
  });

  it('an error (rogue schedule) aims at next(now): the zero time, a negative delay', () => {
    expect(nextScheduleTimeDuration(cj('59 23 31 2 *', TOP), after(H), sched('59 23 31 2 *'))).toBe(ZERO_TIME + 100 - after(H));
  });
});

describe('job names', () => {
  it('getTimeHashInMinutes: Unix() / 60', () => {
    expect(getTimeHashInMinutes(TOP)).toBe(24394200);
    expect(getTimeHashInMinutes(TOP + 59 * S + 999)).toBe(24394200);
    expect(getTimeHashInMinutes(Date.parse('2024-01-01T00:00:00Z'))).toBe(28401120);
  });
  it('getJobName: <cronjob>-<minutes>', () => {
    expect(getJobName(cj('* * * * *', TOP, { name: 'hello' }), Date.parse('2024-01-01T00:05:00Z'))).toBe('hello-28401125');
  });
  it('timeMs: an absent stamp is the zero time', () => {
    expect(timeMs(undefined)).toBe(ZERO_TIME);
    expect(timeMs('2016-05-19T10:00:00Z')).toBe(TOP);
  });
});
