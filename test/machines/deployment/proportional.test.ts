import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  scale, getReplicaSetFraction, getProportion, isScalingEvent, roundToInt32, maxSurge, sizesAfter,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, type IntOrString,
} from '../../../machines/deployment/arith.ts';

/** deployment_controller_test.go newDeployment: maxSurge and maxUnavailable default to 0. */
function newDeployment(replicas: number, surge: IntOrString = 0, unavailable: IntOrString = 0, statusReplicas?: number): Deployment {
  return {
    metadata: { name: 'foo' },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
    ...(statusReplicas !== undefined ? { status: { replicas: statusReplicas } } : {}),
  };
}

const newTimestamp = '2016-05-20T02:00:00Z';
const oldTimestamp = '2016-05-20T01:00:00Z';
const olderTimestamp = '2016-05-20T00:00:00Z';

function rs(name: string, replicas: number, created: string, annotations?: Record<string, string>, available = 0): ReplicaSet {
  return { metadata: { name, creationTimestamp: created, ...(annotations ? { annotations } : {}) }, spec: { replicas, selector: {} }, status: { replicas, availableReplicas: available } };
}

/** What TestScale does before calling scale: annotate every RS as the OLD deployment would have. */
function annotate(r: ReplicaSet, old: Deployment, desired?: number): ReplicaSet {
  const want = desired ?? old.spec!.replicas!;
  return { ...r, metadata: { ...r.metadata, annotations: { [DESIRED_REPLICAS_ANNOTATION]: String(want), [MAX_REPLICAS_ANNOTATION]: String(want + maxSurge(old)) } } };
}

describe('sync.go scale (TestScale)', () => {
  type Row = [string, Deployment, Deployment, ReplicaSet | null, ReplicaSet[], number | null, number[]];
  const rows: Row[] = [
    ['normal scaling event: 10 -> 12', newDeployment(12), newDeployment(10), rs('foo-v1', 10, newTimestamp), [], 12, []],
    ['normal scaling event: 10 -> 5', newDeployment(5), newDeployment(10), rs('foo-v1', 10, newTimestamp), [], 5, []],
    ['proportional scaling: 5 -> 10', newDeployment(10), newDeployment(5), rs('foo-v2', 2, newTimestamp), [rs('foo-v1', 3, oldTimestamp)], 4, [6]],
    ['proportional scaling: 5 -> 3', newDeployment(3), newDeployment(5), rs('foo-v2', 2, newTimestamp), [rs('foo-v1', 3, oldTimestamp)], 1, [2]],
    ['proportional scaling: 9 -> 4', newDeployment(4), newDeployment(9), rs('foo-v2', 8, newTimestamp), [rs('foo-v1', 1, oldTimestamp)], 4, [0]],
    ['proportional scaling: 7 -> 10', newDeployment(10), newDeployment(7), rs('foo-v3', 2, newTimestamp), [rs('foo-v2', 3, oldTimestamp), rs('foo-v1', 2, olderTimestamp)], 3, [4, 3]],
    ['proportional scaling: 13 -> 8', newDeployment(8), newDeployment(13), rs('foo-v3', 2, newTimestamp), [rs('foo-v2', 8, oldTimestamp), rs('foo-v1', 3, olderTimestamp)], 1, [5, 2]],
    ['leftover distribution: 3 -> 4 (scales up the new replica set)', newDeployment(4), newDeployment(3), rs('foo-v3', 1, newTimestamp), [rs('foo-v2', 1, oldTimestamp), rs('foo-v1', 1, olderTimestamp)], 2, [1, 1]],
    ['leftover distribution: 3 -> 2 (scales down the older replica set)', newDeployment(2), newDeployment(3), rs('foo-v3', 1, newTimestamp), [rs('foo-v2', 1, oldTimestamp), rs('foo-v1', 1, olderTimestamp)], 1, [1, 0]],
    ['proportional scaling (no new rs): 4 -> 5 (latest first)', newDeployment(5), newDeployment(4), null, [rs('foo-v2', 2, oldTimestamp), rs('foo-v1', 2, olderTimestamp)], null, [3, 2]],
    ['proportional scaling: 6 -> 0', newDeployment(0), newDeployment(6), rs('foo-v3', 3, newTimestamp), [rs('foo-v2', 2, oldTimestamp), rs('foo-v1', 1, olderTimestamp)], 0, [0, 0]],
    ['proportional scaling: 0 -> 6 (scales up from zero: the newest)', newDeployment(6), newDeployment(6), rs('foo-v3', 0, newTimestamp), [rs('foo-v2', 0, oldTimestamp), rs('foo-v1', 0, olderTimestamp)], 6, [0, 0]],
    ['deployment with surge pods', newDeployment(20, 2), newDeployment(10, 2), rs('foo-v2', 6, newTimestamp), [rs('foo-v1', 6, oldTimestamp)], 11, [11]],
    ['change both surge and size', newDeployment(50, 6), newDeployment(10, 3), rs('foo-v2', 5, newTimestamp), [rs('foo-v1', 8, oldTimestamp)], 22, [34]],
    ['change both size and template', newDeployment(14), newDeployment(10), null, [rs('foo-v2', 7, newTimestamp), rs('foo-v1', 3, oldTimestamp)], null, [10, 4]],
  ];
  it.each(rows)('%s', (_name, d, old, newRS0, olds0, wantNew, wantOld) => {
    const newRS = newRS0 && annotate(newRS0, old);
    const olds = olds0.map((r) => annotate(r, old));
    const plan = scale(d, newRS, olds);
    const sizes = sizesAfter([newRS, ...olds], plan.steps);
    if (newRS) expect(sizes[newRS.metadata!.name!]).toBe(wantNew);
    expect(olds.map((r) => sizes[r.metadata!.name!])).toEqual(wantOld);
  });

  it('saturated but broken new replica set does not affect old pods', () => {
    const d = newDeployment(2, 1, 1);
    const newRS = annotate(rs('foo-v2', 2, newTimestamp, undefined, 0), d);
    const old = annotate(rs('foo-v1', 1, oldTimestamp), d);
    const plan = scale(d, newRS, [old]);
    expect(plan.kind).toBe('proportional');
    expect(plan.steps).toEqual([]);
  });

  it('a saturated new RS (all available) takes the old ones to 0', () => {
    const d = newDeployment(2, 1, 1);
    const plan = scale(d, annotate(rs('foo-v2', 2, newTimestamp, undefined, 2), d), [annotate(rs('foo-v1', 1, oldTimestamp), d)]);
    expect(plan).toEqual({ kind: 'saturated', steps: [{ name: 'foo-v1', from: 1, to: 0 }] });
  });

  it('an RS already at the right size is still rewritten when its replica annotations are stale (no event)', () => {
    const d = newDeployment(4);
    const plan = scale(d, annotate(rs('foo-v2', 2, newTimestamp), newDeployment(4)), [annotate(rs('foo-v1', 2, oldTimestamp), newDeployment(3))]);
    expect(plan.steps).toEqual([{ name: 'foo-v1', from: 2, to: 2 }]);
  });

  it('Recreate does not scale proportionally', () => {
    const d = { ...newDeployment(10), spec: { ...newDeployment(10).spec!, strategy: { type: 'Recreate' } } };
    expect(scale(d, annotate(rs('a', 2, newTimestamp), d), [annotate(rs('b', 3, oldTimestamp), d)])).toEqual({ kind: 'none', steps: [] });
  });
});

describe('getReplicaSetFraction (TestGetReplicaSetFraction: maxUnavailable 1)', () => {
  it.each([
    ['empty deployment always scales to 0', 0, 0, 0, 10, undefined, -10],
    ['unsynced deployment does not scale when max-replicas annotation is missing', 10, 0, 0, 5, undefined, 0],
    ['unsynced deployment does not scale when max-replicas annotation is 0', 10, 0, 0, 5, '0', 0],
    ['scale up by 1/5 when max-replicas annotation is missing', 120, 100, 0, 50, undefined, 10],
    ['scale up by 1/5 when max-replicas annotation is 0', 120, 100, 0, 50, '0', 10],
    ['scale up by 1/5', 120, 0, 0, 50, '100', 10],
    ['scale up with maxSurge by 1/5 (approximately)', 120, 0, 10, 50, '110', 9],
    ['scale down by 1/6', 10, 0, 0, 6, '12', -1],
    ['scale down with maxSurge by 1/6 (approximately)', 100, 0, 10, 50, '130', -8],
  ] as const)('%s', (_name, replicas, statusReplicas, surge, rsReplicas, annotation, want) => {
    const d = newDeployment(replicas, surge, 1, statusReplicas);
    const r = rs('nginx', rsReplicas, newTimestamp, annotation === undefined ? undefined : { [MAX_REPLICAS_ANNOTATION]: annotation });
    expect(getReplicaSetFraction(r, d)).toBe(want);
  });

  it('an unparsable annotation counts as missing', () => {
    expect(getReplicaSetFraction(rs('x', 50, newTimestamp, { [MAX_REPLICAS_ANNOTATION]: '-1' }), newDeployment(120, 0, 1, 100))).toBe(10);
  });

  it('RoundToInt32 rounds half away from zero', () => {
    expect([2.5, -2.5, 1.49, -1.5, 0].map(roundToInt32)).toEqual([3, -3, 1, -2, 0]);
  });
});

describe('GetReplicaSetProportion', () => {
  const d = newDeployment(20, 0, 1);
  const r = rs('a', 10, newTimestamp, { [MAX_REPLICAS_ANNOTATION]: '10' });
  it.each([
    ['nil rs', null, 5, 0, 0],
    ['empty rs', rs('z', 0, newTimestamp), 5, 0, 0],
    ['nothing to add', r, 0, 0, 0],
    ['all added', r, 5, 5, 0],
    ['scale up: min(fraction 10, left 4)', r, 6, 2, 4],
    ['scale up: the fraction when less', r, 30, 0, 10],
  ] as const)('%s', (_name, x, toAdd, added, want) => {
    expect(getProportion(x, d, toAdd, added)).toBe(want);
  });

  it('scale down: max(fraction, left)', () => {
    const down = newDeployment(5, 0, 1);
    // fraction round(10*5/10) − 10 = −5; left −3 → −3.
    expect(getProportion(r, down, -3, 0)).toBe(-3);
    expect(getProportion(r, down, -8, 0)).toBe(-5);
  });
});

describe('isScalingEvent', () => {
  const d = newDeployment(5);
  it.each([
    ['every active RS annotated with 5', [['a', 3, '5'], ['b', 2, '5']], false],
    ['an active RS annotated with 4', [['a', 3, '5'], ['b', 2, '4']], true],
    ['an INACTIVE RS annotated differently does not count', [['a', 5, '5'], ['b', 0, '9']], false],
    ['an RS without the annotation is skipped', [['a', 5, undefined]], false],
    ['an unusable annotation is skipped', [['a', 5, 'x']], false],
  ] as const)('%s', (_name, specs, want) => {
    const rss = specs.map(([n, r, a]) => rs(n, r, newTimestamp, a === undefined ? undefined : { [DESIRED_REPLICAS_ANNOTATION]: a }));
    expect(isScalingEvent(d, rss[0], rss.slice(1))).toBe(want);
  });
});

describe('property: proportional scaling lands on the target', () => {
  it('from a consistent state (max-replicas = the old total), the active RSs sum to replicas + MaxSurge (0 when scaled to 0)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 5 }),
      fc.integer({ min: 0, max: 200 }),
      fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`)),
      fc.integer({ min: 0, max: 4 }),
      (sizes, replicas, surge, tieStamp) => {
        const oldTotal = sizes.reduce((a, b) => a + b, 0);
        const d = newDeployment(replicas, surge, 1);
        // A previous deployment size whose replicas + surge was exactly the old total.
        const rss = sizes.map((n, i) => rs(`rs-${i}`, n, `2024-01-01T00:00:0${i < tieStamp ? 0 : i}Z`, {
          [DESIRED_REPLICAS_ANNOTATION]: String(oldTotal + 1000),
          [MAX_REPLICAS_ANNOTATION]: String(oldTotal),
        }));
        const plan = scale(d, rss[rss.length - 1], rss.slice(0, -1));
        expect(plan.kind).toBe('proportional');
        const after = sizesAfter(rss, plan.steps);
        const total = Object.values(after).reduce((a, b) => a + b, 0);
        expect(total).toBe(replicas > 0 ? replicas + maxSurge(d) : 0);
        for (const v of Object.values(after)) expect(v).toBeGreaterThanOrEqual(0);
        // Every RS that moved moved the same way as the deployment.
        const toAdd = (replicas > 0 ? replicas + maxSurge(d) : 0) - oldTotal;
        for (const r of rss) {
          const delta = after[r.metadata!.name!]! - r.spec!.replicas!;
          if (toAdd >= 0) expect(delta).toBeGreaterThanOrEqual(0);
          else expect(delta).toBeLessThanOrEqual(0);
        }
      },
    ), { numRuns: 500 });
  });
});
