import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import {
  completionsOf, delayTerminalCondition, generateSelector, isJobFinished, isJobSucceeded, JOB_GATES_1_32, managedByExternalController,
  onlyReplaceFailedPods, setDefaultsJob, trackTerminatingPods,
} from '../../../machines/job/arith.ts';
import { job } from './fixtures.ts';

const raw = (spec: Partial<NonNullable<Job['spec']>>, labels?: Record<string, string>): Job => ({
  metadata: { name: 'pi', uid: 'u1', ...(labels ? { labels } : {}) },
  spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [] } }, ...spec },
});

describe('SetDefaults_Job', () => {
  it.each([
    ['both unset → completions 1, parallelism 1', {}, { completions: 1, parallelism: 1 }],
    ['completions only → parallelism 1', { completions: 5 }, { completions: 5, parallelism: 1 }],
    ['parallelism only → completions stays nil (work queue)', { parallelism: 3 }, { completions: undefined, parallelism: 3 }],
  ] as const)('%s', (_n, spec, want) => {
    const s = setDefaultsJob(raw(spec)).spec!;
    expect({ completions: s.completions, parallelism: s.parallelism }).toEqual(want);
  });

  it('the rest: backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed, manualSelector false, labels from the template', () => {
    const j = setDefaultsJob(raw({}));
    expect(j.spec).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false });
    expect(j.metadata!.labels).toEqual({ app: 'pi' });
    expect(setDefaultsJob(raw({}, { mine: 'x' })).metadata!.labels).toEqual({ mine: 'x' });
  });

  it('backoffLimit is MaxInt32 with backoffLimitPerIndex', () => {
    expect(setDefaultsJob(raw({ backoffLimitPerIndex: 1 })).spec!.backoffLimit).toBe(2147483647);
  });

  it('podFailurePolicy: replacement policy Failed; onPodConditions status defaults to True', () => {
    const j = setDefaultsJob(raw({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as never] }] } }));
    expect(j.spec!.podReplacementPolicy).toBe('Failed');
    expect(j.spec!.podFailurePolicy!.rules[0].onPodConditions![0].status).toBe('True');
  });

  it('does not mutate its input', () => {
    const r = raw({});
    setDefaultsJob(r);
    expect(r.spec!.completions).toBeUndefined();
  });
});

describe('generateSelector (API server)', () => {
  it('adds job-name / controller-uid labels (legacy and batch.kubernetes.io/) and selects on the uid', () => {
    const j = generateSelector(raw({}));
    expect(j.spec!.template.metadata!.labels).toEqual({
      app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u1', 'batch.kubernetes.io/controller-uid': 'u1',
    });
    expect(j.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
  });

  it('manualSelector: untouched', () => {
    expect(generateSelector(raw({ manualSelector: true })).spec!.selector).toBeUndefined();
  });
});

describe('1.32 gates and the behaviours they switch', () => {
  it('defaults', () => {
    expect(JOB_GATES_1_32).toEqual({
      jobPodReplacementPolicy: true, jobBackoffLimitPerIndex: true, jobSuccessPolicy: true, jobManagedBy: true, podIndexLabel: true, sidecarContainers: true,
    });
  });

  it('delayTerminalCondition: JobManagedBy or JobPodReplacementPolicy', () => {
    expect(delayTerminalCondition()).toBe(true);
    expect(delayTerminalCondition({ jobManagedBy: false })).toBe(true);
    expect(delayTerminalCondition({ jobManagedBy: false, jobPodReplacementPolicy: false })).toBe(false);
  });

  it('trackTerminatingPods / onlyReplaceFailedPods', () => {
    const off = { jobManagedBy: false, jobPodReplacementPolicy: false };
    expect(trackTerminatingPods(job(), off)).toBe(false);
    expect(trackTerminatingPods(job({ spec: { podFailurePolicy: { rules: [] } } }), off)).toBe(true);
    expect(onlyReplaceFailedPods(job({ spec: { podReplacementPolicy: 'Failed' } }))).toBe(true);
    expect(onlyReplaceFailedPods(job({ spec: { podReplacementPolicy: 'Failed' } }), off)).toBe(false);
  });

  it('managedBy: another controller → skipped; the reserved value or none → ours', () => {
    expect(managedByExternalController(job({ spec: { managedBy: 'kueue.x-k8s.io/multikueue' } }))).toBe('kueue.x-k8s.io/multikueue');
    expect(managedByExternalController(job({ spec: { managedBy: 'kubernetes.io/job-controller' } }))).toBe(null);
    expect(managedByExternalController(job({ spec: { managedBy: 'x.io/y' } }), { jobManagedBy: false })).toBe(null);
  });
});

describe('finished conditions (job/util)', () => {
  it.each([
    ['Complete True', [{ type: 'Complete', status: 'True' }], true, true],
    ['Failed True', [{ type: 'Failed', status: 'True' }], true, false],
    ['FailureTarget / SuccessCriteriaMet are interim', [{ type: 'FailureTarget', status: 'True' }, { type: 'SuccessCriteriaMet', status: 'True' }], false, false],
    ['Complete False', [{ type: 'Complete', status: 'False' }], false, false],
  ] as const)('%s', (_n, conditions, finished, succeeded) => {
    const j = job({ conditions: [...conditions] });
    expect([isJobFinished(j), isJobSucceeded(j)]).toEqual([finished, succeeded]);
  });

  it('completionsOf: nil only for work-queue Jobs', () => {
    expect(completionsOf(job({ completions: null, parallelism: 3 }))).toBe(null);
    expect(completionsOf(job({ completions: 4 }))).toBe(4);
  });
});
