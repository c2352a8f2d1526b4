import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import { createJobFromCronJob } from '../../../machines/cronjob/kubectl.ts';
import { onCronJobUpdate, syncCronJobPlan, type CreateOutcome, type SyncContext } from '../../../machines/cronjob/sync.ts';
import { apiCreate, at, cronJob, job, type CronJobOptions } from './fixtures.ts';

// "*/5 * * * *", created 2024-01-01T10:00:10Z. Minutes since the epoch: 10:00 → 28401720, 10:05 → 28401725.
const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => ({ type, reason, message });
const ref = (name: string, rv = '7') => ({ apiVersion: 'batch/v1', kind: 'Job', name, namespace: 'default', resourceVersion: rv, uid: `${name}-uid` });

function run(o: CronJobOptions, now: string, jobs: Job[] = [], create: (j: Job) => CreateOutcome = apiCreate, extra: Partial<SyncContext> = {}) {
  const calls: Job[] = [];
  const result = syncCronJobPlan(cronJob(o), { now: at(now), namespaceJobs: jobs, ...extra }, (j) => { calls.push(j); return create(j); });
  return { ...result, calls };
}

describe('scheduling a job', () => {
  it('the first due time: the Job, SuccessfulCreate, active + lastScheduleTime, requeue at the next time + 100 ms', () => {
    const r = run({}, '2024-01-01T10:05:00.100Z');
    expect(r.calls.map((j) => j.metadata!.name)).toEqual(['hello-28401725']);
    expect(r.createRequest!.metadata!.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-01-01T10:05:00Z' });
    expect(r.events).toEqual([ev('Normal', 'SuccessfulCreate', 'Created job hello-28401725')]);
    expect(r.status).toEqual({ active: [ref('hello-28401725')], lastScheduleTime: '2024-01-01T10:05:00Z' });
    expect(r.updateStatus).toBe(true);
    expect(r.deletions).toEqual([]);
    expect(r.requeueAfterMs).toBe(300_000);
  });

  it('nothing due yet: requeue at the first time + 100 ms, no status write', () => {
    const r = run({}, '2024-01-01T10:03:00Z');
    expect(r).toMatchObject({ events: [], calls: [], updateStatus: false, status: {}, requeueAfterMs: 120_100 });
  });

  it('already handled: lastScheduleTime is the due time, or its job name is active', () => {
    expect(run({ last: '2024-01-01T10:05:00Z' }, '2024-01-01T10:05:00.100Z')).toMatchObject({ calls: [], events: [], requeueAfterMs: 300_000 });
    const j = job('hello-28401725', { start: '2024-01-01T10:05:01Z' });
    expect(run({ last: '2024-01-01T10:00:00Z', active: [j] }, '2024-01-01T10:05:00.100Z', [j])).toMatchObject({ calls: [], events: [], requeueAfterMs: 300_000 });
  });

  it('only the most recent missed time is started; more than 100 missed warns TooManyMissedTimes first', () => {
    const r = run({ schedule: '* * * * *' }, '2024-01-01T12:00:30Z');
    expect(r.calls.map((j) => j.metadata!.name)).toEqual(['hello-28401840']);
    expect(r.events).toEqual([
      ev('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'),
      ev('Normal', 'SuccessfulCreate', 'Created job hello-28401840'),
    ]);
    expect(r.status.lastScheduleTime).toBe('2024-01-01T12:00:00Z');
    expect(r.requeueAfterMs).toBe(30_100);
  });

  it('startingDeadlineSeconds: a slot older than the deadline is dropped silently (no MissSchedule, no job)', () => {
    const r = run({ schedule: '0 * * * *', last: '2024-01-01T09:00:00Z', sds: 60 }, '2024-01-01T10:05:00Z');
    expect(r).toMatchObject({ calls: [], events: [], updateStatus: false });
    expect(r.requeueAfterMs).toBe(55 * 60_000 + 100);
    // within the deadline the job starts late
    expect(run({ schedule: '0 * * * *', last: '2024-01-01T09:00:00Z', sds: 60 }, '2024-01-01T10:00:45Z').calls.map((j) => j.metadata!.name)).toEqual(['hello-28401720']);
  });

  it('timeZone: the scheduled-timestamp annotation in the zone; no run in the DST gap (New York, 2024-03-10)', () => {
    const o = { schedule: '0 2 * * *', timeZone: 'America/New_York', created: '2024-03-01T00:00:00Z', last: '2024-03-09T07:00:00Z' };
    const gap = run(o, '2024-03-10T07:00:00.100Z');
    expect(gap).toMatchObject({ calls: [], events: [], requeueAfterMs: 23 * 3600_000 });
    const next = run(o, '2024-03-11T06:00:00.100Z');
    expect(next.createRequest!.metadata!.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-03-11T02:00:00-04:00' });
    expect(next.status.lastScheduleTime).toBe('2024-03-11T06:00:00Z');
  });
});

describe('concurrencyPolicy with a job still running', () => {
  const running = job('hello-28401720', { start: '2024-01-01T10:00:01Z' });
  const o = { last: '2024-01-01T10:00:00Z', active: [running] };

  it('Allow: a second job', () => {
    const r = run(o, '2024-01-01T10:05:00.100Z', [running]);
    expect(r.status.active!.map((a) => a.name)).toEqual(['hello-28401720', 'hello-28401725']);
    expect(r.events).toEqual([ev('Normal', 'SuccessfulCreate', 'Created job hello-28401725')]);
  });

  it('Forbid: JobAlreadyActive, the slot is skipped, requeue at the next one', () => {
    const r = run({ ...o, policy: 'Forbid' }, '2024-01-01T10:05:00.100Z', [running]);
    expect(r).toMatchObject({
      calls: [], updateStatus: false, requeueAfterMs: 300_000,
      events: [ev('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')],
    });
    expect(r.status.lastScheduleTime).toBe('2024-01-01T10:00:00Z');
  });

  it('Replace: the running job deleted (Background) first, then the new one', () => {
    const r = run({ ...o, policy: 'Replace' }, '2024-01-01T10:05:00.100Z', [running]);
    expect(r.deletions).toEqual([{ namespace: 'default', name: 'hello-28401720', uid: 'hello-28401720-uid', propagationPolicy: 'Background', cause: 'replace' }]);
    expect(r.events).toEqual([ev('Normal', 'SuccessfulDelete', 'Deleted job hello-28401720'), ev('Normal', 'SuccessfulCreate', 'Created job hello-28401725')]);
    expect(r.status.active).toEqual([ref('hello-28401725')]);
  });

  it('Replace: an active entry whose GET fails → FailedGet and a rate-limited retry', () => {
    // an entry carrying the UID of a reconciled job but another name: not "missing", and its GET by name fails
    const c = cronJob({ ...o, policy: 'Replace' });
    const withGhost = { ...c, status: { ...c.status, active: [{ ...c.status!.active![0]!, name: 'ghost' }] } };
    const r = syncCronJobPlan(withGhost, { now: at('2024-01-01T10:05:00.100Z'), namespaceJobs: [running] }, apiCreate);
    expect(r).toMatchObject({
      events: [ev('Warning', 'FailedGet', 'Get job: jobs.batch "ghost" not found')], error: 'jobs.batch "ghost" not found',
      requeueAfterMs: null, deletions: [],
    });
  });
});

describe('reconciling the jobs', () => {
  it('an active job completed: SawCompletedJob (condition), out of active, lastSuccessfulTime', () => {
    const done = job('hello-28401720', { state: 'complete', start: '2024-01-01T10:00:01Z', completion: '2024-01-01T10:01:30Z' });
    const r = run({ last: '2024-01-01T10:00:00Z', active: [done] }, '2024-01-01T10:03:00Z', [done]);
    expect(r.events).toEqual([ev('Normal', 'SawCompletedJob', 'Saw completed job: hello-28401720, condition: Complete')]);
    expect(r.status).toEqual({ lastScheduleTime: '2024-01-01T10:00:00Z', lastSuccessfulTime: '2024-01-01T10:01:30Z' });
    expect(r).toMatchObject({ updateStatus: true, requeueAfterMs: 120_100 });
  });

  it('an active job failed: condition Failed, lastSuccessfulTime untouched', () => {
    const failed = job('hello-28401720', { state: 'failed', start: '2024-01-01T10:00:01Z' });
    const r = run({ last: '2024-01-01T10:00:00Z', active: [failed], lastSuccessful: '2024-01-01T09:00:30Z' }, '2024-01-01T10:03:00Z', [failed]);
    expect(r.events).toEqual([ev('Normal', 'SawCompletedJob', 'Saw completed job: hello-28401720, condition: Failed')]);
    expect(r.status).toEqual({ lastScheduleTime: '2024-01-01T10:00:00Z', lastSuccessfulTime: '2024-01-01T09:00:30Z' });
  });

  it('lastSuccessfulTime: the latest completionTime of any succeeded job, in active or not', () => {
    const older = job('hello-28401710', { state: 'complete', start: '2024-01-01T09:50:01Z', completion: '2024-01-01T09:51:00Z' });
    const newer = job('hello-28401715', { state: 'complete', start: '2024-01-01T09:55:01Z', completion: '2024-01-01T09:56:00Z' });
    const r = run({ last: '2024-01-01T10:00:00Z', lastSuccessful: '2024-01-01T09:51:00Z' }, '2024-01-01T10:03:00Z', [newer, older]);
    expect(r.events).toEqual([]);
    expect(r.status.lastSuccessfulTime).toBe('2024-01-01T09:56:00Z');
    expect(r.updateStatus).toBe(true);
  });

  it('an active entry whose Job is gone: MissingJob; one naming an existing Job of someone else stays', () => {
    const foreign = job('not-mine', { owner: 'other', ownerUid: 'x' });
    const c = cronJob({ last: '2024-01-01T10:00:00Z', active: [job('hello-28401715'), foreign] });
    const r = syncCronJobPlan(c, { now: at('2024-01-01T10:03:00Z'), namespaceJobs: [foreign] }, apiCreate);
    expect(r.events).toEqual([ev('Normal', 'MissingJob', 'Active job went missing: hello-28401715')]);
    expect(r.status.active!.map((a) => a.name)).toEqual(['not-mine']);
  });

  it('a running job of ours missing from active: UnexpectedJob, unless a fresh GET lists it', () => {
    const stray = job('hello-28401700', { start: '2024-01-01T09:40:01Z' });
    expect(run({ last: '2024-01-01T10:00:00Z' }, '2024-01-01T10:03:00Z', [stray]).events)
      .toEqual([ev('Warning', 'UnexpectedJob', 'Saw a job that the controller did not create or forgot: hello-28401700')]);
    const fresh = cronJob({ last: '2024-01-01T10:00:00Z', active: [stray] });
    expect(run({ last: '2024-01-01T10:00:00Z' }, '2024-01-01T10:03:00Z', [stray], apiCreate, { fresh }).events).toEqual([]);
  });

  it('a manual job (kubectl create job --from=cronjob/hello) is reconciled: UnexpectedJob while running, lastSuccessfulTime when done', () => {
    const built = createJobFromCronJob(cronJob(), 'manual-1', 'default');
    const manual = { ...built, metadata: { ...built.metadata, uid: 'manual-uid' } } as Job;
    expect(run({ last: '2024-01-01T10:00:00Z' }, '2024-01-01T10:03:00Z', [manual]).events)
      .toEqual([ev('Warning', 'UnexpectedJob', 'Saw a job that the controller did not create or forgot: manual-1')]);
    const done = { ...manual, status: { conditions: [{ type: 'Complete', status: 'True' }], completionTime: '2024-01-01T10:02:00Z' } } as Job;
    const r = run({ last: '2024-01-01T10:00:00Z' }, '2024-01-01T10:03:00Z', [done]);
    expect(r.events).toEqual([]);
    expect(r.status.lastSuccessfulTime).toBe('2024-01-01T10:02:00Z');
  });
});

describe('no new job', () => {
  it('suspend: jobs are still reconciled, nothing created, no requeue', () => {
    const done = job('hello-28401720', { state: 'complete', completion: '2024-01-01T10:01:00Z' });
    const r = run({ suspend: true, last: '2024-01-01T10:00:00Z', active: [done] }, '2024-01-01T10:05:00.100Z', [done]);
    expect(r).toMatchObject({ calls: [], requeueAfterMs: null, events: [ev('Normal', 'SawCompletedJob', 'Saw completed job: hello-28401720, condition: Complete')] });
  });

  it('being deleted: status only', () => {
    expect(run({ deleting: true }, '2024-01-01T10:05:00.100Z')).toMatchObject({ calls: [], events: [], requeueAfterMs: null });
  });

  it.each([
    ['UnknownTimeZone', { timeZone: 'Mars/Olympus' }, ev('Warning', 'UnknownTimeZone', 'invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus')],
    ['UnparseableSchedule', { schedule: '61 * * * *' }, ev('Warning', 'UnparseableSchedule', 'unparseable schedule: "61 * * * *" : end of range (61) above maximum (59): 61')],
    ['InvalidSchedule', { schedule: '59 23 31 2 *' }, ev('Warning', 'InvalidSchedule', 'invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second')],
  ] as const)('%s: a Warning, no job, no requeue', (_n, o, e) => {
    expect(run(o, '2024-01-01T11:00:00Z')).toMatchObject({ calls: [], events: [e], requeueAfterMs: null, updateStatus: false });
  });

  it('TZ in the schedule: UnsupportedSchedule, then scheduled in that zone', () => {
    const r = run({ schedule: 'TZ=Asia/Tokyo 0 19 * * *', created: '2024-01-01T09:00:00Z' }, '2024-01-01T10:00:00.100Z');
    expect(r.events).toEqual([
      ev('Warning', 'UnsupportedSchedule', 'CRON_TZ or TZ used in schedule "TZ=Asia/Tokyo 0 19 * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details'),
      ev('Normal', 'SuccessfulCreate', 'Created job hello-28401720'),
    ]);
    // the annotation uses spec.timeZone (unset → UTC), not the TZ= of the schedule
    expect(r.createRequest!.metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2024-01-01T10:00:00Z');
  });
});

describe('the create call', () => {
  it('AlreadyExists, ours, not active: adopted without SuccessfulCreate', () => {
    const existing = job('hello-28401725', { uid: 'existing-uid' });
    const r = run({}, '2024-01-01T10:05:00.100Z', [], () => ({ alreadyExists: existing }));
    expect(r.events).toEqual([]);
    expect(r.status).toEqual({ active: [{ ...ref('hello-28401725', '1'), uid: 'existing-uid' }], lastScheduleTime: '2024-01-01T10:05:00Z' });
    expect(r.requeueAfterMs).toBe(300_000);
  });

  it('AlreadyExists, not ours: nothing — and no requeue', () => {
    const r = run({}, '2024-01-01T10:05:00.100Z', [], () => ({ alreadyExists: job('hello-28401725', { owner: null }) }));
    expect(r).toMatchObject({ events: [], status: {}, updateStatus: false, requeueAfterMs: null });
  });

  it('another error: FailedCreate and a rate-limited retry; a terminating namespace: no event', () => {
    expect(run({}, '2024-01-01T10:05:00.100Z', [], () => ({ error: 'exceeded quota' })))
      .toMatchObject({ events: [ev('Warning', 'FailedCreate', 'Error creating job: exceeded quota')], error: 'exceeded quota', requeueAfterMs: null, status: {} });
    expect(run({}, '2024-01-01T10:05:00.100Z', [], () => ({ error: 'namespace default is being terminated', namespaceTerminating: true })))
      .toMatchObject({ events: [], error: 'namespace default is being terminated', requeueAfterMs: null });
  });
});

describe('history cleanup (cleanupFinishedJobs, before syncCronJob)', () => {
  const ok = (n: number, start?: string) => job(`hello-${n}`, { state: 'complete', ...(start ? { start } : {}), completion: '2024-01-01T09:00:00Z' });
  const bad = (n: number, start: string) => job(`hello-${n}`, { state: 'failed', start });

  it('keeps the newest 3 successful and 1 failed; oldest start first, unset start times last', () => {
    const jobs = [
      ok(5, '2024-01-01T09:05:00Z'), ok(1, '2024-01-01T09:01:00Z'), ok(9), ok(3, '2024-01-01T09:03:00Z'), ok(2, '2024-01-01T09:02:00Z'),
      bad(7, '2024-01-01T09:07:00Z'), bad(6, '2024-01-01T09:06:00Z'), job('hello-8', { start: '2024-01-01T09:08:00Z' }),
    ];
    const r = run({ last: '2024-01-01T10:00:00Z', active: [jobs[7]!] }, '2024-01-01T10:03:00Z', jobs);
    expect(r.deletions.map((d) => [d.name, d.cause])).toEqual([['hello-1', 'history'], ['hello-2', 'history'], ['hello-6', 'history']]);
    expect(r.events).toEqual([
      ev('Normal', 'SuccessfulDelete', 'Deleted job hello-1'), ev('Normal', 'SuccessfulDelete', 'Deleted job hello-2'),
      ev('Normal', 'SuccessfulDelete', 'Deleted job hello-6'),
    ]);
    expect(r.updateStatus).toBe(true);
  });

  it('a finished job still active and cleaned up leaves active without a SawCompletedJob', () => {
    const jobs = [ok(1, '2024-01-01T09:01:00Z'), ok(2, '2024-01-01T09:02:00Z')];
    const r = run({ last: '2024-01-01T10:00:00Z', active: [jobs[0]!], successfulLimit: 1 }, '2024-01-01T10:03:00Z', jobs);
    expect(r.events).toEqual([ev('Normal', 'SuccessfulDelete', 'Deleted job hello-1')]);
    expect(r.status.active).toBeUndefined();
  });

  it('limits 0 delete every finished job of that kind; nil limits keep them all', () => {
    const jobs = [ok(1, '2024-01-01T09:01:00Z'), bad(2, '2024-01-01T09:02:00Z')];
    expect(run({ last: '2024-01-01T10:00:00Z', successfulLimit: 0, failedLimit: 0 }, '2024-01-01T10:03:00Z', jobs).deletions.map((d) => d.name)).toEqual(['hello-1', 'hello-2']);
    expect(run({ last: '2024-01-01T10:00:00Z', successfulLimit: null, failedLimit: null }, '2024-01-01T10:03:00Z', [...jobs, ok(3, '2024-01-01T09:03:00Z'), ok(4), ok(5)]).deletions).toEqual([]);
    expect(run({ last: '2024-01-01T10:00:00Z', successfulLimit: null, failedLimit: 0 }, '2024-01-01T10:03:00Z', jobs).deletions.map((d) => d.name)).toEqual(['hello-2']);
  });
});

describe('updateCronJob (informer update handler)', () => {
  const old = cronJob({ created: '2024-01-01T10:00:10Z' });
  it('schedule changed: requeue at the new next time + 100 ms', () => {
    expect(onCronJobUpdate(old, cronJob({ schedule: '0 * * * *' }), at('2024-01-01T10:03:00Z'))).toEqual({ requeueAfterMs: 57 * 60_000 + 100, events: [] });
  });
  it('timeZone changed: the same, in the new zone', () => {
    expect(onCronJobUpdate(old, cronJob({ timeZone: 'Asia/Kolkata' }), at('2024-01-01T10:03:00Z'))).toEqual({ requeueAfterMs: 2 * 60_000 + 100, events: [] });
  });
  it('the new schedule does not parse: UnParseableCronJobSchedule, not requeued', () => {
    expect(onCronJobUpdate(old, cronJob({ schedule: '61 * * * *' }), at('2024-01-01T10:03:00Z')))
      .toEqual({ requeueAfterMs: null, events: [ev('Warning', 'UnParseableCronJobSchedule', 'unparseable schedule for cronjob: 61 * * * *')] });
  });
  it('any other change: now', () => {
    expect(onCronJobUpdate(old, cronJob({ suspend: true }), at('2024-01-01T10:03:00Z'))).toEqual({ requeueAfterMs: 0, events: [] });
  });
});
