/**
 * Deployment status, conditions and the words users see: deployment_util.go condition reasons,
 * sync.go `calculateStatus` / `checkPausedConditions`, progress.go `syncRolloutStatus` /
 * `requeueStuckDeployment`, the `ScalingReplicaSet` events, and kubectl's `rollout status`
 * (kubectl pkg/polymorphichelpers/rollout_status.go). Times are simulated-clock ms.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { iso } from '../time.ts';
import {
  MAX_INT32, deploymentReplicas, getActualReplicaCountForReplicaSets, getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets, getReplicaCountForReplicaSets, goParseInt, goQuote, maxUnavailable,
} from './fenceposts.ts';
import { REVISION_ANNOTATION } from './replicasets.ts';

// deployment_util.go condition types and reasons.
export const DEPLOYMENT_AVAILABLE = 'Available';
export const DEPLOYMENT_PROGRESSING = 'Progressing';
export const DEPLOYMENT_REPLICA_FAILURE = 'ReplicaFailure';
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';
// Rollback event reasons (legacy controller-side rollback).
export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

/** Condition messages, word for word (`%q` of the names). */
export const messages = {
  minimumReplicasAvailable: 'Deployment has minimum availability.',
  minimumReplicasUnavailable: 'Deployment does not have minimum availability.',
  paused: 'Deployment is paused',
  resumed: 'Deployment is resumed',
  /** syncRolloutStatus: complete. Without a new RS: `Deployment "d" has successfully progressed.` */
  progressed: (d: Deployment, newRS?: ReplicaSet | null) => `${subject(d, newRS)} has successfully progressed.`,
  progressing: (d: Deployment, newRS?: ReplicaSet | null) => `${subject(d, newRS)} is progressing.`,
  timedOut: (d: Deployment, newRS?: ReplicaSet | null) => `${subject(d, newRS)} has timed out progressing.`,
  /** sync.go getNewReplicaSet. */
  foundNewRS: (rsName: string) => `Found new replica set ${goQuote(rsName)}`,
  createdNewRS: (rsName: string) => `Created new replica set ${goQuote(rsName)}`,
  failedRSCreate: (rsName: string, err: string) => `Failed to create new replica set ${goQuote(rsName)}: ${err}`,
  /** rollback.go events. */
  rollbackLastRevisionNotFound: 'Unable to find last revision.',
  rollbackRevisionNotFound: 'Unable to find the revision to rollback to.',
  rollbackTemplateUnchanged: (dName: string) => `The rollback revision contains the same template as current deployment ${goQuote(dName)}`,
  rolledBack: (dName: string, revision: number) => `Rolled back deployment ${goQuote(dName)} to revision ${revision}`,
};

function subject(d: Deployment, newRS?: ReplicaSet | null): string {
  return newRS ? `ReplicaSet ${goQuote(newRS.metadata?.name ?? '')}` : `Deployment ${goQuote(d.metadata?.name ?? '')}`;
}

/** sync.go `scaleReplicaSet` event (reason `ScalingReplicaSet`): "Scaled up replica set x from 1 to 3". */
export function scalingReplicaSetMessage(rsName: string, from: number, to: number): string {
  return `Scaled ${from < to ? 'up' : 'down'} replica set ${rsName} from ${from} to ${to}`;
}

/** sync.go `getNewReplicaSet` creation event: "Scaled up replica set x from 0 to n" (only when n > 0). */
export function createdReplicaSetMessage(rsName: string, replicas: number): string {
  return `Scaled up replica set ${rsName} from 0 to ${replicas}`;
}

/** deployment_util.go `HasProgressDeadline`. */
export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

/** deployment_util.go `HasRevisionHistoryLimit`. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

/** deployment_util.go `NewDeploymentCondition`: both times = now. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = iso(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** deployment_util.go `GetDeploymentCondition`. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * deployment_util.go `SetDeploymentCondition` (pure): no-op when status and reason are
 * unchanged; keeps `lastTransitionTime` when only the reason changes; the condition moves to
 * the end of the list.
 */
export function setDeploymentCondition(conditions: ReadonlyArray<DeploymentCondition> | undefined, c: DeploymentCondition): DeploymentCondition[] {
  const list = [...(conditions ?? [])];
  const current = list.find((x) => x.type === c.type);
  if (current && current.status === c.status && current.reason === c.reason) return list;
  const next = current && current.status === c.status ? { ...c, lastTransitionTime: current.lastTransitionTime } : c;
  return [...list.filter((x) => x.type !== c.type), next];
}

/** deployment_util.go `RemoveDeploymentCondition` (pure). */
export function removeDeploymentCondition(conditions: ReadonlyArray<DeploymentCondition> | undefined, type: string): DeploymentCondition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/**
 * sync.go `calculateStatus(allRSs, newRS, deployment)`: counts from the RSs, the old
 * conditions carried, and `Available` set by `available >= replicas − MaxUnavailable`.
 */
export function calculateStatus(allRSs: ReadonlyArray<ReplicaSet | null | undefined>, newRS: ReplicaSet | null | undefined, d: Deployment, now: number): DeploymentStatus {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const unavailableReplicas = Math.max(0, getReplicaCountForReplicaSets(allRSs) - availableReplicas);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas,
    conditions: [...(d.status?.conditions ?? [])],
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const ok = availableReplicas >= deploymentReplicas(d) - maxUnavailable(d);
  status.conditions = setDeploymentCondition(status.conditions, ok
    ? newDeploymentCondition(DEPLOYMENT_AVAILABLE, 'True', MinimumReplicasAvailable, messages.minimumReplicasAvailable, now)
    : newDeploymentCondition(DEPLOYMENT_AVAILABLE, 'False', MinimumReplicasUnavailable, messages.minimumReplicasUnavailable, now));
  return status;
}

/**
 * deployment_util.go `DeploymentComplete`: updated == replicas == available == spec.replicas
 * and the generation observed.
 */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = deploymentReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r
    && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/**
 * deployment_util.go `DeploymentProgressing`: compared with `d.status`, more updated replicas,
 * fewer old replicas (replicas − updated), more ready, or more available.
 */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/**
 * deployment_util.go `DeploymentTimedOut`: needs a deadline and a Progressing condition in
 * `s`; `NewReplicaSetAvailable` → false, `ProgressDeadlineExceeded` → true; else
 * `lastUpdateTime + progressDeadlineSeconds` strictly before `now`.
 */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getDeploymentCondition(s, DEPLOYMENT_PROGRESSING);
  if (!c) return false;
  if (c.reason === NewRSAvailableReason) return false;
  if (c.reason === TimedOutReason) return true;
  const from = c.lastUpdateTime ? Date.parse(c.lastUpdateTime) : Number.NEGATIVE_INFINITY;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}

/**
 * progress.go `syncRolloutStatus` minus the write: the status the controller would store.
 * Progressing (only with a deadline; removed otherwise) is evaluated unless the rollout is
 * already known complete (replicas == updated and reason NewReplicaSetAvailable): complete →
 * True/NewReplicaSetAvailable; progressing → True/ReplicaSetUpdated with `lastUpdateTime` bumped
 * (transition time kept if already True); timed out → False/ProgressDeadlineExceeded.
 * ReplicaFailure is the new RS's (else any RS's) or removed.
 */
export function syncRolloutStatus(allRSs: ReadonlyArray<ReplicaSet | null | undefined>, newRS: ReplicaSet | null | undefined, d: Deployment, now: number): DeploymentStatus {
  const s = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) s.conditions = removeDeploymentCondition(s.conditions, DEPLOYMENT_PROGRESSING);
  const current = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  const isComplete = s.replicas === s.updatedReplicas && current?.reason === NewRSAvailableReason;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, s)) {
      s.conditions = setDeploymentCondition(s.conditions, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', NewRSAvailableReason, messages.progressed(d, newRS), now));
    } else if (deploymentProgressing(d, s)) {
      let c = newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', ReplicaSetUpdatedReason, messages.progressing(d, newRS), now);
      if (current) {
        if (current.status === 'True') c = { ...c, lastTransitionTime: current.lastTransitionTime };
        s.conditions = removeDeploymentCondition(s.conditions, DEPLOYMENT_PROGRESSING);
      }
      s.conditions = setDeploymentCondition(s.conditions, c);
    } else if (deploymentTimedOut(d, s, now)) {
      s.conditions = setDeploymentCondition(s.conditions, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', TimedOutReason, messages.timedOut(d, newRS), now));
    }
  }
  const failure = replicaFailureCondition(allRSs, newRS);
  s.conditions = failure
    ? setDeploymentCondition(s.conditions, failure)
    : removeDeploymentCondition(s.conditions, DEPLOYMENT_REPLICA_FAILURE);
  return s;
}

/**
 * progress.go `getReplicaFailures` → first entry, via `ReplicaSetToDeploymentCondition` (both
 * times = the RS condition's lastTransitionTime): the new RS's ReplicaFailure, else any RS's.
 */
export function replicaFailureCondition(allRSs: ReadonlyArray<ReplicaSet | null | undefined>, newRS: ReplicaSet | null | undefined): DeploymentCondition | null {
  for (const rs of [newRS, ...allRSs]) {
    const c = rs?.status?.conditions?.find((x) => x.type === DEPLOYMENT_REPLICA_FAILURE);
    if (c) return { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return null;
}

/**
 * progress.go `requeueStuckDeployment` (called when the status did not change): −1 = no
 * progress check needed; 0 = requeue now (rate-limited); else the delay in ms upstream passes
 * to AddAfter (`lastUpdateTime + deadline − now`, plus 1 s).
 */
export function requeueStuckDeployment(d: Deployment, newStatus: DeploymentStatus, now: number): number {
  const c = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (!hasProgressDeadline(d) || !c) return -1;
  if (deploymentComplete(d, newStatus) || c.reason === TimedOutReason) return -1;
  const from = c.lastUpdateTime ? Date.parse(c.lastUpdateTime) : Number.NEGATIVE_INFINITY;
  const after = from + d.spec!.progressDeadlineSeconds! * 1000 - now;
  return after < 1000 ? 0 : after + 1000;
}

/**
 * sync.go `checkPausedConditions`: with a deadline, and unless Progressing already says
 * ProgressDeadlineExceeded, a paused Deployment gets Progressing Unknown/DeploymentPaused and a
 * resumed one Unknown/DeploymentResumed. Returns the new conditions, or null if unchanged.
 */
export function checkPausedConditions(d: Deployment, now: number): DeploymentCondition[] | null {
  if (!hasProgressDeadline(d)) return null;
  const c = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (c?.reason === TimedOutReason) return null;
  const pausedCondExists = c?.reason === PausedDeployReason;
  const paused = d.spec?.paused === true;
  if (paused && !pausedCondExists) {
    return setDeploymentCondition(d.status?.conditions, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', PausedDeployReason, messages.paused, now));
  }
  if (!paused && pausedCondExists) {
    return setDeploymentCondition(d.status?.conditions, newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'Unknown', ResumedDeployReason, messages.resumed, now));
  }
  return null;
}

export type RolloutStatus = { message: string; done: boolean } | { error: string };

/**
 * kubectl `DeploymentStatusViewer.Status(obj, revision)` — the line `kubectl rollout status`
 * prints (with its trailing newline) and whether it is done, or the error (kubectl prints it
 * as `error: <error>` and exits 1).
 */
export function deploymentRolloutStatus(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata?.name ?? '';
  if (revision > 0) {
    const raw = d.metadata?.annotations?.[REVISION_ANNOTATION];
    const parsed = raw === undefined ? { value: 0 } : goParseInt(raw);
    if ('error' in parsed) return { error: `cannot get the revision of deployment ${goQuote(name)}: ${parsed.error}` };
    if (revision !== parsed.value) {
      return { error: `desired revision (${revision}) is different from the running revision (${parsed.value})` };
    }
  }
  const st = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const c = getDeploymentCondition(st, DEPLOYMENT_PROGRESSING);
    if (c?.reason === TimedOutReason) return { error: `deployment ${goQuote(name)} exceeded its progress deadline` };
    const updated = st.updatedReplicas ?? 0;
    const replicas = d.spec?.replicas;
    if (replicas !== undefined && updated < replicas) {
      return { message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if ((st.replicas ?? 0) > updated) {
      return { message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    }
    if ((st.availableReplicas ?? 0) < updated) {
      return { message: `Waiting for deployment ${goQuote(name)} rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment ${goQuote(name)} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}
