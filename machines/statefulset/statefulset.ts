/**
 * A StatefulSet (apps/v1) as pkg/controller/statefulset runs it: level-triggered, one
 * `UpdateStatefulSet` per `controller.sync`, which brings the pods it may claim, its
 * ControllerRevisions and the namespace's PersistentVolumeClaims. A sync claims the pods (members
 * only: `<set>-<ordinal>`), works out the current and update revisions (creating or re-numbering a
 * ControllerRevision), plans the sync (`planUpdateStatefulSet`: create missing ordinals in order —
 * OrderedReady waits for each to be Running and Ready, Parallel does not —, replace failed pods,
 * fix identities and claim owners, scale down from the highest ordinal, roll pods to the update
 * revision from the highest ordinal down to the partition), hands each write to the ORDINAL actor
 * of that index (a child, `ordinal-<i>`, which owns the pod name, hostname and claims), writes the
 * status and truncates the revision history.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import { assign, enqueueActions, setup } from 'xstate';
import { selectorFromLabelSelector } from '../../src/labels.ts';
import type { KObject, Pod } from '../../src/types.ts';
import { keepingStatus, type Env } from '../env.ts';
import { claimPods } from '../replicaset/claim.ts';
import { isPodReady } from '../replicaset/status.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { getEndOrdinal, getOrdinal, getStartOrdinal, isMemberOf } from './identity.ts';
import { createOrdinalMachine, type OrdinalEvent, type PodView } from './ordinal.ts';
import { planStatefulSetSync } from './update.ts';
import { progressingSteady } from '../steady.ts';

export interface StatefulSetInput {
  addr: string;
  object: KObject;
}

export interface StatefulSetContext extends StatefulSetInput {
  timers: Timers;
  /** Ordinals with an actor (ascending). */
  ordinals: number[];
  /** What each ordinal was last told of its pod (so a sync only tells the ordinals whose pod changed). */
  observed: Record<number, string>;
}

export type StatefulSetEvent =
  | { type: 'controller.sync'; pods: Pod[]; revisions: KObject[]; claims: KObject[] }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.available' };

const childId = (ordinal: number) => `ordinal-${ordinal}`;

function view(pod: Pod | undefined): PodView | null {
  if (!pod) return null;
  return { uid: pod.metadata?.uid ?? '', phase: pod.status?.phase, ready: isPodReady(pod as any), terminating: !!pod.metadata?.deletionTimestamp };
}

export function createStatefulSetMachine(env: Env) {
  return setup({
    types: {} as { context: StatefulSetContext; events: StatefulSetEvent; input: StatefulSetInput },
    actors: { ordinal: createOrdinalMachine(env) },
    actions: {
      sync: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'controller.sync') return;
        const o = context.object;
        const md = o.metadata;
        const set = o as unknown as StatefulSet;
        const now = env.now();
        // ClaimPods with the isMemberOf filter: only `<set>-<ordinal>` pods are adopted.
        const claim = claimPods(
          { uid: md.uid!, selector: selectorFromLabelSelector(o.spec?.selector), deleting: !!md.deletionTimestamp, namespace: md.namespace, apiVersion: 'apps/v1', kind: 'StatefulSet', name: md.name },
          event.pods.filter((p) => isMemberOf(set, p as any) || p.metadata?.ownerReferences?.some((r) => r.uid === md.uid)),
        );
        for (const p of claim.adopt) env.pods?.setController(p.metadata!.namespace!, p.metadata!.name!, claim.controllerRef!, md.uid!);
        for (const p of claim.release) env.pods?.setController(p.metadata!.namespace!, p.metadata!.name!, null, md.uid!);
        const pods = claim.owned.filter((p) => isMemberOf(set, p as any));
        const res = planStatefulSetSync(set, pods as any, event.revisions as unknown as ControllerRevision[], event.claims as any, now);
        // The revision this sync rolls to.
        const rc = env.revisions;
        const action = res.revisions.action;
        if (action.type === 'create' && action.create) rc?.create(action.revision as unknown as KObject);
        if (action.type === 'bump') rc?.update(action.revision as unknown as KObject);
        // Each write goes to the ordinal that owns the identity.
        const ordinals = new Set(context.ordinals);
        const ensure = (ordinal: number) => {
          if (ordinals.has(ordinal)) return;
          ordinals.add(ordinal);
          enqueue.spawnChild('ordinal', { id: childId(ordinal), input: { set: { name: md.name, namespace: md.namespace!, uid: md.uid! }, ordinal } });
        };
        const send = (ordinal: number, e: OrdinalEvent) => {
          ensure(ordinal);
          enqueue.sendTo(childId(ordinal), e);
        };
        const byOrdinal = new Map<number, Pod>();
        for (const p of pods) byOrdinal.set(getOrdinal(p as any), p);
        for (const ordinal of byOrdinal.keys()) ensure(ordinal);
        for (const a of res.plan.actions) {
          const k = (x: unknown) => x as KObject;
          switch (a.type) {
            case 'createPod': send(a.ordinal, { type: 'ordinal.createPod', pod: k(a.pod), claims: a.claims.map(k), claimUpdates: a.claimUpdates.map(k) }); break;
            case 'createClaims': send(a.ordinal, { type: 'ordinal.createClaims', claims: a.claims.map(k), claimUpdates: a.claimUpdates.map(k) }); break;
            case 'updatePod': send(a.ordinal, { type: 'ordinal.updatePod', pod: k(a.pod), claims: a.claims.map(k), claimUpdates: a.claimUpdates.map(k) }); break;
            case 'updateClaims': send(a.ordinal, { type: 'ordinal.updateClaims', claimUpdates: a.claimUpdates.map(k) }); break;
            case 'deletePod': send(a.ordinal, { type: 'ordinal.deletePod', reason: a.reason }); break;
          }
        }
        // Each ordinal hears what its pod looked like at this sync; ordinals past the end with no pod left go.
        const start = getStartOrdinal(set);
        const end = getEndOrdinal(set);
        const created = new Set(res.plan.create);
        const observed: Record<number, string> = {};
        let observedChanged = false;
        for (const ordinal of [...ordinals].sort((a, b) => a - b)) {
          const pod = byOrdinal.get(ordinal);
          if (!pod && !created.has(ordinal) && (ordinal < start || ordinal > end)) {
            enqueue.stopChild(childId(ordinal));
            ordinals.delete(ordinal);
            observedChanged = true;
            continue;
          }
          if (created.has(ordinal)) continue;
          const v = view(pod);
          const key = v ? `${v.uid}|${v.phase}|${v.ready}|${v.terminating}` : '';
          observed[ordinal] = key;
          if (context.observed[ordinal] === key) continue;
          observedChanged = true;
          enqueue.sendTo(childId(ordinal), { type: 'ordinal.observe', pod: v });
        }
        for (const r of res.deleteRevisions) rc?.delete(md.namespace!, r.metadata?.name ?? '');
        let timers = disarmTimer(context.timers, 'available');
        let requeue = res.plan.requeueAfterMs;
        // Blocked on a pod that is Ready but not yet available for minReadySeconds: look again then
        // (upstream's periodic resync would; the status alone may not ask for it).
        const stop = res.plan.stop?.reason;
        if (requeue === null && (stop === 'NotAvailable' || stop === 'CondemnedNotAvailable')) requeue = (o.spec?.minReadySeconds ?? 0) * 1000;
        if (requeue !== null) timers = armTimer(env, context.addr, timers, 'available', now + requeue);
        if (res.plan.error) env.resync?.(md.uid!);
        const next: Partial<StatefulSetContext> = { timers };
        if (observedChanged || ordinals.size !== context.ordinals.length) {
          next.ordinals = [...ordinals].sort((a, b) => a - b);
          next.observed = observed;
        }
        if (res.plan.writeStatus) next.object = { ...o, status: res.plan.status as KObject['status'] };
        enqueue.assign(next);
      }),
      update: assign(({ context, event }) => (event.type === 'controller.update' ? { object: keepingStatus(context.object, event.object) } : {})),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      settled: ({ context }) => {
        const o = context.object;
        const s = (o.status ?? {}) as Record<string, any>;
        const want = o.spec?.replicas ?? 1;
        return (o.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) && (s.replicas ?? 0) === want && (s.readyReplicas ?? 0) === want
          && (s.updatedReplicas ?? 0) === want && s.currentRevision === s.updateRevision;
      },
    },
  }).createMachine({
    id: 'statefulset',
    context: ({ input }) => ({ ...input, timers: {}, ordinals: [], observed: {} }),
    on: {
      // The informer's update handler enqueues the object: a sync follows every update.
      'controller.update': { target: '.Progressing', actions: ['update', 'requestSync'] },
      'timer.available': { actions: 'requestSync' },
    },
    ...progressingSteady,
  });
}

export type StatefulSetMachine = ReturnType<typeof createStatefulSetMachine>;
