/**
 * The pods a Job creates and claims: names, the Indexed-Job template additions, per-index failure
 * counts, the tracking finalizer, and adoption.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/job/job_controller.go      manageJob (the per-pod template), getPodsForJob,
 *                                              appendJobCompletionFinalizerIfNotFound
 *  - pkg/controller/job/indexed_job_utils.go   addCompletionIndexEnvVariables,
 *      addCompletionIndexEnvVariable, addCompletionIndexAnnotation, addCompletionIndexLabel,
 *      podGenerateNameWithIndex, addIndexFailureCountAnnotation, getNewIndexFailureCounts
 *  - pkg/controller/controller_utils.go        GetPodFromTemplate, getPodsPrefix,
 *                                              RealPodControl.CreatePodsWithGenerateName
 *  - staging/src/k8s.io/apiserver/pkg/storage/names/generate.go  MaxGeneratedNameLength (58),
 *      simpleNameGenerator.GenerateName (read in verbatim copies of that file)
 *
 * The pod for index i of Job `j` (Indexed):
 *  - generateName `j-i-` (the job name trimmed so the prefix fits 58 characters), hostname `j-i`;
 *  - annotation and (gate PodIndexLabel, GA in 1.32) label `batch.kubernetes.io/job-completion-index: "i"`;
 *  - every (init) container gets env `JOB_COMPLETION_INDEX` from
 *    `metadata.labels['batch.kubernetes.io/job-completion-index']` (annotations without the gate),
 *    unless it already has a variable of that name;
 *  - with backoffLimitPerIndex: `batch.kubernetes.io/job-index-failure-count` (always) and
 *    `…-ignored-failure-count` (when > 0), from the failed pod being replaced.
 * Every pod: template labels (the API server's selector generation already put `job-name`,
 * `controller-uid` and their `batch.kubernetes.io/` forms there) / annotations / finalizers plus
 * the tracking finalizer, the Job's ControllerRef, the template spec; NonIndexed pods get
 * generateName `j-` (getPodsPrefix; its fallback to the bare name for an invalid prefix is not
 * modelled — a valid Job name always makes a valid prefix). The API server then appends 5 random
 * characters after truncating the prefix to 58 ({@link generatedNameBase}).
 */
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import type { Container, PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { OwnerReference, Pod } from '../../src/types.ts';
import { selectorFromLabelSelector } from '../../src/labels.ts';
import { claimPods, newControllerRef } from '../replicaset/claim.ts';
import { hasJobTrackingFinalizer } from './counting.ts';
import { matchPodFailurePolicy } from './failure-policy.ts';
import { getIndexFailureCount, getIndexIgnoredFailureCount } from './indexes.ts';
import {
  COMPLETION_INDEX_ENV_NAME, hasBackoffLimitPerIndex, isIndexedJob, jobGates, JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION, JOB_KIND, JOB_TRACKING_FINALIZER, type JobGates,
} from './spec.ts';

/** names.MaxGeneratedNameLength = 63 − 5. */
export const MAX_GENERATED_NAME_LENGTH = 58;

/** controller_utils.go `getPodsPrefix(controllerName)`: `<name>-`. */
export function getPodsPrefix(controllerName: string): string {
  return `${controllerName}-`;
}

/**
 * indexed_job_utils.go `podGenerateNameWithIndex(jobName, index)`: `<job>-<index>-`; when longer
 * than 58, the job name is cut so that the `-<index>-` suffix survives.
 */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  const prefix = jobName + appendIndex;
  if (prefix.length > MAX_GENERATED_NAME_LENGTH) return prefix.slice(0, MAX_GENERATED_NAME_LENGTH - appendIndex.length) + appendIndex;
  return prefix;
}

/**
 * names.go `simpleNameGenerator.GenerateName(base)` minus the random part: the base the API server
 * appends 5 random characters to — the generateName cut to 58 characters.
 */
export function generatedNameBase(generateName: string): string {
  return generateName.length > MAX_GENERATED_NAME_LENGTH ? generateName.slice(0, MAX_GENERATED_NAME_LENGTH) : generateName;
}

/**
 * `addCompletionIndexEnvVariable(container)`: append `JOB_COMPLETION_INDEX` (fieldRef to the index
 * label with gate PodIndexLabel, else to the annotation) unless a variable of that name exists.
 * Returns a copy. (The API server defaults the fieldRef's apiVersion to "v1" on create.)
 */
export function addCompletionIndexEnvVariable(container: Container, gates?: JobGates): Container {
  if (container.env?.some((e) => e.name === COMPLETION_INDEX_ENV_NAME)) return container;
  const fieldPath = jobGates(gates).podIndexLabel
    ? `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']`
    : `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']`;
  return { ...container, env: [...(container.env ?? []), { name: COMPLETION_INDEX_ENV_NAME, valueFrom: { fieldRef: { fieldPath } } }] };
}

/** `addCompletionIndexEnvVariables(template)`: init containers, then containers. Returns a copy. */
export function addCompletionIndexEnvVariables(template: PodTemplateSpec, gates?: JobGates): PodTemplateSpec {
  const spec = template.spec;
  if (!spec) return template;
  return {
    ...template,
    spec: {
      ...spec,
      ...(spec.initContainers ? { initContainers: spec.initContainers.map((c) => addCompletionIndexEnvVariable(c, gates)) } : {}),
      containers: spec.containers.map((c) => addCompletionIndexEnvVariable(c, gates)),
    },
  };
}

/** job_controller.go `appendJobCompletionFinalizerIfNotFound`. */
export function appendJobCompletionFinalizerIfNotFound(finalizers: readonly string[] | undefined): string[] {
  const f = [...(finalizers ?? [])];
  if (!f.includes(JOB_TRACKING_FINALIZER)) f.push(JOB_TRACKING_FINALIZER);
  return f;
}

/**
 * indexed_job_utils.go `getNewIndexFailureCounts(job, podBeingReplaced)` → [failureCount,
 * ignoredFailureCount] for the replacement: (0, 0) without a pod being replaced; else the pod's
 * annotations, with the failure-count incremented — or, when its failure matched an Ignore rule,
 * the ignored count.
 */
export function getNewIndexFailureCounts(job: Job, podBeingReplaced: Pod | null | undefined, gates?: JobGates): [number, number] {
  if (podBeingReplaced == null) return [0, 0];
  let failures = getIndexFailureCount(podBeingReplaced);
  let ignored = getIndexIgnoredFailureCount(podBeingReplaced);
  if (job.spec?.podFailurePolicy != null) {
    if (matchPodFailurePolicy(job.spec.podFailurePolicy, podBeingReplaced, gates).countFailed) failures++;
    else ignored++;
  } else {
    failures++;
  }
  return [failures, ignored];
}

/** `metav1.NewControllerRef(job, batch/v1 Job)`. */
export function jobControllerRef(job: Job): OwnerReference {
  return newControllerRef({ ...JOB_KIND, name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '' });
}

export interface NewJobPodOptions {
  /** The completion index (Indexed Jobs), or null. */
  index?: number | null;
  /** With backoffLimitPerIndex: the failed pod of that index being replaced (`podsWithDelayedDeletionPerIndex[index]`). */
  podBeingReplaced?: Pod | null;
  gates?: JobGates;
}

/**
 * The pod one `podControl.CreatePodsWithGenerateName` call of `manageJob` sends (see the module
 * doc); the API server fills in the name, uid and pod defaults.
 */
export function newJobPod(job: Job, opts: NewJobPodOptions = {}): Pod {
  const gates = opts.gates;
  let template: PodTemplateSpec = structuredClone(job.spec?.template ?? {});
  if (isIndexedJob(job)) template = addCompletionIndexEnvVariables(template, gates);
  const md = { ...(template.metadata ?? {}) };
  md.finalizers = appendJobCompletionFinalizerIfNotFound(md.finalizers);
  const spec = { ...(template.spec ?? { containers: [] }) };
  const name = job.metadata?.name ?? '';
  let generateName = '';
  const index = opts.index ?? null;
  if (index !== null) {
    md.annotations = { ...(md.annotations ?? {}), [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) };
    if (jobGates(gates).podIndexLabel) md.labels = { ...(md.labels ?? {}), [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) };
    spec.hostname = `${name}-${index}`;
    generateName = podGenerateNameWithIndex(name, index);
    if (hasBackoffLimitPerIndex(job, gates)) {
      const [failures, ignored] = getNewIndexFailureCounts(job, opts.podBeingReplaced, gates);
      md.annotations[JOB_INDEX_FAILURE_COUNT_ANNOTATION] = String(failures);
      if (ignored > 0) md.annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(ignored);
    }
  }
  return {
    metadata: {
      generateName: generateName !== '' ? generateName : getPodsPrefix(name),
      ...(job.metadata?.namespace !== undefined ? { namespace: job.metadata.namespace } : {}),
      labels: { ...(md.labels ?? {}) },
      annotations: { ...(md.annotations ?? {}) },
      finalizers: [...md.finalizers],
      ownerReferences: [jobControllerRef(job)],
    },
    spec,
  };
}

/**
 * The pod as the Job's adoption patch leaves it (`ClaimPods` through a PodControl with
 * finalizers): the Job's ControllerRef added (any other controller reference is replaced) and the
 * tracking finalizer appended.
 */
export function adoptedJobPod(pod: Pod, ref: OwnerReference): Pod {
  const md = pod.metadata ?? {};
  const refs = [...(md.ownerReferences ?? []).filter((r) => !r.controller), ref];
  return { ...pod, metadata: { ...md, ownerReferences: refs, finalizers: appendJobCompletionFinalizerIfNotFound(md.finalizers) } };
}

/**
 * job_controller.go `getPodsForJob`: `ClaimPods` with the Job's selector (adoption patches in the
 * ControllerRef AND the tracking finalizer), then every pod without an ownerReference to the Job
 * (i.e. just adopted) gets the finalizer in memory. Returns the claimed pods (input order) and
 * the adopt / release lists from {@link claimPods}.
 */
export function claimJobPods(job: Job, pods: readonly Pod[]): { pods: Pod[]; adopt: Pod[]; release: Pod[] } {
  const uid = job.metadata?.uid ?? '';
  const r = claimPods({
    uid,
    selector: selectorFromLabelSelector(job.spec?.selector),
    deleting: job.metadata?.deletionTimestamp != null,
    ...(job.metadata?.namespace !== undefined ? { namespace: job.metadata.namespace } : {}),
    ...JOB_KIND,
    name: job.metadata?.name ?? '',
  }, pods);
  const owned = r.owned.map((p) => {
    const ours = p.metadata?.ownerReferences?.some((ref) => ref.uid === uid) ?? false;
    if (ours || hasJobTrackingFinalizer(p)) return p;
    return { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER] } };
  });
  return { pods: owned, adopt: r.adopt, release: r.release };
}
