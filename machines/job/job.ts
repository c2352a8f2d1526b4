/**
 * A Job (batch/v1) as pkg/controller/job runs it: level-triggered, one `syncJob` per
 * `controller.sync` with the pods it may claim. Each sync claims the pods, then carries out the
 * plan `syncJob` (sync.ts) computes: delete pods (suspension, a decided failure or success, too many
 * active), create pods (parallelism, completions, Indexed indexes, the failure back-off), remove
 * the tracking finalizer of counted pods, write the status with its conditions (Suspended,
 * FailureTarget → Failed, SuccessCriteriaMet → Complete) and record the events. Its timers are the
 * requeues upstream asks for (activeDeadlineSeconds, the pod-failure back-off) and the TTL-after-
 * finished controller's expiry, at which the Job deletes itself (Foreground, as that controller does).
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import { assign, enqueueActions, setup } from 'xstate';
import type { KObject, Pod } from '../../src/types.ts';
import { keepingStatus, objectRecorder, type Env } from '../env.ts';
import { successfulCreateEvent, successfulDeleteEvent } from '../replicaset/events.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import type { BackoffRecord } from './backoff.ts';
import { adoptedJobPod, claimJobPods } from './pods.ts';
import { JOB_TRACKING_FINALIZER } from './spec.ts';
import { syncJob } from './sync.ts';
import { ttlAction } from './ttl.ts';

export interface JobInput {
  addr: string;
  object: KObject;
}

export interface JobContext extends JobInput {
  timers: Timers;
  /** The pod-failure back-off record (upstream keeps it in the controller's backoff store). */
  backoff: BackoffRecord | null;
}

export type JobMachineEvent =
  | { type: 'controller.sync'; pods: Pod[] }
  /** The rest of a sync's UpdateStatus calls (sent to itself, so each write is its own snapshot). */
  | { type: 'job.write'; writes: KObject['status'][]; removeFinalizers: Pod[] }
  | { type: 'controller.update'; object: KObject }
  | { type: 'timer.requeue' }
  | { type: 'timer.ttl' };

export const JOB_CONTROLLER = 'job-controller';

const condition = (o: KObject, type: string) => (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

export function createJobMachine(env: Env) {
  const record = objectRecorder(env, JOB_CONTROLLER);
  /** Counted pods lose the tracking finalizer (removeTrackingFinalizerPatch: that finalizer only). */
  const removeTrackingFinalizers = (list: readonly Pod[]) => {
    for (const p of list) {
      const md = p.metadata!;
      env.pods?.removeFinalizer(md.namespace!, md.name!, md.uid!, JOB_TRACKING_FINALIZER);
    }
  };

  return setup({
    types: {} as { context: JobContext; events: JobMachineEvent; input: JobInput },
    actions: {
      sync: enqueueActions(({ context, event, enqueue, self }) => {
        if (event.type !== 'controller.sync') return;
        const o = context.object;
        const md = o.metadata;
        const now = env.now();
        const job = o as unknown as Job;
        const pods = env.pods;
        const claim = claimJobPods(job, event.pods as any);
        const ref = { apiVersion: 'batch/v1', kind: 'Job', name: md.name, uid: md.uid!, controller: true, blockOwnerDeletion: true };
        // The Job's adoption patch carries the ControllerRef and the tracking finalizer together.
        for (const p of claim.adopt) pods?.updatePod(adoptedJobPod(p, ref) as unknown as KObject);
        for (const p of claim.release) pods?.setController(p.metadata!.namespace!, p.metadata!.name!, null, md.uid!);
        const plan = syncJob({ job, pods: claim.pods as any, backoff: context.backoff, now });
        for (const d of plan.deletions) {
          const name = d.pod.metadata?.name ?? '';
          // deleteJobPods: the tracking finalizer goes first, so the pod is not counted as failed.
          if (d.removeFinalizerFirst) removeTrackingFinalizers([d.pod]);
          pods?.delete(md.namespace!, name);
          record(o, successfulDeleteEvent(name));
        }
        for (const pod of plan.createPods) {
          const name = pods?.createPod(pod as unknown as KObject);
          if (name) record(o, successfulCreateEvent(name));
        }
        for (const e of plan.events) record(o, e);
        const object = plan.status ? ({ ...o, status: plan.status } as KObject) : o;
        // trackJobStatusAndRemoveFinalizers: the first UpdateStatus (uncounted pods, an interim
        // FailureTarget / SuccessCriteriaMet), then the counted pods lose the tracking finalizer,
        // then the next write — each a snapshot of its own, as a watcher sees them upstream.
        const writes = plan.statusWrites;
        enqueue.assign({ object: writes.length ? ({ ...o, status: writes[0] } as KObject) : object });
        if (writes.length > 1 || plan.removeFinalizers.length) {
          enqueue.sendTo(self, { type: 'job.write', writes: writes.slice(1), removeFinalizers: plan.removeFinalizers });
        }
        let timers = disarmTimer(disarmTimer(context.timers, 'requeue'), 'ttl');
        if (plan.requeueAfterMs !== null) timers = armTimer(env, context.addr, timers, 'requeue', now + Math.max(plan.requeueAfterMs, 1));
        // The TTL-after-finished controller.
        const ttl = ttlAction(object as unknown as Job, now);
        if (ttl.action === 'requeue') timers = armTimer(env, context.addr, timers, 'ttl', now + ttl.afterMs);
        if (ttl.action === 'delete') env.jobs?.delete(md.namespace!, md.name, 'Foreground', { deferred: true });
        enqueue.assign({ timers, backoff: plan.backoff });
      }),
      write: enqueueActions(({ context, event, enqueue, self }) => {
        if (event.type !== 'job.write') return;
        removeTrackingFinalizers(event.removeFinalizers);
        const [status, ...rest] = event.writes;
        if (status) enqueue.assign({ object: { ...context.object, status } as KObject });
        if (rest.length) enqueue.sendTo(self, { type: 'job.write', writes: rest, removeFinalizers: [] });
      }),
      update: assign(({ context, event }) => (event.type === 'controller.update' ? { object: keepingStatus(context.object, event.object) } : {})),
      requestSync: ({ context }) => env.resync?.(context.object.metadata.uid!),
    },
    guards: {
      complete: ({ context }) => condition(context.object, 'Complete'),
      failed: ({ context }) => condition(context.object, 'Failed'),
      suspended: ({ context }) => condition(context.object, 'Suspended'),
    },
  }).createMachine({
    id: 'job',
    context: ({ input }) => ({ ...input, timers: {}, backoff: null }),
    initial: 'Running',
    on: {
      // The informer's update handler enqueues the object: a sync follows every update.
      'controller.update': { target: '.Deciding', actions: ['update', 'requestSync'] },
      'controller.sync': { target: '.Deciding', actions: 'sync' },
      'job.write': { target: '.Deciding', actions: 'write' },
      'timer.requeue': { actions: 'requestSync' },
      'timer.ttl': { actions: 'requestSync' },
    },
    states: {
      Deciding: {
        always: [
          { guard: 'complete', target: 'Complete' },
          { guard: 'failed', target: 'Failed' },
          { guard: 'suspended', target: 'Suspended' },
          { target: 'Running' },
        ],
      },
      // Pods are being run towards the completions (or the work queue's first success).
      Running: {},
      // spec.suspend: no pods (active ones were deleted); startTime restarts on resume.
      Suspended: {},
      // Complete=True (CompletionsReached or SuccessPolicy): done; the TTL timer may delete it.
      Complete: {},
      // Failed=True (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy, …).
      Failed: {},
    },
  });
}

export type JobMachine = ReturnType<typeof createJobMachine>;
