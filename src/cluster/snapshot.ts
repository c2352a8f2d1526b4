/**
 * How a cluster comes to life: bootstrapped (the built-in namespaces and the worker nodes) or
 * restored from a `ClusterSnapshot` — every object with its actor's persisted snapshot, plus the
 * clock, RNG, events, image caches and the control-plane loops' pending work.
 */
import { createActor } from 'xstate';
import type { BehaviourDefaults } from '../../machines/behaviour.ts';
import type { ClockSnapshot } from '../clock.ts';
import { newNodeInfo } from '../scheduler/resources.ts';
import type { KObject, Node, Pod } from '../types.ts';
import { createStatic } from './apply.ts';
import type { ClusterOptions } from './cluster.ts';
import type { EventsSnapshot } from './events.ts';
import { indexOwners } from './gc.ts';
import { createNode } from './nodelifecycle.ts';
import { defaultNode } from './nodes.ts';
import { logicFor, observe, settle } from './runtime.ts';
import { accountPod, UNSCHEDULABLE_RETRY_MS } from './scheduling.ts';
import { type ClusterState } from './state.ts';
import { keyOf, type Entry, type MachineKind } from './store.ts';

export interface ClusterSnapshot {
  version: 1;
  seed: number;
  /** ClusterOptions.strictStorage (absent: false). */
  strictStorage?: boolean;
  defaults: BehaviourDefaults;
  clock: ClockSnapshot;
  rng: number;
  rv: number;
  objects: SnapshotObject[];
  events: EventsSnapshot;
  images: Record<string, Record<string, number>>;
  scheduler: {
    queue: string[];
    /** uid, or [uid, leftover flush due] (a bare uid: due now + 5 min, as snapshots before the back-off had it). */
    unschedulable: (string | [string, number])[];
    /** [uid, back-off end] */
    backoff?: [string, number][];
    /** [uid, due of its armed leftover timer] */
    leftover?: [string, number][];
    /** [uid, failed attempts, last failure] */
    attempts?: [string, number, number][];
    nextStartNodeIndex: number;
  };
  evictions: Record<string, number>;
  podgc: Record<string, number>;
  /** Owners waiting for their dependents (Foreground deletion), with their own delete options. */
  foreground: Record<string, { gracePeriodSeconds?: number; force?: boolean }>;
}

interface SnapshotObject {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  rv: number;
  machine?: MachineKind;
  actor?: unknown;
  object?: KObject;
}

export function bootstrap(s: ClusterState, opts: ClusterOptions): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    createStatic(s, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const nodes = opts.nodes ?? 3;
  const list = typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => defaultNode(`node-${i + 1}`, i)) : nodes;
  for (const n of list) createNode(s, n);
  settle(s);
}

export function restore(s: ClusterState, snap: ClusterSnapshot): void {
  s.rv = snap.rv;
  s.recorder.restore(snap.events);
  for (const [node, imgs] of Object.entries(snap.images)) s.images.set(node, new Map(Object.entries(imgs)));
  for (const o of snap.objects) {
    const e: Entry = { kind: o.kind, namespace: o.namespace, name: o.name, uid: o.uid, rv: o.rv };
    if (o.machine) {
      e.machine = o.machine;
      const logic = logicFor(s, o.machine);
      const id = `${e.kind}/${keyOf(e.namespace, e.name)}`;
      e.actor = createActor(logic as any, { snapshot: o.actor as any, parent: s.root, id, systemId: id });
    } else {
      e.object = o.object;
      indexOwners(s, e.uid, undefined, e.object);
    }
    s.store.add(e);
    if (e.machine === 'node') {
      const node = e.actor!.getSnapshot().context.node as Node;
      const ni = newNodeInfo(node);
      s.nodeInfos.set(e.name, ni);
      s.nodeOrder.push(ni);
    }
  }
  for (const e of s.store.all()) {
    if (!e.actor) continue;
    e.actor.start();
    observe(s, e);
    if (e.machine === 'pod') {
      const pod = e.last as Pod;
      accountPod(s, e, pod);
    }
  }
  s.schedQueue = [...snap.scheduler.queue];
  s.leftoverTimers = new Map(snap.scheduler.leftover ?? []);
  s.unschedulable = new Map(snap.scheduler.unschedulable.map((u): [string, number] => {
    if (typeof u !== 'string') {
      if (!snap.scheduler.leftover) s.leftoverTimers.set(u[0], u[1]);
      return u;
    }
    // A snapshot from before the back-off: its timer's due time is unknown; arm a new one.
    const due = s.clock.now + UNSCHEDULABLE_RETRY_MS;
    s.clock.arm('cp:scheduler', u, due);
    s.leftoverTimers.set(u, due);
    return [u, due];
  }));
  s.backoffQ = new Map(snap.scheduler.backoff ?? []);
  s.schedAttempts = new Map((snap.scheduler.attempts ?? []).map(([uid, attempts, at]) => [uid, { attempts, at }]));
  s.schedState.nextStartNodeIndex = snap.scheduler.nextStartNodeIndex;
  s.evictions = new Map(Object.entries(snap.evictions));
  s.podgc = new Map(Object.entries(snap.podgc));
  s.foreground = new Map(Object.entries(snap.foreground ?? {}));
  // Re-observing the pods marked their controllers dirty; the original run had synced them all.
  s.dirtyControllers.clear();
}

export function snapshot(s: ClusterState): ClusterSnapshot {
  const objects: SnapshotObject[] = [];
  for (const e of s.store.all()) {
    const o: SnapshotObject = { kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, rv: e.rv };
    if (e.actor) {
      o.machine = e.machine;
      o.actor = e.actor.getPersistedSnapshot();
    } else o.object = e.object;
    objects.push(o);
  }
  const images: Record<string, Record<string, number>> = {};
  for (const [n, m] of s.images) images[n] = Object.fromEntries(m);
  return JSON.parse(
    JSON.stringify({
      version: 1,
      seed: s.seed,
      ...(s.strictStorage ? { strictStorage: true } : {}),
      defaults: s.defaults,
      clock: s.clock.snapshot(),
      rng: s.rng.state,
      rv: s.rv,
      objects,
      events: s.recorder.snapshot(),
      images,
      scheduler: {
        queue: s.schedQueue,
        unschedulable: [...s.unschedulable],
        backoff: [...s.backoffQ],
        leftover: [...s.leftoverTimers],
        attempts: [...s.schedAttempts].map(([uid, a]) => [uid, a.attempts, a.at] as [string, number, number]),
        nextStartNodeIndex: s.schedState.nextStartNodeIndex,
      },
      evictions: Object.fromEntries(s.evictions),
      podgc: Object.fromEntries(s.podgc),
      foreground: Object.fromEntries(s.foreground),
    }),
  );
}
