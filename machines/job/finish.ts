/**
 * Whether a sync finds the Job finished, and with which condition — step 6 of `syncJob` — plus
 * the per-index sets of Indexed Jobs that step computes on the way.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/job_controller.go: syncJob (from
 * `exceedsBackoffLimit` to the success-policy check), pastActiveDeadline, pastBackoffLimitOnFailure,
 * getFailJobMessage, newFailureCondition, newFailedConditionForFailureTarget;
 * success_policy.go matchSuccessPolicy / hasSuccessCriteriaMetCondition; indexed_job_utils.go
 * calculateSucceededIndexes / calculateFailedIndexes / getPodsWithDelayedDeletionPerIndex.
 *
 * First match wins:
 *  1. an existing `SuccessCriteriaMet=True` → it stays the decision (success already decided;
 *     the pod failure policy is not evaluated);
 *  2. an existing `FailureTarget=True` → `Failed` with its reason and message;
 *  3. a failed pod matching a FailJob rule → `FailureTarget`, reason `PodFailurePolicy`, the rule's
 *     message (always the interim condition, whatever the gates);
 *  4. `failed > backoffLimit`, or (restartPolicy OnFailure) pastBackoffLimitOnFailure →
 *     `BackoffLimitExceeded` "Job has reached the specified backoff limit";
 *  5. `now − startTime ≥ activeDeadlineSeconds` (never while suspended) → `DeadlineExceeded`
 *     "Job was active longer than specified deadline"; otherwise, with a deadline and not
 *     suspended, requeue when it will pass;
 *  6. Indexed: succeeded = |succeeded indexes|; with backoffLimitPerIndex (evaluated only while
 *     still undecided): |failed indexes| > maxFailedIndexes → `MaxFailedIndexesExceeded` "Job has
 *     exceeded the specified maximal number of failed indexes"; else some failed and
 *     failed + succeeded ≥ completions → `FailedIndexes` "Job has failed indexes";
 *  7. Indexed, still undecided: a successPolicy rule matches → `SuccessCriteriaMet`, reason
 *     `SuccessPolicy`, "Matched rules at index <i>".
 * Failures 4–6 use newFailureCondition: `FailureTarget` with 1.32's gates (delayTerminalCondition),
 * `Failed` without. Normal completion (completions reached) is decided later, after manageJob
 * (see sync.ts).
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { timeMs } from '../replicaset/status.ts';
import {
  MESSAGE_BACKOFF_LIMIT_EXCEEDED, MESSAGE_DEADLINE_EXCEEDED, MESSAGE_FAILED_INDEXES, MESSAGE_MAX_FAILED_INDEXES_EXCEEDED, newCondition,
  newFailedConditionForFailureTarget, newFailureCondition,
} from './conditions.ts';
import {
  calculateFailedIndexes, calculateSucceededIndexes, getPodsWithDelayedDeletionPerIndex, isPodFailed, pastBackoffLimitOnFailure,
  type JobPodsContext,
} from './counting.ts';
import { getFailJobMessage } from './failure-policy.ts';
import { intervalsTotal, type Interval } from './indexes.ts';
import { hasSuccessCriteriaMetCondition, matchSuccessPolicy } from './success-policy.ts';
import {
  backoffLimitOf, findConditionByType, hasBackoffLimitPerIndex, isIndexedJob, jobSuspended, JOB_FAILURE_TARGET, JOB_SUCCESS_CRITERIA_MET,
  REASON_BACKOFF_LIMIT_EXCEEDED, REASON_DEADLINE_EXCEEDED, REASON_FAILED_INDEXES, REASON_MAX_FAILED_INDEXES_EXCEEDED,
  REASON_POD_FAILURE_POLICY, REASON_SUCCESS_POLICY,
} from './spec.ts';

/** The Job's `status.startTime` in ms, or null. */
export function startTimeMs(job: Job): number | null {
  return timeMs(job.status?.startTime);
}

/**
 * job_controller.go `pastActiveDeadline(job)`: false without activeDeadlineSeconds, without a
 * startTime, or while suspended; else `now − startTime ≥ activeDeadlineSeconds`.
 * `startMs` overrides status.startTime (the in-memory value syncJob may just have set).
 */
export function pastActiveDeadline(job: Job, now: number, startMs: number | null = startTimeMs(job)): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads == null || startMs === null || jobSuspended(job)) return false;
  return now - startMs >= ads * 1000;
}

/**
 * syncJob's deadline requeue (`queue.AddAfter(key, ads − (now − startTime))`), when a deadline is
 * set, the Job is not suspended and not past it; else null.
 */
export function activeDeadlineRequeueMs(job: Job, now: number, startMs: number | null = startTimeMs(job)): number | null {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads == null || jobSuspended(job) || startMs === null) return null;
  if (pastActiveDeadline(job, now, startMs)) return null;
  return ads * 1000 - (now - startMs);
}

export interface IndexedSets {
  /** jobCtx.prevSucceededIndexes (from status.completedIndexes). */
  prevSucceeded: Interval[];
  /** jobCtx.succeededIndexes. */
  succeeded: Interval[];
  /** jobCtx.failedIndexes (backoffLimitPerIndex), else null. */
  failed: Interval[] | null;
  /** jobCtx.podsWithDelayedDeletionPerIndex (backoffLimitPerIndex), else empty. */
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
}

export interface FinishDecisionInput extends JobPodsContext {
  /** `controller.FilterActivePods(pods)`. */
  activePods: readonly Pod[];
  /** jobCtx.failed. */
  failed: number;
  /** The effective startTime in ms (status.startTime, or now when this sync set it), or null. */
  startTime: number | null;
  now: number;
}

export interface FinishDecision {
  /** jobCtx.finishedCondition, or null. */
  condition: JobCondition | null;
  /** Which rule decided (for tests / tracing). */
  rule: 'successCriteriaMet' | 'failureTarget' | 'podFailurePolicy' | 'backoffLimit' | 'deadline' | 'maxFailedIndexes' | 'failedIndexes' | 'successPolicy' | null;
  /** The activeDeadline requeue (ms), when one was scheduled. */
  deadlineRequeueMs: number | null;
  /** Indexed Jobs: the index sets; null for NonIndexed. */
  indexes: IndexedSets | null;
}

/** syncJob step 6 (module doc). */
export function decideFinishedCondition(input: FinishDecisionInput): FinishDecision {
  const { job, pods, now, gates } = input;
  let condition: JobCondition | null = hasSuccessCriteriaMetCondition(job, gates) ?? null;
  let rule: FinishDecision['rule'] = condition ? 'successCriteriaMet' : null;
  let deadlineRequeueMs: number | null = null;

  if (condition === null) {
    const ft = findConditionByType(job.status?.conditions, JOB_FAILURE_TARGET);
    if (ft && ft.status === 'True') {
      condition = newFailedConditionForFailureTarget(ft, now);
      rule = 'failureTarget';
    } else {
      const msg = getFailJobMessage(job, pods, (p) => isPodFailed(p, job, gates), gates);
      if (msg !== null) {
        condition = newCondition(JOB_FAILURE_TARGET, 'True', REASON_POD_FAILURE_POLICY, msg, now);
        rule = 'podFailurePolicy';
      }
    }
  }
  if (condition === null) {
    if (input.failed > backoffLimitOf(job) || pastBackoffLimitOnFailure(job, pods)) {
      condition = newFailureCondition(REASON_BACKOFF_LIMIT_EXCEEDED, MESSAGE_BACKOFF_LIMIT_EXCEEDED, now, gates);
      rule = 'backoffLimit';
    } else if (pastActiveDeadline(job, now, input.startTime)) {
      condition = newFailureCondition(REASON_DEADLINE_EXCEEDED, MESSAGE_DEADLINE_EXCEEDED, now, gates);
      rule = 'deadline';
    } else {
      deadlineRequeueMs = activeDeadlineRequeueMs(job, now, input.startTime);
    }
  }

  let indexes: IndexedSets | null = null;
  if (isIndexedJob(job)) {
    const s = calculateSucceededIndexes(job, pods);
    indexes = { prevSucceeded: s.prev, succeeded: s.all, failed: null, podsWithDelayedDeletionPerIndex: new Map() };
    const completions = job.spec?.completions ?? 0;
    if (hasBackoffLimitPerIndex(job, gates)) {
      indexes.failed = calculateFailedIndexes(job, pods, gates);
      if (condition === null) {
        const nFailed = intervalsTotal(indexes.failed);
        const max = job.spec?.maxFailedIndexes;
        if (max != null && nFailed > max) {
          condition = newFailureCondition(REASON_MAX_FAILED_INDEXES_EXCEEDED, MESSAGE_MAX_FAILED_INDEXES_EXCEEDED, now, gates);
          rule = 'maxFailedIndexes';
        } else if (nFailed > 0 && nFailed + intervalsTotal(indexes.succeeded) >= completions) {
          condition = newFailureCondition(REASON_FAILED_INDEXES, MESSAGE_FAILED_INDEXES, now, gates);
          rule = 'failedIndexes';
        }
      }
      indexes.podsWithDelayedDeletionPerIndex = getPodsWithDelayedDeletionPerIndex(input, input.activePods, indexes.succeeded, indexes.failed);
    }
    if (condition === null) {
      const m = matchSuccessPolicy(job.spec?.successPolicy, indexes.succeeded, completions, gates);
      if (m) {
        condition = newCondition(JOB_SUCCESS_CRITERIA_MET, 'True', REASON_SUCCESS_POLICY, m.message, now);
        rule = 'successPolicy';
      }
    }
  }
  return { condition, rule, deadlineRequeueMs, indexes };
}
