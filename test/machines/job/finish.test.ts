import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { Pod } from '../../../src/types.ts';
import { activeDeadlineRequeueMs, decideFinishedCondition, formatIntervals, jobPodCounts, newCondition, pastActiveDeadline } from '../../../machines/job/arith.ts';
import { iso, job, pod, sec, T0 } from './fixtures.ts';

function decide(j: Job, pods: Pod[], now = T0, startTime: number | null = T0) {
  const c = jobPodCounts({ job: j, pods }, true);
  return decideFinishedCondition({ job: j, pods, activePods: c.activePods, failed: c.failed, startTime, now });
}

describe('syncJob finish decisions, in order', () => {
  it('an existing SuccessCriteriaMet stays the decision, even with a FailJob pod', () => {
    const smc = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', 'Matched rules at index 0', T0);
    const j = job({ conditions: [smc], spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] } } });
    const d = decide(j, [pod('f', { phase: 'Failed', exitCode: 1 })]);
    expect(d.rule).toBe('successCriteriaMet');
    expect(d.condition).toBe(smc);
  });

  it('an existing FailureTarget → Failed with its reason and message', () => {
    const j = job({ conditions: [newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', T0)] });
    const d = decide(j, [], sec(5));
    expect(d.condition).toEqual(newCondition('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', sec(5)));
  });

  it('a FailJob rule → FailureTarget / PodFailurePolicy with the rule message', () => {
    const j = job({ spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } } });
    const d = decide(j, [pod('p', { phase: 'Failed', exitCode: 42 })]);
    expect(d.condition).toEqual(newCondition('FailureTarget', 'True', 'PodFailurePolicy', 'Container c for pod default/p failed with exit code 42 matching FailJob rule at index 0', T0));
  });

  it.each([
    ['failed == backoffLimit: not yet', 2, 2, null],
    ['failed > backoffLimit: BackoffLimitExceeded', 2, 3, 'BackoffLimitExceeded'],
    ['backoffLimit 0, one failure', 0, 1, 'BackoffLimitExceeded'],
  ] as const)('%s', (_n, backoffLimit, failures, reason) => {
    const pods = Array.from({ length: failures }, (_, i) => pod(`f${i}`, { phase: 'Failed' }));
    const d = decide(job({ backoffLimit, completions: 5 }), pods);
    expect(d.condition?.reason ?? null).toBe(reason);
    if (reason) expect(d.condition).toMatchObject({ type: 'FailureTarget', message: 'Job has reached the specified backoff limit' });
  });

  it('OnFailure restarts past the limit → BackoffLimitExceeded', () => {
    const d = decide(job({ restartPolicy: 'OnFailure', backoffLimit: 2 }), [pod('a', { restarts: 2 })]);
    expect(d.rule).toBe('backoffLimit');
  });

  it('activeDeadlineSeconds: exceeded → DeadlineExceeded; before → requeue at the deadline', () => {
    const j = job({ activeDeadlineSeconds: 10 });
    expect(decide(j, [], sec(10)).condition).toEqual(newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', sec(10)));
    const d = decide(j, [], sec(4));
    expect(d).toMatchObject({ condition: null, deadlineRequeueMs: 6000 });
  });

  it('backoffLimit wins over the deadline', () => {
    expect(decide(job({ activeDeadlineSeconds: 1, backoffLimit: 0 }), [pod('f', { phase: 'Failed' })], sec(5)).rule).toBe('backoffLimit');
  });

  it('a suspended Job never passes its deadline', () => {
    const j = job({ activeDeadlineSeconds: 1, suspend: true });
    expect(pastActiveDeadline(j, sec(100), T0)).toBe(false);
    expect(activeDeadlineRequeueMs(j, sec(100), T0)).toBe(null);
  });

  it('without 1.32 gates the failure condition is Failed directly', () => {
    const j = job({ backoffLimit: 0 });
    const pods = [pod('f', { phase: 'Failed' })];
    const c = jobPodCounts({ job: j, pods }, false);
    const d = decideFinishedCondition({ job: j, pods, activePods: c.activePods, failed: c.failed, startTime: T0, now: T0, gates: { jobManagedBy: false, jobPodReplacementPolicy: false } });
    expect(d.condition?.type).toBe('Failed');
  });
});

describe('Indexed Jobs: failed indexes and successPolicy', () => {
  const perIndex = (extra = {}) => job({ indexed: true, completions: 4, parallelism: 4, spec: { backoffLimitPerIndex: 0, ...extra } });
  const failedIx = (ix: number) => pod(`f${ix}`, { phase: 'Failed', index: ix, failureCount: '0' });
  const okIx = (ix: number) => pod(`s${ix}`, { phase: 'Succeeded', index: ix });

  it('more failed indexes than maxFailedIndexes → MaxFailedIndexesExceeded', () => {
    const d = decide(perIndex({ maxFailedIndexes: 1 }), [failedIx(0), failedIx(2)]);
    expect(d.condition).toMatchObject({ type: 'FailureTarget', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' });
    expect(formatIntervals(d.indexes!.failed!)).toBe('0,2');
  });

  it('every index succeeded or failed, some failed → FailedIndexes', () => {
    const d = decide(perIndex(), [failedIx(0), okIx(1), okIx(2), okIx(3)]);
    expect(d.condition).toMatchObject({ reason: 'FailedIndexes', message: 'Job has failed indexes' });
  });

  it('indexes still pending → undecided', () => {
    expect(decide(perIndex(), [failedIx(0), okIx(1)]).condition).toBe(null);
  });

  it('successPolicy matched → SuccessCriteriaMet / SuccessPolicy / "Matched rules at index 0"', () => {
    const j = job({ indexed: true, completions: 5, parallelism: 5, spec: { successPolicy: { rules: [{ succeededIndexes: '0,1' }] } } });
    const d = decide(j, [okIx(0), okIx(1), pod('r2', { index: 2 })]);
    expect(d.condition).toEqual(newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', 'Matched rules at index 0', T0));
    expect(formatIntervals(d.indexes!.succeeded)).toBe('0,1');
  });

  it('a failure decided earlier wins over a matching successPolicy', () => {
    const j = job({ indexed: true, completions: 3, backoffLimit: 0, spec: { successPolicy: { rules: [{ succeededCount: 1 }] } } });
    expect(decide(j, [okIx(0), pod('f1', { phase: 'Failed', index: 1 })]).rule).toBe('backoffLimit');
  });

  it('the decision time is now', () => {
    const j = job({ backoffLimit: 0 });
    expect(decide(j, [pod('f', { phase: 'Failed' })], sec(7)).condition!.lastTransitionTime).toBe(iso(sec(7)));
  });
});
