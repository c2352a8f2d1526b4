/**
 * A container as the kubelet runs it (pkg/kubelet/kuberuntime): image pull with the node's
 * image cache and pull back-off, create/start, run until its process exits (behaviour) or is
 * killed, restart per restartPolicy with the CrashLoopBackOff schedule, graceful stop with
 * preStop and SIGTERM → SIGKILL after the grace period. Probes are child actors while Running.
 *
 * The container's `status` is a real `ContainerStatus`; the pod machine reads it through
 * `syncSnapshot`.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { Container, ContainerStatus } from '../../src/types.ts';
import type { Behaviour, ContainerRole } from '../behaviour.ts';
import type { Env, RecordedEvent } from '../env.ts';
import { defaultPullPolicy, imageID, imageSize, normalizeImage } from '../images.ts';
import { createProbeMachine, type ProbeKind, type ProbeResult } from '../probe.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import {
  crashLoopDecision, nextBackoff, INITIAL_CRASHLOOP_BACKOFF, INITIAL_IMAGE_BACKOFF, MAX_CONTAINER_BACKOFF, MAX_IMAGE_BACKOFF, type BackoffEntry,
} from './backoff.ts';
import { scriptOutput } from './script.ts';
import { formatGoDuration } from '../../src/duration.ts';
import { iso } from '../time.ts';

export interface PodRef {
  name: string;
  namespace: string;
  uid: string;
}

export interface ContainerInput {
  addr: string;
  spec: Container;
  role: ContainerRole;
  /** Position in its list (containers / initContainers / ephemeralContainers). */
  index: number;
  /** `restartPolicy` that applies to this container (sidecars Always, init OnFailure/Never). */
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  pod: PodRef;
  node: string;
  podIP?: string;
  /** Pod's terminationGracePeriodSeconds (ms), for liveness/startup kills. */
  podGraceMs: number;
  behaviour: Behaviour;
  /** The pod has init containers (default waiting reason PodInitializing). */
  podHasInit: boolean;
  /** Start at once (the pod has nothing to run first), as if `container.start` had arrived. */
  autoStart?: boolean;
}

export interface LogLine {
  t: number;
  line: string;
}

export interface ContainerContext extends ContainerInput {
  status: ContainerStatus;
  crashBackoff: BackoffEntry | null;
  pullBackoff: BackoffEntry | null;
  /** Pod is terminating (or the container was told to stop for good): never restart. */
  stopping: boolean;
  /** Restart regardless of policy after this stop (spec changed). */
  restartAfterStop: boolean;
  /** ms the current SIGKILL deadline falls on. */
  killDeadline: number | null;
  /** A sidecar told to stop waits for its turn (`container.release`) before SIGTERM. */
  held: boolean;
  /** Why the current stop happened (Killing event text). */
  startedAt: number | null;
  pendingExit: { code: number; signal?: 'TERM' | 'KILL' } | null;
  pullStartedAt: number | null;
  probes: Partial<Record<ProbeKind, ProbeResult>>;
  logs: LogLine[];
  previousLogs: LogLine[] | null;
  timers: Timers;
}

export type ContainerEvent =
  | { type: 'container.start' }
  | { type: 'container.kill'; graceMs: number; preStop?: boolean; hold?: boolean }
  | { type: 'container.release' }
  | { type: 'container.crash'; exitCode: number }
  | { type: 'container.update'; spec: Container }
  | { type: 'timer.pull' }
  | { type: 'timer.sync' }
  | { type: 'timer.pullRetry' }
  | { type: 'timer.backoff' }
  | { type: 'timer.exit' }
  | { type: 'timer.preStop' }
  | { type: 'timer.termExit' }
  | { type: 'timer.sigkill' }
  | { type: `xstate.snapshot.${string}`; snapshot: any };

const MAX_LOG_LINES = 500;
/** pod_workers.go: a failed sync is retried after wait.Jitter(backOffPeriod = 10 s, 0.5). */
const RESYNC_MS = 10_000;
const SIGTERM_EXIT = 143;
const SIGKILL_EXIT = 137;
/** pkg/kubelet/kuberuntime/kuberuntime_container.go minimumGracePeriodInSeconds */
const MIN_GRACE_MS = 2000;


/** `lifecycle.preStop` duration: `sleep.seconds`, or a `sleep N` exec command; else 0. */
export function preStopMs(spec: Container): number {
  const h = spec.lifecycle?.preStop;
  if (!h) return 0;
  if (h.sleep) return h.sleep.seconds * 1000;
  const cmd = h.exec?.command?.join(' ') ?? '';
  const m = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  return m ? Math.round(Number(m[1]) * 1000) : 0;
}

function initialStatus(i: ContainerInput & { podHasInit?: boolean }): ContainerStatus {
  return {
    name: i.spec.name,
    image: i.spec.image ?? '',
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    // convertToAPIContainerStatuses: PodInitializing while the pod has init containers to run.
    state: { waiting: { reason: i.podHasInit ? 'PodInitializing' : 'ContainerCreating' } },
    lastState: {},
  };
}

export function createContainerMachine(env: Env) {
  const probeMachine = createProbeMachine(env);
  const fieldPath = (c: ContainerContext) => {
    const list = c.role === 'regular' ? 'containers' : c.role === 'ephemeral' ? 'ephemeralContainers' : 'initContainers';
    return `spec.${list}{${c.spec.name}}`;
  };
  const record = (c: ContainerContext, type: RecordedEvent['type'], reason: string, message: string) =>
    env.record({ type, reason, message, involved: { kind: 'Pod', ...c.pod, fieldPath: fieldPath(c) }, component: 'kubelet', host: c.node });
  const podDesc = (c: ContainerContext) => `${c.pod.name}_${c.pod.namespace}(${c.pod.uid})`;
  const log = (c: ContainerContext, ...lines: string[]): LogLine[] => {
    const t = env.now();
    const out = c.logs.concat(lines.map((line) => ({ t, line })));
    return out.length > MAX_LOG_LINES ? out.slice(out.length - MAX_LOG_LINES) : out;
  };
  const pullPolicy = (c: ContainerContext) => c.spec.imagePullPolicy ?? defaultPullPolicy(c.spec.image ?? '');
  const shouldRestart = (c: ContainerContext, code: number) =>
    c.restartAfterStop || (!c.stopping && (c.restartPolicy === 'Always' || (c.restartPolicy === 'OnFailure' && code !== 0)));

  const PROBE_FIELD: Record<ProbeKind, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> = {
    startup: 'startupProbe',
    liveness: 'livenessProbe',
    readiness: 'readinessProbe',
  };
  const spawnProbe = (context: ContainerContext, kind: ProbeKind, enqueue: { spawnChild: (...a: any[]) => void }) => {
    const probe = context.spec[PROBE_FIELD[kind]];
    if (!probe) return;
    const b = context.behaviour;
    const failsAfter = kind === 'liveness' ? b.livenessFailsAfterMs : kind === 'readiness' ? b.readinessFailsAfterMs : b.startupFails ? 0 : null;
    enqueue.spawnChild('probe', {
      id: kind,
      syncSnapshot: true,
      input: {
        addr: `${context.addr}/${kind}`,
        kind,
        probe,
        containerName: context.spec.name,
        fieldPath: fieldPath(context),
        pod: context.pod,
        node: context.node,
        podIP: context.podIP,
        startedAt: context.startedAt ?? env.now(),
        failsAt: failsAfter === null ? null : (context.startedAt ?? env.now()) + failsAfter,
      },
    });
  };

  return setup({
    types: {} as { context: ContainerContext; events: ContainerEvent; input: ContainerInput },
    actors: { probe: probeMachine },
    actions: {
      startPull: assign(({ context }) => {
        const image = context.spec.image ?? '';
        const present = env.images.has(context.node, image);
        record(context, 'Normal', 'Pulling', `Pulling image "${image}"`);
        const ms = present ? context.behaviour.cachedPullMs : context.behaviour.pullMs;
        const now = env.now();
        // pull-seconds "forever": the pull never completes (stuck in ContainerCreating).
        if (ms === null) return { pullStartedAt: now };
        const due = context.behaviour.pullFails ? now + ms : env.images.pull(context.node, image, ms);
        return { pullStartedAt: now, timers: armTimer(env, context.addr, context.timers, 'pull', due) };
      }),
      pulled: assign(({ context }) => {
        const image = context.spec.image ?? '';
        const took = env.now() - (context.pullStartedAt ?? env.now());
        record(context, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goSeconds(took)} (${goSeconds(took)} including waiting). Image size: ${imageSize(image)} bytes.`);
        return { timers: disarmTimer(context.timers, 'pull'), pullBackoff: null };
      }),
      alreadyPresent: ({ context }) =>
        record(context, 'Normal', 'Pulled', `Container image "${context.spec.image}" already present on machine`),
      pullFailed: assign(({ context }) => {
        const image = context.spec.image ?? '';
        const ref = normalizeImage(image);
        const msg = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
        record(context, 'Warning', 'Failed', `Failed to pull image "${image}": ${msg}`);
        record(context, 'Warning', 'Failed', 'Error: ErrImagePull');
        const now = env.now();
        return {
          pullBackoff: nextBackoff(context.pullBackoff, now, now, INITIAL_IMAGE_BACKOFF, MAX_IMAGE_BACKOFF),
          status: { ...context.status, state: { waiting: { reason: 'ErrImagePull', message: msg } } },
          timers: armTimer(env, context.addr, disarmTimer(context.timers, 'pull'), 'sync', now + 1000),
        };
      }),
      enterPullBackOff: assign(({ context }) => {
        const image = context.spec.image ?? '';
        record(context, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
        record(context, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        const b = context.pullBackoff!;
        // 1.32 (image_manager.go prevPullErrMsg): the waiting message carries the last pull error.
        const prev = context.status.state?.waiting?.message;
        return {
          status: {
            ...context.status,
            state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"${prev ? `: ErrImagePull: ${prev}` : ''}` } },
          },
          timers: armTimer(env, context.addr, disarmTimer(context.timers, 'sync'), 'pullRetry', b.lastUpdate + b.backoff),
        };
      }),
      // While backing off, every pod-worker resync (requeued after wait.Jitter(10s, 0.5):
      // pod_workers.go) fails again and records the back-off events again (their count grows).
      armResync: assign(({ context }) => ({
        timers: armTimer(env, context.addr, context.timers, 'resync', env.now() + RESYNC_MS + Math.floor(env.rand() * RESYNC_MS * 0.5)),
      })),
      disarmResync: assign(({ context }) => ({ timers: disarmTimer(context.timers, 'resync') })),
      resyncCrashLoop: ({ context }) =>
        record(context, 'Warning', 'BackOff', `Back-off restarting failed container ${context.spec.name} in pod ${podDesc(context)}`),
      resyncPullBackOff: ({ context }) => {
        record(context, 'Normal', 'BackOff', `Back-off pulling image "${context.spec.image ?? ''}"`);
        record(context, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      },
      neverPull: assign(({ context }) => {
        const image = context.spec.image ?? '';
        const msg = `Container image "${image}" is not present with pull policy of Never`;
        record(context, 'Warning', 'ErrImageNeverPull', msg);
        record(context, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
        return { status: { ...context.status, state: { waiting: { reason: 'ErrImageNeverPull', message: msg } } } };
      }),
      create: assign(({ context }) => {
        const now = env.now();
        const first = !context.status.containerID;
        const id = `containerd://${env.hex(64)}`;
        record(context, 'Normal', 'Created', `Created container: ${context.spec.name}`);
        record(context, 'Normal', 'Started', `Started container ${context.spec.name}`);
        const runMs = context.behaviour.runMs;
        const script = scriptOutput(context.spec, now);
        const logs = first ? context.logs : [];
        const previousLogs = first ? context.previousLogs : context.logs;
        const startLines = [...context.behaviour.logs, ...script];
        let timers = disarmTimer(context.timers, 'backoff', 'pullRetry', 'sync');
        if (runMs !== null) timers = armTimer(env, context.addr, timers, 'exit', now + runMs);
        const base = { ...context, logs };
        return {
          startedAt: now,
          timers,
          previousLogs,
          logs: startLines.length ? log(base, ...startLines) : logs,
          pendingExit: null,
          killDeadline: null,
          restartAfterStop: false,
          probes: {},
          status: {
            ...context.status,
            image: normalizeImage(context.spec.image ?? ''),
            imageID: imageID(context.spec.image ?? ''),
            containerID: id,
            restartCount: first ? context.status.restartCount : context.status.restartCount + 1,
            // A container with no startup/readiness probe is started/ready as soon as it runs.
            ...readinessOf(context, true, {}),
            state: { running: { startedAt: iso(now) } },
          },
        };
      }),
      spawnProbes: enqueueActions(({ context, enqueue }) => {
        if (context.role === 'ephemeral' || context.role === 'init') return;
        // prober_manager: liveness and readiness run only once the container has started, i.e.
        // after the startup probe (if any) has succeeded — see spawnAfterStartup.
        const kinds: ProbeKind[] = context.spec.startupProbe ? ['startup'] : ['liveness', 'readiness'];
        for (const kind of kinds) spawnProbe(context, kind, enqueue);
      }),
      spawnAfterStartup: enqueueActions(({ context, event, enqueue, self }) => {
        if (event.type !== 'xstate.snapshot.startup' || (event as any).snapshot.context.result !== 'Success') return;
        const children = self.getSnapshot().children as Record<string, unknown>;
        for (const kind of ['liveness', 'readiness'] as const) if (!children[kind]) spawnProbe(context, kind, enqueue);
      }),
      stopProbes: enqueueActions(({ enqueue, self }) => {
        const children = self.getSnapshot().children as Record<string, unknown>;
        for (const kind of ['startup', 'liveness', 'readiness']) if (children[kind]) enqueue.stopChild(kind);
      }),
      syncProbe: assign(({ context, event }) => {
        if (!event.type.startsWith('xstate.snapshot.')) return {};
        const kind = event.type.slice('xstate.snapshot.'.length) as ProbeKind;
        const result = (event as any).snapshot.context.result as ProbeResult;
        if (context.probes[kind] === result) return {};
        const probes = { ...context.probes, [kind]: result };
        return { probes, status: withReadiness(context, probes) };
      }),
      exitByItself: assign(({ context }) => ({
        pendingExit: { code: context.behaviour.exitCode },
        timers: disarmTimer(context.timers, 'exit'),
      })),
      crash: assign(({ event }) => ({
        pendingExit: { code: event.type === 'container.crash' ? event.exitCode : 1 },
      })),
      beginKill: assign(({ context, event }) => {
        const now = env.now();
        let graceMs = context.podGraceMs;
        let preStop = false;
        let stopping = context.stopping;
        let restartAfterStop = context.restartAfterStop;
        let reasonText = `Stopping container ${context.spec.name}`;
        let held = false;
        if (event.type === 'container.kill') {
          graceMs = event.graceMs;
          held = event.hold === true;
          preStop = event.preStop !== false;
          stopping = true;
        } else if (event.type === 'container.update') {
          restartAfterStop = true;
          reasonText = `Container ${context.spec.name} definition changed, will be restarted`;
        } else if (event.type.startsWith('xstate.snapshot.')) {
          const kind = event.type.slice('xstate.snapshot.'.length) as ProbeKind;
          const probe = kind === 'liveness' ? context.spec.livenessProbe : context.spec.startupProbe;
          if (probe?.terminationGracePeriodSeconds != null) graceMs = probe.terminationGracePeriodSeconds * 1000;
          const label = kind === 'liveness' ? 'liveness' : 'startup';
          reasonText = `Container ${context.spec.name} failed ${label} probe${context.restartPolicy === 'Never' ? '' : ', will be restarted'}`;
        }
        record(context, 'Normal', 'Killing', reasonText);
        const hookMs = preStop ? Math.min(preStopMs(context.spec), graceMs) : 0;
        let timers = disarmTimer(context.timers, 'exit');
        if (hookMs > 0) {
          timers = armTimer(env, context.addr, timers, 'preStop', now + hookMs);
          return { stopping, restartAfterStop, held, timers, killDeadline: now + hookMs + Math.max(graceMs - hookMs, MIN_GRACE_MS) };
        }
        // killContainer floors every grace period at minimumGracePeriodInSeconds.
        return { stopping, restartAfterStop, held, timers, killDeadline: now + Math.max(graceMs, MIN_GRACE_MS) };
      }),
      sigterm: assign(({ context }) => {
        const now = env.now();
        const deadline = context.killDeadline ?? now;
        // termination-seconds "forever": the process ignores SIGTERM.
        const termAt = context.behaviour.terminationMs === null ? Infinity : now + context.behaviour.terminationMs;
        let timers = disarmTimer(context.timers, 'preStop');
        // The process honours SIGTERM after `terminationMs`; past the grace period it is SIGKILLed.
        if (termAt < deadline) timers = armTimer(env, context.addr, timers, 'termExit', termAt);
        else timers = armTimer(env, context.addr, timers, 'sigkill', deadline);
        return { timers };
      }),
      // A second kill with a shorter grace period (a repeated delete) brings SIGKILL forward; a
      // longer one changes nothing (the kubelet's pod worker only ever shortens the grace).
      // Its turn came: what is left of the grace period, at least the 2 s minimum.
      release: assign(({ context }) => ({
        held: false,
        killDeadline: Math.max(context.killDeadline ?? env.now(), env.now() + MIN_GRACE_MS),
      })),
      shortenKill: assign(({ context, event }) => {
        if (event.type !== 'container.kill') return {};
        const deadline = env.now() + Math.max(event.graceMs, MIN_GRACE_MS);
        if (context.killDeadline === null || deadline >= context.killDeadline) return { stopping: true };
        let timers = context.timers;
        const termDue = timers.termExit;
        if ('sigkill' in timers || (termDue !== undefined && termDue > deadline)) {
          timers = armTimer(env, context.addr, disarmTimer(timers, 'termExit', 'sigkill'), 'sigkill', deadline);
        }
        return { stopping: true, killDeadline: deadline, timers };
      }),
      termExit: assign(({ context }) => ({
        pendingExit: { code: SIGTERM_EXIT, signal: 'TERM' as const },
        timers: disarmTimer(context.timers, 'termExit'),
      })),
      sigkill: assign(({ context }) => ({
        pendingExit: { code: SIGKILL_EXIT, signal: 'KILL' as const },
        timers: disarmTimer(context.timers, 'sigkill'),
      })),
      terminate: assign(({ context }) => {
        const now = env.now();
        const code = context.pendingExit?.code ?? 0;
        const reason = code === 0 ? 'Completed' : 'Error';
        const terminated = {
          exitCode: code,
          reason,
          startedAt: context.startedAt !== null ? iso(context.startedAt) : undefined,
          finishedAt: iso(now),
          containerID: context.status.containerID,
        };
        return {
          timers: disarmTimer(context.timers, 'exit', 'preStop', 'termExit', 'sigkill'),
          killDeadline: null,
          // An init container that exited 0 is ready (prober_manager UpdatePodStatus).
          status: { ...context.status, ready: context.role === 'init' && code === 0, started: false, state: { terminated } },
        };
      }),
      decideRestart: assign(({ context }) => {
        const now = env.now();
        const last = context.status.state?.terminated;
        const finishedAt = now;
        if (context.restartAfterStop) {
          return { crashBackoff: null, status: { ...context.status, lastState: last ? { terminated: last } : {} } };
        }
        const d = crashLoopDecision(context.crashBackoff, finishedAt, now);
        if (d.waitUntil === null) {
          return { crashBackoff: d.entry, status: { ...context.status, lastState: last ? { terminated: last } : {} } };
        }
        const waitS = Math.round(d.entry.backoff / 1000);
        record(context, 'Warning', 'BackOff', `Back-off restarting failed container ${context.spec.name} in pod ${podDesc(context)}`);
        return {
          // The restart at `waitUntil` is the sync where doBackOff finds the wait over and calls
          // `Next(key, finishedAt)`; its result depends only on data known now, so store it now —
          // otherwise the period never doubles (10 s forever).
          crashBackoff: nextBackoff(d.entry, finishedAt, d.waitUntil, INITIAL_CRASHLOOP_BACKOFF, MAX_CONTAINER_BACKOFF),
          timers: armTimer(env, context.addr, context.timers, 'backoff', d.waitUntil),
          status: {
            ...context.status,
            lastState: last ? { terminated: last } : {},
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: `back-off ${formatBackoff(waitS)} restarting failed container=${context.spec.name} pod=${podDesc(context)}`,
              },
            },
          },
        };
      }),
      applySpec: assign(({ context, event }) => (event.type === 'container.update' ? { spec: event.spec, crashBackoff: null } : {})),
      stopForGood: assign(({ context }) => ({ stopping: true, timers: disarmTimer(context.timers, 'pull', 'sync', 'pullRetry', 'backoff') })),
    },
    guards: {
      neverPullMissing: ({ context }) => pullPolicy(context) === 'Never' && !env.images.has(context.node, context.spec.image ?? ''),
      needsPull: ({ context }) => pullPolicy(context) === 'Always' || !env.images.has(context.node, context.spec.image ?? ''),
      pullFails: ({ context }) => context.behaviour.pullFails,
      autoStart: ({ context }) => context.autoStart === true,
      held: ({ context }) => context.held,
      inCrashLoop: ({ context }) => context.status.state?.waiting?.reason === 'CrashLoopBackOff',
      willRestart: ({ context }) => shouldRestart(context, context.pendingExit?.code ?? 0),
      probeKills: ({ context, event }) => {
        if (!event.type.startsWith('xstate.snapshot.')) return false;
        const kind = event.type.slice('xstate.snapshot.'.length);
        const result = (event as any).snapshot.context.result;
        return (kind === 'liveness' && result === 'Failure') || (kind === 'startup' && result === 'Failure');
      },
      imageChanged: ({ context, event }) => event.type === 'container.update' && event.spec.image !== context.spec.image,
    },
  }).createMachine({
    id: 'container',
    context: ({ input }) => ({
      ...input,
      status: initialStatus(input),
      crashBackoff: null,
      pullBackoff: null,
      stopping: false,
      restartAfterStop: false,
      killDeadline: null,
      held: false,
      startedAt: null,
      pendingExit: null,
      pullStartedAt: null,
      probes: {},
      logs: [],
      previousLogs: null,
      timers: {},
    }),
    initial: 'Waiting',
    states: {
      Waiting: {
        initial: 'Idle',
        on: {
          'container.kill': { target: 'Stopped', actions: 'stopForGood' },
          'container.update': { actions: 'applySpec' },
        },
        states: {
          Idle: {
            always: { guard: 'autoStart', target: 'Starting' },
            on: { 'container.start': { target: 'Starting' } },
          },
          Starting: {
            always: [
              { guard: 'neverPullMissing', target: 'ErrImageNeverPull', actions: 'neverPull' },
              { guard: 'needsPull', target: 'Pulling' },
              { target: '#container.Running', actions: ['alreadyPresent', 'create'] },
            ],
          },
          Pulling: {
            entry: 'startPull',
            on: {
              'timer.pull': [
                { guard: 'pullFails', target: 'ErrImagePull', actions: 'pullFailed' },
                { target: '#container.Running', actions: ['pulled', 'create'] },
              ],
            },
          },
          ErrImagePull: { on: { 'timer.sync': { target: 'ImagePullBackOff' } } },
          ImagePullBackOff: {
            entry: ['enterPullBackOff', 'armResync'],
            exit: 'disarmResync',
            on: {
              'timer.pullRetry': { target: 'Pulling' },
              'timer.resync': { actions: ['resyncPullBackOff', 'armResync'] },
            },
          },
          ErrImageNeverPull: {},
          CrashLoopBackOff: {
            entry: 'armResync',
            exit: 'disarmResync',
            on: {
              'timer.backoff': { target: 'Starting' },
              'timer.resync': { actions: ['resyncCrashLoop', 'armResync'] },
            },
          },
        },
      },
      Running: {
        entry: 'spawnProbes',
        exit: 'stopProbes',
        on: {
          'timer.exit': { target: 'Exited', actions: 'exitByItself' },
          'container.crash': { target: 'Exited', actions: 'crash' },
          'container.kill': { target: 'Stopping', actions: 'beginKill' },
          'container.update': [
            { guard: 'imageChanged', target: 'Stopping', actions: ['beginKill', 'applySpec'] },
            { actions: 'applySpec' },
          ],
          'xstate.snapshot.*': [
            { guard: 'probeKills', target: 'Stopping', actions: ['syncProbe', 'beginKill'] },
            { actions: ['syncProbe', 'spawnAfterStartup'] },
          ],
        },
      },
      Stopping: {
        initial: 'Deciding',
        on: {
          'container.crash': { target: 'Exited', actions: 'crash' },
          'container.kill': { actions: 'shortenKill' },
          'container.release': { actions: 'release' },
          'timer.termExit': { target: 'Exited', actions: 'termExit' },
          'timer.sigkill': { target: 'Exited', actions: 'sigkill' },
        },
        states: {
          Deciding: {
            always: [
              { guard: ({ context }) => 'preStop' in context.timers, target: 'PreStop' },
              { target: 'Turn' },
            ],
          },
          PreStop: { on: { 'timer.preStop': { target: 'Turn' } } },
          Turn: {
            always: [{ guard: 'held', target: 'Held' }, { target: 'SigTerm' }],
          },
          // ordering.waitForTurn: a sidecar's SIGTERM waits for the containers it outlives.
          Held: { on: { 'container.release': { target: 'SigTerm', actions: 'release' } } },
          SigTerm: { entry: 'sigterm' },
        },
      },
      Exited: {
        entry: 'terminate',
        always: [
          { guard: 'willRestart', target: 'Restarting', actions: 'decideRestart' },
          { target: 'Stopped' },
        ],
      },
      Restarting: {
        always: [
          { guard: 'inCrashLoop', target: 'Waiting.CrashLoopBackOff' },
          { target: 'Waiting.Starting' },
        ],
      },
      Stopped: {
        on: {
          'container.kill': { actions: 'stopForGood' },
        },
      },
    },
  });
}

/** Go's duration text for whole seconds, as in the CrashLoopBackOff message (`10s`, `5m0s`). */
function formatBackoff(s: number): string {
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${s - m * 60}s`;
}

/** Go's `%v` of a time.Duration for pull times (`2s`, `500ms`, `1.5s`). */
function goSeconds(ms: number): string {
  return formatGoDuration(ms);
}

/** `started` and `ready` as prober_manager.UpdatePodStatus derives them. */
function readinessOf(c: ContainerContext, running: boolean, probes: Partial<Record<ProbeKind, ProbeResult>>): { started: boolean; ready: boolean } {
  const started = running && (!c.spec.startupProbe || probes.startup === 'Success');
  // A regular init container is ready only once it exited 0 (set when it terminates); an
  // ephemeral container is never ready.
  const ready = c.role !== 'init' && c.role !== 'ephemeral' && started && (!c.spec.readinessProbe || probes.readiness === 'Success');
  return { started, ready };
}

function withReadiness(c: ContainerContext, probes: Partial<Record<ProbeKind, ProbeResult>>): ContainerStatus {
  const { started, ready } = readinessOf(c, !!c.status.state?.running, probes);
  if (c.status.started === started && c.status.ready === ready) return c.status;
  return { ...c.status, started, ready };
}

export type ContainerMachine = ReturnType<typeof createContainerMachine>;
