/**
 * A DaemonSet (apps/v1) as pkg/controller/daemon runs it: level-triggered, one `syncDaemonSet`
 * per `controller.sync`, which brings the pods it may claim (its own and the matching orphans of
 * its namespace), every node, and its ControllerRevisions. A sync claims the pods, keeps the
 * template history (`constructHistory`: the current revision and its `controller-revision-hash`),
 * then `updateDaemonSet` — `manage` (a pod on every node that should run one and none elsewhere;
 * failed and succeeded daemon pods replaced, with back-off; extra pods removed) and, once
 * `manage` has nothing left to do, the RollingUpdate step (`rollingUpdate`: maxUnavailable or
 * maxSurge nodes at a time) — cleans up history and writes the status (re-checking availability
 * after minReadySeconds). Pods are members of the cluster's system, owned through ownerReferences.
 */
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import { assign, setup } from 'xstate';
import { selectorFromLabelSelector } from '../../src/labels.ts';
import type { KObject, Node, Pod } from '../../src/types.ts';
import { keepingStatus, objectRecorder, type Env } from '../env.ts';
import { claimPods } from '../replicaset/claim.ts';
import { successfulCreateEvent, successfulDeleteEvent } from '../replicaset/events.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { cleanupHistory, constructHistory } from './history.ts';
import { backoffGC, type BackoffEntry, type FailedPodsBackoff, type SyncNodesPlan } from './manage.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from './pods.ts';
import { planUpdateDaemonSet } from './rolling.ts';
import { calculateDaemonSetStatus, daemonSetStatusRequeueAfter, nextDaemonSetStatus } from './status.ts';
import { progressingSteady } from '../steady.ts';

export interface DaemonSetInput {
  addr: string;
  object: KObject;
}

export interface DaemonSetContext extends DaemonSetInput {
  timers: Timers;
  /** Failed-pod back-off per `<ds uid>/<generation>/<node>` (upstream's flowcontrol.Backoff). */
  backoff: Record<string, BackoffEntry>;
}

export type DaemonSetEvent =
  | { type: 'controller.sync'; pods: Pod[]; nodes: Node[]; revisions: KObject[] }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.available' }
  | { type: 'timer.backoff' };

export const DAEMONSET_CONTROLLER = 'daemonset-controller';

export function createDaemonSetMachine(env: Env) {
  const record = objectRecorder(env, DAEMONSET_CONTROLLER);

  /** syncNodes: the planned deletes and creates, each with its event. */
  function perform(o: KObject, plan: SyncNodesPlan): void {
    const pods = env.pods;
    if (!pods) return;
    for (const name of plan.delete) {
      pods.delete(o.metadata.namespace!, name);
      record(o, successfulDeleteEvent(name));
    }
    for (const pod of plan.create) {
      const name = pods.createPod(pod as unknown as KObject);
      record(o, successfulCreateEvent(name));
    }
  }

  return setup({
    types: {} as { context: DaemonSetContext; events: DaemonSetEvent; input: DaemonSetInput },
    actions: {
      sync: assign(({ context, event }) => {
        if (event.type !== 'controller.sync') return {};
        const o = context.object;
        const md = o.metadata;
        const now = env.now();
        const ds = o as unknown as DaemonSet;
        if (md.deletionTimestamp) return {}; // upstream: a DaemonSet being deleted is left alone
        const claim = claimPods(
          { uid: md.uid!, selector: selectorFromLabelSelector(o.spec?.selector), deleting: false, namespace: md.namespace, apiVersion: 'apps/v1', kind: 'DaemonSet', name: md.name },
          event.pods,
        );
        for (const p of claim.adopt) env.pods?.setController(p.metadata!.namespace!, p.metadata!.name!, claim.controllerRef!, md.uid!);
        for (const p of claim.release) env.pods?.setController(p.metadata!.namespace!, p.metadata!.name!, null, md.uid!);
        const pods = claim.owned;
        // constructHistory: the current revision (created when the template is new).
        const history = constructHistory(ds, event.revisions as unknown as ControllerRevision[], pods as any);
        const rc = env.revisions;
        for (const name of history.deleteRevisions) rc?.delete(md.namespace!, name);
        if (history.create && rc) {
          const r = rc.create(history.create as unknown as KObject);
          if (!r.ok) {
            // A name taken by another template (hash collision): count it and retry with a new hash.
            const status = { ...(o.status ?? {}), collisionCount: (o.status?.collisionCount ?? 0) + 1 };
            env.resync?.(md.uid!);
            return { object: { ...o, status } };
          }
        }
        if (history.updateRevision && rc) {
          const cur = event.revisions.find((r) => r.metadata.name === history.updateRevision!.name);
          if (cur) rc.update({ ...cur, revision: history.updateRevision.revision } as KObject);
        }
        const hash = history.current.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
        // flowcontrol's GC (every minute upstream): entries idle for 2×max are forgotten.
        const backoff: FailedPodsBackoff = backoffGC(new Map(Object.entries(context.backoff)), now);
        const plan = planUpdateDaemonSet(ds, event.nodes, pods as any, hash, now, backoff);
        for (const e of plan.manage.events) record(o, e);
        perform(o, plan.manageSync);
        if (plan.rollingSync) perform(o, plan.rollingSync);
        const acted = plan.manageSync.create.length + plan.manageSync.delete.length + (plan.rollingSync ? plan.rollingSync.create.length + plan.rollingSync.delete.length : 0) > 0;
        // cleanupHistory (once nothing is in flight).
        if (!acted && rc) for (const name of cleanupHistory(ds, history.old, pods as any)) rc.delete(md.namespace!, name);
        // updateDaemonSetStatus over the pods as they were at the start of the sync.
        const counts = calculateDaemonSetStatus(ds, event.nodes, pods as any, hash, now);
        const status = nextDaemonSetStatus(ds, counts, true);
        let timers = disarmTimer(disarmTimer(context.timers, 'available'), 'backoff');
        const after = daemonSetStatusRequeueAfter(ds, counts);
        if (after !== null) timers = armTimer(env, context.addr, timers, 'available', now + after);
        if (plan.manage.requeueAfter.length) timers = armTimer(env, context.addr, timers, 'backoff', now + Math.min(...plan.manage.requeueAfter));
        const next: Partial<DaemonSetContext> = { timers, backoff: Object.fromEntries(plan.manage.backoff) };
        if (status) next.object = { ...o, status: status as KObject['status'] };
        return next;
      }),
      update: assign(({ context, event }) => (event.type === 'controller.update' ? { object: keepingStatus(context.object, event.object) } : {})),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      settled: ({ context }) => {
        const s = (context.object.status ?? {}) as Record<string, number>;
        const desired = s.desiredNumberScheduled ?? 0;
        return (context.object.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) && (s.updatedNumberScheduled ?? 0) === desired
          && (s.numberAvailable ?? 0) === desired && (s.currentNumberScheduled ?? 0) === desired && (s.numberMisscheduled ?? 0) === 0;
      },
    },
  }).createMachine({
    id: 'daemonset',
    context: ({ input }) => ({ ...input, timers: {}, backoff: {} }),
    on: {
      // The informer's update handler enqueues the object: a sync follows every update.
      'controller.update': { target: '.Progressing', actions: ['update', 'requestSync'] },
      'timer.available': { actions: 'requestSync' },
      'timer.backoff': { actions: 'requestSync' },
    },
    ...progressingSteady,
  });
}

export type DaemonSetMachine = ReturnType<typeof createDaemonSetMachine>;
