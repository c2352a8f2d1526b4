/**
 * One `manageJob` call as a PLAN: which pods to delete, how many (and which indexes) to create,
 * or how long to wait — assuming every API call succeeds.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/job_controller.go: manageJob,
 * activePodsForRemoval, deleteJobPods (the finalizer is patched away BEFORE the delete, so pods
 * removed here are never counted as failed), getPodCreationInfoForIndependentIndexes; slow start
 * from pkg/controller/controller_utils.go (SlowStartInitialBatchSize, reused from
 * ../replicaset/slowstart.ts).
 *
 * In order:
 *  1. Suspended → delete ALL active pods (activePodsForRemoval order; no 500 cap); done.
 *  2. wantActive: completions nil → `succeeded > 0 ? active : parallelism` (after the first
 *     success nothing new starts; the Job completes when the active pods are gone);
 *     else `clamp(completions − succeeded, 0, parallelism)`.
 *  3. rmAtLeast = max(active − wantActive, 0); victims = activePodsForRemoval (Indexed: pods with
 *     no / out-of-range / repeated index first, whatever rmAtLeast is; then ActivePods order:
 *     unscheduled < scheduled, Pending < Unknown < Running, not ready < ready, …), capped at 500.
 *     Any victims → delete them and return: deletion and creation never share a sync.
 *  4. diff = wantActive − terminating (only when `onlyReplaceFailedPods`) − active. diff > 0:
 *     without backoffLimitPerIndex, the global backoff remaining > 0 → requeue after it (≥ 1 s)
 *     and create nothing; cap 500; Indexed → firstPendingIndexes (and, per index, only indexes
 *     whose own backoff elapsed — none → requeue after the smallest remaining); create in
 *     slow-start batches 1, 2, 4, ….
 *
 * Upstream quirk kept: while a backoff defers creation, manageJob returns active = 0 (not the real
 * active count), so 1.32's syncJob writes `status.active: 0` with pods still running. Fixed
 * upstream in 2026 (kubernetes PR #139457, "Fixed a regression in default 1.32+ configurations…",
 * cherry-picked to 1.33–1.36); whether the 1.32 API server rejects that write (ready > active) was
 * not confirmed — the status validation read for the JobManagedBy path has no such rule.
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { isPodReady, isPodTerminating } from '../replicaset/status.ts';
import { compareActivePods } from '../replicaset/ranking.ts';
import { slowStartBatches } from '../replicaset/slowstart.ts';
import { getPodCreationInfoForIndependentIndexes, getRemainingTime, syncDelayAtLeastBatchPeriod, type BackoffRecord } from './backoff.ts';
import { duplicatedIndexPodsForRemoval, firstPendingIndexes, type OrderedIntervals } from './indexes.ts';
import { newJobPod } from './pods.ts';
import {
  completionsOf, hasBackoffLimitPerIndex, isIndexedJob, jobSuspended, MAX_POD_CREATE_DELETE_PER_SYNC, onlyReplaceFailedPods,
  parallelismOf, trackTerminatingPods, type JobGates,
} from './spec.ts';

/**
 * `activePodsForRemoval(job, pods, rmAtLeast)`: Indexed → the bad / repeated-index pods, then if
 * fewer than rmAtLeast, the rest in ActivePods order; NonIndexed → the first rmAtLeast pods in
 * ActivePods order. (Stable sorts; upstream's sort.Sort is unstable.)
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[];
  if (isIndexedJob(job)) {
    const r = duplicatedIndexPodsForRemoval(pods, job.spec?.completions ?? 0);
    rm = r.rm;
    left = r.left;
  } else {
    left = [...pods];
  }
  if (rm.length < rmAtLeast) {
    left.sort(compareActivePods);
    rm = [...rm, ...left.slice(0, rmAtLeast - rm.length)];
  }
  return rm;
}

/** manageJob's `wantActive`. */
export function wantActive(job: Job, active: number, succeeded: number): number {
  const parallelism = parallelismOf(job);
  const completions = completionsOf(job);
  if (completions === null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

export interface ManageJobInput {
  job: Job;
  /** All the Job's pods (the terminating ones block their indexes under onlyReplaceFailedPods). */
  pods: readonly Pod[];
  /** `controller.FilterActivePods(pods)`. */
  activePods: readonly Pod[];
  /** jobCtx.succeeded (Indexed: the number of succeeded indexes). */
  succeeded: number;
  /** jobCtx.ready. */
  ready: number;
  /** jobCtx.terminating (null when not tracked). */
  terminating: number | null;
  /** Indexed: succeeded indexes (jobCtx.succeededIndexes). */
  succeededIndexes?: OrderedIntervals;
  /** backoffLimitPerIndex: jobCtx.failedIndexes. */
  failedIndexes?: OrderedIntervals | null;
  /** backoffLimitPerIndex: jobCtx.podsWithDelayedDeletionPerIndex. */
  podsWithDelayedDeletionPerIndex?: ReadonlyMap<number, Pod>;
  /** jobCtx.newBackoffRecord. */
  backoff: BackoffRecord;
  now: number;
  gates?: JobGates;
}

export interface ManageJobPlan {
  /** metrics action: JobSyncActionPodsDeleted / PodsCreated / Tracking. */
  action: 'pods_deleted' | 'pods_created' | 'tracking';
  wantActive: number | null;
  /** deleteJobPods: patch the tracking finalizer away, then delete (in this order). */
  deletePods: Pod[];
  /** Indexes to create, in creation order (Indexed), else []. */
  createIndexes: number[];
  /** The pods to create (newJobPod), in creation order. */
  createPods: Pod[];
  /** Slow-start batch sizes for createPods. */
  createBatches: number[];
  /** enqueueSyncJobWithDelay: the backoff requeue (≥ 1 s), or null. */
  requeueAfterMs: number | null;
  /** What manageJob returns as `active` (see the quirk in the module doc). */
  active: number;
  /** jobCtx.ready after deletions. */
  ready: number;
  /** jobCtx.terminating after deletions. */
  terminating: number | null;
}

/** job_controller.go `manageJob(ctx, job, jobCtx)` as a plan (module doc). */
export function manageJob(input: ManageJobInput): ManageJobPlan {
  const { job, gates } = input;
  let active = input.activePods.length;
  const base = {
    wantActive: null as number | null, deletePods: [] as Pod[], createIndexes: [] as number[], createPods: [] as Pod[],
    createBatches: [] as number[], requeueAfterMs: null as number | null, ready: input.ready, terminating: input.terminating,
  };
  const track = trackTerminatingPods(job, gates);
  const deleting = (pods: Pod[]) => {
    const readyRemoved = pods.filter(isPodReady).length;
    return {
      deletePods: pods,
      ready: input.ready - readyRemoved,
      terminating: track && input.terminating !== null ? input.terminating + pods.length : input.terminating,
    };
  };

  if (jobSuspended(job)) {
    const victims = activePodsForRemoval(job, input.activePods, active);
    return { ...base, ...deleting(victims), action: 'pods_deleted', active: active - victims.length };
  }

  const want = wantActive(job, active, input.succeeded);
  const rmAtLeast = Math.max(0, active - want);
  let victims = activePodsForRemoval(job, input.activePods, rmAtLeast);
  if (victims.length > MAX_POD_CREATE_DELETE_PER_SYNC) victims = victims.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (victims.length > 0) {
    return { ...base, ...deleting(victims), wantActive: want, action: 'pods_deleted', active: active - victims.length };
  }

  const terminating = onlyReplaceFailedPods(job, gates) ? (input.terminating ?? 0) : 0;
  let diff = want - terminating - active;
  if (diff > 0) {
    const perIndex = hasBackoffLimitPerIndex(job, gates);
    const remaining = perIndex ? 0 : getRemainingTime(input.backoff, input.now);
    if (remaining > 0) {
      return { ...base, wantActive: want, action: 'pods_created', requeueAfterMs: syncDelayAtLeastBatchPeriod(remaining), active: 0 };
    }
    if (diff > MAX_POD_CREATE_DELETE_PER_SYNC) diff = MAX_POD_CREATE_DELETE_PER_SYNC;
    let indexes: number[] = [];
    if (isIndexedJob(job)) {
      indexes = firstPendingIndexes(
        input.activePods,
        input.succeededIndexes ?? [],
        diff,
        job.spec?.completions ?? 0,
        onlyReplaceFailedPods(job, gates) ? input.pods.filter(isPodTerminating) : null,
        input.failedIndexes ?? null,
      );
      if (perIndex) {
        const info = getPodCreationInfoForIndependentIndexes(indexes, input.podsWithDelayedDeletionPerIndex ?? new Map(), input.now, gates);
        indexes = info.indexes;
        if (info.remainingMs > 0) {
          return { ...base, wantActive: want, action: 'pods_created', requeueAfterMs: syncDelayAtLeastBatchPeriod(info.remainingMs), active: 0 };
        }
      }
      diff = indexes.length;
    }
    active += diff;
    const createPods: Pod[] = [];
    for (let i = 0; i < diff; i++) {
      const index = i < indexes.length ? indexes[i] : null;
      createPods.push(newJobPod(job, {
        index,
        podBeingReplaced: index !== null ? input.podsWithDelayedDeletionPerIndex?.get(index) ?? null : null,
        ...(gates ? { gates } : {}),
      }));
    }
    return {
      ...base, wantActive: want, action: 'pods_created', createIndexes: indexes, createPods, createBatches: slowStartBatches(diff), active,
    };
  }
  return { ...base, wantActive: want, action: 'tracking', active };
}
