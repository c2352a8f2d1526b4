import { describe, it, expect } from 'vitest';
import { computeConditions, getPhase, mergeConditions, podQOS, type ConditionInput } from '../../machines/pod/status.ts';
import { terminatePod } from '../../machines/pod/status.ts';
import type { Container, ContainerStatus, PodSpec } from '../../src/types.ts';

// ------------------------------------------------------------------ status builders
type S = ContainerStatus;
const base = (name: string): S => ({ name, image: 'x', imageID: '', ready: false, restartCount: 0 });
const running = (name: string, o: { started?: boolean; ready?: boolean } = {}): S => ({
  ...base(name),
  started: o.started ?? true,
  ready: o.ready ?? true,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
});
const terminated = (name: string, exitCode: number): S => ({
  ...base(name),
  ready: false,
  state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' } },
});
const waiting = (name: string, reason = 'ContainerCreating', lastExit?: number): S => ({
  ...base(name),
  state: { waiting: { reason } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit, reason: lastExit === 0 ? 'Completed' : 'Error' } },
});

const c = (name: string): Container => ({ name, image: 'busybox' });
const sidecar = (name: string): Container => ({ name, image: 'busybox', restartPolicy: 'Always' });
const spec = (o: { init?: Container[]; containers?: string[]; restartPolicy?: string; readinessGates?: string[] }): PodSpec => ({
  restartPolicy: (o.restartPolicy ?? 'Always') as PodSpec['restartPolicy'],
  initContainers: o.init,
  containers: (o.containers ?? ['a']).map(c),
  readinessGates: o.readinessGates?.map((conditionType) => ({ conditionType })),
});

describe('getPhase (kubelet_pods.go, §1.2 decision table)', () => {
  // [name, spec, init statuses, statuses, podIsTerminal, expected]
  const rows: [string, PodSpec, S[], S[], boolean, string][] = [
    // Row 1
    ['1: a failed init container with restartPolicy Never → Failed', spec({ init: [c('i')], restartPolicy: 'Never' }), [terminated('i', 1)], [waiting('a', 'PodInitializing')], false, 'Failed'],
    ['1: init waiting after a failed run, restartPolicy Never → Failed', spec({ init: [c('i')], restartPolicy: 'Never' }), [waiting('i', 'CrashLoopBackOff', 2)], [waiting('a', 'PodInitializing')], false, 'Failed'],
    ['1: a failed init container with OnFailure is retried → Pending', spec({ init: [c('i')], restartPolicy: 'OnFailure' }), [waiting('i', 'CrashLoopBackOff', 1)], [waiting('a', 'PodInitializing')], false, 'Pending'],
    ['1: a failed init container with Always → Pending', spec({ init: [c('i')] }), [terminated('i', 1)], [waiting('a', 'PodInitializing')], false, 'Pending'],
    // Row 2
    ['2: init container running → Pending', spec({ init: [c('i')] }), [running('i')], [waiting('a', 'PodInitializing')], false, 'Pending'],
    ['2: init container without status → Pending', spec({ init: [c('i')] }), [], [waiting('a', 'PodInitializing')], false, 'Pending'],
    ['2: init waiting (never run) → Pending', spec({ init: [c('i')] }), [waiting('i', 'PodInitializing')], [], false, 'Pending'],
    ['2: second init pending after the first completed → Pending', spec({ init: [c('i1'), c('i2')] }), [terminated('i1', 0), waiting('i2', 'PodInitializing')], [waiting('a', 'PodInitializing')], false, 'Pending'],
    ['2: pending init but a regular container has started → not held Pending', spec({ init: [c('i')] }), [running('i')], [running('a')], false, 'Running'],
    ['2: init waiting after a successful run does not count as pending', spec({ init: [c('i')] }), [waiting('i', 'PodInitializing', 0)], [running('a')], false, 'Running'],
    // Row 3
    ['3: a regular container waiting to start → Pending', spec({ containers: ['a', 'b'] }), [], [running('a'), waiting('b')], false, 'Pending'],
    ['3: all init done, app containers creating → Pending', spec({ init: [c('i')] }), [terminated('i', 0)], [waiting('a')], false, 'Pending'],
    // Row 4
    ['4: every regular container running → Running', spec({ containers: ['a', 'b'] }), [], [running('a'), running('b', { ready: false })], false, 'Running'],
    ['4: one running, one exited → Running', spec({ containers: ['a', 'b'], restartPolicy: 'Never' }), [], [running('a'), terminated('b', 1)], false, 'Running'],
    ['4: running but another container has no status → Pending', spec({ containers: ['a', 'b'] }), [], [running('a')], false, 'Pending'],
    // Row 5 (podIsTerminal)
    ['5: terminal, all exited 0 → Succeeded', spec({ containers: ['a', 'b'] }), [], [terminated('a', 0), terminated('b', 0)], true, 'Succeeded'],
    ['5: terminal, one exited non-zero → Failed', spec({ containers: ['a', 'b'] }), [], [terminated('a', 0), terminated('b', 143)], true, 'Failed'],
    ['5: terminal with Always, all 0 → Succeeded', spec({}), [], [terminated('a', 0)], true, 'Succeeded'],
    // 5a
    ['5a: not terminal, Always, all exited → Running (restarting)', spec({}), [], [terminated('a', 0)], false, 'Running'],
    ['5a: Always, crash-looping (waiting with last state) → Running', spec({}), [], [waiting('a', 'CrashLoopBackOff', 1)], false, 'Running'],
    // 5b
    ['5b: OnFailure, all exited 0 → Succeeded', spec({ restartPolicy: 'OnFailure' }), [], [terminated('a', 0)], false, 'Succeeded'],
    ['5b: Never, all exited 0 → Succeeded', spec({ restartPolicy: 'Never', containers: ['a', 'b'] }), [], [terminated('a', 0), terminated('b', 0)], false, 'Succeeded'],
    // 5c
    ['5c: Never, one failed → Failed', spec({ restartPolicy: 'Never', containers: ['a', 'b'] }), [], [terminated('a', 0), terminated('b', 1)], false, 'Failed'],
    // 5d
    ['5d: OnFailure, one failed → Running (will restart)', spec({ restartPolicy: 'OnFailure' }), [], [terminated('a', 1)], false, 'Running'],
    ['5d: OnFailure, waiting in back-off after a failure → Running', spec({ restartPolicy: 'OnFailure' }), [], [waiting('a', 'CrashLoopBackOff', 1)], false, 'Running'],
    // Row 6
    ['6: no statuses at all → Pending', spec({}), [], [], false, 'Pending'],
    ['6: stopped but another container unknown → Pending', spec({ containers: ['a', 'b'], restartPolicy: 'Never' }), [], [terminated('a', 0)], false, 'Pending'],
  ];
  it.each(rows)('%s', (_name, s, init, st, terminal, want) => {
    expect(getPhase(s, init, st, terminal)).toBe(want);
  });

  describe('sidecars (init containers with restartPolicy Always)', () => {
    const rowsB: [string, PodSpec, S[], S[], string][] = [
      ['a sidecar without status is unknown → Pending', spec({ init: [sidecar('s')] }), [], [running('a')], 'Pending'],
      ['a running but not started sidecar holds the pod Pending', spec({ init: [sidecar('s')] }), [running('s', { started: false })], [waiting('a', 'PodInitializing')], 'Pending'],
      ['a sidecar waiting to start (never ran) → Pending', spec({ init: [sidecar('s')] }), [waiting('s', 'PodInitializing')], [], 'Pending'],
      ['started sidecar + running app → Running', spec({ init: [sidecar('s')] }), [running('s')], [running('a')], 'Running'],
      ['started sidecar, app still creating → Pending', spec({ init: [sidecar('s')] }), [running('s')], [waiting('a')], 'Pending'],
      ['running sidecar keeps a finished Job pod Running until it is stopped', spec({ init: [sidecar('s')], restartPolicy: 'Never' }), [running('s')], [terminated('a', 0)], 'Running'],
      ['a terminated sidecar is ignored: app done → Succeeded', spec({ init: [sidecar('s')], restartPolicy: 'Never' }), [terminated('s', 143)], [terminated('a', 0)], 'Succeeded'],
      ['a crash-looping sidecar is ignored: app running → Running', spec({ init: [sidecar('s')] }), [waiting('s', 'CrashLoopBackOff', 1)], [running('a')], 'Running'],
      ['sidecar started, regular init running → Pending', spec({ init: [sidecar('s'), c('i')] }), [running('s'), running('i')], [waiting('a', 'PodInitializing')], 'Pending'],
    ];
    it.each(rowsB)('%s', (_name, s, init, st, want) => {
      expect(getPhase(s, init, st, false)).toBe(want);
    });
  });
});

describe('pod conditions (status/generate.go)', () => {
  const input = (o: Partial<ConditionInput> & { spec: PodSpec }): ConditionInput => ({
    phase: 'Running',
    initStatuses: [],
    statuses: [],
    sandboxReady: true,
    scheduled: true,
    external: [],
    ...o,
  });
  const byType = (cs: ReturnType<typeof computeConditions>) => Object.fromEntries(cs.map((x) => [x.type, x]));

  it('an unscheduled pod gets no kubelet conditions', () => {
    expect(computeConditions(input({ spec: spec({}), scheduled: false }))).toEqual([]);
  });

  it('kubelet order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    const cs = computeConditions(input({ spec: spec({}), statuses: [running('a')] }));
    expect(cs.map((x) => x.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(cs.every((x) => x.status === 'True')).toBe(true);
  });

  it('PodReadyToStartContainers follows the sandbox', () => {
    expect(byType(computeConditions(input({ spec: spec({}), sandboxReady: false }))).PodReadyToStartContainers!.status).toBe('False');
  });

  it('unready containers: ContainersNotReady "containers with unready status: [a b]", copied to Ready', () => {
    const cs = byType(computeConditions(input({ spec: spec({ containers: ['a', 'b', 'c'] }), statuses: [running('a', { ready: false }), running('b', { ready: false }), running('c')] })));
    expect(cs.ContainersReady).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' });
    expect(cs.Ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' });
  });

  it('containers without status: "containers with unknown status: [..]" before the unready ones', () => {
    const cs = byType(computeConditions(input({ spec: spec({ containers: ['a', 'b'] }), statuses: [running('a', { ready: false })] })));
    expect(cs.ContainersReady!.message).toBe('containers with unknown status: [b], containers with unready status: [a]');
  });

  it('a sidecar that is not ready makes ContainersReady False', () => {
    const cs = byType(computeConditions(input({ spec: spec({ init: [sidecar('s')] }), initStatuses: [running('s', { ready: false })], statuses: [running('a')] })));
    expect(cs.ContainersReady!.message).toBe('containers with unready status: [s]');
  });

  it('init containers not done: Initialized False ContainersNotInitialized "containers with incomplete status: [i1 i2]"', () => {
    const cs = byType(computeConditions(input({
      phase: 'Pending',
      spec: spec({ init: [c('i1'), c('i2')] }),
      initStatuses: [running('i1', { ready: false }), waiting('i2', 'PodInitializing')],
      statuses: [waiting('a', 'PodInitializing')],
    })));
    expect(cs.Initialized).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i1 i2]' });
  });

  it('init statuses missing and incomplete: unknown listed first (generate.go order)', () => {
    const cs = byType(computeConditions(input({
      phase: 'Pending',
      spec: spec({ init: [c('i1'), c('i2')] }),
      initStatuses: [running('i1', { ready: false })],
    })));
    expect(cs.Initialized!.message).toBe('containers with unknown status: [i2], containers with incomplete status: [i1]');
  });

  it('a sidecar counts as initialized once started', () => {
    const notStarted = byType(computeConditions(input({ phase: 'Pending', spec: spec({ init: [sidecar('s')] }), initStatuses: [running('s', { started: false, ready: false })], statuses: [waiting('a', 'PodInitializing')] })));
    expect(notStarted.Initialized).toMatchObject({ status: 'False', message: 'containers with incomplete status: [s]' });
    const started = byType(computeConditions(input({ spec: spec({ init: [sidecar('s')] }), initStatuses: [running('s')], statuses: [waiting('a')] })));
    expect(started.Initialized!.status).toBe('True');
  });

  it('Initialized stays True once a regular container has started (e.g. an init container re-run)', () => {
    const cs = byType(computeConditions(input({ spec: spec({ init: [c('i')] }), initStatuses: [waiting('i', 'PodInitializing')], statuses: [running('a')] })));
    expect(cs.Initialized!.status).toBe('True');
  });

  it('Succeeded: Initialized True reason PodCompleted; ContainersReady and Ready False PodCompleted', () => {
    const cs = byType(computeConditions(input({ phase: 'Succeeded', spec: spec({ init: [c('i')], restartPolicy: 'Never' }), initStatuses: [{ ...terminated('i', 0), ready: true }], statuses: [terminated('a', 0)] })));
    expect(cs.Initialized).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    expect(cs.ContainersReady).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(cs.Ready).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('Failed: ContainersReady and Ready False reason PodFailed', () => {
    const cs = byType(computeConditions(input({ phase: 'Failed', spec: spec({ restartPolicy: 'Never' }), statuses: [terminated('a', 1)] })));
    expect(cs.ContainersReady).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(cs.Ready).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  describe('readiness gates', () => {
    const gated = (external: ConditionInput['external']) =>
      byType(computeConditions(input({ spec: spec({ readinessGates: ['example.com/lb'] }), statuses: [running('a')], external })));
    it('a missing gate condition keeps Ready False: ReadinessGatesNotReady', () => {
      const cs = gated([]);
      expect(cs.ContainersReady!.status).toBe('True');
      expect(cs.Ready).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    });
    it('a gate condition not True keeps Ready False', () => {
      const cs = gated([{ type: 'example.com/lb', status: 'False' }]);
      expect(cs.Ready!.message).toBe('the status of pod readiness gate "example.com/lb" is not "True", but False');
    });
    it('a True gate lets the pod be Ready', () => {
      expect(gated([{ type: 'example.com/lb', status: 'True' }]).Ready!.status).toBe('True');
    });
  });
});

describe('mergeConditions: lastTransitionTime moves only on a flip', () => {
  const t1 = '2026-01-01T00:00:00Z';
  const t2 = '2026-01-01T00:01:00Z';
  const t3 = '2026-01-01T00:02:00Z';
  it('stamps new conditions with now', () => {
    const m = mergeConditions(undefined, [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'x' }], [], t1);
    expect(m).toEqual([{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'x', lastProbeTime: null, lastTransitionTime: t1 }]);
  });
  it('same status, new message: keeps the time, takes the message', () => {
    const a = mergeConditions(undefined, [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a b]' }], [], t1);
    const b = mergeConditions(a, [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [b]' }], [], t2);
    expect(b[0]).toMatchObject({ lastTransitionTime: t1, message: 'containers with unready status: [b]' });
  });
  it('a flip moves the time; unchanged conditions are kept as the same object', () => {
    const a = mergeConditions(undefined, [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }], [], t1);
    const b = mergeConditions(a, [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], [], t2);
    expect(b[0]).toMatchObject({ status: 'True', lastTransitionTime: t2 });
    expect(b[0]!.reason).toBeUndefined();
    expect(b[1]).toBe(a[1]);
    const c3 = mergeConditions(b, [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], [], t3);
    expect(c3[0]!.lastTransitionTime).toBe(t2);
  });
  it('external conditions are appended and an external Ready=False (node lifecycle) wins', () => {
    const ext = [
      { type: 'Ready', status: 'False' as const, reason: 'NodeNotReady', message: 'x' },
      { type: 'DisruptionTarget', status: 'True' as const, reason: 'DeletionByTaintManager' },
    ];
    const m = mergeConditions(undefined, [{ type: 'Ready', status: 'True' }], ext, t1);
    expect(m.map((x) => [x.type, x.status])).toEqual([['Ready', 'False'], ['DisruptionTarget', 'True']]);
  });
});

describe('podQOS (GetPodQOS)', () => {
  const pc = (requests?: Record<string, string>, limits?: Record<string, string>): Container => ({ name: 'x', image: 'i', resources: { requests, limits } });
  it.each([
    ['no requests or limits → BestEffort', [pc()], 'BestEffort'],
    ['limits = requests for cpu and memory → Guaranteed', [pc({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], 'Guaranteed'],
    ['limits only (requests default to limits) → Guaranteed', [pc(undefined, { cpu: '1', memory: '1Gi' })], 'Guaranteed'],
    ['requests only → Burstable', [pc({ cpu: '100m' })], 'Burstable'],
    ['cpu limit without memory limit → Burstable', [pc({ cpu: '1' }, { cpu: '1' })], 'Burstable'],
    ['requests lower than limits → Burstable', [pc({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], 'Burstable'],
    ['one Guaranteed container and one BestEffort → Burstable', [pc(undefined, { cpu: '1', memory: '1Gi' }), pc()], 'Burstable'],
  ] as const)('%s', (_n, containers, want) => {
    expect(podQOS({ containers: containers as unknown as Container[] })).toBe(want);
  });
  it('init containers count too', () => {
    expect(podQOS({ containers: [pc()], initContainers: [pc({ memory: '1Gi' })] })).toBe('Burstable');
  });
});

describe('terminatePod (status_manager.go TerminatePod): the last status of a stopped pod', () => {
  const waiting = (name: string, extra: object = {}) => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { waiting: { reason: 'ContainerCreating' } }, ...extra });
  const done = (name: string, exitCode: number) => ({ name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed' } } });
  const UNKNOWN = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
  const one = { containers: [{ name: 'a', image: 'x' }] } as any;
  const withInit = { initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }], containers: [{ name: 'a', image: 'x' }] } as any;

  it.each([
    ['Pending with a waiting container → Failed, the container ContainerStatusUnknown 137', one, { phase: 'Pending', containerStatuses: [waiting('a')] }, 'Failed', [UNKNOWN], undefined],
    ['Running → Failed', one, { phase: 'Running', containerStatuses: [waiting('a', { lastState: { terminated: { exitCode: 1 } } })] }, 'Failed', [UNKNOWN], undefined],
    ['Succeeded stays, terminated containers untouched', one, { phase: 'Succeeded', containerStatuses: [done('a', 0)] }, 'Succeeded', [done('a', 0).state], undefined],
    ['not initialized (init containers, all waiting): app containers keep Waiting; only the first init container is marked', withInit,
      { phase: 'Pending', initContainerStatuses: [waiting('i1'), waiting('i2')], containerStatuses: [waiting('a')] }, 'Failed', [waiting('a').state], [UNKNOWN, waiting('i2').state]],
    ['initialized (last init container exited 0): app containers marked, init containers already terminated', withInit,
      { phase: 'Pending', initContainerStatuses: [done('i1', 0), done('i2', 0)], containerStatuses: [waiting('a')] }, 'Failed', [UNKNOWN], [done('i1', 0).state, done('i2', 0).state]],
  ] as const)('%s', (_name, spec, status, phase, states, initStates) => {
    const out = terminatePod(spec, status as any);
    expect(out.phase).toBe(phase);
    expect(out.containerStatuses!.map((s) => s.state)).toEqual(states);
    if (initStates) expect(out.initContainerStatuses!.map((s) => s.state)).toEqual(initStates);
  });

  it('returns the same object when nothing changes', () => {
    const st = { phase: 'Failed', containerStatuses: [done('a', 1)] } as any;
    expect(terminatePod(one, st)).toBe(st);
  });
});
