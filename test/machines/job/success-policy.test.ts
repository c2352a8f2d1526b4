import { describe, expect, it } from 'vitest';
import type { SuccessPolicy } from 'kubernetes-types/batch/v1.d.ts';
import { hasSuccessCriteriaMetCondition, isSuccessCriteriaMetCondition, matchSuccessPolicy } from '../../../machines/job/arith.ts';
import { job } from './fixtures.ts';

const iv = (...pairs: [number, number][]) => pairs.map(([first, last]) => ({ first, last }));
const idx = (succeededIndexes: string, succeededCount?: number): SuccessPolicy => ({ rules: [{ succeededIndexes, ...(succeededCount !== undefined ? { succeededCount } : {}) }] });
const cnt = (succeededCount: number): SuccessPolicy => ({ rules: [{ succeededCount }] });

// upstream success_policy_test.go TestMatchSuccessPolicy (completions 10).
describe('matchSuccessPolicy ("Matched rules at index <n>")', () => {
  it.each([
    ['successPolicy is null', null, iv([0, 0]), null],
    ['no rules', { rules: [] }, iv([0, 0]), null],
    ['succeededIndexes in invalid format skip the rule', idx('invalid-form'), iv([0, 0]), null],
    ['succeededIndexes matched', idx('0-2'), iv([0, 2], [4, 7]), 0],
    ['succeededIndexes not matched', idx('3'), iv([0, 2]), null],
    ['succeededCount matched', cnt(2), iv([0, 2]), 0],
    ['succeededCount not matched', cnt(4), iv([0, 2]), null],
    ['multiple rules, the second matches', { rules: [{ succeededIndexes: '9' }, { succeededIndexes: '4,6' }] }, iv([0, 2], [4, 7]), 1],
    ['multiple rules, both match: the first wins', { rules: [{ succeededIndexes: '0,1' }, { succeededIndexes: '5' }] }, iv([0, 2], [4, 7]), 0],
    ['indexes + count: 2 of 3-6 succeeded', idx('3-6', 2), iv([0, 2], [4, 7]), 0],
    ['indexes + count: only 1 of 3-6 succeeded', idx('3-6', 2), iv([0, 2], [6, 7]), null],
    ['no succeeded index at all', cnt(4), [], null],
    ['rule is a proper subset', idx('2-4,6-8'), iv([1, 5], [6, 9]), 0],
    ['rule equals succeeded', idx('2-4,6-9'), iv([2, 4], [6, 9]), 0],
    ['rule is a subset of wider intervals', idx('2-4,8-12'), iv([2, 5], [7, 15]), 0],
    ['empty rule list of indexes', idx(''), iv([1, 3]), null],
    ['rule beyond completions (clipped away)', idx('10-12,14-16'), iv([1, 3], [5, 7]), null],
    ['rule overlaps at first', idx('1-3,5-7'), iv([2, 4], [6, 8]), null],
    ['rule overlaps at first, count 4 reached', idx('1-3,5-7', 4), iv([2, 4], [6, 8]), 0],
    ['rule overlaps at last', idx('2-4,6-9'), iv([1, 3], [5, 7]), null],
    ['rule overlaps at last, count 4 reached', idx('2-4,6-9', 4), iv([1, 3], [5, 7]), 0],
    ['rule covers succeeded completely', idx('0-4,6-9'), iv([1, 3], [7, 8]), null],
    ['rule covers succeeded completely, count 5 reached', idx('0-4,6-9', 5), iv([1, 3], [7, 8]), 0],
    ['multiple succeeded intervals at last', idx('0-6,8-9'), iv([1, 3], [5, 9]), null],
    ['multiple succeeded intervals at last, count 7 reached', idx('0-6,8-9', 7), iv([1, 3], [5, 9]), 0],
    ['rule clipped to completions 10', idx('0-5,7-9'), iv([1, 5], [7, 10]), null],
    ['rule clipped to completions 10, count 8 reached', idx('0-5,7-9', 8), iv([1, 5], [7, 10]), 0],
    ['first rule interval overlaps at first', idx('0-3,6-9'), iv([1, 10]), null],
    ['first rule interval overlaps at first, count 7 reached', idx('0-3,6-9', 7), iv([1, 10]), 0],
  ] as const)('%s', (_n, policy, succeeded, wantRule) => {
    const m = matchSuccessPolicy(policy as SuccessPolicy | null, succeeded, 10);
    expect(m).toEqual(wantRule === null ? null : { message: `Matched rules at index ${wantRule}`, ruleIndex: wantRule });
  });

  it('gate JobSuccessPolicy off → never matches', () => {
    expect(matchSuccessPolicy(cnt(1), iv([0, 0]), 10, { jobSuccessPolicy: false })).toBe(null);
  });
});

describe('SuccessCriteriaMet condition helpers', () => {
  it('hasSuccessCriteriaMetCondition finds a True condition only', () => {
    const t = { type: 'SuccessCriteriaMet', status: 'True' };
    expect(hasSuccessCriteriaMetCondition(job({ conditions: [t] }))).toEqual(t);
    expect(hasSuccessCriteriaMetCondition(job({ conditions: [{ type: 'SuccessCriteriaMet', status: 'False' }] }))).toBe(undefined);
    expect(hasSuccessCriteriaMetCondition(job({ conditions: [t] }), { jobSuccessPolicy: false, jobManagedBy: false, jobPodReplacementPolicy: false })).toBe(undefined);
  });

  it('isSuccessCriteriaMetCondition', () => {
    expect(isSuccessCriteriaMetCondition({ type: 'SuccessCriteriaMet', status: 'True' })).toBe(true);
    expect(isSuccessCriteriaMetCondition({ type: 'Complete', status: 'True' })).toBe(false);
    expect(isSuccessCriteriaMetCondition(null)).toBe(false);
  });
});
