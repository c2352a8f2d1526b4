import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from './helpers.ts';
import { cluster } from '../cluster/helpers.ts';

const CRON = readFileSync(new URL('../../../shared/reference/manifests/cronjob-hello.yaml', import.meta.url), 'utf8');
const PI = readFileSync(new URL('../../../shared/reference/manifests/job-pi.yaml', import.meta.url), 'utf8');

let w: Workspace;
afterEach(() => w?.dispose());

describe('batch verbs', () => {
  it('create job --from=cronjob/NAME makes a Job from the jobTemplate, annotated as manual, owned by the CronJob', async () => {
    w = new Workspace();
    w.write('cj.yaml', CRON);
    await w.ok('apply -f cj.yaml');
    expect((await w.ok('create job once --from=cronjob/hello')).stdout).toBe('job.batch/once created\n');
    const job = JSON.parse((await w.ok('get job once -o json')).stdout);
    expect(job.metadata.annotations['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(job.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    expect(job.spec.template.spec.containers[0].image).toBe('busybox');
    const again = await w.run('create job once --from=cronjob/hello');
    expect([again.code, again.stderr]).toEqual([1, 'Error from server (AlreadyExists): jobs.batch "once" already exists\n']);
    expect((await w.run('create job x --from=deploy/web')).stderr).toBe('error: unknown object type *v1.Deployment\n');
    expect((await w.run('create job')).stderr).toBe('error: exactly one NAME is required, got 0\n');
  });

  it('patch suspends a CronJob (merge patch), reports no change the second time, and rejects an immutable change', async () => {
    w = new Workspace();
    w.write('cj.yaml', CRON);
    w.write('pi.yaml', PI);
    await w.ok('apply -f cj.yaml -f pi.yaml');
    expect((await w.ok(['patch', 'cronjob', 'hello', '-p', '{"spec":{"suspend":true}}'])).stdout).toBe('cronjob.batch/hello patched\n');
    expect((await w.ok(['patch', 'cj/hello', '--type', 'merge', '-p', '{"spec":{"suspend":true}}'])).stdout).toBe('cronjob.batch/hello patched (no change)\n');
    await w.ok('advance 3m');
    expect((await w.ok('get jobs -o name')).stdout).toBe('job.batch/pi\n');
    const bad = await w.run(['patch', 'job', 'pi', '-p', '{"spec":{"completionMode":"Indexed"}}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('spec.completionMode');
  });

  it('get jobs -w shows every status write: FailureTarget alone, then Failed, in the same instant', async () => {
    w = new Workspace();
    w.write('boom.yaml', `apiVersion: batch/v1
kind: Job
metadata: { name: boom }
spec:
  backoffLimit: 0
  template:
    metadata: { annotations: { kubeactors.dev/exit-code: "1" } }
    spec:
      restartPolicy: Never
      containers: [{ name: main, image: busybox:1.36, command: [sh, -c, "exit 1"] }]
`);
    await w.ok('apply -f boom.yaml');
    const out = (await w.ok('get jobs -w --watch-for 20s')).stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    expect(out).toEqual(['NAME STATUS COMPLETIONS', 'boom Running 0/1', 'boom Running 0/1', 'boom FailureTarget 0/1', 'boom Failed 0/1']);
  });

  it('logs job/NAME reads the Job\'s pod', async () => {
    w = new Workspace();
    w.write('cj.yaml', CRON);
    await w.ok('apply -f cj.yaml');
    await w.ok('advance 70s');
    const job = (await w.ok('get jobs -o name')).stdout.trim().split('/')[1];
    expect((await w.ok(`logs job/${job}`)).stdout).toBe('Thu Jan  1 00:01:02 UTC 2026\nHello from the Kubernetes cluster\n') // created at :00.1, pulled 2 s, then `date`;
  });

  it('deleting a Job through the API without a policy orphans its pods with the API server\'s warning; kubectl\'s default cascade removes them', () => {
    const c = cluster();
    c.apply(PI);
    c.advance('30s');
    const r = c.delete('Job', 'pi');
    expect(r.warnings).toEqual(['child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning']);
    c.advance('5s');
    expect(c.list('Pod')).toHaveLength(1);
    expect(c.list('Pod')[0]!.metadata.ownerReferences).toBeUndefined();
    c.apply(PI);
    c.advance('30s');
    c.delete('Job', 'pi', { propagationPolicy: 'Background' });
    c.advance('5s');
    expect(c.list('Pod').filter((p) => p.metadata.ownerReferences)).toHaveLength(0);
  });
});

describe('logs TYPE/NAME picks the pod as kubectl\'s ByLogging does', () => {
  it('a finished pod ranks with Running ones (Go\'s map default), before a Pending one', () => {
    const c = cluster();
    c.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'two' },
      spec: { completions: 2, parallelism: 1, template: { metadata: { annotations: { 'kubeactors.dev/run-seconds': '1', 'kubeactors.dev/pull-seconds': '30' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } } },
    } as any);
    c.runUntil(() => c.list('Pod').some((p) => p.status?.phase === 'Succeeded') && c.list('Pod').length === 2, { timeout: '5m' });
    const phases = Object.fromEntries(c.list('Pod').map((p) => [p.metadata.name, p.status.phase]));
    expect(Object.values(phases).sort()).toEqual(['Pending', 'Succeeded']);
    const r = c.podFor('job', 'two');
    expect([phases[r.pod], r.found]).toEqual(['Succeeded', 2]);
  });
});
