import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BURST_REPLICAS,
  SLOW_START_INITIAL_BATCH_SIZE,
  manageReplicasDiff,
  slowStartBatches,
  slowStartOutcome,
} from '../../../machines/replicaset/slowstart.ts';

describe('constants', () => {
  it('BurstReplicas = 500, SlowStartInitialBatchSize = 1', () => {
    expect(BURST_REPLICAS).toBe(500);
    expect(SLOW_START_INITIAL_BATCH_SIZE).toBe(1);
  });
});

describe('slowStartBatches (slowStartBatch batch sizes)', () => {
  it.each([
    [0, 1, []],
    [1, 1, [1]],
    [2, 1, [1, 1]],
    [3, 1, [1, 2]],
    [7, 1, [1, 2, 4]],
    [10, 1, [1, 2, 4, 3]],
    [500, 1, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
    [20, 5, [5, 10, 5]],
    [3, 5, [3]],
    [10, 0, []],
  ])('count %i, initial %i → %j', (count, initial, want) => {
    expect(slowStartBatches(count, initial)).toEqual(want);
  });
  it('defaults to an initial batch of 1', () => expect(slowStartBatches(4)).toEqual([1, 2, 1]));
});

describe('slowStartOutcome (upstream TestSlowStartBatch)', () => {
  // fn fails once callCnt > callLimit: calls numbered from 0 fail from callLimit on.
  it.each([
    ['callLimit = 0 (all fail)', 10, 0, { successes: 0, error: true, attempted: 1 }],
    ['callLimit = count (all succeed)', 10, 10, { successes: 10, error: false, attempted: 10 }],
    ['callLimit < count (some succeed)', 10, 5, { successes: 5, error: true, attempted: 7 }],
  ] as const)('%s', (_n, count, limit, want) => {
    expect(slowStartOutcome(count, limit)).toMatchObject(want);
  });

  it('a failing batch runs to its end, later batches are skipped, skipped = count − successes', () => {
    expect(slowStartOutcome(10, 5)).toEqual({ batches: [1, 2, 4], attempted: 7, successes: 5, failures: 2, notAttempted: 3, skipped: 5, error: true });
    expect(slowStartOutcome(10, Infinity)).toEqual({ batches: [1, 2, 4, 3], attempted: 10, successes: 10, failures: 0, notAttempted: 0, skipped: 0, error: false });
    expect(slowStartOutcome(10, 0)).toEqual({ batches: [1], attempted: 1, successes: 0, failures: 1, notAttempted: 9, skipped: 10, error: true });
  });

  it('a predicate picks failing calls', () => {
    // call 2 (in the second batch) fails; the batch of 2 still completes
    expect(slowStartOutcome(10, (i) => i === 2)).toMatchObject({ batches: [1, 2], attempted: 3, successes: 2, failures: 1, skipped: 8 });
  });

  it('properties: sums, growth, and failures only in the last batch', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.integer({ min: 1, max: 8 }), fc.oneof(fc.nat(2100), fc.constant(Infinity)), (count, initial, failAt) => {
        const all = slowStartBatches(count, initial);
        expect(all.reduce((a, b) => a + b, 0)).toBe(count);
        all.forEach((b, i) => expect(b).toBeLessThanOrEqual(i === 0 ? initial : 2 * all[i - 1]));
        const o = slowStartOutcome(count, failAt, initial);
        expect(o.successes + o.failures + o.notAttempted).toBe(count);
        expect(o.skipped).toBe(count - o.successes);
        expect(o.batches).toEqual(all.slice(0, o.batches.length));
        expect(o.error).toBe(failAt < count);
        if (o.error) expect(o.failures).toBeLessThanOrEqual(o.batches[o.batches.length - 1]);
      }),
    );
  });
});

describe('manageReplicasDiff (manageReplicas)', () => {
  it.each([
    [0, 3, { create: 3 }],
    [3, 3, {}],
    [5, 2, { delete: 3 }],
    [0, 0, {}],
    [0, 1000, { create: 500 }],
    [1000, 0, { delete: 500 }],
    [499, 999, { create: 500 }],
    [500, 999, { create: 499 }],
  ])('%i active, %i replicas → %j', (active, replicas, want) => {
    expect(manageReplicasDiff(active, replicas)).toEqual(want);
  });
  it('the burst limit is a parameter', () => expect(manageReplicasDiff(0, 10, 3)).toEqual({ create: 3 }));
  it('property: one direction, capped at the burst limit, closing the gap', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), (active, replicas) => {
        const d = manageReplicasDiff(active, replicas) as { create?: number; delete?: number };
        const n = d.create ?? d.delete ?? 0;
        expect(n).toBe(Math.min(Math.abs(active - replicas), 500));
        if (d.create !== undefined) expect(active).toBeLessThan(replicas);
        if (d.delete !== undefined) expect(active).toBeGreaterThan(replicas);
      }),
    );
  });
});
