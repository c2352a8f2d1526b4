import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { createCluster, type Cluster } from '../../src/cluster/cluster.ts';
import { createJsonlInspector, type JsonlInspectorOptions } from '../../src/inspect/jsonl.ts';

const T0 = Date.UTC(2026, 0, 1);

const NGINX = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
});

/** Applies a pod with a readiness probe and runs 30 simulated seconds, traced; returns the lines. */
function tracedRun(seed = 1, opts: JsonlInspectorOptions = {}, more?: (c: Cluster) => void): string[] {
  const lines: string[] = [];
  const trace = createJsonlInspector((l) => lines.push(l), { now: () => cluster.now(), ...opts });
  const cluster = createCluster({ nodes: 2, seed, inspect: trace.inspect });
  cluster.apply(NGINX);
  cluster.advance('30s');
  more?.(cluster);
  trace.close();
  cluster.stop();
  return lines;
}

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l));

describe('JSONL trace of a cluster run', () => {
  it('has an actor line for the pod, its container and its readiness probe, each under its parent', () => {
    const recs = parse(tracedRun());
    const actors = recs.filter((r) => r.type === '@xstate.actor');
    const byId = Object.fromEntries(actors.map((a) => [a.sessionId, a]));
    expect(Object.keys(byId)).toEqual(['cluster', 'Node/node-1', 'Node/node-2', 'Pod/default/nginx', 'Pod/default/nginx/app', 'Pod/default/nginx/app/readiness']);
    expect(byId['Pod/default/nginx'].parentId).toBe('cluster');
    expect(byId['Pod/default/nginx/app'].parentId).toBe('Pod/default/nginx');
    expect(byId['Pod/default/nginx/app/readiness'].parentId).toBe('Pod/default/nginx/app');
    for (const a of actors) {
      expect(a.rootId).toBe('cluster');
      expect(a.name).toBe(a.sessionId);
      expect(JSON.parse(a.definition).id).toBe(a.sessionId === 'cluster' ? 'cluster' : a.sessionId.startsWith('Node/') ? 'node' : { 1: 'pod', 2: 'container', 3: 'probe' }[a.sessionId.split('/').length - 2]);
    }
    // Announced with its state at creation (already pulling: a pod without init containers starts
    // its app containers at admission), not at the end of the step (Running).
    expect(byId['Pod/default/nginx/app'].snapshot.value).toEqual({ Waiting: 'Pulling' });
  });

  it('records the binding and the simulated clock firing timers, at simulated times', () => {
    const recs = parse(tracedRun());
    const events = recs.filter((r) => r.type === '@xstate.event');
    const bound = events.find((e) => e.event.type === 'pod.bound');
    expect(bound).toMatchObject({ sessionId: 'Pod/default/nginx', event: { nodeName: expect.stringMatching(/^node-/) }, createdAt: String(T0) });
    expect(events.find((e) => e.event.type === 'xstate.snapshot.app')).toMatchObject({ sessionId: 'Pod/default/nginx', sourceId: 'Pod/default/nginx/app' });
    const timers = events.filter((e) => e.event.type.startsWith('timer.'));
    expect(timers.map((e) => e.event.type)).toContain('timer.pull');
    // The readiness probe ticks every 5s once the container runs (image pulled after 2s).
    const ticks = timers.filter((e) => e.sessionId === 'Pod/default/nginx/app/readiness' && e.event.type === 'timer.tick');
    expect(ticks.map((e) => (Number(e.createdAt) - T0) / 1000)).toEqual([2, 7, 12, 17, 22, 27]);
    for (const r of recs) expect(Number(r.createdAt)).toBeGreaterThanOrEqual(T0);
  });

  it('is byte-identical for two runs with the same seed, and names no XState session or random id', () => {
    const a = tracedRun(7).join('\n');
    const b = tracedRun(7).join('\n');
    expect(b).toBe(a);
    expect(a).not.toMatch(/"x:\d+"|\.x:\d+"/);
    for (const r of parse(a.split('\n'))) expect(r.id).toBeNull();
    expect(tracedRun(8).join('\n')).not.toBe(a);
  });

  it('writes snapshot contexts as JSON, leaving out a context unchanged since the previous line unless asked', () => {
    const recs = parse(tracedRun());
    const snaps = recs.filter((r) => r.type === '@xstate.snapshot');
    const pod = snaps.filter((s) => s.sessionId === 'Pod/default/nginx' && s.snapshot.context);
    expect(pod.length).toBeGreaterThan(0);
    const last = pod[pod.length - 1].snapshot;
    expect(last.context.pod.status.phase).toBe('Running');
    expect(JSON.parse(JSON.stringify(last.context))).toEqual(last.context);
    expect(last.children).toEqual({ app: 'Pod/default/nginx/app' });
    expect(snaps.some((s) => !('context' in s.snapshot))).toBe(true);

    const full = parse(tracedRun(1, { unchangedContext: 'repeat' })).filter((r) => r.type === '@xstate.snapshot');
    expect(full.length).toBe(snaps.length);
    expect(full.every((s) => typeof s.snapshot.context === 'object')).toBe(true);
  });

  it('names a child snapshot event by path and keeps only its status and value', () => {
    const recs = parse(tracedRun());
    const e = recs.find((r) => r.type === '@xstate.event' && r.event.type === 'xstate.snapshot.app');
    expect(e.sessionId).toBe('Pod/default/nginx');
    expect(Object.keys(e.event.snapshot).sort()).toEqual(['status', 'value']);
  });

  it('names a re-created pod apart from the one it replaces', () => {
    const recs = parse(
      tracedRun(1, {}, (c) => {
        c.delete('Pod', 'nginx', { force: true, gracePeriodSeconds: 0 });
        c.advance('5s');
        c.apply(NGINX);
        c.advance('5s');
      }),
    );
    const ids = recs.filter((r) => r.type === '@xstate.actor').map((r) => r.sessionId);
    expect(ids).toContain('Pod/default/nginx#2');
    expect(ids).toContain('Pod/default/nginx#2/app');
  });

  it('names a restarted probe apart, and a deleted pod finishing to the root by its path', () => {
    const recs = parse(
      tracedRun(1, {}, (c) => {
        c.crashContainer('nginx');
        c.advance('30s');
        c.delete('Pod', 'nginx');
        c.advance('60s');
      }),
    );
    expect(recs.filter((r) => r.type === '@xstate.actor').map((r) => r.sessionId)).toContain('Pod/default/nginx/app/readiness#2');
    const done = recs.find((r) => r.type === '@xstate.event' && r.event.type.startsWith('xstate.done.actor.'));
    expect(done).toMatchObject({ sessionId: 'cluster', sourceId: 'Pod/default/nginx', event: { type: 'xstate.done.actor.Pod/default/nginx' } });
    expect(recs.some((r) => r.type === '@xstate.snapshot' && r.sessionId === 'Pod/default/nginx' && r.snapshot.status === 'done')).toBe(true);
  });

  it("passes createInspector's filter and sanitizeContext through (to trace one pod, redacted)", () => {
    const recs = parse(
      tracedRun(1, {
        filter: (e) => e.sessionId.startsWith('Pod/default/nginx'),
        sanitizeContext: ({ logs, previousLogs, ...rest }) => rest,
      }),
    );
    expect(new Set(recs.map((r) => r.sessionId))).toEqual(new Set(['Pod/default/nginx', 'Pod/default/nginx/app', 'Pod/default/nginx/app/readiness']));
    const app = recs.filter((r) => r.sessionId === 'Pod/default/nginx/app' && r.snapshot?.context);
    expect(app.length).toBeGreaterThan(1);
    for (const r of app) expect(Object.keys(r.snapshot.context)).not.toContain('logs');
    expect(recs.some((r) => r.type === '@xstate.snapshot' && !('context' in r.snapshot))).toBe(true);
  });

  it('follows a running cluster with attach(), announcing the live actors first', () => {
    const cluster = createCluster({ nodes: 1, seed: 1 });
    cluster.apply(NGINX);
    cluster.advance('10s');
    const lines: string[] = [];
    const trace = createJsonlInspector((l) => lines.push(l), { now: () => cluster.now() });
    trace.attach(cluster.root);
    cluster.advance('5s');
    trace.close();
    const recs = parse(lines);
    expect(recs.slice(0, 5).map((r) => [r.type, r.sessionId])).toEqual([
      ['@xstate.actor', 'cluster'],
      ['@xstate.actor', 'Node/node-1'],
      ['@xstate.actor', 'Pod/default/nginx'],
      ['@xstate.actor', 'Pod/default/nginx/app'],
      ['@xstate.actor', 'Pod/default/nginx/app/readiness'],
    ]);
    expect(recs[3].snapshot.value).toBe('Running');
    expect(recs.some((r) => r.type === '@xstate.event' && r.event.type === 'timer.tick')).toBe(true);
    // Closed: the cluster runs on untraced.
    cluster.advance('5s');
    expect(lines.length).toBe(recs.length);
    cluster.stop();
  });

  it('never throws into the run: a failing sink surfaces at flush()', () => {
    const trace = createJsonlInspector(() => {
      throw new Error('disk full');
    });
    const cluster = createCluster({ nodes: 1, seed: 1, inspect: trace.inspect });
    cluster.apply(NGINX);
    cluster.advance('10s');
    expect((cluster.get('Pod', 'nginx') as any).status.phase).toBe('Running');
    expect(() => trace.flush()).toThrow('disk full');
    cluster.stop();
  });

  it('encodes what JSON cannot hold by itself: errors, maps, sets, bigints, actor refs', () => {
    const lines: string[] = [];
    const trace = createJsonlInspector((l) => lines.push(l));
    const child = createMachine({ id: 'child' });
    const m = createMachine({
      id: 'odd',
      context: ({ spawn }) => ({ err: new Error('boom'), map: new Map([['a', 1]]), set: new Set([1, 2]), big: 10n, ref: spawn(child, { id: 'kid' }) }),
    });
    const a = createActor(m, { inspect: trace.inspect }).start();
    trace.close();
    a.stop();
    const snap = parse(lines).find((r) => r.sessionId === 'odd' && r.snapshot?.context);
    expect(snap.snapshot.context).toEqual({ err: { name: 'Error', message: 'boom' }, map: { a: 1 }, set: [1, 2], big: '10', ref: { xstate$$type: 1, id: 'odd/kid' } });
  });
});

describe('JSONL trace to a file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends: two traced runs make one file holding both, line for line', () => {
    const path = join((dir = mkdtempSync(join(tmpdir(), 'kubeactors-trace-'))), 'trace.jsonl');
    const expected = tracedRun();
    for (let i = 0; i < 2; i++) {
      const trace = createJsonlInspector({ path }, { now: () => cluster.now() });
      const cluster = createCluster({ nodes: 2, seed: 1, inspect: trace.inspect });
      cluster.apply(NGINX);
      cluster.advance('30s');
      trace.close();
      trace.close();
      cluster.stop();
    }
    expect(readFileSync(path, 'utf8')).toBe([...expected, ...expected].join('\n') + '\n');
  });

  it('fails at creation when the file cannot be opened', () => {
    const d = (dir = mkdtempSync(join(tmpdir(), 'kubeactors-trace-')));
    expect(() => createJsonlInspector({ path: join(d, 'no', 'such', 'dir.jsonl') })).toThrow(/ENOENT/);
  });
});

describe('cost when absent', () => {
  it('the engine never loads the inspection bridge', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const files = (d: string): string[] =>
      readdirSync(join(root, d), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
    const offenders = [...files('src/cluster'), ...files('machines'), 'src/index.ts'].filter((f) => /from '[^']*(inspect\/|@statelyai\/inspect)/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
