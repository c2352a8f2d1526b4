/**
 * The ordinal actor: one per index of a StatefulSet (`ordinal-<i>`, a child of the StatefulSet
 * actor), owning the identity of `<set>-<i>` across pod re-creations — the stable pod name and
 * hostname, and its PersistentVolumeClaims `<template>-<set>-<i>`. The StatefulSet actor decides
 * (stateful_set_control.go, one sync at a time) and hands each ordinal its writes: create its
 * claims then its pod (stateful_pod_control.go `CreateStatefulPod`), fix its pod's identity or
 * storage (`UpdateStatefulPod`), keep its claims' owners in line with the retention policy, or
 * delete its pod. After every sync it tells each ordinal what its pod looks like (`ordinal.observe`),
 * which is what the ordinal's states show.
 */
import { assign, setup } from 'xstate';
import type { KObject } from '../../src/types.ts';
import type { Env } from '../env.ts';
import { claimEvent, podEvent } from './retention.ts';

export interface OrdinalInput {
  /** The StatefulSet (name, namespace, uid) the ordinal belongs to. */
  set: { name: string; namespace: string; uid: string };
  ordinal: number;
}

export interface OrdinalContext extends OrdinalInput {
  /** `<set>-<ordinal>`: the pod name and hostname, stable across re-creations. */
  podName: string;
  /** Its claims, by name, once created (kept across pod deletion and scale-down under Retain). */
  claims: string[];
  /** Pods created for this ordinal so far (1 + re-creations). */
  incarnations: number;
  /** uid of the pod it last saw. */
  podUid: string | null;
}

/** What the StatefulSet saw of the ordinal's pod at the end of a sync. */
export interface PodView {
  uid: string;
  phase?: string;
  ready: boolean;
  terminating: boolean;
}

export type OrdinalEvent =
  | { type: 'ordinal.createPod'; pod: KObject; claims: KObject[]; claimUpdates: KObject[] }
  | { type: 'ordinal.createClaims'; claims: KObject[]; claimUpdates: KObject[] }
  | { type: 'ordinal.updatePod'; pod: KObject; claims: KObject[]; claimUpdates: KObject[] }
  | { type: 'ordinal.updateClaims'; claimUpdates: KObject[] }
  | { type: 'ordinal.deletePod'; reason: string }
  | { type: 'ordinal.observe'; pod: PodView | null };

export const STATEFULSET_CONTROLLER = 'statefulset-controller';

export function createOrdinalMachine(env: Env) {
  const record = (ctx: OrdinalContext, e: { type: 'Normal' | 'Warning'; reason: string; message: string }) =>
    env.record({ ...e, involved: { kind: 'StatefulSet', name: ctx.set.name, namespace: ctx.set.namespace, uid: ctx.set.uid }, component: STATEFULSET_CONTROLLER });

  /** createPersistentVolumeClaims + the retention-policy owner writes; returns the claim names now held. */
  function writeClaims(ctx: OrdinalContext, claims: KObject[], updates: KObject[]): string[] {
    const names = new Set(ctx.claims);
    for (const c of claims) {
      const ok = env.claims?.create(c) ?? false;
      record(ctx, claimEvent('create', ctx.set.name, ctx.podName, c.metadata.name, ok ? undefined : `persistentvolumeclaims "${c.metadata.name}" already exists`));
      names.add(c.metadata.name);
    }
    for (const c of updates) {
      env.claims?.update(c);
      names.add(c.metadata.name);
    }
    return [...names].sort();
  }

  return setup({
    types: {} as { context: OrdinalContext; events: OrdinalEvent; input: OrdinalInput },
    actions: {
      createPod: assign(({ context, event }) => {
        if (event.type !== 'ordinal.createPod') return {};
        const claims = writeClaims(context, event.claims, event.claimUpdates);
        env.pods?.createPod(event.pod);
        record(context, podEvent('create', context.set.name, context.podName));
        return { claims, incarnations: context.incarnations + 1 };
      }),
      createClaims: assign(({ context, event }) => {
        if (event.type !== 'ordinal.createClaims') return {};
        return { claims: writeClaims(context, event.claims, event.claimUpdates) };
      }),
      updatePod: assign(({ context, event }) => {
        if (event.type !== 'ordinal.updatePod') return {};
        const claims = writeClaims(context, event.claims, event.claimUpdates);
        env.pods?.updatePod(event.pod);
        record(context, podEvent('update', context.set.name, context.podName));
        return { claims };
      }),
      updateClaims: assign(({ context, event }) => {
        if (event.type !== 'ordinal.updateClaims') return {};
        return { claims: writeClaims(context, [], event.claimUpdates) };
      }),
      // (Written as an assign like the others: the deletion runs the pod actor synchronously, and
      // XState warns when built-in actions run inside a plain custom action.)
      deletePod: assign(({ context, event }) => {
        if (event.type !== 'ordinal.deletePod') return {};
        env.pods?.delete(context.set.namespace, context.podName);
        record(context, podEvent('delete', context.set.name, context.podName));
        return {};
      }),
      observe: assign(({ event }) => (event.type === 'ordinal.observe' ? { podUid: event.pod?.uid ?? null } : {})),
    },
    guards: {
      noPod: ({ event }) => event.type === 'ordinal.observe' && !event.pod,
      terminating: ({ event }) => event.type === 'ordinal.observe' && !!event.pod?.terminating,
      failed: ({ event }) => event.type === 'ordinal.observe' && (event.pod?.phase === 'Failed' || event.pod?.phase === 'Succeeded'),
      ready: ({ event }) => event.type === 'ordinal.observe' && !!event.pod && event.pod.phase === 'Running' && event.pod.ready,
    },
  }).createMachine({
    id: 'ordinal',
    context: ({ input }) => ({ ...input, podName: `${input.set.name}-${input.ordinal}`, claims: [], incarnations: 0, podUid: null }),
    initial: 'Missing',
    on: {
      'ordinal.createPod': { actions: 'createPod' },
      'ordinal.createClaims': { actions: 'createClaims' },
      'ordinal.updatePod': { actions: 'updatePod' },
      'ordinal.updateClaims': { actions: 'updateClaims' },
      'ordinal.deletePod': { actions: 'deletePod' },
      'ordinal.observe': [
        { guard: 'noPod', target: '.Missing', actions: 'observe' },
        { guard: 'terminating', target: '.Terminating', actions: 'observe' },
        { guard: 'failed', target: '.Failed', actions: 'observe' },
        { guard: 'ready', target: '.RunningAndReady', actions: 'observe' },
        { target: '.Pending', actions: 'observe' },
      ],
    },
    states: {
      // No pod for this ordinal (not yet created, or deleted and not yet re-created). Its claims stay.
      Missing: {},
      // The pod exists but is not Running and Ready yet: OrderedReady waits here before the next ordinal.
      Pending: {},
      // Running and Ready.
      RunningAndReady: {},
      // The pod is being deleted (scale-down, rolling update, or before a re-creation).
      Terminating: {},
      // The pod failed or succeeded: it is deleted and re-created under the same name, with the same claims.
      Failed: {},
    },
  });
}

export type OrdinalMachine = ReturnType<typeof createOrdinalMachine>;
