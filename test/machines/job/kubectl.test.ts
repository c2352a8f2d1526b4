import { describe, expect, it } from 'vitest';
import { jobRow, newCondition } from '../../../machines/job/arith.ts';
import { iso, job, sec, T0 } from './fixtures.ts';

const cond = (type: string, status = 'True') => ({ ...newCondition(type, status, '', '', T0) });

// Cells as upstream printers_test.go TestPrintJob lays them out: Name, Status, Completions, Duration, Age.
describe('kubectl get jobs (printJob)', () => {
  it.each([
    ['running, completions 3', job({ completions: 3, parallelism: 1, status: { succeeded: 1, startTime: iso(T0) } }), sec(60), ['foobar', 'Running', '1/3', '60s', '60s']],
    ['not started: empty duration', job({ suspend: true, conditions: [cond('Suspended')] }), sec(5), ['foobar', 'Suspended', '0/1', '', '5s']],
    ['complete: duration = completionTime − startTime', job({ status: { succeeded: 1, startTime: iso(T0), completionTime: iso(sec(185)) }, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), sec(4000), ['foobar', 'Complete', '1/1', '3m5s', '66m']],
    ['failed', job({ conditions: [cond('FailureTarget'), cond('Failed')] }), sec(1), ['foobar', 'Failed', '0/1', '', '1s']],
    ['failure target only', job({ conditions: [cond('FailureTarget')] }), sec(1), ['foobar', 'FailureTarget', '0/1', '', '1s']],
    ['SuccessCriteriaMet alone is still Running in 1.32', job({ conditions: [cond('SuccessCriteriaMet')] }), sec(1), ['foobar', 'Running', '0/1', '', '1s']],
    ['terminating beats suspended', job({ deletionTimestamp: iso(sec(1)), conditions: [cond('Suspended')] }), sec(1), ['foobar', 'Terminating', '0/1', '', '1s']],
    ['a False condition does not count', job({ conditions: [cond('Suspended', 'False')] }), sec(1), ['foobar', 'Running', '0/1', '', '1s']],
    ['work queue, parallelism 3', job({ completions: null, parallelism: 3, status: { succeeded: 2 } }), sec(1), ['foobar', 'Running', '2/1 of 3', '', '1s']],
    ['work queue, parallelism 1', job({ completions: null, parallelism: 1 }), sec(1), ['foobar', 'Running', '0/1', '', '1s']],
  ] as const)('%s', (_n, j, now, want) => {
    expect(jobRow(j, now)).toEqual(want);
  });
});
