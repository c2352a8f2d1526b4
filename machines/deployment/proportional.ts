/**
 * Proportional scaling (pkg/controller/deployment/sync.go `scale`, `isScalingEvent`;
 * deployment_util.go `GetReplicaSetProportion`, `getReplicaSetFraction`): what a scale of the
 * Deployment does to several live ReplicaSets at once (mid-rollout or paused).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deploymentReplicas, getReplicaCountForReplicaSets, isRollingUpdate, maxSurge, rsReplicas } from './fenceposts.ts';
import {
  compareByCreationTimestamp, compareBySizeNewer, compareBySizeOlder, filterActiveReplicaSets, findActiveOrLatest,
  getDesiredReplicasAnnotation, getMaxReplicasAnnotation, isSaturated, replicasAnnotationsNeedUpdate, sortedBy,
} from './replicasets.ts';
import type { ScaleStep } from './rolling.ts';

/** k8s.io/utils/integer `RoundToInt32`: half away from zero. */
export function roundToInt32(a: number): number {
  return a < 0 ? -Math.round(-a) : Math.round(a);
}

/**
 * deployment_util.go `getReplicaSetFraction(rs, d)`: scaling to 0 → `−rs.spec`; else
 * `round(rs.spec × (replicas + MaxSurge) / annotated) − rs.spec` where `annotated` is the RS's
 * max-replicas annotation, falling back to `d.status.replicas` when it is missing, invalid or
 * 0; with neither usable the RS is not scaled (0) — the newest upstream's guard against
 * dividing by zero (PR #128535).
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = deploymentReplicas(d);
  const spec = rsReplicas(rs);
  if (replicas === 0) return -spec;
  const deploymentMax = replicas + maxSurge(d);
  let annotated = getMaxReplicasAnnotation(rs);
  if (annotated === null || annotated === 0) annotated = d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return roundToInt32((spec * deploymentMax) / annotated) - spec;
}

/**
 * deployment_util.go `GetReplicaSetProportion` (formerly `GetProportion`): 0 for a missing or
 * empty RS or when nothing (more) is to be added; else the RS's fraction bounded by what is
 * left — `min(fraction, left)` scaling up, `max(fraction, left)` scaling down.
 */
export function getProportion(rs: ReplicaSet | null | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * sync.go `isScalingEvent`: some ACTIVE RS (new or old) carries a usable desired-replicas
 * annotation different from `spec.replicas` (RSs without one are skipped).
 */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | null | undefined, oldRSs: ReadonlyArray<ReplicaSet>): boolean {
  const replicas = deploymentReplicas(d);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === null) continue;
    if (desired !== replicas) return true;
  }
  return false;
}

/** The desired/max-replicas annotation values every scale writes: `replicas`, `replicas + MaxSurge`. */
export function replicasAnnotationValues(d: Deployment): { desired: number; max: number } {
  const replicas = deploymentReplicas(d);
  return { desired: replicas, max: replicas + maxSurge(d) };
}

export interface ScalePlan {
  /** Which branch of `scale` decided. */
  kind: 'activeOrLatest' | 'saturated' | 'proportional' | 'none';
  /**
   * One entry per RS write, in upstream's order. `from === to` marks a write that only
   * refreshes the replica annotations (no event). Every write sets desired/max-replicas to
   * `replicasAnnotationValues(d)`.
   */
  steps: ScaleStep[];
}

function stepOf(rs: ReplicaSet, to: number): ScaleStep {
  return { name: rs.metadata?.name ?? '', from: rsReplicas(rs), to };
}

/**
 * sync.go `scale(deployment, newRS, oldRSs)`:
 * 1. `FindActiveOrLatest` found one RS → scale it to `replicas` (if not already).
 * 2. The new RS is saturated → every active old RS to 0.
 * 3. RollingUpdate → `toAdd = (replicas > 0 ? replicas + MaxSurge : 0) − Σspec(active)`;
 *    active RSs sorted larger-first (ties newer-first when adding, older-first when removing);
 *    each gets `spec + GetReplicaSetProportion`; the leftover goes to the FIRST RS (clamped at
 *    0); each RS is written when its size or replica annotations change.
 */
export function scale(d: Deployment, newRS: ReplicaSet | null | undefined, oldRSs: ReadonlyArray<ReplicaSet>): ScalePlan {
  const replicas = deploymentReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === replicas) return { kind: 'activeOrLatest', steps: [] };
    return { kind: 'activeOrLatest', steps: [stepOf(activeOrLatest, replicas)] };
  }
  // FindActiveOrLatest sorted the caller's oldRSs newest-first in place; later steps see that order.
  const newestFirst = sortedBy(oldRSs, (a, b) => compareByCreationTimestamp(b, a));
  if (isSaturated(d, newRS)) {
    return { kind: 'saturated', steps: filterActiveReplicaSets(newestFirst).map((rs) => stepOf(rs, 0)) };
  }
  if (!isRollingUpdate(d)) return { kind: 'none', steps: [] };

  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - getReplicaCountForReplicaSets(active);
  const ordered = toAdd > 0 ? sortedBy(active, compareBySizeNewer) : toAdd < 0 ? sortedBy(active, compareBySizeOlder) : active;

  let added = 0;
  const sizes = ordered.map((rs) => {
    if (toAdd === 0) return rsReplicas(rs);
    const proportion = getProportion(rs, d, toAdd, added);
    added += proportion;
    return rsReplicas(rs) + proportion;
  });
  if (ordered.length > 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0]! + (toAdd - added));

  const { desired, max } = replicasAnnotationValues(d);
  const steps: ScaleStep[] = [];
  ordered.forEach((rs, i) => {
    const to = sizes[i]!;
    if (to !== rsReplicas(rs) || replicasAnnotationsNeedUpdate(rs, desired, max)) steps.push(stepOf(rs, to));
  });
  return { kind: 'proportional', steps };
}
