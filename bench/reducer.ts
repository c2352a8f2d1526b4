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
