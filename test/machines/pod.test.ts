import { describe, it, expect } from 'vitest';
import { createPodMachine } from '../../machines/pod/pod.ts';
import type { Container, Pod } from '../../src/types.ts';
import { ANN, pod, run, type Harness } from './harness.ts';

const S = 1000;

function startPod(spec: Partial<NonNullable<Pod['spec']>>, annotations?: Record<string, string>): Harness {
  const h = run(createPodMachine, { addr: 'pod', pod: pod(spec, annotations) });
  h.send({ type: 'pod.bound', nodeName: 'node-1', hostIP: '172.18.0.2', podIP: '10.244.0.5' });
  return h;
}
const P = (h: Harness): Pod => h.context.pod;
const phase = (h: Harness) => P(h).status!.phase;
const cond = (h: Harness, type: string) => P(h).status!.conditions?.find((c) => c.type === type);
const cs = (h: Harness, name: string) =>
  [...(P(h).status!.containerStatuses ?? []), ...(P(h).status!.initContainerStatuses ?? [])].find((s) => s.name === name)!;
const started = (h: Harness) => h.events('Started').map((e) => e.message.replace('Started container ', ''));
const killed = (h: Harness) => h.events('Killing').map((e) => e.message);
const c = (name: string, image = 'busybox:1.36', extra: Partial<Container> = {}): Container => ({ name, image, ...extra });
const sc = (name: string): Container => ({ name, image: 'envoy:v1', restartPolicy: 'Always' });

describe('pod: scheduling and start', () => {
  it('an unscheduled pod is Pending with no kubelet conditions; binding starts the sandbox and containers', () => {
    const h = run(createPodMachine, { addr: 'pod', pod: pod({ containers: [c('app')] }) });
    expect(phase(h)).toBe('Pending');
    expect(P(h).status!.conditions).toBeUndefined();
    h.send({ type: 'pod.bound', nodeName: 'node-1', hostIP: '172.18.0.2', podIP: '10.244.0.5' });
    expect(P(h).spec!.nodeName).toBe('node-1');
    expect(P(h).status).toMatchObject({
      phase: 'Pending',
      hostIP: '172.18.0.2',
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      startTime: '2026-01-01T00:00:00Z',
      qosClass: 'BestEffort',
    });
    expect(cs(h, 'app').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    h.advance(2 * S);
    expect(phase(h)).toBe('Running');
    expect(P(h).status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
  });

  it('deleting an unscheduled pod ends it at once', () => {
    const h = run(createPodMachine, { addr: 'pod', pod: pod({ containers: [c('app')] }) });
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    expect(h.snapshot.status).toBe('done');
  });
});

describe('pod: init containers', () => {
  it('run one at a time in order, then the app containers', () => {
    const h = startPod({ initContainers: [c('init-1', 'busybox:1'), c('init-2', 'busybox:2')], containers: [c('app', 'nginx:1')] });
    expect(cs(h, 'app').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(cs(h, 'init-2').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    h.advance(2 * S); // init-1 pulled and started
    expect(started(h)).toEqual(['init-1']);
    expect(phase(h)).toBe('Pending');
    expect(cond(h, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-1 init-2]' });
    h.advance(5 * S); // init-1 done at 7, init-2 pulls 7→9, runs 9→14
    expect(cs(h, 'init-1').state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cond(h, 'Initialized')!.message).toBe('containers with incomplete status: [init-2]');
    h.advance(2 * S);
    expect(started(h)).toEqual(['init-1', 'init-2']);
    h.advance(5 * S);
    expect(cond(h, 'Initialized')!.status).toBe('True');
    expect(cs(h, 'app').state!.waiting).toBeDefined();
    h.advance(2 * S);
    expect(started(h)).toEqual(['init-1', 'init-2', 'app']);
    expect(phase(h)).toBe('Running');
  });

  it('an init container failing with restartPolicy Never fails the pod; app containers never start', () => {
    const h = startPod({ restartPolicy: 'Never', initContainers: [c('init')], containers: [c('app')] }, ANN({ 'exit-code.init': 1 }));
    h.advance(30 * S);
    expect(phase(h)).toBe('Failed');
    expect(cs(h, 'init').state!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs(h, 'app').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(started(h)).toEqual(['init']);
    expect(cond(h, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('an init container failing with OnFailure is retried with back-off; the pod stays Pending', () => {
    const h = startPod({ restartPolicy: 'OnFailure', initContainers: [c('init')], containers: [c('app')] }, ANN({ 'exit-code.init': 1 }));
    h.advance(60 * S);
    expect(phase(h)).toBe('Pending');
    expect(cs(h, 'init').restartCount).toBeGreaterThanOrEqual(2);
    expect(started(h).every((n) => n === 'init')).toBe(true);
    expect(h.messages('BackOff')[0]).toBe('Back-off restarting failed container init in pod p_default(uid-p)');
    expect(h.events('BackOff')[0]!.involved.fieldPath).toBe('spec.initContainers{init}');
  });

  it('a sidecar starts before the next init container and keeps running with the app', () => {
    const h = startPod({ initContainers: [sc('proxy'), c('init')], containers: [c('app', 'nginx:1')] });
    h.advance(2 * S);
    expect(started(h)).toEqual(['proxy']);
    h.advance(2 * S); // init pulls its image after the sidecar has started
    expect(started(h)).toEqual(['proxy', 'init']);
    h.until(() => phase(h) === 'Running', 60 * S);
    expect(started(h)).toEqual(['proxy', 'init', 'app']);
    expect(cs(h, 'proxy').state!.running).toBeDefined();
    expect(cs(h, 'proxy')).toMatchObject({ started: true, ready: true });
    expect(cond(h, 'Ready')!.status).toBe('True');
  });

  it('a sidecar with a startup probe holds the next init container until it has started', () => {
    const h = startPod({
      initContainers: [{ ...sc('proxy'), startupProbe: { httpGet: { path: '/', port: 1 }, periodSeconds: 10, initialDelaySeconds: 15 } }, c('init')],
      containers: [c('app', 'nginx:1')],
    });
    h.advance(10 * S);
    expect(started(h)).toEqual(['proxy']);
    h.advance(15 * S); // startup probe at 2+20=22 s (first tick ≥ initialDelay)
    expect(started(h)).toEqual(['proxy', 'init']);
  });
});

describe('pod: completion', () => {
  it('restartPolicy Never: all containers exit 0 → Succeeded (PodCompleted conditions)', () => {
    const h = startPod({ restartPolicy: 'Never', containers: [c('a'), c('b', 'busybox:2')] }, ANN({ 'run-seconds.b': 8 }));
    h.advance(7 * S);
    expect(phase(h)).toBe('Running');
    h.advance(3 * S);
    expect(phase(h)).toBe('Succeeded');
    expect(cond(h, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(cond(h, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(h.snapshot.value).toBe('Completed');
  });

  it('restartPolicy Never: one container failing → Failed', () => {
    const h = startPod({ restartPolicy: 'Never', containers: [c('a')] }, ANN({ 'exit-code': 2 }));
    h.advance(10 * S);
    expect(phase(h)).toBe('Failed');
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(2);
  });

  it('restartPolicy OnFailure: a failure restarts, a success completes the pod', () => {
    const h = startPod({ restartPolicy: 'OnFailure', containers: [c('a')] }, ANN({ 'exit-code': 1 }));
    h.advance(10 * S);
    expect(phase(h)).toBe('Running');
    expect(cs(h, 'a').restartCount).toBe(1);
    const ok = startPod({ restartPolicy: 'OnFailure', containers: [c('a')] });
    ok.advance(10 * S);
    expect(phase(ok)).toBe('Succeeded');
  });

  it('a Succeeded pod never shows another phase (terminal phases are sticky)', () => {
    const h = startPod({ restartPolicy: 'Never', initContainers: [sc('proxy')], containers: [c('a')] });
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      h.advance(S);
      if (seen.at(-1) !== phase(h)) seen.push(phase(h)!);
    }
    expect(seen).toEqual(['Pending', 'Running', 'Succeeded']);
  });

  it('a Job-style pod with a sidecar: the sidecar is stopped after the app completes; phase Succeeded', () => {
    const h = startPod({ restartPolicy: 'Never', initContainers: [sc('proxy')], containers: [c('a')] });
    h.until(() => phase(h) === 'Succeeded', 60 * S);
    expect(killed(h)).toEqual(['Stopping container proxy']);
    expect(cs(h, 'proxy').state!.terminated).toBeDefined();
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(0);
  });

  it('activeDeadlineSeconds: the kubelet kills the pod → Failed, reason DeadlineExceeded', () => {
    const h = startPod({ activeDeadlineSeconds: 10, containers: [c('a')] });
    h.advance(10 * S - 1);
    expect(phase(h)).toBe('Running');
    h.advance(1);
    expect(phase(h)).toBe('Failed');
    expect(P(h).status).toMatchObject({ reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(h.events('DeadlineExceeded')[0]).toMatchObject({ type: 'Normal', message: 'Pod was active on the node longer than the specified deadline' });
    expect(killed(h)).toEqual(['Stopping container a']);
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(143);
    h.advance(600 * S);
    expect(cs(h, 'a').restartCount).toBe(0);
  });
});

describe('pod: kubelet down', () => {
  it('activeDeadlineSeconds: Failed is reported at the deadline, while the containers are still stopping', () => {
    const h = startPod({ activeDeadlineSeconds: 10, containers: [c('a')] }, ANN({ 'termination-seconds': 10 }));
    h.advance(10 * S);
    expect(phase(h)).toBe('Failed');
    expect(cond(h, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed', lastTransitionTime: '2026-01-01T00:00:10Z' });
    expect(cs(h, 'a').state!.running).toBeDefined();
    h.advance(10 * S);
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(143);
  });

  it('while the kubelet is down its last report stays; a controller condition write lands alone', () => {
    const h = startPod({ containers: [c('a')] }, ANN({ 'run-seconds': 20, 'exit-code': 1 }));
    h.advance(5 * S);
    h.send({ type: 'pod.kubelet', up: false });
    h.advance(60 * S); // the container crashes meanwhile: not reported
    expect(cs(h, 'a').restartCount).toBe(0);
    h.send({ type: 'pod.conditions', conditions: [{ type: 'Ready', status: 'False' }] });
    expect(cs(h, 'a').restartCount).toBe(0);
    expect(cs(h, 'a').state!.running).toBeDefined();
    expect(cond(h, 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: '2026-01-01T00:01:05Z' });
    expect(cond(h, 'Ready')!.reason).toBeUndefined(); // MarkPodsNotReady leaves reason/message as they were
    expect(cond(h, 'ContainersReady')!.status).toBe('True');
    h.send({ type: 'pod.kubelet', up: true });
    expect(cs(h, 'a').restartCount).toBeGreaterThan(0);
  });
});

describe('pod: graceful deletion', () => {
  it('sets deletionTimestamp = now + grace; the pod ends once its containers have stopped', () => {
    const h = startPod({ containers: [c('a')] }, ANN({ 'termination-seconds': 5 }));
    h.advance(10 * S);
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    expect(P(h).metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:40Z', deletionGracePeriodSeconds: 30 });
    expect(killed(h)).toEqual(['Stopping container a']);
    h.advance(5 * S - 1);
    expect(h.snapshot.status).toBe('active');
    expect(phase(h)).toBe('Running');
    h.advance(1);
    expect(h.snapshot.status).toBe('done');
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(143);
  });

  it('a process ignoring SIGTERM is killed at the deadline (137) and the pod ends then', () => {
    const h = startPod({ containers: [c('a')] }, ANN({ 'termination-seconds': 3600 }));
    h.advance(10 * S);
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    h.advance(30 * S - 1);
    expect(h.snapshot.status).toBe('active');
    h.advance(1);
    expect(h.snapshot.status).toBe('done');
    expect(cs(h, 'a').state!.terminated!.exitCode).toBe(137);
    expect(phase(h)).toBe('Failed');
  });

  it('a second delete may only shorten the grace period', () => {
    const h = startPod({ containers: [c('a')] }, ANN({ 'termination-seconds': 3600 }));
    h.advance(10 * S);
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    h.send({ type: 'pod.delete', graceMs: 60 * S });
    expect(P(h).metadata!.deletionTimestamp).toBe('2026-01-01T00:00:40Z');
    h.advance(5 * S);
    h.send({ type: 'pod.delete', graceMs: 5 * S });
    // rest.BeforeDelete: (first deletion at 10 s) + new grace 5 s = 15 s, which is now.
    expect(P(h).metadata!.deletionTimestamp).toBe('2026-01-01T00:00:15Z');
    expect(P(h).metadata!.deletionGracePeriodSeconds).toBe(5);
    h.advance(5 * S);
    expect(h.snapshot.status).toBe('done');
  });

  it('containers are not restarted while the pod terminates', () => {
    const h = startPod({ containers: [c('a')] }, ANN({ 'termination-seconds': 20 }));
    h.advance(10 * S);
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    h.child('a')!.send({ type: 'container.crash', exitCode: 1 });
    expect(cs(h, 'a').restartCount).toBe(0);
    expect(h.snapshot.status).toBe('done');
  });

  it('every container hears Killing at once; sidecars get SIGTERM after the app containers, in reverse order', () => {
    const h = startPod(
      { initContainers: [sc('log'), sc('proxy')], containers: [c('app', 'nginx:1')] },
      ANN({ 'termination-seconds.app': 3, 'termination-seconds.proxy': 2 }),
    );
    h.until(() => phase(h) === 'Running' && cond(h, 'Ready')!.status === 'True', 60 * S);
    h.send({ type: 'pod.delete', graceMs: 30 * S });
    // killContainersWithSyncResult: Killing (and preStop) for all of them now.
    expect(killed(h)).toEqual(['Stopping container app', 'Stopping container log', 'Stopping container proxy']);
    h.advance(3 * S); // app exits; proxy (the last sidecar) gets SIGTERM, log waits its turn
    expect(cs(h, 'app').state!.terminated!.exitCode).toBe(143);
    expect(cs(h, 'proxy').state!.running).toBeDefined();
    expect(cs(h, 'log').state!.running).toBeDefined();
    h.advance(2 * S - 1);
    expect(cs(h, 'log').state!.running).toBeDefined();
    h.advance(1); // proxy exits at 5 s; then log's turn: it exits at once
    expect(h.snapshot.status).toBe('done');
  });

  it('the pod-level deadline bounds the sidecars too: they get what is left of the grace period', () => {
    const h = startPod({ initContainers: [sc('proxy')], containers: [c('app', 'nginx:1')] }, ANN({ 'termination-seconds': 3600 }));
    h.until(() => phase(h) === 'Running', 60 * S);
    h.send({ type: 'pod.delete', graceMs: 10 * S });
    h.advance(10 * S); // app SIGKILLed at 10 s; sidecar gets max(0, 0) → floored to 2 s
    expect(cs(h, 'app').state!.terminated!.exitCode).toBe(137);
    h.advance(2 * S);
    expect(h.snapshot.status).toBe('done');
  });
});

describe('pod: spec updates', () => {
  it('a new image restarts only that container (restartCount+1, Killing "definition changed")', () => {
    const h = startPod({ containers: [c('a', 'nginx:1.14.2'), c('b', 'redis:7')] });
    h.advance(5 * S);
    const next = pod({ containers: [c('a', 'nginx:1.16.1'), c('b', 'redis:7')] });
    h.send({ type: 'pod.update', pod: next });
    expect(killed(h)).toEqual(['Container a definition changed, will be restarted']);
    h.advance(5 * S);
    expect(cs(h, 'a')).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.16.1' });
    expect(cs(h, 'b').restartCount).toBe(0);
    expect(P(h).spec!.containers[0]!.image).toBe('nginx:1.16.1');
  });
});

describe('pod: terminal conditions (status/generate.go)', () => {
  it('a Succeeded pod: sandbox stopped (PodReadyToStartContainers False) and Initialized True/PodCompleted', () => {
    const h = startPod({ restartPolicy: 'Never', containers: [c('a')] }, ANN({ 'run-seconds': 1 }));
    h.advance(10 * S);
    expect(phase(h)).toBe('Succeeded');
    expect(cond(h, 'PodReadyToStartContainers')!.status).toBe('False');
    expect(cond(h, 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    expect(cond(h, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });
});
