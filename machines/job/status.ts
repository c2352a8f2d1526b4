/**
 * The status half of a Job sync: counting finished pods through `status.uncountedTerminatedPods`,
 * removing their tracking finalizers, the interim / terminal conditions, and the status writes.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/job_controller.go:
 * trackJobStatusAndRemoveFinalizers, canRemoveFinalizer, flushUncountedAndRemoveFinalizers,
 * cleanUncountedPodsWithoutFinalizers, filterInUncountedUIDs, enactJobFinished, recordJobFinished.
 *
 * Upstream's protocol, per sync: (1) finished pods still holding the tracking finalizer are added
 * to `uncountedTerminatedPods` (Indexed successes go straight into completedIndexes) and the
 * status is written; (2) their finalizers are removed; (3) every UID whose pod no longer has the
 * finalizer (or is gone) moves from the uncounted lists into `succeeded` / `failed`; (4) the
 * terminal condition is added when nothing is uncounted and (with delayTerminalCondition) no pod
 * is terminating; the status is written again. At most 500 pods per sync.
 *
 * SIMPLIFICATION: every finalizer patch is assumed to succeed (and to be observed before the next
 * sync), so the uncounted lists are always empty again at the end of a sync unless the 500 cap
 * was hit; the intermediate write is still reported (`statusWrites`), so FailureTarget →
 * Failed and SuccessCriteriaMet → Complete appear as two writes when they happen in one sync.
 * Pods in `expectedRmFinalizers` are skipped as upstream does.
 *
 * Status shape: as the API serialises it — `active`, `succeeded`, `failed` and
 * `completedIndexes` omitted when zero / empty; `ready` always set; `terminating` set when gate
 * JobPodReplacementPolicy is on; `uncountedTerminatedPods` always present (syncJob sets `{}`).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { jobFinishedEvents, ensureJobConditionStatus, newCompleteConditionForSuccessCriteriaMet, newFailedConditionForFailureTarget, type JobEvent } from './conditions.ts';
import { hasJobTrackingFinalizer, isPodFailed } from './counting.ts';
import { matchPodFailurePolicy } from './failure-policy.ts';
import type { IndexedSets } from './finish.ts';
import { formatIntervals, intervalsHave, intervalsTotal, podIndex, sortByCompletionIndex, UNKNOWN_COMPLETION_INDEX, withOrderedIndexes, type Interval } from './indexes.ts';
import { hasSuccessCriteriaMetCondition, isSuccessCriteriaMetCondition } from './success-policy.ts';
import { delayTerminalCondition, hasBackoffLimitPerIndex, isIndexedJob, JOB_COMPLETE, JOB_FAILURE_TARGET, MAX_UNCOUNTED_PODS, type JobGates } from './spec.ts';

/** The working copy of JobStatus (all counters present). */
export interface JobStatusData {
  conditions: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active: number;
  ready: number;
  terminating?: number;
  succeeded: number;
  failed: number;
  completedIndexes: string;
  failedIndexes?: string;
  uncounted: { succeeded: string[]; failed: string[] };
}

/** Reads a Job's status into the working form (uncountedTerminatedPods nil → empty lists). */
export function statusData(job: Job): JobStatusData {
  const s = job.status ?? {};
  return {
    conditions: structuredClone(s.conditions ?? []),
    ...(s.startTime != null ? { startTime: s.startTime } : {}),
    ...(s.completionTime != null ? { completionTime: s.completionTime } : {}),
    active: s.active ?? 0,
    ready: s.ready ?? 0,
    ...(s.terminating != null ? { terminating: s.terminating } : {}),
    succeeded: s.succeeded ?? 0,
    failed: s.failed ?? 0,
    completedIndexes: s.completedIndexes ?? '',
    ...(s.failedIndexes != null ? { failedIndexes: s.failedIndexes } : {}),
    uncounted: { succeeded: [...(s.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(s.uncountedTerminatedPods?.failed ?? [])] },
  };
}

/** The working form as the API serialises it (module doc). */
export function toJobStatus(d: JobStatusData): JobStatus {
  const out: JobStatus = {};
  if (d.conditions.length) out.conditions = structuredClone(d.conditions);
  if (d.startTime != null) out.startTime = d.startTime;
  if (d.completionTime != null) out.completionTime = d.completionTime;
  if (d.active) out.active = d.active;
  if (d.succeeded) out.succeeded = d.succeeded;
  if (d.failed) out.failed = d.failed;
  if (d.terminating != null) out.terminating = d.terminating;
  if (d.completedIndexes !== '') out.completedIndexes = d.completedIndexes;
  if (d.failedIndexes != null) out.failedIndexes = d.failedIndexes;
  out.uncountedTerminatedPods = {
    ...(d.uncounted.succeeded.length ? { succeeded: [...d.uncounted.succeeded] } : {}),
    ...(d.uncounted.failed.length ? { failed: [...d.uncounted.failed] } : {}),
  };
  out.ready = d.ready;
  return out;
}

/**
 * `cleanUncountedPodsWithoutFinalizers(status, uidsWithFinalizer)`: UIDs in the uncounted lists
 * whose pod no longer holds the finalizer are counted (succeeded / failed += n) and dropped.
 * Mutates `d`; returns whether anything changed.
 */
export function cleanUncountedPodsWithoutFinalizers(d: JobStatusData, uidsWithFinalizer: ReadonlySet<string>): boolean {
  let updated = false;
  const s = d.uncounted.succeeded.filter((u) => uidsWithFinalizer.has(u));
  if (s.length !== d.uncounted.succeeded.length) {
    updated = true;
    d.succeeded += d.uncounted.succeeded.length - s.length;
    d.uncounted.succeeded = s;
  }
  const f = d.uncounted.failed.filter((u) => uidsWithFinalizer.has(u));
  if (f.length !== d.uncounted.failed.length) {
    updated = true;
    d.failed += d.uncounted.failed.length - f.length;
    d.uncounted.failed = f;
  }
  return updated;
}

/**
 * `canRemoveFinalizer(jobCtx, pod, considerPodFailed)`: the Job is being deleted or finished, or
 * the pod Succeeded; else only a failed pod, and (backoffLimitPerIndex) not the one kept to pass
 * its failure counts to the index's replacement.
 */
export function canRemoveFinalizer(
  job: Job,
  pod: Pod,
  considerPodFailed: boolean,
  finishedCondition: JobCondition | null,
  podsWithDelayedDeletionPerIndex: ReadonlyMap<number, Pod>,
  gates?: JobGates,
): boolean {
  if (job.metadata?.deletionTimestamp != null || finishedCondition !== null || pod.status?.phase === 'Succeeded') return true;
  if (!considerPodFailed) return false;
  if (hasBackoffLimitPerIndex(job, gates)) {
    const ix = podIndex(pod);
    if (ix !== UNKNOWN_COMPLETION_INDEX) {
      const kept = podsWithDelayedDeletionPerIndex.get(ix);
      if (kept !== undefined && kept.metadata?.uid === pod.metadata?.uid) return false;
    }
  }
  return true;
}

/**
 * `enactJobFinished(jobCtx)`: adds the terminal condition (ensureJobConditionStatus) unless some
 * pods are still uncounted or (delayTerminalCondition) terminating; a Complete condition also sets
 * completionTime to its lastTransitionTime. Mutates `d`; returns whether the Job is now finished.
 */
export function enactJobFinished(d: JobStatusData, finishedCond: JobCondition | null, terminating: number | null, now: number, gates?: JobGates): boolean {
  if (finishedCond === null) return false;
  if (d.uncounted.succeeded.length + d.uncounted.failed.length > 0) return false;
  if (delayTerminalCondition(gates) && (terminating ?? 0) > 0) return false;
  d.conditions = ensureJobConditionStatus(d.conditions, finishedCond.type, finishedCond.status, finishedCond.reason ?? '', finishedCond.message ?? '', now).conditions;
  if (finishedCond.type === JOB_COMPLETE && finishedCond.lastTransitionTime != null) d.completionTime = finishedCond.lastTransitionTime;
  return true;
}

export interface TrackStatusInput {
  /** The Job as syncJob holds it (spec, metadata; status.* already updated in memory is in `status`). */
  job: Job;
  /** The working status: syncJob's in-memory status (active / ready / terminating / startTime / Suspended set). */
  status: JobStatusData;
  pods: readonly Pod[];
  /** jobCtx.finishedCondition (after the active-pod deletion check). */
  finishedCondition: JobCondition | null;
  /** Indexed Jobs: the sets from decideFinishedCondition. */
  indexes: IndexedSets | null;
  /** jobCtx.terminating (after this sync's deletions). */
  terminating: number | null;
  /** syncJob's needsStatusUpdate. */
  needsFlush: boolean;
  expectedRmFinalizers?: ReadonlySet<string>;
  now: number;
  gates?: JobGates;
}

export interface TrackStatusResult {
  /** Pods whose tracking finalizer this sync removes, in order. */
  removeFinalizers: Pod[];
  /** The status of each UpdateStatus call, in order (0 to 2 writes). */
  statusWrites: JobStatus[];
  /** The final status (equal to the last write when there was one). */
  status: JobStatus;
  /** Whether the terminal condition was added. */
  finished: boolean;
  /** The terminal condition prepared (Failed / Complete), or the decision as given. */
  finishedCondition: JobCondition | null;
  /** recordJobFinished events (when finished). */
  events: JobEvent[];
  /** Whether the first flush happened (upstream stores the new backoff record only then). */
  backoffRecordStored: boolean;
  reachedMaxUncountedPods: boolean;
}

/** job_controller.go `trackJobStatusAndRemoveFinalizers` with all patches succeeding (module doc). */
export function trackJobStatus(input: TrackStatusInput): TrackStatusResult {
  const { job, now, gates } = input;
  const d: JobStatusData = structuredClone(input.status);
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const expected = input.expectedRmFinalizers;
  const origUncountedSucceeded = new Set(d.uncounted.succeeded);
  const origUncountedFailed = new Set(d.uncounted.failed);
  const pods = indexed ? sortByCompletionIndex(input.pods) : [...input.pods];
  const uidsWithFinalizer = new Set<string>();
  for (const p of pods) {
    const uid = p.metadata?.uid ?? '';
    if (hasJobTrackingFinalizer(p) && !expected?.has(uid)) uidsWithFinalizer.add(uid);
  }
  let needsFlush = input.needsFlush;
  if (cleanUncountedPodsWithoutFinalizers(d, uidsWithFinalizer)) needsFlush = true;

  const delayed = input.indexes?.podsWithDelayedDeletionPerIndex ?? new Map<number, Pod>();
  const prevSucceeded: readonly Interval[] = input.indexes?.prevSucceeded ?? [];
  let finishedCondition = input.finishedCondition;
  const removeFinalizers: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of pods) {
    const uid = pod.metadata?.uid ?? '';
    if (!hasJobTrackingFinalizer(pod) || expected?.has(uid)) continue;
    const considerFailed = isPodFailed(pod, job, gates);
    if (!canRemoveFinalizer(job, pod, considerFailed, finishedCondition, delayed, gates)) continue;
    removeFinalizers.push(pod);
    if (pod.status?.phase === 'Succeeded' && !origUncountedFailed.has(uid)) {
      if (indexed) {
        const ix = podIndex(pod);
        if (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions && !intervalsHave(prevSucceeded, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!origUncountedSucceeded.has(uid)) {
        needsFlush = true;
        d.uncounted.succeeded.push(uid);
      }
    } else if (considerFailed || (finishedCondition !== null && !isSuccessCriteriaMetCondition(finishedCondition, gates))) {
      const ix = podIndex(pod);
      if (!origUncountedFailed.has(uid) && (!indexed || (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions))) {
        const policy = job.spec?.podFailurePolicy;
        if (policy == null || matchPodFailurePolicy(policy, pod, gates).countFailed) {
          needsFlush = true;
          d.uncounted.failed.push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + d.uncounted.succeeded.length + d.uncounted.failed.length >= MAX_UNCOUNTED_PODS) {
      reachedMax = true;
      break;
    }
  }

  if (indexed) {
    const succeeded = withOrderedIndexes(input.indexes?.succeeded ?? [], newSucceededIndexes);
    const str = formatIntervals(succeeded);
    if (str !== d.completedIndexes) needsFlush = true;
    d.succeeded = intervalsTotal(succeeded);
    d.completedIndexes = str;
    const failedStr = input.indexes?.failed != null ? formatIntervals(input.indexes.failed) : undefined;
    if (failedStr !== d.failedIndexes) {
      if (failedStr === undefined) delete d.failedIndexes;
      else d.failedIndexes = failedStr;
      needsFlush = true;
    }
  }

  if (finishedCondition !== null && finishedCondition.type === JOB_FAILURE_TARGET) {
    d.conditions = [...d.conditions, finishedCondition];
    needsFlush = true;
    finishedCondition = newFailedConditionForFailureTarget(finishedCondition, now);
  }
  if (isSuccessCriteriaMetCondition(finishedCondition, gates)) {
    if (hasSuccessCriteriaMetCondition({ ...job, status: { conditions: d.conditions } }, gates) === undefined) {
      d.conditions = [...d.conditions, finishedCondition!];
      needsFlush = true;
    }
    finishedCondition = newCompleteConditionForSuccessCriteriaMet(finishedCondition!, now);
  }

  const statusWrites: JobStatus[] = [];
  let backoffRecordStored = false;
  if (needsFlush) {
    statusWrites.push(toJobStatus(d));
    backoffRecordStored = true;
    needsFlush = false;
  }
  for (const p of removeFinalizers) uidsWithFinalizer.delete(p.metadata?.uid ?? '');
  if (cleanUncountedPodsWithoutFinalizers(d, uidsWithFinalizer)) needsFlush = true;

  const finished = !reachedMax && enactJobFinished(d, finishedCondition, input.terminating, now, gates);
  if (finished) needsFlush = true;
  let events: JobEvent[] = [];
  if (needsFlush) {
    statusWrites.push(toJobStatus(d));
    if (finished && finishedCondition) events = jobFinishedEvents({ ...job, status: toJobStatus(d) }, finishedCondition);
  }
  return {
    removeFinalizers, statusWrites, status: toJobStatus(d), finished, finishedCondition, events, backoffRecordStored, reachedMaxUncountedPods: reachedMax,
  };
}
