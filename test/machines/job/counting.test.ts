import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../../src/types.ts';
import {
  calculateFailedIndexes, calculateSucceededIndexes, countTerminatingPods, formatIntervals, getFinishedTime, getNewFinishedPods,
  getPodsWithDelayedDeletionPerIndex, isIndexFailed, isPodFailed, jobPodCounts, nonIgnoredFailedPodsCount, pastBackoffLimitOnFailure,
  GO_ZERO_TIME_MS,
} from '../../../machines/job/arith.ts';
import { job, names, pod, T0 } from './fixtures.ts';

describe('isPodFailed: a terminating pod counts as failed only with TerminatingOrFailed', () => {
  const terminating = pod('t', { deleting: T0 });
  it.each([
    ['phase Failed always', 'TerminatingOrFailed', pod('f', { phase: 'Failed' }), true],
    ['terminating Running, TerminatingOrFailed', 'TerminatingOrFailed', terminating, true],
    ['terminating Running, Failed', 'Failed', terminating, false],
    ['terminating Succeeded is never failed', 'TerminatingOrFailed', pod('s', { phase: 'Succeeded', deleting: T0 }), false],
    ['running', 'TerminatingOrFailed', pod('r'), false],
  ] as const)('%s', (_n, policy, p, want) => {
    expect(isPodFailed(p, job({ spec: { podReplacementPolicy: policy } }))).toBe(want);
  });

  it('a podFailurePolicy implies onlyReplaceFailedPods', () => {
    const j = job({ spec: { podFailurePolicy: { rules: [] }, podReplacementPolicy: 'TerminatingOrFailed' } });
    expect(isPodFailed(terminating, j)).toBe(false);
  });

  it('defaulting: podReplacementPolicy Failed with a podFailurePolicy, else TerminatingOrFailed', () => {
    expect(job().spec!.podReplacementPolicy).toBe('TerminatingOrFailed');
    expect(job({ spec: { podFailurePolicy: { rules: [] } } }).spec!.podReplacementPolicy).toBe('Failed');
  });
});

describe('jobPodCounts: active / ready / terminating / succeeded / failed', () => {
  it('counts over the pods, new finished pods, and the status counters', () => {
    const j = job({ completions: 5, parallelism: 3, status: { succeeded: 2, failed: 1, uncountedTerminatedPods: { succeeded: ['uid-u1'], failed: ['uid-u2'] } } });
    const pods = [
      pod('run-ready', { ready: true }),
      pod('run'),
      pod('pending', { phase: 'Pending' }),
      pod('terminating', { deleting: T0, ready: true }),
      pod('ok', { phase: 'Succeeded' }),
      pod('ok-counted', { phase: 'Succeeded', finalizer: false }),
      pod('u1', { phase: 'Succeeded' }),
      pod('bad', { phase: 'Failed' }),
      pod('u2', { phase: 'Failed' }),
    ];
    const c = jobPodCounts({ job: j, pods }, true);
    expect(names(c.activePods)).toEqual(['run-ready', 'run', 'pending']);
    expect(c).toMatchObject({ active: 3, ready: 1, terminating: 1 });
    expect(names(c.newSucceededPods)).toEqual(['ok']);
    expect(names(c.newFailedPods)).toEqual(['terminating', 'bad']);
    expect(c.succeeded).toBe(2 + 1 + 1);
    expect(c.failed).toBe(1 + 2 + 1);
  });

  it('pods expected to lose their finalizer are not new', () => {
    const c = getNewFinishedPods({ job: job(), pods: [pod('ok', { phase: 'Succeeded' })], expectedRmFinalizers: new Set(['uid-ok']) });
    expect(c.succeeded).toEqual([]);
  });

  it('Indexed: pods without a valid index below completions are not new', () => {
    const j = job({ indexed: true, completions: 3, parallelism: 3 });
    const pods = [pod('a', { phase: 'Succeeded', index: 0 }), pod('b', { phase: 'Succeeded', index: 3 }), pod('c', { phase: 'Succeeded' })];
    expect(names(getNewFinishedPods({ job: j, pods }).succeeded)).toEqual(['a']);
  });

  it('Ignored failures do not count towards backoffLimit', () => {
    const j = job({ spec: { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } } });
    const pods = [pod('x', { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] }), pod('y', { phase: 'Failed' })];
    expect(nonIgnoredFailedPodsCount(j, pods)).toBe(1);
  });

  it('terminating = deletionTimestamp and not terminal', () => {
    expect(countTerminatingPods([pod('a', { deleting: T0 }), pod('b', { deleting: T0, phase: 'Failed' }), pod('c')])).toBe(1);
  });
});

describe('pastBackoffLimitOnFailure: restarts of Running/Pending pods (OnFailure only)', () => {
  const onFailure = (backoffLimit: number) => job({ restartPolicy: 'OnFailure', backoffLimit });
  it.each([
    ['restartPolicy Never: never', job({ backoffLimit: 0 }), [pod('a', { restarts: 5 })], false],
    ['sum reaches the limit', onFailure(3), [pod('a', { restarts: 1 }), pod('b', { restarts: 1, initRestarts: 1 })], true],
    ['sum below the limit', onFailure(3), [pod('a', { restarts: 2 })], false],
    ['backoffLimit 0: any restart', onFailure(0), [pod('a', { restarts: 1 })], true],
    ['backoffLimit 0: no restart', onFailure(0), [pod('a')], false],
    ['finished pods do not count', onFailure(1), [pod('a', { restarts: 4, phase: 'Failed' })], false],
    ['pending pods count', onFailure(2), [pod('a', { restarts: 2, phase: 'Pending' })], true],
  ] as const)('%s', (_n, j, pods, want) => {
    expect(pastBackoffLimitOnFailure(j, pods)).toBe(want);
  });
});

// upstream backoff_utils_test.go TestGetFinishedTime.
describe('pod finish time (getFinishedTime)', () => {
  const term = (at?: number, name = 'c'): ContainerStatus => ({ name, image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, ...(at !== undefined ? { finishedAt: new Date(at).toISOString() } : {}) } } });
  const run: ContainerStatus = { name: 'r', image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } };
  it.each([
    ['all containers terminated → the latest', pod('a', { containerStatuses: [term(T0 - 1000), term(T0), term(T0 - 2000)] }), T0],
    ['one still running → deletionTimestamp', pod('b', { containerStatuses: [term(T0 - 1000), run], deleting: T0, grace: 0 }), T0],
    ['deletionTimestamp − grace period', pod('c', { containerStatuses: [run], deleting: T0, grace: 30 }), T0 - 30_000],
    ['Ready=False lastTransitionTime', pod('d', { containerStatuses: [term()], conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: new Date(T0).toISOString() }] }), T0],
    ['Ready=True is skipped', pod('e', { containerStatuses: [term()], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(T0 - 30_000).toISOString() }], deleting: T0, grace: 0 }), T0],
    ['creationTimestamp', pod('f', { containerStatuses: [term()], created: T0 }), T0],
  ] as const)('%s', (_n, p, want) => {
    expect(getFinishedTime(p)).toBe(want);
  });

  it('sidecars (restartPolicy Always init containers) finish last', () => {
    const p = pod('s', { containerStatuses: [term(T0 - 1000)], initContainerStatuses: [term(T0, 'sidecar')] });
    p.spec!.initContainers = [{ name: 'sidecar', image: 'i', restartPolicy: 'Always' } as never];
    expect(getFinishedTime(p)).toBe(T0);
    expect(getFinishedTime(p, { sidecarContainers: false })).toBe(T0 - 1000);
  });

  it('no time at all → Go zero time', () => {
    const base = pod('z', { containerStatuses: [] });
    const { creationTimestamp: _drop, ...metadata } = base.metadata!;
    expect(getFinishedTime({ ...base, metadata })).toBe(GO_ZERO_TIME_MS);
  });
});

describe('Indexed: succeeded and failed indexes', () => {
  it('calculateSucceededIndexes: status.completedIndexes plus new Succeeded pods with the finalizer', () => {
    const j = job({ indexed: true, completions: 6, parallelism: 6, status: { completedIndexes: '0,1' } });
    const pods = [pod('a', { phase: 'Succeeded', index: 3 }), pod('b', { phase: 'Succeeded', index: 2, finalizer: false }), pod('c', { phase: 'Succeeded', index: 7 })];
    const r = calculateSucceededIndexes(j, pods);
    expect(formatIntervals(r.prev)).toBe('0,1');
    expect(formatIntervals(r.all)).toBe('0,1,3');
  });

  const perIndex = (extra = {}) => job({ indexed: true, completions: 4, parallelism: 4, spec: { backoffLimitPerIndex: 1, ...extra } });

  it('isIndexFailed: failure-count annotation ≥ backoffLimitPerIndex (counts earlier failures)', () => {
    expect(isIndexFailed(perIndex(), pod('a', { phase: 'Failed', index: 0, failureCount: '0' }))).toBe(false);
    expect(isIndexFailed(perIndex(), pod('b', { phase: 'Failed', index: 0, failureCount: '1' }))).toBe(true);
    expect(isIndexFailed(perIndex(), pod('c', { index: 0, failureCount: '5' }))).toBe(false);
  });

  it('isIndexFailed: FailIndex fails at once; Ignore never', () => {
    const rules = (action: string) => ({ podFailurePolicy: { rules: [{ action, onExitCodes: { operator: 'In', values: [3] } }] } });
    expect(isIndexFailed(perIndex(rules('FailIndex')), pod('a', { phase: 'Failed', index: 0, exitCode: 3, failureCount: '0' }))).toBe(true);
    expect(isIndexFailed(perIndex(rules('Ignore')), pod('b', { phase: 'Failed', index: 0, exitCode: 3, failureCount: '9' }))).toBe(false);
  });

  it('calculateFailedIndexes: status.failedIndexes plus newly failed indexes', () => {
    const j = perIndex();
    j.status = { failedIndexes: '3' };
    const pods = [pod('a', { phase: 'Failed', index: 1, failureCount: '1' }), pod('b', { phase: 'Failed', index: 0, failureCount: '0' })];
    expect(formatIntervals(calculateFailedIndexes(j, pods))).toBe('1,3');
  });

  it('getPodsWithDelayedDeletionPerIndex: the latest failed pod of each index that has no replacement yet', () => {
    const j = perIndex();
    const pods = [
      pod('i0-first', { phase: 'Failed', index: 0, failureCount: '0', finishedAt: T0 }),
      pod('i0-second', { phase: 'Failed', index: 0, failureCount: '1', finishedAt: T0 + 5000 }),
      pod('i1-failed', { phase: 'Failed', index: 1, failureCount: '0', finishedAt: T0 }),
      pod('i1-replacement', { index: 1, failureCount: '1' }),
      pod('i2-failed', { phase: 'Failed', index: 2, failureCount: '0', finishedAt: T0 }),
    ];
    const active = pods.filter((p) => p.status?.phase === 'Running');
    const m = getPodsWithDelayedDeletionPerIndex({ job: j, pods }, active, [{ first: 2, last: 2 }], []);
    expect([...m.entries()].map(([ix, p]) => [ix, p.metadata?.name])).toEqual([[0, 'i0-second']]);
  });
});
