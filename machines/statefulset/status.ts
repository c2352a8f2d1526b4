/**
 * StatefulSet status arithmetic: the replica counts over the pods, the rolling-update completion
 * rule, the "should the status be written" test and the availability requeue.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/statefulset/stateful_set_control.go  computeReplicaStatus, updateStatus,
 *      updateStatefulSet (the status skeleton), updateStatefulSetStatus
 *  - pkg/controller/statefulset/stateful_set_utils.go    completeRollingUpdate, inconsistentStatus
 *  - pkg/controller/statefulset/stateful_set_status_updater.go  UpdateStatefulSetStatus (a plain
 *      status PUT with conflict retries: nothing to compute)
 *  - pkg/controller/statefulset/stateful_set.go          syncStatefulSet (the minReadySeconds requeue)
 *
 * `now` is milliseconds on the simulated clock (availability is time-dependent).
 */
import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { getPodRevision, isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './identity.ts';
import { minReadySeconds, ROLLING_UPDATE, setReplicas, updateStrategyType } from './spec.ts';

export interface ReplicaStatus {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

/**
 * stateful_set_control.go `computeReplicaStatus(pods, minReadySeconds, currentRevision, updateRevision)`:
 *  - replicas: created pods (`phase != ""`, terminating ones included);
 *  - readyReplicas: phase Running and Ready; availableReplicas: those also available for
 *    `minReadySeconds` at `now`;
 *  - currentReplicas / updatedReplicas: created, NOT terminating, whose `controller-revision-hash`
 *    label names the current / update revision (one pod counts for both when they are equal).
 */
export function computeReplicaStatus(
  pods: ReadonlyArray<Pod>, minReady: number, currentRevision: string, updateRevision: string, now: number,
): ReplicaStatus {
  const s: ReplicaStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    if (isCreated(pod)) s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(pod, minReady, now)) s.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const rev = getPodRevision(pod);
      if (rev === currentRevision) s.currentReplicas++;
      if (rev === updateRevision) s.updatedReplicas++;
    }
  }
  return s;
}

/** stateful_set_control.go `updateStatus(status, …, podLists...)`: the counts summed over the lists (a pod in two lists counts twice). */
export function sumReplicaStatus(
  minReady: number, currentRevision: string, updateRevision: string, now: number, ...podLists: ReadonlyArray<ReadonlyArray<Pod>>
): ReplicaStatus {
  const s: ReplicaStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const list of podLists) {
    const r = computeReplicaStatus(list, minReady, currentRevision, updateRevision, now);
    s.replicas += r.replicas;
    s.readyReplicas += r.readyReplicas;
    s.availableReplicas += r.availableReplicas;
    s.currentReplicas += r.currentReplicas;
    s.updatedReplicas += r.updatedReplicas;
  }
  return s;
}

/**
 * The status `updateStatefulSet` builds: `observedGeneration = metadata.generation`, the two
 * revision names, `collisionCount`, and the counts over `podLists`. Conditions are not carried
 * (upstream builds a fresh struct, so a status write drops them).
 */
export function statefulSetStatus(
  set: StatefulSet, currentRevision: string, updateRevision: string, collisionCount: number, now: number,
  ...podLists: ReadonlyArray<ReadonlyArray<Pod>>
): StatefulSetStatus {
  const c = sumReplicaStatus(minReadySeconds(set), currentRevision, updateRevision, now, ...podLists);
  return {
    observedGeneration: set.metadata?.generation ?? 0,
    replicas: c.replicas,
    readyReplicas: c.readyReplicas,
    availableReplicas: c.availableReplicas,
    currentReplicas: c.currentReplicas,
    updatedReplicas: c.updatedReplicas,
    currentRevision,
    updateRevision,
    collisionCount,
  };
}

/**
 * stateful_set_utils.go `completeRollingUpdate(set, status)` (returns the new status): with
 * `updateStrategy.type == RollingUpdate` and `updatedReplicas == readyReplicas == replicas ==
 * spec.replicas`, the rollout is complete: `currentRevision = updateRevision`, `currentReplicas =
 * updatedReplicas`. Availability is not required (upstream issue #136831, open). With a partition
 * the update never completes (updated < replicas), so currentRevision stays the old one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  const n = setReplicas(set);
  if (updateStrategyType(set) === ROLLING_UPDATE &&
    (status.updatedReplicas ?? 0) === n && (status.readyReplicas ?? 0) === n && status.replicas === n) {
    return { ...status, currentReplicas: status.updatedReplicas ?? 0, currentRevision: status.updateRevision ?? '' };
  }
  return status;
}

/**
 * stateful_set_utils.go `inconsistentStatus(set, status)`: write the status only if
 * observedGeneration grew or replicas / currentReplicas / readyReplicas / updatedReplicas /
 * currentRevision / availableReplicas / updateRevision differ (collisionCount alone does not count).
 */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const old = set.status ?? ({ replicas: 0 } as StatefulSetStatus);
  return (status.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
    status.replicas !== (old.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (old.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (old.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (old.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (old.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (old.updateRevision ?? '');
}

/**
 * stateful_set_control.go `updateStatefulSetStatus(set, status)`: complete the rolling update if
 * due, then write only when inconsistent. Returns the (possibly completed) status and whether a
 * PUT happens.
 */
export function statusToWrite(set: StatefulSet, status: StatefulSetStatus): { status: StatefulSetStatus; write: boolean } {
  const s = completeRollingUpdate(set, status);
  return { status: s, write: inconsistentStatus(set, s) };
}

/**
 * stateful_set.go `syncStatefulSet`: "One more sync to handle the clock skew" — with
 * `minReadySeconds > 0` and `availableReplicas != spec.replicas`, requeue after minReadySeconds.
 * Returns ms, or null.
 */
export function availabilityRequeueAfter(set: StatefulSet, status: StatefulSetStatus | null | undefined): number | null {
  const m = minReadySeconds(set);
  if (m > 0 && status && (status.availableReplicas ?? 0) !== setReplicas(set)) return m * 1000;
  return null;
}
