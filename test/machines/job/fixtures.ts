/**
 * Shared builders for the Job arithmetic tests (modelled on upstream's job_controller_test.go
 * helpers: newJob(parallelism, completions, backoffLimit, completionMode) and buildPod()).
 */
import type { Job, JobCondition, JobSpec } from 'kubernetes-types/batch/v1.d.ts';
import type { ContainerStatus, Pod, PodCondition } from '../../../src/types.ts';
import { generateSelector, JOB_COMPLETION_INDEX_ANNOTATION, JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION, JOB_TRACKING_FINALIZER, setDefaultsJob } from '../../../machines/job/arith.ts';

/** upstream's defaultTestTime: 2009-11-10T23:00:00Z. */
export const T0 = Date.parse('2009-11-10T23:00:00Z');
export const sec = (s: number) => T0 + s * 1000;
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface JobOpts {
  name?: string;
  parallelism?: number | null;
  completions?: number | null;
  backoffLimit?: number;
  indexed?: boolean;
  suspend?: boolean;
  restartPolicy?: 'Never' | 'OnFailure';
  activeDeadlineSeconds?: number;
  spec?: Partial<JobSpec>;
  status?: Job['status'];
  conditions?: JobCondition[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
}

/** A defaulted Job with generated selector (upstream `newJob`). */
export function job(o: JobOpts = {}): Job {
  const spec: JobSpec = {
    template: { metadata: { labels: { foo: 'bar' } }, spec: { restartPolicy: o.restartPolicy ?? 'Never', containers: [{ name: 'c', image: 'foo/bar' }] } },
    ...(o.parallelism !== null ? { parallelism: o.parallelism ?? 1 } : {}),
    ...(o.completions !== null ? { completions: o.completions ?? 1 } : {}),
    ...(o.backoffLimit !== undefined ? { backoffLimit: o.backoffLimit } : {}),
    ...(o.indexed ? { completionMode: 'Indexed' } : {}),
    ...(o.suspend !== undefined ? { suspend: o.suspend } : {}),
    ...(o.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {}),
    ...(o.spec ?? {}),
  };
  const j = setDefaultsJob(generateSelector({
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name: o.name ?? 'foobar', namespace: 'default', uid: 'job-uid',
      creationTimestamp: o.creationTimestamp ?? iso(T0),
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    spec,
  }));
  if (o.status || o.conditions) j.status = { ...(o.status ?? {}), ...(o.conditions ? { conditions: o.conditions } : {}) };
  return j;
}

export interface PodOpts {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  index?: number | string;
  ready?: boolean;
  readySince?: number;
  deleting?: number;
  grace?: number;
  finalizer?: boolean;
  finishedAt?: number;
  exitCode?: number;
  restarts?: number;
  initRestarts?: number;
  nodeName?: string;
  created?: number;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  failureCount?: string;
  ignoredFailureCount?: string;
  owned?: boolean;
}

/** A pod of the test Job (upstream `buildPod()`): owned, with the tracking finalizer, scheduled. */
export function pod(name: string, o: PodOpts = {}): Pod {
  const annotations: Record<string, string> = {};
  if (o.index !== undefined) annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(o.index);
  if (o.failureCount !== undefined) annotations[JOB_INDEX_FAILURE_COUNT_ANNOTATION] = o.failureCount;
  if (o.ignoredFailureCount !== undefined) annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = o.ignoredFailureCount;
  const phase = o.phase ?? 'Running';
  const conditions: PodCondition[] = o.conditions ?? (o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: iso(o.readySince ?? T0) }] : []);
  const terminated = o.finishedAt !== undefined || o.exitCode !== undefined;
  const containerStatuses: ContainerStatus[] = o.containerStatuses ?? [{
    name: 'c', image: 'foo/bar', imageID: '', ready: !!o.ready, restartCount: o.restarts ?? 0,
    state: terminated
      ? { terminated: { exitCode: o.exitCode ?? (phase === 'Succeeded' ? 0 : 1), ...(o.finishedAt !== undefined ? { finishedAt: iso(o.finishedAt) } : {}) } }
      : { running: {} },
  }];
  return {
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`,
      labels: { foo: 'bar' },
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(o.finalizer === false ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
      ...(o.owned === false ? {} : { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true }] }),
      creationTimestamp: iso(o.created ?? T0),
      ...(o.deleting !== undefined ? { deletionTimestamp: iso(o.deleting), deletionGracePeriodSeconds: o.grace ?? 30 } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'foo/bar' }], ...(o.nodeName !== '' ? { nodeName: o.nodeName ?? 'node-1' } : {}) },
    status: {
      phase, conditions, containerStatuses,
      ...(o.initContainerStatuses ? { initContainerStatuses: o.initContainerStatuses } : {}),
      ...(o.initRestarts !== undefined ? { initContainerStatuses: [{ name: 'init', image: 'i', imageID: '', ready: false, restartCount: o.initRestarts, state: {} }] } : {}),
    },
  };
}

export const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata?.name);
