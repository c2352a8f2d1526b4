import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from '../../../src/types.ts';
import { iso } from '../../../machines/time.ts';
import {
  availabilityRequeueAfter,
  calculateReplicaSetStatus,
  filterActivePods,
  filterTerminatingPods,
  findMinNextPodAvailabilityCheck,
  getPodReadyCondition,
  isPodActive,
  isPodAvailable,
  isPodReady,
  isPodTerminating,
  nextPodAvailabilityCheck,
  removeCondition,
  setCondition,
  timeMs,
  type ReplicaSetLike,
} from '../../../machines/replicaset/status.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function pod(name: string, o: { phase?: string; ready?: boolean | 'none'; readySince?: number | null; labels?: Record<string, string>; deleting?: boolean } = {}): Pod {
  const p: Pod = {
    metadata: { name, labels: o.labels, ...(o.deleting ? { deletionTimestamp: iso(NOW) } : {}) },
    spec: { containers: [] },
    status: { phase: o.phase ?? 'Running' },
  };
  if (o.ready !== undefined && o.ready !== 'none') {
    p.status!.conditions = [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: o.ready ? 'True' : 'False', ...(o.readySince != null ? { lastTransitionTime: iso(o.readySince) } : {}) },
    ];
  }
  return p;
}

describe('timestamps', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['', null],
    ['not a time', null],
    ['0001-01-01T00:00:00Z', null],
    ['1970-01-01T00:00:00Z', 0],
    ['2026-01-15T12:00:00Z', NOW],
  ] as [string | null | undefined, number | null][])('%j → %j', (t, want) => expect(timeMs(t)).toBe(want));
});

describe('pod predicates (pkg/api/v1/pod/util.go, controller_utils.go)', () => {
  it.each([
    ['Running, not deleting', pod('a'), true],
    ['Pending', pod('a', { phase: 'Pending' }), true],
    ['Unknown', pod('a', { phase: 'Unknown' }), true],
    ['no phase', { metadata: {}, spec: { containers: [] } } as Pod, true],
    ['Succeeded', pod('a', { phase: 'Succeeded' }), false],
    ['Failed', pod('a', { phase: 'Failed' }), false],
    ['deletionTimestamp set', pod('a', { deleting: true }), false],
  ])('IsPodActive: %s → %s', (_n, p, want) => expect(isPodActive(p)).toBe(want));

  it.each([
    ['Running + deleting', pod('a', { deleting: true }), true],
    ['Succeeded + deleting', pod('a', { phase: 'Succeeded', deleting: true }), false],
    ['Running, not deleting', pod('a'), false],
  ])('IsPodTerminating: %s → %s', (_n, p, want) => expect(isPodTerminating(p)).toBe(want));

  it('FilterActivePods / FilterTerminatingPods (upstream TestActivePodFiltering)', () => {
    const pods = [pod('pod-1', { phase: 'Succeeded' }), pod('pod-2', { phase: 'Failed' }), pod('pod-3'), pod('pod-4'), pod('pod-5'), pod('pod-6', { deleting: true })];
    expect(filterActivePods(pods).map((p) => p.metadata!.name)).toEqual(['pod-3', 'pod-4', 'pod-5']);
    expect(filterTerminatingPods(pods).map((p) => p.metadata!.name)).toEqual(['pod-6']);
  });

  it.each([
    ['Ready True', pod('a', { ready: true }), true],
    ['Ready False', pod('a', { ready: false }), false],
    ['no conditions', pod('a'), false],
  ])('IsPodReady: %s → %s', (_n, p, want) => expect(isPodReady(p)).toBe(want));

  it('IsPodReady reads the FIRST Ready condition', () => {
    const p = pod('a');
    p.status!.conditions = [{ type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }];
    expect(isPodReady(p)).toBe(false);
    expect(getPodReadyCondition(p)!.status).toBe('False');
  });

  it.each([
    ['not ready', { ready: false, readySince: NOW - 100_000 }, 10, false],
    ['ready, minReadySeconds 0, no transition time', { ready: true, readySince: null }, 0, true],
    ['ready, minReadySeconds 10, no transition time', { ready: true, readySince: null }, 10, false],
    ['ready 9 s ago, minReadySeconds 10', { ready: true, readySince: NOW - 9000 }, 10, false],
    ['ready exactly 10 s ago, minReadySeconds 10 (inclusive since v1.34)', { ready: true, readySince: NOW - 10_000 }, 10, true],
    ['ready 11 s ago, minReadySeconds 10', { ready: true, readySince: NOW - 11_000 }, 10, true],
    ['ready in the future', { ready: true, readySince: NOW + 5000 }, 1, false],
  ] as const)('IsPodAvailable: %s → %s', (_n, o, mrs, want) => {
    expect(isPodAvailable(pod('a', o), mrs, NOW)).toBe(want);
  });
});

describe('availability requeue (nextPodAvailabilityCheck / FindMinNextPodAvailabilityCheck)', () => {
  it.each([
    ['not ready', { ready: false, readySince: NOW }, 10, null],
    ['minReadySeconds 0', { ready: true, readySince: NOW }, 0, null],
    ['zero transition time', { ready: true, readySince: null }, 10, null],
    ['ready 3 s ago, 10 s', { ready: true, readySince: NOW - 3000 }, 10, 7000],
    ['already available', { ready: true, readySince: NOW - 10_000 }, 10, null],
  ] as const)('next check: %s → %j', (_n, o, mrs, want) => {
    expect(nextPodAvailabilityCheck(pod('a', o), mrs, NOW)).toBe(want);
  });

  it('the earliest pod wins', () => {
    const pods = [pod('a', { ready: true, readySince: NOW - 1000 }), pod('b', { ready: true, readySince: NOW - 8000 }), pod('c', { ready: true, readySince: NOW - 20_000 })];
    expect(findMinNextPodAvailabilityCheck(pods, 10, NOW)).toBe(2000);
  });

  it.each([
    ['minReadySeconds 0', 0, { readyReplicas: 2, availableReplicas: 1 }, [pod('a', { ready: true, readySince: NOW - 1000 })], null],
    ['ready == available', 30, { readyReplicas: 2, availableReplicas: 2 }, [pod('a', { ready: true, readySince: NOW - 1000 })], null],
    ['ready != available: earliest pending pod', 30, { readyReplicas: 2, availableReplicas: 1 }, [pod('a', { ready: true, readySince: NOW - 1000 }), pod('b', { ready: true, readySince: NOW - 40_000 })], 29_000],
    ['ready != available but no pod with a time: minReadySeconds', 30, { readyReplicas: 1, availableReplicas: 0 }, [pod('a', { ready: true, readySince: null })], 30_000],
  ] as const)('requeue: %s → %j', (_n, mrs, st, pods, want) => {
    expect(availabilityRequeueAfter(mrs, st, pods as unknown as Pod[], NOW)).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------------
// replica_set_utils_test.go TestCalculateStatus / TestCalculateStatusConditions
// ---------------------------------------------------------------------------------------------

/** Upstream `newReplicaSet(replicas, selectorMap)`: the template labels are always {name: foo, type: production}. */
function newReplicaSet(replicas: number, selector: Record<string, string>, extra: Partial<ReplicaSetLike> = {}): ReplicaSetLike & { selector: Record<string, string> } {
  return {
    selector,
    metadata: { generation: 1 },
    spec: { replicas, template: { metadata: { labels: { name: 'foo', type: 'production' } } }, ...extra.spec },
    status: { replicas: 0, ...extra.status },
  };
}
/** Upstream `newPod(name, rs, phase, nil, true)`: labels = the selector; Running → Ready True, zero transition time. */
const newPod = (name: string, rs: { selector: Record<string, string> }, phase: string) =>
  pod(name, { phase, labels: rs.selector, ...(phase === 'Running' ? { ready: true } : {}) });

describe('calculateReplicaSetStatus (upstream TestCalculateStatus)', () => {
  const labelMap = { name: 'foo' };
  const fullLabelMap = { name: 'foo', type: 'production' };
  const notFullyLabelledRS = newReplicaSet(1, labelMap);
  const fullyLabelledRS = newReplicaSet(2, fullLabelMap);
  const longMinReadySecondsRS = newReplicaSet(1, fullLabelMap, { spec: { minReadySeconds: 3600 } });
  const terminating = (p: Pod) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: iso(NOW) } });

  const cases: { name: string; rs: ReplicaSetLike; active: Pod[]; terminating?: Pod[]; want: Record<string, number | undefined> }[] = [
    { name: '1 fully labelled pod', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Running')], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
    { name: '1 not fully labelled pod', rs: notFullyLabelledRS, active: [newPod('pod1', notFullyLabelledRS, 'Running')], want: { replicas: 1, fullyLabeledReplicas: 0, readyReplicas: 1, availableReplicas: 1 } },
    { name: '2 fully labelled pods', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Running'), newPod('pod2', fullyLabelledRS, 'Running')], want: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2 } },
    { name: '2 fully labelled pods with terminating counting', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Running'), newPod('pod2', fullyLabelledRS, 'Running')], terminating: [], want: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, terminatingReplicas: 0 } },
    { name: '2 not fully labelled pods', rs: notFullyLabelledRS, active: [newPod('pod1', notFullyLabelledRS, 'Running'), newPod('pod2', notFullyLabelledRS, 'Running')], want: { replicas: 2, fullyLabeledReplicas: 0, readyReplicas: 2, availableReplicas: 2 } },
    { name: '1 fully labelled pod, 1 not fully labelled pod', rs: notFullyLabelledRS, active: [newPod('pod1', notFullyLabelledRS, 'Running'), newPod('pod2', fullyLabelledRS, 'Running')], want: { replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 2 } },
    { name: '1 non-ready pod', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Pending')], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 0, availableReplicas: 0 } },
    { name: '1 ready but non-available pod', rs: longMinReadySecondsRS, active: [newPod('pod1', longMinReadySecondsRS, 'Running')], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 0 } },
    { name: '1 fully labelled pod and 1 terminating, terminating counting off', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Running')], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
    { name: '1 fully labelled pod and 2 terminating, terminating counting on', rs: fullyLabelledRS, active: [newPod('pod1', fullyLabelledRS, 'Running')], terminating: [terminating(newPod('pod2', fullyLabelledRS, 'Running')), terminating(newPod('pod3', fullyLabelledRS, 'Running'))], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, terminatingReplicas: 2 } },
  ];
  it.each(cases)('$name', ({ rs, active, terminating: term, want }) => {
    const { status } = calculateReplicaSetStatus(rs, active, null, NOW, term);
    const { observedGeneration: _g, conditions: _c, ...counts } = status;
    expect(counts).toEqual(Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined)));
  });

  it('a template without labels makes every pod fully labeled', () => {
    const rs: ReplicaSetLike = { spec: { replicas: 1, template: {} } };
    expect(calculateReplicaSetStatus(rs, [pod('a', { labels: { x: 'y' } }), pod('b')], null, NOW).status.fullyLabeledReplicas).toBe(2);
  });

  it('available = ready for minReadySeconds, at now (inclusive)', () => {
    const rs = newReplicaSet(3, { app: 'a' }, { spec: { minReadySeconds: 10 } });
    const pods = [pod('a', { ready: true, readySince: NOW - 10_000 }), pod('b', { ready: true, readySince: NOW - 9_000 }), pod('c', { ready: false, readySince: NOW - 99_000 })];
    const r = calculateReplicaSetStatus(rs, pods, null, NOW);
    expect(r.status).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 1 });
    expect(r.requeueAfterMs).toBe(1000);
  });
});

describe('ReplicaFailure condition (upstream TestCalculateStatusConditions)', () => {
  const labelMap = { name: 'foo' };
  const rs = newReplicaSet(2, labelMap);
  const replicaFailureRS = newReplicaSet(10, labelMap, { status: { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True' }] } });
  const cases: { name: string; rs: ReplicaSetLike; active: Pod[]; err: string | null; want: unknown }[] = [
    { name: 'manageReplicasErr != nil && failureCond == nil, diff < 0', rs, active: [newPod('pod1', rs, 'Running')], err: 'fake manageReplicasErr', want: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), reason: 'FailedCreate', message: 'fake manageReplicasErr' }] },
    { name: 'manageReplicasErr != nil && failureCond == nil, diff > 0', rs, active: [newPod('pod1', rs, 'Running'), newPod('pod2', rs, 'Running'), newPod('pod3', rs, 'Running')], err: 'fake manageReplicasErr', want: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), reason: 'FailedDelete', message: 'fake manageReplicasErr' }] },
    { name: 'manageReplicasErr == nil && failureCond != nil', rs: replicaFailureRS, active: [newPod('pod1', replicaFailureRS, 'Running')], err: null, want: undefined },
    { name: 'manageReplicasErr != nil && failureCond != nil (kept as is)', rs: replicaFailureRS, active: [newPod('pod1', replicaFailureRS, 'Running')], err: 'fake manageReplicasErr', want: [{ type: 'ReplicaFailure', status: 'True' }] },
    { name: 'manageReplicasErr == nil && failureCond == nil', rs, active: [newPod('pod1', rs, 'Running')], err: null, want: undefined },
  ];
  it.each(cases)('$name', ({ rs: r, active, err, want }) => {
    expect(calculateReplicaSetStatus(r, active, err, NOW).status.conditions).toEqual(want);
  });

  it('an Error object gives its message; other conditions are kept in order', () => {
    const r = newReplicaSet(3, labelMap, { status: { replicas: 0, conditions: [{ type: 'Other', status: 'True' }] } });
    expect(calculateReplicaSetStatus(r, [], new Error('quota exceeded'), NOW).status.conditions).toEqual([
      { type: 'Other', status: 'True' },
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), reason: 'FailedCreate', message: 'quota exceeded' },
    ]);
  });

  it('an error with diff == 0 gives an empty (omitted) reason', () => {
    const r = newReplicaSet(1, labelMap);
    expect(calculateReplicaSetStatus(r, [pod('a')], 'x', NOW).status.conditions).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), message: 'x' }]);
  });

  it('SetCondition / RemoveCondition (upstream TestSetCondition, TestRemoveCondition)', () => {
    const rf = { type: 'ReplicaFailure', status: 'True', reason: 'a' };
    const rf2 = { type: 'ReplicaFailure', status: 'True', reason: 'b' };
    const ipb = { type: 'ImagePullBackOff', status: 'True' };
    expect(setCondition(undefined, rf)).toEqual([rf]);
    expect(setCondition([ipb], rf)).toEqual([ipb, rf]);
    expect(setCondition([rf], rf2)).toEqual([rf2]);
    expect(setCondition([rf], { ...rf, message: 'new' })).toEqual([rf]); // same status and reason: no update
    expect(removeCondition(undefined, 'ReplicaFailure')).toBeUndefined();
    expect(removeCondition([rf], 'ReplicaFailure')).toBeUndefined();
    expect(removeCondition([rf, ipb], 'Nope')).toEqual([rf, ipb]);
  });
});

describe('status write (updateReplicaSetStatus steady state, observedGeneration)', () => {
  const rs = (gen: number, status: ReplicaSetLike['status']): ReplicaSetLike => ({
    metadata: { generation: gen },
    spec: { replicas: 1, template: { metadata: { labels: { app: 'a' } } } },
    status,
  });
  const p = pod('a', { labels: { app: 'a' }, ready: true });

  it('steady: nothing changed and observedGeneration == generation → no write', () => {
    const r = calculateReplicaSetStatus(rs(3, { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 }), [p], null, NOW);
    expect(r.changed).toBe(false);
    expect(r.status.observedGeneration).toBe(3);
  });
  it('a new generation alone triggers a write that records it', () => {
    const r = calculateReplicaSetStatus(rs(4, { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 }), [p], null, NOW);
    expect(r).toMatchObject({ changed: true, status: { observedGeneration: 4 } });
  });
  it('a count change triggers a write', () => {
    const r = calculateReplicaSetStatus(rs(1, { replicas: 0, observedGeneration: 1 }), [p], null, NOW);
    expect(r).toMatchObject({ changed: true, status: { replicas: 1, observedGeneration: 1 } });
  });
  it('a condition change triggers a write', () => {
    const r = calculateReplicaSetStatus(rs(1, { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 }), [p], 'boom', NOW);
    expect(r.changed).toBe(true);
  });
  it('does not mutate the ReplicaSet', () => {
    const input = rs(2, { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True' }] });
    const before = JSON.stringify(input);
    calculateReplicaSetStatus(input, [p], null, NOW);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('status properties (fast-check)', () => {
  it('available ≤ ready ≤ replicas, fullyLabeled ≤ replicas, for any pods and minReadySeconds', () => {
    const podArb = fc.record({
      ready: fc.constantFrom(true, false, 'none' as const),
      readySince: fc.option(fc.integer({ min: 0, max: 100 }).map((k) => NOW - k * 1000), { nil: null }), // not in the future (a future transition time can push the requeue past minReadySeconds)
      full: fc.boolean(),
    }).map((o) => pod('p', { ready: o.ready, readySince: o.readySince, labels: o.full ? { name: 'foo', type: 'production' } : { name: 'foo' } }));
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 20 }), fc.nat(60), fc.nat(30), (pods, mrs, replicas) => {
        const r = calculateReplicaSetStatus(newReplicaSet(replicas, { name: 'foo' }, { spec: { minReadySeconds: mrs } }), pods, null, NOW);
        const s = r.status;
        expect(s.replicas).toBe(pods.length);
        expect(s.availableReplicas!).toBeLessThanOrEqual(s.readyReplicas!);
        expect(s.readyReplicas!).toBeLessThanOrEqual(s.replicas);
        expect(s.fullyLabeledReplicas!).toBeLessThanOrEqual(s.replicas);
        if (r.requeueAfterMs !== null) {
          expect(r.requeueAfterMs).toBeGreaterThan(0);
          expect(r.requeueAfterMs).toBeLessThanOrEqual(mrs * 1000);
        }
        // at the requeue time, at least one more pod has become available
        if (r.requeueAfterMs !== null && r.requeueAfterMs < mrs * 1000) {
          const later = calculateReplicaSetStatus(newReplicaSet(replicas, { name: 'foo' }, { spec: { minReadySeconds: mrs } }), pods, null, NOW + r.requeueAfterMs);
          expect(later.status.availableReplicas!).toBeGreaterThan(s.availableReplicas!);
        }
      }),
      { numRuns: 300 },
    );
  });
});
