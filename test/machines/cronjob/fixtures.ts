/** Shared builders for the CronJob arithmetic tests. */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import type { CreateOutcome } from '../../../machines/cronjob/sync.ts';
import { iso } from '../../../machines/time.ts';

export const CJ_UID = 'cj-uid';
export const at = (s: string) => Date.parse(s);

export interface CronJobOptions {
  name?: string;
  schedule?: string;
  timeZone?: string;
  created?: string;
  last?: string;
  lastSuccessful?: string;
  active?: Job[];
  suspend?: boolean;
  policy?: 'Allow' | 'Forbid' | 'Replace';
  sds?: number;
  successfulLimit?: number | null;
  failedLimit?: number | null;
  deleting?: boolean;
  templateLabels?: Record<string, string>;
  templateAnnotations?: Record<string, string>;
}

/** A defaulted CronJob (Allow, not suspended, limits 3 / 1) in namespace `default`. */
export function cronJob(o: CronJobOptions = {}): CronJob {
  const spec: Record<string, unknown> = {
    schedule: o.schedule ?? '*/5 * * * *',
    concurrencyPolicy: o.policy ?? 'Allow',
    suspend: o.suspend ?? false,
    jobTemplate: {
      ...(o.templateLabels || o.templateAnnotations
        ? { metadata: { ...(o.templateLabels ? { labels: o.templateLabels } : {}), ...(o.templateAnnotations ? { annotations: o.templateAnnotations } : {}) } }
        : {}),
      spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } },
    },
  };
  if (o.successfulLimit !== null) spec.successfulJobsHistoryLimit = o.successfulLimit ?? 3;
  if (o.failedLimit !== null) spec.failedJobsHistoryLimit = o.failedLimit ?? 1;
  if (o.timeZone !== undefined) spec.timeZone = o.timeZone;
  if (o.sds !== undefined) spec.startingDeadlineSeconds = o.sds;
  const status: Record<string, unknown> = {};
  if (o.active) status.active = o.active.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata!.name, namespace: 'default', uid: j.metadata!.uid, resourceVersion: '1' }));
  if (o.last) status.lastScheduleTime = o.last;
  if (o.lastSuccessful) status.lastSuccessfulTime = o.lastSuccessful;
  return {
    apiVersion: 'batch/v1', kind: 'CronJob',
    metadata: {
      name: o.name ?? 'hello', namespace: 'default', uid: CJ_UID, creationTimestamp: o.created ?? '2024-01-01T10:00:10Z',
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T12:00:00Z' } : {}),
    },
    spec,
    status,
  } as unknown as CronJob;
}

export interface JobOptions {
  uid?: string;
  owner?: string | null;
  ownerUid?: string;
  state?: 'running' | 'complete' | 'failed';
  start?: string;
  completion?: string;
  namespace?: string;
}

/** A Job controlled by CronJob `hello` (unless `owner: null`). */
export function job(name: string, o: JobOptions = {}): Job {
  const conditions = o.state === 'complete' ? [{ type: 'Complete', status: 'True' }]
    : o.state === 'failed' ? [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] : [];
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name, namespace: o.namespace ?? 'default', uid: o.uid ?? `${name}-uid`, resourceVersion: '1',
      ...(o.owner === null ? {} : {
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: o.owner ?? 'hello', uid: o.ownerUid ?? CJ_UID, controller: true, blockOwnerDeletion: true }],
      }),
    },
    spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } },
    status: {
      ...(o.start ? { startTime: o.start } : {}),
      ...(o.completion ? { completionTime: o.completion } : {}),
      ...(conditions.length ? { conditions } : {}),
    },
  } as Job;
}

/** The API's create: the request stored with a uid and resourceVersion. */
export function apiCreate(job: Job): CreateOutcome {
  return { created: { ...job, metadata: { ...job.metadata, uid: `${job.metadata!.name}-uid`, resourceVersion: '7' } } };
}

export { iso };
