/**
 * `npm run bench`: N pods on M = N/100 nodes, from apply to all Ready, through the engine and
 * through a minimal hand-written reducer (bench/reducer.ts) in the same process, so the engine's
 * overhead shows as a ratio. Figures are medians of several runs (fewer for the largest size);
 * heap per pod is measured after a forced GC with the cluster alive. Run with --expose-gc.
 *
 *   npm run bench            # 1,000 / 10,000 / 100,000 pods
 *   npm run bench -- 1000    # chosen sizes only
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createCluster } from '../src/cluster/cluster.ts';
import { runReducer } from './reducer.ts';

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

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const list = sizes.length ? sizes : [1_000, 10_000, 100_000];
console.log(`kubeactors bench — node ${process.version}, ${process.arch}; medians (runs in brackets)`);
console.log('pods      nodes  runs  engine-ms  (apply  gc)     sim-events/s  heap/pod  reducer-ms  ratio  ready');
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

if (!sizes.length || sizes.includes(10_000)) {
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
