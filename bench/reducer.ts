/**
 * The baseline: the same pod lifecycle (create → schedule → pull image once per node → start →
 * Ready) written as a minimal hand-written immutable reducer over plain objects with a timer
 * heap — no actors, no validation, no events log. The engine's overhead is its time over this.
 */
interface PodState {
  name: string;
  node: string | null;
  phase: 'Pending' | 'Running';
  container: 'Waiting' | 'Running';
  ready: boolean;
  conditions: { type: string; status: string; lastTransitionTime: number }[];
  startedAt: number | null;
}

interface State {
  now: number;
  pods: Map<string, PodState>;
  images: Map<string, number>;
  nodes: string[];
  next: number;
}

type Action = { type: 'create'; name: string } | { type: 'pulled'; name: string };

function reduce(s: State, a: Action, timers: { due: number; a: Action }[]): State {
  if (a.type === 'create') {
    const node = s.nodes[s.next % s.nodes.length]!;
    const pulledAt = s.images.get(node);
    const due = pulledAt ?? s.now + 2000;
    if (pulledAt === undefined) s.images.set(node, due);
    timers.push({ due: Math.max(due, s.now), a: { type: 'pulled', name: a.name } });
    const pod: PodState = {
      name: a.name,
      node,
      phase: 'Pending',
      container: 'Waiting',
      ready: false,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: s.now },
        { type: 'Ready', status: 'False', lastTransitionTime: s.now },
      ],
      startedAt: null,
    };
    const pods = s.pods;
    pods.set(a.name, pod);
    return { ...s, next: s.next + 1 };
  }
  const old = s.pods.get(a.name)!;
  s.pods.set(a.name, {
    ...old,
    phase: 'Running',
    container: 'Running',
    ready: true,
    startedAt: s.now,
    conditions: old.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'True', lastTransitionTime: s.now } : c)),
  });
  return s;
}

/** Runs N pods on M nodes to Ready; returns the number of ready pods and actions applied. */
export function runReducer(n: number, m: number): { ready: number; actions: number } {
  let s: State = { now: 0, pods: new Map(), images: new Map(), nodes: Array.from({ length: m }, (_, i) => `node-${i + 1}`), next: 0 };
  const timers: { due: number; a: Action }[] = [];
  let actions = 0;
  for (let i = 0; i < n; i++) {
    s = reduce(s, { type: 'create', name: `p-${i}` }, timers);
    actions++;
  }
  timers.sort((x, y) => x.due - y.due);
  for (const t of timers) {
    s = { ...s, now: t.due };
    s = reduce(s, t.a, timers);
    actions++;
  }
  let ready = 0;
  for (const p of s.pods.values()) if (p.ready) ready++;
  return { ready, actions };
}

// ------------------------------------------------------------------------------------------------
// Rolling update baseline
// ------------------------------------------------------------------------------------------------

/**
 * The same pod lifecycle driven by a minimal rolling update, for the Deployment rollout rows:
 * D deployments of R replicas on M nodes, each moving from image A to image B with maxSurge and
 * maxUnavailable 25 % (ceil / floor, as upstream). Per simulated instant: the due timers (image
 * pulls) are applied, then every deployment takes rolling steps — create new pods up to
 * R + surge, else delete ready old pods down to R − unavailable — and the pods deleted exit at
 * once (termination 0 s, the engine's default), until no deployment changes anything.
 * A created pod binds round-robin, pulls its image once per node (2 s, shared by the pods that
 * wait for it) and is Ready when the pull ends; a deleted pod is marked terminating, then removed.
 * Immutable updates of the pod objects and of each deployment's record, over plain objects and
 * a timer array — no actors, no validation, no events, no node capacity, no ReplicaSet objects.
 * The initial rollout (no pods → image A) runs through the same code before the timed part.
 */
interface RPod {
  name: string;
  dep: number;
  image: string;
  node: string;
  phase: 'Pending' | 'Running' | 'Terminating';
  ready: boolean;
  conditions: { type: string; status: string; lastTransitionTime: number }[];
  startedAt: number | null;
  deletionTimestamp: number | null;
}

interface RDeployment {
  image: string;
  /** Active pods of the current image (names), and how many of them are ready. */
  current: string[];
  ready: number;
  /** Active pods of the previous image (all ready when the rollout starts), deleted from the end. */
  old: string[];
  seq: number;
}

type RAction =
  | { type: 'create'; dep: number }
  | { type: 'pulled'; name: string }
  | { type: 'delete'; name: string }
  | { type: 'exited'; name: string };

interface RState {
  now: number;
  pods: Map<string, RPod>;
  /** node|image → time the image is (or will be) present. */
  images: Map<string, number>;
  nodes: string[];
  next: number;
  deps: RDeployment[];
}

interface Queues {
  timers: { due: number; a: RAction }[];
  /** Work due at this instant (pod exits). */
  now: RAction[];
}

function reduceRollout(s: RState, a: RAction, q: Queues): RState {
  switch (a.type) {
    case 'create': {
      const d = s.deps[a.dep]!;
      const node = s.nodes[s.next % s.nodes.length]!;
      const key = `${node}|${d.image}`;
      const pulledAt = s.images.get(key);
      const due = pulledAt ?? s.now + 2000;
      if (pulledAt === undefined) s.images.set(key, due);
      const name = `d${a.dep}-${d.seq}`;
      q.timers.push({ due: Math.max(due, s.now), a: { type: 'pulled', name } });
      s.pods.set(name, {
        name,
        dep: a.dep,
        image: d.image,
        node,
        phase: 'Pending',
        ready: false,
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: s.now },
          { type: 'Ready', status: 'False', lastTransitionTime: s.now },
        ],
        startedAt: null,
        deletionTimestamp: null,
      });
      d.current.push(name);
      s.deps[a.dep] = { ...d, seq: d.seq + 1 };
      return { ...s, next: s.next + 1 };
    }
    case 'pulled': {
      const old = s.pods.get(a.name);
      if (!old || old.deletionTimestamp !== null) return s;
      s.pods.set(a.name, {
        ...old,
        phase: 'Running',
        ready: true,
        startedAt: s.now,
        conditions: old.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'True', lastTransitionTime: s.now } : c)),
      });
      const d = s.deps[old.dep]!;
      if (old.image === d.image) s.deps[old.dep] = { ...d, ready: d.ready + 1 };
      return s;
    }
    case 'delete': {
      const old = s.pods.get(a.name)!;
      s.pods.set(a.name, {
        ...old,
        phase: 'Terminating',
        ready: false,
        deletionTimestamp: s.now,
        conditions: old.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: s.now } : c)),
      });
      q.now.push({ type: 'exited', name: a.name });
      const d = s.deps[old.dep]!;
      d.old.pop();
      s.deps[old.dep] = { ...d };
      return s;
    }
    case 'exited':
      s.pods.delete(a.name);
      return s;
  }
}

/** rolling.go in short: scale the new pods up within maxSurge, else the old ones down within maxUnavailable. */
function rollingStep(d: RDeployment, i: number, replicas: number): RAction[] {
  const surge = Math.ceil(replicas * 0.25);
  const unavailable = Math.floor(replicas * 0.25);
  const up = Math.min(replicas - d.current.length, replicas + surge - d.current.length - d.old.length);
  if (up > 0) return Array.from({ length: up }, () => ({ type: 'create' as const, dep: i }));
  const down = Math.min(d.old.length, d.ready + d.old.length - (replicas - unavailable));
  if (down > 0) return d.old.slice(-down).reverse().map((name) => ({ type: 'delete' as const, name }));
  return [];
}

/** Runs instants until no timer is left; returns the state and the number of actions applied. */
function runInstants(s: RState, replicas: number, q: Queues): { s: RState; actions: number } {
  let actions = 0;
  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < s.deps.length; i++) {
        for (const a of rollingStep(s.deps[i]!, i, replicas)) {
          s = reduceRollout(s, a, q);
          actions++;
          changed = true;
        }
      }
      for (let k = 0; k < q.now.length; k++) {
        s = reduceRollout(s, q.now[k]!, q);
        actions++;
      }
      q.now.length = 0;
    }
    if (!q.timers.length) return { s, actions };
    // The next instant: every timer due then, in order.
    q.timers.sort((x, y) => x.due - y.due);
    const now = q.timers[0]!.due;
    let k = 0;
    while (k < q.timers.length && q.timers[k]!.due === now) k++;
    const due = q.timers.splice(0, k);
    s = { ...s, now };
    for (const t of due) {
      s = reduceRollout(s, t.a, q);
      actions++;
    }
  }
}

export interface RolloutReducerRun {
  /** ms of the timed part: set image, then the rollout to the end. */
  ms: number;
  /** Ready pods of the new image, and pods left in total (old ones must be gone). */
  ready: number;
  pods: number;
  actions: number;
}

/** D deployments × R replicas on M nodes: the initial rollout (untimed), then the timed A → B rollout. */
export function runRolloutReducer(deployments: number, replicas: number, m: number): RolloutReducerRun {
  let s: RState = {
    now: 0,
    pods: new Map(),
    images: new Map(),
    nodes: Array.from({ length: m }, (_, i) => `node-${i + 1}`),
    next: 0,
    deps: Array.from({ length: deployments }, () => ({ image: 'nginx:1.14.2', current: [], ready: 0, old: [], seq: 0 })),
  };
  const q: Queues = { timers: [], now: [] };
  s = runInstants(s, replicas, q).s;
  const t0 = performance.now();
  // set image: the current pods become the old ones.
  s = { ...s, deps: s.deps.map((d) => ({ ...d, image: 'nginx:1.16.1', old: d.current, current: [], ready: 0 })) };
  const r = runInstants(s, replicas, q);
  const ms = performance.now() - t0;
  s = r.s;
  let ready = 0;
  for (const p of s.pods.values()) if (p.ready && p.image === 'nginx:1.16.1') ready++;
  return { ms, ready, pods: s.pods.size, actions: r.actions };
}

// ------------------------------------------------------------------------------------------------
// CronJob baseline
// ------------------------------------------------------------------------------------------------

/**
 * The CronJob rows' baseline: a schedule every minute over `minutes` of simulated time, as a
 * minimal immutable reducer — per schedule a Job record and its pod are created (named
 * `<cronjob>-<minutes since the epoch>` / `…-<n>`), the pod runs its 1 s and succeeds, the Job
 * completes, the CronJob's status records it, and the finished Jobs beyond the history limit (3)
 * are deleted with their pods. Plain objects and a sorted timer list; the next time is computed
 * by stepping minutes (no cron parsing), no actors, no validation, no events.
 */
interface CJob { name: string; scheduled: number; pod: string; complete: boolean; completionTime: number | null }
interface CPod { name: string; job: string; phase: 'Pending' | 'Running' | 'Succeeded'; startedAt: number | null; finishedAt: number | null }
interface CState {
  now: number;
  jobs: Map<string, CJob>;
  pods: Map<string, CPod>;
  history: string[];
  active: string[];
  lastScheduleTime: number | null;
  lastSuccessfulTime: number | null;
}
type CAction = { type: 'schedule' } | { type: 'start'; pod: string } | { type: 'finish'; pod: string };

function reduceCron(s: CState, a: CAction, push: (due: number, a: CAction) => void, limit: number): CState {
  if (a.type === 'schedule') {
    const name = `tick-${Math.floor(s.now / 60_000)}`;
    const pod = `${name}-x`;
    const jobs = new Map(s.jobs).set(name, { name, scheduled: s.now, pod, complete: false, completionTime: null });
    const pods = new Map(s.pods).set(pod, { name: pod, job: name, phase: 'Pending', startedAt: null, finishedAt: null });
    push(s.now, { type: 'start', pod });
    push(s.now + 60_000, { type: 'schedule' });
    return { ...s, jobs, pods, active: [...s.active, name], lastScheduleTime: s.now };
  }
  const p = s.pods.get(a.pod)!;
  if (a.type === 'start') {
    push(s.now + 1_000, { type: 'finish', pod: a.pod });
    return { ...s, pods: new Map(s.pods).set(a.pod, { ...p, phase: 'Running', startedAt: s.now }) };
  }
  let pods = new Map(s.pods).set(a.pod, { ...p, phase: 'Succeeded', finishedAt: s.now });
  let jobs = new Map(s.jobs).set(p.job, { ...s.jobs.get(p.job)!, complete: true, completionTime: s.now });
  let history = [...s.history, p.job];
  while (history.length > limit) {
    const old = jobs.get(history[0]!)!;
    jobs = new Map(jobs);
    jobs.delete(old.name);
    pods = new Map(pods);
    pods.delete(old.pod);
    history = history.slice(1);
  }
  return { ...s, jobs, pods, history, active: s.active.filter((j) => j !== p.job), lastSuccessfulTime: s.now };
}

/** A CronJob every minute for `minutes` schedules; returns the schedules run and the Jobs left. */
export function runCronReducer(minutes: number, limit = 3): { schedules: number; jobs: number } {
  let s: CState = { now: 0, jobs: new Map(), pods: new Map(), history: [], active: [], lastScheduleTime: null, lastSuccessfulTime: null };
  const timers: { due: number; a: CAction }[] = [];
  const push = (due: number, a: CAction) => {
    // Insert in due order (the list is short: one schedule, one start or finish pending).
    let i = timers.length;
    while (i > 0 && timers[i - 1]!.due > due) i--;
    timers.splice(i, 0, { due, a });
  };
  push(0, { type: 'schedule' });
  const end = minutes * 60_000;
  let schedules = 0;
  for (;;) {
    const t = timers[0];
    if (!t || t.due >= end) break;
    timers.shift();
    s = { ...s, now: t.due };
    if (t.a.type === 'schedule') schedules++;
    s = reduceCron(s, t.a, push, limit);
  }
  return { schedules, jobs: s.jobs.size };
}
