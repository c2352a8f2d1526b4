/**
 * Bench rows for the DaemonSet, StatefulSet, Job and CronJob controllers (`npm run bench -- ds sts
 * jobs cron`, all of them with `npm run bench`). Each row is one run (these are large) and prints
 * wall time, the simulated time it covered, the heap with the cluster alive after a forced GC, and
 * the work the engine did (timers fired, object changes), with the same pod-lifecycle reducer as
 * the pod rows as the baseline where one applies (pods created and started).
 */
import { createCluster, type Cluster } from '../src/cluster/cluster.ts';
import type { KObject } from '../src/types.ts';
import { runCronReducer, runReducer } from './reducer.ts';

const gc: () => void = (globalThis as any).gc ?? (() => {});
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

interface Row {
  label: string;
  ms: number;
  simS: number;
  heap: number;
  pods: number;
  c: Cluster;
  note: string;
  /** The baseline's ms, when it is not the pod-lifecycle reducer over `pods`. */
  reducerMs?: number;
}

/** Advances in `step` slices until `done` (a predicate that lists objects is too dear to run after every timer). */
function until(c: Cluster, done: () => boolean, step: string, maxSteps = 100_000): void {
  for (let i = 0; i < maxSteps && !done(); i++) c.advance(step);
  if (!done()) throw new Error('bench row did not finish');
}

function reducerMs(pods: number): number {
  const t = performance.now();
  runReducer(pods, Math.max(1, Math.round(pods / 100)));
  return performance.now() - t;
}

function print(r: Row): void {
  const reducer = r.reducerMs ?? (r.pods ? reducerMs(r.pods) : 0);
  console.log(
    [r.label.padEnd(44), fmt(r.ms).padStart(9), r.simS.toFixed(0).padStart(9), mib(r.heap).padStart(9), fmt(r.c.stats.timersFired).padStart(11),
      fmt(r.c.stats.objectChanges).padStart(12), reducer ? `${(r.ms / reducer).toFixed(0)}x`.padStart(7) : '      -'].join(' '),
  );
  if (r.note) console.log(`${' '.repeat(46)}${r.note}`);
}

const T0 = Date.UTC(2026, 0, 1);
const sim = (c: Cluster) => (c.now() - T0) / 1000;

function daemonSets(count: number): KObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: `agent-${i}`, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: `agent-${i}` } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: { metadata: { labels: { app: `agent-${i}` } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] } },
    },
  })) as KObject[];
}

/** 5 DaemonSets on 1,000 nodes: placed, then rolled to a new image (maxUnavailable 10 %). */
async function dsRow(nodes: number, sets: number): Promise<void> {
  const h0 = heap();
  const c = createCluster({ nodes, seed: 1 });
  c.apply(daemonSets(sets));
  const all = () => c.list('DaemonSet').every((d: any) => d.status?.numberAvailable === nodes && d.status?.updatedNumberScheduled === nodes);
  until(c, all, '5s');
  const t0 = performance.now();
  const s0 = c.now();
  for (let i = 0; i < sets; i++) c.setImage('DaemonSet', `agent-${i}`, { agent: 'busybox:1.37' });
  until(c, () => all() && c.list('DaemonSet').every((d: any) => d.metadata.generation <= d.status.observedGeneration) && c.stats.readyPods === nodes * sets && c.list('Pod').length === nodes * sets, '2s');
  const ms = performance.now() - t0;
  print({ label: `${sets} DaemonSets on ${fmt(nodes)} nodes, rolled`, ms, simS: (c.now() - s0) / 1000, heap: heap() - h0, pods: nodes * sets, c, note: '' });
  c.stop();
}

/** A StatefulSet of N ordinals (OrderedReady, one claim each): scaled up from 0, then rolled. */
async function stsRow(n: number): Promise<void> {
  const h0 = heap();
  const c = createCluster({ nodes: Math.max(3, n / 100), seed: 1 });
  const t0 = performance.now();
  c.apply({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      replicas: n, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  } as any);
  const st = () => (c.get('StatefulSet', 'db') as any).status ?? {};
  c.runUntil(() => st().readyReplicas === n, { timeout: '100h' });
  const upMs = performance.now() - t0;
  print({ label: `StatefulSet of ${fmt(n)} ordinals, scaled up`, ms: upMs, simS: sim(c), heap: heap() - h0, pods: n, c, note: '' });
  const t1 = performance.now();
  const s1 = c.now();
  c.setImage('StatefulSet', 'db', { db: 'postgres:17' });
  c.runUntil(() => st().updatedReplicas === n && st().readyReplicas === n && st().currentRevision === st().updateRevision, { timeout: '100h' });
  const rollMs = performance.now() - t1;
  print({ label: `  … then rolled to a new image (cumulative counts)`, ms: rollMs, simS: (c.now() - s1) / 1000, heap: heap() - h0, pods: n, c, note: '' });
  c.stop();
}

/** N Jobs of 10 completions each (parallelism 2), every pod running 1 s: until all Complete. */
async function jobsRow(count: number, completions: number): Promise<void> {
  const h0 = heap();
  const c = createCluster({ nodes: Math.max(3, count / 50), seed: 1 });
  const t0 = performance.now();
  const jobs = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `j-${i}` },
    spec: {
      completions, parallelism: 2,
      template: { metadata: { annotations: { 'kubeactors.dev/run-seconds': '1' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36' }] } },
    },
  }));
  c.apply(jobs as any);
  until(c, () => c.list('Job').every((j: any) => (j.status?.conditions ?? []).some((x: any) => x.type === 'Complete' && x.status === 'True')), '2s');
  const ms = performance.now() - t0;
  print({ label: `${fmt(count)} Jobs × ${completions} completions`, ms, simS: sim(c), heap: heap() - h0, pods: count * completions, c, note: '' });
  c.stop();
}

/** A CronJob every minute (pods run 1 s, history limits 3/1) over `minutes` of simulated time. */
async function cronRow(minutes: number): Promise<void> {
  const h0 = heap();
  const c = createCluster({ nodes: 3, seed: 1 });
  const t0 = performance.now();
  c.apply({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { metadata: { annotations: { 'kubeactors.dev/run-seconds': '1' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox:1.36' }] } } } },
    },
  } as any);
  c.advance(minutes * 60_000);
  const ms = performance.now() - t0;
  const created = (c.get('CronJob', 'tick') as any).status?.lastScheduleTime;
  const per = (ms / minutes) * 1000;
  const heapAfter = heap() - h0;
  // The baseline: the same schedules as a minimal reducer (median of 3: it is short).
  const base = [0, 1, 2].map(() => {
    const t = performance.now();
    runCronReducer(minutes);
    return performance.now() - t;
  }).sort((a, b) => a - b)[1]!;
  print({
    label: `CronJob every minute, ${fmt(minutes)} schedules`, ms, simS: sim(c), heap: heapAfter, pods: 0, c, reducerMs: base,
    note: `${per.toFixed(0)} µs per schedule (create Job, run its pod, clean up history); last schedule ${created}; cron reducer ${fmt(base)} ms`,
  });
  c.stop();
}

export async function runWorkloadRows(rows: Set<string>, everything: boolean, option: (name: string) => string | undefined): Promise<void> {
  const want = (k: string) => everything || rows.has(k);
  if (!['ds', 'sts', 'jobs', 'cron', 'cron-year'].some((k) => rows.has(k)) && !everything) return;
  console.log('\nDaemonSets, StatefulSets, Jobs and CronJobs (one run each; reducer ratio over the same number of pod lifecycles):');
  console.log(['row'.padEnd(44), 'wall-ms'.padStart(9), 'sim-s'.padStart(9), 'heap'.padStart(9), 'timers'.padStart(11), 'obj-changes'.padStart(12), 'ratio'.padStart(7)].join(' '));
  if (want('ds')) await dsRow(Number(option('ds-nodes') ?? 1000), 5);
  if (want('sts')) await stsRow(Number(option('sts-ordinals') ?? 1000));
  if (want('jobs')) await jobsRow(Number(option('jobs') ?? 10_000), 10);
  if (want('cron')) await cronRow(Number(option('cron-minutes') ?? 10_080));
  if (want('cron-year')) await cronRow(525_600);
}
