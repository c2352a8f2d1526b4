/**
 * The CronJob controller's schedule arithmetic: which scheduled time is due, how many were
 * missed, when to look again, and the job name of a scheduled time.
 *
 * Upstream (kubernetes/kubernetes, pkg/controller/cronjob): utils.go (`mostRecentScheduleTime`,
 * `nextScheduleTimeDuration`, `nextScheduleTime`, `getTimeHashInMinutes`, `missedSchedulesType`)
 * in its 1.29+ form (PR #121327: none / few / many missed), cronjob_controllerv2.go
 * (`getJobName`, `nextScheduleDelta`), utils_test.go (`TestMostRecentScheduleTime`,
 * `TestNextScheduleTimeDuration`, `TestNextScheduleTime`: ported as test vectors).
 *
 * Times are ms since the epoch; Go's `time.Duration` arithmetic (nanoseconds, saturating at
 * ±292 years in `Sub`, truncating `int64(d.Seconds())`, `Round(time.Second)` half away from zero)
 * is reproduced where the result depends on it.
 */
import type { CronJob } from 'kubernetes-types/batch/v1.d.ts';
import type { ControllerEvent } from '../replicaset/events.ts';
import { tooManyMissedTimesEvent } from './events.ts';
import { ZERO_TIME, type CronSchedule } from './schedule.ts';
import { NEXT_SCHEDULE_DELTA_MS, TOO_MANY_MISSED } from './spec.ts';

export type MissedSchedules = 'none' | 'few' | 'many';

/** A `metav1.Time` as ms; absent or unparsable → Go's zero time. */
export function timeMs(t: string | null | undefined): number {
  if (!t) return ZERO_TIME;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? ZERO_TIME : ms;
}

/** Go `maxDuration` in seconds (`Duration.Seconds()` of 1<<63 − 1 ns). */
const MAX_DURATION_S = 9223372036.854775807;

/** Go `a.Sub(b).Seconds()`: saturates at ±maxDuration. */
function subSeconds(a: number, b: number): number {
  const s = (a - b) / 1000;
  return s > MAX_DURATION_S ? MAX_DURATION_S : s < -MAX_DURATION_S ? -MAX_DURATION_S : s;
}

/** Go `int64(a.Sub(b).Round(time.Second).Seconds())`: half away from zero. */
function roundSeconds(a: number, b: number): number {
  const s = subSeconds(a, b);
  return s < 0 ? -Math.floor(-s + 0.5) : Math.floor(s + 0.5);
}

export interface MostRecentScheduleTime {
  /** `status.lastScheduleTime`, else `metadata.creationTimestamp`, raised to now − startingDeadlineSeconds when asked. */
  earliestTime: number;
  /** The most recent scheduled time ≤ now after earliestTime, or null. */
  mostRecentTime: number | null;
  missedSchedules: MissedSchedules;
  /** Logically impossible schedule: `time difference between two schedules is less than 1 second`. */
  error?: string;
}

/** Guard against upstream's unbounded scan when `Next` starts returning the zero time. */
const MAX_SCAN = 100_000;

/**
 * utils.go `mostRecentScheduleTime(cj, now, schedule, includeStartingDeadlineSeconds)`:
 *  1. earliest = lastScheduleTime ?? creationTimestamp; with includeStartingDeadlineSeconds and
 *     a deadline, earliest = max(earliest, now − startingDeadlineSeconds);
 *  2. t1 = next(earliest), t2 = next(t1); now < t1 → nothing due; now < t2 → t1 (none missed);
 *  3. the interval t2 − t1 (rounded to seconds) < 1 → the error above;
 *  4. missed = ⌊(now − t1)/interval⌋ + 1, an estimate; the scan for the latest time ≤ now starts
 *     at t1 + (missed − 2)·interval, so an irregular schedule (weekdays only) can find nothing
 *     (upstream's "another complex schedule" vector: null, few missed);
 *  5. missed > 100 → many, > 0 → few.
 * Deviation: upstream loops forever if `Next` returns the zero time inside the scan; here the
 * scan stops there (or after 100 000 steps) and reports no time.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: CronSchedule, includeStartingDeadlineSeconds: boolean): MostRecentScheduleTime {
  let earliestTime = timeMs(cj.metadata?.creationTimestamp);
  let missedSchedules: MissedSchedules = 'none';
  const last = cj.status?.lastScheduleTime;
  if (last) earliestTime = timeMs(last);
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && sds !== undefined && sds !== null) {
    const schedulingDeadline = now - sds * 1000;
    if (schedulingDeadline > earliestTime) earliestTime = schedulingDeadline;
  }

  const t1 = schedule.next(earliestTime);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliestTime, mostRecentTime: null, missedSchedules };
  if (now < t2) return { earliestTime, mostRecentTime: t1, missedSchedules };

  const timeBetweenTwoSchedules = roundSeconds(t2, t1);
  if (timeBetweenTwoSchedules < 1) {
    return { earliestTime, mostRecentTime: null, missedSchedules, error: 'time difference between two schedules is less than 1 second' };
  }
  const timeElapsed = Math.trunc(subSeconds(now, t1));
  const numberOfMissedSchedules = Math.trunc(timeElapsed / timeBetweenTwoSchedules) + 1;

  let mostRecentTime = ZERO_TIME;
  const potentialEarliest = t1 + (numberOfMissedSchedules - 1 - 1) * timeBetweenTwoSchedules * 1000;
  let steps = 0;
  for (let t = schedule.next(potentialEarliest); !(t > now); t = schedule.next(t)) {
    if (t === ZERO_TIME || ++steps > MAX_SCAN) {
      mostRecentTime = ZERO_TIME;
      break;
    }
    mostRecentTime = t;
  }

  if (numberOfMissedSchedules > TOO_MANY_MISSED) missedSchedules = 'many';
  else if (numberOfMissedSchedules > 0) missedSchedules = 'few';

  if (mostRecentTime === ZERO_TIME) return { earliestTime, mostRecentTime: null, missedSchedules };
  return { earliestTime, mostRecentTime, missedSchedules };
}

export interface NextScheduleTime {
  /** The scheduled time to act on now, or null. */
  scheduledTime: number | null;
  error?: string;
  /** `TooManyMissedTimes` when more than 100 were missed (recorded, and the time is still returned). */
  events: ControllerEvent[];
}

/**
 * utils.go `nextScheduleTime(logger, cj, now, schedule, recorder)`: mostRecentScheduleTime with
 * the starting deadline; no time (or one after now) → null with the error if any; many missed →
 * Warning `TooManyMissedTimes`, and the most recent time is still returned.
 */
export function nextScheduleTime(cj: CronJob, now: number, schedule: CronSchedule): NextScheduleTime {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecentTime === null || r.mostRecentTime > now) {
    return r.error === undefined ? { scheduledTime: null, events: [] } : { scheduledTime: null, error: r.error, events: [] };
  }
  const events = r.missedSchedules === 'many' ? [tooManyMissedTimesEvent()] : [];
  return { scheduledTime: r.mostRecentTime, events };
}

/**
 * utils.go `nextScheduleTimeDuration(cj, now, schedule)`: the requeue delay,
 * `next(base) + 100 ms − now`, where base is the most recent due time (without the starting
 * deadline), or — none due — earliestTime when nothing was missed and now when something was,
 * or now on error. Can be ≤ 0 only for a schedule that never fires (next = zero time).
 */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: CronSchedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let base: number;
  if (r.error !== undefined) base = now;
  else if (r.mostRecentTime === null) base = r.missedSchedules === 'none' ? r.earliestTime : now;
  else base = r.mostRecentTime;
  return schedule.next(base) + NEXT_SCHEDULE_DELTA_MS - now;
}

/** utils.go `getTimeHashInMinutes`: `scheduledTime.Unix() / 60` (Go integer division). */
export function getTimeHashInMinutes(scheduledMs: number): number {
  return Math.trunc(Math.floor(scheduledMs / 1000) / 60);
}

/** cronjob_controllerv2.go `getJobName`: `<cronjob>-<minutes since the epoch>`. */
export function getJobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata?.name ?? ''}-${getTimeHashInMinutes(scheduledMs)}`;
}
