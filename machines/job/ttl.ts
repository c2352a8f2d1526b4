/**
 * The TTL-after-finished controller for Jobs: when a finished Job with `ttlSecondsAfterFinished`
 * is deleted.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/ttlafterfinished/ttlafterfinished_controller.go:
 * needsCleanup, jobFinishTime, getFinishAndExpireTime, timeLeft, processTTL, processJob.
 *
 *  - needsCleanup: `ttlSecondsAfterFinished` set and the Job finished (Complete or Failed True);
 *  - finish time: the lastTransitionTime of the FIRST Complete/Failed condition with status True
 *    (a zero time is an error: "unable to find the time when the Job <ns>/<name> finished");
 *  - expiry = finish + ttl; processTTL deletes when `expiry − now ≤ 0`, else requeues after the
 *    remaining time; a Job being deleted is ignored;
 *  - the delete uses propagationPolicy **Foreground** with a UID precondition (after re-reading
 *    the Job and re-checking its TTL).
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import { timeMs } from '../replicaset/status.ts';
import { finishedCondition } from './spec.ts';

/** `needsCleanup(job)`. */
export function needsCleanup(job: Job): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && finishedCondition(job) !== undefined;
}

/** `jobFinishTime(job)` in ms: the finished condition's lastTransitionTime, or an error text. */
export function jobFinishTime(job: Job): { finishAt: number } | { error: string } {
  const c = finishedCondition(job);
  const ns = job.metadata?.namespace ?? '';
  const name = job.metadata?.name ?? '';
  if (!c) return { error: `unable to find the status of the finished Job ${ns}/${name}` };
  const t = timeMs(c.lastTransitionTime);
  if (t === null) return { error: `unable to find the time when the Job ${ns}/${name} finished` };
  return { finishAt: t };
}

/**
 * `getFinishAndExpireTime(job)` reduced to the expiry: finish time + ttlSecondsAfterFinished (ms),
 * or null when the Job needs no cleanup or has no finish time.
 */
export function ttlExpiry(job: Job): number | null {
  if (!needsCleanup(job)) return null;
  const f = jobFinishTime(job);
  if ('error' in f) return null;
  return f.finishAt + job.spec!.ttlSecondsAfterFinished! * 1000;
}

export type TtlAction =
  | { action: 'none' }
  | { action: 'requeue'; afterMs: number }
  | { action: 'delete'; propagationPolicy: 'Foreground'; preconditionUid: string };

/** `processTTL` + `processJob`: ignore (being deleted / no TTL / not finished), requeue, or delete (Foreground). */
export function ttlAction(job: Job, now: number): TtlAction {
  if (job.metadata?.deletionTimestamp != null) return { action: 'none' };
  const expiry = ttlExpiry(job);
  if (expiry === null) return { action: 'none' };
  const remaining = expiry - now;
  if (remaining <= 0) return { action: 'delete', propagationPolicy: 'Foreground', preconditionUid: job.metadata?.uid ?? '' };
  return { action: 'requeue', afterMs: remaining };
}
