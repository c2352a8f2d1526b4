/**
 * The Job controller's arithmetic, as pure functions (no machines, no cluster): one import point
 * for the modules below. Each function names the upstream function it mirrors.
 *
 * - spec.ts — keys, reasons, constants, feature gates (1.32 defaults), SetDefaults_Job, generateSelector, spec accessors
 * - indexes.ts — completedIndexes / failedIndexes intervals, a pod's index, failure-count annotations, firstPendingIndexes, duplicate-index removals
 * - counting.ts — active / ready / terminating / failed pods, new finished pods, counters, pastBackoffLimitOnFailure, pod finish time, per-index sets
 * - failure-policy.ts — matchPodFailurePolicy, getFailJobMessage
 * - success-policy.ts — matchSuccessPolicy, SuccessCriteriaMet helpers
 * - backoff.ts — the backoff record and the (per-index) pod-creation delay
 * - pods.ts — pod names, the pod a Job creates, claimJobPods
 * - conditions.ts — newCondition, ensureJobConditionStatus, failure / success conditions, Suspended / Resumed, events
 * - manage.ts — one manageJob as a plan
 * - finish.ts — syncJob's finish decision (FailureTarget / BackoffLimitExceeded / DeadlineExceeded / indexes / SuccessPolicy)
 * - status.ts — trackJobStatusAndRemoveFinalizers (simplified uncounted tracking), enactJobFinished
 * - sync.ts — one syncJob as a plan
 * - ttl.ts — the TTL-after-finished controller
 * - kubectl.ts — `kubectl get jobs` cells
 *
 * Upstream: kubernetes/kubernetes pkg/controller/job (job_controller.go, backoff_utils.go,
 * pod_failure_policy.go, success_policy.go, indexed_job_utils.go, tracking_utils.go, util),
 * pkg/apis/batch/v1/defaults.go, pkg/registry/batch/job/strategy.go,
 * pkg/controller/ttlafterfinished, pkg/printers/internalversion/printers.go (printJob).
 */
export * from './spec.ts';
export * from './indexes.ts';
export * from './counting.ts';
export * from './failure-policy.ts';
export * from './success-policy.ts';
export * from './backoff.ts';
export * from './pods.ts';
export * from './conditions.ts';
export * from './manage.ts';
export * from './finish.ts';
export * from './status.ts';
export * from './sync.ts';
export * from './ttl.ts';
export * from './kubectl.ts';
