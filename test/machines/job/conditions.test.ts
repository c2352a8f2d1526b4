import { describe, expect, it } from 'vitest';
import {
  ensureJobConditionStatus, jobFinishedEvents, newCondition, newFailedConditionForFailureTarget, newFailureCondition, newSuccessCondition,
  suspendConditionUpdate,
} from '../../../machines/job/arith.ts';
import { iso, job, sec, T0 } from './fixtures.ts';

describe('newCondition', () => {
  it('probe and transition times are now; empty reason / message omitted', () => {
    expect(newCondition('Complete', 'True', '', '', T0)).toEqual({ type: 'Complete', status: 'True', lastProbeTime: iso(T0), lastTransitionTime: iso(T0) });
    expect(newCondition('Failed', 'True', 'R', 'M', T0)).toMatchObject({ reason: 'R', message: 'M' });
  });
});

describe('ensureJobConditionStatus', () => {
  const existing = newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', T0);
  it.each([
    ['absent + True → appended', [], 'True', 'JobSuspended', 'Job suspended', true, 1],
    ['absent + False → nothing (never appended)', [], 'False', 'JobResumed', 'Job resumed', false, 0],
    ['same status / reason / message → unchanged', [existing], 'True', 'JobSuspended', 'Job suspended', false, 1],
    ['different status → replaced', [existing], 'False', 'JobResumed', 'Job resumed', true, 1],
  ] as const)('%s', (_n, list, status, reason, message, changed, len) => {
    const r = ensureJobConditionStatus([...list], 'Suspended', status, reason, message, sec(10));
    expect(r.changed).toBe(changed);
    expect(r.conditions).toHaveLength(len);
    if (changed) expect(r.conditions.find((c) => c.type === 'Suspended')!.lastTransitionTime).toBe(iso(sec(10)));
  });
});

describe('failure and success conditions (1.32: interim first)', () => {
  it('newFailureCondition: FailureTarget with the gates, Failed without', () => {
    expect(newFailureCondition('BackoffLimitExceeded', 'Job has reached the specified backoff limit', T0).type).toBe('FailureTarget');
    expect(newFailureCondition('X', 'y', T0, { jobManagedBy: false, jobPodReplacementPolicy: false }).type).toBe('Failed');
  });

  it('newSuccessCondition: SuccessCriteriaMet / CompletionsReached / "Reached expected number of succeeded pods"', () => {
    expect(newSuccessCondition(T0)).toEqual({
      type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods',
      lastProbeTime: iso(T0), lastTransitionTime: iso(T0),
    });
    const old = newSuccessCondition(T0, { jobManagedBy: false, jobPodReplacementPolicy: false, jobSuccessPolicy: false });
    expect(old).toEqual({ type: 'Complete', status: 'True', lastProbeTime: iso(T0), lastTransitionTime: iso(T0) });
  });

  it('Failed copies the FailureTarget reason and message', () => {
    const ft = newCondition('FailureTarget', 'True', 'PodFailurePolicy', 'msg', T0);
    expect(newFailedConditionForFailureTarget(ft, sec(5))).toEqual(newCondition('Failed', 'True', 'PodFailurePolicy', 'msg', sec(5)));
  });
});

describe('Suspended / Resumed', () => {
  it('suspending: Suspended=True JobSuspended "Job suspended", event Suspended', () => {
    const u = suspendConditionUpdate(job({ suspend: true }), [], T0);
    expect(u.conditions).toEqual([newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', T0)]);
    expect(u.event).toEqual({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    expect(u.startTime).toBe(null);
  });

  it('resuming: Suspended=False JobResumed "Job resumed", event Resumed, startTime reset to now', () => {
    const suspended = [newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', T0)];
    const u = suspendConditionUpdate(job({ suspend: false }), suspended, sec(60));
    expect(u.conditions).toEqual([newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', sec(60))]);
    expect(u.event).toEqual({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
    expect(u.startTime).toBe(iso(sec(60)));
  });

  it('a Job that was never suspended: nothing', () => {
    expect(suspendConditionUpdate(job(), [], T0)).toEqual({ conditions: [], changed: false, event: null, startTime: null });
  });
});

describe('events when the Job finishes (recordJobFinished)', () => {
  it('Complete: Completed "Job completed"; TooManySucceededPods first when succeeded > completions', () => {
    const complete = newCondition('Complete', 'True', 'CompletionsReached', 'm', T0);
    expect(jobFinishedEvents(job({ completions: 2, status: { succeeded: 2 } }), complete)).toEqual([{ type: 'Normal', reason: 'Completed', message: 'Job completed' }]);
    expect(jobFinishedEvents(job({ completions: 2, status: { succeeded: 3 } }), complete)).toEqual([
      { type: 'Warning', reason: 'TooManySucceededPods', message: 'Too many succeeded pods running after completion count reached' },
      { type: 'Normal', reason: 'Completed', message: 'Job completed' },
    ]);
  });

  it('Failed: a Warning with the condition reason and message', () => {
    const failed = newCondition('Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', T0);
    expect(jobFinishedEvents(job(), failed)).toEqual([{ type: 'Warning', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }]);
  });
});
