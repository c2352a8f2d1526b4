import { describe, it, expect } from 'vitest';
import { createProbeMachine, probeFailureOutput, type ProbeInput, type ProbeKind } from '../../machines/probe.ts';
import type { Probe } from '../../src/types.ts';
import { run, T0, type Harness } from './harness.ts';

const S = 1000;
const http = { httpGet: { path: '/', port: 80 } };

function probe(kind: ProbeKind, p: Probe, o: { failsAt?: number | null } = {}): Harness {
  const input: ProbeInput = {
    addr: 'pr',
    kind,
    probe: { ...http, ...p },
    containerName: 'app',
    fieldPath: 'spec.containers{app}',
    pod: { name: 'p', namespace: 'default', uid: 'u' },
    node: 'node-1',
    podIP: '10.244.0.9',
    startedAt: T0,
    failsAt: o.failsAt === undefined ? null : o.failsAt === null ? null : T0 + o.failsAt,
  };
  return run(createProbeMachine, input);
}
const result = (h: Harness) => h.context.result;
const force = (h: Harness, r: 'Success' | 'Failure' | null) => h.send({ type: 'probe.force', result: r });

describe('probe worker (prober/worker.go)', () => {
  it.each([
    ['readiness', 'Failure'],
    ['liveness', 'Success'],
    ['startup', 'Unknown'],
  ] as const)('the initial cached result of a %s probe is %s', (kind, r) => {
    const h = run(createProbeMachine, {
      addr: 'pr', kind, probe: http, containerName: 'a', fieldPath: 'f', pod: { name: 'p', namespace: 'd', uid: 'u' }, node: 'n', startedAt: T0 + 5 * S, failsAt: null,
    });
    expect(result(h)).toBe(r);
  });

  it('ticks every periodSeconds from the container start (default 10 s)', () => {
    const h = probe('liveness', {}, { failsAt: 0 });
    h.advance(0);
    expect(h.events('Unhealthy')).toHaveLength(1);
    h.advance(9 * S);
    expect(h.events('Unhealthy')).toHaveLength(1);
    h.advance(S);
    expect(h.events('Unhealthy')).toHaveLength(2);
  });

  it('initialDelaySeconds: no probe runs before it has passed since the container started', () => {
    const h = probe('readiness', { periodSeconds: 5, initialDelaySeconds: 12 });
    h.advance(10 * S); // ticks at 0, 5, 10 skipped
    expect(result(h)).toBe('Failure');
    h.advance(5 * S); // 15 ≥ 12: probes
    expect(result(h)).toBe('Success');
  });

  it('failureThreshold: the result flips only after that many consecutive failures', () => {
    const h = probe('readiness', { periodSeconds: 1, failureThreshold: 3 });
    h.advance(0);
    expect(result(h)).toBe('Success');
    force(h, 'Failure');
    h.advance(2 * S);
    expect(result(h)).toBe('Success');
    expect(h.messages('Unhealthy')).toEqual(['Readiness probe failed: HTTP probe failed with statuscode: 500', 'Readiness probe failed: HTTP probe failed with statuscode: 500']);
    h.advance(S);
    expect(result(h)).toBe('Failure');
  });

  it('a success in between resets the failure run', () => {
    const h = probe('readiness', { periodSeconds: 1, failureThreshold: 2 });
    h.advance(0);
    force(h, 'Failure');
    h.advance(S);
    force(h, 'Success');
    h.advance(S);
    force(h, 'Failure');
    h.advance(S);
    expect(result(h)).toBe('Success');
    h.advance(S);
    expect(result(h)).toBe('Failure');
  });

  it('successThreshold: back to Success only after that many consecutive successes', () => {
    const h = probe('readiness', { periodSeconds: 1, successThreshold: 3, failureThreshold: 1 });
    force(h, 'Failure');
    h.advance(0);
    expect(result(h)).toBe('Failure');
    force(h, 'Success');
    h.advance(2 * S);
    expect(result(h)).toBe('Failure');
    h.advance(S);
    expect(result(h)).toBe('Success');
  });

  it('the behaviour makes the probe fail from failsAt on', () => {
    const h = probe('readiness', { periodSeconds: 10, failureThreshold: 1 }, { failsAt: 25 * S });
    h.advance(20 * S);
    expect(result(h)).toBe('Success');
    h.advance(10 * S);
    expect(result(h)).toBe('Failure');
    force(h, 'Success'); // a forced result overrides the behaviour …
    h.advance(10 * S);
    expect(result(h)).toBe('Success');
    force(h, null); // … until given back
    h.advance(10 * S);
    expect(result(h)).toBe('Failure');
  });

  it('after a liveness Failure the worker is on hold: no more probing', () => {
    const h = probe('liveness', { periodSeconds: 1, failureThreshold: 2 }, { failsAt: 0 });
    h.advance(S);
    expect(result(h)).toBe('Failure');
    expect(h.snapshot.value).toBe('OnHold');
    expect(h.context.resultRun).toBe(0);
    const n = h.events().length;
    h.advance(60 * S);
    expect(h.events()).toHaveLength(n);
    expect(h.env.timers.filter((t) => t.due > h.now())).toHaveLength(0);
  });

  it('a startup probe holds after its verdict, Success as well as Failure', () => {
    const ok = probe('startup', { periodSeconds: 1 });
    ok.advance(0);
    expect(result(ok)).toBe('Success');
    expect(ok.snapshot.value).toBe('OnHold');
    const bad = probe('startup', { periodSeconds: 1, failureThreshold: 2 }, { failsAt: 0 });
    bad.advance(S);
    expect(result(bad)).toBe('Failure');
    expect(bad.snapshot.value).toBe('OnHold');
  });

  it('readiness never holds: it keeps probing after a Failure', () => {
    const h = probe('readiness', { periodSeconds: 1, failureThreshold: 1 }, { failsAt: 0 });
    h.advance(5 * S);
    expect(h.events('Unhealthy')).toHaveLength(6);
    expect(h.snapshot.value).toBe('Waiting');
  });

  it('Unhealthy events are Warnings on the pod with the container fieldPath, from the kubelet', () => {
    const h = probe('startup', { periodSeconds: 1 }, { failsAt: 0 });
    h.advance(0);
    expect(h.events()[0]).toEqual({
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Startup probe failed: HTTP probe failed with statuscode: 500',
      involved: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u', fieldPath: 'spec.containers{app}' },
      component: 'kubelet',
      host: 'node-1',
    });
  });

  it.each([
    [{ httpGet: { path: '/', port: 80 } }, 'HTTP probe failed with statuscode: 500'],
    [{ tcpSocket: { port: 5432 } }, 'dial tcp 10.244.0.9:5432: connect: connection refused'],
    [{ exec: { command: ['false'] } }, ''],
  ] as [Probe, string][])('probeFailureOutput(%j)', (p, out) => {
    expect(probeFailureOutput(p, '10.244.0.9')).toBe(out);
  });
});
