import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableCell } from '../../src/cli/scenario.ts';
import { lines, NGINX, Workspace } from './helpers.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples');

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
  w.write('nginx.yaml', NGINX);
});
afterEach(() => w.dispose());

describe('run <scenario>', () => {
  it.each(['crashloop.scenario.yaml', 'graceful-delete.scenario.yaml'])('examples/%s passes', async (file) => {
    const r = await w.run(['run', join(EXAMPLES, file)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatch(/^scenario "[\w-]+" passed: \d+ steps, \d+ expectations met, /);
  });

  it('runs on a fresh in-memory cluster and never touches the state file', async () => {
    w.write('s.yaml', 'nodes: 1\nsteps:\n  - apply: {file: nginx.yaml}\n  - advance: 5m\n');
    const r = await w.run('run -q s.yaml');
    expect(r).toEqual({ code: 0, stdout: 'scenario passed: 2 steps, 0 expectations met, 5m0s of simulated time (now 2026-01-01T00:05:00Z)\n', stderr: '' });
    expect(w.stateBytes()).toBeUndefined();
  });

  it('prints each command and its output', async () => {
    w.write('s.yaml', 'nodes: 1\nsteps:\n  - section: Start\n  - apply: {file: nginx.yaml}\n  - run: get pods\n  - expect: {get: pod/nginx, path: .metadata.name, equals: nginx}\n');
    expect(lines((await w.ok('run s.yaml')).stdout)).toEqual([
      '=== Start ===',
      '$ kubeactors apply -f nginx.yaml',
      'pod/nginx created',
      '$ kubeactors get pods',
      'NAME    READY   STATUS              RESTARTS   AGE',
      'nginx   0/1     ContainerCreating   0          0s',
      'ok: pod/nginx {.metadata.name} equals "nginx"',
      '',
      'scenario passed: 4 steps, 1 expectation met, 0s of simulated time (now 2026-01-01T00:00:00Z)',
    ]);
  });

  it('exits 1 naming the failed expectation: step, expected and found', async () => {
    w.write(
      's.yaml',
      [
        'steps:',
        '  - apply: {file: nginx.yaml}',
        '  - advance: 10s',
        '  - expect: {command: get pods, row: nginx, column: STATUS, equals: Running}',
        '  - expect: {get: pod/nginx, path: .status.phase, equals: Pending}',
        '  - run: get pods',
      ].join('\n'),
    );
    const r = await w.run('run -q s.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: step 4 (s.yaml:5:5) failed: expect pod/nginx {.status.phase} equals "Pending": expected "Pending", found "Running"\n');
    expect(r.stdout).toBe('');
  });

  it('a failing command step fails the scenario; expected failures are asserted with exitCode', async () => {
    w.write('ok.yaml', 'steps:\n  - expect: {command: logs nope, exitCode: 1, stream: stderr, equals: \'Error from server (NotFound): pods "nope" not found\'}\n');
    expect((await w.run('run -q ok.yaml')).code).toBe(0);
    w.write('bad.yaml', 'steps:\n  - run: logs nope\n');
    const r = await w.run('run -q bad.yaml');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['Error from server (NotFound): pods "nope" not found', 'error: step 1 (bad.yaml:2:5) failed: "logs nope": exited 1']);
  });

  it('a wait that times out fails the step', async () => {
    w.write('s.yaml', 'steps:\n  - apply: {file: nginx.yaml}\n  - wait: {for: delete, target: pod/nginx, timeout: 5s}\n');
    const r = await w.run('run -q s.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: timed out waiting for the condition on pods/nginx\nerror: step 2 (s.yaml:3:5) failed: "wait --for=delete pod/nginx --timeout=5s": exited 1\n');
  });

  it('faults become the CLI commands that inject them', async () => {
    w.write(
      's.yaml',
      [
        'nodes: 2',
        'steps:',
        '  - apply: {file: nginx.yaml}',
        '  - wait: {for: condition=Ready, target: pod/nginx}',
        '  - fault: {crash: pod/nginx, exitCode: 2}',
        '  - expect: {get: pod/nginx, path: ".status.containerStatuses[0].lastState.terminated.exitCode", equals: "2"}',
        '  - fault: {node: node-2, action: cordon}',
        '  - expect: {command: get nodes, row: node-2, column: STATUS, equals: "Ready,SchedulingDisabled"}',
        '  - fault: "nodes taint node-1 k=v:NoSchedule"',
        '  - expect: {get: node/node-1, path: ".spec.taints[0].key", equals: k}',
      ].join('\n'),
    );
    const r = await w.run('run -q s.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('maps errors in an inline manifest to lines of the scenario file', async () => {
    w.write('s.yaml', 'steps:\n  - apply: |\n      apiVersion: v1\n      kind: Pod\n      metadata:\n        name: x\n      spec:\n        containers:\n        - name: c\n          imagee: nginx\n          image: nginx\n');
    const r = await w.run('run -q s.yaml');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      'error: step 1 (s.yaml:2:5) failed: apply:',
      'error: s.yaml:10:11: spec.containers[0].imagee: strict decoding error: unknown field "spec.containers[0].imagee"',
    ]);
  });

  it('rejects a malformed scenario before running it, with file:line:column', async () => {
    w.write('s.yaml', 'nodes: 1\nsteps:\n  - advance: 1s\n  - frobnicate: yes\n');
    expect((await w.run('run s.yaml')).stderr).toBe(
      'error: s.yaml:4:5: steps[1]: unknown step "frobnicate"; expected one of: section, echo, apply, advance, run, expect, wait, fault\n',
    );
    w.write('s.yaml', 'steps:\n  - advance: soon\n');
    expect((await w.run('run s.yaml')).stderr).toBe('error: s.yaml:2:14: steps[0].advance: invalid duration "soon": expected e.g. 30s, 5m, 1h30m\n');
    w.write('s.yaml', 'steps:\n  - expect: {get: nginx, equals: x}\n');
    expect((await w.run('run s.yaml')).stderr).toBe('error: s.yaml:2:19: steps[0].expect.get: expected TYPE/NAME (e.g. pod/nginx), got "nginx"\n');
    w.write('s.yaml', 'nodes: three\nsteps: []\n');
    expect((await w.run('run s.yaml')).stderr).toBe('error: s.yaml:1:8: nodes: expected an integer >= 0\n');
    w.write('s.yaml', 'steps:\n  - run: reset\n');
    expect((await w.run('run -q s.yaml')).stderr).toContain('error: unknown command "reset" for "kubeactors"');
    expect((await w.run('run nope.yaml')).stderr).toBe('error: the path "nope.yaml" does not exist\n');
  });

  it('reads one cell of a get table', () => {
    const out = 'NAME    READY   STATUS             RESTARTS     AGE\nmulti   1/2     CrashLoopBackOff   1 (1s ago)   10s\n';
    expect(tableCell(out, 'multi', 'restarts')).toEqual({ found: '1 (1s ago)' });
    expect(tableCell(out, 'other', 'STATUS').problem).toBe('no row "other" (rows: multi)');
    expect(tableCell(out, 'multi', 'IP').problem).toBe('no column "IP" (columns: NAME, READY, STATUS, RESTARTS, AGE)');
  });
});

describe('demo', () => {
  it('runs the built-in tour with exit 0, deterministically, without a state file', async () => {
    const a = await w.run('demo');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('=== A simulated cluster with three worker nodes ===');
    expect(a.stdout).toContain('crashy   0/1     CrashLoopBackOff');
    expect(a.stdout).toContain('pod "web" deleted');
    expect(lines(a.stdout).at(-1)).toMatch(/^scenario "kubeactors demo" passed: /);
    const b = await w.run('demo');
    expect(b).toEqual(a);
    expect(w.stateBytes()).toBeUndefined();
  });
});
