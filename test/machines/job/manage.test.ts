import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../../src/types.ts';
import { activePodsForRemoval, EMPTY_BACKOFF_RECORD, manageJob, wantActive, type ManageJobInput } from '../../../machines/job/arith.ts';
import { isPodActive } from '../../../machines/replicaset/status.ts';
import { job, names, pod, T0 } from './fixtures.ts';

function plan(j: Job, pods: Pod[], extra: Partial<ManageJobInput> = {}) {
  const activePods = pods.filter(isPodActive);
  return manageJob({
    job: j, pods, activePods, succeeded: 0, ready: 0, terminating: pods.filter((p) => p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length,
    backoff: EMPTY_BACKOFF_RECORD, now: T0, ...extra,
  });
}
const running = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => pod(`${prefix}${i}`, { ready: true }));

describe('wantActive', () => {
  it.each([
    ['completions 5, parallelism 2, none succeeded', { completions: 5, parallelism: 2 }, 0, 0, 2],
    ['completions 5, parallelism 2, 4 succeeded → 1', { completions: 5, parallelism: 2 }, 0, 4, 1],
    ['completions reached → 0', { completions: 5, parallelism: 2 }, 0, 7, 0],
    ['work queue (completions nil), none succeeded → parallelism', { completions: null, parallelism: 3 }, 1, 0, 3],
    ['work queue after the first success → keep what runs', { completions: null, parallelism: 3 }, 2, 1, 2],
  ] as const)('%s', (_n, o, active, succeeded, want) => {
    expect(wantActive(job(o), active, succeeded)).toBe(want);
  });
});

describe('manageJob plans', () => {
  it('creates the missing pods in slow-start batches', () => {
    const p = plan(job({ completions: 20, parallelism: 10 }), []);
    expect(p.action).toBe('pods_created');
    expect(p.createPods).toHaveLength(10);
    expect(p.createBatches).toEqual([1, 2, 4, 3]);
    expect(p.active).toBe(10);
    expect(p.deletePods).toEqual([]);
  });

  it('at most 500 creations per sync', () => {
    const p = plan(job({ completions: 1000, parallelism: 800 }), []);
    expect(p.createPods).toHaveLength(500);
  });

  it('too many pods: deletes the surplus in ActivePods order, and creates nothing in the same sync', () => {
    const pods = [pod('ready-old', { ready: true }), pod('pending', { phase: 'Pending' }), pod('unscheduled', { phase: 'Pending', nodeName: '' }), pod('running')];
    const p = plan(job({ completions: 2, parallelism: 2 }), pods, { ready: 1 });
    expect(p.action).toBe('pods_deleted');
    expect(names(p.deletePods)).toEqual(['unscheduled', 'pending']);
    expect(p.createPods).toEqual([]);
    expect(p.active).toBe(2);
    expect(p.terminating).toBe(2);
  });

  it('suspended: deletes every active pod; ready and terminating follow', () => {
    const p = plan(job({ suspend: true, completions: 3, parallelism: 3 }), running(3), { ready: 3 });
    expect(names(p.deletePods).sort()).toEqual(['r0', 'r1', 'r2']);
    expect(p).toMatchObject({ action: 'pods_deleted', active: 0, ready: 0, terminating: 3 });
  });

  it('nothing to do: tracking', () => {
    const p = plan(job({ completions: 3, parallelism: 2 }), running(2));
    expect(p).toMatchObject({ action: 'tracking', active: 2, wantActive: 2 });
  });

  it('TerminatingOrFailed: a terminating pod is replaced at once', () => {
    const pods = [pod('t', { deleting: T0 })];
    expect(plan(job({ completions: 1 }), pods).createPods).toHaveLength(1);
  });

  it('podReplacementPolicy Failed: a terminating pod blocks its replacement', () => {
    const pods = [pod('t', { deleting: T0 })];
    const p = plan(job({ completions: 1, spec: { podReplacementPolicy: 'Failed' } }), pods);
    expect(p).toMatchObject({ action: 'tracking', createPods: [] });
  });

  it('backoff pending: no creation, requeue after the remaining delay (and active reported as 0, the 1.32 quirk)', () => {
    const p = plan(job({ completions: 3, parallelism: 2 }), running(1), { backoff: { failuresAfterLastSuccess: 2, lastFailureTime: T0 - 5000 } });
    expect(p).toMatchObject({ action: 'pods_created', createPods: [], requeueAfterMs: 15_000, active: 0 });
  });

  it('the backoff requeue is at least 1 s', () => {
    const p = plan(job(), [], { backoff: { failuresAfterLastSuccess: 1, lastFailureTime: T0 - 9800 } });
    expect(p.requeueAfterMs).toBe(1000);
  });
});

describe('Indexed Jobs', () => {
  const indexed = (completions: number, parallelism: number, extra = {}) => job({ indexed: true, completions, parallelism, spec: extra });

  it('creates the lowest pending indexes', () => {
    const pods = [pod('p1', { index: 1 })];
    const p = plan(indexed(5, 3), pods, { succeededIndexes: [{ first: 0, last: 0 }], succeeded: 1 });
    expect(p.createIndexes).toEqual([2, 3]);
    expect(p.createPods.map((x) => x.metadata!.generateName)).toEqual(['foobar-2-', 'foobar-3-']);
  });

  it('removes pods with a repeated, missing or out-of-range index even when not over parallelism', () => {
    const pods = [pod('a', { index: 0, ready: true }), pod('b', { index: 0 }), pod('c', { index: 9 })];
    const p = plan(indexed(3, 3), pods);
    // out-of-range pods are appended when met; the repeated index is flushed after the loop
    expect(names(p.deletePods)).toEqual(['c', 'b']);
    expect(p.createPods).toEqual([]);
  });

  it('activePodsForRemoval: bad indexes first, then ActivePods order for the rest', () => {
    const j = indexed(4, 4);
    const pods = [pod('i0', { index: 0, ready: true }), pod('i1', { index: 1, phase: 'Pending' }), pod('none'), pod('i2', { index: 2, ready: true })];
    expect(names(activePodsForRemoval(j, pods, 2))).toEqual(['none', 'i1']);
  });

  it('backoffLimitPerIndex: only indexes whose own backoff elapsed; none → requeue after the smallest', () => {
    const j = indexed(3, 3, { backoffLimitPerIndex: 2 });
    const failedAt = (ix: number, count: string) => pod(`f${ix}`, { phase: 'Failed', index: ix, failureCount: count, deleting: T0, grace: 0, containerStatuses: [] });
    const delayed = new Map([[0, failedAt(0, '0')], [1, failedAt(1, '1')]]);
    const p = plan(j, [], { podsWithDelayedDeletionPerIndex: delayed, failedIndexes: [], now: T0 + 12_000 });
    expect(p.createIndexes).toEqual([0, 2]);
    expect(p.createPods[0].metadata!.annotations!['batch.kubernetes.io/job-index-failure-count']).toBe('1');
    const q = plan(indexed(3, 1, { backoffLimitPerIndex: 2 }), [], { podsWithDelayedDeletionPerIndex: delayed, failedIndexes: [], now: T0 + 2000 });
    expect(q).toMatchObject({ createPods: [], requeueAfterMs: 8000, active: 0 });
  });
});
