/**
 * Pod status derivation, as the kubelet computes it: `getPhase` (pkg/kubelet/kubelet_pods.go,
 * ~1.30) and the pod conditions of pkg/kubelet/status/generate.go. Pure functions.
 */
import type { ContainerStatus, PodCondition, PodSpec, PodStatus } from '../../src/types.ts';

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

function isSidecar(spec: PodSpec, name: string): boolean {
  return (spec.initContainers ?? []).some((c) => c.name === name && c.restartPolicy === 'Always');
}

/**
 * `getPhase(pod, allContainerStatuses, podIsTerminal)`. `initStatuses`/`statuses` may miss
 * entries (no status yet = "unknown" to the kubelet).
 */
export function getPhase(
  spec: PodSpec,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
  podIsTerminal: boolean,
): Phase {
  const restartPolicy = spec.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let unknown = 0;
  const byName = (list: ContainerStatus[], n: string) => list.find((s) => s.name === n);

  // Pass A: regular init containers.
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue;
    const s = byName(initStatuses, c.name);
    if (!s) {
      pendingInit++;
      continue;
    }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  // Pass B: sidecars.
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const s = byName(initStatuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      running++;
      if (s.started !== true) pendingInit++;
    } else if (s.state?.waiting && !s.lastState?.terminated) {
      pendingInit++;
      waiting++;
    }
  }
  // Pass C: regular containers.
  let anyStarted = false;
  for (const c of spec.containers ?? []) {
    const s = byName(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      running++;
      anyStarted = true;
    } else if (s.state?.terminated) {
      stopped++;
      anyStarted = true;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        stopped++;
        anyStarted = true;
      } else waiting++;
    } else unknown++;
  }

  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 && !anyStarted) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export interface ConditionInput {
  spec: PodSpec;
  phase: Phase;
  initStatuses: ContainerStatus[];
  statuses: ContainerStatus[];
  sandboxReady: boolean;
  scheduled: boolean;
  /** Conditions written by others (readiness gates, DisruptionTarget, Ready forced False by node lifecycle). */
  external: PodCondition[];
}

type Cond = { type: string; status: 'True' | 'False'; reason?: string; message?: string };

function list(names: string[]): string {
  return `[${names.join(' ')}]`;
}

/** The kubelet's conditions, in the order it writes them (generate.go), without times. */
export function computeConditions(i: ConditionInput): Cond[] {
  const out: Cond[] = [];
  const { spec } = i;
  if (!i.scheduled) return out;
  out.push({ type: 'PodReadyToStartContainers', status: i.sandboxReady ? 'True' : 'False' });

  // Initialized
  const statusOf = (list: ContainerStatus[], n: string) => list.find((s) => s.name === n);
  const regularStarted = (spec.containers ?? []).some((c) => {
    const s = statusOf(i.statuses, c.name);
    return !!(s?.state?.running || s?.state?.terminated || s?.lastState?.terminated);
  });
  const incomplete: string[] = [];
  const unknownInit: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = statusOf(i.initStatuses, c.name);
    if (!s) {
      unknownInit.push(c.name);
      continue;
    }
    const done = c.restartPolicy === 'Always' ? s.started === true : s.state?.terminated?.exitCode === 0;
    if (!done) incomplete.push(c.name);
  }
  // generate.go: a Succeeded pod whose init statuses are all known (trivially so without init
  // containers) is Initialized with reason PodCompleted; messages list unknown before incomplete.
  if (i.phase === 'Succeeded' && unknownInit.length === 0) {
    out.push({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  } else if (regularStarted || (incomplete.length === 0 && unknownInit.length === 0)) {
    out.push({ type: 'Initialized', status: 'True' });
  } else {
    const parts: string[] = [];
    if (unknownInit.length) parts.push(`containers with unknown status: ${list(unknownInit)}`);
    if (incomplete.length) parts.push(`containers with incomplete status: ${list(incomplete)}`);
    out.push({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: parts.join(', ') });
  }

  // ContainersReady
  let cr: Cond;
  if (i.phase === 'Succeeded') cr = { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  else if (i.phase === 'Failed') cr = { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  else {
    const unready: string[] = [];
    const unknownC: string[] = [];
    for (const c of spec.initContainers ?? []) {
      if (c.restartPolicy !== 'Always') continue;
      const s = statusOf(i.initStatuses, c.name);
      if (!s) unknownC.push(c.name);
      else if (!s.ready) unready.push(c.name);
    }
    for (const c of spec.containers ?? []) {
      const s = statusOf(i.statuses, c.name);
      if (!s) unknownC.push(c.name);
      else if (!s.ready) unready.push(c.name);
    }
    if (!unready.length && !unknownC.length) cr = { type: 'ContainersReady', status: 'True' };
    else {
      const parts: string[] = [];
      if (unknownC.length) parts.push(`containers with unknown status: ${list(unknownC)}`);
      if (unready.length) parts.push(`containers with unready status: ${list(unready)}`);
      cr = { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: parts.join(', ') };
    }
  }

  // Ready = ContainersReady + readiness gates
  let ready: Cond = { ...cr, type: 'Ready' };
  if (cr.status === 'True') {
    for (const g of spec.readinessGates ?? []) {
      const c = i.external.find((e) => e.type === g.conditionType);
      if (!c) {
        ready = { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.` };
        break;
      }
      if (c.status !== 'True') {
        ready = { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: `the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}` };
        break;
      }
    }
  }
  out.push(ready);
  out.push(cr);
  out.push({ type: 'PodScheduled', status: 'True' });
  return out;
}

/**
 * Merges freshly computed conditions into the previous list: `lastTransitionTime` moves only
 * when a condition's status flips; external conditions are preserved; the result keeps the
 * kubelet's order followed by external ones.
 */
export function mergeConditions(prev: PodCondition[] | undefined, next: Cond[], external: PodCondition[], nowIso: string): PodCondition[] {
  const out: PodCondition[] = [];
  const seen = new Set<string>();
  for (const c of next) {
    const ext = external.find((e) => e.type === c.type);
    // MarkPodsNotReady flips Ready to False and leaves its reason and message as they were.
    const use = ext && c.type === 'Ready' && ext.status === 'False' ? { ...c, status: 'False' as const, reason: ext.reason ?? c.reason, message: ext.message ?? c.message } : c;
    const old = prev?.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === use.status ? old.lastTransitionTime : nowIso;
    const cond: PodCondition = { type: use.type, status: use.status, lastProbeTime: null as unknown as undefined, lastTransitionTime };
    if (use.reason) cond.reason = use.reason;
    if (use.message) cond.message = use.message;
    if (old && old.status === use.status && old.reason === cond.reason && old.message === cond.message) out.push(old);
    else out.push(cond);
    seen.add(c.type);
  }
  for (const e of external) if (!seen.has(e.type)) out.push(e);
  return out;
}

export { isSidecar };

/** `GetPodQOS` (pkg/apis/core/helper/qos), shared with the API defaulting and the printers. */
export { computePodQOS as podQOS } from '../../src/qos.ts';

/** The terminated state TerminatePod gives a container the kubelet never saw finish. */
export const STATUS_UNKNOWN_TERMINATED = {
  exitCode: 137,
  reason: 'ContainerStatusUnknown',
  message: 'The container could not be located when the pod was terminated',
} as const;

/**
 * The status manager's `TerminatePod` (pkg/kubelet/status/status_manager.go), the last status a
 * kubelet writes for a pod it has stopped: once the pod has initialized (`hasPodInitialized`),
 * every app container without a terminated state gets {@link STATUS_UNKNOWN_TERMINATED}; so does
 * every init container but the suffix still Waiting (`initializedContainers`, which always keeps
 * the first); a Pending or Running phase becomes Failed ("Marking terminal pod as failed").
 * Returns the same object when nothing changes.
 */
export function terminatePod(spec: PodSpec, status: PodStatus): PodStatus {
  const unknown = (s: ContainerStatus): ContainerStatus =>
    s.state?.terminated ? s : { ...s, state: { terminated: { ...STATUS_UNKNOWN_TERMINATED } } };
  let next = status;
  if (hasPodInitialized(spec, status)) {
    const list = status.containerStatuses ?? [];
    if (list.some((s) => !s.state?.terminated)) next = { ...next, containerStatuses: list.map(unknown) };
  }
  const init = status.initContainerStatuses ?? [];
  const upTo = initializedCount(init);
  if (init.slice(0, upTo).some((s) => !s.state?.terminated)) {
    next = { ...next, initContainerStatuses: init.map((s, i) => (i < upTo ? unknown(s) : s)) };
  }
  if (next.phase === 'Pending' || next.phase === 'Running' || next.phase === undefined) next = { ...next, phase: 'Failed' };
  return next;
}

/** `hasPodInitialized`: no init containers, or a container left Waiting, or the last init container is done/started. */
function hasPodInitialized(spec: PodSpec, status: PodStatus): boolean {
  const inits = spec.initContainers ?? [];
  if (!inits.length) return true;
  for (const s of status.containerStatuses ?? []) {
    if (s.lastState?.terminated || !s.state?.waiting) return true;
  }
  const statuses = status.initContainerStatuses ?? [];
  const l = statuses.length;
  if (!l || l > inits.length) return false;
  const c = inits[l - 1]!;
  const s = statuses[l - 1]!;
  if (c.restartPolicy === 'Always') return !!s.state?.running && s.started === true;
  return s.lastState?.terminated?.exitCode === 0 || s.state?.terminated?.exitCode === 0;
}

/** `initializedContainers`: how many statuses precede the suffix still Waiting (at least one if any). */
function initializedCount(statuses: ContainerStatus[]): number {
  for (let i = statuses.length - 1; i >= 0; i--) {
    if (!statuses[i]!.state?.waiting || statuses[i]!.lastState?.terminated) return i + 1;
  }
  return statuses.length ? 1 : 0;
}
