/**
 * The Jobs of a CronJob: which ones it reconciles, its `status.active` list, finished states,
 * the history order, and the Job built from `spec.jobTemplate` for a scheduled time.
 *
 * Upstream (kubernetes/kubernetes): pkg/controller/cronjob/utils.go (`inActiveList`,
 * `inActiveListByName`, `deleteFromActiveList`, `copyLabels`, `copyAnnotations`,
 * `getJobFromTemplate2`, `byJobStartTime`), cronjob_controllerv2.go (`getJobsToBeReconciled`,
 * `getRef`, `getFinishedStatus`), pkg/controller/job/util/utils.go (`FinishedCondition`,
 * `IsJobFinished`, `IsJobSucceeded`), apimachinery meta/v1 controller_ref.go
 * (`GetControllerOf`, `IsControlledBy`, `NewControllerRef`), client-go tools/reference
 * (`GetReference`).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import type { ObjectReference } from 'kubernetes-types/core/v1.d.ts';
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { iso } from '../time.ts';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from './spec.ts';
import { getJobName } from './times.ts';
import { formatRFC3339, loadLocation, UTC, type Zone } from './tz.ts';
import { finishedCondition as jobFinishedCondition, isJobFinished, isJobSucceeded } from '../job/spec.ts';
import { getControllerOf, newControllerRef as controllerRef } from '../replicaset/claim.ts';

export const JOB_COMPLETE = 'Complete';
export const JOB_FAILED = 'Failed';

type Active = readonly ObjectReference[] | undefined;

/** utils.go `inActiveList(cj, uid)`: an entry of `status.active` with that UID. */
export function inActiveList(cj: CronJob, uid: string | undefined): boolean {
  return (cj.status?.active ?? []).some((j) => (j.uid ?? '') === (uid ?? ''));
}

/** utils.go `inActiveListByName(cj, job)`: an entry with the job's name and namespace. */
export function inActiveListByName(cj: CronJob, job: { name: string; namespace?: string }): boolean {
  return (cj.status?.active ?? []).some((j) => (j.name ?? '') === job.name && (j.namespace ?? '') === (job.namespace ?? ''));
}

/** utils.go `deleteFromActiveList(cj, uid)`: the entries of other UIDs (a new list). */
export function deleteFromActiveList(active: Active, uid: string | undefined): ObjectReference[] {
  return (active ?? []).filter((j) => (j.uid ?? '') !== (uid ?? ''));
}

/** job/util `FinishedCondition(j)` (machines/job/spec.ts), as the CronJob controller reads it: finished, and how. */
export function finishedCondition(j: Job): { finished: true; condition: 'Complete' | 'Failed' } | { finished: false } {
  const c = jobFinishedCondition(j);
  return c ? { finished: true, condition: c.type as 'Complete' | 'Failed' } : { finished: false };
}

export { getControllerOf, isJobFinished, isJobSucceeded };

/** meta/v1 `IsControlledBy(obj, owner)`: the controller ref's UID is the owner's. */
export function isControlledBy(obj: { metadata?: { ownerReferences?: readonly OwnerReference[] } }, owner: { metadata?: { uid?: string } }): boolean {
  const ref = getControllerOf(obj);
  return ref !== undefined && ref.uid === (owner.metadata?.uid ?? '');
}

/**
 * cronjob_controllerv2.go `getJobsToBeReconciled(cj)`: the Jobs of the CronJob's namespace (the
 * lister is listed by namespace) whose controller ref has the CronJob's NAME (upstream checks
 * neither kind nor UID here).
 */
export function getJobsToBeReconciled(cj: CronJob, namespaceJobs: readonly Job[]): Job[] {
  const name = cj.metadata?.name ?? '';
  const ns = cj.metadata?.namespace ?? '';
  return namespaceJobs.filter((j) => (j.metadata?.namespace ?? '') === ns && getControllerOf(j)?.name === name);
}

/**
 * client-go `reference.GetReference(scheme, job)`: `{apiVersion: batch/v1, kind: Job,
 * namespace, name, uid, resourceVersion}` — the entry appended to `status.active`.
 */
export function getRef(job: Job): ObjectReference {
  const md = job.metadata ?? {};
  const ref: ObjectReference = { apiVersion: 'batch/v1', kind: 'Job' };
  if (md.name) ref.name = md.name;
  if (md.namespace) ref.namespace = md.namespace;
  if (md.resourceVersion) ref.resourceVersion = md.resourceVersion;
  if (md.uid) ref.uid = md.uid;
  return ref;
}

/** meta/v1 `NewControllerRef(cj, batch/v1 CronJob)`: controller and blockOwnerDeletion true. */
export function newControllerRef(cj: CronJob): OwnerReference {
  return controllerRef({ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name ?? '', uid: cj.metadata?.uid ?? '' });
}

function startMs(j: Job): number | null {
  const t = j.status?.startTime;
  if (!t) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * utils.go `byJobStartTime.Less`: jobs with a start time first, older first; equal start times
 * (or both unset) by name ascending.
 */
export function compareByJobStartTime(a: Job, b: Job): number {
  const ta = startMs(a);
  const tb = startMs(b);
  if (ta === null && tb !== null) return 1;
  if (ta !== null && tb === null) return -1;
  if (ta === tb) {
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return ta! < tb! ? -1 : 1;
}

/**
 * utils.go `getJobFromTemplate2(cj, scheduledTime)`: the Job the controller creates —
 *  - name `<cronjob>-<scheduledTime.Unix()/60>` (deterministic: the lock against double creation);
 *  - labels and annotations copied from `jobTemplate.metadata`, plus
 *    `batch.kubernetes.io/cronjob-scheduled-timestamp` = the scheduled time in
 *    `time.LoadLocation(timeZone ?? "")` as RFC 3339 — so UTC (`…Z`) when timeZone is unset, NOT
 *    the controller's local zone (gate CronJobsScheduledAnnotation, GA/locked in 1.32);
 *  - `creationTimestamp` = the scheduled time (the API server overwrites it on create);
 *  - a controller ref to the CronJob; spec = a deep copy of `jobTemplate.spec`.
 * `namespace`, `apiVersion` and `kind` are filled for the simulator (upstream passes the
 * namespace to the client and leaves TypeMeta empty). Empty label/annotation maps are omitted
 * (`omitempty`). An unloadable timeZone is the error (upstream returns LoadLocation's error).
 */
export function getJobFromTemplate2(cj: CronJob, scheduledMs: number, localZone: Zone = UTC): { job: Job } | { error: string } {
  const tmpl = cj.spec?.jobTemplate;
  const labels: Record<string, string> = { ...(tmpl?.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tmpl?.metadata?.annotations ?? {}) };
  const loc = loadLocation(cj.spec?.timeZone ?? '', localZone);
  if ('error' in loc) return { error: loc.error };
  annotations[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION] = formatRFC3339(loc.zone, scheduledMs);
  const metadata: NonNullable<Job['metadata']> = {
    name: getJobName(cj, scheduledMs),
    ...(cj.metadata?.namespace ? { namespace: cj.metadata.namespace } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    annotations,
    creationTimestamp: iso(scheduledMs),
    ownerReferences: [newControllerRef(cj)],
  };
  const job: Job = { apiVersion: 'batch/v1', kind: 'Job', metadata };
  if (tmpl?.spec) job.spec = structuredClone(tmpl.spec);
  return { job };
}
