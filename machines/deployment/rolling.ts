/**
 * RollingUpdate (pkg/controller/deployment/rolling.go) and Recreate (recreate.go) as planners:
 * each returns the scale operations the controller would perform (`ScaleStep`s, in order),
 * never performs them. A step is one `scaleReplicaSetAndRecordEvent` call — one
 * `ScalingReplicaSet` event — and also (re)writes the RS's desired/max-replicas annotations.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  deploymentReplicas, getAvailableReplicaCountForReplicaSets, getActualReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets, maxUnavailable, newRSNewReplicas, rsReplicas,
} from './fenceposts.ts';
import { compareByCreationTimestamp, filterActiveReplicaSets, sortedBy } from './replicasets.ts';

export interface ScaleStep {
  /** ReplicaSet name. */
  name: string;
  from: number;
  to: number;
}

/** The RS as the API returns it after a scale: new spec.replicas, status untouched. */
export function withReplicas(rs: ReplicaSet, replicas: number): ReplicaSet {
  return { ...rs, spec: { ...rs.spec!, replicas } };
}

function step(rs: ReplicaSet, to: number): ScaleStep {
  return { name: rs.metadata?.name ?? '', from: rsReplicas(rs), to };
}

/** Final size per RS name after applying `steps` to `rss`. */
export function sizesAfter(rss: ReadonlyArray<ReplicaSet | null | undefined>, steps: ReadonlyArray<ScaleStep>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rs of rss) if (rs) out[rs.metadata?.name ?? ''] = rsReplicas(rs);
  for (const s of steps) out[s.name] = s.to;
  return out;
}

/**
 * rolling.go `reconcileNewReplicaSet`: nothing when the new RS already has `replicas`; scale it
 * down to `replicas` when above; otherwise to `NewRSNewReplicas`. `allRSs` includes `newRS`.
 */
export function reconcileNewReplicaSet(allRSs: ReadonlyArray<ReplicaSet | null | undefined>, newRS: ReplicaSet, d: Deployment): ScaleStep | null {
  const replicas = deploymentReplicas(d);
  const current = rsReplicas(newRS);
  if (current === replicas) return null;
  const to = current > replicas ? replicas : newRSNewReplicas(d, allRSs, newRS);
  return to === current ? null : step(newRS, to);
}

export interface CleanupResult {
  /** The old RSs sorted oldest first, with the planned sizes applied. */
  oldRSs: ReplicaSet[];
  cleanupCount: number;
  steps: ScaleStep[];
  /** Upstream's "invalid request" error (an RS with more available than desired); steps before it stand. */
  error?: string;
}

/**
 * rolling.go `cleanupUnhealthyReplicas(oldRSs, deployment, maxCleanupCount)`: oldest first,
 * each old RS with `spec > 0` and `spec ≠ available` drops `min(budget left, spec − available)`
 * until `maxCleanupCount` is used.
 */
export function cleanupUnhealthyReplicas(oldRSs: ReadonlyArray<ReplicaSet>, maxCleanupCount: number): CleanupResult {
  const sorted = sortedBy(oldRSs, compareByCreationTimestamp);
  const steps: ScaleStep[] = [];
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i]!;
    const spec = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) continue;
    const count = Math.min(maxCleanupCount - total, spec - available);
    const to = spec - count;
    if (to > spec) {
      const error = `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace ?? ''}/${rs.metadata?.name ?? ''} ${spec} -> ${to}`;
      return { oldRSs: sorted, cleanupCount: total, steps, error };
    }
    if (to !== spec) steps.push(step(rs, to));
    sorted[i] = withReplicas(rs, to);
    total += count;
  }
  return { oldRSs: sorted, cleanupCount: total, steps };
}

/**
 * rolling.go `scaleDownOldReplicaSetsForRollingUpdate(allRSs, oldRSs, deployment)`: with
 * `available = Σ status.availableReplicas(allRSs)` and `minAvailable = replicas −
 * MaxUnavailable`, nothing when `available <= minAvailable`; otherwise `available −
 * minAvailable` replicas come off the old RSs, oldest first, each by `min(spec, left)`.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  allRSs: ReadonlyArray<ReplicaSet | null | undefined>,
  oldRSs: ReadonlyArray<ReplicaSet>,
  d: Deployment,
): { scaledDownCount: number; steps: ScaleStep[] } {
  const minAvail = deploymentReplicas(d) - maxUnavailable(d);
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const steps: ScaleStep[] = [];
  if (available <= minAvail) return { scaledDownCount: 0, steps };
  const totalScaleDownCount = available - minAvail;
  let total = 0;
  for (const rs of sortedBy(oldRSs, compareByCreationTimestamp)) {
    if (total >= totalScaleDownCount) break;
    const spec = rsReplicas(rs);
    if (spec === 0) continue;
    const count = Math.min(spec, totalScaleDownCount - total);
    steps.push(step(rs, spec - count));
    total += count;
  }
  return { scaledDownCount: total, steps };
}

export interface ReconcileOldResult {
  scaled: boolean;
  /** `allPods − minAvailable − newRSUnavailable`; null when there were no old pods to scale. */
  maxScaledDown: number | null;
  cleanupCount: number;
  scaledDownCount: number;
  steps: ScaleStep[];
  error?: string;
}

/**
 * rolling.go `reconcileOldReplicaSets(allRSs, oldRSs, newRS, deployment)` (`oldRSs` = the
 * ACTIVE old RSs): nothing if they hold no replicas; `maxScaledDown = Σspec(all) −
 * minAvailable − (newRS.spec − newRS.available)`; if positive, first
 * `cleanupUnhealthyReplicas(oldRSs, maxScaledDown)`, then
 * `scaleDownOldReplicaSetsForRollingUpdate` over the cleaned-up old RSs plus the new RS (its
 * budget is `available − minAvailable`, not `maxScaledDown`). Scaled iff anything came off. A
 * cleanup error makes upstream report "not scaled" although earlier steps happened.
 */
export function reconcileOldReplicaSets(
  allRSs: ReadonlyArray<ReplicaSet | null | undefined>,
  oldRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet,
  d: Deployment,
): ReconcileOldResult {
  const none: ReconcileOldResult = { scaled: false, maxScaledDown: null, cleanupCount: 0, scaledDownCount: 0, steps: [] };
  if (getReplicaCountForReplicaSets(oldRSs) === 0) return none;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvail = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvail - newRSUnavailable;
  if (maxScaledDown <= 0) return { ...none, maxScaledDown };
  const cleanup = cleanupUnhealthyReplicas(oldRSs, maxScaledDown);
  if (cleanup.error) return { ...none, maxScaledDown, steps: cleanup.steps, error: cleanup.error };
  const down = scaleDownOldReplicaSetsForRollingUpdate([...cleanup.oldRSs, newRS], cleanup.oldRSs, d);
  const steps = [...cleanup.steps, ...down.steps];
  return {
    scaled: cleanup.cleanupCount + down.scaledDownCount > 0,
    maxScaledDown,
    cleanupCount: cleanup.cleanupCount,
    scaledDownCount: down.scaledDownCount,
    steps,
  };
}

export interface RollingSyncPlan {
  /** Which part of `rolloutRolling` acted this sync (at most one scales). */
  phase: 'new' | 'old' | 'none';
  steps: ScaleStep[];
}

/**
 * rolling.go `rolloutRolling`, scaling part, for an EXISTING new RS: `reconcileNewReplicaSet`;
 * if it scaled, stop; else `reconcileOldReplicaSets` over the active old RSs. (When neither
 * scales upstream runs `cleanupDeployment` if `DeploymentComplete(d, d.Status)`, then syncs
 * status.) `oldRSs` = all old RSs.
 */
export function planRollingSync(d: Deployment, newRS: ReplicaSet, oldRSs: ReadonlyArray<ReplicaSet>): RollingSyncPlan {
  const allRSs = [...oldRSs, newRS];
  const up = reconcileNewReplicaSet(allRSs, newRS, d);
  if (up) return { phase: 'new', steps: [up] };
  const old = reconcileOldReplicaSets(allRSs, filterActiveReplicaSets(oldRSs), newRS, d);
  if (old.scaled) return { phase: 'old', steps: old.steps };
  return { phase: 'none', steps: old.steps };
}

/** recreate.go `scaleDownOldReplicaSetsForRecreate`: every active old RS to 0. */
export function scaleDownOldReplicaSetsForRecreate(oldRSs: ReadonlyArray<ReplicaSet>): ScaleStep[] {
  return oldRSs.filter((rs) => rsReplicas(rs) !== 0).map((rs) => step(rs, 0));
}

/** A pod as `oldPodsRunning` sees it. */
export interface PodPhaseView {
  status?: { phase?: string };
}

/**
 * recreate.go `oldPodsRunning(newRS, oldRSs, podMap)` (the path without PodReplacementPolicy):
 * true if any old RS reports `status.replicas > 0`, or any pod grouped under an RS other than
 * the new one (podMap keyed by RS uid) is not Succeeded/Failed — Pending, Running and Unknown
 * all count.
 */
export function oldPodsRunning(
  newRS: ReplicaSet | null | undefined,
  oldRSs: ReadonlyArray<ReplicaSet>,
  podMap: ReadonlyMap<string, ReadonlyArray<PodPhaseView>> | Readonly<Record<string, ReadonlyArray<PodPhaseView>>>,
): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  const entries = podMap instanceof Map ? [...podMap.entries()] : Object.entries(podMap);
  for (const [uid, pods] of entries) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
