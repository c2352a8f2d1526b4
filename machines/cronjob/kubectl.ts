/**
 * kubectl's client side of CronJobs: `kubectl create job NAME --from=cronjob/CJ` and the
 * `kubectl get cronjobs` row.
 *
 * Upstream: kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go
 * (`CreateJobOptions.Validate`, `Run`, `createJobFromCronJob`), create.go
 * (`NameFromCommandArgs`), pkg/printers/internalversion/printers.go (`printCronJob`,
 * `printBoolPtr`, the CronJob column definitions).
 *
 * Version notes: since kubectl 1.31 (PR #124883, fixing the 1.28 regression of #118530) the
 * Job's owner reference has `controller: true` but NOT `blockOwnerDeletion` (which would need
 * the cronjobs/finalizers permission). With the controller ref the CronJob controller
 * reconciles manual Jobs: while running and not in `status.active` they draw `UnexpectedJob`
 * warnings; finished, they count in the history limits and (succeeded) set
 * `lastSuccessfulTime`. Before 1.28 the reference had no `controller` field and manual Jobs were
 * ignored by the controller.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import { formatLabelSelector } from '../../src/views/util.ts';
import { translateTimestampSince } from '../../src/views/duration.ts';
import { INSTANTIATE_ANNOTATION } from './spec.ts';

export interface CreateJobOptions {
  /** Positional arguments before `--` (the NAME) … */
  argsBeforeDash: readonly string[];
  /** … and after it (the command). */
  command?: readonly string[];
  image?: string;
  from?: string;
}

/**
 * create.go `NameFromCommandArgs` then create_job.go `Validate`:
 * `exactly one NAME is required, got <n>` (kubectl adds "See 'kubectl create job -h' for help
 * and examples" as a usage error), `either --image or --from must be specified` (none or both),
 * `cannot specify --from and command`.
 */
export function validateCreateJob(o: CreateJobOptions): { name: string } | { error: string } {
  if (o.argsBeforeDash.length !== 1) return { error: `exactly one NAME is required, got ${o.argsBeforeDash.length}` };
  const image = o.image ?? '';
  const from = o.from ?? '';
  if ((image.length === 0 && from.length === 0) || (image.length !== 0 && from.length !== 0)) {
    return { error: 'either --image or --from must be specified' };
  }
  if (o.command && o.command.length !== 0 && from.length !== 0) return { error: 'cannot specify --from and command' };
  return { name: o.argsBeforeDash[0]! };
}

/** create_job.go Run: `--from` resolved to something other than one CronJob. */
export function createJobFromError(found: number, kind?: string): string {
  if (found !== 1) return 'from must be an existing cronjob';
  return `unknown object type *v1.${kind ?? ''}`;
}

/**
 * create_job.go `createJobFromCronJob(cronJob)`: a `batch/v1` Job named NAME with
 *  - annotations `cronjob.kubernetes.io/instantiate: manual`, then the template's annotations
 *    (a template annotation of the same key wins);
 *  - the template's labels (the same map, unset when the template has none);
 *  - an owner reference `{apiVersion: batch/v1, kind: CronJob, name, uid, controller: true}`
 *    (no blockOwnerDeletion);
 *  - spec = `jobTemplate.spec`;
 *  - `namespace` only when given explicitly (`-n`, EnforceNamespace).
 * No `batch.kubernetes.io/cronjob-scheduled-timestamp`, no name hash: the API server then
 * defaults the Job as any other.
 */
export function createJobFromCronJob(cj: CronJob, name: string, enforcedNamespace?: string): Job {
  const tmpl = cj.spec?.jobTemplate;
  const annotations: Record<string, string> = { [INSTANTIATE_ANNOTATION]: 'manual', ...(tmpl?.metadata?.annotations ?? {}) };
  const metadata: NonNullable<Job['metadata']> = {
    name,
    annotations,
    ...(tmpl?.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name ?? '', uid: cj.metadata?.uid ?? '', controller: true }],
    ...(enforcedNamespace !== undefined ? { namespace: enforcedNamespace } : {}),
  };
  const job: Job = { apiVersion: 'batch/v1', kind: 'Job', metadata };
  if (tmpl?.spec) job.spec = structuredClone(tmpl.spec);
  return job;
}

/** The line `kubectl create job` prints: `job.batch/<name> created` (dry runs: ` (dry run)` / ` (server dry run)`). */
export function createdJobMessage(name: string, dryRun: 'none' | 'client' | 'server' = 'none'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `job.batch/${name} created${suffix}`;
}

/** printers.go CronJob columns (the last three only with `-o wide`). */
export const CRONJOB_COLUMNS = ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'] as const;

/** printers.go `printBoolPtr`: `<unset>`, `True`, `False`. */
export function printBoolPtr(v: boolean | null | undefined): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/**
 * printers.go `printCronJob`: NAME, SCHEDULE, TIMEZONE (`<none>` when unset), SUSPEND
 * (printBoolPtr), ACTIVE (`len(status.active)`), LAST SCHEDULE (age of lastScheduleTime via
 * translateTimestampSince, `<none>` when unset), AGE; wide adds CONTAINERS, IMAGES (the job
 * template's containers, comma-joined) and SELECTOR (the job template's selector, `<none>`).
 */
export function printCronJob(cj: CronJob, now: number, wide = false): string[] {
  const st = cj.status;
  const lastSchedule = st?.lastScheduleTime ? translateTimestampSince(st.lastScheduleTime, now) : '<none>';
  const row = [
    cj.metadata?.name ?? '', cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', printBoolPtr(cj.spec?.suspend),
    String((st?.active ?? []).length), lastSchedule, translateTimestampSince(cj.metadata?.creationTimestamp, now),
  ];
  if (wide) {
    const containers = cj.spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
    row.push(containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','),
      formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector));
  }
  return row;
}
