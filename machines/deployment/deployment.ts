/**
 * A Deployment (apps/v1) as pkg/controller/deployment runs it: level-triggered, one
 * `syncDeployment` per `controller.sync`. Each sync brings the ReplicaSets it may claim (its own
 * and the matching orphans of its namespace). It claims them, keeps the new ReplicaSet's
 * revision and annotations in line, and then — in upstream's order — reports a deleted
 * Deployment's status only, marks pause/resume on the Progressing condition, scales
 * proportionally when paused or on a scaling event (`sync`), or hands the step of the rollout to
 * the rollout actor of the current template (a child: `rollout-<revision>`). Once the rollout
 * answers, it cleans up history when complete and writes its status (`syncRolloutStatus`),
 * arming the progress-deadline requeue when nothing changed.
 *
 * ReplicaSets are not its XState children (they are members of the cluster's system, owned
 * through ownerReferences, like pods under a ReplicaSet); the rollout actors are.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { assign, enqueueActions, setup } from 'xstate';
import { selectorFromLabelSelector } from '../../src/labels.ts';
import type { KObject } from '../../src/types.ts';
import { keepingStatus, type Env } from '../env.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { claimPods, getControllerOf } from '../replicaset/claim.ts';
import { performSteps, recordDeploymentEvent } from './control.ts';
import { RECREATE } from './fenceposts.ts';
import { computeHash, equalIgnoreHash, stableDump } from './hash.ts';
import { buildNewReplicaSet, cleanupDeployment, maxRevision, nextRevision, setNewReplicaSetAnnotations } from './history.ts';
import { isScalingEvent, scale } from './proportional.ts';
import { findNewReplicaSet, findOldReplicaSets, REVISION_ANNOTATION, revisionOf } from './replicasets.ts';
import { createRolloutMachine, type RolloutInput, type SteppedEvent, type StepEvent } from './rollout.ts';
import type { PodPhaseView } from './rolling.ts';
import {
  calculateStatus, checkPausedConditions, createdReplicaSetMessage, deploymentComplete, DEPLOYMENT_PROGRESSING,
  getDeploymentCondition, hasProgressDeadline, messages, newDeploymentCondition, requeueStuckDeployment, setDeploymentCondition,
  syncRolloutStatus, FoundNewRSReason, NewReplicaSetReason, TimedOutReason,
} from './status-messages.ts';

export interface DeploymentInput {
  addr: string;
  object: KObject;
}

export interface DeploymentContext extends DeploymentInput {
  timers: Timers;
  /** The rollout actor of the current template: its child id, template key and revision. */
  rollout: { id: string; key: string; revision: number } | null;
  /** Rollout actors started so far (template changes seen). */
  rollouts: number;
  /** A step was handed to the rollout actor and its answer is awaited. */
  stepping: boolean;
}

export type DeploymentEvent =
  | { type: 'controller.sync'; replicaSets: KObject[]; pods?: Record<string, PodPhaseView[]> }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.progress' }
  | SteppedEvent;

/** Rate limiter base delay of the controller's workqueue: an immediate requeue comes back after 5 ms. */
export const REQUEUE_NOW_MS = 5;

/** The Deployment being synced: a working copy written back to context when the sync ends. */
interface Work {
  d: Deployment;
  now: number;
}

const asDeployment = (o: KObject) => structuredClone(o) as unknown as Deployment;

/** deployment_util.go `SetDeploymentRevision`. */
function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const md = (d.metadata ??= {});
  if (md.annotations?.[REVISION_ANNOTATION] === revision) return false;
  md.annotations = { ...(md.annotations ?? {}), [REVISION_ANNOTATION]: revision };
  return true;
}

/** `reflect.DeepEqual` of two statuses (key order aside). */
function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return stableDump(a ?? {}) === stableDump(b ?? {});
}

export function createDeploymentMachine(env: Env) {
  const control = () => env.replicaSets;

  /** sync.go `getNewReplicaSet`. An `error` aborts the sync (it is requeued). */
  function getNewReplicaSet(w: Work, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): { rs: ReplicaSet | null; error?: string } {
    const d = w.d;
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = nextRevision(oldRSs);
    if (existing) {
      const ann = setNewReplicaSetAnnotations(d, existing.metadata?.annotations, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if ((ann.changed || (existing.spec?.minReadySeconds ?? 0) !== minReady) && control()) {
        const copy = structuredClone(existing);
        copy.metadata = { ...copy.metadata, annotations: ann.annotations };
        copy.spec = { ...copy.spec!, minReadySeconds: minReady };
        return { rs: control()!.update(copy as unknown as KObject) as unknown as ReplicaSet };
      }
      setDeploymentRevision(d, existing.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING)) {
        const c = newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', FoundNewRSReason, messages.foundNewRS(existing.metadata?.name ?? ''), w.now);
        d.status = { ...d.status, conditions: setDeploymentCondition(d.status?.conditions, c) };
      }
      return { rs: existing };
    }
    if (!create || !control()) return { rs: null };
    const planned = buildNewReplicaSet(d, oldRSs);
    const res = control()!.create(planned as unknown as KObject);
    let created: ReplicaSet;
    let alreadyExists = false;
    if (res.ok) created = res.object as unknown as ReplicaSet;
    else {
      alreadyExists = true;
      const found = res.existing as unknown as ReplicaSet;
      const ref = getControllerOf(found as any);
      if (ref && ref.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) created = found;
      else {
        // A hash collision: bump collisionCount so the next sync hashes differently, and requeue.
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        return { rs: null, error: `replicasets.apps "${planned.metadata?.name}" already exists` };
      }
    }
    const replicas = planned.spec?.replicas ?? 0;
    if (!alreadyExists && replicas > 0) recordDeploymentEvent(env, d, 'Normal', 'ScalingReplicaSet', createdReplicaSetMessage(created.metadata?.name ?? '', replicas));
    setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      const c = newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', NewReplicaSetReason, messages.createdNewRS(created.metadata?.name ?? ''), w.now);
      d.status = { ...d.status, conditions: setDeploymentCondition(d.status?.conditions, c) };
    }
    return { rs: created };
  }

  /** sync.go `getAllReplicaSetsAndSyncRevision`. */
  function getAllReplicaSetsAndSyncRevision(w: Work, rsList: ReplicaSet[], create: boolean) {
    const { all } = findOldReplicaSets(w.d, rsList);
    const r = getNewReplicaSet(w, rsList, all, create);
    return { newRS: r.rs, oldRSs: all, error: r.error };
  }

  /** sync.go `syncDeploymentStatus`: `calculateStatus`, written when it differs. */
  function syncDeploymentStatus(w: Work, allRSs: ReadonlyArray<ReplicaSet | null>, newRS: ReplicaSet | null): void {
    const status = calculateStatus(allRSs, newRS, w.d, w.now);
    if (!sameStatus(w.d.status, status)) w.d.status = status;
  }

  /** sync.go `cleanupDeployment`: deletes the old ReplicaSets beyond revisionHistoryLimit. */
  function cleanup(w: Work, oldRSs: ReplicaSet[]): void {
    for (const rs of cleanupDeployment(oldRSs, w.d)) control()?.delete(rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
  }

  /** sync.go `sync`: proportional scaling, cleanup while paused, status. */
  function syncScale(w: Work, rsList: ReplicaSet[]): void {
    const { newRS, oldRSs, error } = getAllReplicaSetsAndSyncRevision(w, rsList, false);
    if (error) return;
    const plan = scale(w.d, newRS, oldRSs);
    performSteps(env, w.d, [...oldRSs, newRS], plan.steps, plan.kind === 'proportional');
    if (w.d.spec?.paused) cleanup(w, oldRSs);
    syncDeploymentStatus(w, [...oldRSs, newRS], newRS);
  }

  /** progress.go `syncRolloutStatus` + `requeueStuckDeployment`: the requeue delay (ms), or −1. */
  function rolloutStatus(w: Work, allRSs: ReadonlyArray<ReplicaSet | null>, newRS: ReplicaSet | null): number {
    const status = syncRolloutStatus(allRSs, newRS, w.d, w.now);
    if (sameStatus(w.d.status, status)) return requeueStuckDeployment(w.d, status, w.now);
    w.d.status = status;
    return -1;
  }

  return setup({
    types: {} as { context: DeploymentContext; events: DeploymentEvent; input: DeploymentInput },
    actors: { rollout: createRolloutMachine(env) },
    actions: {
      sync: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'controller.sync') return;
        const w: Work = { d: asDeployment(context.object), now: env.now() };
        const d = w.d;
        const md = d.metadata!;
        const deleting = !!md.deletionTimestamp;
        // getReplicaSetsForDeployment: ClaimReplicaSets (adopt matching orphans, release the rest).
        const claim = claimPods(
          { uid: md.uid!, selector: selectorFromLabelSelector(d.spec?.selector as any), deleting, namespace: md.namespace, apiVersion: 'apps/v1', kind: 'Deployment', name: md.name },
          event.replicaSets as any,
        );
        for (const rs of claim.adopt) control()?.setController(rs.metadata!.namespace!, rs.metadata!.name!, claim.controllerRef!, md.uid!);
        for (const rs of claim.release) control()?.setController(rs.metadata!.namespace!, rs.metadata!.name!, null, md.uid!);
        const rsList = claim.owned as unknown as ReplicaSet[];
        const finish = (step?: StepEvent, requeue = false) => {
          finishSync(enqueue, context, w, step ? null : -1, requeue);
          if (step) {
            enqueue.assign({ stepping: true });
            enqueue.sendTo(context.rollout!.id, step);
          }
        };
        if (deleting) {
          // syncStatusOnly
          const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(w, rsList, false);
          syncDeploymentStatus(w, [...oldRSs, newRS], newRS);
          return finish();
        }
        const paused = checkPausedConditions(d, w.now);
        if (paused) d.status = { ...d.status, conditions: paused };
        if (d.spec?.paused) {
          syncScale(w, rsList);
          if (context.rollout) enqueue.sendTo(context.rollout.id, { type: 'rollout.pause' });
          return finish();
        }
        const probe = getAllReplicaSetsAndSyncRevision(w, rsList, false);
        if (probe.error) return finish(undefined, true);
        if (isScalingEvent(d, probe.newRS, probe.oldRSs)) {
          syncScale(w, rsList);
          return finish();
        }
        const recreate = d.spec?.strategy?.type === RECREATE;
        // (The probe may have rewritten the new RS's annotations: later lookups see that write.)
        const fresh = probe.newRS ? rsList.map((rs) => (rs.metadata?.uid === probe.newRS!.metadata?.uid ? probe.newRS! : rs)) : rsList;
        const { newRS, oldRSs, error } = recreate ? probe : getAllReplicaSetsAndSyncRevision(w, fresh, true);
        if (error) return finish(undefined, true);
        // The rollout actor of this template (a new one when the template or strategy changed).
        const key = `${computeHash(d.spec!.template)}/${recreate ? 'Recreate' : 'RollingUpdate'}`;
        if (context.rollout?.key !== key) {
          const revision = newRS && (revisionOf(newRS) ?? 0) > maxRevision(oldRSs) ? revisionOf(newRS)! : maxRevision(oldRSs) + 1;
          let id = `rollout-${revision}`;
          if (context.rollout?.id === id) id = `${id}.${context.rollouts + 1}`;
          if (context.rollout) enqueue.stopChild(context.rollout.id);
          const input: RolloutInput = { revision, key, strategy: recreate ? 'Recreate' : 'RollingUpdate' };
          enqueue.spawnChild('rollout', { id, input });
          const rollout = { id, key, revision };
          enqueue.assign({ rollout, rollouts: context.rollouts + 1 });
          context = { ...context, rollout };
        }
        let podMap: Record<string, PodPhaseView[]> | undefined;
        if (recreate) podMap = event.pods ?? {};
        finish({ type: 'rollout.step', deployment: structuredClone(d), newRS, oldRSs, podMap });
      }),
      stepped: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'rollout.stepped') return;
        const w: Work = { d: asDeployment(context.object), now: env.now() };
        enqueue.assign({ stepping: false });
        if (event.error) return finishSync(enqueue, context, w, -1, true);
        let { newRS, oldRSs } = event;
        if (event.createNewRS) {
          // Recreate: the old pods are gone; create the new ReplicaSet (at full size).
          const r = getAllReplicaSetsAndSyncRevision(w, oldRSs, true);
          if (r.error) return finishSync(enqueue, context, w, -1, true);
          newRS = r.newRS;
          oldRSs = r.oldRSs;
        }
        if (event.cleanup && deploymentComplete(w.d, w.d.status ?? {})) cleanup(w, oldRSs);
        const requeue = rolloutStatus(w, [...oldRSs, newRS], newRS);
        const status = w.d.status ?? {};
        const timedOut = getDeploymentCondition(status, DEPLOYMENT_PROGRESSING)?.reason === TimedOutReason;
        if (context.rollout) enqueue.sendTo(context.rollout.id, { type: 'rollout.observed', complete: deploymentComplete(w.d, status), timedOut });
        finishSync(enqueue, context, w, requeue, false);
      }),
      update: assign(({ context, event }) => (event.type === 'controller.update' ? { object: keepingStatus(context.object, event.object) } : {})),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      notStepping: ({ context }) => !context.stepping,
      paused: ({ context }) => !!context.object.spec?.paused,
      timedOut: ({ context }) => getDeploymentCondition(context.object.status as DeploymentStatus, DEPLOYMENT_PROGRESSING)?.reason === TimedOutReason,
      complete: ({ context }) => {
        const d = context.object as unknown as Deployment;
        return deploymentComplete(d, d.status ?? {});
      },
    },
  }).createMachine({
    id: 'deployment',
    context: ({ input }) => ({ ...input, timers: {}, rollout: null, rollouts: 0, stepping: false }),
    initial: 'Progressing',
    on: {
      // The informer's update handler enqueues the object: a sync follows every update.
      'controller.update': { target: '.Deciding', actions: ['update', 'requestSync'] },
      'controller.sync': { target: '.Stepping', actions: 'sync' },
      'timer.progress': { actions: 'requestSync' },
    },
    states: {
      // A syncDeployment in flight: waits for the rollout actor's answer when a step was handed over.
      Stepping: {
        on: { 'rollout.stepped': { target: 'Deciding', actions: 'stepped' } },
        always: { guard: 'notStepping', target: 'Deciding' },
      },
      Deciding: {
        always: [
          { guard: 'paused', target: 'Paused' },
          { guard: 'timedOut', target: 'DeadlineExceeded' },
          { guard: 'complete', target: 'Complete' },
          { target: 'Progressing' },
        ],
      },
      // The newest template's ReplicaSet is not yet fully rolled out and available.
      Progressing: {},
      // updated == replicas == available, generation observed.
      Complete: {},
      // Progressing=False/ProgressDeadlineExceeded. Syncs go on (upstream does not roll back).
      DeadlineExceeded: {},
      // spec.paused: proportional scaling only; no new ReplicaSet, no rollout steps.
      Paused: {},
    },
  });

  /**
   * Ends a sync: writes the working copy back when it changed (a status / annotation update,
   * which — like the informer's update event upstream — queues another sync), and arms or clears
   * the progress-deadline requeue (`requeue` ms; −1 none; `null` leave as is).
   */
  function finishSync(enqueue: any, context: DeploymentContext, w: Work, requeueMs: number | null, retry: boolean): void {
    const changed = stableDump(w.d) !== stableDump(context.object);
    let timers = context.timers;
    if (requeueMs !== null) {
      timers = disarmTimer(timers, 'progress');
      if (requeueMs >= 0) timers = armTimer(env, context.addr, timers, 'progress', w.now + (requeueMs === 0 ? REQUEUE_NOW_MS : requeueMs));
    }
    enqueue.assign(changed ? { object: w.d as unknown as KObject, timers } : { timers });
    if (changed || retry) env.resync?.(context.object.metadata.uid!);
  }
}

export type DeploymentMachine = ReturnType<typeof createDeploymentMachine>;
