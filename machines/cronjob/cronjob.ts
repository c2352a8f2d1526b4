/**
 * A CronJob (batch/v1) as pkg/controller/cronjob (ControllerV2) runs it: one `sync` per
 * `controller.sync`, which brings its Jobs. A sync cleans up finished Jobs beyond the history
 * limits, reconciles `active`, and — when a scheduled time has come (on the simulated clock, in
 * `spec.timeZone`) — applies the concurrency policy and creates the Job
 * `<cronjob>-<scheduled minutes since epoch>`, then arms its `schedule` timer for the next time
 * (plus upstream's 100 ms). Jobs are members of the cluster's system, owned by ownerReferences.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import { assign, enqueueActions, setup } from 'xstate';
import type { KObject } from '../../src/types.ts';
import { keepingStatus, objectRecorder, type Env } from '../env.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { CRONJOB_CONTROLLER_COMPONENT } from './events.ts';
import { onCronJobUpdate, syncCronJobPlan, type CreateOutcome, type JobDeletion } from './sync.ts';

export interface CronJobInput {
  addr: string;
  object: KObject;
}

export interface CronJobContext extends CronJobInput {
  timers: Timers;
}

export type CronJobMachineEvent =
  | { type: 'controller.sync'; jobs: KObject[] }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.schedule' };

export function createCronJobMachine(env: Env) {
  const record = objectRecorder(env, CRONJOB_CONTROLLER_COMPONENT);

  return setup({
    types: {} as { context: CronJobContext; events: CronJobMachineEvent; input: CronJobInput },
    actions: {
      sync: assign(({ context, event }) => {
        if (event.type !== 'controller.sync') return {};
        const o = context.object;
        const now = env.now();
        const jobs = env.jobs;
        const create = (job: Job): CreateOutcome => {
          if (!jobs) return { error: 'no job control' };
          const r = jobs.create(job as unknown as KObject);
          return r.ok ? { created: r.object as unknown as Job } : { alreadyExists: r.existing as unknown as Job };
        };
        const remove = (d: JobDeletion) => jobs?.delete(d.namespace, d.name, d.propagationPolicy);
        const res = syncCronJobPlan(o as unknown as CronJob, { now, namespaceJobs: event.jobs as unknown as Job[] }, create, remove);
        for (const e of res.events) record(o, e);
        let timers = disarmTimer(context.timers, 'schedule');
        if (res.requeueAfterMs !== null) timers = armTimer(env, context.addr, timers, 'schedule', now + Math.max(1, res.requeueAfterMs));
        else if (res.error) timers = armTimer(env, context.addr, timers, 'schedule', now + 5); // the rate limiter's first retry
        if (!res.updateStatus) return { timers };
        return { timers, object: { ...o, status: res.status as KObject['status'] } };
      }),
      // The informer's updateCronJob: a new schedule or time zone requeues at the new schedule's
      // next time (an unparseable one records UnParseableCronJobSchedule and does not requeue);
      // any other change syncs now. A requeue already due earlier stays (the delaying queue).
      update: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'controller.update') return;
        const object = keepingStatus(context.object, event.object);
        const now = env.now();
        const u = onCronJobUpdate(context.object as unknown as CronJob, object as unknown as CronJob, now);
        for (const e of u.events) record(object, e);
        enqueue.assign({ object });
        if (u.requeueAfterMs === 0) env.resync?.(object.metadata.uid!);
        else if (u.requeueAfterMs !== null) {
          const due = now + Math.max(1, u.requeueAfterMs);
          const armed = context.timers.schedule;
          if (armed === undefined || armed > due) enqueue.assign({ timers: armTimer(env, context.addr, context.timers, 'schedule', due) });
        }
      }),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      suspended: ({ context }) => context.object.spec?.suspend === true,
      active: ({ context }) => (context.object.status?.active ?? []).length > 0,
    },
  }).createMachine({
    id: 'cronjob',
    context: ({ input }) => ({ ...input, timers: {} }),
    initial: 'Waiting',
    on: {
      'controller.update': { target: '.Deciding', actions: 'update' },
      'controller.sync': { target: '.Deciding', actions: 'sync' },
      'timer.schedule': { actions: 'requestSync' },
    },
    states: {
      Deciding: {
        always: [{ guard: 'suspended', target: 'Suspended' }, { guard: 'active', target: 'Active' }, { target: 'Waiting' }],
      },
      // No Job of it is running; the schedule timer is armed for the next time.
      Waiting: {},
      // One or more of its Jobs are running (status.active).
      Active: {},
      // spec.suspend: no new Jobs (running ones are left alone).
      Suspended: {},
    },
  });
}

export type CronJobMachine = ReturnType<typeof createCronJobMachine>;
