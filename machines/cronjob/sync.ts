/**
 * One CronJob sync as a plan: `ControllerV2.sync` → `cleanupFinishedJobs` then `syncCronJob`,
 * returning the new status, the events in upstream's order, the Jobs to delete, the Job created
 * (through the caller's `create`, the only call whose answer the sync needs) and the requeue.
 * Also the informer's `updateCronJob` requeue rule.
 *
 * Upstream (kubernetes/kubernetes, pkg/controller/cronjob/cronjob_controllerv2.go, 1.31+ form):
 * `sync`, `syncCronJob`, `cleanupFinishedJobs`, `removeOldestJobs`, `deleteJob`, `updateCronJob`,
 * `formatSchedule`; injection.go `realJobControl.DeleteJob` (propagation Background).
 *
 * `syncCronJob`, in order:
 *  1. every reconciled Job (controller ref named after the CronJob): unfinished and not in
 *     `active` → Warning `UnexpectedJob` (unless a fresh GET of the CronJob lists it); finished
 *     and in `active` → removed, Normal `SawCompletedJob`; succeeded (in `active` or not) →
 *     `lastSuccessfulTime` = the latest `completionTime`;
 *  2. every `active` entry without a reconciled Job whose GET is NotFound → removed, Normal
 *     `MissingJob` (an entry naming a Job that exists but is not ours stays);
 *  3. being deleted → status only; `timeZone` that does not load → Warning `UnknownTimeZone`;
 *     `suspend` → nothing (running jobs are left alone); schedule does not parse → Warning
 *     `UnparseableSchedule`. None of these requeue (the next spec change or job event does);
 *  4. `nextScheduleTime` (with `TooManyMissedTimes`); its error → Warning `InvalidSchedule`, no
 *     requeue; no time due → requeue at the next time;
 *  5. `startingDeadlineSeconds` passed (scheduled + deadline < now) → Warning `MissSchedule`,
 *     requeue; already handled (the job name in `active`, or lastScheduleTime = scheduled) →
 *     requeue; `Forbid` with an active job → Normal `JobAlreadyActive`, requeue (that time is
 *     skipped, not queued); `Replace` → every active job is fetched (FailedGet on error) and
 *     deleted (Background), Normal `SuccessfulDelete`;
 *  6. create `getJobFromTemplate2` → Normal `SuccessfulCreate`; AlreadyExists and ours and not
 *     in `active` → adopted silently; AlreadyExists otherwise → nothing, NO requeue; another
 *     error → Warning `FailedCreate` and a rate-limited retry;
 *  7. `active` += the job's reference, `lastScheduleTime` = the scheduled (nominal) time,
 *     requeue at `nextScheduleTimeDuration` (next time + 100 ms).
 * Only the most recent due time is ever started; older missed times are dropped.
 *
 * `cleanupFinishedJobs` runs first, on the same working copy: with either history limit set,
 * finished Jobs split into Complete and Failed; beyond each limit the oldest (byJobStartTime:
 * start time, unset last, then name) are deleted, removed from `active`, Normal
 * `SuccessfulDelete`. A nil limit keeps that kind forever (the API defaults them to 3 and 1).
 * Manual jobs (`kubectl create job --from=cronjob/…`, controller ref since kubectl 1.31) are
 * reconciled, counted in the history and can set `lastSuccessfulTime` like scheduled ones.
 *
 * Deviations: the API is consistent with the lister (a GET answers from `namespaceJobs`); when
 * the fresh GET lists an unexpected job, upstream continues with the fresh object (whose later
 * status changes are not the ones `sync` writes) — here the working copy is kept; API errors
 * other than create's are not modelled; the caller's `create` and `remove` run inside the call,
 * in upstream's order (a Replace's deletions before the create).
 */
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1.d.ts';
import type { ObjectReference } from 'kubernetes-types/core/v1.d.ts';
import type { ControllerEvent } from '../replicaset/events.ts';
import { iso } from '../time.ts';
import {
  failedCreateEvent, failedGetEvent, invalidScheduleEvent, jobAlreadyActiveEvent, jobNotFoundError, missingJobEvent,
  missScheduleEvent, sawCompletedJobEvent, successfulCreateEvent, successfulDeleteEvent, unexpectedJobEvent,
  unknownTimeZoneEvent, unparseableCronJobScheduleEvent, unparseableScheduleEvent, unsupportedScheduleEvent,
} from './events.ts';
import {
  compareByJobStartTime, deleteFromActiveList, finishedCondition, getJobFromTemplate2, getJobsToBeReconciled, getRef,
  inActiveList, inActiveListByName, isControlledBy, isJobFinished, isJobSucceeded, JOB_COMPLETE, JOB_FAILED,
} from './jobs.ts';
import { formatSchedule, parseStandard } from './schedule.ts';
import { FORBID_CONCURRENT, REPLACE_CONCURRENT } from './spec.ts';
import { getJobName, nextScheduleTime, nextScheduleTimeDuration, timeMs } from './times.ts';
import { loadLocation, UTC, type Zone } from './tz.ts';

export interface SyncContext {
  now: number;
  /** Every Job of the CronJob's namespace: the lister, and what a GET by name finds. */
  namespaceJobs: readonly Job[];
  /** The controller-manager's `time.Local` (schedules without timeZone). Default UTC. */
  localZone?: Zone;
  /** The CronJob as a fresh GET returns it (the UnexpectedJob re-check). Default: the synced object. */
  fresh?: CronJob;
}

/** The API's answer to the Job create. */
export type CreateOutcome =
  | { created: Job }
  | { alreadyExists: Job }
  | { error: string; namespaceTerminating?: boolean };

export interface JobDeletion {
  namespace: string;
  name: string;
  uid?: string;
  /** realJobControl.DeleteJob always deletes with Background propagation. */
  propagationPolicy: 'Background';
  /** `history`: cleanupFinishedJobs; `replace`: concurrencyPolicy Replace. */
  cause: 'history' | 'replace';
}

export interface SyncResult {
  /** The status after the sync (what UpdateStatus writes when `updateStatus`). */
  status: CronJobStatus;
  updateStatus: boolean;
  events: ControllerEvent[];
  deletions: JobDeletion[];
  /** The Job request sent to `create`, if any. */
  createRequest?: Job;
  /** `queue.AddAfter(key, d)`; null: no requeue (or a rate-limited retry when `error`). */
  requeueAfterMs: number | null;
  /** The sync's error: the key is retried with the rate limiter. */
  error?: string;
}

/** The working copy of a sync: the CronJob and the status being built. */
interface Work {
  cj: CronJob;
  active: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
  events: ControllerEvent[];
  deletions: JobDeletion[];
  /** The API's Job delete, called as each deletion is decided (so a Replace deletes before it creates). */
  remove?: (d: JobDeletion) => void;
}

function view(w: Work): CronJob {
  return { ...w.cj, status: statusOf(w) };
}

function statusOf(w: Work): CronJobStatus {
  const s: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string } = {};
  if (w.active.length > 0) s.active = w.active;
  if (w.lastScheduleTime !== undefined) s.lastScheduleTime = w.lastScheduleTime;
  if (w.lastSuccessfulTime !== undefined) s.lastSuccessfulTime = w.lastSuccessfulTime;
  return s as CronJobStatus;
}

/** cronjob_controllerv2.go `deleteJob`: delete (Background), drop from `active`, Normal `SuccessfulDelete`. */
function deleteJob(w: Work, job: Job, cause: JobDeletion['cause']): void {
  const md = job.metadata ?? {};
  const d: JobDeletion = { namespace: md.namespace ?? w.cj.metadata?.namespace ?? '', name: md.name ?? '', propagationPolicy: 'Background', cause };
  if (md.uid) d.uid = md.uid;
  w.deletions.push(d);
  w.remove?.(d);
  w.active = deleteFromActiveList(w.active, md.uid);
  w.events.push(successfulDeleteEvent(md.name ?? ''));
}

/** cronjob_controllerv2.go `removeOldestJobs(cj, js, maxJobs)`: the oldest `len − max` by byJobStartTime. */
function removeOldestJobs(w: Work, js: Job[], maxJobs: number): boolean {
  const numToDelete = js.length - maxJobs;
  if (numToDelete <= 0) return false;
  const sorted = [...js].sort(compareByJobStartTime);
  for (let i = 0; i < numToDelete; i++) deleteJob(w, sorted[i]!, 'history');
  return true;
}

/**
 * cronjob_controllerv2.go `cleanupFinishedJobs(cj, js)`: nothing when both limits are nil;
 * else the Jobs finished Complete / Failed beyond each set limit, oldest first. Returns whether
 * the status must be written.
 */
function cleanupFinishedJobs(w: Work, js: readonly Job[]): boolean {
  const spec = w.cj.spec;
  const successfulLimit = spec?.successfulJobsHistoryLimit;
  const failedLimit = spec?.failedJobsHistoryLimit;
  if ((failedLimit === undefined || failedLimit === null) && (successfulLimit === undefined || successfulLimit === null)) return false;
  const successful: Job[] = [];
  const failed: Job[] = [];
  for (const job of js) {
    const f = finishedCondition(job);
    if (f.finished && f.condition === JOB_COMPLETE) successful.push(job);
    else if (f.finished && f.condition === JOB_FAILED) failed.push(job);
  }
  let update = false;
  if (successfulLimit !== undefined && successfulLimit !== null && removeOldestJobs(w, successful, successfulLimit)) update = true;
  if (failedLimit !== undefined && failedLimit !== null && removeOldestJobs(w, failed, failedLimit)) update = true;
  return update;
}

interface Step {
  requeueAfterMs: number | null;
  updateStatus: boolean;
  error?: string;
  createRequest?: Job;
}

/** cronjob_controllerv2.go `syncCronJob(ctx, cronJob, jobs)` on the working copy. */
function syncCronJob(w: Work, jobs: readonly Job[], ctx: SyncContext, create: (job: Job) => CreateOutcome): Step {
  const now = ctx.now;
  const localZone = ctx.localZone ?? UTC;
  let updateStatus = false;
  const ns = w.cj.metadata?.namespace ?? '';

  const children = new Set<string>();
  for (const j of jobs) {
    const uid = j.metadata?.uid ?? '';
    children.add(uid);
    const found = w.active.some((a) => (a.uid ?? '') === uid);
    if (!found && !isJobFinished(j)) {
      if (inActiveList(ctx.fresh ?? w.cj, uid)) continue;
      w.events.push(unexpectedJobEvent(j.metadata?.name ?? ''));
    } else if (isJobFinished(j)) {
      if (found) {
        const f = finishedCondition(j);
        w.active = deleteFromActiveList(w.active, uid);
        w.events.push(sawCompletedJobEvent(j.metadata?.name ?? '', f.finished ? f.condition : ''));
        updateStatus = true;
      }
      if (isJobSucceeded(j)) {
        const completion = j.status?.completionTime;
        if (w.lastSuccessfulTime === undefined) {
          w.lastSuccessfulTime = completion;
          updateStatus = true;
        }
        if (completion && timeMs(completion) > timeMs(w.lastSuccessfulTime)) {
          w.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }
  }

  for (const a of [...w.active]) {
    if (children.has(a.uid ?? '')) continue;
    const exists = ctx.namespaceJobs.some((j) => (j.metadata?.name ?? '') === (a.name ?? '') && (j.metadata?.namespace ?? '') === (a.namespace ?? ''));
    if (!exists) {
      w.events.push(missingJobEvent(a.name ?? ''));
      w.active = deleteFromActiveList(w.active, a.uid);
      updateStatus = true;
    }
  }

  if (w.cj.metadata?.deletionTimestamp) return { requeueAfterMs: null, updateStatus };

  const spec = w.cj.spec;
  const timeZone = spec?.timeZone;
  if (timeZone !== undefined && timeZone !== null) {
    const l = loadLocation(timeZone, localZone);
    if ('error' in l) {
      w.events.push(unknownTimeZoneEvent(timeZone, l.error));
      return { requeueAfterMs: null, updateStatus };
    }
  }
  if (spec?.suspend === true) return { requeueAfterMs: null, updateStatus };

  const schedule = spec?.schedule ?? '';
  const formatted = formatSchedule(schedule, timeZone);
  if (formatted.unsupportedTZ) w.events.push(unsupportedScheduleEvent(schedule));
  const parsed = parseStandard(formatted.spec, localZone);
  if ('error' in parsed) {
    w.events.push(unparseableScheduleEvent(schedule, parsed.error));
    return { requeueAfterMs: null, updateStatus };
  }
  const sched = parsed.schedule;

  const next = nextScheduleTime(view(w), now, sched);
  w.events.push(...next.events);
  if (next.error !== undefined) {
    w.events.push(invalidScheduleEvent(schedule, next.error));
    return { requeueAfterMs: null, updateStatus };
  }
  const requeue = (): Step => ({ requeueAfterMs: nextScheduleTimeDuration(view(w), now, sched), updateStatus });
  if (next.scheduledTime === null) return requeue();
  const scheduledTime = next.scheduledTime;

  const sds = spec?.startingDeadlineSeconds;
  const tooLate = sds !== undefined && sds !== null && scheduledTime + sds * 1000 < now;
  if (tooLate) {
    w.events.push(missScheduleEvent(scheduledTime));
    return requeue();
  }
  const current = view(w);
  if (inActiveListByName(current, { name: getJobName(current, scheduledTime), namespace: ns })
    || (w.lastScheduleTime !== undefined && timeMs(w.lastScheduleTime) === scheduledTime)) {
    return requeue();
  }
  if (spec?.concurrencyPolicy === FORBID_CONCURRENT && w.active.length > 0) {
    w.events.push(jobAlreadyActiveEvent());
    return requeue();
  }
  if (spec?.concurrencyPolicy === REPLACE_CONCURRENT) {
    for (const a of [...w.active]) {
      const job = ctx.namespaceJobs.find((j) => (j.metadata?.name ?? '') === (a.name ?? '') && (j.metadata?.namespace ?? '') === (a.namespace ?? ''));
      if (!job) {
        const err = jobNotFoundError(a.name ?? '');
        w.events.push(failedGetEvent(err));
        return { requeueAfterMs: null, updateStatus, error: err };
      }
      deleteJob(w, job, 'replace');
      updateStatus = true;
    }
  }

  const built = getJobFromTemplate2(view(w), scheduledTime, localZone);
  if ('error' in built) return { requeueAfterMs: null, updateStatus, error: built.error };
  const jobReq = built.job;
  const outcome = create(jobReq);
  let jobResp: Job;
  let jobAlreadyExists = false;
  if ('error' in outcome) {
    if (outcome.namespaceTerminating) return { requeueAfterMs: null, updateStatus, error: outcome.error, createRequest: jobReq };
    w.events.push(failedCreateEvent(outcome.error));
    return { requeueAfterMs: null, updateStatus, error: outcome.error, createRequest: jobReq };
  } else if ('alreadyExists' in outcome) {
    jobAlreadyExists = true;
    jobResp = outcome.alreadyExists;
    if (!isControlledBy(jobResp, w.cj)) return { requeueAfterMs: null, updateStatus, createRequest: jobReq };
    if (w.active.some((a) => (a.uid ?? '') === (jobResp.metadata?.uid ?? ''))) return { requeueAfterMs: null, updateStatus, createRequest: jobReq };
  } else {
    jobResp = outcome.created;
  }
  if (!jobAlreadyExists) w.events.push(successfulCreateEvent(jobResp.metadata?.name ?? ''));

  w.active = [...w.active, getRef(jobResp)];
  w.lastScheduleTime = iso(scheduledTime);
  updateStatus = true;
  return { ...requeue(), updateStatus, createRequest: jobReq };
}

/**
 * cronjob_controllerv2.go `ControllerV2.sync(key)` for a CronJob that exists: reconciled Jobs,
 * `cleanupFinishedJobs`, then `syncCronJob`, on one working copy of the status. `create` is
 * the API's Job create (called at most once, with the request also returned as
 * `createRequest`); `remove`, if given, the API's Job delete, called for each deletion when it
 * is decided (all deletions are also listed in the result).
 */
export function syncCronJobPlan(cj: CronJob, ctx: SyncContext, create: (job: Job) => CreateOutcome, remove?: (d: JobDeletion) => void): SyncResult {
  const jobs = getJobsToBeReconciled(cj, ctx.namespaceJobs);
  const st = cj.status ?? {};
  const w: Work = { cj, active: [...(st.active ?? [])], events: [], deletions: [], ...(remove ? { remove } : {}) };
  if (st.lastScheduleTime !== undefined && st.lastScheduleTime !== null) w.lastScheduleTime = st.lastScheduleTime;
  if (st.lastSuccessfulTime !== undefined && st.lastSuccessfulTime !== null) w.lastSuccessfulTime = st.lastSuccessfulTime;

  const updateAfterCleanup = cleanupFinishedJobs(w, jobs);
  const step = syncCronJob(w, jobs, ctx, create);
  const result: SyncResult = {
    status: statusOf(w),
    updateStatus: updateAfterCleanup || step.updateStatus,
    events: w.events,
    deletions: w.deletions,
    requeueAfterMs: step.requeueAfterMs,
  };
  if (step.createRequest) result.createRequest = step.createRequest;
  if (step.error !== undefined) result.error = step.error;
  return result;
}

export interface UpdateRequeue {
  /** `enqueueControllerAfter(d)`; 0 = `enqueueController` (now); null = not requeued. */
  requeueAfterMs: number | null;
  events: ControllerEvent[];
}

/**
 * cronjob_controllerv2.go `updateCronJob(old, new)` (the informer's update handler): a changed
 * schedule or timeZone requeues at `nextScheduleTimeDuration` of the new object — or, when the
 * new schedule does not parse, records Warning `UnParseableCronJobSchedule` and does not
 * requeue; any other change requeues now.
 */
export function onCronJobUpdate(oldCj: CronJob, newCj: CronJob, now: number, localZone: Zone = UTC): UpdateRequeue {
  const oldTz = oldCj.spec?.timeZone ?? null;
  const newTz = newCj.spec?.timeZone ?? null;
  const schedule = newCj.spec?.schedule ?? '';
  if ((oldCj.spec?.schedule ?? '') !== schedule || oldTz !== newTz) {
    const parsed = parseStandard(formatSchedule(schedule, newTz).spec, localZone);
    if ('error' in parsed) return { requeueAfterMs: null, events: [unparseableCronJobScheduleEvent(schedule)] };
    return { requeueAfterMs: nextScheduleTimeDuration(newCj, now, parsed.schedule), events: [] };
  }
  return { requeueAfterMs: 0, events: [] };
}
