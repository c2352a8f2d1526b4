/**
 * `kubectl get jobs` row cells (server-side printing): NAME, STATUS, COMPLETIONS, DURATION, AGE.
 *
 * Upstream (kubernetes/kubernetes), pkg/printers/internalversion/printers.go: printJob,
 * hasJobCondition (read in a version with the STATUS column).
 *
 * The STATUS column was added by PR #123226 (merged February 2024, Kubernetes 1.30), so 1.32 has
 * it: the first of `Complete` (condition True), `Failed`, `Terminating` (deletionTimestamp),
 * `Suspended`, `FailureTarget`, else `Running`. (`SuccessCriteriaMet` as a STATUS value came later,
 * PR #132832, July 2025 — not in 1.32.) `hasJobCondition` looks at the FIRST condition of the type.
 * COMPLETIONS: `<succeeded>/<completions>`; nil completions → `<succeeded>/1 of <parallelism>`
 * when parallelism > 1, else `<succeeded>/1`. DURATION: HumanDuration(completionTime − startTime),
 * or since startTime while running; empty without a startTime. AGE: translateTimestampSince.
 * The wide columns (CONTAINERS, IMAGES, SELECTOR) are src/views/printers.ts's.
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import { humanDuration, parseTime, translateTimestampSince } from '../../src/views/duration.ts';
import { findConditionByType, JOB_COMPLETE, JOB_FAILED, JOB_FAILURE_TARGET, JOB_SUSPENDED } from './spec.ts';

/** printers.go `hasJobCondition`: the first condition of the type decides (status True). */
export function hasJobCondition(job: Job, type: string): boolean {
  return findConditionByType(job.status?.conditions, type)?.status === 'True';
}

/** printJob's STATUS cell. */
export function jobStatusCell(job: Job): string {
  if (hasJobCondition(job, JOB_COMPLETE)) return 'Complete';
  if (hasJobCondition(job, JOB_FAILED)) return 'Failed';
  if (job.metadata?.deletionTimestamp != null) return 'Terminating';
  if (hasJobCondition(job, JOB_SUSPENDED)) return 'Suspended';
  if (hasJobCondition(job, JOB_FAILURE_TARGET)) return 'FailureTarget';
  return 'Running';
}

/** printJob's COMPLETIONS cell. */
export function jobCompletionsCell(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions != null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION cell. */
export function jobDurationCell(job: Job, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const completion = parseTime(job.status?.completionTime);
  return humanDuration((completion ?? now) - start);
}

/** The `kubectl get jobs` cells: [NAME, STATUS, COMPLETIONS, DURATION, AGE]. */
export function jobRow(job: Job, now: number): [string, string, string, string, string] {
  return [job.metadata?.name ?? '', jobStatusCell(job), jobCompletionsCell(job), jobDurationCell(job, now), translateTimestampSince(job.metadata?.creationTimestamp, now)];
}
