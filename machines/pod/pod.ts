/**
 * A Pod as the kubelet lives it: waits for the scheduler, creates its sandbox (the pause
 * container), runs init containers one at a time (sidecars stay up), then the app containers;
 * derives phase and conditions from its containers (status.ts); terminates gracefully on
 * deletion (app containers first, then sidecars) or when its work is done or its
 * activeDeadlineSeconds pass. Containers are child actors (container.ts) reporting through
 * `syncSnapshot`. The Pod object in `context.pod` is the one `get pod` shows.
 */
import { and, assign, enqueueActions, not, setup } from 'xstate';
import type { Container, ContainerStatus, EphemeralContainer, Pod, PodCondition, PodStatus } from '../../src/types.ts';
import { resolveBehaviour, type ContainerRole } from '../behaviour.ts';
import { createContainerMachine, type ContainerInput } from '../container/container.ts';
import type { Env } from '../env.ts';
import { armTimer, disarmTimer, type Timers } from '../timers.ts';
import { computeConditions, getPhase, mergeConditions, podQOS, terminatePod, type Phase } from './status.ts';
import { iso } from '../time.ts';

export interface PodInput {
  addr: string;
  pod: Pod;
}

export interface PodContext {
  addr: string;
  pod: Pod;
  timers: Timers;
  kubeletUp: boolean;
  /** Conditions written by others than the kubelet (scheduler, node lifecycle, readiness gates). */
  external: PodCondition[];
  sandboxReady: boolean;
  statuses: Record<string, ContainerStatus>;
  /** Containers that have stopped for good (no restart coming). */
  stopped: Record<string, boolean>;
  /** Containers that have been told to start. */
  started: Record<string, boolean>;
  /** A phase forced by the kubelet (deadline) — otherwise getPhase decides. */
  forcedPhase: Phase | null;
  /** Graceful stop stage: 0 none, 1 app + init containers, 2 sidecars. */
  killStage: 0 | 1;
  /** Sidecars whose turn to receive SIGTERM has come (see releaseSidecars). */
  released: Record<string, boolean>;
  killGraceMs: number;
  /** The kubelet has stopped the pod for good (TerminatePod applies to every later status). */
  finished?: boolean;
}

export type PodEvent =
  | { type: 'pod.bound'; nodeName: string; hostIP: string; podIP: string }
  | { type: 'pod.delete'; graceMs: number }
  | { type: 'pod.kubelet'; up: boolean }
  /** `phase: 'Failed'`: PodGC's markFailedAndDeletePodWithCondition (written whether or not the kubelet is up). */
  | { type: 'pod.conditions'; conditions: PodCondition[]; remove?: string[]; phase?: 'Failed' }
  | { type: 'pod.update'; pod: Pod }
  | { type: 'pod.ephemeral'; container: EphemeralContainer }
  | { type: 'timer.deadline' }
  | { type: `xstate.snapshot.${string}`; snapshot: any };


const TERMINAL = new Set(['Succeeded', 'Failed']);
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** Metadata a client may change: labels, annotations, ownerReferences, finalizers, generation. */
function withMeta(old: NonNullable<Pod['metadata']>, next: NonNullable<Pod['metadata']>): Pod['metadata'] {
  const md: Record<string, unknown> = { ...old };
  for (const k of ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const) {
    if (next[k] === undefined) delete md[k];
    else md[k] = next[k];
  }
  // The API server bumps generation on a spec change; the cluster computes it.
  if (next.generation !== undefined) md.generation = next.generation;
  return md as Pod['metadata'];
}

/**
 * Same entries — by reference (the common case: untouched statuses are reused), else by value:
 * a snapshot restored from JSON holds equal but distinct objects, and must not see a change.
 */
function sameList<T>(a: T[] | undefined, b: T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !deepEqual(a[i], b[i])) return false;
  return true;
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x).filter((k) => (x as any)[k] !== undefined);
  const ky = Object.keys(y).filter((k) => (y as any)[k] !== undefined);
  if (kx.length !== ky.length) return false;
  for (const k of kx) if (!deepEqual((x as any)[k], (y as any)[k])) return false;
  return true;
}

export function createPodMachine(env: Env) {
  const containerMachine = createContainerMachine(env);

  const containerInput = (ctx: PodContext, spec: Container, role: ContainerRole, index: number): ContainerInput => {
    const pod = ctx.pod;
    const policy = (pod.spec?.restartPolicy ?? 'Always') as 'Always' | 'OnFailure' | 'Never';
    const restartPolicy =
      role === 'sidecar' ? 'Always' : role === 'init' ? (policy === 'Never' ? 'Never' : 'OnFailure') : role === 'ephemeral' ? 'Never' : policy;
    return {
      addr: `${ctx.addr}/${spec.name}`,
      spec,
      role,
      index,
      restartPolicy,
      pod: { name: pod.metadata!.name!, namespace: pod.metadata!.namespace ?? 'default', uid: pod.metadata!.uid ?? '' },
      node: pod.spec?.nodeName ?? '',
      podIP: pod.status?.podIP,
      podGraceMs: (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000,
      behaviour: resolveBehaviour(pod.metadata?.annotations, spec.name, role, policy, env.defaults),
      podHasInit: (pod.spec?.initContainers?.length ?? 0) > 0,
    };
  };

  /** Recomputes `pod.status` from the containers' statuses (kubelet generateAPIPodStatus). */
  const publish = (ctx: PodContext, podIsTerminal = false): Partial<PodContext> => {
    if (!ctx.kubeletUp) return {};
    const pod = ctx.pod;
    const spec = pod.spec!;
    const prev = pod.status ?? {};
    const init = (spec.initContainers ?? []).map((c) => ctx.statuses[c.name]).filter(Boolean) as ContainerStatus[];
    const regular = spec.containers.map((c) => ctx.statuses[c.name]).filter(Boolean) as ContainerStatus[];
    const eph = (spec.ephemeralContainers ?? []).map((c) => ctx.statuses[c.name]).filter(Boolean) as ContainerStatus[];
    let phase: Phase = ctx.forcedPhase ?? getPhase(spec, init, regular, podIsTerminal);
    if (prev.phase && TERMINAL.has(prev.phase)) phase = prev.phase as Phase; // terminal phases are sticky
    const now = env.now();
    const computed = computeConditions({
      spec,
      phase,
      initStatuses: init,
      statuses: regular,
      sandboxReady: ctx.sandboxReady,
      scheduled: !!spec.nodeName,
      external: ctx.external,
    });
    const conditions = mergeConditions(prev.conditions, computed, ctx.external, iso(now));
    let next: PodStatus = { ...prev, phase, conditions };
    if (spec.nodeName) {
      if (init.length) next.initContainerStatuses = init;
      next.containerStatuses = regular;
      if (eph.length) next.ephemeralContainerStatuses = eph;
    }
    next.qosClass = prev.qosClass ?? podQOS(spec);
    // After SyncTerminatedPod the status manager's TerminatePod has the last word.
    if (ctx.finished) next = terminatePod(spec, next);
    if (
      prev.phase === next.phase &&
      sameList(prev.conditions, next.conditions) &&
      sameList(prev.containerStatuses, next.containerStatuses) &&
      sameList(prev.initContainerStatuses, next.initContainerStatuses) &&
      sameList(prev.ephemeralContainerStatuses, next.ephemeralContainerStatuses) &&
      prev.qosClass === next.qosClass
    ) {
      return {};
    }
    return { pod: { ...pod, status: next } };
  };

  const allStopped = (ctx: PodContext, names: string[]) => names.every((n) => ctx.stopped[n] || !ctx.started[n]);
  const appAndInitNames = (ctx: PodContext) => [
    ...(ctx.pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always').map((c) => c.name),
    ...ctx.pod.spec!.containers.map((c) => c.name),
    ...(ctx.pod.spec?.ephemeralContainers ?? []).map((c) => c.name),
  ];
  const sidecarNames = (ctx: PodContext) =>
    (ctx.pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name);
  /** The last sidecar still running, if every later one has stopped and its turn has not come. */
  const nextSidecarToRelease = (ctx: PodContext): string | undefined => {
    const names = sidecarNames(ctx);
    for (let i = names.length - 1; i >= 0; i--) {
      const n = names[i]!;
      if (ctx.stopped[n] || !ctx.started[n]) continue;
      return ctx.released[n] ? undefined : n;
    }
    return undefined;
  };

  return setup({
    types: {} as { context: PodContext; events: PodEvent; input: PodInput },
    actors: { container: containerMachine },
    actions: {
      // The kubelet admits the bound pod: the sandbox (pause container) comes first and its
      // network gives the pod its IP; then every container exists, waiting to be started.
      admit: assign(({ context, event, spawn }) => {
        if (event.type !== 'pod.bound') return {};
        const now = env.now();
        const pod: Pod = {
          ...context.pod,
          spec: { ...context.pod.spec!, nodeName: event.nodeName },
          status: {
            ...context.pod.status,
            hostIP: event.hostIP,
            hostIPs: [{ ip: event.hostIP }],
            podIP: event.podIP,
            podIPs: [{ ip: event.podIP }],
            startTime: iso(now),
          },
        };
        let timers = context.timers;
        const ads = pod.spec?.activeDeadlineSeconds;
        if (ads) timers = armTimer(env, context.addr, timers, 'deadline', now + ads * 1000);
        const external = context.external.filter((c) => c.type !== 'PodScheduled');
        const bound = { ...context, pod, timers, external, sandboxReady: true };
        const statuses: Record<string, ContainerStatus> = { ...context.statuses };
        const spec = pod.spec!;
        (spec.initContainers ?? []).forEach((c, i) => {
          const role = c.restartPolicy === 'Always' ? 'sidecar' : 'init';
          const ref = spawn('container', { id: c.name, syncSnapshot: true, input: containerInput(bound, c, role, i) });
          statuses[c.name] = (ref.getSnapshot() as any).context.status;
        });
        // Without init containers the app containers start right away (no separate start event).
        const autoStart = !spec.initContainers?.length;
        const started = autoStart ? { ...context.started } : context.started;
        spec.containers.forEach((c, i) => {
          const ref = spawn('container', { id: c.name, syncSnapshot: true, input: { ...containerInput(bound, c, 'regular', i), autoStart } });
          statuses[c.name] = (ref.getSnapshot() as any).context.status;
          if (autoStart) started[c.name] = true;
        });
        const admitted = { ...bound, statuses };
        return { pod, timers, external, sandboxReady: true, statuses, started, ...publish(admitted) };
      }),
      startNextInit: enqueueActions(({ context, enqueue }) => {
        // Init containers run one at a time; a sidecar lets the next one start once it is started.
        const inits = context.pod.spec?.initContainers ?? [];
        const started = { ...context.started };
        let changed = false;
        for (const c of inits) {
          const s = context.statuses[c.name];
          const sidecar = c.restartPolicy === 'Always';
          if (!started[c.name]) {
            started[c.name] = true;
            changed = true;
            enqueue.sendTo(c.name, { type: 'container.start' });
            break;
          }
          const done = sidecar ? s?.started === true : s?.state?.terminated?.exitCode === 0 && context.stopped[c.name];
          if (!done) break;
        }
        if (changed) enqueue.assign({ started });
      }),
      startAppContainers: enqueueActions(({ context, enqueue }) => {
        let started = context.started;
        for (const c of context.pod.spec!.containers) {
          if (started[c.name]) continue;
          if (started === context.started) started = { ...started };
          started[c.name] = true;
          enqueue.sendTo(c.name, { type: 'container.start' });
        }
        if (started !== context.started) enqueue.assign({ started });
      }),
      syncContainer: assign(({ context, event }) => {
        if (!event.type.startsWith('xstate.snapshot.')) return {};
        const name = event.type.slice('xstate.snapshot.'.length);
        const snap = (event as any).snapshot;
        const status = snap.context.status as ContainerStatus;
        const stopped = snap.value === 'Stopped';
        if (context.statuses[name] === status && !!context.stopped[name] === stopped) return {};
        const next = {
          ...context,
          statuses: { ...context.statuses, [name]: status },
          stopped: stopped === !!context.stopped[name] ? context.stopped : { ...context.stopped, [name]: stopped },
        };
        return { statuses: next.statuses, stopped: next.stopped, ...publish(next, next.killStage > 0 && !!context.pod.metadata?.deletionTimestamp) };
      }),
      publish: assign(({ context }) => publish(context)),
      // KillPod stops the sandbox too: PodReadyToStartContainers turns False (generate.go).
      // KillPod stops the sandbox too: PodReadyToStartContainers turns False (generate.go). And the
      // kubelet's last word (SyncTerminatedPod → TerminatePod) holds from now on: see publish.
      publishTerminal: assign(({ context }) => ({ sandboxReady: false, finished: true, ...publish({ ...context, sandboxReady: false, finished: true }, true) })),
      markDeleting: assign(({ context, event }) => {
        if (event.type !== 'pod.delete') return {};
        const now = env.now();
        const graceMs = event.graceMs;
        const md = context.pod.metadata!;
        const graceS = Math.round(graceMs / 1000);
        let at = now + graceMs;
        if (md.deletionTimestamp) {
          // A second delete may only shorten the grace period: rest.BeforeDelete moves the
          // timestamp to (first deletion time + new grace), never before now.
          const oldGrace = md.deletionGracePeriodSeconds ?? 0;
          if (graceS >= oldGrace) return {};
          at = Math.max(now, Date.parse(md.deletionTimestamp) - oldGrace * 1000 + graceS * 1000);
        }
        return {
          killGraceMs: graceMs,
          pod: {
            ...context.pod,
            metadata: { ...md, deletionTimestamp: iso(at), deletionGracePeriodSeconds: graceS },
          },
        };
      }),
      // A pod the kubelet never ran, or one already terminal, is deleted with grace period 0
      // (CheckGracefulDelete): a finalizer keeps it in the API with deletionTimestamp = now.
      stampDeleted: assign(({ context }) => {
        const md = context.pod.metadata!;
        if (md.deletionTimestamp) return {};
        return { pod: { ...context.pod, metadata: { ...md, deletionTimestamp: iso(env.now()), deletionGracePeriodSeconds: 0 } } };
      }),
      // The status manager's last step (syncPod → canBeDeleted): it deletes the stopped pod again
      // with grace 0; rest.BeforeDelete shortens the grace to 0 and moves deletionTimestamp back
      // to the first deletion time — never into the past: now.
      kubeletDeletes: assign(({ context }) => {
        const md = context.pod.metadata!;
        if (md.deletionGracePeriodSeconds === 0) return {};
        return { pod: { ...context.pod, metadata: { ...md, deletionTimestamp: iso(env.now()), deletionGracePeriodSeconds: 0 } } };
      }),
      // killContainersWithSyncResult: every running container is told to stop at once — each
      // records Killing and runs its preStop hook now — but a sidecar's SIGTERM waits for its
      // turn (after the app containers and the sidecars started after it: releaseSidecars).
      killAppContainers: enqueueActions(({ context, enqueue }) => {
        if (!context.kubeletUp) return;
        // The kubelet kills with the pod's deletionGracePeriodSeconds as it finds it when it acts
        // (pod_workers.go calculateEffectiveGracePeriod) — not with the time left until
        // deletionTimestamp: a kubelet that comes back late still gives the full grace.
        const grace = context.killGraceMs;
        for (const n of appAndInitNames(context)) enqueue.sendTo(n, { type: 'container.kill', graceMs: grace });
        for (const n of sidecarNames(context)) {
          if (!context.released[n]) enqueue.sendTo(n, { type: 'container.kill', graceMs: grace, hold: true });
        }
        enqueue.assign({ killStage: 1 });
      }),
      // Sidecars stop in the reverse order of their start: the last one still running goes once
      // every app container and every later sidecar has stopped.
      releaseSidecars: enqueueActions(({ context, enqueue }) => {
        if (!context.kubeletUp) return;
        const n = nextSidecarToRelease(context);
        if (!n) return;
        enqueue.sendTo(n, { type: 'container.release' });
        enqueue.assign({ released: { ...context.released, [n]: true } });
      }),
      exceedDeadline: assign(({ context }) => {
        env.record({
          type: 'Normal', // active_deadline.go: ShouldEvict → a Normal event
          reason: 'DeadlineExceeded',
          message: 'Pod was active on the node longer than the specified deadline',
          involved: { kind: 'Pod', name: context.pod.metadata!.name!, namespace: context.pod.metadata!.namespace, uid: context.pod.metadata!.uid },
          component: 'kubelet',
          host: context.pod.spec?.nodeName,
        });
        return {
          forcedPhase: 'Failed' as const,
          timers: disarmTimer(context.timers, 'deadline'),
          killGraceMs: (context.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000,
          pod: {
            ...context.pod,
            status: { ...context.pod.status, reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' },
          },
        };
      }),
      setGraceFromSpec: assign(({ context }) => ({ killGraceMs: (context.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000 })),
      setConditions: assign(({ context, event }) => {
        if (event.type !== 'pod.conditions') return {};
        let external = event.remove?.length ? context.external.filter((e) => !event.remove!.includes(e.type)) : context.external;
        for (const c of event.conditions) {
          const old = external.find((e) => e.type === c.type);
          const cond = { ...c, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : (c.lastTransitionTime ?? iso(env.now())) };
          external = [...external.filter((e) => e.type !== c.type), cond];
        }
        // PodGC's markFailedAndDeletePodWithCondition writes phase Failed itself.
        const failed = !!event.phase && !TERMINAL.has(context.pod.status?.phase ?? '');
        const forcedPhase = failed ? event.phase! : context.forcedPhase;
        const pod: Pod = failed ? { ...context.pod, status: { ...context.pod.status, phase: event.phase } } : context.pod;
        if (!context.kubeletUp) {
          // While the kubelet is down, others' writes still land on the object — but only theirs:
          // phase, container statuses and the kubelet's conditions stay as last reported.
          const prev = pod.status?.conditions ?? [];
          const kubelet = prev
            .filter((c) => KUBELET_CONDITIONS.has(c.type))
            .map((c) => ({ type: c.type, status: c.status as 'True' | 'False', reason: c.reason, message: c.message }));
          const conditions = mergeConditions(prev, kubelet, external, iso(env.now()));
          return { external, forcedPhase, pod: { ...pod, status: { ...pod.status, conditions } } };
        }
        return { external, forcedPhase, pod, ...publish({ ...context, external, forcedPhase, pod }) };
      }),
      setKubelet: assign(({ event }) => (event.type === 'pod.kubelet' ? { kubeletUp: event.up } : {})),
      update: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'pod.update') return;
        const old = context.pod;
        const pod: Pod = {
          ...old,
          metadata: withMeta(old.metadata!, event.pod.metadata ?? {}),
          spec: { ...event.pod.spec!, nodeName: old.spec?.nodeName, ephemeralContainers: old.spec?.ephemeralContainers },
        };
        enqueue.assign({ pod });
        const lists: [Container[] | undefined, Container[] | undefined][] = [
          [old.spec?.containers, pod.spec?.containers],
          [old.spec?.initContainers, pod.spec?.initContainers],
        ];
        for (const [a, b] of lists) {
          (b ?? []).forEach((c, i) => {
            const before = a?.[i];
            // Containers exist from the moment the pod is bound; one that has not started yet
            // takes the new image when it does.
            if (before && before.image !== c.image && old.spec?.nodeName) {
              enqueue.sendTo(c.name, { type: 'container.update', spec: c });
            }
          });
        }
        const ads = pod.spec?.activeDeadlineSeconds;
        if (ads && ads !== old.spec?.activeDeadlineSeconds && pod.status?.startTime) {
          const due = Date.parse(pod.status.startTime) + ads * 1000;
          enqueue.assign({ timers: armTimer(env, context.addr, context.timers, 'deadline', due) });
        }
      }),
      addEphemeral: assign(({ context, event, spawn }) => {
        if (event.type !== 'pod.ephemeral') return {};
        const list = [...(context.pod.spec?.ephemeralContainers ?? []), event.container];
        const pod: Pod = { ...context.pod, spec: { ...context.pod.spec!, ephemeralContainers: list } };
        const next = { ...context, pod };
        const ref = spawn('container', {
          id: event.container.name,
          syncSnapshot: true,
          input: containerInput(next, event.container as Container, 'ephemeral', list.length - 1),
        });
        ref.send({ type: 'container.start' });
        return { pod, started: { ...context.started, [event.container.name]: true } };
      }),
    },
    guards: {
      // A container's snapshot changes on every internal step; only a new status or a final stop matters.
      containerChanged: ({ context, event }) => {
        if (!event.type.startsWith('xstate.snapshot.')) return false;
        const name = event.type.slice('xstate.snapshot.'.length);
        const snap = (event as any).snapshot;
        return context.statuses[name] !== snap.context.status || !!context.stopped[name] !== (snap.value === 'Stopped');
      },
      hasInit: ({ context }) => (context.pod.spec?.initContainers?.length ?? 0) > 0,
      initFailedForGood: ({ context }) =>
        context.kubeletUp &&
        (context.pod.spec?.initContainers ?? []).some(
          (c) => c.restartPolicy !== 'Always' && context.stopped[c.name] && context.statuses[c.name]?.state?.terminated?.exitCode !== 0,
        ),
      initDone: ({ context }) =>
        context.kubeletUp &&
        (context.pod.spec?.initContainers ?? []).every((c) => {
          const s = context.statuses[c.name];
          return c.restartPolicy === 'Always' ? s?.started === true : s?.state?.terminated?.exitCode === 0 && context.stopped[c.name];
        }),
      appDone: ({ context }) => context.kubeletUp && context.pod.spec!.containers.every((c) => context.stopped[c.name]),
      appStopped: ({ context }) => allStopped(context, appAndInitNames(context)),
      allStopped: ({ context }) => allStopped(context, [...appAndInitNames(context), ...sidecarNames(context)]),
      kubeletUp: ({ context }) => context.kubeletUp,
      // Finalizers hold a deleted pod in the API (its deletionTimestamp set) until they are removed.
      hasFinalizers: ({ context }) => (context.pod.metadata?.finalizers?.length ?? 0) > 0,
      // A deletion with grace period 0 ends the API object once no finalizer holds it, whatever the kubelet does.
      forceDeletedAndFree: ({ context }) =>
        context.pod.metadata?.deletionGracePeriodSeconds === 0 && !!context.pod.metadata.deletionTimestamp && !(context.pod.metadata.finalizers?.length),
      sidecarToRelease: ({ context }) => context.kubeletUp && nextSidecarToRelease(context) !== undefined,
    },
  }).createMachine({
    id: 'pod',
    context: ({ input }) => ({
      addr: input.addr,
      pod: input.pod,
      timers: {},
      kubeletUp: true,
      external: [],
      sandboxReady: false,
      statuses: {},
      stopped: {},
      started: {},
      forcedPhase: null,
      killStage: 0,
      released: {},
      killGraceMs: 0,
    }),
    initial: 'Unscheduled',
    on: {
      'pod.conditions': { actions: 'setConditions' },
      'pod.kubelet': { actions: ['setKubelet', 'publish'] },
      'pod.update': { actions: 'update' },
    },
    states: {
      Unscheduled: {
        on: {
          // Binding creates the sandbox (pause container) and the containers in one step.
          'pod.bound': [
            { guard: 'hasInit', target: 'Active.Initializing', actions: 'admit' },
            { target: 'Active.Running', actions: 'admit' },
          ],
          // A pod no node has accepted is deleted at once (grace period 0) — unless a finalizer holds it.
          'pod.delete': [{ guard: 'hasFinalizers', target: 'Finalizing', actions: 'stampDeleted' }, { target: 'Deleted' }],
        },
      },
      Active: {
        initial: 'Running',
        on: {
          'xstate.snapshot.*': { guard: 'containerChanged', actions: 'syncContainer' },
          'pod.delete': { target: 'Terminating', actions: 'markDeleting' },
          // The kubelet reports Failed/DeadlineExceeded at once, while the containers are still stopping.
          'timer.deadline': { target: 'Completing', actions: ['exceedDeadline', 'publish'] },
          'pod.ephemeral': { actions: 'addEphemeral' },
        },
        states: {
          Initializing: {
            entry: 'startNextInit',
            on: { 'xstate.snapshot.*': { guard: 'containerChanged', actions: ['syncContainer', 'startNextInit'] } },
            always: [
              { guard: 'initFailedForGood', target: '#pod.Completing', actions: 'setGraceFromSpec' },
              { guard: 'initDone', target: 'Running' },
            ],
          },
          Running: {
            entry: 'startAppContainers',
            always: { guard: 'appDone', target: '#pod.Completing', actions: 'setGraceFromSpec' },
          },
        },
      },
      // The pod's work is over (or its deadline passed): stop what still runs, then rest.
      Completing: {
        entry: 'killAppContainers',
        on: {
          'xstate.snapshot.*': { guard: 'containerChanged', actions: 'syncContainer' },
          'pod.delete': { target: 'Terminating', actions: 'markDeleting' },
        },
        always: [
          { guard: and(['kubeletUp', 'allStopped']), target: 'Completed' },
          { guard: and(['appStopped', 'sidecarToRelease']), actions: 'releaseSidecars' },
        ],
      },
      Completed: {
        entry: 'publishTerminal',
        on: {
          'xstate.snapshot.*': { guard: 'containerChanged', actions: 'syncContainer' },
          // Terminal pods are deleted at once (grace period 0) — unless a finalizer holds them.
          'pod.delete': [{ guard: 'hasFinalizers', target: 'Finalizing', actions: 'stampDeleted' }, { target: 'Deleted' }],
        },
      },
      Terminating: {
        entry: 'killAppContainers',
        on: {
          'xstate.snapshot.*': { guard: 'containerChanged', actions: 'syncContainer' },
          'pod.delete': { actions: ['markDeleting', 'killAppContainers'] },
          'pod.kubelet': { actions: ['setKubelet', 'publish', 'killAppContainers'] },
        },
        always: [
          { guard: 'forceDeletedAndFree', target: 'Deleted' },
          { guard: and(['kubeletUp', 'allStopped', 'hasFinalizers']), target: 'Finalizing', actions: ['publishTerminal', 'kubeletDeletes'] },
          { guard: and(['kubeletUp', 'allStopped']), target: 'Deleted', actions: 'publishTerminal' },
          { guard: and(['appStopped', 'sidecarToRelease']), actions: 'releaseSidecars' },
        ],
      },
      // Deleted and stopped, kept in the API by its finalizers (e.g. a Job's
      // batch.kubernetes.io/job-tracking) until their owners remove them (a pod.update).
      Finalizing: {
        always: { guard: not('hasFinalizers'), target: 'Deleted' },
      },
      Deleted: { type: 'final' },
    },
  });
}

export type PodMachine = ReturnType<typeof createPodMachine>;
