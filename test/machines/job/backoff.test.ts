import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/types.ts';
import {
  backoffDuration, getPodCreationInfoForIndependentIndexes, getRemainingTime, getRemainingTimeForFailuresCount, getRemainingTimePerIndex,
  newBackoffRecord, syncDelayAtLeastBatchPeriod,
} from '../../../machines/job/arith.ts';
import { iso, pod, T0 } from './fixtures.ts';

const finished = (phase: 'Succeeded' | 'Failed', at: number): Pod => pod(`p-${phase}-${at}`, { phase, finishedAt: at });
const S = (...ms: number[]) => ms.map((t) => finished('Succeeded', T0 + t));
const F = (...ms: number[]) => ms.map((t) => finished('Failed', T0 + t));

// upstream backoff_utils_test.go TestNewBackoffRecord (ms offsets from defaultTestTime; 1 s steps here
// because metav1.Time serialises at second precision).
describe('newBackoffRecord: failures after the last success', () => {
  it.each([
    ['empty store and one new failure', null, [], F(0), { failuresAfterLastSuccess: 1, lastFailureTime: T0 }],
    ['empty store and two new failures', null, [], F(0, -1000), { failuresAfterLastSuccess: 2, lastFailureTime: T0 }],
    ['two failures followed by a success', null, S(0), F(-2000, -1000), { failuresAfterLastSuccess: 0, lastFailureTime: null }],
    ['two failures, one success, two more failures', null, S(-2000), F(0, -4000, -3000, -1000), { failuresAfterLastSuccess: 2, lastFailureTime: T0 }],
    ['stored count 2 and one new failure', { failuresAfterLastSuccess: 2, lastFailureTime: null }, [], F(0), { failuresAfterLastSuccess: 3, lastFailureTime: T0 }],
    ['success and failure at the same time: the failure is not after it', null, S(0), F(0), { failuresAfterLastSuccess: 0, lastFailureTime: null }],
    ['nothing new: unchanged', { failuresAfterLastSuccess: 4, lastFailureTime: T0 }, [], [], { failuresAfterLastSuccess: 4, lastFailureTime: T0 }],
    ['one success resets', { failuresAfterLastSuccess: 4, lastFailureTime: T0 }, S(0), [], { failuresAfterLastSuccess: 0, lastFailureTime: null }],
  ] as const)('%s', (_n, stored, succ, fail, want) => {
    expect(newBackoffRecord(stored, succ, fail)).toEqual(want);
  });
});

describe('the pod-creation delay: 10 s × 2^(n−1), capped at 10 min, minus elapsed', () => {
  it('durations for n = 0…8', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDuration(n) / 1000)).toEqual([0, 10, 20, 40, 80, 160, 320, 600, 600]);
  });

  // upstream TestGetRemainingBackoffTime (default 5 s, max 700 s).
  it.each([
    ['no failures', 0, 0, 0],
    ['one failure, now = failure time', 1, 0, 5],
    ['one failure, 1 s later', 1, 1, 4],
    ['one failure, exactly at expiry', 1, 5, 0],
    ['one failure, 1 s after expiry', 1, 6, 0],
    ['three failures, now = failure time', 3, 0, 20],
    ['eight failures: 640 s, not capped', 8, 0, 640],
    ['nine failures: capped at 700 s', 9, 0, 700],
  ] as const)('%s', (_n, failures, elapsedS, wantS) => {
    expect(getRemainingTimeForFailuresCount(T0 + elapsedS * 1000, failures, T0, 5000, 700_000)).toBe(wantS * 1000);
  });

  it('getRemainingTime of a record uses the 10 s / 10 min defaults', () => {
    expect(getRemainingTime({ failuresAfterLastSuccess: 2, lastFailureTime: T0 }, T0 + 5000)).toBe(15_000);
    expect(getRemainingTime({ failuresAfterLastSuccess: 0, lastFailureTime: null }, T0)).toBe(0);
  });

  it('a requeue is never sooner than the 1 s batch period', () => {
    expect([0, 500, 1000, 4000].map(syncDelayAtLeastBatchPeriod)).toEqual([1000, 1000, 1000, 4000]);
  });
});

describe('per-index backoff (backoffLimitPerIndex)', () => {
  const lastFailed = (failureCount: string, deletedAt: number, ignored?: string) =>
    pod('f', { phase: 'Failed', failureCount, ...(ignored ? { ignoredFailureCount: ignored } : {}), deleting: deletedAt, grace: 0, containerStatuses: [] });

  it('no previous failed pod → 0', () => {
    expect(getRemainingTimePerIndex(null, T0)).toBe(0);
  });

  it('failures = absolute failure count + 1, timed from the pod finish time', () => {
    expect(getRemainingTimePerIndex(lastFailed('2', T0), T0)).toBe(40_000);
    expect(getRemainingTimePerIndex(lastFailed('1', T0, '1'), T0 + 10_000)).toBe(30_000);
  });

  it('getPodCreationInfoForIndependentIndexes: ready indexes, or the smallest wait', () => {
    const delayed = new Map([[0, lastFailed('0', T0)], [2, lastFailed('1', T0)]]);
    expect(getPodCreationInfoForIndependentIndexes([0, 1, 2], delayed, T0)).toEqual({ indexes: [1], remainingMs: 0 });
    expect(getPodCreationInfoForIndependentIndexes([0, 2], delayed, T0 + 2000)).toEqual({ indexes: [], remainingMs: 8000 });
  });

  it('finish time from deletionTimestamp − grace', () => {
    const p = pod('g', { phase: 'Failed', deleting: T0 + 30_000, grace: 30, containerStatuses: [] });
    expect(p.metadata?.deletionTimestamp).toBe(iso(T0 + 30_000));
    expect(getRemainingTimePerIndex(p, T0)).toBe(10_000);
  });
});
