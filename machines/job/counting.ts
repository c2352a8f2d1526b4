/**
 * How the Job controller classifies its pods in one sync: active, ready, terminating, newly
 * succeeded / failed (not yet counted), the counters that decide backoffLimit, the OnFailure
 * restart check, each pod's finish time, and the per-index sets of Indexed Jobs.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/job/job_controller.go   syncJob (the counting prologue), isPodFailed,
 *      countReadyPods, pastBackoffLimitOnFailure, getNewFinishedPods, getValidPodsWithFilter,
 *      nonIgnoredFailedPodsCount
 *  - pkg/controller/job/tracking_utils.go   hasJobTrackingFinalizer
 *  - pkg/controller/job/backoff_utils.go    getFinishedTime, getFinishTimeFromContainers,
 *      latestFinishTime, getFinishTimeFromPodReadyFalseCondition, getFinishTimeFromDeletionTimestamp
 *  - pkg/controller/job/indexed_job_utils.go calculateSucceededIndexes, calculateFailedIndexes,
 *      isIndexFailed, getPodsWithDelayedDeletionPerIndex
 *  - pkg/controller/controller_utils.go     FilterActivePods, IsPodTerminating, CountTerminatingPods
 *    (reused from ../replicaset/status.ts)
 *
 * The rules:
 *  - active = not Succeeded/Failed and no deletionTimestamp; ready = active ∧ Ready=True;
 *    terminating = deletionTimestamp ∧ phase not Succeeded/Failed;
 *  - failed (`isPodFailed`) = phase Failed, or — unless `onlyReplaceFailedPods` (podReplacementPolicy
 *    Failed, or a podFailurePolicy) — deletionTimestamp ∧ phase ≠ Succeeded. So with the default
 *    TerminatingOrFailed a terminating pod is a failure at once; with Failed it is not until it
 *    reaches phase Failed;
 *  - a pod is "new" (not yet counted) while it has the tracking finalizer, is not in
 *    `status.uncountedTerminatedPods` (nor expected to lose its finalizer) and, for Indexed Jobs,
 *    has an index below completions;
 *  - succeeded = status.succeeded + new succeeded + uncounted succeeded;
 *    failed = status.failed + new failed not Ignored by the podFailurePolicy + uncounted failed.
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { ContainerStatus, Pod } from '../../src/types.ts';
import { getPodReadyCondition, isPodActive, isPodReady, isPodTerminating, timeMs } from '../replicaset/status.ts';
import { matchPodFailurePolicy, ACTION_FAIL_INDEX } from './failure-policy.ts';
import {
  getIndexAbsoluteFailureCount, getIndexFailureCount, getIndexes, intervalsHave, parseIndexesFromString, podIndex, sortedIndexes,
  UNKNOWN_COMPLETION_INDEX, withOrderedIndexes, type Interval, type OrderedIntervals,
} from './indexes.ts';
import { backoffLimitOf, isIndexedJob, jobGates, JOB_TRACKING_FINALIZER, onlyReplaceFailedPods, type JobGates } from './spec.ts';

/** Go's zero `time.Time` (year 1) in ms — what a pod without any time resolves to. */
export const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// Per-pod predicates
// ---------------------------------------------------------------------------------------------

/** tracking_utils.go `hasJobTrackingFinalizer`. */
export function hasJobTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/**
 * job_controller.go `isPodFailed(p, job)`: phase Failed; or, unless `onlyReplaceFailedPods`, a
 * deletionTimestamp with phase ≠ Succeeded ("Count deleted Pods as failures to account for
 * orphan Pods that never have a chance to reach the Failed phase").
 */
export function isPodFailed(pod: Pod, job: Job, gates?: JobGates): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job, gates)) return false;
  return pod.metadata?.deletionTimestamp != null && pod.status?.phase !== 'Succeeded';
}

/** job_controller.go `countReadyPods` (over the active pods). */
export function countReadyPods(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodReady(p)) n++;
  return n;
}

/** controller_utils.go `CountTerminatingPods`. */
export function countTerminatingPods(pods: readonly Pod[]): number {
  let n = 0;
  for (const p of pods) if (isPodTerminating(p)) n++;
  return n;
}

/**
 * job_controller.go `pastBackoffLimitOnFailure(job, pods)`: only for restartPolicy OnFailure; the
 * sum of `restartCount` over init and regular container statuses of the Running / Pending pods;
 * `> 0` when backoffLimit is 0, else `>= backoffLimit`.
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let result = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const s of p.status?.initContainerStatuses ?? []) result += s.restartCount ?? 0;
    for (const s of p.status?.containerStatuses ?? []) result += s.restartCount ?? 0;
  }
  const limit = backoffLimitOf(job);
  if (limit === 0) return result > 0;
  return result >= limit;
}

// ---------------------------------------------------------------------------------------------
// Finish time (backoff_utils.go)
// ---------------------------------------------------------------------------------------------

/**
 * `latestFinishTime(prev, statuses, check)`: the latest `terminated.finishedAt` over the checked
 * statuses, starting from `prev`; null as soon as one checked status is not terminated or has a
 * zero finishedAt (even when `prev` was set). No checked statuses → `prev`.
 */
export function latestFinishTime(prev: number | null, statuses: readonly ContainerStatus[] | undefined, check?: (s: ContainerStatus) => boolean): number | null {
  let finish = prev;
  for (const s of statuses ?? []) {
    if (check && !check(s)) continue;
    const t = timeMs(s.state?.terminated?.finishedAt);
    if (s.state?.terminated == null || t === null) return null;
    if (finish === null || finish < t) finish = t;
  }
  return finish;
}

/**
 * `getFinishTimeFromContainers`: the latest regular-container finish; with gate SidecarContainers
 * also the sidecars' (init containers with `restartPolicy: Always`), which finish last.
 */
export function getFinishTimeFromContainers(pod: Pod, gates?: JobGates): number | null {
  let finish = latestFinishTime(null, pod.status?.containerStatuses);
  if (jobGates(gates).sidecarContainers) {
    const names = new Set<string>();
    for (const c of pod.spec?.initContainers ?? []) if ((c as { restartPolicy?: string }).restartPolicy === 'Always') names.add(c.name);
    finish = latestFinishTime(finish, pod.status?.initContainerStatuses, (s) => names.has(s.name));
  }
  return finish;
}

/** `getFinishTimeFromPodReadyFalseCondition`: the first Ready condition, when False with a non-zero time. */
export function getFinishTimeFromPodReadyFalseCondition(pod: Pod): number | null {
  const c = getPodReadyCondition(pod);
  if (c && c.status === 'False') return timeMs(c.lastTransitionTime);
  return null;
}

/** `getFinishTimeFromDeletionTimestamp`: deletionTimestamp − deletionGracePeriodSeconds. */
export function getFinishTimeFromDeletionTimestamp(pod: Pod): number | null {
  const dt = pod.metadata?.deletionTimestamp;
  if (dt == null) return null;
  const t = timeMs(dt) ?? GO_ZERO_TIME_MS;
  return t - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
}

/**
 * backoff_utils.go `getFinishedTime(p)` (ms): (1) all containers finished → the latest finish;
 * (2) Ready=False → its lastTransitionTime; (3) deleted → deletionTimestamp − grace period;
 * (4) the creationTimestamp (Go's zero time when unset).
 */
export function getFinishedTime(pod: Pod, gates?: JobGates): number {
  return getFinishTimeFromContainers(pod, gates)
    ?? getFinishTimeFromPodReadyFalseCondition(pod)
    ?? getFinishTimeFromDeletionTimestamp(pod)
    ?? timeMs(pod.metadata?.creationTimestamp)
    ?? GO_ZERO_TIME_MS;
}

// ---------------------------------------------------------------------------------------------
// New finished pods and counters
// ---------------------------------------------------------------------------------------------

/** The parts of the sync context the counting reads. */
export interface JobPodsContext {
  job: Job;
  /** All pods the Job owns (after ClaimPods), in lister order. */
  pods: readonly Pod[];
  /** UIDs whose tracking-finalizer removal is still expected (finalizerExpectations); default none. */
  expectedRmFinalizers?: ReadonlySet<string>;
  gates?: JobGates;
}

/** `status.uncountedTerminatedPods` as two UID sets. */
export function uncountedSets(job: Job): { succeeded: Set<string>; failed: Set<string> } {
  const u = job.status?.uncountedTerminatedPods;
  return { succeeded: new Set(u?.succeeded ?? []), failed: new Set(u?.failed ?? []) };
}

/**
 * `getValidPodsWithFilter(jobCtx, uncounted, filter)`: pods with the tracking finalizer, not in
 * `uncounted` (may be null), not expected to lose the finalizer, with (Indexed) an index below
 * completions, that pass `filter`; in pod order.
 */
export function getValidPodsWithFilter(ctx: JobPodsContext, uncounted: ReadonlySet<string> | null, filter: (p: Pod) => boolean): Pod[] {
  const indexed = isIndexedJob(ctx.job);
  const completions = ctx.job.spec?.completions ?? 0;
  const out: Pod[] = [];
  for (const p of ctx.pods) {
    const uid = p.metadata?.uid ?? '';
    if (!hasJobTrackingFinalizer(p) || uncounted?.has(uid) || ctx.expectedRmFinalizers?.has(uid)) continue;
    if (indexed) {
      const ix = podIndex(p);
      if (ix === UNKNOWN_COMPLETION_INDEX || ix >= completions) continue;
    }
    if (filter(p)) out.push(p);
  }
  return out;
}

/** job_controller.go `getNewFinishedPods`: newly Succeeded pods and newly failed (`isPodFailed`) pods. */
export function getNewFinishedPods(ctx: JobPodsContext): { succeeded: Pod[]; failed: Pod[] } {
  const u = uncountedSets(ctx.job);
  return {
    succeeded: getValidPodsWithFilter(ctx, u.succeeded, (p) => p.status?.phase === 'Succeeded'),
    failed: getValidPodsWithFilter(ctx, u.failed, (p) => isPodFailed(p, ctx.job, ctx.gates)),
  };
}

/** job_controller.go `nonIgnoredFailedPodsCount`: failed pods minus those matching an Ignore rule. */
export function nonIgnoredFailedPodsCount(job: Job, failedPods: readonly Pod[], gates?: JobGates): number {
  let n = failedPods.length;
  if (job.spec?.podFailurePolicy != null) {
    for (const p of failedPods) if (!matchPodFailurePolicy(job.spec.podFailurePolicy, p, gates).countFailed) n--;
  }
  return n;
}

export interface JobPodCounts {
  /** `controller.FilterActivePods(pods)`, in pod order. */
  activePods: Pod[];
  active: number;
  ready: number;
  /** `CountTerminatingPods(pods)`, or null when terminating pods are not tracked. */
  terminating: number | null;
  newSucceededPods: Pod[];
  newFailedPods: Pod[];
  /** status.succeeded + new + uncounted (NonIndexed meaning; syncJob replaces it for Indexed Jobs). */
  succeeded: number;
  /** status.failed + new non-ignored + uncounted. */
  failed: number;
}

/**
 * The counting prologue of job_controller.go `syncJob`: active pods, ready, terminating
 * (`trackTerminatingPods`), the new finished pods, and the succeeded / failed counters.
 */
export function jobPodCounts(ctx: JobPodsContext, trackTerminating: boolean): JobPodCounts {
  const activePods = ctx.pods.filter(isPodActive);
  const { succeeded, failed } = getNewFinishedPods(ctx);
  const u = ctx.job.status?.uncountedTerminatedPods;
  return {
    activePods,
    active: activePods.length,
    ready: countReadyPods(activePods),
    terminating: trackTerminating ? countTerminatingPods(ctx.pods) : null,
    newSucceededPods: succeeded,
    newFailedPods: failed,
    succeeded: (ctx.job.status?.succeeded ?? 0) + succeeded.length + (u?.succeeded?.length ?? 0),
    failed: (ctx.job.status?.failed ?? 0) + nonIgnoredFailedPodsCount(ctx.job, failed, ctx.gates) + (u?.failed?.length ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Indexed Jobs
// ---------------------------------------------------------------------------------------------

/**
 * indexed_job_utils.go `calculateSucceededIndexes(job, pods)` → (prev, all): prev parsed from
 * `status.completedIndexes`; all = prev plus the indexes (< completions) of Succeeded pods that
 * still have the tracking finalizer.
 */
export function calculateSucceededIndexes(job: Job, pods: readonly Pod[]): { prev: Interval[]; all: Interval[] } {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexesFromString(job.status?.completedIndexes ?? '', completions);
  const fresh = new Set<number>();
  for (const p of pods) {
    const ix = podIndex(p);
    if (p.status?.phase === 'Succeeded' && ix !== UNKNOWN_COMPLETION_INDEX && ix < completions && hasJobTrackingFinalizer(p)) fresh.add(ix);
  }
  return { prev, all: withOrderedIndexes(prev, sortedIndexes(fresh)) };
}

/**
 * indexed_job_utils.go `isIndexFailed(job, pod)`: the pod is failed and either matched a FailIndex
 * rule, or its failure counts and its `job-index-failure-count` annotation is already
 * ≥ backoffLimitPerIndex (the annotation counts the index's EARLIER failures).
 */
export function isIndexFailed(job: Job, pod: Pod, gates?: JobGates): boolean {
  let counted = false;
  if (isPodFailed(pod, job, gates)) {
    if (job.spec?.podFailurePolicy != null) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod, gates);
      if (m.action === ACTION_FAIL_INDEX) return true;
      counted = m.countFailed;
    } else {
      counted = true;
    }
  }
  return counted && getIndexFailureCount(pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/**
 * indexed_job_utils.go `calculateFailedIndexes(job, pods)`: `status.failedIndexes` (when set)
 * plus the indexes (< completions) of pods with the tracking finalizer for which
 * {@link isIndexFailed}.
 */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[], gates?: JobGates): Interval[] {
  const completions = job.spec?.completions ?? 0;
  const prev = job.status?.failedIndexes != null ? parseIndexesFromString(job.status.failedIndexes, completions) : [];
  const fresh = new Set<number>();
  for (const p of pods) {
    const ix = podIndex(p);
    if (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions && hasJobTrackingFinalizer(p) && isIndexFailed(job, p, gates)) fresh.add(ix);
  }
  return withOrderedIndexes(prev, sortedIndexes(fresh));
}

/**
 * indexed_job_utils.go `getPodsWithDelayedDeletionPerIndex(jobCtx)`: per index, the failed pod
 * (valid, with finalizer) whose finalizer removal waits until a replacement exists — so the
 * replacement can copy its failure-count annotations. Indexes already succeeded, failed, or held
 * by an active pod are skipped. Of several, a later pod replaces the kept one when its absolute
 * failure count is ≥ and its finish time is not before the kept one's.
 */
export function getPodsWithDelayedDeletionPerIndex(
  ctx: JobPodsContext,
  activePods: readonly Pod[],
  succeededIndexes: OrderedIntervals,
  failedIndexes: OrderedIntervals | null,
): Map<number, Pod> {
  const activeIndexes = getIndexes(activePods);
  const completions = ctx.job.spec?.completions ?? 0;
  const out = new Map<number, Pod>();
  getValidPodsWithFilter(ctx, null, (p) => {
    if (!isPodFailed(p, ctx.job, ctx.gates)) return false;
    const ix = podIndex(p);
    if (ix === UNKNOWN_COMPLETION_INDEX || ix >= completions) return false;
    if (intervalsHave(succeededIndexes, ix) || intervalsHave(failedIndexes, ix) || activeIndexes.has(ix)) return false;
    const kept = out.get(ix);
    if (kept === undefined) out.set(ix, p);
    else if (getIndexAbsoluteFailureCount(kept) <= getIndexAbsoluteFailureCount(p) && !(getFinishedTime(p, ctx.gates) < getFinishedTime(kept, ctx.gates))) out.set(ix, p);
    return false;
  });
  return out;
}
