/**
 * One Job sync as a PLAN: given the Job, its (claimed) pods, the stored backoff record and `now`,
 * everything upstream's `syncJob` would do, assuming every API call succeeds — the pod deletions
 * and creations, the finalizer removals, the status writes, the events, the requeue and the new
 * backoff record. Nothing here reads a clock or mutates an input.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/job_controller.go: syncJob, manageJob,
 * deleteActivePods, trackJobStatusAndRemoveFinalizers (the modules of this directory hold the
 * pieces; see their docs).
 *
 * Order:
 *  1. skip: managed by another controller (gate JobManagedBy); already finished (the backoff
 *     record is dropped); an unknown completionMode (Warning UnknownCompletionMode).
 *  2. Count (counting.ts); startTime := now on the first sync that is not suspended.
 *  3. newBackoffRecord from the new finished pods (backoff.ts).
 *  4. decideFinishedCondition (finish.ts); Indexed: succeeded := |succeeded indexes|.
 *  5. Decided → delete every active pod (deleteActivePods: plain delete, the finalizer stays so
 *     the pod is counted); the decision stands only if expectations were satisfied
 *     (all deletions are assumed to succeed). Otherwise → manageJob (when expectations are
 *     satisfied and the Job is not being deleted), then completion: completions nil →
 *     `succeeded > 0 ∧ active == 0`, else `succeeded ≥ completions ∧ active == 0` →
 *     newSuccessCondition; not complete (and manageJob ran) → the Suspended / Resumed condition.
 *  6. status.active / ready / terminating; trackJobStatus (status.ts) — interim condition, counts,
 *     finalizers, terminal condition, events.
 * `requeueAfterMs` is the earliest of the activeDeadline requeue and the backoff requeue (the
 * work queue keeps the earliest); pod and Job events re-sync the Job `syncJobBatchPeriod` (1 s)
 * later in upstream — that is the actor's business.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { isPodReady } from '../replicaset/status.ts';
import { newBackoffRecord, type BackoffRecord } from './backoff.ts';
import { newSuccessCondition, suspendConditionUpdate, UNKNOWN_COMPLETION_MODE_EVENT, type JobEvent } from './conditions.ts';
import { jobPodCounts } from './counting.ts';
import { decideFinishedCondition, startTimeMs, type FinishDecision } from './finish.ts';
import { intervalsTotal } from './indexes.ts';
import { manageJob, type ManageJobPlan } from './manage.ts';
import { statusData, trackJobStatus } from './status.ts';
import { iso } from '../time.ts';
import {
  completionsOf, INDEXED_COMPLETION, isJobFinished, jobGates, jobSuspended, managedByExternalController, NON_INDEXED_COMPLETION,
  trackTerminatingPods, type JobGates,
} from './spec.ts';

export interface JobSyncInput {
  job: Job;
  /** The pods the Job owns (claimJobPods), in lister order. */
  pods: readonly Pod[];
  /** The controller's stored backoff record for the Job (null: none). */
  backoff?: BackoffRecord | null;
  /** `expectations.SatisfiedExpectations(key)`; default true. */
  satisfiedExpectations?: boolean;
  /** finalizerExpectations: UIDs whose finalizer removal is still pending; default none. */
  expectedRmFinalizers?: ReadonlySet<string>;
  now: number;
  gates?: JobGates;
}

export interface PodDeletion {
  pod: Pod;
  /** deleteJobPods (manageJob) patches the tracking finalizer away first; deleteActivePods does not. */
  removeFinalizerFirst: boolean;
}

export interface JobSyncPlan {
  /** Why nothing was done, or null. */
  skipped: 'managedByExternalController' | 'finished' | 'unknownCompletionMode' | null;
  /** Pods to delete, in order (before any status write). */
  deletions: PodDeletion[];
  /** Pods to create (slow-start batches in `createBatches`), after the deletions. */
  createPods: Pod[];
  createIndexes: number[];
  createBatches: number[];
  /** Pods whose tracking finalizer is removed (between the two status writes). */
  removeFinalizers: Pod[];
  /** Each UpdateStatus call's status, in order. */
  statusWrites: JobStatus[];
  /** The Job status at the end of the sync (what the API holds if every write succeeded). */
  status: JobStatus | null;
  /** Events in recording order. */
  events: JobEvent[];
  /** Earliest requeue (ms from now), or null. */
  requeueAfterMs: number | null;
  /** The backoff record to store; null = remove it. */
  backoff: BackoffRecord | null;
  /** The finish decision of step 4 (before the expectations check). */
  decision: FinishDecision | null;
  /** The condition the sync worked towards (after the deletion check), before trackJobStatus. */
  finishedCondition: JobCondition | null;
  /** Whether the terminal Complete / Failed condition was written. */
  finished: boolean;
  /** The manageJob plan, when manageJob ran. */
  manage: ManageJobPlan | null;
}

function emptyPlan(skipped: JobSyncPlan['skipped'], backoff: BackoffRecord | null, events: JobEvent[] = []): JobSyncPlan {
  return {
    skipped, deletions: [], createPods: [], createIndexes: [], createBatches: [], removeFinalizers: [], statusWrites: [], status: null,
    events, requeueAfterMs: null, backoff, decision: null, finishedCondition: null, finished: false, manage: null,
  };
}

const minRequeue = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** job_controller.go `syncJob(ctx, key)` as a plan (module doc). */
export function syncJob(input: JobSyncInput): JobSyncPlan {
  const { job, pods, now } = input;
  const gates = jobGates(input.gates);
  const stored = input.backoff ?? null;
  if (managedByExternalController(job, gates) !== null) return emptyPlan('managedByExternalController', stored);
  if (isJobFinished(job)) return emptyPlan('finished', null);
  const mode = job.spec?.completionMode;
  if (mode != null && mode !== NON_INDEXED_COMPLETION && mode !== INDEXED_COMPLETION) {
    return emptyPlan('unknownCompletionMode', stored, [UNKNOWN_COMPLETION_MODE_EVENT]);
  }
  const satisfied = input.satisfiedExpectations ?? true;
  const ctx = { job, pods, gates, ...(input.expectedRmFinalizers ? { expectedRmFinalizers: input.expectedRmFinalizers } : {}) };
  const track = trackTerminatingPods(job, gates);
  const counts = jobPodCounts(ctx, track);
  const status = statusData(job);

  let startMs = startTimeMs(job);
  if (job.status?.startTime == null && !jobSuspended(job)) {
    startMs = now;
    status.startTime = iso(now);
  }
  const backoff = newBackoffRecord(stored, counts.newSucceededPods, counts.newFailedPods, gates);
  const decision = decideFinishedCondition({ ...ctx, activePods: counts.activePods, failed: counts.failed, startTime: startMs, now });
  const succeeded = decision.indexes ? intervalsTotal(decision.indexes.succeeded) : counts.succeeded;
  let requeueAfterMs = decision.deadlineRequeueMs;

  let active = counts.active;
  let ready = counts.ready;
  let terminating = counts.terminating;
  let finishedCondition = decision.condition;
  const deletions: PodDeletion[] = [];
  const events: JobEvent[] = [];
  let manage: ManageJobPlan | null = null;
  let suspendCondChanged = false;
  if (finishedCondition !== null) {
    for (const p of counts.activePods) deletions.push({ pod: p, removeFinalizerFirst: false });
    const deleted = counts.activePods.length;
    if (!satisfied) finishedCondition = null;
    active -= deleted;
    if (track && terminating !== null) terminating += deleted;
    ready -= counts.activePods.filter(isPodReady).length;
  } else {
    if (satisfied && job.metadata?.deletionTimestamp == null) {
      manage = manageJob({
        job, pods, activePods: counts.activePods, succeeded, ready, terminating,
        ...(decision.indexes ? {
          succeededIndexes: decision.indexes.succeeded, failedIndexes: decision.indexes.failed,
          podsWithDelayedDeletionPerIndex: decision.indexes.podsWithDelayedDeletionPerIndex,
        } : {}),
        backoff, now, gates,
      });
      active = manage.active;
      ready = manage.ready;
      terminating = manage.terminating;
      for (const p of manage.deletePods) deletions.push({ pod: p, removeFinalizerFirst: true });
      requeueAfterMs = minRequeue(requeueAfterMs, manage.requeueAfterMs);
    }
    const completions = completionsOf(job);
    const complete = completions === null ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
    if (complete) {
      finishedCondition = newSuccessCondition(now, gates);
    } else if (manage !== null) {
      const u = suspendConditionUpdate(job, status.conditions, now);
      status.conditions = u.conditions;
      if (u.changed) {
        suspendCondChanged = true;
        if (u.event) events.push(u.event);
        if (u.startTime !== null) status.startTime = u.startTime;
      }
    }
  }

  const terminatingStatus = gates.jobPodReplacementPolicy ? (terminating ?? undefined) : undefined;
  let needsStatusUpdate = suspendCondChanged || active !== (job.status?.active ?? 0) || job.status?.ready == null || ready !== job.status.ready;
  needsStatusUpdate = needsStatusUpdate || (job.status?.terminating ?? undefined) !== terminatingStatus;
  status.active = active;
  status.ready = ready;
  if (terminatingStatus === undefined) delete status.terminating;
  else status.terminating = terminatingStatus;

  const tracked = trackJobStatus({
    job, status, pods, finishedCondition, indexes: decision.indexes, terminating, needsFlush: needsStatusUpdate, now, gates,
    ...(input.expectedRmFinalizers ? { expectedRmFinalizers: input.expectedRmFinalizers } : {}),
  });
  return {
    skipped: null,
    deletions,
    createPods: manage?.createPods ?? [],
    createIndexes: manage?.createIndexes ?? [],
    createBatches: manage?.createBatches ?? [],
    removeFinalizers: tracked.removeFinalizers,
    statusWrites: tracked.statusWrites,
    status: tracked.status,
    events: [...events, ...tracked.events],
    requeueAfterMs,
    backoff: tracked.backoffRecordStored ? backoff : stored,
    decision,
    finishedCondition,
    finished: tracked.finished,
    manage,
  };
}
