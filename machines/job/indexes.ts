/**
 * Completion indexes of Indexed Jobs: the interval lists of `status.completedIndexes` /
 * `status.failedIndexes`, a pod's index and per-index failure counts, the lowest pending indexes,
 * and the active pods an Indexed Job removes for a bad / repeated index.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/indexed_job_utils.go (the 1.29+ version
 * with backoffLimitPerIndex): interval, orderedIntervals (withOrderedIndexes, merge, total,
 * String, has), parseIndexesFromString, firstPendingIndexes, getIndexes,
 * appendDuplicatedIndexPodsForRemoval, appendPodsWithSameIndexForRemovalAndRemaining,
 * getCompletionIndex, getIndexFailureCount, getIndexAbsoluteFailureCount,
 * parseIndexFailureCountAnnotation, parseIndexFailureIgnoreCountAnnotation, parseInt32,
 * byCompletionIndex.
 *
 * Sorting: upstream uses Go's unstable `sort.Sort`; here sorts are stable copies, so pods that
 * compare equal keep their input order (upstream's order among them is unspecified).
 */
import type { Pod } from '../../src/types.ts';
import { compareActivePods } from '../replicaset/ranking.ts';
import {
  JOB_COMPLETION_INDEX_ANNOTATION, JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION, MAX_INT32,
} from './spec.ts';
import { goParseInt } from '../deployment/fenceposts.ts';

/** indexed_job_utils.go `unknownCompletionIndex`. */
export const UNKNOWN_COMPLETION_INDEX = -1;

/** `interval{First, Last}` (inclusive). */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/** `orderedIntervals`: sorted, non-adjacent, non-overlapping (when built by the functions below). */
export type OrderedIntervals = readonly Interval[];

// ---------------------------------------------------------------------------------------------
// Go integer parsing
// ---------------------------------------------------------------------------------------------

/**
 * Go `strconv.Atoi` (64-bit int): optional sign, decimal digits only (no spaces, no
 * underscores), within int64; null when it errors. Values beyond 2^53 lose precision.
 */
export function goAtoi(s: string): number | null {
  const r = goParseInt(s, 'Atoi');
  return 'error' in r ? null : r.value;
}

// ---------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------

/**
 * `parseIndexesFromString(logger, indexesStr, completions)`: "" → []; split on ",", each piece on
 * "-"; a piece whose first (or second) number does not parse is skipped ("Corrupted indexes
 * interval, ignoring"); a first number ≥ completions STOPS parsing; a last number ≥ completions
 * is clamped to completions − 1; a piece adjacent to the previous interval (`last == first − 1`)
 * extends it. Extra "-" parts are ignored ("1-2-3" is 1..2); nothing checks order or overlap.
 */
export function parseIndexesFromString(indexesStr: string, completions: number): Interval[] {
  if (indexesStr === '') return [];
  const result: { first: number; last: number }[] = [];
  for (const intervalStr of indexesStr.split(',')) {
    const limits = intervalStr.split('-');
    const first = goAtoi(limits[0]);
    if (first === null) continue;
    if (first >= completions) break;
    let last: number;
    if (limits.length > 1) {
      const l = goAtoi(limits[1]);
      if (l === null) continue;
      last = l >= completions ? completions - 1 : l;
    } else {
      last = first;
    }
    const prev = result[result.length - 1];
    if (prev !== undefined && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}

/**
 * `orderedIntervals.String()`: intervals joined by ","; a single index as "a", a run of two as
 * "a,b", three or more as "a-b". E.g. [0..1, 3..5] → "0,1,3-5".
 */
export function formatIntervals(intervals: OrderedIntervals): string {
  const parts: string[] = [];
  for (const v of intervals) {
    if (v.last > v.first) parts.push(v.last === v.first + 1 ? `${v.first},${v.last}` : `${v.first}-${v.last}`);
    else parts.push(String(v.first));
  }
  return parts.join(',');
}

/** `orderedIntervals.total()`: Σ (last − first + 1). */
export function intervalsTotal(intervals: OrderedIntervals | null | undefined): number {
  let n = 0;
  for (const v of intervals ?? []) n += v.last - v.first + 1;
  return n;
}

/** `orderedIntervals.has(ix)` (binary search on the sorted intervals). */
export function intervalsHave(intervals: OrderedIntervals | null | undefined, ix: number): boolean {
  const oi = intervals ?? [];
  let lo = 0;
  let hi = oi.length;
  while (hi > lo) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (oi[mid].last >= ix) hi = mid;
    else lo = mid + 1;
  }
  if (hi === oi.length) return false;
  return oi[hi].first <= ix;
}

/**
 * `orderedIntervals.merge(newOi)`: a two-way merge by `first`; an interval starting beyond
 * `last + 1` of the previous one starts a new interval, otherwise it extends it.
 */
export function mergeIntervals(oi: OrderedIntervals, newOi: OrderedIntervals): Interval[] {
  const result: { first: number; last: number }[] = [];
  const add = (t: Interval) => {
    const prev = result[result.length - 1];
    if (prev === undefined || t.first > prev.last + 1) result.push({ first: t.first, last: t.last });
    else if (prev.last < t.last) prev.last = t.last;
  };
  let i = 0;
  let j = 0;
  while (i < oi.length && j < newOi.length) {
    if (oi[i].first < newOi[j].first) add(oi[i++]);
    else add(newOi[j++]);
  }
  while (i < oi.length) add(oi[i++]);
  while (j < newOi.length) add(newOi[j++]);
  return result;
}

/** `orderedIntervals.withOrderedIndexes(newIndexes)`: merge in single indexes given in increasing order. */
export function withOrderedIndexes(oi: OrderedIntervals, newIndexes: readonly number[]): Interval[] {
  return mergeIntervals(oi, newIndexes.map((ix) => ({ first: ix, last: ix })));
}

/** The indexes an interval list covers, ascending (for tests and small lists). */
export function intervalsToIndexes(intervals: OrderedIntervals): number[] {
  const out: number[] = [];
  for (const v of intervals) for (let i = v.first; i <= v.last; i++) out.push(i);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A pod's index
// ---------------------------------------------------------------------------------------------

/**
 * `getCompletionIndex(annotations)`: the `batch.kubernetes.io/job-completion-index` annotation
 * parsed with `strconv.Atoi`; −1 (unknown) when absent, unparsable or negative.
 */
export function getCompletionIndex(annotations: Readonly<Record<string, string>> | null | undefined): number {
  if (!annotations || !Object.prototype.hasOwnProperty.call(annotations, JOB_COMPLETION_INDEX_ANNOTATION)) return UNKNOWN_COMPLETION_INDEX;
  const i = goAtoi(annotations[JOB_COMPLETION_INDEX_ANNOTATION]);
  if (i === null || i < 0) return UNKNOWN_COMPLETION_INDEX;
  return i;
}

/** The completion index of a pod ({@link getCompletionIndex} of its annotations). */
export function podIndex(pod: Pod): number {
  return getCompletionIndex(pod.metadata?.annotations);
}

/** `getIndexes(pods)`: the set of known indexes of the pods. */
export function getIndexes(pods: readonly Pod[]): Set<number> {
  const out = new Set<number>();
  for (const p of pods) {
    const ix = podIndex(p);
    if (ix !== UNKNOWN_COMPLETION_INDEX) out.add(ix);
  }
  return out;
}

/** `sets.List(set)`: ascending. */
export function sortedIndexes(set: ReadonlySet<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

/** `sort.Sort(byCompletionIndex(pods))` as a stable copy: ascending index, unknown (−1) first. */
export function sortByCompletionIndex(pods: readonly Pod[]): Pod[] {
  return pods.map((p) => ({ p, ix: podIndex(p) })).sort((a, b) => a.ix - b.ix).map((e) => e.p);
}

// ---------------------------------------------------------------------------------------------
// Per-index failure counts (backoffLimitPerIndex)
// ---------------------------------------------------------------------------------------------

/** `parseInt32`: `strconv.Atoi`, then 0 when it errors, is negative or exceeds MaxInt32. */
export function parseInt32(v: string): number {
  const n = goAtoi(v);
  if (n === null || n < 0 || n > MAX_INT32) return 0;
  return n;
}

/** `parseIndexFailureCountAnnotation` = `getIndexFailureCount`: the failure-count annotation, 0 when absent. */
export function getIndexFailureCount(pod: Pod): number {
  const a = pod.metadata?.annotations;
  if (!a || !Object.prototype.hasOwnProperty.call(a, JOB_INDEX_FAILURE_COUNT_ANNOTATION)) return 0;
  return parseInt32(a[JOB_INDEX_FAILURE_COUNT_ANNOTATION]);
}

/** `parseIndexFailureIgnoreCountAnnotation`: the ignored-failure-count annotation, 0 when absent. */
export function getIndexIgnoredFailureCount(pod: Pod): number {
  const a = pod.metadata?.annotations;
  if (!a || !Object.prototype.hasOwnProperty.call(a, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION)) return 0;
  return parseInt32(a[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION]);
}

/** `getIndexAbsoluteFailureCount`: counted + ignored failures recorded on the pod. */
export function getIndexAbsoluteFailureCount(pod: Pod): number {
  return getIndexFailureCount(pod) + getIndexIgnoredFailureCount(pod);
}

// ---------------------------------------------------------------------------------------------
// Pending indexes and removals
// ---------------------------------------------------------------------------------------------

/**
 * `firstPendingIndexes(jobCtx, count, completions)`: up to `count` lowest indexes below
 * `completions` that are not succeeded, not held by an active pod, not failed, and — when
 * `terminatingPods` is given (upstream passes `FilterTerminatingPods(pods)` only under
 * `onlyReplaceFailedPods`) — not held by a terminating pod. `count` 0 → [].
 */
export function firstPendingIndexes(
  activePods: readonly Pod[],
  succeededIndexes: OrderedIntervals,
  count: number,
  completions: number,
  terminatingPods: readonly Pod[] | null = null,
  failedIndexes: OrderedIntervals | null = null,
): number[] {
  if (count === 0) return [];
  let nonPending: OrderedIntervals = withOrderedIndexes(succeededIndexes, sortedIndexes(getIndexes(activePods)));
  if (terminatingPods !== null) nonPending = withOrderedIndexes(nonPending, sortedIndexes(getIndexes(terminatingPods)));
  if (failedIndexes !== null) nonPending = mergeIntervals(nonPending, failedIndexes);
  const result: number[] = [];
  let candidate = 0;
  for (const s of nonPending) {
    for (; candidate < completions && result.length < count && candidate < s.first; candidate++) result.push(candidate);
    if (candidate < s.last + 1) candidate = s.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/**
 * `appendDuplicatedIndexPodsForRemoval(rm, left, pods, completions)`: pods sorted by index; pods
 * without an index and (from the first one on) pods with index ≥ completions go to `rm`; of pods
 * sharing an index, all but the LAST in ActivePods order (the one least preferred for deletion)
 * go to `rm`, that one to `left`; single pods to `left`.
 */
export function duplicatedIndexPodsForRemoval(pods: readonly Pod[], completions: number): { rm: Pod[]; left: Pod[] } {
  const sorted = sortByCompletionIndex(pods);
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const flush = (group: Pod[], ix: number) => {
    if (ix === UNKNOWN_COMPLETION_INDEX) {
      rm.push(...group);
      return;
    }
    if (group.length === 0) return;
    if (group.length === 1) {
      left.push(group[0]);
      return;
    }
    const ordered = [...group].sort(compareActivePods);
    rm.push(...ordered.slice(0, -1));
    left.push(ordered[ordered.length - 1]);
  };
  let lastIndex = UNKNOWN_COMPLETION_INDEX;
  let firstRepeatPos = 0;
  let countLooped = 0;
  for (let i = 0; i < sorted.length; i++) {
    const ix = podIndex(sorted[i]);
    if (ix >= completions) {
      rm.push(...sorted.slice(i));
      break;
    }
    if (ix !== lastIndex) {
      flush(sorted.slice(firstRepeatPos, i), lastIndex);
      firstRepeatPos = i;
      lastIndex = ix;
    }
    countLooped++;
  }
  flush(sorted.slice(firstRepeatPos, countLooped), lastIndex);
  return { rm, left };
}
