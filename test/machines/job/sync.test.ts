import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../../src/types.ts';
import { newCondition, syncJob, type JobSyncInput } from '../../../machines/job/arith.ts';
import { iso, job, names, pod, sec, T0 } from './fixtures.ts';

const run = (j: Job, pods: Pod[], extra: Partial<JobSyncInput> = {}) => syncJob({ job: j, pods, now: T0, ...extra });
const started = (o: Parameters<typeof job>[0] = {}) => job({ ...o, status: { startTime: iso(T0), ready: 0, terminating: 0, uncountedTerminatedPods: {}, ...(o.status ?? {}) } });

describe('syncJob: skips', () => {
  it('managed by another controller', () => {
    expect(run(job({ spec: { managedBy: 'example.com/mine' } }), []).skipped).toBe('managedByExternalController');
  });

  it('already finished: nothing, and the backoff record is dropped', () => {
    const p = run(job({ conditions: [newCondition('Complete', 'True', '', '', T0)] }), [], { backoff: { failuresAfterLastSuccess: 2, lastFailureTime: T0 } });
    expect(p).toMatchObject({ skipped: 'finished', backoff: null, statusWrites: [] });
  });

  it('unknown completionMode: Warning UnknownCompletionMode', () => {
    const p = run(job({ spec: { completionMode: 'Weird' } }), []);
    expect(p.skipped).toBe('unknownCompletionMode');
    expect(p.events).toEqual([{ type: 'Warning', reason: 'UnknownCompletionMode', message: 'Skipped Job sync because completion mode is unknown' }]);
  });
});

describe('syncJob: a new Job', () => {
  it('creates parallelism pods, sets startTime, writes active / ready / terminating once', () => {
    const p = run(job({ completions: 5, parallelism: 2 }), []);
    expect(p.createPods).toHaveLength(2);
    expect(p.createBatches).toEqual([1, 1]);
    expect(p.statusWrites).toEqual([{ startTime: iso(T0), active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0 }]);
    expect(p.requeueAfterMs).toBe(null);
  });

  it('created suspended: no startTime, no pods, Suspended condition and event', () => {
    const p = run(job({ suspend: true }), []);
    expect(p.createPods).toEqual([]);
    expect(p.status).toEqual({
      conditions: [newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', T0)], terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(p.events).toEqual([{ type: 'Normal', reason: 'Suspended', message: 'Job suspended' }]);
  });

  it('activeDeadlineSeconds: requeue at the deadline', () => {
    expect(run(job({ activeDeadlineSeconds: 30 }), [], { now: T0 }).requeueAfterMs).toBe(30_000);
  });
});

describe('syncJob: success (SuccessCriteriaMet → Complete)', () => {
  it('the last pod succeeds: two writes — interim condition with the pod uncounted, then counted + Complete', () => {
    const j = started({ status: { active: 1, ready: 1 } });
    const p = run(j, [pod('p0', { phase: 'Succeeded', finishedAt: sec(20) })], { now: sec(21) });
    const smc = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', sec(21));
    const complete = newCondition('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', sec(21));
    expect(p.statusWrites).toEqual([
      { conditions: [smc], startTime: iso(T0), terminating: 0, uncountedTerminatedPods: { succeeded: ['uid-p0'] }, ready: 0 },
      { conditions: [smc, complete], startTime: iso(T0), completionTime: iso(sec(21)), succeeded: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 },
    ]);
    expect(names(p.removeFinalizers)).toEqual(['p0']);
    expect(p.finished).toBe(true);
    expect(p.events).toEqual([{ type: 'Normal', reason: 'Completed', message: 'Job completed' }]);
  });

  it('work queue (completions nil): complete once a pod succeeded and none is active', () => {
    const j = started({ completions: null, parallelism: 2, status: { active: 2 } });
    const one = run(j, [pod('a', { phase: 'Succeeded' }), pod('b')]);
    expect(one).toMatchObject({ finished: false, createPods: [] });
    const two = run(j, [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Succeeded' })]);
    expect(two.finished).toBe(true);
  });

  it('Complete waits while a pod is still terminating', () => {
    const j = started({ completions: 1, status: { active: 0 } });
    const p = run(j, [pod('ok', { phase: 'Succeeded' }), pod('gone', { deleting: T0, finalizer: false })], { now: sec(3) });
    expect(p.finished).toBe(false);
    expect(p.status!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet']);
    const later = run({ ...j, status: p.status! }, [pod('ok', { phase: 'Succeeded', finalizer: false })], { now: sec(9) });
    expect(later.finished).toBe(true);
    expect(later.status!.conditions!.map((c) => [c.type, c.reason])).toEqual([['SuccessCriteriaMet', 'CompletionsReached'], ['Complete', 'CompletionsReached']]);
    expect(later.status!.completionTime).toBe(iso(sec(9)));
  });
});

describe('syncJob: failure (FailureTarget → Failed)', () => {
  it('backoffLimit exceeded: active pods deleted (finalizer kept), FailureTarget written, Failed only when none is terminating', () => {
    const j = started({ backoffLimit: 0, completions: 2, parallelism: 2, status: { active: 2, ready: 1 } });
    const pods = [pod('bad', { phase: 'Failed' }), pod('live', { ready: true })];
    const p1 = run(j, pods, { now: sec(5) });
    expect(p1.deletions.map((d) => [d.pod.metadata!.name, d.removeFinalizerFirst])).toEqual([['live', false]]);
    expect(names(p1.removeFinalizers)).toEqual(['bad', 'live']);
    const ft = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', sec(5));
    expect(p1.status).toEqual({ conditions: [ft], startTime: iso(T0), failed: 2, terminating: 1, uncountedTerminatedPods: {}, ready: 0 });
    expect(p1.finished).toBe(false);

    const j2 = { ...j, status: p1.status! };
    const p2 = run(j2, [pod('live', { ready: true, deleting: sec(5), finalizer: false })], { now: sec(10) });
    expect(p2.finished).toBe(false);
    const p3 = run(j2, [], { now: sec(40) });
    expect(p3.finished).toBe(true);
    expect(p3.status!.conditions).toEqual([ft, newCondition('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', sec(40))]);
    expect(p3.status!.completionTime).toBeUndefined();
    expect(p3.events).toEqual([{ type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }]);
  });

  it('with no pod left the two conditions land in one sync, as two writes', () => {
    const j = started({ backoffLimit: 0 });
    const p = run(j, [pod('bad', { phase: 'Failed' })], { now: sec(2) });
    expect(p.statusWrites.map((s) => s.conditions?.map((c) => c.type))).toEqual([['FailureTarget'], ['FailureTarget', 'Failed']]);
    expect(p.status!.failed).toBe(1);
  });

  it('deadline exceeded: DeadlineExceeded', () => {
    const p = run(started({ activeDeadlineSeconds: 10, status: { active: 1 } }), [pod('r')], { now: sec(10) });
    expect(p.finishedCondition).toMatchObject({ type: 'FailureTarget', reason: 'DeadlineExceeded' });
  });

  it('expectations not satisfied: the decision is dropped for this sync, nothing finishes', () => {
    const p = run(started({ backoffLimit: 0 }), [pod('bad', { phase: 'Failed' })], { satisfiedExpectations: false });
    expect(p.finishedCondition).toBe(null);
    expect(p.status!.conditions).toBeUndefined();
  });
});

describe('syncJob: replacement and backoff', () => {
  it('a failed pod: counted, its backoff stored, replacement deferred 10 s (status.active reported 0 — the 1.32 quirk)', () => {
    const j = started({ completions: 2, parallelism: 2, status: { active: 2 } });
    const p = run(j, [pod('bad', { phase: 'Failed', finishedAt: T0 }), pod('ok')], { now: T0 });
    expect(p.backoff).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: T0 });
    expect(p.createPods).toEqual([]);
    expect(p.requeueAfterMs).toBe(10_000);
    expect(p.status).toMatchObject({ failed: 1 });
    expect(p.status!.active).toBeUndefined();
  });

  it('after the backoff the replacement is created', () => {
    const j = started({ completions: 2, parallelism: 2, status: { active: 1, failed: 1 } });
    const p = run(j, [pod('ok')], { now: sec(11), backoff: { failuresAfterLastSuccess: 1, lastFailureTime: T0 } });
    expect(p.createPods).toHaveLength(1);
    expect(p.status!.active).toBe(2);
  });

  it('without a status flush the stored backoff record is kept as it was', () => {
    const j = started({ completions: 2, parallelism: 1, status: { active: 1, ready: 0 } });
    const stored = { failuresAfterLastSuccess: 3, lastFailureTime: T0 };
    const p = run(j, [pod('r')], { backoff: stored });
    expect(p.statusWrites).toEqual([]);
    expect(p.backoff).toBe(stored);
  });
});

describe('syncJob: suspend and resume', () => {
  it('suspending a running Job: pods deleted (finalizer patched away first), Suspended, active 0, terminating counted', () => {
    const j = started({ suspend: true, completions: 3, parallelism: 2, status: { active: 2, ready: 2 } });
    const p = run(j, [pod('a', { ready: true }), pod('b', { ready: true })]);
    expect(p.deletions.every((d) => d.removeFinalizerFirst)).toBe(true);
    expect(p.status).toMatchObject({ terminating: 2, ready: 0 });
    expect(p.status!.active).toBeUndefined();
    expect(p.removeFinalizers).toEqual([]);
    expect(p.events).toEqual([{ type: 'Normal', reason: 'Suspended', message: 'Job suspended' }]);
  });

  it('resuming: Suspended=False, Resumed, startTime reset, pods created', () => {
    const j = started({ completions: 1, suspend: false, conditions: [newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', T0)] });
    const p = run(j, [], { now: sec(100) });
    expect(p.createPods).toHaveLength(1);
    expect(p.status!.startTime).toBe(iso(sec(100)));
    expect(p.status!.conditions).toEqual([newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', sec(100))]);
    expect(p.events).toEqual([{ type: 'Normal', reason: 'Resumed', message: 'Job resumed' }]);
  });
});

describe('syncJob: Indexed Jobs', () => {
  it('completedIndexes grows as indexes succeed; succeeded = number of indexes', () => {
    const j = started({ indexed: true, completions: 5, parallelism: 5, status: { completedIndexes: '0', succeeded: 1, active: 4 } });
    const pods = [pod('p1', { index: 1, phase: 'Succeeded' }), pod('p2', { index: 2, phase: 'Succeeded' }), pod('p3', { index: 3 }), pod('p4', { index: 4 })];
    const p = run(j, pods);
    expect(p.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3, active: 2 });
    expect(p.status!.uncountedTerminatedPods).toEqual({});
  });

  it('successPolicy: SuccessCriteriaMet/SuccessPolicy; lingering pods deleted and not counted; Complete keeps the reason', () => {
    const j = started({ indexed: true, completions: 3, parallelism: 3, spec: { successPolicy: { rules: [{ succeededIndexes: '0' }] } }, status: { active: 3 } });
    const p1 = run(j, [pod('p0', { index: 0, phase: 'Succeeded' }), pod('p1', { index: 1 }), pod('p2', { index: 2 })], { now: sec(4) });
    expect(names(p1.deletions.map((d) => d.pod))).toEqual(['p1', 'p2']);
    expect(names(p1.removeFinalizers)).toEqual(['p0', 'p1', 'p2']);
    expect(p1.status).toMatchObject({ succeeded: 1, completedIndexes: '0', terminating: 2 });
    expect(p1.status!.failed).toBeUndefined();
    expect(p1.finished).toBe(false);
    const p2 = run({ ...j, status: p1.status! }, [], { now: sec(30) });
    expect(p2.status!.conditions!.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0'],
      ['Complete', 'SuccessPolicy', 'Matched rules at index 0'],
    ]);
  });

  it('backoffLimitPerIndex: failedIndexes recorded, the failed pod kept until its replacement exists', () => {
    const j = started({ indexed: true, completions: 2, parallelism: 2, spec: { backoffLimitPerIndex: 1 }, status: { active: 2 } });
    const failed = pod('i0', { index: 0, phase: 'Failed', failureCount: '0', finishedAt: T0 });
    const p = run(j, [failed, pod('i1', { index: 1 })], { now: T0 });
    expect(p.status!.failedIndexes).toBe('');
    expect(p.removeFinalizers).toEqual([]);
    expect(p.requeueAfterMs).toBe(10_000);
    const q = run(j, [failed, pod('i1', { index: 1 })], { now: sec(10) });
    expect(q.createIndexes).toEqual([0]);
    expect(q.createPods[0].metadata!.annotations!['batch.kubernetes.io/job-index-failure-count']).toBe('1');
  });
});
