import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import {
  compareByJobStartTime, deleteFromActiveList, finishedCondition, getJobFromTemplate2, getJobsToBeReconciled, getRef,
  inActiveList, inActiveListByName, isControlledBy, isJobFinished, isJobSucceeded, newControllerRef,
} from '../../../machines/cronjob/jobs.ts';
import { setDefaultsCronJob } from '../../../machines/cronjob/spec.ts';
import { cronJob, job } from './fixtures.ts';

describe('byJobStartTime (utils_test.go TestByJobStartTime)', () => {
  const now = '2018-01-01T02:03:04Z';
  const later = '2019-01-01T02:03:04Z';
  const named = (name: string, start?: string) => ({ metadata: { name }, status: start ? { startTime: start } : {} }) as Job;
  const aNil = named('a');
  const bNil = named('b');
  const aSet = named('a', now);
  const bSet = named('b', now);
  const aSetLater = named('a', later);
  it.each([
    ['both have nil start times', [bNil, aNil], [aNil, bNil]],
    ['only the first has a nil start time', [aNil, bSet], [bSet, aNil]],
    ['only the second has a nil start time', [aSet, bNil], [aSet, bNil]],
    ['both have non-nil, equal start time', [bSet, aSet], [aSet, bSet]],
    ['both have non-nil, different start time', [aSetLater, bSet], [bSet, aSetLater]],
  ])('%s', (_n, input, want) => {
    expect([...input].sort(compareByJobStartTime)).toEqual(want);
  });
});

describe('finished states (job/util FinishedCondition, IsJobFinished, IsJobSucceeded)', () => {
  const withConds = (conditions: { type: string; status: string }[]) => ({ status: { conditions } }) as Job;
  it.each([
    ['no conditions', [], { finished: false }, false],
    ['Complete True', [{ type: 'Complete', status: 'True' }], { finished: true, condition: 'Complete' }, true],
    ['Failed True', [{ type: 'Failed', status: 'True' }], { finished: true, condition: 'Failed' }, false],
    ['Complete False', [{ type: 'Complete', status: 'False' }], { finished: false }, false],
    ['SuccessCriteriaMet only', [{ type: 'SuccessCriteriaMet', status: 'True' }], { finished: false }, false],
    ['FailureTarget then Failed', [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }], { finished: true, condition: 'Failed' }, false],
  ])('%s', (_n, conds, want, succeeded) => {
    const j = withConds(conds);
    expect(finishedCondition(j)).toEqual(want);
    expect(isJobFinished(j)).toBe(want.finished);
    expect(isJobSucceeded(j)).toBe(succeeded);
  });
});

describe('the active list', () => {
  const a = job('hello-1');
  const b = job('hello-2');
  const cj = cronJob({ active: [a, b] });
  it('inActiveList by UID, inActiveListByName by name and namespace', () => {
    expect(inActiveList(cj, 'hello-1-uid')).toBe(true);
    expect(inActiveList(cj, 'other')).toBe(false);
    expect(inActiveListByName(cj, { name: 'hello-2', namespace: 'default' })).toBe(true);
    expect(inActiveListByName(cj, { name: 'hello-2', namespace: 'other' })).toBe(false);
  });
  it('deleteFromActiveList keeps the other UIDs', () => {
    expect(deleteFromActiveList(cj.status!.active, 'hello-1-uid').map((r) => r.name)).toEqual(['hello-2']);
    expect(deleteFromActiveList(undefined, 'x')).toEqual([]);
  });
  it('getRef: the reference appended to status.active', () => {
    expect(getRef(job('hello-28401125'))).toEqual({
      apiVersion: 'batch/v1', kind: 'Job', name: 'hello-28401125', namespace: 'default', uid: 'hello-28401125-uid', resourceVersion: '1',
    });
  });
});

describe('ownership', () => {
  it('getJobsToBeReconciled: a controller ref with the CronJob NAME (kind and UID not checked)', () => {
    const mine = job('hello-1');
    const sameNameOtherUid = job('hello-2', { ownerUid: 'old-uid' });
    const notController = { ...job('hello-3'), metadata: { ...job('hello-3').metadata, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid' }] } } as Job;
    const orphan = job('hello-4', { owner: null });
    const other = job('other-1', { owner: 'other' });
    expect(getJobsToBeReconciled(cronJob(), [mine, sameNameOtherUid, notController, orphan, other]).map((j) => j.metadata!.name)).toEqual(['hello-1', 'hello-2']);
  });
  it('isControlledBy: the controller ref UID', () => {
    expect(isControlledBy(job('hello-1'), cronJob())).toBe(true);
    expect(isControlledBy(job('hello-1', { ownerUid: 'x' }), cronJob())).toBe(false);
  });
  it('NewControllerRef', () => {
    expect(newControllerRef(cronJob())).toEqual({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true, blockOwnerDeletion: true });
  });
});

describe('getJobFromTemplate2 (utils_test.go TestGetJobFromTemplate2)', () => {
  // topOfTheHour: 2016-05-19T10:00:00Z = minute 24394200
  const scheduled = Date.parse('2016-05-19T10:00:00Z');
  const base = (timeZone: string | undefined, annotations: Record<string, string>): CronJob => ({
    metadata: { name: 'mycronjob', namespace: 'snazzycats', uid: '1a2b3c' },
    spec: {
      schedule: '* * * * ?', concurrencyPolicy: 'Allow', ...(timeZone ? { timeZone } : {}),
      jobTemplate: {
        metadata: { labels: { a: 'b' }, annotations },
        spec: { activeDeadlineSeconds: 1, manualSelector: false, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } } },
      },
    },
  });
  it.each([
    ['UTC timezone and one annotation', 'UTC', { x: 'y' }, '2016-05-19T10:00:00Z'],
    ['nil timezone and one annotation (UTC, not Local)', undefined, { x: 'y' }, '2016-05-19T10:00:00Z'],
    ['correct timezone and multiple annotation', 'Europe/Rome', { x: 'y', z: 'x' }, '2016-05-19T12:00:00+02:00'],
  ])('%s', (_n, tz, annotations, stamp) => {
    const r = getJobFromTemplate2(base(tz, annotations), scheduled);
    expect('job' in r).toBe(true);
    if (!('job' in r)) return;
    expect(r.job).toEqual({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name: 'mycronjob-24394200', namespace: 'snazzycats',
        labels: { a: 'b' },
        annotations: { ...annotations, 'batch.kubernetes.io/cronjob-scheduled-timestamp': stamp },
        creationTimestamp: '2016-05-19T10:00:00Z',
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c', controller: true, blockOwnerDeletion: true }],
      },
      spec: { activeDeadlineSeconds: 1, manualSelector: false, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } } },
    });
  });

  it('the spec is a copy; no template labels → no labels; an unloadable zone is the error', () => {
    const c = cronJob({ timeZone: 'America/New_York' });
    const r = getJobFromTemplate2(c, Date.parse('2024-07-04T16:00:00Z'));
    if (!('job' in r)) throw new Error('no job');
    expect(r.job.metadata!.labels).toBeUndefined();
    expect(r.job.metadata!.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-07-04T12:00:00-04:00' });
    expect(r.job.spec).not.toBe(c.spec!.jobTemplate.spec);
    expect(getJobFromTemplate2(cronJob({ timeZone: 'Mars/Olympus' }), 0)).toEqual({ error: 'unknown time zone Mars/Olympus' });
  });
});

describe('SetDefaults_CronJob', () => {
  it('Allow, not suspended, 3 successful and 1 failed kept; explicit values stay', () => {
    const d = setDefaultsCronJob({ spec: { schedule: '* * * * *', jobTemplate: {} } });
    expect(d.spec).toEqual({ schedule: '* * * * *', jobTemplate: {}, concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const e = setDefaultsCronJob({ spec: { schedule: '* * * * *', jobTemplate: {}, concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 0 } });
    expect(e.spec).toMatchObject({ concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 1 });
  });
});
