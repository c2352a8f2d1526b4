/**
 * Events of the CronJob controller (source component `cronjob-controller`), exact texts.
 *
 * Upstream (kubernetes/kubernetes): pkg/controller/cronjob/cronjob_controllerv2.go
 * (`syncCronJob`, `deleteJob`, `formatSchedule`, `updateCronJob`) and utils.go
 * (`nextScheduleTime`). Read in a 1.31+ version of the file (typed workqueue,
 * `jobutil.FinishedCondition`); the 1.32 tag itself was not pinned (see the report), but no
 * change to these texts between 1.31 and 1.32 is known.
 *
 * Version notes:
 *  - `SawCompletedJob` says `condition: <Complete|Failed>` since the job-util refactor (PR
 *    #123537, 1.31); before it, `status: <…>`.
 *  - `TooManyMissedTimes` has no count since 1.29 (PR #121327, three-valued missed schedules);
 *    the job for the most recent time is still created. Older texts ("too many missed start
 *    times: %d. …", and before 1.21 the `FailedNeedsStart` "Cannot determine if job needs to be
 *    started: Too many missed start time (> 100). …" with no job started) are not 1.32's.
 */
import type { ControllerEvent } from '../replicaset/events.ts';
import { goQuote } from '../deployment/fenceposts.ts';
import { formatRFC1123Z } from '../../src/views/duration.ts';

export type { ControllerEvent };

/** `EventSource{Component: "cronjob-controller"}`. */
export const CRONJOB_CONTROLLER_COMPONENT = 'cronjob-controller';

const normal = (reason: string, message: string): ControllerEvent => ({ type: 'Normal', reason, message });
const warning = (reason: string, message: string): ControllerEvent => ({ type: 'Warning', reason, message });

/** An unfinished job controlled by the CronJob but missing from `status.active` (after a fresh GET). */
export const unexpectedJobEvent = (job: string) => warning('UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job}`);

/** An active job that finished: `condition` is `Complete` or `Failed`. */
export const sawCompletedJobEvent = (job: string, condition: string) => normal('SawCompletedJob', `Saw completed job: ${job}, condition: ${condition}`);

/** An active reference whose Job is gone (confirmed by a GET). */
export const missingJobEvent = (job: string) => normal('MissingJob', `Active job went missing: ${job}`);

/** `time.LoadLocation(spec.timeZone)` failed: `invalid timeZone: %q: %s`. */
export const unknownTimeZoneEvent = (timeZone: string, err: string) => warning('UnknownTimeZone', `invalid timeZone: ${goQuote(timeZone)}: ${err}`);

/** formatSchedule: a schedule containing `TZ`. */
export const unsupportedScheduleEvent = (schedule: string) =>
  warning('UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${goQuote(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);

/** `cron.ParseStandard` failed: `unparseable schedule: %q : %s` (note the spaces around the colon). */
export const unparseableScheduleEvent = (schedule: string, err: string) => warning('UnparseableSchedule', `unparseable schedule: ${goQuote(schedule)} : ${err}`);

/** mostRecentScheduleTime's error (two fire times < 1 s apart, e.g. `59 23 31 2 *`): `invalid schedule: %s : %s`. */
export const invalidScheduleEvent = (schedule: string, err: string) => warning('InvalidSchedule', `invalid schedule: ${schedule} : ${err}`);

/** More than 100 start times missed (the job for the most recent one is still created). */
export const tooManyMissedTimesEvent = () =>
  warning('TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');

/** scheduledTime + startingDeadlineSeconds is before now: the time in UTC, Go `time.RFC1123Z`. */
export const missScheduleEvent = (scheduledMs: number) => warning('MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduledMs)}`);

/** concurrencyPolicy Forbid with an active job. */
export const jobAlreadyActiveEvent = () =>
  normal('JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');

/** Replace: the GET of an active job failed. */
export const failedGetEvent = (err: string) => warning('FailedGet', `Get job: ${err}`);

/** deleteJob succeeded (Replace, or history cleanup). */
export const successfulDeleteEvent = (job: string) => normal('SuccessfulDelete', `Deleted job ${job}`);

/** deleteJob failed (upstream's text really is "Deleted job: <err>"). */
export const failedDeleteEvent = (err: string) => warning('FailedDelete', `Deleted job: ${err}`);

/** CreateJob failed (other than AlreadyExists or a terminating namespace). */
export const failedCreateEvent = (err: string) => warning('FailedCreate', `Error creating job: ${err}`);

/** CreateJob succeeded (not recorded when the job already existed). */
export const successfulCreateEvent = (job: string) => normal('SuccessfulCreate', `Created job ${job}`);

/** updateCronJob (the informer's update handler): the new schedule does not parse. */
export const unparseableCronJobScheduleEvent = (schedule: string) => warning('UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${schedule}`);

/** apimachinery NotFound text of a Job GET. */
export const jobNotFoundError = (name: string) => `jobs.batch ${goQuote(name)} not found`;
