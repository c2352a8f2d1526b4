/**
 * Job constants, feature gates, API defaults and the spec / condition accessors the Job controller
 * reads, as pure functions over `kubernetes-types` objects (nothing here mutates its input).
 *
 * Upstream (kubernetes/kubernetes, read for this module):
 *  - staging/src/k8s.io/api/batch/v1/types.go        label / annotation / finalizer keys,
 *                                                     condition types, reasons, JobControllerName
 *  - pkg/apis/batch/v1/defaults.go                    SetDefaults_Job,
 *                                                     SetDefaults_PodFailurePolicyOnPodConditionsPattern
 *  - pkg/registry/batch/job/strategy.go               generateSelector (the API server's half)
 *  - pkg/controller/job/job_controller.go             syncJobBatchPeriod, DefaultJobApiBackOff,
 *      MaxJobApiBackOff, DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff, MaxUncountedPods,
 *      MaxPodCreateDeletePerSync, jobSuspended, trackTerminatingPods, onlyReplaceFailedPods,
 *      delayTerminalCondition, findConditionByType
 *  - pkg/controller/job/indexed_job_utils.go          isIndexedJob, hasBackoffLimitPerIndex, completionModeStr
 *  - pkg/controller/job/util/utils.go                 FinishedCondition, IsJobFinished, IsJobSucceeded
 *  - pkg/controller/job/job_controller.go (1.30+)     managedByExternalController
 *
 * Feature gates as of Kubernetes 1.32 (read in pkg/features/versioned_kube_features.go, whose
 * per-version entries give each gate's 1.32 value):
 *  - JobPodReplacementPolicy: beta, on (since 1.29).
 *  - JobBackoffLimitPerIndex: beta, on (since 1.29).
 *  - JobSuccessPolicy: beta, on (since 1.31; GA in 1.33).
 *  - JobManagedBy: beta, on (1.32).
 *  - JobPodFailurePolicy: GA (1.31), locked on — not modelled as a gate.
 *  - PodIndexLabel: GA (1.32), locked on.
 *  - SidecarContainers: beta, on (since 1.29) — only the pod finish time reads it here.
 */
import type { Job, JobCondition, JobSpec } from 'kubernetes-types/batch/v1.d.ts';

// ---------------------------------------------------------------------------------------------
// Keys (batch/v1 types.go)
// ---------------------------------------------------------------------------------------------

/** `controllerKind = batch.SchemeGroupVersion.WithKind("Job")`. */
export const JOB_KIND = { apiVersion: 'batch/v1', kind: 'Job' } as const;

/** `labelPrefix`. */
export const LABEL_PREFIX = 'batch.kubernetes.io/';
/** `JobCompletionIndexAnnotation` — also the index LABEL key (gate PodIndexLabel). */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** `JobTrackingFinalizer`. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** `JobNameLabel`. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** `ControllerUidLabel`. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** `LegacyJobNameLabel`. */
export const LEGACY_JOB_NAME_LABEL = 'job-name';
/** `LegacyControllerUidLabel`. */
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
/** `JobIndexFailureCountAnnotation`: failures of the index counted towards backoffLimitPerIndex. */
export const JOB_INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
/** `JobIndexIgnoredFailureCountAnnotation`: failures of the index ignored by the pod failure policy. */
export const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
/** `JobControllerName`: the reserved `spec.managedBy` value of the built-in controller. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';
/** indexed_job_utils.go `completionIndexEnvName`. */
export const COMPLETION_INDEX_ENV_NAME = 'JOB_COMPLETION_INDEX';

export const NON_INDEXED_COMPLETION = 'NonIndexed';
export const INDEXED_COMPLETION = 'Indexed';
/** `PodReplacementPolicy` values. */
export const TERMINATING_OR_FAILED = 'TerminatingOrFailed';
export const FAILED = 'Failed';

// ---------------------------------------------------------------------------------------------
// Conditions and reasons
// ---------------------------------------------------------------------------------------------

export const JOB_SUSPENDED = 'Suspended';
export const JOB_COMPLETE = 'Complete';
export const JOB_FAILED = 'Failed';
export const JOB_FAILURE_TARGET = 'FailureTarget';
export const JOB_SUCCESS_CRITERIA_MET = 'SuccessCriteriaMet';

export const REASON_POD_FAILURE_POLICY = 'PodFailurePolicy';
export const REASON_BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const REASON_DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const REASON_MAX_FAILED_INDEXES_EXCEEDED = 'MaxFailedIndexesExceeded';
export const REASON_FAILED_INDEXES = 'FailedIndexes';
export const REASON_SUCCESS_POLICY = 'SuccessPolicy';
/** `JobReasonCompletionsReached` (added with JobSuccessPolicy beta, 1.31). */
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached';

// ---------------------------------------------------------------------------------------------
// Timing / sizing constants (job_controller.go)
// ---------------------------------------------------------------------------------------------

/** `syncJobBatchPeriod`: pod events and status updates sync the Job this much later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** `DefaultJobApiBackOff` / `MaxJobApiBackOff`: the work queue's per-item rate limiter on sync errors. */
export const DEFAULT_JOB_API_BACKOFF_MS = 1000;
export const MAX_JOB_API_BACKOFF_MS = 60_000;
/** `DefaultJobPodFailureBackOff`. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
/** `MaxJobPodFailureBackOff` (10 min in code; the public docs' "six minutes" is wrong). */
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 600_000;
/** `MaxUncountedPods`. */
export const MAX_UNCOUNTED_PODS = 500;
/** `MaxPodCreateDeletePerSync`. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** Go `math.MaxInt32` (the backoffLimit default with backoffLimitPerIndex). */
export const MAX_INT32 = 2147483647;

// ---------------------------------------------------------------------------------------------
// Feature gates
// ---------------------------------------------------------------------------------------------

/** Feature gates the Job controller consults; defaults are Kubernetes 1.32's. */
export interface JobGates {
  jobPodReplacementPolicy?: boolean;
  jobBackoffLimitPerIndex?: boolean;
  jobSuccessPolicy?: boolean;
  jobManagedBy?: boolean;
  podIndexLabel?: boolean;
  sidecarContainers?: boolean;
}

export const JOB_GATES_1_32: Readonly<Required<JobGates>> = Object.freeze({
  jobPodReplacementPolicy: true,
  jobBackoffLimitPerIndex: true,
  jobSuccessPolicy: true,
  jobManagedBy: true,
  podIndexLabel: true,
  sidecarContainers: true,
});

export function jobGates(g?: JobGates): Required<JobGates> {
  return { ...JOB_GATES_1_32, ...(g ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

/**
 * pkg/apis/batch/v1/defaults.go `SetDefaults_Job` (+ `SetDefaults_PodFailurePolicyOnPodConditionsPattern`),
 * returning a defaulted copy:
 *  - completions and parallelism both unset → both 1; parallelism unset → 1 (completions unset
 *    with parallelism set stays nil: work-queue semantics);
 *  - backoffLimit → MaxInt32 when backoffLimitPerIndex is set, else 6;
 *  - metadata.labels ← template labels when the Job has none (`len(obj.Labels) == 0`) and the
 *    template has a (non-nil) label map;
 *  - completionMode NonIndexed; suspend false; manualSelector false;
 *  - (gate JobPodReplacementPolicy) podReplacementPolicy `Failed` with a podFailurePolicy, else
 *    `TerminatingOrFailed`;
 *  - podFailurePolicy onPodConditions patterns: status "" → "True".
 */
export function setDefaultsJob(job: Job, gates?: JobGates): Job {
  const g = jobGates(gates);
  const out: Job = structuredClone(job);
  const spec = (out.spec ??= { template: {} } as JobSpec);
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  const tl = spec.template?.metadata?.labels;
  if (tl != null && Object.keys(out.metadata?.labels ?? {}).length === 0) {
    out.metadata = { ...(out.metadata ?? {}), labels: { ...tl } };
  }
  if (spec.completionMode == null) spec.completionMode = NON_INDEXED_COMPLETION;
  if (spec.suspend == null) spec.suspend = false;
  if (g.jobPodReplacementPolicy && spec.podReplacementPolicy == null) {
    spec.podReplacementPolicy = spec.podFailurePolicy != null ? FAILED : TERMINATING_OR_FAILED;
  }
  if (spec.manualSelector == null) spec.manualSelector = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const p of rule.onPodConditions ?? []) if (!p.status) p.status = 'True';
  }
  return out;
}

/**
 * pkg/registry/batch/job/strategy.go `generateSelector` (the API server, on create/validate,
 * unless `manualSelector`): template labels `job-name` and `batch.kubernetes.io/job-name` = name,
 * `controller-uid` and `batch.kubernetes.io/controller-uid` = uid (each only when absent — a
 * conflicting user value is left for validation to reject); selector matchLabels
 * `batch.kubernetes.io/controller-uid` = uid when absent. Returns a copy.
 */
export function generateSelector(job: Job): Job {
  const out: Job = structuredClone(job);
  if (out.spec?.manualSelector === true) return out;
  const spec = (out.spec ??= { template: {} } as JobSpec);
  const md = (spec.template.metadata ??= {});
  const labels = (md.labels ??= {});
  const name = out.metadata?.name ?? '';
  const uid = out.metadata?.uid ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  const sel = (spec.selector ??= {});
  const ml = (sel.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in ml)) ml[CONTROLLER_UID_LABEL] = uid;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Spec accessors
// ---------------------------------------------------------------------------------------------

/** indexed_job_utils.go `isIndexedJob`. */
export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === INDEXED_COMPLETION;
}

/** indexed_job_utils.go `completionModeStr` (`getCompletionMode` is the same for valid modes). */
export function completionModeStr(job: Job): string {
  return job.spec?.completionMode ?? NON_INDEXED_COMPLETION;
}

/** indexed_job_utils.go `hasBackoffLimitPerIndex`: gate JobBackoffLimitPerIndex and the field set. */
export function hasBackoffLimitPerIndex(job: Job, gates?: JobGates): boolean {
  return jobGates(gates).jobBackoffLimitPerIndex && job.spec?.backoffLimitPerIndex != null;
}

/** job_controller.go `jobSuspended`. */
export function jobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

/**
 * job_controller.go `onlyReplaceFailedPods`: (gate JobPodReplacementPolicy) podReplacementPolicy
 * `Failed`, or any podFailurePolicy. A terminating pod then is neither failed nor replaced until
 * it reaches phase Failed.
 */
export function onlyReplaceFailedPods(job: Job, gates?: JobGates): boolean {
  if (jobGates(gates).jobPodReplacementPolicy && job.spec?.podReplacementPolicy === FAILED) return true;
  return job.spec?.podFailurePolicy != null;
}

/**
 * job_controller.go `trackTerminatingPods`: gate JobPodReplacementPolicy or JobManagedBy, or a
 * podFailurePolicy. Always true with 1.32's gates.
 */
export function trackTerminatingPods(job: Job, gates?: JobGates): boolean {
  const g = jobGates(gates);
  if (g.jobPodReplacementPolicy || g.jobManagedBy) return true;
  return job.spec?.podFailurePolicy != null;
}

/**
 * job_controller.go `delayTerminalCondition`: gate JobManagedBy or JobPodReplacementPolicy — the
 * interim FailureTarget / SuccessCriteriaMet conditions come first and the terminal Failed /
 * Complete waits for terminating pods. True with 1.32's gates (both on).
 */
export function delayTerminalCondition(gates?: JobGates): boolean {
  const g = jobGates(gates);
  return g.jobManagedBy || g.jobPodReplacementPolicy;
}

/**
 * job_controller.go `managedByExternalController`: with gate JobManagedBy, the `spec.managedBy`
 * value when set to something other than `kubernetes.io/job-controller` (the Job is then skipped),
 * else null.
 */
export function managedByExternalController(job: Job, gates?: JobGates): string | null {
  if (!jobGates(gates).jobManagedBy) return null;
  const m = job.spec?.managedBy;
  return m != null && m !== JOB_CONTROLLER_NAME ? m : null;
}

/** job_controller.go `findConditionByType`: the first condition of that type. */
export function findConditionByType(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** job/util/utils.go `FinishedCondition`: the first Complete or Failed condition with status True. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === JOB_COMPLETE || c.type === JOB_FAILED) && c.status === 'True');
}

/** job/util/utils.go `IsJobFinished`. */
export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

/** job/util/utils.go `IsJobSucceeded`. */
export function isJobSucceeded(job: Job): boolean {
  return job.status?.conditions?.some((c) => c.type === JOB_COMPLETE && c.status === 'True') ?? false;
}

/** `*job.Spec.BackoffLimit` with the API default applied when absent. */
export function backoffLimitOf(job: Job): number {
  const b = job.spec?.backoffLimit;
  if (b != null) return b;
  return job.spec?.backoffLimitPerIndex != null ? MAX_INT32 : 6;
}

/** `*job.Spec.Parallelism` with the API default (1) when absent. */
export function parallelismOf(job: Job): number {
  return job.spec?.parallelism ?? 1;
}

/**
 * `job.Spec.Completions` as the controller sees it after defaulting: null only when parallelism
 * is set and completions is not (work-queue Jobs).
 */
export function completionsOf(job: Job): number | null {
  const c = job.spec?.completions;
  if (c != null) return c;
  return job.spec?.parallelism == null ? 1 : null;
}
