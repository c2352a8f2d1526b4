import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../cli/helpers.ts';

const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: app
    image: nginx:1.14.2
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
`;

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
  w.write('nginx.yaml', NGINX);
});
afterEach(() => w.dispose());

const records = (name: string) =>
  w
    .read(name)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('kubeactors --inspect <file>', () => {
  it("appends each command's trace: the actors as loaded, then what the command made happen", async () => {
    expect((await w.ok('--inspect trace.jsonl apply -f nginx.yaml')).stdout).toBe('pod/nginx created\n');
    const first = records('trace.jsonl');
    expect(first.slice(0, 4).map((r) => r.sessionId)).toEqual(['cluster', 'Node/node-1', 'Node/node-2', 'Node/node-3']);
    expect(first.some((r) => r.type === '@xstate.event' && r.event.type === 'pod.bound')).toBe(true);

    await w.ok('advance 30s --inspect trace.jsonl');
    const all = records('trace.jsonl');
    const second = all.slice(first.length);
    expect(all.slice(0, first.length)).toEqual(first);
    // Loaded from the state file: the pod, its container and probe are announced first.
    expect(second.filter((r) => r.type === '@xstate.actor').map((r) => r.sessionId)).toEqual([
      'cluster',
      'Node/node-1',
      'Node/node-2',
      'Node/node-3',
      'Pod/default/nginx',
      'Pod/default/nginx/app',
      'Pod/default/nginx/app/readiness',
    ]);
    const ticks = second.filter((r) => r.type === '@xstate.event' && r.event.type === 'timer.tick');
    // Simulated times: the probe (image pulled at 2s) ticks every 5s up to 27s.
    expect(ticks.map((r) => (Number(r.createdAt) - Date.UTC(2026, 0, 1)) / 1000)).toEqual([2, 7, 12, 17, 22, 27]);
  });

  it('gives the same trace for the same commands in another workspace', async () => {
    await w.ok('--inspect t.jsonl apply -f nginx.yaml');
    await w.ok('--inspect t.jsonl advance 20s');
    const other = new Workspace();
    try {
      other.write('nginx.yaml', NGINX);
      await other.ok('--inspect t.jsonl apply -f nginx.yaml');
      await other.ok('--inspect t.jsonl advance 20s');
      expect(other.read('t.jsonl')).toBe(w.read('t.jsonl'));
    } finally {
      other.dispose();
    }
  });

  it('traces reset from the new cluster', async () => {
    await w.ok('--inspect t.jsonl reset --nodes 1');
    expect(records('t.jsonl').map((r) => r.sessionId)).toEqual(['cluster', 'Node/node-1']);
  });

  it('without the flag writes no trace', async () => {
    await w.ok('apply -f nginx.yaml');
    expect(existsSync(join(w.dir, 'trace.jsonl'))).toBe(false);
  });

  it('refuses run and demo, which use a cluster of their own, and a file it cannot open', async () => {
    w.write('s.yaml', 'steps:\n- advance: 1s\n');
    const r = await w.run('--inspect t.jsonl run s.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --inspect traces the state file\'s cluster; "run" runs a fresh in-memory cluster, which it cannot trace\n');
    const bad = await w.run('--inspect no/such/dir/t.jsonl get pods');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: cannot open the trace file "no\/such\/dir\/t.jsonl": ENOENT/);
    expect(w.stateBytes()).toBeUndefined();
  });

  it('traces a failing command too (its changes are not saved)', async () => {
    await w.ok('apply -f nginx.yaml');
    const before = w.stateBytes();
    const r = await w.run('--inspect t.jsonl wait --for=condition=Ready pod/nginx --timeout=1s');
    expect(r.code).toBe(1);
    expect(w.stateBytes()).toEqual(before);
    expect(readFileSync(join(w.dir, 't.jsonl'), 'utf8').length).toBeGreaterThan(0);
  });
});
