/**
 * What a machine may ask of the world it runs in. Machines are pure definitions; the cluster
 * (or a standalone harness, or the model checker) hands them an Env. Every durable wait is a
 * timer kept in the machine's context (`timers[name] = due`) AND armed here; the env delivers
 * `{ type: 'timer.<name>' }` to the actor at `addr` when due — only if the context still holds
 * that due time, so forgetting a timer is just deleting it from context.
 */
import type { AnyActorRef } from 'xstate';
import type { KObject, OwnerReference } from '../src/types.ts';
import { DEFAULT_BEHAVIOUR, type BehaviourDefaults } from './behaviour.ts';

export interface RecordedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Object the event is about. */
  involved: { kind: string; name: string; namespace?: string; uid?: string; fieldPath?: string };
  /** Reporting component (`kubelet`, `default-scheduler`, …) and host. */
  component: string;
  host?: string;
}

export interface ImageCache {
  /** True if the node has the image. */
  has(node: string, image: string): boolean;
  /**
   * Starts (or joins) a pull of `image` on `node` taking `ms`; returns the time the image will be
   * present. Concurrent pulls of one image on one node share the first pull.
   */
  pull(node: string, image: string, ms: number): number;
}

/** What a workload controller may do to pods; the cluster implements it (src/cluster/controllers.ts). */
export interface PodControl {
  /** Creates a pod from the controller's template, owned by it; returns the pod's name. */
  create(owner: KObject, ref: OwnerReference): string;
  /** Deletes a pod (graceful, the pod's own grace period). */
  delete(namespace: string, name: string): void;
  /** Sets (adopt) or removes (release) a pod's controller ownerReference. */
  setController(namespace: string, name: string, ref: OwnerReference | null, ownerUid: string): void;
  /** Creates a pod the controller built itself (DaemonSet / StatefulSet pods); returns its name. */
  createPod(pod: KObject): string;
  /** Writes a pod's metadata (labels, ownerReferences) as a controller's update does. */
  updatePod(pod: KObject): void;
  /**
   * Removes one finalizer from the pod as it is now (a patch, `$deleteFromPrimitiveList`: nothing
   * else of a possibly stale copy is written back); no-op if the pod is gone, another pod has
   * taken the name (`uid`), or the finalizer is not there.
   */
  removeFinalizer(namespace: string, name: string, uid: string, finalizer: string): void;
}

/** Jobs a CronJob creates and deletes; a Job deleting itself when its TTL expires. */
export interface JobControl {
  /** Creates a Job; a name already taken answers with the object holding it. */
  create(job: KObject): { ok: true; object: KObject } | { ok: false; existing: KObject };
  /**
   * Deletes a Job with the given propagation, at once — or, `deferred`, once the current actor
   * step is over (a Job deleting itself, which cannot stop its own actor mid-transition).
   */
  delete(namespace: string, name: string, propagation: 'Background' | 'Foreground', opts?: { deferred?: boolean }): void;
}

/** PersistentVolumeClaims a StatefulSet creates from its volumeClaimTemplates and keeps the owners of. */
export interface ClaimControl {
  /** Creates a claim (false: the name is taken). */
  create(claim: KObject): boolean;
  /** Writes a claim's ownerReferences (retention policy). */
  update(claim: KObject): void;
}

/** ControllerRevisions of DaemonSets and StatefulSets (their template history). */
export interface RevisionControl {
  /** Creates a revision; a name already taken answers with the object holding it. */
  create(revision: KObject): { ok: true; object: KObject } | { ok: false; existing: KObject };
  /** Writes a revision (its `revision` number or labels). */
  update(revision: KObject): KObject;
  delete(namespace: string, name: string): void;
}

/**
 * What the Deployment controller may do to ReplicaSets; the cluster implements it. Writes go
 * through the API as a client's would: defaulting, generation bumps, the RS actor's own update.
 */
export interface ReplicaSetControl {
  /** Creates a ReplicaSet; a name already taken answers with the object holding it. */
  create(rs: KObject): { ok: true; object: KObject } | { ok: false; existing: KObject };
  /** Writes a ReplicaSet (spec.replicas, spec.minReadySeconds, annotations); returns it as stored. */
  update(rs: KObject): KObject;
  /** Deletes a ReplicaSet (background propagation: its pods go with it). */
  delete(namespace: string, name: string): void;
  /** Sets (adopt) or removes (release) a ReplicaSet's controller ownerReference. */
  setController(namespace: string, name: string, ref: OwnerReference | null, ownerUid: string): void;
}

/** An event about a workload object, as its controller's recorder writes it. */
export interface ObjectEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** `controller.update` for a controller actor: the new object, the status it already had (the API keeps status on a spec write). */
export function keepingStatus(current: KObject, next: KObject): KObject {
  return { ...next, status: current.status };
}

/** `record(object, event)` for a controller: the object is the event's involvedObject, `component` its source. */
export function objectRecorder(env: Pick<Env, 'record'>, component: string | ((o: KObject) => string)) {
  return (o: KObject, e: ObjectEvent) =>
    env.record({ ...e, involved: { kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid }, component: typeof component === 'string' ? component : component(o) });
}

export interface Env {
  now(): number;
  arm(addr: string, name: string, due: number): void;
  record(event: RecordedEvent): void;
  /** Seeded randomness (never Math.random). */
  hex(n: number): string;
  /** Uniform in [0, 1), seeded: jitter of the kubelet's pod-worker resyncs. */
  rand(): number;
  suffix(n: number): string;
  images: ImageCache;
  defaults: BehaviourDefaults;
  /**
   * Queues another sync of a workload controller (by its object's uid): a requeue after a delay's
   * timer, after a failed write, or after its own status write (the informer's update event).
   */
  resync?(ownerUid: string): void;
  /** Pod creation and ownership for workload controllers (absent: they only compute status). */
  pods?: PodControl;
  /** ReplicaSet creation, scaling and ownership for the Deployment controller. */
  replicaSets?: ReplicaSetControl;
  /** ControllerRevisions for the DaemonSet and StatefulSet controllers. */
  revisions?: RevisionControl;
  /** PersistentVolumeClaims for the StatefulSet controller. */
  claims?: ClaimControl;
  /** Jobs for the CronJob and TTL-after-finished controllers. */
  jobs?: JobControl;
}

/**
 * A minimal env for using a machine on its own (`createActor(createPodMachine(env), …)`): a
 * manual clock — `env.advance(actor, addr, ms)` fires the due timers of that actor and its
 * children in (due, seq) order, as the cluster does — events collected in `env.events`, a
 * deterministic counter for IDs, an image cache that is filled by pulls.
 */
export interface StandaloneEnv extends Env {
  events: RecordedEvent[];
  timers: { addr: string; name: string; due: number; seq: number }[];
  setNow(t: number): void;
  /**
   * Runs the clock forward `ms`, delivering `timer.<name>` to the actor at each timer's address
   * (`addr` of `root`, then child ids: `pod:1/app/liveness`) — only while its context still
   * holds that due time.
   */
  advance(root: AnyActorRef, rootAddr: string, ms: number): void;
}

/** `<root>/<childId>/<childId>` → the actor, through `getSnapshot().children`. */
export function resolveAddress(root: AnyActorRef, rootAddr: string, addr: string): AnyActorRef | undefined {
  if (addr === rootAddr) return root;
  if (!addr.startsWith(`${rootAddr}/`)) return undefined;
  let ref: AnyActorRef | undefined = root;
  for (const part of addr.slice(rootAddr.length + 1).split('/')) {
    ref = (ref.getSnapshot() as any).children?.[part];
    if (!ref) return undefined;
  }
  return ref;
}

export function createStandaloneEnv(start = 0): StandaloneEnv {
  let now = start;
  let seq = 0;
  let counter = 0;
  const present = new Set<string>();
  const env: StandaloneEnv = {
    events: [],
    timers: [],
    now: () => now,
    setNow: (t) => {
      now = t;
    },
    advance(root, rootAddr, ms) {
      const end = now + ms;
      for (;;) {
        const next = env.timers[0];
        if (!next || next.due > end) break;
        env.timers.shift();
        if (next.due > now) now = next.due;
        const ref = resolveAddress(root, rootAddr, next.addr);
        const snap = ref?.getSnapshot() as any;
        if (ref && snap.status === 'active' && snap.context?.timers?.[next.name] === next.due) ref.send({ type: `timer.${next.name}` });
      }
      now = end;
    },
    arm(addr, name, due) {
      env.timers.push({ addr, name, due, seq: seq++ });
      env.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    },
    record(e) {
      env.events.push(e);
    },
    hex(n) {
      return (counter++).toString(16).padStart(n, '0').slice(-n);
    },
    rand() {
      return ((counter++ * 0x9e3779b1) >>> 0) / 4294967296;
    },
    suffix(n) {
      return 'x'.repeat(n);
    },
    images: {
      has: (node, image) => present.has(`${node}|${image}`),
      pull: (node, image, ms) => {
        present.add(`${node}|${image}`);
        return now + ms;
      },
    },
    defaults: DEFAULT_BEHAVIOUR,
  };
  return env;
}
