/**
 * Pod status derivation, as the kubelet computes it: `getPhase` (pkg/kubelet/kubelet_pods.go,
 * ~1.30) and the pod conditions of pkg/kubelet/status/generate.go. Pure functions.
 */
import type { ContainerStatus, PodCondition, PodSpec } from '../../src/types.ts';

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
