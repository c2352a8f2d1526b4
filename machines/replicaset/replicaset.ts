/**
 * A ReplicaSet (apps/v1) or ReplicationController (v1) as its controller runs it
 * (pkg/controller/replicaset/replica_set.go `syncReplicaSet`): level-triggered. Each
 * `controller.sync` brings the pods it may claim (its own and the matching orphans of its
 * namespace); it claims them (adopt / release), creates or deletes pods to reach
 * `spec.replicas` (at most `BurstReplicas` per sync, victims ranked as upstream), and writes its
 * status. Pods are not its XState children: they are members of the cluster's actor system, and
 * ownership lives in their ownerReferences — so orphaning and adoption never move an actor.
 */
import { assign, setup } from 'xstate';
import { selectorFromLabelSelector } from '../../src/labels.ts';
import type { KObject, Pod } from '../../src/types.ts';
import { keepingStatus, objectRecorder, type Env } from '../env.ts';
export type { PodControl } from '../env.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { claimPods } from './claim.ts';
import { successfulCreateEvent, successfulDeleteEvent } from './events.ts';
import { getPodsToDelete } from './ranking.ts';
import { rcSelector } from './rc.ts';
import { manageReplicasDiff } from './slowstart.ts';
import { calculateReplicaSetStatus, filterActivePods } from './status.ts';
import { progressingSteady } from '../steady.ts';

export interface ReplicaSetInput {
  addr: string;
  object: KObject;
}

export interface ReplicaSetContext extends ReplicaSetInput {
  timers: Timers;
}

export type ReplicaSetEvent =
  | { type: 'controller.sync'; pods: Pod[] }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.available' };

function selectorOf(o: KObject) {
  return o.kind === 'ReplicationController' ? rcSelector(o.spec?.selector) : selectorFromLabelSelector(o.spec?.selector);
}

function status(o: KObject) {
  return (o.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

export function createReplicaSetMachine(env: Env) {
  const component = (o: KObject) => (o.kind === 'ReplicationController' ? 'replication-controller' : 'replicaset-controller');
  const record = objectRecorder(env, component);

  return setup({
    types: {} as { context: ReplicaSetContext; events: ReplicaSetEvent; input: ReplicaSetInput },
    actions: {
      sync: assign(({ context, event }) => {
        if (event.type !== 'controller.sync') return {};
        const o = context.object;
        const md = o.metadata;
        const now = env.now();
        const deleting = !!md.deletionTimestamp;
        const control = env.pods;
        // ClaimPods: adopt matching orphans, release owned pods whose labels stopped matching.
        const claim = claimPods(
          { uid: md.uid!, selector: selectorOf(o), deleting, namespace: md.namespace, apiVersion: o.apiVersion, kind: o.kind, name: md.name },
          event.pods,
        );
        for (const p of claim.adopt) control?.setController(p.metadata!.namespace!, p.metadata!.name!, claim.controllerRef!, md.uid!);
        for (const p of claim.release) control?.setController(p.metadata!.namespace!, p.metadata!.name!, null, md.uid!);
        const active = filterActivePods(claim.owned);
        // manageReplicas (not while the set itself is being deleted).
        if (!deleting && control) {
          const diff = manageReplicasDiff(active.length, o.spec?.replicas ?? 1);
          if ('create' in diff) {
            // Slow start batches 1, 2, 4 … only matter when creations fail; here none does.
            for (let i = 0; i < diff.create; i++) {
              const name = control.create(o, claim.controllerRef!);
              record(o, successfulCreateEvent(name));
            }
          } else if ('delete' in diff) {
            for (const p of getPodsToDelete(active, active, diff.delete, now)) {
              control.delete(p.metadata!.namespace!, p.metadata!.name!);
              record(o, successfulDeleteEvent(p.metadata!.name!));
            }
          }
        }
        const result = calculateReplicaSetStatus(o as any, active, null, now);
        let timers = disarmTimer(context.timers, 'available');
        if (result.requeueAfterMs !== null) timers = armTimer(env, context.addr, timers, 'available', now + result.requeueAfterMs);
        if (!result.changed) return { timers };
        return { timers, object: { ...o, status: { ...result.status, observedGeneration: md.generation } } };
      }),
      update: assign(({ context, event }) => (event.type === 'controller.update' ? { object: keepingStatus(context.object, event.object) } : {})),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      settled: ({ context }) => {
        const want = context.object.spec?.replicas ?? 1;
        const s = status(context.object);
        return (s.replicas ?? 0) === want && (s.readyReplicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
      },
    },
  }).createMachine({
    id: 'replicaset',
    context: ({ input }) => ({ ...input, timers: {} }),
    on: {
      // The informer's update handler enqueues the object: a sync follows every update.
      'controller.update': { target: '.Progressing', actions: ['update', 'requestSync'] },
      'timer.available': { actions: 'requestSync' },
    },
    ...progressingSteady,
  });
}

export type ReplicaSetMachine = ReturnType<typeof createReplicaSetMachine>;
