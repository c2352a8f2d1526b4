/**
 * ReplicaSet / ReplicationController status arithmetic, as pure functions of the pods and `now`.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/api/v1/pod/util.go                      IsPodReady, IsPodAvailable, GetPodReadyCondition
 *  - pkg/controller/controller_utils.go          IsPodActive, IsPodTerminating, FilterActivePods,
 *                                                nextPodAvailabilityCheck, FindMinNextPodAvailabilityCheck
 *  - pkg/controller/replicaset/replica_set_utils.go  calculateStatus, updateReplicaSetStatus (the
 *                                                "steady state" check), NewReplicaSetCondition,
 *                                                GetCondition, SetCondition, RemoveCondition
 *  - pkg/controller/replicaset/replica_set.go    syncReplicaSet (the availability requeue)
 *
 * Times are `metav1.Time` strings (RFC 3339, second precision); `now` is milliseconds since the
 * epoch. A missing / unparsable / Go-zero timestamp is the zero time (`null` here).
 */
import type { Pod, PodCondition } from '../../src/types.ts';
import { matches, selectorFromSet } from '../../src/labels.ts';
import { iso } from '../time.ts';

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/** `time.Time{}` (year 1) in milliseconds: what a JSON "0001-01-01T00:00:00Z" decodes to. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** A `metav1.Time` in ms, or `null` for the zero time (`Time.IsZero()`). */
export function timeMs(t: string | null | undefined): number | null {
  if (t == null || t === '') return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return null;
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Pod predicates
// ---------------------------------------------------------------------------------------------

/**
 * pkg/api/v1/pod/util.go `GetPodReadyCondition` → `GetPodConditionFromList`: the FIRST
 * condition of type Ready (whatever its status), or undefined.
 */
export function getPodReadyCondition(pod: Pod): PodCondition | undefined {
  const conds = pod.status?.conditions;
  if (!conds) return undefined;
  for (let i = 0; i < conds.length; i++) if (conds[i].type === 'Ready') return conds[i];
  return undefined;
}

/** pkg/api/v1/pod/util.go `IsPodReady` = `IsPodReadyConditionTrue`: Ready condition with status "True". */
export function isPodReady(pod: Pod): boolean {
  const c = getPodReadyCondition(pod);
  return c !== undefined && c.status === 'True';
}

/**
 * pkg/api/v1/pod/util.go `IsPodAvailable(pod, minReadySeconds, now)`: ready, and either
 * `minReadySeconds == 0` or the Ready condition's `lastTransitionTime` is set and
 * `lastTransitionTime + minReadySeconds <= now`.
 *
 * Version: the inclusive `<=` (`.Compare(now) <= 0`) is upstream since PR #132122 (merged
 * June 2025, v1.34). Up to v1.33 it was the strict `.Before(now)` (`<`). Inclusive is used here.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const t = timeMs(getPodReadyCondition(pod)!.lastTransitionTime);
  return t !== null && t + minReadySeconds * 1000 <= now;
}

/** pkg/api/v1/pod/util.go `IsPodPhaseTerminal`. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/**
 * pkg/controller/controller_utils.go `IsPodActive`:
 * `PodSucceeded != phase && PodFailed != phase && DeletionTimestamp == nil`.
 */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp == null;
}

/** pkg/controller/controller_utils.go `FilterActivePods` (input order kept). */
export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/**
 * pkg/controller/controller_utils.go `IsPodTerminating`: `!IsPodTerminal(p) && DeletionTimestamp != nil`
 * (counted into `status.terminatingReplicas`, gate DeploymentReplicaSetTerminatingReplicas).
 */
export function isPodTerminating(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata?.deletionTimestamp != null;
}

/** pkg/controller/controller_utils.go `FilterTerminatingPods`. */
export function filterTerminatingPods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodTerminating);
}

// ---------------------------------------------------------------------------------------------
// Availability requeue
// ---------------------------------------------------------------------------------------------

/**
 * pkg/controller/controller_utils.go `nextPodAvailabilityCheck` (PR #132121, v1.34): for a ready
 * pod with `minReadySeconds > 0` and a set Ready `lastTransitionTime`, the time (ms) until it
 * becomes available, when that is still in the future; otherwise null.
 */
export function nextPodAvailabilityCheck(pod: Pod, minReadySeconds: number, now: number): number | null {
  if (!isPodReady(pod) || minReadySeconds <= 0) return null;
  const t = timeMs(getPodReadyCondition(pod)!.lastTransitionTime);
  if (t === null) return null;
  const next = t + minReadySeconds * 1000 - now;
  return next > 0 ? next : null;
}

/**
 * pkg/controller/controller_utils.go `FindMinNextPodAvailabilityCheck(pods, minReadySeconds,
 * lastOwnerStatusEvaluation, clock)`: the earliest {@link nextPodAvailabilityCheck} over the pods.
 * Upstream re-evaluates the earliest pod against a fresh `clock.Now()` (falling back to 0); in a
 * pure function both instants are `now`, so that step returns the same value.
 */
export function findMinNextPodAvailabilityCheck(pods: readonly Pod[], minReadySeconds: number, now: number): number | null {
  let min: number | null = null;
  for (const p of pods) {
    const next = nextPodAvailabilityCheck(p, minReadySeconds, now);
    if (next !== null && (min === null || next < min)) min = next;
  }
  return min;
}

/**
 * pkg/controller/replicaset/replica_set.go `syncReplicaSet` (v1.34+, PR #132121): after the status
 * write, requeue when `minReadySeconds > 0 && readyReplicas != availableReplicas`, after the
 * earliest pod's availability time, falling back to `minReadySeconds`. Returns ms, or null for
 * no requeue.
 *
 * Older upstream (≤1.33) requeued after exactly `minReadySeconds` and only when
 * `readyReplicas == spec.replicas && availableReplicas != spec.replicas` (the digest's §2.1 rule).
 */
export function availabilityRequeueAfter(
  minReadySeconds: number,
  status: { readyReplicas?: number; availableReplicas?: number },
  activePods: readonly Pod[],
  now: number,
): number | null {
  if (!(minReadySeconds > 0) || (status.readyReplicas ?? 0) === (status.availableReplicas ?? 0)) return null;
  return findMinNextPodAvailabilityCheck(activePods, minReadySeconds, now) ?? minReadySeconds * 1000;
}

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

export interface ReplicaSetConditionData {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** `apps/v1` ReplicaSetStatus (with the 1.33+ `terminatingReplicas`); RC status has the same fields. */
export interface ReplicaSetStatusData {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetConditionData[];
}

/** The parts of a ReplicaSet (or a ReplicationController) that the status arithmetic reads. */
export interface ReplicaSetLike {
  metadata?: { generation?: number };
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  status?: Partial<ReplicaSetStatusData>;
}

export const REPLICA_FAILURE = 'ReplicaFailure';
export const FAILED_CREATE = 'FailedCreate';
export const FAILED_DELETE = 'FailedDelete';

/** replica_set_utils.go `NewReplicaSetCondition` (`LastTransitionTime: metav1.Now()`). */
export function newReplicaSetCondition(type: string, status: string, reason: string, message: string, now: number): ReplicaSetConditionData {
  const c: ReplicaSetConditionData = { type, status, lastTransitionTime: iso(now) };
  if (reason !== '') c.reason = reason; // omitempty
  if (message !== '') c.message = message;
  return c;
}

/** replica_set_utils.go `GetCondition`. */
export function getCondition(status: Partial<ReplicaSetStatusData> | undefined, type: string): ReplicaSetConditionData | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * replica_set_utils.go `SetCondition`: no-op when a condition of that type already has the same
 * status and reason; otherwise the old one is removed and the new one appended. Returns new list.
 */
export function setCondition(conditions: readonly ReplicaSetConditionData[] | undefined, cond: ReplicaSetConditionData): ReplicaSetConditionData[] | undefined {
  const cur = conditions?.find((c) => c.type === cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return conditions ? [...conditions] : undefined;
  return [...removeCondition(conditions, cond.type) ?? [], cond];
}

/** replica_set_utils.go `RemoveCondition` / `filterOutCondition` (an empty result is nil). */
export function removeCondition(conditions: readonly ReplicaSetConditionData[] | undefined, type: string): ReplicaSetConditionData[] | undefined {
  const out = (conditions ?? []).filter((c) => c.type !== type);
  return out.length ? out : undefined;
}

export interface ReplicaSetStatusResult {
  /** The status as `updateReplicaSetStatus` leaves it (observedGeneration = generation when written). */
  status: ReplicaSetStatusData;
  /** False in upstream's "steady state": nothing differs and observedGeneration == generation (no PUT). */
  changed: boolean;
  /** ms until the availability requeue (`queue.AddAfter`), or null. */
  requeueAfterMs: number | null;
}

function sameConditions(a: readonly ReplicaSetConditionData[] | undefined, b: readonly ReplicaSetConditionData[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    if (p.type !== q.type || p.status !== q.status || (p.lastTransitionTime ?? '') !== (q.lastTransitionTime ?? '') ||
      (p.reason ?? '') !== (q.reason ?? '') || (p.message ?? '') !== (q.message ?? '')) return false;
  }
  return true;
}

/**
 * replica_set_utils.go `calculateStatus(rs, activePods, terminatingPods, manageReplicasErr, …, now)`
 * followed by `updateReplicaSetStatus`'s steady-state check and `syncReplicaSet`'s availability
 * requeue.
 *
 * - `replicas` = number of active owned pods (`filteredPods`, after FilterActivePods + claim);
 * - `fullyLabeledReplicas` = those whose labels match the POD TEMPLATE labels
 *   (`labels.Set(template.labels).AsSelectorPreValidated()`; no template labels → all match);
 * - `readyReplicas` = IsPodReady; `availableReplicas` = ready AND IsPodAvailable(minReadySeconds, now);
 * - `ReplicaFailure` (True, reason FailedCreate when `len(pods) < replicas`, FailedDelete when
 *   greater, message = the error) is added only if absent when manageReplicas failed, and removed
 *   when it succeeded; an existing one is never updated;
 * - `terminatingReplicas` is set only when `terminatingPods` is passed (gate
 *   DeploymentReplicaSetTerminatingReplicas; absent in 1.32), otherwise left unset;
 * - `observedGeneration` = `metadata.generation`, written with the status.
 */
export function calculateReplicaSetStatus(
  rs: ReplicaSetLike,
  filteredPods: readonly Pod[],
  manageReplicasErr: string | Error | null | undefined,
  now: number,
  terminatingPods?: readonly Pod[],
): ReplicaSetStatusResult {
  const old: Partial<ReplicaSetStatusData> = rs.status ?? {};
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateSelector = selectorFromSet(rs.spec?.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (matches(templateSelector, pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }

  let conditions = old.conditions ? [...old.conditions] : undefined;
  const failureCond = getCondition(old, REPLICA_FAILURE);
  const errMsg = manageReplicasErr == null ? null : typeof manageReplicasErr === 'string' ? manageReplicasErr : manageReplicasErr.message;
  if (errMsg !== null && failureCond === undefined) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? FAILED_CREATE : diff > 0 ? FAILED_DELETE : '';
    conditions = setCondition(conditions, newReplicaSetCondition(REPLICA_FAILURE, 'True', reason, errMsg, now));
  } else if (errMsg === null && failureCond !== undefined) {
    conditions = removeCondition(conditions, REPLICA_FAILURE);
  }

  const status: ReplicaSetStatusData = {
    replicas: filteredPods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
  };
  if (terminatingPods) status.terminatingReplicas = terminatingPods.length;
  if (old.observedGeneration !== undefined) status.observedGeneration = old.observedGeneration;
  if (conditions) status.conditions = conditions;

  const generation = rs.metadata?.generation ?? 0;
  const steady =
    (old.replicas ?? 0) === status.replicas &&
    (old.fullyLabeledReplicas ?? 0) === status.fullyLabeledReplicas &&
    (old.readyReplicas ?? 0) === status.readyReplicas &&
    (old.availableReplicas ?? 0) === status.availableReplicas &&
    old.terminatingReplicas === status.terminatingReplicas &&
    generation === (old.observedGeneration ?? 0) &&
    sameConditions(old.conditions, status.conditions);
  if (!steady) status.observedGeneration = generation;

  return { status, changed: !steady, requeueAfterMs: availabilityRequeueAfter(minReadySeconds, status, filteredPods, now) };
}
