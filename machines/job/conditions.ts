/**
 * Job conditions and the events the Job controller records.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/job_controller.go: newCondition,
 * ensureJobConditionStatus, newFailureCondition, newSuccessCondition, delayTerminalCondition,
 * newFailedConditionForFailureTarget, syncJob (the Suspended / Resumed block), recordJobFinished,
 * and the UnknownCompletionMode event of syncJob.
 *
 * Texts (exact):
 *  - suspend: condition `Suspended=True`, reason `JobSuspended`, message `Job suspended`;
 *    event Normal `Suspended` "Job suspended";
 *  - resume: condition `Suspended=False`, reason `JobResumed`, message `Job resumed`; event
 *    Normal `Resumed` "Job resumed"; startTime is reset to now;
 *  - success: Normal `Completed` "Job completed", preceded by Warning `TooManySucceededPods`
 *    "Too many succeeded pods running after completion count reached" when succeeded > completions;
 *  - failure: Warning `<condition reason>` "<condition message>";
 *  - unknown completionMode: Warning `UnknownCompletionMode` "Skipped Job sync because completion mode is unknown".
 *
 * The success condition: the version read (commit 6ae037f1, the 1.31 development line) writes
 * reason "" / message "". PR #126074's review (JobSuccessPolicy beta, 1.31) moved the
 * `CompletionsReached` reason under gate JobSuccessPolicy with message "Reached expected number
 * of succeeded pods" (the text real clusters show); the merged code at a 1.32 tag was not read, so
 * this follows the gate: JobSuccessPolicy on (1.32) → reason CompletionsReached with that message.
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1.d.ts';
import type { ControllerEvent } from '../replicaset/events.ts';
import { iso } from '../time.ts';
import {
  delayTerminalCondition, jobGates, JOB_COMPLETE, JOB_FAILED, JOB_FAILURE_TARGET, JOB_SUCCESS_CRITERIA_MET,
  JOB_SUSPENDED, REASON_COMPLETIONS_REACHED, type JobGates,
} from './spec.ts';

export type JobEvent = ControllerEvent;

export const REASON_JOB_SUSPENDED = 'JobSuspended';
export const MESSAGE_JOB_SUSPENDED = 'Job suspended';
export const REASON_JOB_RESUMED = 'JobResumed';
export const MESSAGE_JOB_RESUMED = 'Job resumed';
export const MESSAGE_BACKOFF_LIMIT_EXCEEDED = 'Job has reached the specified backoff limit';
export const MESSAGE_DEADLINE_EXCEEDED = 'Job was active longer than specified deadline';
export const MESSAGE_MAX_FAILED_INDEXES_EXCEEDED = 'Job has exceeded the specified maximal number of failed indexes';
export const MESSAGE_FAILED_INDEXES = 'Job has failed indexes';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';

export const SUSPENDED_EVENT: JobEvent = Object.freeze({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
export const RESUMED_EVENT: JobEvent = Object.freeze({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
export const COMPLETED_EVENT: JobEvent = Object.freeze({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
export const TOO_MANY_SUCCEEDED_PODS_EVENT: JobEvent = Object.freeze({
  type: 'Warning', reason: 'TooManySucceededPods', message: 'Too many succeeded pods running after completion count reached',
});
export const UNKNOWN_COMPLETION_MODE_EVENT: JobEvent = Object.freeze({
  type: 'Warning', reason: 'UnknownCompletionMode', message: 'Skipped Job sync because completion mode is unknown',
});

/**
 * `newCondition(type, status, reason, message, now)`: lastProbeTime = lastTransitionTime = now
 * (serialised at second precision); empty reason / message are omitted (`omitempty`).
 */
export function newCondition(type: string, status: string, reason: string, message: string, now: number): JobCondition {
  const t = iso(now);
  const c: JobCondition = { type, status, lastProbeTime: t, lastTransitionTime: t };
  if (reason !== '') c.reason = reason;
  if (message !== '') c.message = message;
  return c;
}

/**
 * `ensureJobConditionStatus(list, type, status, reason, message, now)`: an existing condition of
 * that type is REPLACED by a fresh one (new times) when status, reason or message differ; absent,
 * a condition is appended unless the status is "False". Returns a new list and whether it changed.
 */
export function ensureJobConditionStatus(
  list: readonly JobCondition[] | undefined,
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): { conditions: JobCondition[]; changed: boolean } {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = out[i];
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      out[i] = newCondition(type, status, reason, message, now);
      return { conditions: out, changed: true };
    }
    return { conditions: out, changed: false };
  }
  if (status !== 'False') return { conditions: [...out, newCondition(type, status, reason, message, now)], changed: true };
  return { conditions: out, changed: false };
}

/** `newFailureCondition(reason, message)`: FailureTarget when `delayTerminalCondition()`, else Failed. */
export function newFailureCondition(reason: string, message: string, now: number, gates?: JobGates): JobCondition {
  return newCondition(delayTerminalCondition(gates) ? JOB_FAILURE_TARGET : JOB_FAILED, 'True', reason, message, now);
}

/**
 * `newSuccessCondition()`: SuccessCriteriaMet when `delayTerminalCondition()`, else Complete;
 * (gate JobSuccessPolicy) reason `CompletionsReached`, message "Reached expected number of
 * succeeded pods" — see the module note on what was confirmed.
 */
export function newSuccessCondition(now: number, gates?: JobGates): JobCondition {
  const type = delayTerminalCondition(gates) ? JOB_SUCCESS_CRITERIA_MET : JOB_COMPLETE;
  const g = jobGates(gates);
  return g.jobSuccessPolicy
    ? newCondition(type, 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, now)
    : newCondition(type, 'True', '', '', now);
}

/** `newFailedConditionForFailureTarget(condition, now)`: Failed=True with the same reason and message. */
export function newFailedConditionForFailureTarget(cond: JobCondition, now: number): JobCondition {
  return newCondition(JOB_FAILED, 'True', cond.reason ?? '', cond.message ?? '', now);
}

/** The Complete condition trackJobStatusAndRemoveFinalizers prepares from SuccessCriteriaMet (same reason / message). */
export function newCompleteConditionForSuccessCriteriaMet(cond: JobCondition, now: number): JobCondition {
  return newCondition(JOB_COMPLETE, 'True', cond.reason ?? '', cond.message ?? '', now);
}

export interface SuspendUpdate {
  conditions: JobCondition[];
  /** Whether the Suspended condition was added or updated (`suspendCondChanged`). */
  changed: boolean;
  event: JobEvent | null;
  /** On resume: the new `status.startTime` (now); otherwise null (keep). */
  startTime: string | null;
}

/**
 * The Suspended-condition block of `syncJob` (run only when manageJob ran in this sync and the
 * Job did not complete): suspended → ensure `Suspended=True/JobSuspended/"Job suspended"`, event
 * `Suspended`; not suspended → ensure `Suspended=False/JobResumed/"Job resumed"` (a no-op when no
 * Suspended condition exists: False conditions are never appended), and when that changed the
 * condition: event `Resumed` and startTime reset to now ("ActiveDeadlineSeconds is interpreted as
 * the number of seconds a Job is continuously active").
 */
export function suspendConditionUpdate(job: Job, conditions: readonly JobCondition[] | undefined, now: number): SuspendUpdate {
  if (job.spec?.suspend === true) {
    const r = ensureJobConditionStatus(conditions, JOB_SUSPENDED, 'True', REASON_JOB_SUSPENDED, MESSAGE_JOB_SUSPENDED, now);
    return { conditions: r.conditions, changed: r.changed, event: r.changed ? SUSPENDED_EVENT : null, startTime: null };
  }
  const r = ensureJobConditionStatus(conditions, JOB_SUSPENDED, 'False', REASON_JOB_RESUMED, MESSAGE_JOB_RESUMED, now);
  return { conditions: r.conditions, changed: r.changed, event: r.changed ? RESUMED_EVENT : null, startTime: r.changed ? iso(now) : null };
}

/**
 * `recordJobFinished(job, finishedCond)` events: Complete → (TooManySucceededPods when
 * `status.succeeded > completions`) then `Completed`; otherwise a Warning with the condition's
 * reason and message.
 */
export function jobFinishedEvents(job: Job, finishedCond: JobCondition): JobEvent[] {
  if (finishedCond.type === JOB_COMPLETE) {
    const out: JobEvent[] = [];
    const completions = job.spec?.completions;
    if (completions != null && (job.status?.succeeded ?? 0) > completions) out.push(TOO_MANY_SUCCEEDED_PODS_EVENT);
    out.push(COMPLETED_EVENT);
    return out;
  }
  return [{ type: 'Warning', reason: finishedCond.reason ?? '', message: finishedCond.message ?? '' }];
}
