/**
 * `npm run bench`: N pods on M = N/100 nodes, from apply to all Ready, through the engine and
 * through a minimal hand-written reducer (bench/reducer.ts) in the same process, so the engine's
 * overhead shows as a ratio. Figures are medians of several runs (fewer for the largest size);
 * heap per pod is measured after a forced GC with the cluster alive. Run with --expose-gc.
 * Then a ReplicaSet of 10,000 replicas, and Deployment rollouts (set image on Deployments that
 * are fully available, until every rollout is complete and no old replica is left).
 *
 *   npm run bench                      # every row
 *   npm run bench -- 1000              # chosen pod sizes only (10000 adds the ReplicaSet row)
 *   npm run bench -- pods rs           # the pod rows / the ReplicaSet row
 *   npm run bench -- deploy            # both Deployment rollout rows
 *   npm run bench -- deploy10k         # 1 Deployment × 10,000 replicas on 100 nodes
 *   npm run bench -- deploy1000x100    # 1,000 Deployments × 100 replicas on 1,000 nodes
 *   npm run bench -- ds sts jobs       # 5 DaemonSets × 1,000 nodes; a StatefulSet of 1,000; 10,000 Jobs × 10
 *   npm run bench -- cron              # a CronJob every minute for a simulated week (--cron-minutes=N)
 *   npm run bench -- cron-year         # … for a simulated year: 525,600 schedules (~10 min)
 *
 * Options for the rollout rows:
 *   --node-pods=250,110  node pod capacities (`status.allocatable.pods`) to run them with, a row
 *                        each. 250 leaves room for every old and new pod at once; 110 is the
 *                        kubelet's default, where surge pods stay Pending until old pods are gone.
 *   --budget=60          wall-clock seconds a rollout on tight nodes (fewer pod slots than twice
 *                        the replicas) may take before its row reports how far it got instead;
 *                        other rows run to the end (10-minute safety net).
 *   --runs=3             runs of the 10k row (the 1000×100 row runs once).
 *   --breakdown          one more, instrumented run of each selected rollout row (first node
 *                        capacity): time by actor kind, sync counts, event-recorder work.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createCluster, type Cluster } from '../src/cluster/cluster.ts';
import { defaultNode } from '../src/cluster/nodes.ts';
import { objectOf, type Entry } from '../src/cluster/store.ts';
import type { KObject } from '../src/types.ts';
import { runReducer, runRolloutReducer } from './reducer.ts';
import { runWorkloadRows } from './workloads.ts';

/** Time spent in garbage collection, summed from the runtime's own GC entries. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const gc: () => void = (globalThis as any).gc ?? (() => {});
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function podList(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}` },
    spec: { containers: [{ name: 'app', image: 'nginx:1.14.2' }] },
  }));
}

interface EngineRun {
  ms: number;
  applyMs: number;
  gc: number;
  events: number;
  heapPerPod: number;
  ready: number;
}

async function engineRun(n: number): Promise<EngineRun> {
  const m = Math.max(1, Math.round(n / 100));
  const pods = podList(n);
  const h0 = heap();
  const gc0 = gcMs;
  const t0 = performance.now();
  const c = createCluster({ nodes: m, seed: 1 });
  c.apply(pods as any); // validate, default, create the Pod actors, schedule, bind, start pulls
  const applyMs = performance.now() - t0;
  c.runUntil((k) => k.stats.readyPods === n, { timeout: '10m' });
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50)); // GC entries are delivered on a later turn
  const gc = gcMs - gc0;
  const ready = c.stats.readyPods;
  const heapPerPod = (heap() - h0) / n;
  const events = c.stats.timersFired + c.stats.objectChanges;
  c.stop();
  return { ms, applyMs, gc, events, heapPerPod, ready };
}

function reducerRun(n: number): number {
  const t0 = performance.now();
  const r = runReducer(n, Math.max(1, Math.round(n / 100)));
  if (r.ready !== n) throw new Error(`reducer: ${r.ready}/${n} ready`);
  return performance.now() - t0;
}

const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const words = argv.filter((a) => !a.startsWith('--'));
const sizes = words.map(Number).filter((x) => x > 0);
const rows = new Set(words.filter((w) => !(Number(w) > 0)));
const everything = words.length === 0;
for (const r of rows) {
  if (!['pods', 'rs', 'deploy', 'deploy10k', 'deploy1000x100', 'ds', 'sts', 'jobs', 'cron', 'cron-year'].includes(r)) {
    throw new Error(`unknown row "${r}" (pods, rs, deploy, deploy10k, deploy1000x100, ds, sts, jobs, cron, cron-year, or pod counts)`);
  }
}
const list = sizes.length ? sizes : everything || rows.has('pods') ? [1_000, 10_000, 100_000] : [];
console.log(`kubeactors bench — node ${process.version}, ${process.arch}; medians (runs in brackets)`);
if (list.length) console.log('pods      nodes  runs  engine-ms  (apply  gc)     sim-events/s  heap/pod  reducer-ms  ratio  ready');
for (const n of list) {
  const runs = n >= 100_000 ? 1 : n >= 10_000 ? 3 : 5;
  const eng: EngineRun[] = [];
  const red: number[] = [];
  for (let i = 0; i < runs; i++) {
    red.push(reducerRun(n));
    eng.push(await engineRun(n));
  }
  const ms = median(eng.map((e) => e.ms));
  const rms = median(red);
  const e = eng[0]!;
  const row = [
    String(n).padEnd(9),
    String(Math.max(1, Math.round(n / 100))).padEnd(6),
    String(runs).padEnd(5),
    ms.toFixed(0).padStart(9),
    `(${median(eng.map((x) => x.applyMs)).toFixed(0)}`.padStart(7),
    `${median(eng.map((x) => x.gc)).toFixed(0)})`.padStart(7),
    Math.round(e.events / (ms / 1000)).toString().padStart(13),
    `${(median(eng.map((x) => x.heapPerPod)) / 1024).toFixed(1)} KiB`.padStart(9),
    rms.toFixed(1).padStart(11),
    `${(ms / rms).toFixed(0)}x`.padStart(6),
    `${e.ready}/${n}`.padStart(12),
  ];
  console.log(row.join(' '));
}

/** One ReplicaSet of N replicas, from apply to all Ready (the controller creates the pods). */
async function replicaSetRun(n: number): Promise<number> {
  const c = createCluster({ nodes: Math.max(1, Math.round(n / 100)), seed: 1 });
  const t0 = performance.now();
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'big' },
    spec: { replicas: n, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.14.2' }] } } },
  } as any);
  c.runUntil((k) => k.stats.readyPods === n, { timeout: '10m' });
  const ms = performance.now() - t0;
  c.stop();
  return ms;
}

if (everything || sizes.includes(10_000) || rows.has('rs')) {
  const n = 10_000;
  const eng: number[] = [];
  const red: number[] = [];
  for (let i = 0; i < 3; i++) {
    red.push(reducerRun(n));
    eng.push(await replicaSetRun(n));
  }
  const ms = median(eng);
  console.log(`\nReplicaSet of ${n} replicas on ${n / 100} nodes, apply → all Ready (3 runs): ${ms.toFixed(0)} ms, ${(ms / median(red)).toFixed(0)}x the reducer`);
}

// ------------------------------------------------------------------------------------------------
// Deployment rollouts
// ------------------------------------------------------------------------------------------------

const OLD_IMAGE = 'nginx:1.14.2';
const NEW_IMAGE = 'nginx:1.16.1';

function deploymentList(count: number, replicas: number): KObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = count === 1 ? 'web' : `web-${i}`;
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: OLD_IMAGE }] } },
      },
    } as unknown as KObject;
  });
}

/** `count` default worker nodes whose pod capacity (capacity and allocatable `pods`) is `pods`. */
function nodeList(count: number, pods: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = defaultNode(`node-${i + 1}`, i);
    n.status!.capacity!.pods = String(pods);
    n.status!.allocatable!.pods = String(pods);
    return n;
  });
}

const imageOf = (o: KObject) => (o.spec?.template?.spec?.containers?.[0]?.image as string | undefined) ?? '';

class BudgetExceeded extends Error {}

/**
 * Whether every Deployment has rolled out `image`: status updatedReplicas == replicas ==
 * availableReplicas == spec.replicas, observedGeneration ≥ generation, the ReplicaSet of that
 * image holds spec.replicas and every other one status.replicas 0. Checked in order with a
 * cursor (a Deployment stays done), so one check costs O(1) amortised whatever the count; reads
 * the object index directly (no copies). Throws BudgetExceeded past `deadline` (wall clock).
 */
function rolloutDone(c: Cluster, deployments: Entry[], image: string, deadline: number): () => boolean {
  let next = 0;
  let owned: Map<string, Entry[]> | undefined;
  const replicaSetsOf = (uid: string): Entry[] => {
    let l = owned?.get(uid);
    if (!l) {
      // (Re)built when a Deployment's ReplicaSets are first needed: one pass over all of them.
      owned = new Map();
      for (const e of c.store.entries('ReplicaSet')) {
        const ref = (e.last?.metadata.ownerReferences ?? []).find((r: any) => r.controller);
        if (!ref) continue;
        const list = owned.get(ref.uid) ?? [];
        list.push(e);
        owned.set(ref.uid, list);
      }
      l = owned.get(uid) ?? [];
    }
    return l;
  };
  const done = (e: Entry): boolean => {
    const d = objectOf(e);
    const st = d.status ?? {};
    const want = d.spec?.replicas ?? 1;
    if (imageOf(d) !== image || st.updatedReplicas !== want || st.replicas !== want || st.availableReplicas !== want) return false;
    if ((st.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return false;
    let current = 0;
    for (const rs of replicaSetsOf(d.metadata.uid!)) {
      const o = objectOf(rs);
      const n = o.status?.replicas ?? 0;
      if (imageOf(o) === image) current += n;
      else if (n !== 0) return false;
    }
    if (current === want) return true;
    owned = undefined; // a ReplicaSet the index has not seen yet: rebuild it next time
    return false;
  };
  return () => {
    if (performance.now() > deadline) throw new BudgetExceeded();
    while (next < deployments.length && done(deployments[next]!)) next++;
    return next === deployments.length;
  };
}

interface RolloutProgress {
  updated: number;
  available: number;
  oldActive: number;
  pods: number;
  oldPods: number;
  failedScheduling: number;
  /** Timers in the simulated clock's queue (stale ones included: they are ignored when they fire). */
  queuedTimers: number;
}

/** Where the rollout stands, from the objects (untimed; one pass over Deployments, ReplicaSets and pods). */
function progress(c: Cluster): RolloutProgress {
  let updated = 0;
  let available = 0;
  let oldActive = 0;
  for (const e of c.store.entries('Deployment')) {
    const st = objectOf(e).status ?? {};
    updated += st.updatedReplicas ?? 0;
    available += st.availableReplicas ?? 0;
  }
  for (const e of c.store.entries('ReplicaSet')) {
    const o = objectOf(e);
    if (imageOf(o) !== NEW_IMAGE) oldActive += o.status?.replicas ?? 0;
  }
  let pods = 0;
  let oldPods = 0;
  for (const e of c.store.entries('Pod')) {
    pods++;
    if ((e.last as any).spec.containers[0].image !== NEW_IMAGE) oldPods++;
  }
  let failedScheduling = 0;
  for (const ev of c.recorder.events) if (ev.reason === 'FailedScheduling') failedScheduling += ev.count;
  return { updated, available, oldActive, pods, oldPods, failedScheduling, queuedTimers: c.clock.size };
}

interface DeployRun {
  setupMs: number;
  /** Wall ms from the first `setImage` to the last rollout complete (or to the budget). */
  ms: number;
  /** Wall ms from the first `setImage` until the old pods are gone from the API as well (NaN: not within the budget). */
  goneMs: number;
  /** CPU ms of the process (all threads, GC helpers included) over the same span as `ms`. */
  cpuMs: number;
  gc: number;
  simMs: number;
  /** Heap (after a forced GC, cluster alive) over the heap before the cluster: after setup, after the rollout. */
  heapSetup: number;
  heapAfter: number;
  complete: boolean;
  progress: RolloutProgress;
  stats: { timersFired: number; objectChanges: number };
  breakdown?: Breakdown;
}

async function deploymentRun(count: number, replicas: number, nodes: number, nodePods: number, budgetMs: number, instrument = false): Promise<DeployRun> {
  const n = count * replicas;
  const h0 = heap();
  const c = createCluster({ nodes: nodeList(nodes, nodePods), seed: 1 });
  const tS = performance.now();
  c.apply(deploymentList(count, replicas));
  const deployments = [...c.store.entries('Deployment')];
  // Setup: apply → every Deployment complete (every replica available). Not part of the rollout figure.
  c.runUntil(rolloutDone(c, deployments, OLD_IMAGE, Infinity), { timeout: '1h' });
  const setupMs = performance.now() - tS;
  if (c.stats.readyPods !== n) throw new Error(`setup: ${c.stats.readyPods}/${n} pods ready`);
  const heapSetup = heap() - h0;
  const stats0 = { ...c.stats };
  const b = instrument ? instrumentCluster(c) : undefined;
  await new Promise((r) => setTimeout(r, 50));
  const gc0 = gcMs;
  const sim0 = c.now();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let complete = true;
  try {
    const done = rolloutDone(c, deployments, NEW_IMAGE, t0 + budgetMs);
    for (const e of deployments) c.setImage('deployment', e.name, { app: NEW_IMAGE }, e.namespace);
    c.runUntil(done, { timeout: '1h' });
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
    complete = false;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const simMs = c.now() - sim0;
  // The old pods deleted last may still be terminating (their ReplicaSet no longer counts them):
  // run on until they are gone from the API too.
  let goneMs = ms;
  if (complete) {
    try {
      const deadline = t0 + budgetMs;
      c.runUntil(() => {
        if (performance.now() > deadline) throw new BudgetExceeded();
        return c.store.table('Pod').size === n;
      }, { timeout: '1h' });
      goneMs = performance.now() - t0;
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
      goneMs = NaN;
    }
  }
  const instrumentedMs = performance.now() - t0;
  b?.stop();
  await new Promise((r) => setTimeout(r, 50)); // GC entries are delivered on a later turn
  const gc = gcMs - gc0;
  const stats = { timersFired: c.stats.timersFired - stats0.timersFired, objectChanges: c.stats.objectChanges - stats0.objectChanges };
  const heapAfter = heap() - h0;
  const p = progress(c);
  c.stop();
  return { setupMs, ms, goneMs, cpuMs, gc, simMs, heapSetup, heapAfter, complete, progress: p, stats, breakdown: b?.result(instrumentedMs) };
}

// ---------------------------------------------------------------- breakdown (--breakdown)

interface Breakdown {
  rows: { what: string; ms: number; calls: number; note: string }[];
  totalMs: number;
}

/**
 * Instruments a cluster (from the outside, engine code untouched) for one rollout: every event
 * delivered to an actor (XState's `Actor.prototype._send`, which external sends and internal
 * sendTo/sendParent both go through) is timed and charged, exclusive of the deliveries nested
 * in it, to the top-level actor it belongs to (a container to its Pod, a rollout actor to its
 * Deployment); the event recorder and Pod-actor creation (initial snapshot + start) are timed the
 * same way. What is left is the cluster's own loop: scheduler, timer queue, settle loop, object
 * index, API writes (defaulting, validation), and the bench's completion check.
 */
function instrumentCluster(c: Cluster) {
  const acc = new Map<string, { ms: number; calls: number }>();
  const stack: number[] = [];
  let scanned = 0;
  const timed = <T>(what: string, fn: () => T): T => {
    const t0 = performance.now();
    stack.push(0);
    try {
      return fn();
    } finally {
      const dt = performance.now() - t0;
      const child = stack.pop()!;
      if (stack.length) stack[stack.length - 1]! += dt;
      const a = acc.get(what) ?? { ms: 0, calls: 0 };
      a.ms += dt - child;
      a.calls++;
      acc.set(what, a);
    }
  };
  const root = c.root as any;
  const kindOf = (actor: any): string => {
    let a = actor;
    while (a._parent && a._parent !== root) a = a._parent;
    if (a === root) return 'root';
    return String(a.id).split('/')[0]!;
  };
  const proto = Object.getPrototypeOf(root);
  const send = proto._send;
  const start = proto.start;
  proto._send = function (this: any, event: any) {
    const kind = kindOf(this);
    // (xstate.done.actor.<id> and the like name the actor: keep the kind of event only.)
    const type = String(event.type).replace(/^(xstate\.[a-z]+\.actor)\..*$/, '$1');
    const what = `${kind} ${kind === 'Pod' ? 'events' : type}`;
    return timed(what, () => send.call(this, event));
  };
  proto.start = function (this: any) {
    if (!String(this.id).startsWith('Pod/')) return start.call(this);
    return timed('Pod actor start', () => start.call(this));
  };
  const podMachine = (c as any).s.podMachine;
  const initial = podMachine.getInitialSnapshot;
  podMachine.getInitialSnapshot = function (this: any, ...args: any[]) {
    return timed('Pod actor initial snapshot', () => initial.apply(this, args));
  };
  const rec = c.recorder as any;
  const record = rec.record;
  rec.record = function (this: any, e: any) {
    const i = e.involved;
    scanned += rec.byObject.get(i.uid ?? `${i.kind}/${i.namespace ?? ''}/${i.name}`)?.length ?? 0;
    return timed('event recorder', () => record.call(rec, e));
  };
  return {
    stop() {
      proto._send = send;
      proto.start = start;
      podMachine.getInitialSnapshot = initial;
      rec.record = record;
    },
    result(totalMs: number): Breakdown {
      const get = (k: string) => acc.get(k) ?? { ms: 0, calls: 0 };
      const sum = (pred: (k: string) => boolean) => {
        let ms = 0;
        let calls = 0;
        for (const [k, v] of acc) if (pred(k)) ((ms += v.ms), (calls += v.calls));
        return { ms, calls };
      };
      const dsync = get('Deployment controller.sync');
      const deploy = sum((k) => k.startsWith('Deployment '));
      const rsync = get('ReplicaSet controller.sync');
      const rs = sum((k) => k.startsWith('ReplicaSet '));
      const pods = get('Pod events');
      const create = { ms: get('Pod actor start').ms + get('Pod actor initial snapshot').ms, calls: get('Pod actor start').calls };
      const events = get('event recorder');
      const other = sum((k) => !/^(Deployment|ReplicaSet|Pod|event recorder)/.test(k));
      const accounted = deploy.ms + rs.ms + pods.ms + create.ms + events.ms + other.ms;
      const rows = [
        { what: 'Deployment actors (+ rollout actors)', ...deploy, note: `${dsync.calls} syncs, ${(dsync.ms / Math.max(1, dsync.calls)).toFixed(1)} ms each` },
        { what: 'ReplicaSet actors', ...rs, note: `${rsync.calls} syncs, ${(rsync.ms / Math.max(1, rsync.calls)).toFixed(0)} ms each (claim, rank, create/delete through the API, status)` },
        { what: 'Pod actors (+ containers)', ...pods, note: 'events delivered' },
        { what: 'Pod actor creation', ...create, note: 'createActor initial snapshot + start' },
        { what: 'event recorder', ...events, note: `${scanned.toLocaleString('en')} stored events compared (linear search per involved object)` },
        ...(other.calls ? [{ what: 'other actors', ...other, note: [...acc.keys()].filter((k) => !/^(Deployment|ReplicaSet|Pod|event recorder)/.test(k)).join(', ') }] : []),
        { what: 'cluster loop (rest)', ms: totalMs - accounted, calls: 0, note: 'scheduler, timers, settle, index, API writes, completion check' },
      ];
      return { rows, totalMs };
    },
  };
}

// ---------------------------------------------------------------- rollout rows

const fmt = (x: number) => Math.round(x).toLocaleString('en');
const mib = (x: number) => `${(x / 1048576).toFixed(0)} MiB`;

function describeResult(r: DeployRun, n: number, budgetMs: number): string {
  const p = r.progress;
  if (r.complete) return `complete; old pods gone from the API at ${Number.isNaN(r.goneMs) ? '(over budget)' : `${fmt(r.goneMs)} ms`}, ${fmt(p.failedScheduling)} failed scheduling attempts`;
  return (
    `INCOMPLETE after the ${budgetMs / 1000} s budget: ${fmt(p.updated)}/${fmt(n)} updated, ${fmt(p.available)} available, ` +
    `${fmt(p.oldActive)} old replicas active, ${fmt(p.pods)} pods (${fmt(p.pods - p.oldPods)} new), ${fmt(p.failedScheduling)} failed scheduling attempts, ` +
    `${fmt(p.queuedTimers)} timers queued`
  );
}

/** The wall-clock budget of a rollout: `--budget` on tight nodes (fewer slots than old + new pods), else 10 minutes. */
function budgetFor(n: number, nodes: number, nodePods: number): number {
  return nodes * nodePods < 2 * n ? Number(option('budget') ?? 60) * 1000 : 600_000;
}

async function rolloutRow(label: string, count: number, replicas: number, nodes: number, nodePods: number, runs: number) {
  const n = count * replicas;
  const budgetMs = budgetFor(n, nodes, nodePods);
  const eng: DeployRun[] = [];
  const red: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runRolloutReducer(count, replicas, nodes);
    if (r.ready !== n || r.pods !== n) throw new Error(`rollout reducer: ${r.ready}/${n} new pods ready, ${r.pods} pods left`);
    red.push(r.ms);
    const e = await deploymentRun(count, replicas, nodes, nodePods, budgetMs);
    eng.push(e);
    if (!e.complete) break; // a run over budget is not repeated
  }
  const ms = median(eng.map((e) => e.ms));
  const rms = median(red);
  const e = eng[Math.floor(eng.length / 2)] ?? eng[0]!;
  const row = [
    label.padEnd(16),
    `${nodes}×${nodePods}`.padStart(10),
    String(eng.length).padStart(4),
    fmt(median(eng.map((x) => x.setupMs))).padStart(9),
    `${eng.every((x) => x.complete) ? '' : '>'}${fmt(ms)}`.padStart(11),
    fmt(median(eng.map((x) => x.cpuMs))).padStart(7),
    fmt(median(eng.map((x) => x.gc))).padStart(7),
    (e.simMs / 1000).toFixed(1).padStart(6),
    mib(median(eng.map((x) => x.heapSetup))).padStart(10),
    mib(median(eng.map((x) => x.heapAfter))).padStart(10),
    `${(median(eng.map((x) => x.heapAfter)) / n / 1024).toFixed(1)} KiB`.padStart(9),
    rms.toFixed(1).padStart(11),
    `${eng.every((x) => x.complete) ? '' : '>'}${(ms / rms).toFixed(0)}x`.padStart(6),
  ];
  console.log(row.join(' '));
  console.log(`${' '.repeat(18)}${describeResult(e, n, budgetMs)}; ${fmt(e.stats.timersFired)} timers, ${fmt(e.stats.objectChanges)} object changes`);
}

const deployRows = [
  { key: 'deploy10k', label: '1 × 10,000', count: 1, replicas: 10_000, nodes: 100 },
  { key: 'deploy1000x100', label: '1,000 × 100', count: 1_000, replicas: 100, nodes: 1_000 },
].filter((r) => everything || rows.has('deploy') || rows.has(r.key));

if (deployRows.length) {
  const nodePods = (option('node-pods') ?? '250,110').split(',').map(Number);
  const runs10k = Number(option('runs') ?? 3);
  console.log(`\nDeployment rollouts: apply and run until every replica is available (setup), then set image ${OLD_IMAGE} → ${NEW_IMAGE}`);
  console.log(`on every Deployment and run until every rollout is complete (RollingUpdate, maxSurge = maxUnavailable = 25 %).`);
  console.log(`On tight nodes a rollout stops after ${Number(option('budget') ?? 60)} s of wall clock (--budget) and its figures are lower bounds (>).`);
  console.log(
    ['rollout'.padEnd(16), 'nodes×pods'.padStart(10), 'runs'.padStart(4), 'setup-ms'.padStart(9), 'rollout-ms'.padStart(11), 'cpu-ms'.padStart(7), 'gc-ms'.padStart(7), 'sim-s'.padStart(6),
      'heap-setup'.padStart(10), 'heap-after'.padStart(10), 'heap/rep'.padStart(9), 'reducer-ms'.padStart(11), 'ratio'.padStart(6)].join(' '),
  );
  for (const pods of nodePods) {
    for (const r of deployRows) await rolloutRow(r.label, r.count, r.replicas, r.nodes, pods, r.count === 1 ? runs10k : 1);
  }
  if (argv.includes('--breakdown')) {
    for (const r of deployRows) {
      const n = r.count * r.replicas;
      const budgetMs = budgetFor(n, r.nodes, nodePods[0]!);
      const e = await deploymentRun(r.count, r.replicas, r.nodes, nodePods[0]!, budgetMs, true);
      const total = e.breakdown!.totalMs;
      console.log(`\nWhere the time goes: ${r.label} on ${r.nodes}×${nodePods[0]} nodes, one instrumented run (exclusive times; the instrumentation adds overhead):`);
      console.log(`rollout complete at ${fmt(e.ms)} ms, old pods gone at ${fmt(e.goneMs)} ms; ${describeResult(e, n, budgetMs)}`);
      for (const x of e.breakdown!.rows) {
        console.log(`  ${x.what.padEnd(38)} ${fmt(x.ms).padStart(7)} ms ${((100 * x.ms) / total).toFixed(0).padStart(3)} %  ${x.calls ? `${fmt(x.calls)} calls; ` : ''}${x.note}`);
      }
    }
  }
}

// DaemonSets, StatefulSets, Jobs and CronJobs (bench/workloads.ts).
await runWorkloadRows(rows, everything, option);
