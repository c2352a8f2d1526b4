import { describe, expect, it } from 'vitest';
import {
  duplicatedIndexPodsForRemoval, firstPendingIndexes, formatIntervals, getCompletionIndex, getIndexAbsoluteFailureCount, getIndexFailureCount,
  goAtoi, intervalsHave, intervalsToIndexes, intervalsTotal, mergeIntervals, parseIndexesFromString, parseInt32, withOrderedIndexes,
  JOB_COMPLETION_INDEX_ANNOTATION,
} from '../../../machines/job/arith.ts';
import { names, pod } from './fixtures.ts';

const iv = (...pairs: [number, number][]) => pairs.map(([first, last]) => ({ first, last }));

describe('completedIndexes text (orderedIntervals.String)', () => {
  it.each([
    ['nothing', [], ''],
    ['one index', iv([3, 3]), '3'],
    ['a run of two is written "a,b"', iv([0, 1]), '0,1'],
    ['a run of three or more is written "a-b"', iv([3, 5]), '3-5'],
    ['mixed: 0,1,3-5', iv([0, 1], [3, 5]), '0,1,3-5'],
    ['the API doc example 1,3-5,7', iv([1, 1], [3, 5], [7, 7]), '1,3-5,7'],
  ] as const)('%s', (_n, intervals, want) => {
    expect(formatIntervals(intervals)).toBe(want);
  });
});

describe('parseIndexesFromString', () => {
  it.each([
    ['empty', '', 10, []],
    ['singles and runs, adjacent pieces merge', '0,1,3-5', 10, iv([0, 1], [3, 5])],
    ['"1,2,3" becomes one interval', '1,2,3', 10, iv([1, 3])],
    ['a first index at or beyond completions stops parsing', '1,5,2', 5, iv([1, 1])],
    ['a last index beyond completions is clamped', '2-9', 5, iv([2, 4])],
    ['corrupted pieces are skipped', '0,x,2-y,4', 10, iv([0, 0], [4, 4])],
    ['extra dashes are ignored', '1-2-3', 10, iv([1, 2])],
    ['Atoi accepts a plus sign', '+3', 10, iv([3, 3])],
    ['no order check: a lower index after a higher starts a new interval', '5,2', 10, iv([5, 5], [2, 2])],
  ] as const)('%s', (_n, text, completions, want) => {
    expect(parseIndexesFromString(text, completions)).toEqual(want);
  });

  it('round-trips a formatted list', () => {
    expect(formatIntervals(parseIndexesFromString('0,1,3-5,7,9-12', 20))).toBe('0,1,3-5,7,9-12');
  });
});

describe('interval arithmetic', () => {
  it('total and has (binary search)', () => {
    const oi = iv([0, 1], [3, 5], [9, 9]);
    expect(intervalsTotal(oi)).toBe(6);
    expect([0, 1, 2, 3, 5, 6, 8, 9, 10].map((i) => intervalsHave(oi, i))).toEqual([true, true, false, true, true, false, false, true, false]);
    expect(intervalsHave([], 0)).toBe(false);
  });

  it('withOrderedIndexes merges new indexes, joining adjacent ones', () => {
    expect(withOrderedIndexes(iv([0, 1], [5, 5]), [2, 3, 7])).toEqual(iv([0, 3], [5, 5], [7, 7]));
    expect(withOrderedIndexes([], [4, 4, 5])).toEqual(iv([4, 5]));
  });

  it('merge of two interval lists (failed indexes into the non-pending set)', () => {
    expect(mergeIntervals(iv([0, 2], [8, 9]), iv([3, 4], [6, 6]))).toEqual(iv([0, 4], [6, 6], [8, 9]));
    expect(intervalsToIndexes(iv([1, 3], [6, 6]))).toEqual([1, 2, 3, 6]);
  });
});

describe('a pod\'s completion index (getCompletionIndex)', () => {
  it.each([
    ['absent', undefined, -1],
    ['"3"', '3', 3],
    ['"007" parses as 7', '007', 7],
    ['"+2" parses as 2', '+2', 2],
    ['negative is unknown', '-1', -1],
    ['not a number', 'x', -1],
    ['spaces are not allowed', ' 1', -1],
    ['beyond int64 is unknown', '9223372036854775808', -1],
  ] as const)('%s → %s', (_n, v, want) => {
    expect(getCompletionIndex(v === undefined ? {} : { [JOB_COMPLETION_INDEX_ANNOTATION]: v })).toBe(want);
  });

  it('Go Atoi edge cases', () => {
    expect(goAtoi('-0')).toBe(0);
    expect(goAtoi('1_000')).toBe(null);
    expect(goAtoi('')).toBe(null);
  });
});

describe('per-index failure counts (job-index-failure-count annotations)', () => {
  it('parseInt32: invalid, negative and > MaxInt32 values are 0', () => {
    expect(['2', 'x', '-3', '2147483648', '2147483647'].map(parseInt32)).toEqual([2, 0, 0, 0, 2147483647]);
  });

  it('absolute count = counted + ignored; absent annotations are 0', () => {
    expect(getIndexFailureCount(pod('a'))).toBe(0);
    expect(getIndexAbsoluteFailureCount(pod('a', { failureCount: '2', ignoredFailureCount: '3' }))).toBe(5);
  });
});

describe('firstPendingIndexes: lowest indexes not succeeded, active, (terminating) or failed', () => {
  const active = (...ix: number[]) => ix.map((i) => pod(`p${i}`, { index: i }));
  it.each([
    ['count 0 → nothing', active(), [], 0, 5, null, null, []],
    ['all pending', active(), [], 3, 5, null, null, [0, 1, 2]],
    ['skips active and succeeded', active(1, 4), iv([0, 0], [2, 2]), 3, 6, null, null, [3, 5]],
    ['bounded by completions', active(0), [], 5, 3, null, null, [1, 2]],
    ['terminating pods hold their index (onlyReplaceFailedPods)', active(), [], 2, 4, active(0), null, [1, 2]],
    ['failed indexes are never retried', active(), iv([1, 1]), 3, 6, null, iv([0, 0], [3, 4]), [2, 5]],
    ['pods without an index hold nothing', [pod('x')], [], 1, 3, null, null, [0]],
  ] as const)('%s', (_n, activePods, succeeded, count, completions, terminating, failed, want) => {
    expect(firstPendingIndexes(activePods, succeeded, count, completions, terminating, failed)).toEqual(want);
  });
});

describe('removal of pods with bad or repeated indexes (appendDuplicatedIndexPodsForRemoval)', () => {
  it('no index and out-of-range go to rm; of a repeated index the pod preferred for deletion goes', () => {
    const pods = [
      pod('ok-0', { index: 0 }),
      pod('dup-1-ready', { index: 1, ready: true }),
      pod('dup-1-pending', { index: 1, phase: 'Pending' }),
      pod('none'),
      pod('big-7', { index: 7 }),
      pod('ok-2', { index: 2 }),
    ];
    const { rm, left } = duplicatedIndexPodsForRemoval(pods, 5);
    expect(names(rm)).toEqual(['none', 'dup-1-pending', 'big-7']);
    expect(names(left)).toEqual(['ok-0', 'dup-1-ready', 'ok-2']);
  });

  it('three pods on one index: two go, the running ready one stays', () => {
    const pods = [pod('a', { index: 0, ready: true }), pod('b', { index: 0, nodeName: '' , phase: 'Pending' }), pod('c', { index: 0, phase: 'Pending' })];
    const { rm, left } = duplicatedIndexPodsForRemoval(pods, 1);
    expect(names(rm)).toEqual(['b', 'c']);
    expect(names(left)).toEqual(['a']);
  });
});
