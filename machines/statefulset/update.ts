/**
 * One StatefulSet sync as a PLAN: given the set, its pods, its two revisions and the claims, the
 * writes upstream's `updateStatefulSet` would make, in its order, assuming every call succeeds —
 * plus the status it would write and where it stopped. An actor performs the actions in order
 * (recording the events of retention.ts `podEvent` / `claimEvent`) and syncs again on the next
 * pod/set change; nothing here reads a clock or mutates an input.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/statefulset/stateful_set_control.go  UpdateStatefulSet, performUpdate,
 *      updateStatefulSet, processReplica, processCondemned, runForAll, slowStartBatch,
 *      updateStatefulSetAfterInvariantEstablished, updateStatefulSetStatus
 *  - pkg/controller/statefulset/stateful_pod_control.go  CreateStatefulPod, UpdateStatefulPod,
 *      DeleteStatefulPod, createMissingPersistentVolumeClaims, PodClaimIsStale
 *  - pkg/controller/statefulset/stateful_set.go          syncStatefulSet (requeue)
 *
 * The rules, in upstream's order (monotonic = podManagementPolicy OrderedReady):
 *  1. Split pods: in-range ordinals fill `replicas[ordinal − start]`; other parsable ordinals are
 *     CONDEMNED (sorted highest first); unparsable names are ignored. Each empty slot gets an
 *     in-memory pod (newVersionedStatefulSetPod: current revision below the partition, else update).
 *  2. firstUnhealthyPod: the lowest in-range unhealthy pod (in-memory ones included), else the
 *     LOWEST unhealthy condemned one. Unhealthy (1.32) = not (Running ∧ Ready ∧ not terminating).
 *  3. A set being deleted: status only.
 *  4. processReplica, ascending; monotonic stops at the first `true` ("blocked"), Parallel runs
 *     every slot (slow-start batches 1, 2, 4 … ≤ 500 that stop only on an error):
 *       Failed/Succeeded → delete it (unless already deleting) and stop: it is recreated NEXT sync;
 *       not created → (whenScaled=Delete) a claim with a stale pod ref blocks; else create its
 *         claims then the pod; monotonic stops after ONE creation;
 *       Pending → create missing claims (and fix their retention refs);
 *       monotonic: terminating → wait; not Running+Ready → wait; not available (minReadySeconds) → wait;
 *       identity / storage / claim-retention mismatch → update the pod (never blocks).
 *  5. Condemned pods' claims get their retention refs (whenScaled=Delete → ref to the pod).
 *  6. processCondemned, highest ordinal first: terminating → monotonic waits (Parallel skips);
 *     monotonic: not Running+Ready or not available, unless it is firstUnhealthyPod → wait;
 *     otherwise delete — monotonic deletes ONE per sync. So scale-down only proceeds when every
 *     in-range pod is healthy, and never runs ahead of an unhealthy pod. "Scaling takes precedence
 *     over updates": steps 4–6 return before any update deletion.
 *  7. OnDelete: done (pods are replaced only when someone deletes them; step 1 then recreates them
 *     at the update revision).
 *  8. RollingUpdate (gate MaxUnavailableStatefulSet off — 1.32's default): from the highest slot
 *     down to `partition` (a slot index, i.e. ordinal start+partition): the first pod not at the
 *     update revision and not terminating is deleted (status.currentReplicas−1) and the sync ends;
 *     an unhealthy pod on the way → wait. One pod at a time, highest first, each replacement waits
 *     for the previous to be Running+Ready (through step 4 in monotonic mode, step 8 in both).
 *     With the gate: maxUnavailable = max(1, int-or-percent of replicas, rounded down); with u
 *     unhealthy in-range pods, u ≥ maxUnavailable → wait, else delete up to maxUnavailable − u
 *     outdated non-terminating pods with slot ≥ partition, highest first (no per-pod wait).
 *  9. The status (counts over replicas + condemned, the in-memory pods counting as not created)
 *     goes through completeRollingUpdate and is written only if it differs.
 *
 * Version notes: 1.32's "healthy" ignores minReadySeconds in steps 2, 8 and the maxUnavailable
 * count (PR #130909, merged after 1.32, made those use availability; opt in with
 * `availabilityAwareHealth`). Steps 4 and 6 already check availability in 1.32.
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.d.ts';
import {
  getEndOrdinal, getOrdinal, getPodRevision, getStartOrdinal, identityMatches, isCreated, isFailed, isHealthy, isPending,
  isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating, isUnavailable, newVersionedStatefulSetPod,
  podInOrdinalRange, storageMatches, updateIdentity, updateStorage,
} from './identity.ts';
import {
  aggregateError, claimIndex, claimsMatchRetentionPolicy, createPersistentVolumeClaims, isClaimOwnerUpToDate,
  podClaimIsStale, updateClaimOwnerRefForSetAndPod, updatePodClaimForRetentionPolicy, type ClaimSnapshot,
} from './retention.ts';
import { applyRevision, getStatefulSetRevisions, truncateHistory, type StatefulSetRevisions } from './revisions.ts';
import {
  allowsBurst, gatesWithDefaults, getStatefulSetMaxUnavailable, MAX_BATCH_SIZE, minReadySeconds, ON_DELETE, partition,
  setReplicas, updateStrategyType, type StatefulSetGates,
} from './spec.ts';
import { availabilityRequeueAfter, statefulSetStatus, statusToWrite } from './status.ts';
import { slowStartBatches as controllerSlowStartBatches } from '../replicaset/slowstart.ts';

export type DeleteReason =
  /** processReplica: phase Failed — recreated on a later sync. */
  | 'Failed'
  /** processReplica: phase Succeeded (e.g. evicted / node reboot) — recreated too. */
  | 'Succeeded'
  /** processCondemned: ordinal outside [start, end] (scale-down or a lowered ordinals.start). */
  | 'Condemned'
  /** Rolling update: not at the update revision. */
  | 'Update';

export type PlanAction =
  /** CreateStatefulPod: create `claims` (missing ones), PUT `claimUpdates` (existing claims' retention refs), then create `pod`. */
  | { type: 'createPod'; ordinal: number; pod: Pod; claims: PersistentVolumeClaim[]; claimUpdates: PersistentVolumeClaim[]; warnings: string[] }
  /** createMissingPersistentVolumeClaims for a Pending pod: create `claims`, PUT `claimUpdates`. */
  | { type: 'createClaims'; ordinal: number; podName: string; claims: PersistentVolumeClaim[]; claimUpdates: PersistentVolumeClaim[]; warnings: string[] }
  /** UpdateStatefulPod: create `claims`, PUT `claimUpdates`, then PUT `pod` (identity labels / volumes fixed). */
  | { type: 'updatePod'; ordinal: number; pod: Pod; claims: PersistentVolumeClaim[]; claimUpdates: PersistentVolumeClaim[]; warnings: string[] }
  /** UpdatePodClaimForRetentionPolicy for a condemned pod: PUT `claimUpdates`. */
  | { type: 'updateClaims'; ordinal: number; podName: string; claimUpdates: PersistentVolumeClaim[]; warnings: string[] }
  /** DeleteStatefulPod. */
  | { type: 'deletePod'; ordinal: number; podName: string; reason: DeleteReason };

export type StopReason =
  | 'PodFailed' | 'PodSucceeded'
  /** A claim still references a previous pod of this ordinal (whenScaled=Delete, GC pending). */
  | 'StaleClaim'
  /** Monotonic: one creation per sync. */
  | 'PodCreated'
  | 'Terminating' | 'NotRunningAndReady' | 'NotAvailable'
  | 'CondemnedTerminating' | 'CondemnedNotRunningAndReady' | 'CondemnedNotAvailable'
  /** Monotonic: one scale-down deletion per sync. */
  | 'CondemnedDeleted'
  /** Rolling update without the gate: one deletion per sync. */
  | 'UpdateDeleted'
  /** Rolling update: waiting for an unhealthy pod (usually the one just replaced). */
  | 'UpdateWaiting'
  /** Gate MaxUnavailableStatefulSet: unhealthy pods ≥ maxUnavailable. */
  | 'MaxUnavailable'
  /** A write would fail (a claim being deleted, a malformed maxUnavailable): the sync returns an error and is retried with backoff. */
  | 'Error';

/** Reasons that mean "waiting for this pod" (as opposed to "did this sync's one action"). */
const WAITING: ReadonlySet<StopReason> = new Set<StopReason>([
  'StaleClaim', 'Terminating', 'NotRunningAndReady', 'NotAvailable',
  'CondemnedTerminating', 'CondemnedNotRunningAndReady', 'CondemnedNotAvailable', 'UpdateWaiting',
]);

export interface SyncPlan {
  /** The writes, in upstream's order. */
  actions: PlanAction[];
  /** Ordinals whose pod is created (ascending). */
  create: number[];
  /** Pods deleted, in order. */
  delete: { ordinal: number; podName: string; reason: DeleteReason }[];
  /** Ordinals whose pod is updated (identity, storage or claim retention). */
  update: number[];
  /** Where the sync stopped early, and why (absent when it ran to the end). */
  stop?: { ordinal?: number; reason: StopReason };
  /** The ordinal the sync is waiting on (a "waiting" stop reason), if any. */
  blockedOn?: number;
  /** The error the sync returns (events `FailedCreate` / `FailedUpdate` carry it); the status is still written. */
  error?: string;
  /** The status after completeRollingUpdate — what the set's status becomes. */
  status: StatefulSetStatus;
  /** Whether the status differs from the stored one (a PUT). */
  writeStatus: boolean;
  /** ms until the minReadySeconds requeue, or null. */
  requeueAfterMs: number | null;
}

export interface SyncInput {
  /** The StatefulSet as stored (defaulted). */
  set: StatefulSet;
  /** Its pods (claimed: controller ref to the set and `isMemberOf`), any order. */
  pods: ReadonlyArray<Pod>;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  /** status.collisionCount to record (getStatefulSetRevisions' result). */
  collisionCount: number;
  /** The namespace's PersistentVolumeClaims (the controller's claim lister). */
  claims?: ClaimSnapshot;
  /** Simulated-clock ms (availability). */
  now: number;
}

export interface SyncOptions {
  gates?: StatefulSetGates;
  /** Post-1.32 (PR #130909): "unhealthy" also means "not available for minReadySeconds" in steps 2 and 8. Default false. */
  availabilityAwareHealth?: boolean;
}

/** stateful_set_control.go `slowStartBatch(1, n, …)`: controller_utils' batches, each capped at MaxBatchSize (500). */
export const slowStartBatches = (n: number): number[] => controllerSlowStartBatches(n, 1, MAX_BATCH_SIZE);

const nameOf = (p: Pod): string => p.metadata?.name ?? '';

/** New claims as they end up once UpdatePodClaimForRetentionPolicy has run over them (upstream: a second write, or a later sync). */
function withRetention(set: StatefulSet, pod: Pod, claims: PersistentVolumeClaim[]): PersistentVolumeClaim[] {
  return claims.map((c) => (isClaimOwnerUpToDate(c, set, pod) ? c : updateClaimOwnerRefForSetAndPod(c, set, pod)));
}

/**
 * The sync plan for one `updateStatefulSet` call (see the module comment for the rules). The
 * revisions come from `getStatefulSetRevisions`; see {@link planStatefulSetSync} for the whole
 * `UpdateStatefulSet` including revisions and history.
 */
export function planUpdateStatefulSet(input: SyncInput, opts: SyncOptions = {}): SyncPlan {
  const { set, pods, now } = input;
  const gates = gatesWithDefaults(opts.gates);
  const claims = claimIndex(input.claims);
  const cur = input.currentRevision.metadata?.name ?? '';
  const upd = input.updateRevision.metadata?.name ?? '';
  const currentSet = applyRevision(set, input.currentRevision);
  const updateSet = applyRevision(set, input.updateRevision);
  const minReady = minReadySeconds(set);
  const unhealthy = (p: Pod) => (opts.availabilityAwareHealth ? isUnavailable(p, minReady, now) : !isHealthy(p));

  const plan: Omit<SyncPlan, 'status' | 'writeStatus' | 'requeueAfterMs'> = { actions: [], create: [], delete: [], update: [] };
  const errors: string[] = [];
  const fail = (message: string, ordinal?: number) => {
    errors.push(message);
    stop('Error', ordinal);
  };
  const finish = (status: StatefulSetStatus): SyncPlan => {
    if (errors.length) plan.error = aggregateError(errors);
    const w = statusToWrite(set, status);
    if (plan.stop?.ordinal !== undefined && WAITING.has(plan.stop.reason)) plan.blockedOn = plan.stop.ordinal;
    return { ...plan, status: w.status, writeStatus: w.write, requeueAfterMs: availabilityRequeueAfter(set, w.status) };
  };
  const stop = (reason: StopReason, ordinal?: number) => { plan.stop = ordinal === undefined ? { reason } : { ordinal, reason }; };
  const deleted = new Set<string>();
  const del = (pod: Pod, reason: DeleteReason) => {
    const podName = nameOf(pod);
    if (deleted.has(podName)) return; // a second DeleteStatefulPod of the same pod changes nothing
    deleted.add(podName);
    const ordinal = getOrdinal(pod);
    plan.actions.push({ type: 'deletePod', ordinal, podName, reason });
    plan.delete.push({ ordinal, podName, reason });
  };

  // 1. Split into replicas (by slot) and condemned; fill the empty slots in memory.
  const start = getStartOrdinal(set);
  const end = getEndOrdinal(set);
  const replicas: Pod[] = new Array(Math.max(0, setReplicas(set)));
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= end; ord++) {
    if (!replicas[ord - start]) replicas[ord - start] = newVersionedStatefulSetPod(currentSet, updateSet, cur, upd, ord, gates);
  }
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  const created = new Set<number>(); // slots created by this plan

  // 2. First unhealthy pod: in-range first, else the lowest-ordinal condemned one.
  let firstUnhealthy: Pod | undefined = replicas.find(unhealthy);
  if (!firstUnhealthy) for (let i = condemned.length - 1; i >= 0; i--) if (unhealthy(condemned[i]!)) { firstUnhealthy = condemned[i]; break; }

  // 3. A set being deleted only updates its status (counted over the pods as listed).
  if (set.metadata?.deletionTimestamp != null) return finish(statefulSetStatus(set, cur, upd, input.collisionCount, now, pods));

  const monotonic = !allowsBurst(set);
  const statusNow = () => statefulSetStatus(set, cur, upd, input.collisionCount, now, replicas, condemned);

  // 4. processReplica. Returns true when upstream's processReplica returns shouldExit=true; sets plan.error on a failing write.
  const processReplica = (i: number): boolean => {
    const pod = replicas[i]!;
    const ordinal = start + i;
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) del(pod, isFailed(pod) ? 'Failed' : 'Succeeded');
      if (monotonic) stop(isFailed(pod) ? 'PodFailed' : 'PodSucceeded', ordinal);
      return true;
    }
    if (!isCreated(pod)) {
      if (podClaimIsStale(set, pod, claims)) {
        if (monotonic) stop('StaleClaim', ordinal);
        return true;
      }
      const cc = createPersistentVolumeClaims(set, pod, claims);
      if (cc.errors.length) {
        fail(aggregateError(cc.errors), ordinal);
        return true;
      }
      const ret = updatePodClaimForRetentionPolicy(set, pod, claims);
      plan.actions.push({ type: 'createPod', ordinal, pod, claims: withRetention(set, pod, cc.create), claimUpdates: ret.updates, warnings: ret.conflictingController });
      plan.create.push(ordinal);
      created.add(i);
      if (monotonic) {
        stop('PodCreated', ordinal);
        return true;
      }
      // Parallel: upstream falls through with the in-memory pod (no phase): nothing below applies to it.
      return false;
    }
    if (isPending(pod)) {
      const cc = createPersistentVolumeClaims(set, pod, claims);
      if (cc.errors.length) {
        fail(aggregateError(cc.errors), ordinal);
        return true;
      }
      const ret = updatePodClaimForRetentionPolicy(set, pod, claims);
      if (cc.create.length || ret.updates.length || ret.conflictingController.length) {
        plan.actions.push({ type: 'createClaims', ordinal, podName: nameOf(pod), claims: withRetention(set, pod, cc.create), claimUpdates: ret.updates, warnings: ret.conflictingController });
      }
    }
    if (monotonic) {
      if (isTerminating(pod)) { stop('Terminating', ordinal); return true; }
      if (!isRunningAndReady(pod)) { stop('NotRunningAndReady', ordinal); return true; }
      if (!isRunningAndAvailable(pod, minReady, now)) { stop('NotAvailable', ordinal); return true; }
    }
    const retentionMatch = claimsMatchRetentionPolicy(updateSet, pod, claims);
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    // UpdateStatefulPod(updateSet, copy of pod)
    let p = pod;
    if (!identityMatches(updateSet, p)) p = updateIdentity(updateSet, p, gates);
    let newClaims: PersistentVolumeClaim[] = [];
    if (!storageMatches(updateSet, p)) {
      p = updateStorage(updateSet, p);
      const cc = createPersistentVolumeClaims(updateSet, p, claims);
      if (cc.errors.length) {
        fail(aggregateError(cc.errors), ordinal);
        return true;
      }
      newClaims = withRetention(updateSet, p, cc.create);
    }
    const ret = claimsMatchRetentionPolicy(updateSet, p, claims) ? { updates: [], conflictingController: [] } : updatePodClaimForRetentionPolicy(updateSet, p, claims);
    plan.actions.push({ type: 'updatePod', ordinal, pod: p, claims: newClaims, claimUpdates: ret.updates, warnings: ret.conflictingController });
    plan.update.push(ordinal);
    return false;
  };

  if (monotonic) {
    for (let i = 0; i < replicas.length; i++) if (processReplica(i)) return finish(statusNow());
  } else {
    let i = 0;
    for (const size of slowStartBatches(replicas.length)) {
      for (let k = 0; k < size; k++) processReplica(i++);
      if (errors.length) return finish(statusNow());
    }
  }

  // 5. Retention refs of the condemned pods' claims.
  for (const c of condemned) {
    if (!claimsMatchRetentionPolicy(updateSet, c, claims)) {
      const ret = updatePodClaimForRetentionPolicy(updateSet, c, claims);
      plan.actions.push({ type: 'updateClaims', ordinal: getOrdinal(c), podName: nameOf(c), claimUpdates: ret.updates, warnings: ret.conflictingController });
    }
  }

  // 6. processCondemned, highest ordinal first.
  for (const c of condemned) {
    const ordinal = getOrdinal(c);
    if (isTerminating(c)) {
      if (monotonic) { stop('CondemnedTerminating', ordinal); return finish(statusNow()); }
      continue;
    }
    if (monotonic && c !== firstUnhealthy) {
      if (!isRunningAndReady(c)) { stop('CondemnedNotRunningAndReady', ordinal); return finish(statusNow()); }
      if (!isRunningAndAvailable(c, minReady, now)) { stop('CondemnedNotAvailable', ordinal); return finish(statusNow()); }
    }
    del(c, 'Condemned');
    if (monotonic) { stop('CondemnedDeleted', ordinal); return finish(statusNow()); }
  }

  const status = statusNow();
  // 7. OnDelete: pods are replaced only when deleted by someone else.
  if (updateStrategyType(set) === ON_DELETE) return finish(status);

  const ru = set.spec?.updateStrategy?.rollingUpdate;
  const updateMin = ru ? partition(set) : 0;
  const exists = (i: number) => isCreated(replicas[i]!) || created.has(i);
  const deleteForUpdate = (i: number) => {
    if (exists(i)) del(replicas[i]!, 'Update'); // upstream sinks the NotFound of a pod that was never created
    status.currentReplicas = (status.currentReplicas ?? 0) - 1;
  };

  if (gates.maxUnavailableStatefulSet) {
    // 8b. updateStatefulSetAfterInvariantEstablished.
    let maxUnavailable = 1;
    if (ru) {
      try {
        maxUnavailable = getStatefulSetMaxUnavailable(ru.maxUnavailable, setReplicas(set));
      } catch (e) {
        fail((e as Error).message);
        return finish(status);
      }
    }
    const unavailable = replicas.filter(unhealthy).length;
    if (unavailable >= maxUnavailable) {
      stop('MaxUnavailable');
      return finish(status);
    }
    const podsToDelete = maxUnavailable - unavailable;
    let n = 0;
    for (let t = replicas.length - 1; t >= updateMin && n < podsToDelete; t--) {
      const p = replicas[t]!;
      if (getPodRevision(p) !== upd && !isTerminating(p)) {
        deleteForUpdate(t);
        n++;
      }
    }
    return finish(status);
  }

  // 8a. One pod at a time, highest slot first, down to the partition.
  for (let t = replicas.length - 1; t >= updateMin; t--) {
    const p = replicas[t]!;
    if (getPodRevision(p) !== upd && !isTerminating(p)) {
      deleteForUpdate(t);
      stop('UpdateDeleted', start + t);
      return finish(status);
    }
    if (unhealthy(p)) {
      stop('UpdateWaiting', start + t);
      return finish(status);
    }
  }
  return finish(status);
}

export interface StatefulSetSyncResult {
  revisions: StatefulSetRevisions;
  plan: SyncPlan;
  /** ControllerRevisions truncateHistory deletes (after the status write). */
  deleteRevisions: ControllerRevision[];
}

/**
 * stateful_set_control.go `UpdateStatefulSet(set, pods)`: the revisions (getStatefulSetRevisions —
 * possibly a revision to create or bump, and the collision count), the sync plan, then
 * truncateHistory over the listed revisions and pods.
 */
export function planStatefulSetSync(
  set: StatefulSet,
  pods: ReadonlyArray<Pod>,
  revisions: ReadonlyArray<ControllerRevision>,
  claims: ClaimSnapshot | undefined,
  now: number,
  opts: SyncOptions & { existingRevisions?: ReadonlyMap<string, ControllerRevision> | ReadonlyArray<ControllerRevision> } = {},
): StatefulSetSyncResult {
  const r = getStatefulSetRevisions(set, revisions, opts.existingRevisions);
  const plan = planUpdateStatefulSet(
    { set, pods, currentRevision: r.currentRevision, updateRevision: r.updateRevision, collisionCount: r.collisionCount, claims, now },
    opts,
  );
  return { revisions: r, plan, deleteRevisions: truncateHistory(set, pods, revisions, r.currentRevision, r.updateRevision) };
}
