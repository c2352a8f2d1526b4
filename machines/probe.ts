/**
 * A probe worker (pkg/kubelet/prober/worker.go): one per probe of a running container, spawned
 * by the container machine. It ticks every `periodSeconds` from the container's start, skips
 * ticks inside `initialDelaySeconds`, counts consecutive identical outcomes and changes its
 * cached `result` only at `failureThreshold` / `successThreshold`. After a liveness Failure or
 * any startup verdict it holds (no more probing) until the container is replaced.
 *
 * What a probe observes comes from the container's behaviour (probe begins failing N seconds
 * after start, startup never succeeds) or from fault injection (`probe.force`).
 */
import { assign, setup } from 'xstate';
import type { Probe } from '../src/types.ts';
import type { Env } from './env.ts';
import { armTimer, disarmTimer, type Timers } from './timers.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

export interface ProbeInput {
  addr: string;
  kind: ProbeKind;
  probe: Probe;
  containerName: string;
  fieldPath: string;
  pod: { name: string; namespace: string; uid: string };
  node: string;
  podIP?: string;
  /** ms: when the container started. */
  startedAt: number;
  /** ms: from this time on the probe fails (null: never). */
  failsAt: number | null;
}

export interface ProbeContext extends ProbeInput {
  forced: ProbeResult | null;
  result: ProbeResult;
  lastOutcome: ProbeResult | null;
  resultRun: number;
  timers: Timers;
}

export type ProbeEvent =
  | { type: 'timer.tick' }
  | { type: 'probe.force'; result: 'Success' | 'Failure' | null };

const INITIAL_RESULT: Record<ProbeKind, ProbeResult> = { readiness: 'Failure', liveness: 'Success', startup: 'Unknown' };
const LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** What a failed probe prints, by handler type (pkg/probe/{http,tcp,exec}). */
export function probeFailureOutput(probe: Probe, podIP: string | undefined): string {
  if (probe.httpGet) {
    return 'HTTP probe failed with statuscode: 500';
  }
  if (probe.tcpSocket) {
    return `dial tcp ${podIP ?? '0.0.0.0'}:${probe.tcpSocket.port}: connect: connection refused`;
  }
  if (probe.grpc) return `timeout: failed to connect service "${podIP ?? ''}:${probe.grpc.port}" within 1s`;
  return '';
}

export function createProbeMachine(env: Env) {
  const period = (c: ProbeContext) => (c.probe.periodSeconds ?? 10) * 1000;
  return setup({
    types: {} as { context: ProbeContext; events: ProbeEvent; input: ProbeInput },
    actions: {
      armFirstTick: assign(({ context }) => ({
        timers: armTimer(env, context.addr, context.timers, 'tick', Math.max(context.startedAt, env.now())),
      })),
      probe: assign(({ context }) => {
        const now = env.now();
        const next = armTimer(env, context.addr, context.timers, 'tick', now + period(context));
        if (now - context.startedAt < (context.probe.initialDelaySeconds ?? 0) * 1000) return { timers: next };
        const outcome: ProbeResult =
          context.forced ?? (context.failsAt !== null && now >= context.failsAt ? 'Failure' : 'Success');
        if (outcome === 'Failure') {
          const out = probeFailureOutput(context.probe, context.podIP);
          env.record({
            type: 'Warning',
            reason: 'Unhealthy',
            message: `${LABEL[context.kind]} probe failed: ${out}`,
            involved: { kind: 'Pod', ...context.pod, fieldPath: context.fieldPath },
            component: 'kubelet',
            host: context.node,
          });
        }
        const resultRun = context.lastOutcome === outcome ? context.resultRun + 1 : 1;
        const threshold = outcome === 'Failure' ? (context.probe.failureThreshold ?? 3) : (context.probe.successThreshold ?? 1);
        if (resultRun < threshold) return { timers: next, lastOutcome: outcome, resultRun };
        return { timers: next, lastOutcome: outcome, resultRun, result: outcome };
      }),
      hold: assign(({ context }) => ({ timers: disarmTimer(context.timers, 'tick'), resultRun: 0 })),
      force: assign(({ event }) => ({ forced: event.type === 'probe.force' ? event.result : null })),
    },
    guards: {
      verdictHolds: ({ context }) =>
        (context.kind === 'liveness' && context.result === 'Failure') ||
        (context.kind === 'startup' && context.result !== 'Unknown'),
    },
  }).createMachine({
    id: 'probe',
    context: ({ input }) => ({
      ...input,
      forced: null,
      result: INITIAL_RESULT[input.kind],
      lastOutcome: null,
      resultRun: 0,
      timers: {},
    }),
    initial: 'Probing',
    on: { 'probe.force': { actions: 'force' } },
    states: {
      Probing: {
        entry: 'armFirstTick',
        on: { 'timer.tick': { target: 'Deciding', actions: 'probe' } },
      },
      Deciding: {
        always: [{ guard: 'verdictHolds', target: 'OnHold', actions: 'hold' }, { target: 'Waiting' }],
      },
      Waiting: {
        on: { 'timer.tick': { target: 'Deciding', actions: 'probe' } },
      },
      OnHold: {},
    },
  });
}

export type ProbeMachine = ReturnType<typeof createProbeMachine>;
