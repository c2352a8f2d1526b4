import { describe, it, expect } from 'vitest';
import { createContainerMachine } from '../../machines/container/container.ts';
import type { Container } from '../../src/types.ts';
import { ANN, containerInput, run, T0, type Harness } from './harness.ts';

const S = 1000;

type Opts = Parameters<typeof containerInput>[1];
function container(spec: Partial<Container> = {}, o: Opts = {}, setup?: (h: Harness) => void): Harness {
  const h = run(createContainerMachine, containerInput(spec, o));
  setup?.(h);
  h.send({ type: 'container.start' });
  return h;
}
const status = (h: Harness) => h.context.status;
const state = (h: Harness) => status(h).state;
const probe = { httpGet: { path: '/healthz', port: 8080 } };

describe('container: image pull', () => {
  it('pulls a missing image, then creates and starts the container (Running)', () => {
    const h = container({ image: 'nginx:1.14.2' });
    expect(state(h)).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(h.messages()).toEqual(['Pulling image "nginx:1.14.2"']);
    h.advance(1999);
    expect(state(h).waiting).toBeDefined();
    h.advance(1);
    const s = status(h);
    expect(s.state).toEqual({ running: { startedAt: '2026-01-01T00:00:02Z' } });
    expect(s).toMatchObject({ image: 'docker.io/library/nginx:1.14.2', restartCount: 0, started: true, ready: true });
    expect(s.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(h.events().map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Pulling', 'Pulling image "nginx:1.14.2"'],
      ['Normal', 'Pulled', expect.stringMatching(/^Successfully pulled image "nginx:1\.14\.2" in 2s \(2s including waiting\)\. Image size: \d+ bytes\.$/)],
      ['Normal', 'Created', 'Created container: app'],
      ['Normal', 'Started', 'Started container app'],
    ]);
    expect(h.events()[0]).toMatchObject({ involved: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'uid-1', fieldPath: 'spec.containers{app}' }, component: 'kubelet', host: 'node-1' });
  });

  it('waits with PodInitializing (not ContainerCreating) when the pod has init containers', () => {
    const h = run(createContainerMachine, containerInput({}, { podHasInit: true }));
    expect(state(h)).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('IfNotPresent with the image on the node: "already present on machine", no pull', () => {
    const h = container({ image: 'nginx:1.14.2' }, {}, (x) => x.env.images.pull('node-1', 'nginx:1.14.2', 0));
    expect(state(h).running).toBeDefined();
    expect(h.messages('Pulled')).toEqual(['Container image "nginx:1.14.2" already present on machine']);
    expect(h.events('Pulling')).toHaveLength(0);
  });

  it('imagePullPolicy Always pulls even a cached image (the quick cached pull)', () => {
    const h = container({ image: 'nginx:latest' }, {}, (x) => x.env.images.pull('node-1', 'nginx:latest', 0));
    expect(h.events('Pulling')).toHaveLength(1);
    h.advance(500);
    expect(state(h).running).toBeDefined();
    expect(h.messages('Pulled')[0]).toMatch(/in 500ms \(500ms including waiting\)/);
  });

  it('a failing pull: ErrImagePull, then ImagePullBackOff with retries 10, 20, 40 s after each failure', () => {
    const h = container({ image: 'nginx:nope' }, { annotations: ANN({ 'image-pull': 'fail' }) });
    h.advance(2 * S);
    expect(state(h).waiting.reason).toBe('ErrImagePull');
    expect(h.events('Failed').map((e) => [e.type, e.message])).toEqual([
      ['Warning', 'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found'],
      ['Warning', 'Error: ErrImagePull'],
    ]);
    h.advance(1 * S);
    // 1.32 appends the last pull error to the waiting message (image_manager.go prevPullErrMsg).
    expect(state(h).waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "nginx:nope": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    });
    expect(h.events('BackOff')[0]).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "nginx:nope"' });
    expect(h.messages('Failed')).toContain('Error: ImagePullBackOff');
    // Track pull attempts over 3 minutes.
    const pulls: number[] = [];
    let seen = h.events('Pulling').length;
    for (let i = 0; i < 180; i++) {
      h.advance(S);
      const n = h.events('Pulling').length;
      if (n > seen) pulls.push(h.t);
      seen = n;
    }
    // attempt 1 at 0 fails at 2 → retry at 12, fails at 14 → 34, fails at 36 → 76, fails at 78 → 158.
    expect(pulls).toEqual([12, 34, 76, 158]);
    expect(state(h).waiting.reason).toMatch(/ImagePullBackOff|ErrImagePull/);
    expect(status(h).restartCount).toBe(0);
  });

  it('imagePullPolicy Never with a missing image: ErrImageNeverPull, never retried', () => {
    const h = container({ image: 'app:v1', imagePullPolicy: 'Never' });
    const msg = 'Container image "app:v1" is not present with pull policy of Never';
    expect(state(h)).toEqual({ waiting: { reason: 'ErrImageNeverPull', message: msg } });
    expect(h.events().map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'ErrImageNeverPull', msg],
      ['Warning', 'Failed', 'Error: ErrImageNeverPull'],
    ]);
    h.advance(600 * S);
    expect(h.events()).toHaveLength(2);
    expect(h.env.timers).toHaveLength(0);
  });

  it('imagePullPolicy Never with the image present starts at once', () => {
    const h = container({ image: 'app:v1', imagePullPolicy: 'Never' }, {}, (x) => x.env.images.pull('node-1', 'app:v1', 0));
    expect(state(h).running).toBeDefined();
  });
});

describe('container: exits and restartPolicy', () => {
  const started = (h: Harness) => h.advance(2 * S); // pull

  it('Always: the first crash restarts at once; lastState holds the previous termination', () => {
    const h = container();
    started(h);
    h.send({ type: 'container.crash', exitCode: 2 });
    const s = status(h);
    expect(s.restartCount).toBe(1);
    expect(s.state.running).toBeDefined();
    expect(s.lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error', startedAt: '2026-01-01T00:00:02Z', finishedAt: '2026-01-01T00:00:02Z' });
    expect(s.lastState.terminated.containerID).not.toBe(s.containerID);
  });

  it('Always: the second crash waits in CrashLoopBackOff (Warning BackOff), then restarts after 10 s', () => {
    const h = container();
    started(h);
    h.send({ type: 'container.crash', exitCode: 1 });
    h.advance(S);
    h.send({ type: 'container.crash', exitCode: 1 });
    expect(state(h).waiting).toEqual({ reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=p_default(uid-1)' });
    expect(status(h).ready).toBe(false);
    expect(h.events('BackOff').map((e) => [e.type, e.message])).toEqual([['Warning', 'Back-off restarting failed container app in pod p_default(uid-1)']]);
    h.advance(10 * S - 1);
    expect(state(h).waiting).toBeDefined();
    h.advance(1);
    expect(state(h).running).toBeDefined();
    expect(status(h).restartCount).toBe(2);
  });

  it('Always: a container that completes (exit 0) is restarted too', () => {
    const h = container({}, { annotations: ANN({ 'run-seconds': 3 }) });
    started(h);
    h.advance(3 * S);
    expect(status(h)).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } });
  });

  it('CrashLoopBackOff: a container that always exits after 1 s restarts after waits of 0, 10, 20, 40, 80, 160, 300, 300 s', () => {
    const h = container({}, { annotations: ANN({ 'run-seconds': 1, 'exit-code': 1 }) });
    started(h);
    const starts: number[] = [h.t];
    let count = 0;
    while (starts.length < 9) {
      h.advance(S);
      if (status(h).restartCount !== count) {
        count = status(h).restartCount;
        starts.push(h.t);
      }
    }
    const waits = starts.slice(1).map((s, i) => s - starts[i]! - 1);
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    const msgs = new Set(h.events().filter((e) => e.reason === 'BackOff').map((e) => e.message));
    expect(msgs.size).toBe(1);
  });

  it('the CrashLoopBackOff message shows the current period (Go duration: 5m0s at the cap)', () => {
    const h = container({}, { annotations: ANN({ 'run-seconds': 1, 'exit-code': 1 }) });
    started(h);
    const seen = new Set<string>();
    for (let i = 0; i < 1300; i++) {
      h.advance(S);
      const m = state(h).waiting?.message;
      if (m && state(h).waiting.reason === 'CrashLoopBackOff') seen.add(m.split(' ')[1]!);
    }
    expect([...seen]).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
  });

  it('after running stably for more than 10 minutes the back-off starts again at 10 s', () => {
    const h = container();
    started(h);
    h.send({ type: 'container.crash', exitCode: 1 });
    h.send({ type: 'container.crash', exitCode: 1 });
    h.advance(10 * S);
    h.send({ type: 'container.crash', exitCode: 1 });
    h.advance(20 * S);
    expect(state(h).running).toBeDefined();
    h.advance(11 * 60 * S);
    h.send({ type: 'container.crash', exitCode: 1 });
    // restarted at once (entry expired), and the next crash waits 10 s.
    expect(state(h).running).toBeDefined();
    h.send({ type: 'container.crash', exitCode: 1 });
    expect(state(h).waiting.message).toMatch(/^back-off 10s /);
  });

  it('OnFailure: exit 0 stops for good (Completed); non-zero restarts', () => {
    const ok = container({}, { podRestartPolicy: 'OnFailure', annotations: ANN({ 'run-seconds': 3 }) });
    started(ok);
    ok.advance(3 * S);
    expect(ok.snapshot.value).toBe('Stopped');
    expect(state(ok)).toEqual({ terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:02Z', finishedAt: '2026-01-01T00:00:05Z', containerID: status(ok).containerID } });
    expect(status(ok).restartCount).toBe(0);

    const bad = container({}, { podRestartPolicy: 'OnFailure', annotations: ANN({ 'run-seconds': 3, 'exit-code': 1 }) });
    started(bad);
    bad.advance(3 * S);
    expect(status(bad).restartCount).toBe(1);
    expect(state(bad).running).toBeDefined();
  });

  it('Never: a crash stops the container for good (Error, exit code kept)', () => {
    const h = container({}, { podRestartPolicy: 'Never' });
    started(h);
    h.send({ type: 'container.crash', exitCode: 3 });
    expect(h.snapshot.value).toBe('Stopped');
    expect(state(h).terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    h.advance(600 * S);
    expect(status(h).restartCount).toBe(0);
  });

  it('a completed init container reports ready (kubelet: init container ready = exited 0)', () => {
    const h = container({}, { role: 'init' });
    started(h);
    h.advance(5 * S);
    expect(state(h).terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status(h).ready).toBe(true);
  });

  it('logs: the script output and annotation lines; previous instance kept on restart', () => {
    const h = container({ command: ['sh', '-c', 'echo hello; date'] }, { annotations: ANN({ logs: 'booting' }) });
    started(h);
    expect(h.context.logs.map((l: any) => l.line)).toEqual(['booting', 'hello', 'Thu Jan  1 00:00:02 UTC 2026']);
    h.advance(S);
    h.send({ type: 'container.crash', exitCode: 1 });
    expect(h.context.previousLogs.map((l: any) => l.line)).toEqual(['booting', 'hello', 'Thu Jan  1 00:00:02 UTC 2026']);
    expect(h.context.logs.map((l: any) => l.line)).toEqual(['booting', 'hello', 'Thu Jan  1 00:00:03 UTC 2026']);
  });
});

describe('container: graceful kill', () => {
  const running = (spec: Partial<Container> = {}, o: Opts = {}) => {
    const h = container(spec, o);
    h.advance(2 * S);
    expect(state(h).running).toBeDefined();
    return h;
  };

  it('a process that honours SIGTERM exits 143 and stays stopped', () => {
    const h = running({}, { annotations: ANN({ 'termination-seconds': 4 }) });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    expect(h.events('Killing').map((e) => [e.type, e.message])).toEqual([['Normal', 'Stopping container app']]);
    h.advance(4 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated).toMatchObject({ exitCode: 143, reason: 'Error', finishedAt: '2026-01-01T00:00:06Z' });
    expect(h.snapshot.value).toBe('Stopped');
    expect(status(h).restartCount).toBe(0);
  });

  it('a process slower than the grace period is SIGKILLed at the end of it: exit 137', () => {
    const h = running({}, { annotations: ANN({ 'termination-seconds': 45 }) });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(30 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('the grace period is at least 2 s (minimumGracePeriodInSeconds)', () => {
    const h = running({}, { annotations: ANN({ 'termination-seconds': 10 }) });
    h.send({ type: 'container.kill', graceMs: 1 * S });
    h.advance(2 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated.exitCode).toBe(137);
  });

  it('a preStop sleep delays SIGTERM by its length', () => {
    const h = running({ lifecycle: { preStop: { sleep: { seconds: 5 } } } });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(5 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated.exitCode).toBe(143);
  });

  it('a preStop `sleep N` exec hook counts the same way', () => {
    const h = running({ lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 3'] } } } });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(3 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated.exitCode).toBe(143);
  });

  it('preStop time is taken out of the grace period, and what is left is floored at 2 s', () => {
    // grace 6, hook 5 → 1 s left → 2 s: SIGKILL at 7 s.
    const h = running({ lifecycle: { preStop: { sleep: { seconds: 5 } } } }, { annotations: ANN({ 'termination-seconds': 60 }) });
    h.send({ type: 'container.kill', graceMs: 6 * S });
    h.advance(7 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated.exitCode).toBe(137);
  });

  it('a preStop hook longer than the grace period is cut at the grace period; SIGKILL 2 s later', () => {
    const h = running({ lifecycle: { preStop: { sleep: { seconds: 60 } } } }, { annotations: ANN({ 'termination-seconds': 60 }) });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(32 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated.exitCode).toBe(137);
  });

  it('a second kill with a shorter grace period brings SIGKILL forward; a longer one does not delay it', () => {
    const h = running({}, { annotations: ANN({ 'termination-seconds': 3600 }) });
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(5 * S);
    h.send({ type: 'container.kill', graceMs: 60 * S });
    h.send({ type: 'container.kill', graceMs: 5 * S });
    h.advance(5 * S - 1);
    expect(state(h).running).toBeDefined();
    h.advance(1);
    expect(state(h).terminated).toMatchObject({ exitCode: 137, finishedAt: '2026-01-01T00:00:12Z' });
    expect(h.events('Killing')).toHaveLength(1);
  });

  it('a container waiting in back-off that is told to stop never starts again', () => {
    const h = running();
    h.send({ type: 'container.crash', exitCode: 1 });
    h.send({ type: 'container.crash', exitCode: 1 });
    expect(state(h).waiting.reason).toBe('CrashLoopBackOff');
    h.send({ type: 'container.kill', graceMs: 30 * S });
    h.advance(60 * S);
    expect(h.snapshot.value).toBe('Stopped');
    expect(status(h).restartCount).toBe(1);
  });

  it('a new image restarts the container regardless of policy: Killing "definition changed", restartCount+1', () => {
    const h = running({ image: 'nginx:1.14.2' }, { podRestartPolicy: 'Never' });
    h.send({ type: 'container.update', spec: { name: 'app', image: 'nginx:1.16.1' } });
    expect(h.messages('Killing')).toEqual(['Container app definition changed, will be restarted']);
    h.advance(2 * S);
    expect(state(h).running).toBeDefined();
    expect(status(h)).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.16.1' });
    expect(h.messages('Pulling').at(-1)).toBe('Pulling image "nginx:1.16.1"');
  });
});

describe('container: probes', () => {
  const running = (spec: Partial<Container>, o: Opts = {}) => {
    const h = container(spec, o);
    h.advance(2 * S);
    return h;
  };

  it('liveness failure: Unhealthy ×failureThreshold, Killing "failed liveness probe, will be restarted", then a restart', () => {
    const h = running({ livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 } }, { annotations: ANN({ 'liveness-fails-after': 15 }) });
    h.advance(35 * S); // probes at 2,12 ok; 22, 32 fail
    expect(h.events('Unhealthy')).toHaveLength(2);
    expect(h.events('Killing')).toHaveLength(0);
    h.advance(5 * S); // 42: third failure
    expect(h.messages('Unhealthy')).toEqual(Array(3).fill('Liveness probe failed: HTTP probe failed with statuscode: 500'));
    expect(h.events('Unhealthy')[0]).toMatchObject({ type: 'Warning', involved: { fieldPath: 'spec.containers{app}' } });
    expect(h.messages('Killing')).toEqual(['Container app failed liveness probe, will be restarted']);
    expect(status(h).restartCount).toBe(1);
    expect(status(h).lastState.terminated).toMatchObject({ exitCode: 143, finishedAt: '2026-01-01T00:00:42Z' });
    expect(state(h).running).toBeDefined();
  });

  it('liveness failure with restartPolicy Never: no ", will be restarted" and no restart', () => {
    const h = running({ livenessProbe: { ...probe, periodSeconds: 1, failureThreshold: 1 } }, { podRestartPolicy: 'Never', annotations: ANN({ 'liveness-fails-after': 0, 'run-seconds': 'forever' }) });
    h.advance(S);
    expect(h.messages('Killing')).toEqual(['Container app failed liveness probe']);
    expect(h.snapshot.value).toBe('Stopped');
  });

  it("a liveness kill uses the probe's terminationGracePeriodSeconds", () => {
    const h = running(
      { livenessProbe: { ...probe, periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 5 } },
      { annotations: ANN({ 'liveness-fails-after': 0, 'termination-seconds': 100 }), graceSeconds: 60 },
    );
    const killedAt = () => h.events('Killing').length;
    while (!killedAt()) h.advance(100);
    const t = h.t;
    h.until(() => status(h).restartCount === 1, 60 * S);
    expect(h.t - t).toBe(5);
    expect(status(h).lastState.terminated.exitCode).toBe(137);
  });

  it('startup probe failure: Killing "failed startup probe, will be restarted"', () => {
    const h = running({ startupProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 } }, { annotations: ANN({ 'startup-fails': 'true' }) });
    expect(status(h).started).toBe(false);
    h.advance(20 * S); // ticks at 2, 12, 22 fail → kill at 22 (the new instance probes at once)
    expect(h.messages('Unhealthy').slice(0, 3)).toEqual(Array(3).fill('Startup probe failed: HTTP probe failed with statuscode: 500'));
    expect(h.messages('Killing')).toEqual(['Container app failed startup probe, will be restarted']);
    expect(status(h).restartCount).toBe(1);
  });

  it('a container with a startup probe is started (and ready) only once the startup probe succeeds', () => {
    const h = container({ startupProbe: { ...probe, periodSeconds: 10, initialDelaySeconds: 5 } });
    h.advance(2 * S);
    expect(status(h)).toMatchObject({ started: false, ready: false });
    h.advance(10 * S); // tick at 2 skipped (initial delay), at 12 succeeds
    expect(status(h)).toMatchObject({ started: true, ready: true });
  });

  it('liveness and readiness do not run until the startup probe has succeeded', () => {
    const h = running(
      {
        startupProbe: { ...probe, periodSeconds: 10, failureThreshold: 10 },
        livenessProbe: { ...probe, periodSeconds: 1, failureThreshold: 1 },
        readinessProbe: { ...probe, periodSeconds: 1, failureThreshold: 1 },
      },
      { annotations: ANN({ 'startup-fails': 'true', 'liveness-fails-after': 0, 'readiness-fails-after': 0 }) },
    );
    h.advance(50 * S);
    expect(h.messages('Killing')).toEqual([]);
    expect(h.messages('Unhealthy').every((m) => m.startsWith('Startup probe failed'))).toBe(true);
    h.advance(50 * S);
    expect(h.messages('Killing')).toEqual(['Container app failed startup probe, will be restarted']);
  });

  it('readiness toggles ready without restarting', () => {
    const h = running({ readinessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 } }, { annotations: ANN({ 'readiness-fails-after': 25 }) });
    expect(status(h).ready).toBe(true); // first probe at start succeeds
    h.advance(40 * S); // ticks at 2, 12, 22 succeed; 32, 42 fail
    expect(status(h).ready).toBe(true);
    h.advance(10 * S); // 52: third failure
    expect(status(h).ready).toBe(false);
    expect(h.messages('Unhealthy')).toEqual(Array(3).fill('Readiness probe failed: HTTP probe failed with statuscode: 500'));
    h.child('readiness')!.send({ type: 'probe.force', result: 'Success' });
    h.advance(10 * S);
    expect(status(h).ready).toBe(true);
    expect(status(h).restartCount).toBe(0);
    expect(h.events('Killing')).toHaveLength(0);
  });

  it('probe failure output names the handler: tcpSocket dial error with the pod IP, exec with empty output', () => {
    const tcp = running({ readinessProbe: { tcpSocket: { port: 6379 }, periodSeconds: 1 } }, { annotations: ANN({ 'readiness-fails-after': 0 }) });
    expect(tcp.messages('Unhealthy')[0]).toBe('Readiness probe failed: dial tcp 10.244.0.5:6379: connect: connection refused');
    const ex = running({ livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1 } }, { annotations: ANN({ 'liveness-fails-after': 0 }) });
    expect(ex.messages('Unhealthy')[0]).toBe('Liveness probe failed: ');
  });
});

it('T0 is the simulated epoch used by the harness', () => {
  expect(new Date(T0).toISOString()).toBe('2026-01-01T00:00:00.000Z');
});

describe('container: back-off events at every pod-worker resync', () => {
  it('a crash loop records BackOff again at each resync (10–15 s apart), so its count grows', () => {
    const h = container({ image: 'busybox:1.36' }, { annotations: ANN({ 'run-seconds': 1, 'exit-code': 1 }) });
    h.advance(200 * S);
    const backoff = h.events('BackOff');
    expect(backoff.length).toBeGreaterThan(status(h).restartCount);
    const pod = h.context.pod;
    expect(new Set(backoff.map((e) => e.message))).toEqual(new Set([`Back-off restarting failed container ${h.context.spec.name} in pod ${pod.name}_${pod.namespace}(${pod.uid})`]));
  });

  it('a pull back-off records BackOff and "Error: ImagePullBackOff" again at each resync', () => {
    const h = container({ image: 'nginx:nope' }, { annotations: ANN({ 'image-pull': 'fail' }) });
    h.advance(150 * S);
    const pulls = h.events('Pulling').length;
    expect(h.events('BackOff').length).toBeGreaterThan(pulls);
    expect(h.messages('Failed').filter((m) => m === 'Error: ImagePullBackOff').length).toBeGreaterThan(pulls);
  });
});
