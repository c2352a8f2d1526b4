import { describe, expect, it } from 'vitest';
import {
  claimJobPods, generatedNameBase, getNewIndexFailureCounts, newJobPod, podGenerateNameWithIndex, JOB_TRACKING_FINALIZER,
} from '../../../machines/job/arith.ts';
import { job, names, pod } from './fixtures.ts';

describe('pod names', () => {
  it('NonIndexed: generateName "<job>-"; the API server keeps at most 58 characters before the random suffix', () => {
    expect(newJobPod(job()).metadata!.generateName).toBe('foobar-');
    const long = 'a'.repeat(63);
    expect(generatedNameBase(`${long}-`)).toBe('a'.repeat(58));
  });

  it.each([
    ['short', 'pi', 3, 'pi-3-'],
    ['exactly 58', 'a'.repeat(55), 0, `${'a'.repeat(55)}-0-`],
    ['trimmed so the index survives', 'a'.repeat(63), 12, `${'a'.repeat(54)}-12-`],
  ] as const)('Indexed %s: podGenerateNameWithIndex', (_n, name, index, want) => {
    expect(podGenerateNameWithIndex(name, index)).toBe(want);
    expect(podGenerateNameWithIndex(name, index).length).toBeLessThanOrEqual(58);
  });
});

describe('the pod a Job creates', () => {
  it('NonIndexed: template labels (incl. the generated selector labels), tracking finalizer, ControllerRef, template spec', () => {
    const p = newJobPod(job());
    expect(p.metadata).toEqual({
      generateName: 'foobar-', namespace: 'default',
      labels: { foo: 'bar', 'job-name': 'foobar', 'batch.kubernetes.io/job-name': 'foobar', 'controller-uid': 'job-uid', 'batch.kubernetes.io/controller-uid': 'job-uid' },
      annotations: {},
      finalizers: [JOB_TRACKING_FINALIZER],
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec!.hostname).toBeUndefined();
    expect(p.spec!.containers[0].env).toBeUndefined();
  });

  it('Indexed: index annotation + label, hostname <job>-<index>, JOB_COMPLETION_INDEX from the label', () => {
    const j = job({ indexed: true, completions: 3, parallelism: 3 });
    j.spec!.template.spec!.initContainers = [{ name: 'init', image: 'i' }];
    const p = newJobPod(j, { index: 2 });
    expect(p.metadata!.generateName).toBe('foobar-2-');
    expect(p.metadata!.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '2' });
    expect(p.metadata!.labels!['batch.kubernetes.io/job-completion-index']).toBe('2');
    expect(p.spec!.hostname).toBe('foobar-2');
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } };
    expect(p.spec!.containers[0].env).toEqual([env]);
    expect(p.spec!.initContainers![0].env).toEqual([env]);
    expect(j.spec!.template.spec!.containers[0].env).toBeUndefined();
  });

  it('without PodIndexLabel: no index label, env from the annotation', () => {
    const p = newJobPod(job({ indexed: true, completions: 3 }), { index: 0, gates: { podIndexLabel: false } });
    expect(p.metadata!.labels!['batch.kubernetes.io/job-completion-index']).toBeUndefined();
    expect(p.spec!.containers[0].env![0].valueFrom!.fieldRef!.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
  });

  it('an existing JOB_COMPLETION_INDEX variable is kept; the finalizer is not doubled', () => {
    const j = job({ indexed: true, completions: 1 });
    j.spec!.template.spec!.containers[0].env = [{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }];
    j.spec!.template.metadata!.finalizers = [JOB_TRACKING_FINALIZER];
    const p = newJobPod(j, { index: 0 });
    expect(p.spec!.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', value: 'mine' }]);
    expect(p.metadata!.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
  });
});

describe('per-index failure counts on the replacement (backoffLimitPerIndex)', () => {
  const j = job({ indexed: true, completions: 3, spec: { backoffLimitPerIndex: 2 } });

  it('first pod of an index: failure count 0, no ignored count', () => {
    expect(newJobPod(j, { index: 1 }).metadata!.annotations).toEqual({
      'batch.kubernetes.io/job-completion-index': '1', 'batch.kubernetes.io/job-index-failure-count': '0',
    });
  });

  it('replacing a failed pod copies and increments its count', () => {
    const failed = pod('f', { phase: 'Failed', index: 1, failureCount: '1', ignoredFailureCount: '2' });
    expect(newJobPod(j, { index: 1, podBeingReplaced: failed }).metadata!.annotations).toEqual({
      'batch.kubernetes.io/job-completion-index': '1', 'batch.kubernetes.io/job-index-failure-count': '2', 'batch.kubernetes.io/job-index-ignored-failure-count': '2',
    });
  });

  it('an Ignored failure increments the ignored count instead', () => {
    const ji = job({ indexed: true, completions: 3, spec: { backoffLimitPerIndex: 2, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [7] } }] } } });
    expect(getNewIndexFailureCounts(ji, pod('f', { phase: 'Failed', index: 0, exitCode: 7, failureCount: '1' }))).toEqual([1, 1]);
    expect(getNewIndexFailureCounts(ji, pod('g', { phase: 'Failed', index: 0, exitCode: 8, failureCount: '1' }))).toEqual([2, 0]);
    expect(getNewIndexFailureCounts(ji, null)).toEqual([0, 0]);
  });
});

describe('claimJobPods (getPodsForJob)', () => {
  it('adopts matching orphans (adding the tracking finalizer in memory), keeps owned pods, ignores others', () => {
    const j = job();
    const labels = j.spec!.template.metadata!.labels!;
    const mine = pod('mine');
    mine.metadata!.labels = { ...labels };
    const orphan = pod('orphan', { owned: false, finalizer: false });
    orphan.metadata!.labels = { ...labels };
    const stranger = pod('stranger', { owned: false });
    const r = claimJobPods(j, [mine, orphan, stranger]);
    expect(names(r.pods)).toEqual(['mine', 'orphan']);
    expect(names(r.adopt)).toEqual(['orphan']);
    expect(r.pods[1].metadata!.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(orphan.metadata!.finalizers).toBeUndefined();
  });
});
