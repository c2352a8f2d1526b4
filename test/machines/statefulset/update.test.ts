import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.d.ts';
import { iso } from '../../../machines/time.ts';
import { getPodRevision } from '../../../machines/statefulset/identity.ts';
import { planStatefulSetSync, planUpdateStatefulSet, slowStartBatches, type SyncOptions } from '../../../machines/statefulset/update.ts';
import { claim, NOW, ownerRef, podOf, rev, SET_UID, sts, type PodOptions, type SetOptions } from './fixtures.ts';

const R1 = rev(sts({ image: 'v1' }), 1);
const R2 = rev(sts({ image: 'v2' }), 2);
const r1 = R1.metadata!.name!;
const r2 = R2.metadata!.name!;

/** A set at template v1 (or v2 when updating) with the given options. */
const setV1 = (o: SetOptions = {}) => sts({ image: 'v1', ...o });
const setV2 = (o: SetOptions = {}) => sts({ image: 'v2', ...o });

/** Pod `web-<ordinal>` at revision `revision` (default r1), Running+Ready unless told. */
const at = (set: StatefulSet, ordinal: number, o: PodOptions = {}) => podOf(set, ordinal, { revision: r1, ...o });

/** The claims of every given pod (so that no claim creation shows up unless a test wants it). */
function claimsOf(set: StatefulSet, pods: Pod[]): PersistentVolumeClaim[] {
  return pods.flatMap((p) => (set.spec!.volumeClaimTemplates ?? []).map((t) => claim(`${t.metadata!.name}-${p.metadata!.name}`)));
}

function plan(set: StatefulSet, pods: Pod[], o: { cur?: ControllerRevision; upd?: ControllerRevision; claims?: PersistentVolumeClaim[] } & SyncOptions = {}) {
  const cur = o.cur ?? R1;
  return planUpdateStatefulSet(
    { set, pods, currentRevision: cur, updateRevision: o.upd ?? cur, collisionCount: 0, claims: o.claims ?? claimsOf(set, pods), now: NOW },
    { gates: o.gates, availabilityAwareHealth: o.availabilityAwareHealth },
  );
}

const summary = (p: ReturnType<typeof plan>) => ({
  create: p.create,
  delete: p.delete.map((d) => `${d.podName}:${d.reason}`),
  update: p.update,
  stop: p.stop ? `${p.stop.reason}${p.stop.ordinal !== undefined ? `@${p.stop.ordinal}` : ''}` : undefined,
});

describe('OrderedReady scale-up: one pod per sync, each after its predecessors are Running and Ready', () => {
  it('from nothing: creates web-0 only, with its claim, at the update revision', () => {
    const p = plan(setV1(), [], { claims: [] });
    expect(summary(p)).toEqual({ create: [0], delete: [], update: [], stop: 'PodCreated@0' });
    const a = p.actions[0]!;
    expect(a.type).toBe('createPod');
    if (a.type !== 'createPod') return;
    expect(a.pod.metadata!.name).toBe('web-0');
    expect(getPodRevision(a.pod)).toBe(r1);
    expect(a.claims.map((c) => c.metadata!.name)).toEqual(['www-web-0']);
    expect(p.blockedOn).toBeUndefined();
  });

  it.each([
    ['Pending', { phase: 'Pending' }, 'NotRunningAndReady@0'],
    ['Running, not Ready', { ready: false }, 'NotRunningAndReady@0'],
    ['Ready 5 s of minReadySeconds 10', { readySince: NOW - 5000 }, 'NotAvailable@0'],
    ['terminating', { deleting: true }, 'Terminating@0'],
  ] as const)('web-0 %s → blocked on it, web-1 not created', (_n, o, stop) => {
    const set = setV1({ minReadySeconds: 10 });
    const p = plan(set, [at(set, 0, o as PodOptions)]);
    expect(summary(p)).toEqual({ create: [], delete: [], update: [], stop });
    expect(p.blockedOn).toBe(0);
  });

  it('web-0 healthy → creates web-1 (ascending order)', () => {
    const set = setV1();
    expect(summary(plan(set, [at(set, 0)]))).toEqual({ create: [1], delete: [], update: [], stop: 'PodCreated@1' });
  });

  it('a gap is filled first: web-0 and web-2 exist → web-1 is created', () => {
    const set = setV1();
    expect(summary(plan(set, [at(set, 0), at(set, 2)])).create).toEqual([1]);
  });

  it('a Pending pod whose claim is missing gets it created (createMissingPersistentVolumeClaims), still blocking', () => {
    const set = setV1();
    const p = plan(set, [at(set, 0, { phase: 'Pending' })], { claims: [] });
    expect(p.actions.map((a) => a.type)).toEqual(['createClaims']);
    expect(p.actions[0]!.type === 'createClaims' && p.actions[0]!.claims.map((c) => c.metadata!.name)).toEqual(['www-web-0']);
    expect(p.stop).toEqual({ ordinal: 0, reason: 'NotRunningAndReady' });
  });

  it('the new pod is not counted in status.replicas (it has no phase yet)', () => {
    const set = setV1();
    expect(plan(set, [at(set, 0)]).status.replicas).toBe(1);
  });

  it('ordinals.start 5: pods web-5, web-6, web-7', () => {
    const set = setV1({ start: 5 });
    const p = plan(set, [at(set, 5)]);
    expect(summary(p).create).toEqual([6]);
    expect(p.actions[0]!.type === 'createPod' && p.actions[0]!.pod.metadata!.name).toBe('web-6');
  });
});

describe('Parallel: every missing pod at once, no waiting', () => {
  it('creates 0, 1, 2 in one sync (the update loop then waits on the highest new pod, as upstream does)', () => {
    const set = setV1({ policy: 'Parallel' });
    expect(summary(plan(set, [], { claims: [] }))).toEqual({ create: [0, 1, 2], delete: [], update: [], stop: 'UpdateWaiting@2' });
  });

  it('an unready pod does not block the others', () => {
    const set = setV1({ policy: 'Parallel' });
    expect(summary(plan(set, [at(set, 0, { phase: 'Pending' })])).create).toEqual([1, 2]);
  });

  it('slow-start batches 1, 2, 4 … capped at 500', () => {
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(2000)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 500, 500, 489]);
    expect(slowStartBatches(0)).toEqual([]);
  });

  it('an error stops after its batch: batch 1 = [0], batch 2 = [1 ✗, 2 ✓]', () => {
    const set = setV1({ policy: 'Parallel', replicas: 5 });
    const p = plan(set, [], { claims: [claim('www-web-1', [], true)] });
    expect(p.create).toEqual([0, 2]);
    expect(p.error).toBe('pvc www-web-1 is being deleted');
    expect(p.stop).toEqual({ ordinal: 1, reason: 'Error' });
  });
});

describe('failed pods are deleted to be recreated on a later sync', () => {
  it.each([
    ['Failed', 'PodFailed'],
    ['Succeeded', 'PodSucceeded'],
  ] as const)('%s web-1: deleted, the sync stops there (monotonic)', (phase, stop) => {
    const set = setV1();
    const p = plan(set, [at(set, 0), at(set, 1, { phase }), at(set, 2)]);
    expect(summary(p)).toEqual({ create: [], delete: [`web-1:${phase}`], update: [], stop: `${stop}@1` });
  });

  it('already being deleted: no second delete, still stops', () => {
    const set = setV1();
    const p = plan(set, [at(set, 0, { phase: 'Failed', deleting: true })]);
    expect(summary(p)).toEqual({ create: [], delete: [], update: [], stop: 'PodFailed@0' });
  });

  it('Parallel: the failed pod is deleted and the others are still processed', () => {
    const set = setV1({ policy: 'Parallel' });
    expect(summary(plan(set, [at(set, 0, { phase: 'Failed' })]))).toEqual({ create: [1, 2], delete: ['web-0:Failed'], update: [], stop: 'UpdateWaiting@2' });
  });
});

describe('identity and storage are repaired in place (never blocking)', () => {
  it('a pod that lost its pod-name label and volume is updated; the sync goes on', () => {
    const set = setV1();
    const bad = at(set, 0);
    delete bad.metadata!.labels!['statefulset.kubernetes.io/pod-name'];
    bad.spec!.volumes = [];
    const p = plan(set, [bad, at(set, 1), at(set, 2)]);
    expect(summary(p)).toEqual({ create: [], delete: [], update: [0], stop: undefined });
    const a = p.actions[0]!;
    expect(a.type === 'updatePod' && a.pod.metadata!.labels!['statefulset.kubernetes.io/pod-name']).toBe('web-0');
    expect(a.type === 'updatePod' && a.pod.spec!.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
  });
});

describe('OrderedReady scale-down: highest ordinal first, one per sync, only when the rest is healthy', () => {
  it('3 → 1: deletes web-2 only', () => {
    const set = setV1({ replicas: 1 });
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2)]);
    expect(summary(p)).toEqual({ create: [], delete: ['web-2:Condemned'], update: [], stop: 'CondemnedDeleted@2' });
    expect(p.blockedOn).toBeUndefined();
  });

  it('an unhealthy in-range pod blocks the scale-down', () => {
    const set = setV1({ replicas: 1 });
    const p = plan(set, [at(set, 0, { ready: false }), at(set, 1), at(set, 2)]);
    expect(summary(p)).toEqual({ create: [], delete: [], update: [], stop: 'NotRunningAndReady@0' });
  });

  it('a terminating condemned pod is waited for', () => {
    const set = setV1({ replicas: 1 });
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2, { deleting: true })]);
    expect(summary(p).stop).toBe('CondemnedTerminating@2');
    expect(p.blockedOn).toBe(2);
  });

  it('the first unhealthy pod (lowest condemned) may be deleted; others unhealthy above it block', () => {
    const set = setV1({ replicas: 1 });
    expect(summary(plan(set, [at(set, 0), at(set, 1, { ready: false }), at(set, 2)])).delete).toEqual(['web-2:Condemned']);
    expect(summary(plan(set, [at(set, 0), at(set, 1, { ready: false })])).delete).toEqual(['web-1:Condemned']);
    expect(summary(plan(set, [at(set, 0), at(set, 1, { ready: false }), at(set, 2, { ready: false })])).stop).toBe('CondemnedNotRunningAndReady@2');
  });

  it('minReadySeconds: a ready-but-not-available condemned pod above the first unhealthy one blocks', () => {
    const set = setV1({ replicas: 1, minReadySeconds: 10 });
    const p = plan(set, [at(set, 0), at(set, 1, { ready: false }), at(set, 2, { readySince: NOW - 5000 })]);
    expect(summary(p).stop).toBe('CondemnedNotAvailable@2');
  });

  it('scale-up takes precedence: ordinals.start moved 0 → 5 creates web-5 before deleting web-0/1', () => {
    const set = setV1({ replicas: 2, start: 5 });
    expect(summary(plan(set, [at(set, 0), at(set, 1)]))).toEqual({ create: [5], delete: [], update: [], stop: 'PodCreated@5' });
  });

  it('Parallel: all condemned at once, terminating ones skipped', () => {
    const set = setV1({ replicas: 1, policy: 'Parallel' });
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2, { deleting: true }), at(set, 3, { ready: false })]);
    expect(summary(p).delete).toEqual(['web-3:Condemned', 'web-1:Condemned']);
  });

  it('a pod whose name has no ordinal is ignored entirely', () => {
    const set = setV1({ replicas: 1 });
    const odd = at(set, 0);
    odd.metadata!.name = 'web-2147483648';
    expect(summary(plan(set, [at(set, 0), odd]))).toEqual({ create: [], delete: [], update: [], stop: undefined });
  });
});

describe('RollingUpdate: highest ordinal first, down to the partition, one at a time', () => {
  const cur = { cur: R1, upd: R2 };

  it('all at the old revision: deletes web-2; status.currentReplicas − 1', () => {
    const set = setV2();
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2)], cur);
    expect(summary(p)).toEqual({ create: [], delete: ['web-2:Update'], update: [], stop: 'UpdateDeleted@2' });
    expect(p.status).toMatchObject({ currentReplicas: 2, updatedReplicas: 0, currentRevision: r1, updateRevision: r2 });
  });

  it('the deleted pod comes back at the update revision (monotonic creation)', () => {
    const set = setV2();
    const p = plan(set, [at(set, 0), at(set, 1)], cur);
    expect(summary(p).create).toEqual([2]);
    expect(p.actions[0]!.type === 'createPod' && [getPodRevision(p.actions[0]!.pod), p.actions[0]!.pod.spec!.containers[0]!.image]).toEqual([r2, 'v2']);
  });

  it('the replacement not yet Ready: OrderedReady waits in processReplica, Parallel in the update loop', () => {
    const set = setV2();
    const pods = [at(set, 0), at(set, 1), at(set, 2, { revision: r2, ready: false })];
    expect(summary(plan(set, pods, cur)).stop).toBe('NotRunningAndReady@2');
    const par = setV2({ policy: 'Parallel' });
    const pp = plan(par, [at(par, 0), at(par, 1), at(par, 2, { revision: r2, ready: false })], cur);
    expect(summary(pp)).toEqual({ create: [], delete: [], update: [], stop: 'UpdateWaiting@2' });
    expect(pp.blockedOn).toBe(2);
  });

  it('the replacement Ready → next: web-1', () => {
    const set = setV2();
    expect(summary(plan(set, [at(set, 0), at(set, 1), at(set, 2, { revision: r2 })], cur)).delete).toEqual(['web-1:Update']);
  });

  it('1.32 ignores minReadySeconds in the update loop (Parallel); post-1.32 waits for availability', () => {
    const set = setV2({ policy: 'Parallel', minReadySeconds: 10 });
    const pods = [at(set, 0), at(set, 1), at(set, 2, { revision: r2, readySince: NOW - 5000 })];
    expect(summary(plan(set, pods, cur)).delete).toEqual(['web-1:Update']);
    expect(summary(plan(set, pods, { ...cur, availabilityAwareHealth: true })).stop).toBe('UpdateWaiting@2');
  });

  it('partition 2: only web-2 is updated; web-0/1 stay at the old revision', () => {
    const set = setV2({ partition: 2 });
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2, { revision: r2 })], cur);
    expect(summary(p)).toEqual({ create: [], delete: [], update: [], stop: undefined });
    expect(p.status).toMatchObject({ currentRevision: r1, currentReplicas: 2, updatedReplicas: 1 });
  });

  it('partition 2: a lost pod below the partition is recreated at the CURRENT revision', () => {
    const set = setV2({ partition: 2 });
    const p = plan(set, [at(set, 0), at(set, 2, { revision: r2 })], cur);
    expect(p.actions[0]!.type === 'createPod' && [p.actions[0]!.pod.metadata!.name, getPodRevision(p.actions[0]!.pod), p.actions[0]!.pod.spec!.containers[0]!.image]).toEqual(['web-1', r1, 'v1']);
  });

  it('partition counts from ordinals.start: start 10, partition 1 updates web-12 and web-11, not web-10', () => {
    const set = setV2({ start: 10, partition: 1 });
    expect(summary(plan(set, [at(set, 10), at(set, 11), at(set, 12, { revision: r2 })], cur)).delete).toEqual(['web-11:Update']);
    expect(summary(plan(set, [at(set, 10), at(set, 11, { revision: r2 }), at(set, 12, { revision: r2 })], cur)).delete).toEqual([]);
  });

  it('complete: everything at r2 and Ready → currentRevision rolls over to r2', () => {
    const set = setV2();
    const p = plan(set, [0, 1, 2].map((i) => at(set, i, { revision: r2 })), cur);
    expect(p.status).toMatchObject({ currentRevision: r2, updateRevision: r2, currentReplicas: 3, updatedReplicas: 3 });
    expect(p.writeStatus).toBe(true);
  });

  it('scaling precedes the update: a condemned pod is deleted first', () => {
    const set = setV2({ replicas: 2 });
    expect(summary(plan(set, [at(set, 0), at(set, 1), at(set, 2)], cur))).toMatchObject({ delete: ['web-2:Condemned'], stop: 'CondemnedDeleted@2' });
  });

  it('OnDelete: nothing is deleted for the update; a deleted pod returns at the update revision', () => {
    const set = setV2({ type: 'OnDelete' });
    expect(summary(plan(set, [at(set, 0), at(set, 1), at(set, 2)], cur))).toEqual({ create: [], delete: [], update: [], stop: undefined });
    const p = plan(set, [at(set, 0), at(set, 1)], cur);
    expect(p.actions[0]!.type === 'createPod' && getPodRevision(p.actions[0]!.pod)).toBe(r2);
  });
});

describe('maxUnavailable (gate MaxUnavailableStatefulSet, off by default in 1.32)', () => {
  const cur = { cur: R1, upd: R2 };
  const five = (o: SetOptions = {}) => setV2({ replicas: 5, policy: 'Parallel', maxUnavailable: 2, ...o });
  const old = (set: StatefulSet, patch: Record<number, PodOptions> = {}) => [0, 1, 2, 3, 4].map((i) => at(set, i, patch[i] ?? {}));

  it('gate off: the field is ignored, one at a time', () => {
    const set = five();
    expect(summary(plan(set, old(set), cur)).delete).toEqual(['web-4:Update']);
  });

  it.each([
    ['all healthy: up to 2 deleted, highest first', {}, ['web-4:Update', 'web-3:Update'], undefined],
    ['one unhealthy (outdated): 1 more, the unhealthy one itself first', { 4: { ready: false } }, ['web-4:Update'], undefined],
    ['one unhealthy (updated): 1 deleted below it', { 4: { ready: false, revision: r2 } }, ['web-3:Update'], undefined],
    ['two unhealthy: none', { 1: { ready: false }, 2: { ready: false } }, [], 'MaxUnavailable'],
  ] as const)('gate on, maxUnavailable 2, %s', (_n, patch, want, stop) => {
    const set = five();
    const p = plan(set, old(set, patch as Record<number, PodOptions>), { ...cur, gates: { maxUnavailableStatefulSet: true } });
    expect(summary(p).delete).toEqual(want);
    expect(p.stop?.reason).toBe(stop);
  });

  it('a percentage rounds down, at least 1; the partition still holds', () => {
    const on = { ...cur, gates: { maxUnavailableStatefulSet: true } };
    expect(summary(plan(five({ maxUnavailable: '50%' }), old(five()), on)).delete).toEqual(['web-4:Update', 'web-3:Update']);
    expect(summary(plan(five({ maxUnavailable: '10%' }), old(five()), on)).delete).toEqual(['web-4:Update']);
    expect(summary(plan(five({ maxUnavailable: 5, partition: 3 }), old(five()), on)).delete).toEqual(['web-4:Update', 'web-3:Update']);
  });

  it('a malformed value is the sync error', () => {
    const p = plan(five({ maxUnavailable: 'x' }), old(five()), { ...cur, gates: { maxUnavailableStatefulSet: true } });
    expect(p.error).toBe('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('PVC retention during a sync', () => {
  it('whenScaled=Delete: a claim still owned by the old pod blocks recreating it', () => {
    const set = setV1({ whenScaled: 'Delete' });
    const claims = [claim('www-web-0'), claim('www-web-1', [ownerRef('Pod', 'web-1', 'old-uid')])];
    const p = plan(set, [at(set, 0)], { claims });
    expect(summary(p)).toEqual({ create: [], delete: [], update: [], stop: 'StaleClaim@1' });
    expect(p.blockedOn).toBe(1);
  });

  it('a claim being deleted fails the pod creation (FailedCreate) with the aggregate error', () => {
    const set = setV1();
    const p = plan(set, [], { claims: [claim('www-web-0', [], true)] });
    expect(p.create).toEqual([]);
    expect(p.error).toBe('pvc www-web-0 is being deleted');
  });

  it('Delete/Delete: new claims are created owned by the set', () => {
    const set = setV1({ whenScaled: 'Delete', whenDeleted: 'Delete' });
    const a = plan(set, [], { claims: [] }).actions[0]!;
    expect(a.type === 'createPod' && a.claims[0]!.metadata!.ownerReferences).toEqual([ownerRef('StatefulSet', 'web', SET_UID)]);
  });

  it('Delete/Delete scale-down: the condemned pod\'s claim is handed to the pod before the pod is deleted', () => {
    const set = setV1({ replicas: 1, whenScaled: 'Delete', whenDeleted: 'Delete' });
    const setRef = ownerRef('StatefulSet', 'web', SET_UID);
    const claims = [claim('www-web-0', [setRef]), claim('www-web-1', [setRef])];
    const p = plan(set, [at(set, 0), at(set, 1)], { claims });
    expect(p.actions.map((a) => a.type)).toEqual(['updateClaims', 'deletePod']);
    const a = p.actions[0]!;
    expect(a.type === 'updateClaims' && a.claimUpdates.map((c) => c.metadata!.ownerReferences)).toEqual([[ownerRef('Pod', 'web-1', 'pod-uid-1')]]);
  });

  it('a policy change is applied to in-range claims through a pod update', () => {
    const set = setV1({ replicas: 1, whenDeleted: 'Delete' });
    const p = plan(set, [at(set, 0)], { claims: [claim('www-web-0')] });
    expect(summary(p).update).toEqual([0]);
    const a = p.actions[0]!;
    expect(a.type === 'updatePod' && a.claimUpdates.map((c) => c.metadata!.ownerReferences)).toEqual([[ownerRef('StatefulSet', 'web', SET_UID)]]);
  });
});

describe('the rest of a sync', () => {
  it('a set being deleted only refreshes its status', () => {
    const live = setV1();
    const set = { ...live, metadata: { ...live.metadata, deletionTimestamp: iso(NOW) } };
    const p = plan(set, [at(set, 0)], { claims: [] });
    expect(p.actions).toEqual([]);
    expect(p.status.replicas).toBe(1);
  });

  it('nothing to do: no actions, no status write when the stored status matches', () => {
    const set = setV1();
    const pods = [0, 1, 2].map((i) => at(set, i));
    const first = plan(set, pods);
    expect(first.actions).toEqual([]);
    expect(first.writeStatus).toBe(true);
    expect(plan({ ...set, status: first.status }, pods).writeStatus).toBe(false);
  });

  it('minReadySeconds requeue while not all available', () => {
    const set = setV1({ minReadySeconds: 10 });
    const p = plan(set, [at(set, 0), at(set, 1), at(set, 2, { readySince: NOW - 5000 })]);
    expect(p.status.availableReplicas).toBe(2);
    expect(p.requeueAfterMs).toBe(10_000);
  });

  it('planStatefulSetSync: first sync creates revision 1 and web-0 at it; nothing to truncate', () => {
    const set = setV1();
    const r = planStatefulSetSync(set, [], [], [], NOW);
    expect(r.revisions.action.type).toBe('create');
    expect(r.plan.actions[0]!.type === 'createPod' && getPodRevision(r.plan.actions[0]!.pod)).toBe(r.revisions.updateRevision.metadata!.name);
    expect(r.plan.status).toMatchObject({ replicas: 0, currentRevision: r1, updateRevision: r1, collisionCount: 0, observedGeneration: 1 });
    expect(r.deleteRevisions).toEqual([]);
  });

  it('planStatefulSetSync: a template change starts the rolling update from the stored current revision', () => {
    const set = { ...setV2(), status: { replicas: 3, currentRevision: r1, updateRevision: r1, currentReplicas: 3 } };
    const pods = [0, 1, 2].map((i) => at(set, i));
    const r = planStatefulSetSync(set, pods, [R1], pods.flatMap((p) => [claim(`www-${p.metadata!.name}`)]), NOW);
    expect(r.revisions.updateRevision.metadata!.name).toBe(r2);
    expect(summary(r.plan).delete).toEqual(['web-2:Update']);
  });
});

describe('properties over random pod states', () => {
  type State = 'missing' | 'ready' | 'unready' | 'pending' | 'failed' | 'deleting';
  const stateArb = fc.constantFrom<State>('missing', 'ready', 'ready', 'ready', 'unready', 'pending', 'failed', 'deleting');
  const podsFrom = (set: StatefulSet, states: State[], revs: boolean[]) => states.flatMap((s, i) => {
    if (s === 'missing') return [];
    const o: PodOptions = { revision: revs[i] ? r2 : r1 };
    if (s === 'unready') o.ready = false;
    if (s === 'pending') o.phase = 'Pending';
    if (s === 'failed') o.phase = 'Failed';
    if (s === 'deleting') o.deleting = true;
    return [at(set, i, o)];
  });

  it('OrderedReady: at most one create-or-delete per sync; creation only after every lower pod is Running+Ready', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 5 }), fc.array(stateArb, { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.integer({ min: 0, max: 6 }),
      (replicas, states, revs, part) => {
        const set = setV2({ replicas, partition: part });
        const pods = podsFrom(set, states, revs);
        const p = plan(set, pods, { cur: R1, upd: R2 });
        expect(p.create.length + p.delete.length).toBeLessThanOrEqual(1);
        for (const o of p.create) {
          expect(o).toBeLessThan(replicas);
          for (let i = 0; i < o; i++) expect(states[i]).toBe('ready');
        }
        for (const d of p.delete) {
          if (d.reason === 'Condemned') expect(d.ordinal).toBeGreaterThanOrEqual(replicas);
          if (d.reason === 'Update') {
            expect(d.ordinal).toBeGreaterThanOrEqual(part);
            expect(revs[d.ordinal]).toBe(false);
          }
          if (d.reason === 'Failed') expect(states[d.ordinal]).toBe('failed');
        }
      },
    ), { numRuns: 400 });
  });

  it('Parallel: creates every missing in-range pod (no claim trouble), deletes every non-terminating condemned one', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 5 }), fc.array(stateArb, { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      (replicas, states, revs) => {
        const set = setV2({ replicas, policy: 'Parallel' });
        const pods = podsFrom(set, states, revs);
        const p = plan(set, pods, { cur: R1, upd: R2 });
        const missing = states.slice(0, replicas).flatMap((s, i) => (s === 'missing' ? [i] : []));
        expect(p.create).toEqual(missing);
        const condemned = states.flatMap((s, i) => (i >= replicas && s !== 'missing' && s !== 'deleting' ? [i] : [])).reverse();
        expect(p.delete.filter((d) => d.reason === 'Condemned').map((d) => d.ordinal)).toEqual(condemned);
        expect(p.delete.filter((d) => d.reason === 'Update').length).toBeLessThanOrEqual(1);
      },
    ), { numRuns: 400 });
  });
});
