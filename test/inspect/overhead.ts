/**
 * What inspection costs: one workload (pods with a readiness probe, applied then run for 5
 * simulated minutes) without inspection, with a no-op XState callback, and with a JSONL trace
 * to memory and to a file. Not a vitest suite; run it with the production build of XState:
 *
 *   npx tsx test/inspect/overhead.ts [pods=200] [runs=5]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster } from '../../src/cluster/cluster.ts';
import type { InspectionEvent } from 'xstate';
import { createJsonlInspector } from '../../src/inspect/jsonl.ts';

const pods = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'kubeactors-inspect-'));

const manifests = Array.from({ length: pods }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `web-${i}` },
  spec: { containers: [{ name: 'app', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }] },
}));

type Variant = { name: string; setup: () => { inspect?: (e: InspectionEvent) => void; done: () => string } };
const variants: Variant[] = [
  { name: 'absent (default)', setup: () => ({ done: () => '' }) },
  { name: 'no-op XState callback', setup: () => ({ inspect: () => {}, done: () => '' }) },
  {
    name: 'JSONL, lines discarded',
    setup: () => {
      let bytes = 0;
      const t = createJsonlInspector((l) => (bytes += l.length + 1));
      return { inspect: t.inspect, done: () => (t.close(), `${t.lines} lines, ${(bytes / 1e6).toFixed(1)} MB`) };
    },
  },
  {
    name: 'JSONL to a file',
    setup: () => {
      const path = join(dir, 'trace.jsonl');
      rmSync(path, { force: true });
      const t = createJsonlInspector({ path });
      return { inspect: t.inspect, done: () => (t.close(), `${(statSync(path).size / 1e6).toFixed(1)} MB`) };
    },
  },
];

function once(v: Variant): { ms: number; note: string } {
  const s = v.setup();
  const t0 = performance.now();
  const c = createCluster({ nodes: Math.max(1, Math.ceil(pods / 100)), seed: 1, inspect: s.inspect });
  c.apply(manifests as any);
  c.advance('5m');
  const note = s.done();
  const ms = performance.now() - t0;
  c.stop();
  return { ms, note };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${pods} pods with a readiness probe (period 10s), 5 simulated minutes; median of ${runs} (node ${process.version})`);
for (const v of variants) once(v); // warm-up
let base = 0;
for (const v of variants) {
  const r = Array.from({ length: runs }, () => once(v));
  const ms = median(r.map((x) => x.ms));
  if (!base) base = ms;
  console.log(`${v.name.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms  ×${(ms / base).toFixed(2)}  ${r[0]!.note}`);
}
rmSync(dir, { recursive: true, force: true });
