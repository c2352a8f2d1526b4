/**
 * CronJob constants and defaults.
 *
 * Upstream (kubernetes/kubernetes): pkg/apis/batch/v1/defaults.go (`SetDefaults_CronJob`),
 * staging/src/k8s.io/api/batch/v1/types.go (`ConcurrencyPolicy`, `CronJobScheduledTimestampAnnotation`),
 * pkg/features/kube_features.go (`CronJobsScheduledAnnotation`: beta on in 1.28, GA and locked
 * on in 1.32, so the annotation is always written), pkg/controller/cronjob/cronjob_controllerv2.go
 * (`nextScheduleDelta`), kubectl pkg/cmd/create/create_job.go (the `instantiate` annotation).
 */
import type { CronJob } from 'kubernetes-types/batch/v1.d.ts';

export const ALLOW_CONCURRENT = 'Allow';
export const FORBID_CONCURRENT = 'Forbid';
export const REPLACE_CONCURRENT = 'Replace';

export const DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;

/** `batchv1.CronJobScheduledTimestampAnnotation`: the nominal time, RFC 3339 in the schedule's zone. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** kubectl `create job --from=cronjob/…`: marks a Job started by hand. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** `nextScheduleDelta`: the requeue lands 100 ms after the next fire time (NTP skew). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** Missed-schedule count above which `TooManyMissedTimes` is recorded. */
export const TOO_MANY_MISSED = 100;

/**
 * defaults.go `SetDefaults_CronJob`: concurrencyPolicy `Allow`, suspend `false`,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1 (startingDeadlineSeconds and timeZone
 * stay unset). Returns a defaulted copy.
 */
export function setDefaultsCronJob(cj: CronJob): CronJob {
  const spec = { ...(cj.spec ?? ({} as NonNullable<CronJob['spec']>)) };
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = ALLOW_CONCURRENT;
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null) spec.successfulJobsHistoryLimit = DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null) spec.failedJobsHistoryLimit = DEFAULT_FAILED_JOBS_HISTORY_LIMIT;
  return { ...cj, spec };
}
