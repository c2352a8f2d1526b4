/**
 * `kubectl describe` golden outputs for Job and CronJob (kubectl 1.32). Layouts from
 * kubernetes/kubectl pkg/describe/describe.go: `describeJob` + `capIndexesListOrNone`,
 * `describeCronJob` + `describeJobTemplate` + `printActiveJobs` + `printBoolPtr`. Alignment is Go's
 * text/tabwriter (padding 2) over column blocks — note the CronJob's `Last Schedule Time:`,
 * `Active Jobs:` and an empty `Events:` share a block with the pod template's last lines.
 */
import { describe, expect, it } from 'vitest';
import { describeObject } from '../../src/views/describe.ts';
import { describeOne } from '../../src/cli/commands/describe.ts';
import * as describers from '../../src/views/describe.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import type { KObject } from '../../src/types.ts';
import { MIN, NOW, SEC, ago, event } from './fixtures.ts';

const text = (lines: string[]) => lines.join('\n') + '\n';
const obj = (o: Record<string, unknown>) => o as unknown as KObject;

const container = (c: Record<string, unknown>) => ({
  imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c,
});

function jobLabels(name: string, uid: string): Record<string, string> {
  return {
    'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name,
  };
}

function job(name: string, uid: string, spec: Record<string, unknown>, status: Record<string, unknown>, podSpec: Record<string, unknown>,
  ownerReferences?: unknown[]): KObject {
  const labels = jobLabels(name, uid);
  return obj({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid, creationTimestamp: ago(2 * MIN), labels, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      podReplacementPolicy: 'TerminatingOrFailed',
      template: { metadata: { creationTimestamp: null, labels }, spec: { dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', ...podSpec } },
      ...spec,
    },
    status,
  });
}

const PI_UID = 'a1b2c3d4-0000-4000-8000-000000000001';
const pi = job('pi', PI_UID,
  { parallelism: 1, completions: 1, completionMode: 'NonIndexed', suspend: false, backoffLimit: 4 },
  {
    startTime: ago(2 * MIN), completionTime: ago(95 * SEC), succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {},
    conditions: [{ type: 'Complete', status: 'True' }],
  },
  { restartPolicy: 'Never', containers: [container({ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] })] });
/** The job-controller's events, about the Job's uid. */
const jobEvent = (e: ReturnType<typeof event>, uid: string) => ({ ...e, involvedObject: { ...e.involvedObject, apiVersion: 'batch/v1', uid } });
const piEvents = [
  jobEvent(event({ kind: 'Job', objName: 'pi', reason: 'SuccessfulCreate', message: 'Created pod: pi-xf9p4', first: ago(2 * MIN), component: 'job-controller' }), PI_UID),
  jobEvent(event({ kind: 'Job', objName: 'pi', reason: 'Completed', message: 'Job completed', first: ago(95 * SEC), component: 'job-controller' }), PI_UID),
  // an event about an earlier Job of the same name (another uid) is not shown
  jobEvent(event({ kind: 'Job', objName: 'pi', reason: 'SuccessfulCreate', message: 'Created pod: pi-old', first: ago(10 * MIN), component: 'job-controller' }), 'uid-old'),
  event({ kind: 'Pod', objName: 'pi-xf9p4', reason: 'Pulled', message: 'x', first: ago(MIN) }),
];

const IDX_UID = 'a1b2c3d4-0000-4000-8000-000000000002';
const evens = Array.from({ length: 20 }, (_, i) => String(2 * i)).join(',');
const indexed = job('backup-28576320', IDX_UID,
  { parallelism: 3, completions: 40, completionMode: 'Indexed', suspend: false, backoffLimit: 6, ttlSecondsAfterFinished: 300, activeDeadlineSeconds: 600 },
  { startTime: ago(90 * SEC), active: 2, ready: 1, succeeded: 20, completedIndexes: evens, terminating: 0, uncountedTerminatedPods: {} },
  { restartPolicy: 'OnFailure', containers: [container({ name: 'worker', image: 'busybox:1.36' })] },
  [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: 'uid-backup', controller: true, blockOwnerDeletion: true }]);

function cronJob(name: string, labels: Record<string, string> | undefined, spec: Record<string, unknown>, jobSpec: Record<string, unknown>,
  podSpec: Record<string, unknown>, status: Record<string, unknown>): KObject {
  return obj({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: ago(30 * MIN), ...(labels ? { labels } : {}) },
    spec: {
      successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, ...spec,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: { ...jobSpec, template: { metadata: { creationTimestamp: null }, spec: { dnsPolicy: 'ClusterFirst', ...podSpec } } },
      },
    },
    status,
  });
}

const hello = cronJob('hello', undefined, { schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false }, {},
  {
    restartPolicy: 'OnFailure',
    containers: [container({ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] })],
  },
  {
    active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'hello-28576320', namespace: 'default', uid: 'uid-hello-28576320', resourceVersion: '812' }],
    lastScheduleTime: ago(20 * SEC),
    lastSuccessfulTime: ago(MIN + 15 * SEC),
  });
const helloEvents = [
  event({ kind: 'CronJob', objName: 'hello', reason: 'SuccessfulCreate', message: 'Created job hello-28576319', first: ago(80 * SEC), component: 'cronjob-controller' }),
  event({ kind: 'CronJob', objName: 'hello', reason: 'SawCompletedJob', message: 'Saw completed job: hello-28576319, status: Complete', first: ago(75 * SEC), component: 'cronjob-controller' }),
  event({ kind: 'CronJob', objName: 'hello', reason: 'SuccessfulCreate', message: 'Created job hello-28576320', first: ago(20 * SEC), component: 'cronjob-controller' }),
];

const report = cronJob('report', { app: 'report' },
  { schedule: '0 3 * * 1', concurrencyPolicy: 'Forbid', suspend: true, startingDeadlineSeconds: 200 },
  { parallelism: 2, completions: 4, activeDeadlineSeconds: 120 },
  { restartPolicy: 'Never', containers: [container({ name: 'report', image: 'example.com/report:2.1' })] },
  {});

describe('kubectl describe job', () => {
  it('a finished NonIndexed job with events', () => {
    expect(describeObject(pi, piEvents, NOW)).toBe(text([
      'Name:             pi',
      'Namespace:        default',
      `Selector:         batch.kubernetes.io/controller-uid=${PI_UID}`,
      `Labels:           batch.kubernetes.io/controller-uid=${PI_UID}`,
      '                  batch.kubernetes.io/job-name=pi',
      `                  controller-uid=${PI_UID}`,
      '                  job-name=pi',
      'Annotations:      <none>',
      'Parallelism:      1',
      'Completions:      1',
      'Completion Mode:  NonIndexed',
      'Suspend:          false',
      'Backoff Limit:    4',
      'Start Time:       Wed, 01 May 2024 11:58:00 +0000',
      'Completed At:     Wed, 01 May 2024 11:58:25 +0000',
      'Duration:         25s',
      'Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed',
      'Pod Template:',
      `  Labels:  batch.kubernetes.io/controller-uid=${PI_UID}`,
      '           batch.kubernetes.io/job-name=pi',
      `           controller-uid=${PI_UID}`,
      '           job-name=pi',
      '  Containers:',
      '   pi:',
      '    Image:      perl:5.34.0',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      perl',
      '      -Mbignum=bpi',
      '      -wle',
      '      print bpi(2000)',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:',
      '  Type    Reason            Age   From            Message',
      '  ----    ------            ----  ----            -------',
      '  Normal  SuccessfulCreate  2m    job-controller  Created pod: pi-xf9p4',
      '  Normal  Completed         95s   job-controller  Job completed',
    ]));
  });

  it('a running Indexed job: TTL, deadline, Controlled By, completed indexes capped at 50 characters', () => {
    expect(describeObject(indexed, [], NOW)).toBe(text([
      'Name:                        backup-28576320',
      'Namespace:                   default',
      `Selector:                    batch.kubernetes.io/controller-uid=${IDX_UID}`,
      `Labels:                      batch.kubernetes.io/controller-uid=${IDX_UID}`,
      '                             batch.kubernetes.io/job-name=backup-28576320',
      `                             controller-uid=${IDX_UID}`,
      '                             job-name=backup-28576320',
      'Annotations:                 <none>',
      'Controlled By:               CronJob/backup',
      'Parallelism:                 3',
      'Completions:                 40',
      'Completion Mode:             Indexed',
      'Suspend:                     false',
      'Backoff Limit:               6',
      'TTL Seconds After Finished:  300',
      'Start Time:                  Wed, 01 May 2024 11:58:30 +0000',
      'Active Deadline Seconds:     600s',
      'Pods Statuses:               2 Active (1 Ready) / 20 Succeeded / 0 Failed',
      'Completed Indexes:           0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,...',
      'Pod Template:',
      `  Labels:  batch.kubernetes.io/controller-uid=${IDX_UID}`,
      '           batch.kubernetes.io/job-name=backup-28576320',
      `           controller-uid=${IDX_UID}`,
      '           job-name=backup-28576320',
      '  Containers:',
      '   worker:',
      '    Image:         busybox:1.36',
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:            <none>',
    ]));
  });

  it('no (N Ready) without status.ready; <unset> completions; <none> completed indexes', () => {
    const j = job('q', 'uid-q', { parallelism: 2, completionMode: 'Indexed' }, { active: 2 },
      { restartPolicy: 'Never', containers: [container({ name: 'c', image: 'busybox' })] });
    const out = describeObject(j, null, NOW);
    expect(out).toContain('\nCompletions:        <unset>\n');
    expect(out).toContain('\nPods Statuses:      2 Active / 0 Succeeded / 0 Failed\n');
    expect(out).toContain('\nCompleted Indexes:  <none>\n');
    expect(out).not.toContain('Events:');
  });
});

describe('kubectl describe cronjob', () => {
  it('with an active job and events', () => {
    expect(describeObject(hello, helloEvents, NOW)).toBe(text([
      'Name:                          hello',
      'Namespace:                     default',
      'Labels:                        <none>',
      'Annotations:                   <none>',
      'Schedule:                      * * * * *',
      'Concurrency Policy:            Allow',
      'Suspend:                       False',
      'Successful Job History Limit:  3',
      'Failed Job History Limit:      1',
      'Starting Deadline Seconds:     <unset>',
      'Selector:                      <unset>',
      'Parallelism:                   <unset>',
      'Completions:                   <unset>',
      'Pod Template:',
      '  Labels:  <none>',
      '  Containers:',
      '   hello:',
      '    Image:      busybox:1.28',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      /bin/sh',
      '      -c',
      '      date; echo Hello from the Kubernetes cluster',
      '    Environment:     <none>',
      '    Mounts:          <none>',
      '  Volumes:           <none>',
      '  Node-Selectors:    <none>',
      '  Tolerations:       <none>',
      'Last Schedule Time:  Wed, 01 May 2024 11:59:40 +0000',
      'Active Jobs:         hello-28576320',
      'Events:',
      '  Type    Reason            Age   From                Message',
      '  ----    ------            ----  ----                -------',
      '  Normal  SuccessfulCreate  80s   cronjob-controller  Created job hello-28576319',
      '  Normal  SawCompletedJob   75s   cronjob-controller  Saw completed job: hello-28576319, status: Complete',
      '  Normal  SuccessfulCreate  20s   cronjob-controller  Created job hello-28576320',
    ]));
  });

  it('suspended, never scheduled, no active job, job template fields set, no events', () => {
    expect(describeObject(report, [], NOW)).toBe(text([
      'Name:                          report',
      'Namespace:                     default',
      'Labels:                        app=report',
      'Annotations:                   <none>',
      'Schedule:                      0 3 * * 1',
      'Concurrency Policy:            Forbid',
      'Suspend:                       True',
      'Successful Job History Limit:  3',
      'Failed Job History Limit:      1',
      'Starting Deadline Seconds:     200s',
      'Selector:                      <unset>',
      'Parallelism:                   2',
      'Completions:                   4',
      'Active Deadline Seconds:       120s',
      'Pod Template:',
      '  Labels:  <none>',
      '  Containers:',
      '   report:',
      '    Image:           example.com/report:2.1',
      '    Port:            <none>',
      '    Host Port:       <none>',
      '    Environment:     <none>',
      '    Mounts:          <none>',
      '  Volumes:           <none>',
      '  Node-Selectors:    <none>',
      '  Tolerations:       <none>',
      'Last Schedule Time:  <unset>',
      'Active Jobs:         <none>',
      'Events:              <none>',
    ]));
  });
});

describe('describeOne for Job and CronJob', () => {
  it.each([
    ['Job', pi, piEvents],
    ['CronJob', hello, helloEvents],
  ])('%s: looks up only its events and uses the dedicated describer', (kind, o, events) => {
    const calls: unknown[][] = [];
    const cluster = {
      now: () => NOW,
      events: (q: unknown) => { calls.push(['events', q]); return events; },
      list: (k: string) => { calls.push(['list', k]); return []; },
      get: (k: string) => { calls.push(['get', k]); return undefined; },
    } as unknown as Cluster;
    expect(describeOne(describers, cluster, o)).toBe(describeObject(o, events as any, NOW));
    expect(calls).toEqual([['events', { involved: { kind, name: o.metadata.name, namespace: 'default' } }]]);
  });
});
