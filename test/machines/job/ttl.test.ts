import { describe, expect, it } from 'vitest';
import { jobFinishTime, needsCleanup, newCondition, ttlAction, ttlExpiry } from '../../../machines/job/arith.ts';
import { job, sec, T0 } from './fixtures.ts';

const finished = (type: 'Complete' | 'Failed', at: number, ttl?: number) =>
  job({ ...(ttl !== undefined ? { spec: { ttlSecondsAfterFinished: ttl } } : {}), conditions: [newCondition(type, 'True', '', '', at)] });

describe('ttlSecondsAfterFinished (ttlafterfinished controller)', () => {
  it.each([
    ['Complete + ttl 100 → finish + 100 s', finished('Complete', sec(10), 100), sec(110)],
    ['Failed + ttl 0 → at the finish', finished('Failed', sec(10), 0), sec(10)],
    ['no ttl → never', finished('Complete', sec(10)), null],
    ['not finished → never', job({ spec: { ttlSecondsAfterFinished: 5 } }), null],
    ['FailureTarget is not finished', job({ spec: { ttlSecondsAfterFinished: 5 }, conditions: [newCondition('FailureTarget', 'True', 'X', 'y', T0)] }), null],
  ] as const)('%s', (_n, j, want) => {
    expect(ttlExpiry(j)).toBe(want);
  });

  it('the first True Complete/Failed condition gives the finish time', () => {
    const j = job({ spec: { ttlSecondsAfterFinished: 1 }, conditions: [newCondition('SuccessCriteriaMet', 'True', '', '', sec(1)), newCondition('Complete', 'True', '', '', sec(3))] });
    expect(jobFinishTime(j)).toEqual({ finishAt: sec(3) });
    expect(needsCleanup(j)).toBe(true);
  });

  it('a zero lastTransitionTime is an error', () => {
    const j = job({ spec: { ttlSecondsAfterFinished: 1 }, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(jobFinishTime(j)).toEqual({ error: 'unable to find the time when the Job default/foobar finished' });
    expect(ttlExpiry(j)).toBe(null);
  });

  it('processTTL: requeue before expiry; delete (Foreground, UID precondition) at expiry; a deleting Job is ignored', () => {
    const j = finished('Complete', sec(10), 100);
    expect(ttlAction(j, sec(60))).toEqual({ action: 'requeue', afterMs: 50_000 });
    expect(ttlAction(j, sec(110))).toEqual({ action: 'delete', propagationPolicy: 'Foreground', preconditionUid: 'job-uid' });
    expect(ttlAction({ ...j, metadata: { ...j.metadata, deletionTimestamp: '2009-11-10T23:05:00Z' } }, sec(200))).toEqual({ action: 'none' });
  });
});
