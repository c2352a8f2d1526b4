/**
 * Scale-down victim ranking, as pure functions of the pods and `now`.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/controller_utils.go   ActivePods.Less, ActivePodsWithRanks.Less, afterOrZero,
 *                                         podReadyTime, maxContainerRestarts,
 *                                         compareMaxContainerRestarts, logarithmicRankDiff
 *  - pkg/apis/core/helper/helpers.go      GetDeletionCostFromPodAnnotations, validFirstDigit
 *  - pkg/controller/replicaset/replica_set.go  getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode
 *
 * Gates: PodDeletionCost and LogarithmicScaleDown are taken as enabled (both default on).
 * Sidecar restarts (restartPolicy: Always init containers) break regular-restart ties since
 * PR #124952 (v1.33); before that only regular containers were counted.
 *
 * Each pod's inputs are extracted once into {@link PodRankFacts}, so sorting thousands of pods
 * does not re-parse timestamps per comparison; the comparison itself follows upstream rule by rule.
 */
import type { Pod } from '../../src/types.ts';
import { isPodActive, isPodReady, getPodReadyCondition, timeMs } from './status.ts';

/** `v1.PodDeletionCost`. */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

// ---------------------------------------------------------------------------------------------
// Per-pod inputs
// ---------------------------------------------------------------------------------------------

/** helpers.go `validFirstDigit`: no "+10", no leading zeros ("008"), "0" alone is fine. */
function validFirstDigit(s: string): boolean {
  if (s.length === 0) return false;
  const c = s[0];
  return c === '-' || (c === '0' && s === '0') || (c >= '1' && c <= '9');
}

/**
 * pkg/apis/core/helper/helpers.go `GetDeletionCostFromPodAnnotations`: the int32 value of the
 * `controller.kubernetes.io/pod-deletion-cost` annotation; 0 when absent or invalid
 * (`strconv.ParseInt(v, 10, 32)` failing, a leading "+", or leading zeros).
 */
export function getDeletionCost(annotations: Readonly<Record<string, string>> | null | undefined): number {
  if (!annotations || !Object.prototype.hasOwnProperty.call(annotations, POD_DELETION_COST)) return 0;
  const v = annotations[POD_DELETION_COST];
  if (!validFirstDigit(v) || !/^[+-]?[0-9]+$/.test(v)) return 0;
  const n = BigInt(v);
  if (n > 2147483647n || n < -2147483648n) return 0;
  return Number(n);
}

/** controller_utils.go `podPhaseToOrdinal`: Pending 0, Unknown 1, Running 2, anything else 0. */
export function podPhaseOrdinal(pod: Pod): number {
  switch (pod.status?.phase) {
    case 'Unknown': return 1;
    case 'Running': return 2;
    default: return 0;
  }
}

/** controller_utils.go `podReadyTime`: the Ready=True condition's lastTransitionTime, else zero. */
export function podReadyTime(pod: Pod): number | null {
  if (!isPodReady(pod)) return null;
  return timeMs(getPodReadyCondition(pod)!.lastTransitionTime);
}

/**
 * controller_utils.go `maxContainerRestarts` (v1.33+): the max restartCount over
 * `status.containerStatuses`, and separately over the init container statuses whose spec has
 * `restartPolicy: Always` (sidecars).
 */
export function maxContainerRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  let sidecar = 0;
  const inits = pod.spec?.initContainers;
  const initStatuses = pod.status?.initContainerStatuses;
  if (inits && initStatuses) {
    const names = new Set<string>();
    for (const c of inits) if ((c as { restartPolicy?: string }).restartPolicy === 'Always') names.add(c.name);
    for (const c of initStatuses) if (names.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  }
  return { regular, sidecar };
}

// ---------------------------------------------------------------------------------------------
// Logarithmic buckets (LogarithmicScaleDown)
// ---------------------------------------------------------------------------------------------

const scratch = new DataView(new ArrayBuffer(8));

/** Go `math.Frexp` for a positive finite x: x = frac × 2^exp, frac ∈ [0.5, 1). */
function frexp(x: number): [number, number] {
  scratch.setFloat64(0, x);
  const e = (scratch.getUint32(0) >>> 20) & 0x7ff;
  if (e === 0) {
    const [f, ex] = frexp(x * 2 ** 64);
    return [f, ex - 64];
  }
  const exp = e - 1022;
  return [x * 2 ** -exp, exp];
}

/** Go `math.Log2` (the portable `log2`: Frexp, exact for powers of two, else Log(frac)/Ln2 + exp). */
export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * (1 / Math.LN2) + exp;
}

/**
 * The bucket `int64(math.Log2(float64(now.Sub(t))))` of controller_utils.go `logarithmicRankDiff`,
 * with the duration in NANOSECONDS as upstream (times here are ms: ×1e6); -1 when `now - t <= 0`.
 */
export function logarithmicBucket(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.trunc(goLog2(d)) : -1;
}

/** controller_utils.go `logarithmicRankDiff(t1, t2, now)`. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  return logarithmicBucket(t1, now) - logarithmicBucket(t2, now);
}

/** controller_utils.go `afterOrZero`: a zero time counts as after any non-zero time. */
function afterOrZero(t1: number | null, t2: number | null): boolean {
  if (t1 === null || t2 === null) return t1 === null;
  return t1 > t2;
}

// ---------------------------------------------------------------------------------------------
// Facts and comparisons
// ---------------------------------------------------------------------------------------------

/** Everything the two orderings read from one pod, extracted once. */
export interface PodRankFacts {
  readonly pod: Pod;
  readonly nodeName: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly readyTime: number | null;
  readonly deletionCost: number;
  readonly restarts: number;
  readonly sidecarRestarts: number;
  readonly created: number | null;
  readonly uid: string;
}

export function podRankFacts(pod: Pod): PodRankFacts {
  const ready = isPodReady(pod);
  const r = maxContainerRestarts(pod);
  return {
    pod,
    nodeName: pod.spec?.nodeName ?? '',
    phase: podPhaseOrdinal(pod),
    ready,
    readyTime: ready ? timeMs(getPodReadyCondition(pod)!.lastTransitionTime) : null,
    deletionCost: getDeletionCost(pod.metadata?.annotations),
    restarts: r.regular,
    sidecarRestarts: r.sidecar,
    created: timeMs(pod.metadata?.creationTimestamp),
    uid: pod.metadata?.uid ?? '',
  };
}

/**
 * controller_utils.go `compareMaxContainerRestarts`: true when a has more restarts (regular
 * first, then sidecar), false when b has, null when equal.
 */
function compareRestarts(a: PodRankFacts, b: PodRankFacts): boolean | null {
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.sidecarRestarts !== b.sidecarRestarts) return a.sidecarRestarts > b.sidecarRestarts;
  return null;
}

/** Go string `<` (bytewise). UIDs are ASCII, where UTF-16 order is the same. */
const uidLess = (a: string, b: string) => a < b;

/** Steps 6 and 8 of ActivePodsWithRanks.Less for two unequal times. */
function logarithmicLess(t1: number | null, t2: number | null, uid1: string, uid2: string, now: number | null): boolean {
  if (now === null || t1 === null || t2 === null) return afterOrZero(t1, t2);
  const rankDiff = logarithmicRankDiff(t1, t2, now);
  if (rankDiff === 0) return uidLess(uid1, uid2);
  return rankDiff < 0;
}

/**
 * controller_utils.go `ActivePodsWithRanks.Less(i, j)` on extracted facts: true when pod a is
 * preferred for deletion over pod b. `now` null is upstream's zero `Now` (no log scaling).
 *
 *  1. unassigned < assigned;  2. phase Pending < Unknown < Running;  3. not ready < ready;
 *  4. lower pod-deletion-cost < higher;  5. higher rank (co-located active pods) < lower;
 *  6. both ready with different ready times: log2 buckets of (now − readyTime) in ns, smaller
 *     (more recent) first, same bucket → smaller UID first (and decided there); a zero time
 *     is first;  7. more restarts (regular, then sidecar) first;
 *  8. different creation times: same log2 bucketing and UID tie-break; zero first;  else false.
 *
 * NOTE (upstream quirk, kept): this is not a strict weak order when ready (or creation) times
 * are exactly equal for some pods and in the same bucket for others: equal times fall through to
 * the restart/creation rules while same-bucket different times are decided by UID, which can
 * form a cycle. With second-precision timestamps equal times are common.
 */
export function lessRankFacts(a: PodRankFacts, rankA: number, b: PodRankFacts, rankB: number, now: number | null): boolean {
  // 1. Unassigned < assigned
  if (a.nodeName !== b.nodeName && (a.nodeName.length === 0 || b.nodeName.length === 0)) return a.nodeName.length === 0;
  // 2. PodPending < PodUnknown < PodRunning
  if (a.phase !== b.phase) return a.phase < b.phase;
  // 3. Not ready < ready
  if (a.ready !== b.ready) return !a.ready;
  // 4. lower pod-deletion-cost < higher pod-deletion cost (gate PodDeletionCost)
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost;
  // 5. Doubled up < not doubled up
  if (rankA !== rankB) return rankA > rankB;
  // 6. Been ready for empty time < less time < more time (gate LogarithmicScaleDown)
  if (a.ready && b.ready && a.readyTime !== b.readyTime) {
    return logarithmicLess(a.readyTime, b.readyTime, a.uid, b.uid, now);
  }
  // 7. Pods with containers with higher restart counts < lower restart counts
  const r = compareRestarts(a, b);
  if (r !== null) return r;
  // 8. Empty creation time pods < newer pods < older pods
  if (a.created !== b.created) return logarithmicLess(a.created, b.created, a.uid, b.uid, now);
  return false;
}

/**
 * controller_utils.go `ActivePods.Less` (the non-ranked order, used by Job and others): unassigned
 * < assigned; Pending < Unknown < Running; not ready < ready; both ready → more recently ready
 * first (zero first); more restarts (regular, then sidecar) first; newer creation first (zero
 * first). No deletion cost, rank, or log buckets.
 */
export function lessActivePodsFacts(a: PodRankFacts, b: PodRankFacts): boolean {
  if (a.nodeName !== b.nodeName && (a.nodeName.length === 0 || b.nodeName.length === 0)) return a.nodeName.length === 0;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return afterOrZero(a.readyTime, b.readyTime);
  const r = compareRestarts(a, b);
  if (r !== null) return r;
  if (a.created !== b.created) return afterOrZero(a.created, b.created);
  return false;
}

/** A pod with its co-location rank (`ActivePodsWithRanks.Rank[i]`). */
export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

/** `ActivePodsWithRanks.Less` on two ranked pods. */
export function lessActivePodsWithRanks(a: RankedPod, b: RankedPod, now: number | null): boolean {
  return lessRankFacts(podRankFacts(a.pod), a.rank, podRankFacts(b.pod), b.rank, now);
}

/** Comparator form of {@link lessActivePodsWithRanks}: -1 (a deleted first), 1, or 0. */
export function compareActivePodsWithRanks(a: RankedPod, b: RankedPod, now: number | null): number {
  const fa = podRankFacts(a.pod);
  const fb = podRankFacts(b.pod);
  return lessRankFacts(fa, a.rank, fb, b.rank, now) ? -1 : lessRankFacts(fb, b.rank, fa, a.rank, now) ? 1 : 0;
}

/** `ActivePods.Less` on two pods. */
export function lessActivePods(a: Pod, b: Pod): boolean {
  return lessActivePodsFacts(podRankFacts(a), podRankFacts(b));
}

/** Comparator form of {@link lessActivePods}. */
export function compareActivePods(a: Pod, b: Pod): number {
  const fa = podRankFacts(a);
  const fb = podRankFacts(b);
  return lessActivePodsFacts(fa, fb) ? -1 : lessActivePodsFacts(fb, fa) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Victims
// ---------------------------------------------------------------------------------------------

/**
 * replica_set.go `getPodsRankedByRelatedPodsOnSameNode`: each pod's rank is the number of ACTIVE
 * pods in `relatedPods` (the pods of every ReplicaSet with the same controller) on its node;
 * unscheduled pods share the node name "". Returned aligned with `podsToRank`.
 */
export function rankPods(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): number[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return podsToRank.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
}

/**
 * replica_set.go `getPodsToDelete(filteredPods, relatedPods, diff)`: when `diff < len(pods)`, sort
 * by ActivePodsWithRanks (ranks from `relatedPods`, `Now` = now) and take the first `diff`;
 * otherwise the first `diff` pods as given (all of them, unsorted). Upstream sorts in place with
 * Go's unstable sort; this sorts a copy stably, so equivalent pods keep their input order.
 * `diff` outside [0, len] is clamped (upstream never passes one).
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now: number): Pod[] {
  const n = Math.max(0, Math.min(diff, filteredPods.length));
  if (diff >= filteredPods.length) return filteredPods.slice(0, n);
  const ranks = rankPods(filteredPods, relatedPods);
  const entries = filteredPods.map((pod, i) => ({ f: podRankFacts(pod), rank: ranks[i] }));
  entries.sort((x, y) => (lessRankFacts(x.f, x.rank, y.f, y.rank, now) ? -1 : lessRankFacts(y.f, y.rank, x.f, x.rank, now) ? 1 : 0));
  return entries.slice(0, n).map((e) => e.f.pod);
}
