/**
 * The rollout actor: one per pod-template revision of a Deployment, spawned by the Deployment
 * actor when its template changes (or first appears) and stopped when a newer template
 * supersedes it. It drives that revision with the strategy's step — rolling.go
 * `rolloutRolling` (scale the new ReplicaSet up within maxSurge, else scale old ones down within
 * maxUnavailable, unhealthy replicas first) or recreate.go `rolloutRecreate` (old ReplicaSets to
 * zero, wait for their pods to be gone, then the new one at full size) — one step per
 * Deployment sync, as upstream. It answers each step with `rollout.stepped`; the Deployment then
 * writes its status and tells the rollout what that status says (`rollout.observed`): complete,
 * or past its progress deadline.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { enqueueActions, setup } from 'xstate';
import type { Env } from '../env.ts';
import { performSteps, scaleReplicaSetAndRecordEvent } from './control.ts';
import { deploymentReplicas, RECREATE } from './fenceposts.ts';
import { filterActiveReplicaSets } from './replicasets.ts';
import { oldPodsRunning, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRecreate, type PodPhaseView } from './rolling.ts';

export interface RolloutInput {
  /** The revision this rollout drives (`deployment.kubernetes.io/revision` of its ReplicaSet). */
  revision: number;
  /** Identity of the pod template it rolls out (ComputeHash of the template, no collision count). */
  key: string;
  strategy: 'RollingUpdate' | 'Recreate';
}

/** What the last step did. */
export type RolloutPhase = 'scaledUp' | 'scaledDown' | 'waiting' | 'scaledDownOld' | 'waitingForOldPods' | 'createNew' | 'failed';

export interface RolloutContext extends RolloutInput {
  phase: RolloutPhase | null;
  /** Steps that scaled something (ScalingReplicaSet writes made by this rollout). */
  scales: number;
  /** Name of the ReplicaSet it rolls out, once it exists. */
  replicaSet: string | null;
}

export interface StepEvent {
  type: 'rollout.step';
  deployment: Deployment;
  newRS: ReplicaSet | null;
  oldRSs: ReplicaSet[];
  /** Recreate: the Deployment's pods grouped by ReplicaSet uid (`getPodMapForDeployment`). */
  podMap?: Record<string, PodPhaseView[]>;
}

export type RolloutEvent =
  | StepEvent
  | { type: 'rollout.observed'; complete: boolean; timedOut: boolean }
  | { type: 'rollout.pause' };

/** The answer to a step. `scaled`: a ReplicaSet was resized; `createNewRS`: Recreate is ready for the new ReplicaSet. */
export interface SteppedEvent {
  type: 'rollout.stepped';
  scaled: boolean;
  createNewRS: boolean;
  /** Whether history cleanup may run now (if the Deployment is complete): no scaling happened in this step. */
  cleanup: boolean;
  newRS: ReplicaSet | null;
  oldRSs: ReplicaSet[];
  error?: string;
}

interface StepOutcome {
  phase: RolloutPhase;
  reply: SteppedEvent;
}

/** rolling.go `rolloutRolling`, scaling part: the new RS first; if it did not scale, the old ones. */
export function rollingStep(env: Env, d: Deployment, newRS: ReplicaSet, oldRSs: ReplicaSet[]): StepOutcome {
  const allRSs = [...oldRSs, newRS];
  const base = { type: 'rollout.stepped' as const, createNewRS: false, newRS, oldRSs };
  const up = reconcileNewReplicaSet(allRSs, newRS, d);
  if (up) {
    const r = scaleReplicaSetAndRecordEvent(env, d, newRS, up.to);
    return { phase: 'scaledUp', reply: { ...base, scaled: r.scaled, cleanup: false } };
  }
  const old = reconcileOldReplicaSets(allRSs, filterActiveReplicaSets(oldRSs), newRS, d);
  const done = performSteps(env, d, oldRSs, old.steps);
  if (old.error) return { phase: 'failed', reply: { ...base, scaled: false, cleanup: false, error: old.error } };
  if (old.scaled) return { phase: 'scaledDown', reply: { ...base, scaled: done.scaled || old.scaled, cleanup: false } };
  return { phase: 'waiting', reply: { ...base, scaled: false, cleanup: true } };
}

/**
 * recreate.go `rolloutRecreate`, up to the new ReplicaSet: scale every active old RS to zero;
 * wait while any old pod is still running; then ask for the new RS (created at full size) or
 * scale the existing one to `replicas`.
 */
export function recreateStep(env: Env, d: Deployment, newRS: ReplicaSet | null, oldRSs: ReplicaSet[], podMap: Record<string, PodPhaseView[]>): StepOutcome {
  const base = { type: 'rollout.stepped' as const, newRS, oldRSs };
  const down = performSteps(env, d, oldRSs, scaleDownOldReplicaSetsForRecreate(filterActiveReplicaSets(oldRSs)));
  if (down.scaled) return { phase: 'scaledDownOld', reply: { ...base, scaled: true, createNewRS: false, cleanup: false } };
  if (oldPodsRunning(newRS, oldRSs, podMap)) return { phase: 'waitingForOldPods', reply: { ...base, scaled: false, createNewRS: false, cleanup: false } };
  if (!newRS) return { phase: 'createNew', reply: { ...base, scaled: false, createNewRS: true, cleanup: true } };
  // scaleUpNewReplicaSetForRecreate: its result does not decide anything upstream.
  const up = scaleReplicaSetAndRecordEvent(env, d, newRS, deploymentReplicas(d));
  return { phase: up.scaled ? 'scaledUp' : 'waiting', reply: { ...base, scaled: false, createNewRS: false, cleanup: true } };
}

export function createRolloutMachine(env: Env) {
  return setup({
    types: {} as { context: RolloutContext; events: RolloutEvent; input: RolloutInput },
    actions: {
      // The step runs its writes, records what it did, and answers the Deployment.
      step: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'rollout.step') return;
        const d = event.deployment;
        const out = context.strategy === RECREATE
          ? recreateStep(env, d, event.newRS, event.oldRSs, event.podMap ?? {})
          : event.newRS
            ? rollingStep(env, d, event.newRS, event.oldRSs)
            : { phase: 'failed' as const, reply: { type: 'rollout.stepped' as const, scaled: false, createNewRS: false, cleanup: false, newRS: null, oldRSs: event.oldRSs, error: 'no new replica set' } };
        enqueue.assign({
          phase: out.phase,
          scales: context.scales + (out.reply.scaled ? 1 : 0),
          replicaSet: out.reply.newRS?.metadata?.name ?? context.replicaSet,
        });
        enqueue.sendParent(out.reply);
      }),
    },
    guards: {
      complete: ({ event }) => event.type === 'rollout.observed' && event.complete,
      timedOut: ({ event }) => event.type === 'rollout.observed' && event.timedOut,
      phaseIs: ({ context }, phase: RolloutPhase) => context.phase === phase,
    },
  }).createMachine({
    id: 'rollout',
    context: ({ input }) => ({ ...input, phase: null, scales: 0, replicaSet: null }),
    initial: 'Rolling',
    on: {
      'rollout.step': { target: '.Stepped', actions: 'step' },
      'rollout.pause': { target: '.Paused' },
    },
    states: {
      // Between a step and the status it led to.
      Stepped: {
        on: {
          'rollout.observed': [
            { guard: 'complete', target: 'Complete' },
            { guard: 'timedOut', target: 'DeadlineExceeded' },
            { target: 'Rolling' },
          ],
        },
      },
      // Moving replicas from the old ReplicaSets to the new one; the substate is what the last step did.
      Rolling: {
        initial: 'Deciding',
        states: {
          Deciding: {
            always: [
              { guard: { type: 'phaseIs', params: 'scaledUp' }, target: 'ScalingUp' },
              { guard: { type: 'phaseIs', params: 'scaledDown' }, target: 'ScalingDown' },
              { guard: { type: 'phaseIs', params: 'scaledDownOld' }, target: 'ScalingDownOld' },
              { guard: { type: 'phaseIs', params: 'waitingForOldPods' }, target: 'WaitingForOldPods' },
              { guard: { type: 'phaseIs', params: 'createNew' }, target: 'CreatingNew' },
              { target: 'WaitingForAvailability' },
            ],
          },
          // RollingUpdate: the new ReplicaSet grew (within maxSurge).
          ScalingUp: {},
          // RollingUpdate: old ReplicaSets shrank (within maxUnavailable, unhealthy replicas first).
          ScalingDown: {},
          // Recreate: every old ReplicaSet was set to zero.
          ScalingDownOld: {},
          // Recreate: old pods still exist (terminating, or not yet gone).
          WaitingForOldPods: {},
          // Recreate: the old pods are gone; the new ReplicaSet is created at full size.
          CreatingNew: {},
          // Nothing to scale until more new pods become available.
          WaitingForAvailability: {},
        },
      },
      // updated == replicas == available: the revision is rolled out (later steps keep it so).
      Complete: {},
      // No progress within progressDeadlineSeconds: Progressing=False/ProgressDeadlineExceeded.
      // Upstream does not roll back; the rollout keeps stepping and recovers if progress resumes.
      DeadlineExceeded: {},
      // spec.paused: no steps until resumed (the Deployment only scales proportionally meanwhile).
      Paused: {},
    },
  });
}

export type RolloutMachine = ReturnType<typeof createRolloutMachine>;
