/**
 * The CronJob controller (machines/cronjob) on a running cluster: one test per rule of
 * ../shared/reference/kubernetes-semantics.md §7. The cluster's `start` option puts the simulated
 * clock just before the times a test is about; the controller looks again 100 ms after each fire
 * time (nextScheduleDelta), so a Job for 00:05:00 appears at 00:05:00.100.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { cluster } from './helpers.ts';

const HELLO = readFileSync(new URL('../../../shared/reference/manifests/cronjob-hello.yaml', import.meta.url), 'utf8');

const SCHEDULED = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const MIDNIGHT = Date.UTC(2026, 0, 1);

interface CronOpts {
  name?: string;
  schedule?: string;
  spec?: Record<string, unknown>;
  /** kubeactors.dev/<key> behaviour annotations of the pod template. */
  behaviour?: Record<string, string | number>;
  jobSpec?: Record<string, unknown>;
}

const cronJob = (o: CronOpts = {}) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: o.name ?? 'tick' },
  spec: {
    schedule: o.schedule ?? '* * * * *',
    ...o.spec,
    jobTemplate: {
      spec: {
        ...o.jobSpec,
        template: {
          ...(o.behaviour ? { metadata: { annotations: Object.fromEntries(Object.entries(o.behaviour).map(([k, v]) => [`kubeactors.dev/${k}`, String(v)])) } } : {}),
          spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'tick'] }] },
        },
      },
    },
  },
});

const iso = (ms: number) => new Date(ms).toISOString();
/** `<cronjob>-<scheduled time in minutes since the epoch>`. */
const jobName = (cj: string, at: string) => `${cj}-${Date.parse(at) / 60_000}`;
const cronOf = (c: Cluster, name = 'tick') => c.get('CronJob', name) as any;
const jobsOf = (c: Cluster, cj = 'tick') =>
  (c.list('Job') as any[]).filter((j) => j.metadata.ownerReferences?.some((r: any) => r.kind === 'CronJob' && r.name === cj));
const isFinished = (j: any) => (j.status?.conditions ?? []).some((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
const cronEvents = (c: Cluster, name = 'tick', reason?: string) =>
  (c.events({ involved: { kind: 'CronJob', name } }) as any[]).filter((e) => !reason || e.reason === reason);

/** Jobs of one CronJob as the watch saw them: creations and deletions (ISO times), and the most unfinished at once. */
function jobLog(c: Cluster, cj = 'tick') {
  const live = new Map<string, any>();
  const r = {
    added: [] as { at: string; name: string; scheduled: string }[],
    deleted: [] as { at: string; name: string }[],
    maxUnfinished: 0,
    maxActiveStatus: 0,
  };
  c.watch((w) => {
    const o = w.object as any;
    if (o.kind === 'CronJob' && o.metadata.name === cj) r.maxActiveStatus = Math.max(r.maxActiveStatus, (o.status?.active ?? []).length);
    if (o.kind !== 'Job' || !o.metadata.ownerReferences?.some((x: any) => x.kind === 'CronJob' && x.name === cj)) return;
    if (w.type === 'ADDED') r.added.push({ at: iso(c.now()), name: o.metadata.name, scheduled: o.metadata.annotations?.[SCHEDULED] });
    if (w.type === 'DELETED') {
      r.deleted.push({ at: iso(c.now()), name: o.metadata.name });
      live.delete(o.metadata.name);
    } else live.set(o.metadata.name, o);
    r.maxUnfinished = Math.max(r.maxUnfinished, [...live.values()].filter((j) => !isFinished(j) && !j.metadata.deletionTimestamp).length);
  });
  return r;
}

describe('CronJob controller', () => {
  it('cronjob-hello.yaml runs as it is: a Job hello-<minutes> every minute, each Complete, the pod prints the greeting; the default history keeps 3', () => {
    const c = cluster();
    const log = jobLog(c, 'hello');
    expect(c.apply(HELLO, { file: 'cronjob-hello.yaml' })).toEqual([{ kind: 'CronJob', name: 'hello', namespace: 'default', action: 'created' }]);
    expect(cronOf(c, 'hello').spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    c.advance('5m30s');
    const minutes = ['00:01', '00:02', '00:03', '00:04', '00:05'].map((m) => `2026-01-01T${m}:00Z`);
    expect(log.added.map((x) => [x.name, x.at, x.scheduled])).toEqual(minutes.map((m) => [jobName('hello', m), iso(Date.parse(m) + 100), m]));
    // Each Job completes (restartPolicy OnFailure, the command exits 0); only the newest 3 stay.
    expect(jobsOf(c, 'hello').map((j) => j.metadata.name)).toEqual(minutes.slice(2).map((m) => jobName('hello', m)));
    for (const j of jobsOf(c, 'hello')) expect(j.status.conditions.find((x: any) => x.type === 'Complete')).toMatchObject({ status: 'True' });
    expect(log.deleted.map((x) => x.name)).toEqual(minutes.slice(0, 2).map((m) => jobName('hello', m)));
    expect(cronEvents(c, 'hello', 'SuccessfulDelete').map((e) => e.message)).toEqual(minutes.slice(0, 2).map((m) => `Deleted job ${jobName('hello', m)}`));
    const pod = (c.list('Pod') as any[]).find((p) => p.metadata.name.startsWith(jobName('hello', minutes[4]!)));
    expect(pod.spec.restartPolicy).toBe('OnFailure');
    expect(c.logs(pod.metadata.name)).toMatch(/Hello from the Kubernetes cluster\n$/);
    const st = cronOf(c, 'hello').status;
    expect(st.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(st.active).toBeUndefined();
    expect(Date.parse(st.lastSuccessfulTime)).toBeGreaterThan(Date.parse('2026-01-01T00:05:00Z'));
  });

  it('next schedule time across the clock: */5 creates Jobs at :00, :05, :10 named <cj>-<minutes since epoch>, with the scheduled-timestamp annotation', () => {
    const c = cluster({ start: '2025-12-31T23:58:00Z' });
    const log = jobLog(c);
    c.apply(cronJob({ schedule: '*/5 * * * *' }) as any);
    c.advance('14m');
    expect(log.added).toEqual([
      { at: '2026-01-01T00:00:00.100Z', name: 'tick-29453760', scheduled: '2026-01-01T00:00:00Z' },
      { at: '2026-01-01T00:05:00.100Z', name: 'tick-29453765', scheduled: '2026-01-01T00:05:00Z' },
      { at: '2026-01-01T00:10:00.100Z', name: 'tick-29453770', scheduled: '2026-01-01T00:10:00Z' },
    ]);
    expect(MIDNIGHT / 60_000).toBe(29453760);
    const j = c.get('Job', 'tick-29453765') as any;
    expect(j.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: cronOf(c).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(j.spec.template.spec.containers[0].command).toEqual(['sh', '-c', 'tick']);
    expect(cronOf(c).status.lastScheduleTime).toBe('2026-01-01T00:10:00Z');
    expect(cronEvents(c, 'tick', 'SuccessfulCreate').map((e) => [e.message, e.source.component])).toEqual(
      ['tick-29453760', 'tick-29453765', 'tick-29453770'].map((n) => [`Created job ${n}`, 'cronjob-controller']),
    );
  });

  describe('concurrencyPolicy', () => {
    it('Allow: a Job starts at every minute while the earlier ones (150 s each) still run', () => {
      const c = cluster({ start: '2025-12-31T23:59:30Z' });
      const log = jobLog(c);
      c.apply(cronJob({ behaviour: { 'run-seconds': 150 } }) as any);
      c.advance('2m40s'); // 00:02:10: the 00:00 Job runs until 00:02:32
      expect(cronOf(c).status.active.map((a: any) => a.name)).toEqual(['tick-29453760', 'tick-29453761', 'tick-29453762']);
      expect(jobsOf(c).filter((j) => !isFinished(j))).toHaveLength(3);
      expect(log.maxUnfinished).toBe(3);
      expect(cronEvents(c, 'tick', 'JobAlreadyActive')).toEqual([]);
    });

    it('Forbid: JobAlreadyActive while one runs, never two active; the most recent missed time starts when it finishes', () => {
      const c = cluster({ start: '2025-12-31T23:59:30Z' });
      const log = jobLog(c);
      c.apply(cronJob({ spec: { concurrencyPolicy: 'Forbid' }, behaviour: { 'run-seconds': 200 } }) as any);
      c.advance('5m');
      expect(log.maxUnfinished).toBe(1);
      expect(log.maxActiveStatus).toBe(1);
      const first = jobsOf(c)[0];
      const firstDone = first.status.completionTime;
      // The 00:00 Job (created at 00:00:00.100) runs until 00:03:22.100 (2 s pull + 200 s): 00:01,
      // 00:02 and 00:03 find it running and are skipped, not queued — but 00:03, still the most
      // recent time and never started, is started as soon as the Job has finished.
      expect(firstDone).toBe('2026-01-01T00:03:22Z');
      expect(log.added.map((x) => [x.name, x.at])).toEqual([['tick-29453760', '2026-01-01T00:00:00.100Z'], ['tick-29453763', '2026-01-01T00:03:22.100Z']]);
      const skipped = cronEvents(c, 'tick', 'JobAlreadyActive');
      expect(skipped).toHaveLength(1); // recorded at 00:01, 00:02, 00:03 and 00:04 — one aggregated event
      expect(skipped[0]).toMatchObject({
        type: 'Normal', message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
        count: 4, firstTimestamp: '2026-01-01T00:01:00Z', lastTimestamp: '2026-01-01T00:04:00Z',
      });
      expect(cronEvents(c, 'tick', 'SawCompletedJob').map((e) => e.message)).toEqual(['Saw completed job: tick-29453760, condition: Complete']);
    });

    it('Replace: at each time the running Job is deleted (SuccessfulDelete, its pod goes too) and replaced — deleted before the new one is created', () => {
      const c = cluster({ start: '2025-12-31T23:59:30Z' });
      const log = jobLog(c);
      const order: string[] = [];
      c.watch((w) => { if (w.object.kind === 'Job' && w.type !== 'MODIFIED') order.push(`${w.type} ${w.object.metadata.name}`); });
      c.apply(cronJob({ spec: { concurrencyPolicy: 'Replace' }, behaviour: { 'run-seconds': 150 } }) as any);
      c.advance('2m40s'); // 00:02:10
      expect(log.added.map((x) => x.name)).toEqual(['tick-29453760', 'tick-29453761', 'tick-29453762']);
      expect(log.deleted).toEqual([
        { at: '2026-01-01T00:01:00.100Z', name: 'tick-29453760' },
        { at: '2026-01-01T00:02:00.100Z', name: 'tick-29453761' },
      ]);
      expect(cronEvents(c, 'tick').map((e) => [e.reason, e.message])).toEqual([
        ['SuccessfulCreate', 'Created job tick-29453760'],
        ['SuccessfulDelete', 'Deleted job tick-29453760'],
        ['SuccessfulCreate', 'Created job tick-29453761'],
        ['SuccessfulDelete', 'Deleted job tick-29453761'],
        ['SuccessfulCreate', 'Created job tick-29453762'],
      ]);
      expect(cronOf(c).status.active.map((a: any) => a.name)).toEqual(['tick-29453762']);
      // deleteJob (Background: the Job leaves the API at once) comes before the create.
      expect(order).toEqual(['ADDED tick-29453760', 'DELETED tick-29453760', 'ADDED tick-29453761', 'DELETED tick-29453761', 'ADDED tick-29453762']);
      c.advance('40s'); // the replaced Jobs' pods are gone after their grace period
      expect((c.list('Pod') as any[]).map((p) => p.metadata.labels['batch.kubernetes.io/job-name'])).toEqual(['tick-29453762']);
    });
  });

  describe('startingDeadlineSeconds (60 s) and suspend', () => {
    const run = (resumeAfter: string, spec: Record<string, unknown>) => {
      const c = cluster({ start: '2025-12-31T23:58:00Z' });
      const log = jobLog(c);
      c.apply(cronJob({ schedule: '*/5 * * * *', spec: { ...spec, suspend: true } }) as any);
      c.advance(resumeAfter);
      expect(log.added).toEqual([]); // suspended: no Job at 00:00 nor 00:05
      expect(c.actor('CronJob', 'tick')!.getSnapshot().value).toBe('Suspended');
      c.apply(cronJob({ schedule: '*/5 * * * *', spec: { ...spec, suspend: false } }) as any);
      c.advance('5m');
      return { c, log };
    };

    it('resumed after the deadline of the missed 00:05 time: that time is skipped; the next Job is the 00:10 one', () => {
      const { c, log } = run('8m30s', { startingDeadlineSeconds: 60 }); // resumed at 00:06:30
      expect(log.added.map((x) => [x.name, x.at])).toEqual([['tick-29453770', '2026-01-01T00:10:00.100Z']]);
      expect(cronEvents(c, 'tick', 'MissSchedule')).toEqual([]);
    });

    it('resumed within the deadline: the 00:05 Job starts late, at the resume', () => {
      const { log } = run('7m30s', { startingDeadlineSeconds: 60 }); // resumed at 00:05:30
      expect(log.added.map((x) => [x.name, x.at, x.scheduled])).toEqual([
        ['tick-29453765', '2026-01-01T00:05:30.000Z', '2026-01-01T00:05:00Z'],
        ['tick-29453770', '2026-01-01T00:10:00.100Z', '2026-01-01T00:10:00Z'],
      ]);
    });

    it('without a deadline: the most recent missed time (00:05, not 00:00) starts at the resume', () => {
      const { log } = run('8m30s', {});
      expect(log.added.map((x) => [x.name, x.at])).toEqual([
        ['tick-29453765', '2026-01-01T00:06:30.000Z'],
        ['tick-29453770', '2026-01-01T00:10:00.100Z'],
      ]);
    });

    it('suspend: no new Jobs, and the running one is left alone', () => {
      const c = cluster({ start: '2025-12-31T23:59:30Z' });
      const log = jobLog(c);
      c.apply(cronJob({ behaviour: { 'run-seconds': 120 } }) as any);
      c.advance('40s'); // 00:00:10: the 00:00 Job runs
      c.apply(cronJob({ behaviour: { 'run-seconds': 120 }, spec: { suspend: true } }) as any);
      c.advance('5m');
      expect(log.added.map((x) => x.name)).toEqual(['tick-29453760']);
      expect(log.deleted).toEqual([]);
      expect((c.get('Job', 'tick-29453760') as any).status.conditions.find((x: any) => x.type === 'Complete')).toMatchObject({ status: 'True' });
      // Suspended, it still reconciles its Jobs: the finished one leaves `active`.
      expect(cronOf(c).status).toEqual({ lastScheduleTime: '2026-01-01T00:00:00Z', lastSuccessfulTime: '2026-01-01T00:02:02Z' });
      expect(cronEvents(c, 'tick', 'SawCompletedJob').map((e) => e.message)).toEqual(['Saw completed job: tick-29453760, condition: Complete']);
      expect(c.actor('CronJob', 'tick')!.getSnapshot().value).toBe('Suspended');
    });
  });

  it('history limits: successfulJobsHistoryLimit 2 / failedJobsHistoryLimit 1 → the oldest finished Jobs are deleted (SuccessfulDelete)', () => {
    const c = cluster({ start: '2025-12-31T23:59:30Z' });
    const limits = { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 };
    c.apply(cronJob({ name: 'ok', spec: limits }) as any);
    c.apply(cronJob({ name: 'bad', spec: limits, behaviour: { 'exit-code': 1 }, jobSpec: { backoffLimit: 0 } }) as any);
    c.advance('4m50s'); // 00:04:20: five Jobs each, all finished
    expect(jobsOf(c, 'ok').map((j) => j.metadata.name)).toEqual(['ok-29453763', 'ok-29453764']);
    expect(jobsOf(c, 'bad').map((j) => j.metadata.name)).toEqual(['bad-29453764']);
    expect((c.get('Job', 'bad-29453764') as any).status.conditions.find((x: any) => x.type === 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    expect(cronEvents(c, 'ok', 'SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted job ok-29453760', 'Deleted job ok-29453761', 'Deleted job ok-29453762']);
    expect(cronEvents(c, 'bad', 'SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted job bad-29453760', 'Deleted job bad-29453761', 'Deleted job bad-29453762', 'Deleted job bad-29453763']);
    expect(cronEvents(c, 'bad', 'SawCompletedJob').map((e) => e.message)[0]).toBe('Saw completed job: bad-29453760, condition: Failed');
    // The deleted Jobs' pods went with them (Background).
    c.advance('1m');
    const jobsWithPods = new Set((c.list('Pod') as any[]).map((p) => p.metadata.labels['batch.kubernetes.io/job-name']));
    for (const n of ['ok-29453760', 'ok-29453761', 'ok-29453762', 'bad-29453760', 'bad-29453763']) expect(jobsWithPods.has(n)).toBe(false);
  });

  describe('timeZone America/New_York across DST changes (robfig/cron works on wall clocks)', () => {
    const run = (schedule: string, start: string, days: string) => {
      const c = cluster({ start });
      const log = jobLog(c);
      c.apply(cronJob({ schedule, spec: { timeZone: 'America/New_York' } }) as any);
      c.advance(days);
      return log.added.map((x) => [x.at, x.scheduled]);
    };

    it('`30 2 * * *` around the spring-forward day (2026-03-08): 02:30 does not exist that day and is skipped', () => {
      expect(run('30 2 * * *', '2026-03-06T12:00:00Z', '4d')).toEqual([
        ['2026-03-07T07:30:00.100Z', '2026-03-07T02:30:00-05:00'],
        ['2026-03-09T06:30:00.100Z', '2026-03-09T02:30:00-04:00'],
        ['2026-03-10T06:30:00.100Z', '2026-03-10T02:30:00-04:00'],
      ]);
    });

    it('`30 1 * * *` around the fall-back day (2026-11-01): 01:30 happens twice and runs twice', () => {
      expect(run('30 1 * * *', '2026-10-31T12:00:00Z', '2d')).toEqual([
        ['2026-11-01T05:30:00.100Z', '2026-11-01T01:30:00-04:00'],
        ['2026-11-01T06:30:00.100Z', '2026-11-01T01:30:00-05:00'],
        ['2026-11-02T06:30:00.100Z', '2026-11-02T01:30:00-05:00'],
      ]);
    });
  });

  describe('schedules that cannot run', () => {
    it('an unparseable schedule and an unknown timeZone are rejected by validation (the UnparseableSchedule / UnknownTimeZone events are not reachable through apply)', () => {
      const c = cluster();
      expect(() => c.apply(cronJob({ schedule: 'every minute' }) as any)).toThrow('spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]');
      expect(() => c.apply(cronJob({ schedule: '61 * * * *' }) as any)).toThrow('spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
      expect(() => c.apply(cronJob({ spec: { timeZone: 'Mars/Olympus' } }) as any)).toThrow('spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
      expect(() => c.apply(cronJob({ schedule: 'TZ=UTC * * * * *' }) as any)).toThrow('cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
      expect(c.list('CronJob')).toEqual([]);
    });

    it('a schedule that parses but never fires (`59 23 31 2 *`, February 31st) → Warning InvalidSchedule, no Job', () => {
      const c = cluster();
      c.apply(cronJob({ schedule: '59 23 31 2 *' }) as any);
      c.advance('2m');
      expect(cronEvents(c).map((e) => [e.type, e.reason, e.message])).toEqual([
        ['Warning', 'InvalidSchedule', 'invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second'],
      ]);
      expect(c.list('Job')).toEqual([]);
    });
  });

  describe('an edited CronJob (the informer\'s updateCronJob)', () => {
    it('a new schedule waits for its own next time (+100 ms): no Job for the missed times in between', () => {
      const c = cluster({ start: '2026-01-01T00:00:30Z' });
      const log = jobLog(c);
      c.apply(cronJob({ schedule: '0 * * * *' }) as any);
      c.advance('9m30s'); // 00:10:00
      c.apply(cronJob({ schedule: '*/5 * * * *' }) as any);
      c.advance('4m59s'); // 00:14:59
      expect(log.added).toEqual([]);
      c.advance('2s');
      // At 00:15:00.100 the times since creation are 00:05, 00:10, 00:15: only the latest runs.
      expect(log.added.map((x) => [x.at, x.scheduled])).toEqual([['2026-01-01T00:15:00.100Z', '2026-01-01T00:15:00Z']]);
    });

    it('any other change syncs at once (suspend → the CronJob is Suspended in the same instant)', () => {
      const c = cluster({ start: '2026-01-01T00:00:30Z' });
      c.apply(cronJob({ schedule: '0 * * * *' }) as any);
      c.advance('1m');
      c.patch('CronJob', 'tick', { spec: { suspend: true } });
      expect(c.actor('CronJob', 'tick')!.getSnapshot().value).toBe('Suspended');
    });
  });

  it('Jobs deleted by the CronJob in a pass are not synced afterwards in that pass (no event to a stopped actor)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const c = cluster({ start: '2025-12-31T23:59:30Z' });
      c.apply(cronJob({ spec: { successfulJobsHistoryLimit: 0 }, behaviour: { 'run-seconds': 5 } }) as any);
      c.advance('10m');
      expect(c.list('Job')).toEqual([]); // each deleted as soon as it completed
      expect(warn.mock.calls.map((x) => String(x[0])).filter((m) => m.includes('stopped actor'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
