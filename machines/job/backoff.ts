/**
 * The pod-failure backoff of the Job controller: the in-memory backoff record per Job, and how
 * long pod creation waits after failures — globally, or per index with backoffLimitPerIndex.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/backoff_utils.go: backoffRecord,
 * backoffStore.newBackoffRecord, sortByFinishedTime, backoffRecord.getRemainingTime,
 * getRemainingTimePerIndex, getRemainingTimeForFailuresCount; job_controller.go
 * getPodCreationInfoForIndependentIndexes, enqueueSyncJobWithDelay.
 *
 * The record lives in the controller's memory (lost on restart), keyed by the Job; it is stored
 * only when a sync flushes the Job status, and removed when the Job is finished or deleted.
 * Delay for n consecutive failures: `10 s × 2^(n−1)`, capped at 10 min (n=1 → 10 s, 2 → 20 s,
 * 3 → 40 s, 4 → 80 s, 5 → 160 s, 6 → 320 s, ≥7 → 600 s), minus the time since the last failure.
 * Times are ms; Go's nanosecond precision and the unstable `sort.Slice` are not reproduced
 * (the sort here is stable).
 */
import type { Pod } from '../../src/types.ts';
import { getFinishedTime } from './counting.ts';
import { getIndexAbsoluteFailureCount } from './indexes.ts';
import { DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS, SYNC_JOB_BATCH_PERIOD_MS, type JobGates } from './spec.ts';

/** backoff_utils.go `backoffRecord` (the key is the caller's). */
export interface BackoffRecord {
  /** Consecutive pod failures since the last success. */
  failuresAfterLastSuccess: number;
  /** Finish time (ms) of the latest of those failures, or null. */
  lastFailureTime: number | null;
}

export const EMPTY_BACKOFF_RECORD: Readonly<BackoffRecord> = Object.freeze({ failuresAfterLastSuccess: 0, lastFailureTime: null });

/** `sortByFinishedTime` as a stable copy, earliest finish first. */
export function sortByFinishedTime(pods: readonly Pod[], gates?: JobGates): Pod[] {
  return pods.map((p) => ({ p, t: getFinishedTime(p, gates) })).sort((a, b) => a.t - b.t).map((e) => e.p);
}

/**
 * `backoffStore.newBackoffRecord(key, newSucceededPods, newFailedPods)`, from the stored record
 * (null = none):
 *  - no new pods → unchanged;
 *  - only failures → failuresAfterLastSuccess += their count; lastFailureTime = the latest finish;
 *  - only successes → reset to 0 / null;
 *  - both → reset, then count the failures that finished strictly AFTER the latest success;
 *    lastFailureTime = the latest of those.
 */
export function newBackoffRecord(stored: BackoffRecord | null, newSucceededPods: readonly Pod[], newFailedPods: readonly Pod[], gates?: JobGates): BackoffRecord {
  const rec: BackoffRecord = stored ? { ...stored } : { failuresAfterLastSuccess: 0, lastFailureTime: null };
  const succ = sortByFinishedTime(newSucceededPods, gates);
  const fail = sortByFinishedTime(newFailedPods, gates);
  if (succ.length === 0) {
    if (fail.length === 0) return rec;
    rec.failuresAfterLastSuccess += fail.length;
    rec.lastFailureTime = getFinishedTime(fail[fail.length - 1], gates);
    return rec;
  }
  rec.failuresAfterLastSuccess = 0;
  rec.lastFailureTime = null;
  if (fail.length === 0) return rec;
  const lastSuccess = getFinishedTime(succ[succ.length - 1], gates);
  for (let i = fail.length - 1; i >= 0; i--) {
    const t = getFinishedTime(fail[i], gates);
    if (!(t > lastSuccess)) break;
    if (rec.lastFailureTime === null) rec.lastFailureTime = t;
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/**
 * The backoff duration of `getRemainingTimeForFailuresCount` before the elapsed time is
 * subtracted: 0 for no failures, else `default × 2^(n−1)` capped at `max`.
 */
export function backoffDuration(failures: number, defaultMs = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, maxMs = MAX_JOB_POD_FAILURE_BACKOFF_MS): number {
  if (failures === 0) return 0;
  let d = defaultMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) {
      d = maxMs;
      break;
    }
  }
  return d;
}

/**
 * `getRemainingTimeForFailuresCount(clock, default, max, failuresCount, lastFailureTime)`:
 * 0 without failures; else the backoff duration minus the time since the last failure, 0 once
 * that has passed. (A null lastFailureTime with failures cannot come out of newBackoffRecord;
 * it is taken as "long ago".)
 */
export function getRemainingTimeForFailuresCount(
  now: number,
  failures: number,
  lastFailureTime: number | null,
  defaultMs = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS,
  maxMs = MAX_JOB_POD_FAILURE_BACKOFF_MS,
): number {
  if (failures === 0) return 0;
  if (lastFailureTime === null) return 0;
  const d = backoffDuration(failures, defaultMs, maxMs);
  const elapsed = now - lastFailureTime;
  if (d < elapsed) return 0;
  return d - elapsed;
}

/** `backoffRecord.getRemainingTime(clock, default, max)`: the global pod-creation delay (ms). */
export function getRemainingTime(record: BackoffRecord, now: number): number {
  return getRemainingTimeForFailuresCount(now, record.failuresAfterLastSuccess, record.lastFailureTime);
}

/**
 * `getRemainingTimePerIndex(logger, clock, default, max, lastFailedPod)`: 0 without a previous
 * failed pod for the index; else failures = the pod's absolute failure count (counted + ignored
 * annotations) + 1, timed from the pod's finish time.
 */
export function getRemainingTimePerIndex(lastFailedPod: Pod | null | undefined, now: number, gates?: JobGates): number {
  if (lastFailedPod == null) return 0;
  return getRemainingTimeForFailuresCount(now, getIndexAbsoluteFailureCount(lastFailedPod) + 1, getFinishedTime(lastFailedPod, gates));
}

/**
 * job_controller.go `getPodCreationInfoForIndependentIndexes(indexesToAdd, podsWithDelayedDeletionPerIndex)`:
 * the indexes whose own backoff has elapsed (in order); when none, the smallest remaining delay.
 */
export function getPodCreationInfoForIndependentIndexes(
  indexesToAdd: readonly number[],
  podsWithDelayedDeletionPerIndex: ReadonlyMap<number, Pod>,
  now: number,
  gates?: JobGates,
): { indexes: number[]; remainingMs: number } {
  const now_: number[] = [];
  let min: number | null = null;
  for (const ix of indexesToAdd) {
    const r = getRemainingTimePerIndex(podsWithDelayedDeletionPerIndex.get(ix), now, gates);
    if (r === 0) now_.push(ix);
    else if (min === null || r < min) min = r;
  }
  if (now_.length > 0) return { indexes: now_, remainingMs: 0 };
  return { indexes: now_, remainingMs: min ?? 0 };
}

/** job_controller.go `enqueueSyncJobWithDelay`: the delay, raised to at least syncJobBatchPeriod (1 s). */
export function syncDelayAtLeastBatchPeriod(delayMs: number): number {
  return delayMs < SYNC_JOB_BATCH_PERIOD_MS ? SYNC_JOB_BATCH_PERIOD_MS : delayMs;
}
