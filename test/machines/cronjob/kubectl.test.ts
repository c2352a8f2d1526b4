import { describe, expect, it } from 'vitest';
import type { CronJob } from 'kubernetes-types/batch/v1.d.ts';
import {
  createdJobMessage, createJobFromCronJob, createJobFromError, printBoolPtr, printCronJob, validateCreateJob,
} from '../../../machines/cronjob/kubectl.ts';
import { at, cronJob, job } from './fixtures.ts';

describe('kubectl create job --from=cronjob/<name>', () => {
  it('the Job: instantiate=manual, template labels/annotations, controller ref without blockOwnerDeletion, template spec', () => {
    const cj = cronJob({ templateLabels: { app: 'hello' }, templateAnnotations: { team: 'a' } });
    expect(createJobFromCronJob(cj, 'hello-manual')).toEqual({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name: 'hello-manual',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', team: 'a' },
        labels: { app: 'hello' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true }],
      },
      spec: cj.spec!.jobTemplate.spec,
    });
  });

  it('a template annotation of the same key overrides instantiate; no template metadata → no labels; -n sets the namespace', () => {
    const cj = cronJob({ templateAnnotations: { 'cronjob.kubernetes.io/instantiate': 'scripted' } });
    const j = createJobFromCronJob(cj, 'x', 'prod');
    expect(j.metadata!.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'scripted' });
    expect(j.metadata!.labels).toBeUndefined();
    expect(j.metadata!.namespace).toBe('prod');
    expect(createJobFromCronJob(cronJob(), 'y').metadata!.namespace).toBeUndefined();
  });

  it('no scheduled-timestamp annotation and no name hash', () => {
    const j = createJobFromCronJob(cronJob(), 'by-hand');
    expect(Object.keys(j.metadata!.annotations!)).toEqual(['cronjob.kubernetes.io/instantiate']);
    expect(j.metadata!.name).toBe('by-hand');
  });

  it.each([
    [{ argsBeforeDash: [], from: 'cronjob/hello' }, { error: 'exactly one NAME is required, got 0' }],
    [{ argsBeforeDash: ['a', 'b'], from: 'cronjob/hello' }, { error: 'exactly one NAME is required, got 2' }],
    [{ argsBeforeDash: ['a'] }, { error: 'either --image or --from must be specified' }],
    [{ argsBeforeDash: ['a'], image: 'busybox', from: 'cronjob/hello' }, { error: 'either --image or --from must be specified' }],
    [{ argsBeforeDash: ['a'], from: 'cronjob/hello', command: ['date'] }, { error: 'cannot specify --from and command' }],
    [{ argsBeforeDash: ['a'], from: 'cronjob/hello' }, { name: 'a' }],
    [{ argsBeforeDash: ['a'], image: 'busybox', command: ['date'] }, { name: 'a' }],
  ])('validate %j', (o, want) => {
    expect(validateCreateJob(o)).toEqual(want);
  });

  it('messages', () => {
    expect(createJobFromError(0)).toBe('from must be an existing cronjob');
    expect(createJobFromError(1, 'Deployment')).toBe('unknown object type *v1.Deployment');
    expect(createdJobMessage('hello-manual')).toBe('job.batch/hello-manual created');
    expect(createdJobMessage('hello-manual', 'client')).toBe('job.batch/hello-manual created (dry run)');
    expect(createdJobMessage('hello-manual', 'server')).toBe('job.batch/hello-manual created (server dry run)');
  });
});

describe('kubectl get cronjobs (printCronJob)', () => {
  const now = at('2024-01-01T12:00:00Z');
  it('a fresh CronJob: TIMEZONE <none>, SUSPEND False, ACTIVE 0, LAST SCHEDULE <none>', () => {
    expect(printCronJob(cronJob({ created: '2024-01-01T11:58:00Z' }), now)).toEqual(['hello', '*/5 * * * *', '<none>', 'False', '0', '<none>', '2m']);
  });

  it('with a time zone, active jobs and a last schedule (ages as kubectl prints them)', () => {
    const cj = cronJob({ timeZone: 'Europe/London', created: '2023-12-30T11:00:00Z', last: '2024-01-01T11:55:00Z', active: [job('hello-1'), job('hello-2')] });
    expect(printCronJob(cj, now)).toEqual(['hello', '*/5 * * * *', 'Europe/London', 'False', '2', '5m', '2d1h']);
  });

  it('suspend unset prints <unset>; -o wide adds containers, images and the template selector', () => {
    const cj = cronJob({ created: '2024-01-01T11:59:30Z', suspend: true });
    const unset = { ...cj, spec: { ...cj.spec!, suspend: undefined } } as CronJob;
    expect(printCronJob(unset, now)[3]).toBe('<unset>');
    expect(printCronJob(cj, now, true)).toEqual(['hello', '*/5 * * * *', '<none>', 'True', '0', '<none>', '30s', 'hello', 'busybox', '<none>']);
    expect([printBoolPtr(true), printBoolPtr(false), printBoolPtr(null)]).toEqual(['True', 'False', '<unset>']);
  });
});
