import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from '../../../src/types.ts';
import { iso } from '../../../machines/time.ts';
import {
  POD_DELETION_COST,
  compareActivePods,
  compareActivePodsWithRanks,
  getDeletionCost,
  getPodsToDelete,
  goLog2,
  lessActivePods,
  lessActivePodsWithRanks,
  logarithmicBucket,
  logarithmicRankDiff,
  maxContainerRestarts,
  podRankFacts,
  rankPods,
  type RankedPod,
} from '../../../machines/replicaset/ranking.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const H = 3600_000;

interface PodOpts {
  name: string;
  uid?: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number | null;
  created?: number | null;
  restarts?: number;
  sidecarRestarts?: number;
  annotations?: Record<string, string>;
  deleting?: boolean;
}

/** The shape of upstream's test helper `pod(name, node, phase, ready, restarts, readySince, created, annotations)`. */
function pod(o: PodOpts): Pod {
  const p: Pod = {
    metadata: {
      name: o.name, uid: o.uid, annotations: o.annotations,
      ...(o.created != null ? { creationTimestamp: iso(o.created) } : {}),
      ...(o.deleting ? { deletionTimestamp: iso(NOW) } : {}),
    },
    spec: { nodeName: o.node || undefined, containers: [{ name: 'c' }] },
    status: { phase: o.phase ?? 'Running' },
  };
  if (o.ready !== undefined) {
    p.status!.conditions = [{ type: 'Ready', status: o.ready ? 'True' : 'False', ...(o.readySince != null ? { lastTransitionTime: iso(o.readySince) } : {}) }];
  }
  if (o.restarts !== undefined) {
    p.status!.containerStatuses = [{ name: 'c', restartCount: o.restarts, ready: !!o.ready, image: 'i', imageID: '' }];
  }
  if (o.sidecarRestarts !== undefined) {
    p.spec!.initContainers = [{ name: 'side', restartPolicy: 'Always' } as never, { name: 'init' }];
    p.status!.initContainerStatuses = [
      { name: 'side', restartCount: o.sidecarRestarts, ready: true, image: 'i', imageID: '' },
      { name: 'init', restartCount: 99, ready: false, image: 'i', imageID: '' },
    ];
  }
  return p;
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata!.name);

// ---------------------------------------------------------------------------------------------
// controller_utils_test.go TestSortingActivePodsWithRanks
// ---------------------------------------------------------------------------------------------

describe('ActivePodsWithRanks.Less (upstream TestSortingActivePodsWithRanks)', () => {
  const then1Month = Date.UTC(2025, 11, 15, 12, 0, 0); // now.AddDate(0, -1, 0)
  const then2Hours = NOW - 2 * H;
  const then5Hours = NOW - 5 * H;
  const then8Hours = NOW - 8 * H;
  // pod(podName, nodeName, phase, ready, restarts, readySince, created, annotations): as upstream,
  // a ready pod gets the Ready condition and one container status; a not-ready pod neither.
  const up = (name: string, node: string, phase: string, ready: boolean, restarts: number, readySince: number | null, created: number | null, annotations?: Record<string, string>) =>
    pod({ name, node, phase, created, annotations, ...(ready ? { ready: true, readySince, restarts } : {}) });

  const unscheduledPod = up('unscheduled', '', 'Pending', false, 0, null, null);
  const scheduledPendingPod = up('pending', 'node', 'Pending', false, 0, null, null);
  const unknownPhasePod = up('unknown-phase', 'node', 'Unknown', false, 0, null, null);
  const runningNotReadyPod = up('not-ready', 'node', 'Running', false, 0, null, null);
  const runningReadyNoLastTransitionTimePod = up('ready-no-last-transition-time', 'node', 'Running', true, 0, null, null);
  const runningReadyNow = up('ready-now', 'node', 'Running', true, 0, NOW, NOW);
  const runningReadyThen = up('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
  const runningReadyNowHighRestarts = up('ready-high-restarts', 'node', 'Running', true, 9001, NOW, NOW);
  const runningReadyNowCreatedThen = up('ready-now-created-then', 'node', 'Running', true, 0, NOW, then1Month);
  const lowPodDeletionCost = up('low-deletion-cost', 'node', 'Running', true, 0, NOW, then1Month, { [POD_DELETION_COST]: '10' });
  const highPodDeletionCost = up('high-deletion-cost', 'node', 'Running', true, 0, NOW, then1Month, { [POD_DELETION_COST]: '100' });
  const unscheduled5Hours = up('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
  const unscheduled8Hours = up('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
  const ready2Hours = up('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
  const ready5Hours = up('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
  const ready10Hours = up('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

  const equality: [Pod, Pod][] = [
    [unscheduledPod, unscheduledPod],
    [scheduledPendingPod, scheduledPendingPod],
    [unknownPhasePod, unknownPhasePod],
    [runningNotReadyPod, runningNotReadyPod],
    [runningReadyNowCreatedThen, runningReadyNowCreatedThen],
    [runningReadyNow, runningReadyNow],
    [runningReadyThen, runningReadyThen],
    [runningReadyNowHighRestarts, runningReadyNowHighRestarts],
    [unscheduled5Hours, unscheduled8Hours], // creation 5h and 8h ago: same log2 bucket, equal (empty) UIDs
    [ready5Hours, ready10Hours], // ready 5h and 8h ago: same bucket
  ];
  it.each(equality.map(([a, b], i) => [i, a, b] as const))('equality %i: %s ≡ %s', (_i, a, b) => {
    const pa: RankedPod = { pod: a, rank: 1 };
    const pb: RankedPod = { pod: b, rank: 1 };
    expect(lessActivePodsWithRanks(pa, pb, NOW)).toBe(false);
    expect(lessActivePodsWithRanks(pb, pa, NOW)).toBe(false);
    expect(compareActivePodsWithRanks(pa, pb, NOW)).toBe(0);
  });

  // The upstream case {high cost rank 2 < low cost rank 1, PodDeletionCost disabled} is omitted:
  // the gate is always on here.
  const inequality: [Pod, number, Pod, number][] = [
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ];
  it.each(inequality.map(([a, ra, b, rb], i) => [i, a.metadata!.name, ra, b.metadata!.name, rb, a, b] as const))(
    'inequality %i: %s (rank %i) < %s (rank %i)',
    (_i, _n1, ra, _n2, rb, a, b) => {
      const pa: RankedPod = { pod: a, rank: ra };
      const pb: RankedPod = { pod: b, rank: rb };
      expect(lessActivePodsWithRanks(pa, pb, NOW)).toBe(true);
      expect(lessActivePodsWithRanks(pb, pa, NOW)).toBe(false);
      expect(compareActivePodsWithRanks(pa, pb, NOW)).toBe(-1);
      expect(compareActivePodsWithRanks(pb, pa, NOW)).toBe(1);
    },
  );
});

describe('ActivePodsWithRanks.Less, rule by rule', () => {
  const base = { node: 'n1', phase: 'Running', ready: true, readySince: NOW - 10 * H, created: NOW - 20 * H, restarts: 0 };
  it.each([
    ['unassigned before assigned, whatever the phase', { ...base, name: 'a', node: '', phase: 'Running' }, 0, { ...base, name: 'b', phase: 'Pending', ready: false }, 0],
    ['both unassigned: phase decides', { ...base, name: 'a', node: '', phase: 'Pending', ready: false }, 0, { ...base, name: 'b', node: '', phase: 'Running' }, 0],
    ['different node names are not rule 1', { ...base, name: 'a', node: 'zzz', phase: 'Pending', ready: false }, 0, { ...base, name: 'b', node: 'aaa' }, 0],
    ['Pending < Unknown', { ...base, name: 'a', phase: 'Pending', ready: false }, 0, { ...base, name: 'b', phase: 'Unknown', ready: false }, 0],
    ['Unknown < Running', { ...base, name: 'a', phase: 'Unknown', ready: false }, 0, { ...base, name: 'b', phase: 'Running', ready: false }, 0],
    ['an unlisted phase ranks as Pending (0) < Unknown', { ...base, name: 'a', phase: 'Succeeded', ready: false }, 0, { ...base, name: 'b', phase: 'Unknown', ready: false }, 0],
    ['not ready < ready', { ...base, name: 'a', ready: false }, 0, { ...base, name: 'b' }, 0],
    ['lower deletion cost first, before rank', { ...base, name: 'a', annotations: { [POD_DELETION_COST]: '-5' } }, 0, { ...base, name: 'b' }, 9],
    ['invalid deletion cost counts as 0', { ...base, name: 'a', annotations: { [POD_DELETION_COST]: '+7' } }, 0, { ...base, name: 'b', annotations: { [POD_DELETION_COST]: '1' } }, 0],
    ['higher rank (more co-located) first, before ready time', { ...base, name: 'a', readySince: NOW - 100 * H }, 3, { ...base, name: 'b', readySince: NOW - H }, 2],
    ['more recently ready first (different buckets)', { ...base, name: 'a', readySince: NOW - H }, 0, { ...base, name: 'b', readySince: NOW - 3 * H }, 0],
    ['same ready bucket: smaller UID first, before restarts', { ...base, name: 'a', uid: 'aaa', readySince: NOW - 5 * H }, 0, { ...base, name: 'b', uid: 'bbb', readySince: NOW - 6 * H, restarts: 50 }, 0],
    ['ready in the future: bucket -1 first', { ...base, name: 'a', readySince: NOW + H }, 0, { ...base, name: 'b', readySince: NOW - 1000 }, 0],
    ['equal ready times: more restarts first', { ...base, name: 'a', restarts: 2 }, 0, { ...base, name: 'b', restarts: 1 }, 0],
    ['equal regular restarts: more sidecar restarts first', { ...base, name: 'a', sidecarRestarts: 3 }, 0, { ...base, name: 'b', sidecarRestarts: 1 }, 0],
    ['regular restarts before sidecar restarts', { ...base, name: 'a', restarts: 1, sidecarRestarts: 0 }, 0, { ...base, name: 'b', restarts: 0, sidecarRestarts: 9 }, 0],
    ['not ready pods skip rule 6: restarts decide', { ...base, name: 'a', ready: false, readySince: NOW - 100 * H, restarts: 1 }, 0, { ...base, name: 'b', ready: false, readySince: NOW - H, restarts: 0 }, 0],
    ['newer creation first (different buckets)', { ...base, name: 'a', created: NOW - H }, 0, { ...base, name: 'b', created: NOW - 30 * 24 * H }, 0],
    ['same creation bucket: smaller UID first', { ...base, name: 'a', uid: 'a', created: NOW - 5 * H }, 0, { ...base, name: 'b', uid: 'b', created: NOW - 7 * H }, 0],
    ['zero creation time first', { ...base, name: 'a', created: null }, 0, { ...base, name: 'b', created: NOW - H }, 0],
    ['zero ready time first', { ...base, name: 'a', readySince: null }, 0, { ...base, name: 'b', readySince: NOW - H }, 0],
  ] as [string, PodOpts, number, PodOpts, number][])('%s', (_name, a, ra, b, rb) => {
    const pa = { pod: pod(a), rank: ra };
    const pb = { pod: pod(b), rank: rb };
    expect(lessActivePodsWithRanks(pa, pb, NOW)).toBe(true);
    expect(lessActivePodsWithRanks(pb, pa, NOW)).toBe(false);
  });

  it('without Now (zero), ready and creation times compare exactly: newer first', () => {
    const a = { pod: pod({ ...base, name: 'a', uid: 'z', readySince: NOW - 5 * H }), rank: 0 };
    const b = { pod: pod({ ...base, name: 'b', uid: 'a', readySince: NOW - 6 * H }), rank: 0 };
    expect(lessActivePodsWithRanks(a, b, null)).toBe(true);
    expect(lessActivePodsWithRanks(a, b, NOW)).toBe(false); // same bucket: UID "a" < "z"
  });

  it('same bucket and same UID: equivalent, later rules are not consulted', () => {
    const a = { pod: pod({ ...base, name: 'a', uid: 'u', readySince: NOW - 5 * H, restarts: 9 }), rank: 0 };
    const b = { pod: pod({ ...base, name: 'b', uid: 'u', readySince: NOW - 6 * H }), rank: 0 };
    expect(compareActivePodsWithRanks(a, b, NOW)).toBe(0);
  });

  it('upstream quirk: equal times fall through, same-bucket times stop at the UID, which can cycle', () => {
    const t = NOW - 5 * H;
    // A and B ready in the same second; C a second later (same bucket)
    const A = { pod: pod({ ...base, name: 'A', uid: 'z', readySince: t, restarts: 5 }), rank: 0 };
    const B = { pod: pod({ ...base, name: 'B', uid: 'a', readySince: t, restarts: 0 }), rank: 0 };
    const C = { pod: pod({ ...base, name: 'C', uid: 'm', readySince: t + 1000 }), rank: 0 };
    expect(lessActivePodsWithRanks(A, B, NOW)).toBe(true); // restarts
    expect(lessActivePodsWithRanks(B, C, NOW)).toBe(true); // UID a < m
    expect(lessActivePodsWithRanks(C, A, NOW)).toBe(true); // UID m < z
  });
});

describe('logarithmic buckets', () => {
  it.each([
    ['1 s', 1000, 29], // log2(1e9) = 29.9
    ['2 h', 2 * H, 42], // log2(7.2e12) = 42.7
    ['5 h', 5 * H, 44], // 44.03
    ['8 h', 8 * H, 44], // 44.71
    ['31 days', 31 * 24 * H, 51], // 51.25
    ['zero', 0, -1],
    ['negative (future)', -5000, -1],
  ])('now − t = %s → bucket %i (nanoseconds, as upstream)', (_n, d, bucket) => {
    expect(logarithmicBucket(NOW - d, NOW)).toBe(bucket);
  });

  it('rank diff is the bucket difference', () => {
    expect(logarithmicRankDiff(NOW - 2 * H, NOW - 5 * H, NOW)).toBe(-2);
    expect(logarithmicRankDiff(NOW - 5 * H, NOW - 8 * H, NOW)).toBe(0);
  });

  it.each([
    [1, 0],
    [2, 1],
    [1024, 10],
    [2 ** 40, 40],
    [2 ** 40 - 1, 39.99999999999869],
    [3, Math.log2(3)],
  ])('Go math.Log2(%d) = %d', (x, y) => {
    expect(goLog2(x)).toBeCloseTo(y, 12);
    if (Number.isInteger(y)) expect(goLog2(x)).toBe(y);
  });
});

describe('pod-deletion-cost annotation (GetDeletionCostFromPodAnnotations)', () => {
  it.each([
    ['10', 10],
    ['-10', -10],
    ['0', 0],
    ['-0', 0],
    ['-08', -8], // validFirstDigit only looks at '-'; ParseInt takes the leading zero
    ['+10', 0],
    ['008', 0],
    ['-', 0],
    ['', 0],
    ['2147483647', 2147483647],
    ['2147483648', 0],
    ['-2147483648', -2147483648],
    ['-2147483649', 0],
    ['1e3', 0],
    [' 1', 0],
    ['1 ', 0],
    ['1_000', 0],
    ['abc', 0],
  ])('%j → %i', (v, want) => {
    expect(getDeletionCost({ [POD_DELETION_COST]: v })).toBe(want);
  });
  it('absent → 0', () => {
    expect(getDeletionCost(undefined)).toBe(0);
    expect(getDeletionCost({ other: '5' })).toBe(0);
  });
});

describe('maxContainerRestarts', () => {
  it('regular containers, and only restartPolicy: Always init containers as sidecars', () => {
    const p = pod({ name: 'p', restarts: 4, sidecarRestarts: 2 });
    p.status!.containerStatuses!.push({ name: 'd', restartCount: 7, ready: true, image: 'i', imageID: '' });
    expect(maxContainerRestarts(p)).toEqual({ regular: 7, sidecar: 2 });
    expect(maxContainerRestarts(pod({ name: 'q' }))).toEqual({ regular: 0, sidecar: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// controller_utils_test.go TestSortingActivePods (non-ranked ActivePods.Less)
// ---------------------------------------------------------------------------------------------

describe('ActivePods.Less (upstream TestSortingActivePods)', () => {
  const then = Date.UTC(2025, 11, 15, 12, 0, 0);
  const ready = (name: string, readySince: number | null, restarts: [number, number], created?: number) => {
    const p = pod({ name, node: 'foo', ready: true, readySince, created });
    p.status!.containerStatuses = restarts.map((r, i) => ({ name: `c${i}`, restartCount: r, ready: true, image: 'i', imageID: '' }));
    return p;
  };
  const pods: Pod[] = [
    pod({ name: 'unscheduled', phase: 'Pending' }),
    pod({ name: 'scheduledButPending', node: 'bar', phase: 'Pending' }),
    pod({ name: 'unknownPhase', node: 'foo', phase: 'Unknown' }),
    pod({ name: 'runningButNotReady', node: 'foo', phase: 'Running' }),
    ready('runningNoLastTransitionTime', null, [3, 0]),
    ready('runningWithLastTransitionTime', NOW, [3, 0]),
    ready('runningLongerTime', then, [3, 0]),
    ready('lowerContainerRestartCount', then, [2, 1], NOW),
    ready('oldest', then, [2, 1], then),
  ];
  const want = names(pods);

  it.each(Array.from({ length: pods.length }, (_, k) => k))('sorts every rotation (%i) into the upstream order', (k) => {
    const input = [...pods.slice(k), ...pods.slice(0, k)];
    expect(names([...input].sort(compareActivePods))).toEqual(want);
    expect(names([...input].reverse().sort(compareActivePods))).toEqual(want);
  });

  it('has no deletion cost, rank or log buckets', () => {
    const a = pod({ name: 'a', node: 'n', ready: true, readySince: NOW - 5 * H, uid: 'z', annotations: { [POD_DELETION_COST]: '100' } });
    const b = pod({ name: 'b', node: 'n', ready: true, readySince: NOW - 6 * H, uid: 'a' });
    expect(lessActivePods(a, b)).toBe(true); // exact times: more recent first, cost ignored
  });
});

// ---------------------------------------------------------------------------------------------
// replica_set.go getPodsToDelete (upstream replica_set_test.go TestGetPodsToDelete)
// ---------------------------------------------------------------------------------------------

describe('getPodsToDelete (upstream TestGetPodsToDelete)', () => {
  // newPod(name, rs, phase, nil, true): a Running pod gets Ready=True (zero lastTransitionTime)
  const unscheduledPendingPod = pod({ name: 'unscheduled-pending-pod', phase: 'Pending' });
  const scheduledPendingPod = pod({ name: 'scheduled-pending-pod', phase: 'Pending', node: 'fake-node' });
  const scheduledRunningNotReadyPod = pod({ name: 'scheduled-running-not-ready-pod', node: 'fake-node', ready: false });
  const scheduledRunningReadyPodOnNode1 = pod({ name: 'scheduled-running-ready-pod-on-node-1', node: 'fake-node-1', ready: true });
  const scheduledRunningReadyPodOnNode2 = pod({ name: 'scheduled-running-ready-pod-on-node-2', node: 'fake-node-2', ready: true });

  const cases: { name: string; pods: Pod[]; related?: Pod[]; diff: number; want: Pod[] }[] = [
    { name: 'len(pods) = 0 (i.e., diff = 0 too)', pods: [], diff: 0, want: [] },
    {
      name: 'diff = len(pods)',
      pods: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1],
      diff: 2,
      want: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1],
    },
    {
      name: 'diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod],
      diff: 1,
      want: [scheduledRunningNotReadyPod],
    },
    {
      name: 'various pod phases and conditions, diff = len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      diff: 6,
      want: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
    },
    {
      name: 'various pod phases and conditions, diff = len(pods), relatedPods empty',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      related: [],
      diff: 6,
      want: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
    },
    { name: 'scheduled vs unscheduled, diff < len(pods)', pods: [scheduledPendingPod, unscheduledPendingPod], diff: 1, want: [unscheduledPendingPod] },
    {
      name: 'ready vs not-ready, diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod],
      diff: 2,
      want: [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod],
    },
    {
      name: 'ready and colocated with another ready pod vs not colocated, diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2],
      related: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningReadyPodOnNode2],
      diff: 1,
      want: [scheduledRunningReadyPodOnNode2],
    },
    { name: 'pending vs running, diff < len(pods)', pods: [scheduledPendingPod, scheduledRunningNotReadyPod], diff: 1, want: [scheduledPendingPod] },
    {
      name: 'various pod phases and conditions, diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      diff: 3,
      want: [unscheduledPendingPod, scheduledPendingPod, scheduledRunningNotReadyPod],
    },
  ];
  it.each(cases)('$name', ({ pods, related, diff, want }) => {
    const got = getPodsToDelete(pods, related ?? pods, diff, NOW);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
    got.forEach((p, i) => expect(p).toBe(want[i]));
  });

  it('ready time logarithmic tie sorts by UID (not an upstream case)', () => {
    const newer = pod({ name: 'newer-z', uid: 'z', node: 'fake-node', ready: true, readySince: NOW - 100_000, created: NOW - 10 * 60_000 });
    const older = pod({ name: 'older-a', uid: 'a', node: 'fake-node', ready: true, readySince: NOW - 120_000, created: NOW - 10 * 60_000 });
    expect(names(getPodsToDelete([newer, older], [newer, older], 1, NOW))).toEqual(['older-a']);
  });

  it('does not reorder its input, and clamps a diff beyond the list', () => {
    const input = [scheduledRunningReadyPodOnNode1, unscheduledPendingPod];
    getPodsToDelete(input, input, 1, NOW);
    expect(input[0]).toBe(scheduledRunningReadyPodOnNode1);
    expect(getPodsToDelete(input, input, 5, NOW)).toEqual(input);
    expect(getPodsToDelete(input, input, -1, NOW)).toEqual([]);
  });
});

describe('rankPods (getPodsRankedByRelatedPodsOnSameNode)', () => {
  it('counts active related pods per node; unscheduled pods share ""; inactive ones are not counted', () => {
    const a = pod({ name: 'a', node: 'n1' });
    const b = pod({ name: 'b', node: 'n1' });
    const c = pod({ name: 'c', node: 'n2' });
    const u1 = pod({ name: 'u1', phase: 'Pending' });
    const u2 = pod({ name: 'u2', phase: 'Pending' });
    const done = pod({ name: 'done', node: 'n2', phase: 'Succeeded' });
    const failed = pod({ name: 'failed', node: 'n2', phase: 'Failed' });
    const gone = pod({ name: 'gone', node: 'n2', deleting: true });
    const otherRs = pod({ name: 'other-rs', node: 'n2' });
    expect(rankPods([a, b, c, u1, pod({ name: 'x', node: 'n9' })], [a, b, c, u1, u2, done, failed, gone, otherRs])).toEqual([2, 2, 2, 2, 0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const podArb = (uid: string, readyAt: fc.Arbitrary<number | null>, createdAt: fc.Arbitrary<number | null>) =>
  fc.record({
    node: fc.constantFrom('', 'n1', 'n2', 'n3'),
    phase: fc.constantFrom('Pending', 'Unknown', 'Running', 'Succeeded', ''),
    ready: fc.boolean(),
    readySince: readyAt,
    created: createdAt,
    restarts: fc.nat(3),
    sidecarRestarts: fc.option(fc.nat(3), { nil: undefined }),
    cost: fc.option(fc.constantFrom('-5', '0', '3', '+3', 'x', '2147483648'), { nil: undefined }),
    rank: fc.nat(3),
  }).map((r) => ({
    rank: r.rank,
    pod: pod({
      name: uid, uid, node: r.node, phase: r.phase, ready: r.ready, readySince: r.readySince, created: r.created,
      restarts: r.restarts, sidecarRestarts: r.sidecarRestarts, annotations: r.cost === undefined ? undefined : { [POD_DELETION_COST]: r.cost },
    }),
  }));

/** Any times, including equal ones (second precision, within a few hours). */
const anyTime = fc.option(fc.integer({ min: -3, max: 40 }).map((k) => NOW - k * 1000 * 997), { nil: null });

/**
 * Pods whose non-zero ready and creation times are all distinct (the condition under which
 * upstream's Less is a strict weak order; see the quirk test above). Offsets are unique per pod.
 */
const distinctPods = (n: number) =>
  fc.uniqueArray(fc.integer({ min: -10, max: 40 * 24 * 3600 }), { minLength: 2 * n, maxLength: 2 * n }).chain((offs) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        podArb(`uid-${String(i).padStart(3, '0')}`, fc.option(fc.constant(NOW - offs[2 * i] * 1000), { nil: null }), fc.option(fc.constant(NOW - offs[2 * i + 1] * 1000), { nil: null })),
      ),
    ),
  );

describe('ranking properties (fast-check)', () => {
  it('irreflexive and asymmetric on any pods', () => {
    fc.assert(
      fc.property(fc.tuple(podArb('u1', anyTime, anyTime), podArb('u2', anyTime, anyTime)), ([a, b]) => {
        expect(lessActivePodsWithRanks(a, a, NOW)).toBe(false);
        expect(lessActivePodsWithRanks(a, b, NOW) && lessActivePodsWithRanks(b, a, NOW)).toBe(false);
        expect(lessActivePods(a.pod, a.pod)).toBe(false);
        expect(lessActivePods(a.pod, b.pod) && lessActivePods(b.pod, a.pod)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a strict weak order (transitive, transitive incomparability) when times are distinct', () => {
    fc.assert(
      fc.property(distinctPods(3), ([a, b, c]) => {
        const lt = (x: RankedPod, y: RankedPod) => lessActivePodsWithRanks(x, y, NOW);
        const eq = (x: RankedPod, y: RankedPod) => !lt(x, y) && !lt(y, x);
        for (const [x, y, z] of [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) {
          if (lt(x, y) && lt(y, z)) expect(lt(x, z)).toBe(true);
          if (eq(x, y) && eq(y, z)) expect(eq(x, z)).toBe(true);
          const plt = (p: RankedPod, q: RankedPod) => lessActivePods(p.pod, q.pod);
          if (plt(x, y) && plt(y, z)) expect(plt(x, z)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('getPodsToDelete returns exactly min(diff, len) distinct input pods, none ranked after a kept pod', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(distinctPods(Math.max(n, 1)), fc.integer({ min: 0, max: 14 }))), ([ranked, diff]) => {
        const pods = ranked.map((r) => r.pod);
        const related = [...pods, pod({ name: 'extra', node: 'n1' })];
        const got = getPodsToDelete(pods, related, diff, NOW);
        expect(got.length).toBe(Math.min(diff, pods.length));
        expect(new Set(got).size).toBe(got.length);
        for (const p of got) expect(pods).toContain(p);
        if (diff < pods.length) {
          const ranks = rankPods(pods, related);
          const rankOf = new Map(pods.map((p, i) => [p, ranks[i]]));
          const kept = pods.filter((p) => !got.includes(p));
          for (const v of got) for (const k of kept) {
            expect(lessActivePodsWithRanks({ pod: k, rank: rankOf.get(k)! }, { pod: v, rank: rankOf.get(v)! }, NOW)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the extracted facts agree with the pod (ready time only for ready pods)', () => {
    fc.assert(
      fc.property(podArb('u', anyTime, anyTime), ({ pod: p }) => {
        const f = podRankFacts(p);
        if (!f.ready) expect(f.readyTime).toBe(null);
        expect(f.uid).toBe('u');
      }),
    );
  });
});
