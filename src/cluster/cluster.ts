/**
 * The cluster runtime: the root supervisor. It owns the simulated clock, the seeded RNG, the
 * object index, the event recorder and the control-plane loops that are not per-object actors
 * (scheduler, node lifecycle reactions, taint eviction, pod GC, garbage collector). Pods and
 * Nodes are XState actors; the cluster hands each the Env it runs in, delivers their timers at
 * their due times, and derives the API view from their snapshots.
 *
 * Why Pods are not `spawnChild`ren of one root machine: XState copies a parent's children map on
 * every spawn and stop, which makes N pods under one parent O(N²) (DESIGN.md). The cluster keeps
 * each top-level object actor as its own root, supervised by event routing along
 * ownerReferences, so the fan-out costs O(1) per pod. Containers and probes (bounded fan-out)
 * are real XState children of their pod.
 */
import { createActor, type AnyActorRef, type InspectionEvent, type Observer } from 'xstate';
import { createNodeMachine, TAINT_UNREACHABLE } from '../../machines/node.ts';
import { createPodMachine } from '../../machines/pod/pod.ts';
import { clusterMachine } from '../../machines/cluster.ts';
import { DEFAULT_BEHAVIOUR, validateBehaviourAnnotations, type BehaviourDefaults } from '../../machines/behaviour.ts';
import type { Env, RecordedEvent } from '../../machines/env.ts';
import { SimClock, type ClockSnapshot, type Timer } from '../clock.ts';
import { parseDuration } from '../duration.ts';
import { Rng } from '../rng.ts';
import { resolveKind } from '../kinds.ts';
import { matches, parseSelector, parseFieldSelector, matchesFields, validateFieldSelector } from '../labels.ts';
import { defaultImagePullPolicy } from '../manifest/defaults.ts';
import { parseManifests, parseObjects, validatePodUpdate, ManifestLoadError, type ManifestError } from '../manifest/index.ts';
import { schedulePod } from '../scheduler/index.ts';
import { addPod, newNodeInfo, removePod, setNode, type NodeInfo } from '../scheduler/resources.ts';
import { getMinTolerationTime } from '../scheduler/taints.ts';
import type { Container, EphemeralContainer, KObject, Node, Pod, PodCondition } from '../types.ts';
import { EventRecorder, type EventsSnapshot } from './events.ts';
import { defaultNode, nodeIP, podCIDRBase } from './nodes.ts';
import { objectOf, Store, type Entry } from './store.ts';

export interface ClusterOptions {
  /** Number of worker nodes (named node-1 … node-N), or Node objects. Default 3. */
  nodes?: number | Node[];
  /** Seed for generated names, UIDs, IPs and tie-breaks. Default 1. */
  seed?: number;
  /** Simulated start time (ms since epoch or an ISO string). Default 2026-01-01T00:00:00Z. */
  start?: number | string;
  /** Cluster-wide behaviour defaults (pull time, run time of finite containers, …). */
  defaults?: Partial<BehaviourDefaults>;
  /** Resume from `cluster.snapshot()`. Other options are ignored then. */
  snapshot?: ClusterSnapshot;
  /** XState inspection callback, passed to every actor (nothing is paid when absent). */
  inspect?: (e: InspectionEvent) => void;
}

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: 'created' | 'configured' | 'unchanged';
}

export interface DeleteOptions {
  namespace?: string;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  /** Remove from the API at once (kubectl --force --grace-period=0). */
  force?: boolean;
}

export interface ListOptions {
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ClusterSnapshot {
  version: 1;
  seed: number;
  defaults: BehaviourDefaults;
  clock: ClockSnapshot;
  rng: number;
  rv: number;
  objects: SnapshotObject[];
  events: EventsSnapshot;
  images: Record<string, Record<string, number>>;
  scheduler: { queue: string[]; unschedulable: string[]; nextStartNodeIndex: number };
  evictions: Record<string, number>;
  podgc: Record<string, number>;
  foreground: string[];
}

interface SnapshotObject {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  rv: number;
  machine?: 'pod' | 'node';
  actor?: unknown;
  object?: KObject;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KObject;
}

export class ClusterError extends Error {
  constructor(
    message: string,
    readonly code: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Unsupported' | 'Timeout' = 'BadRequest',
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

const DEFAULT_START = Date.UTC(2026, 0, 1);
const STATIC_KINDS = new Set(['Namespace', 'Service', 'ConfigMap', 'PersistentVolumeClaim']);
/** PodGC (pkg/controller/podgc): orphaned pods are force-deleted after this quarantine. */
const PODGC_QUARANTINE_MS = 40_000;
/** Scheduler: unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
const UNSCHEDULABLE_RETRY_MS = 300_000;


export class Cluster {
  readonly clock: SimClock;
  readonly rng: Rng;
  private rv = 0;
  readonly store = new Store();
  readonly recorder: EventRecorder;
  readonly env: Env;
  readonly defaults: BehaviourDefaults;
  readonly seed: number;
  private podMachine;
  private nodeMachine;
  private inspect?: (e: InspectionEvent) => void;
  /** Per-node image cache: image → time it is (or will be) present. */
  private images = new Map<string, Map<string, number>>();
  private nodeInfos = new Map<string, NodeInfo>();
  private nodeOrder: NodeInfo[] = [];
  private usedIPs = new Map<string, Set<number>>();
  private schedQueue: string[] = [];
  private unschedulable = new Set<string>();
  private schedState = { nextStartNodeIndex: 0 };
  /** Pods pending taint eviction: uid → due. */
  private evictions = new Map<string, number>();
  /** Garbage collector's graph: owner uid → dependent uids (from ownerReferences). */
  private dependents = new Map<string, Set<string>>();
  /** Owners deleted with Foreground propagation, waiting for their blocking dependents. */
  private foreground = new Set<string>();
  /** Nodes gone, pods to collect: node → due. */
  private podgc = new Map<string, number>();
  private settling = false;
  /** Root actor: every Pod and Node actor joins its system. */
  readonly root: AnyActorRef;
  private fatal: unknown;
  private watchers = new Set<(e: WatchEvent) => void>();
  /** Work counters (benchmarks): timers fired, object changes observed. */
  readonly stats = { timersFired: 0, objectChanges: 0, readyPods: 0 };
  private errorsSeen = 0;
  private work: (() => void)[] = [];
  private stopped = false;

  constructor(opts: ClusterOptions = {}) {
    const snap = opts.snapshot;
    this.seed = snap?.seed ?? opts.seed ?? 1;
    this.defaults = snap?.defaults ?? { ...DEFAULT_BEHAVIOUR, ...opts.defaults };
    const start = opts.start === undefined ? DEFAULT_START : typeof opts.start === 'number' ? opts.start : Date.parse(opts.start);
    this.clock = new SimClock(start, snap?.clock);
    this.rng = new Rng(this.seed);
    if (snap) this.rng.state = snap.rng;
    this.inspect = opts.inspect;
    this.recorder = new EventRecorder(() => this.clock.now, () => ++this.rv);
    const images = this.images;
    const clock = this.clock;
    this.env = {
      now: () => clock.now,
      arm: (addr, name, due) => {
        clock.arm(addr, name, due);
      },
      record: (e: RecordedEvent) => this.recorder.record(e),
      hex: (n) => this.rng.hex(n),
      rand: () => this.rng.next(),
      suffix: (n) => this.rng.suffix(n),
      images: {
        has(node, image) {
          const t = images.get(node)?.get(image);
          return t !== undefined && t <= clock.now;
        },
        pull(node, image, ms) {
          let m = images.get(node);
          if (!m) images.set(node, (m = new Map()));
          const t = m.get(image);
          if (t !== undefined && t > clock.now) return t;
          const due = clock.now + ms;
          m.set(image, Math.min(due, t ?? Infinity));
          return due;
        },
      },
      defaults: this.defaults,
    };
    this.podMachine = createPodMachine(this.env);
    this.nodeMachine = createNodeMachine(this.env);
    this.root = createActor(clusterMachine, { inspect: this.inspect }).start();
    if (snap) this.restore(snap);
    else this.bootstrap(opts);
  }

  // ---------------------------------------------------------------- identity

  private uid(): string {
    const h = this.rng.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  now(): number {
    return this.clock.now;
  }

  // ---------------------------------------------------------------- bootstrap & restore

  private bootstrap(opts: ClusterOptions): void {
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.createStatic({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    const nodes = opts.nodes ?? 3;
    const list = typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => defaultNode(`node-${i + 1}`, i)) : nodes;
    for (const n of list) this.createNode(n);
    this.settle();
  }

  private restore(s: ClusterSnapshot): void {
    this.rv = s.rv;
    this.recorder.restore(s.events);
    for (const [node, imgs] of Object.entries(s.images)) this.images.set(node, new Map(Object.entries(imgs)));
    for (const o of s.objects) {
      const e: Entry = { kind: o.kind, namespace: o.namespace, name: o.name, uid: o.uid, rv: o.rv };
      if (o.machine) {
        e.machine = o.machine;
        const logic = o.machine === 'pod' ? this.podMachine : this.nodeMachine;
        const id = `${e.kind}/${keyOfEntry(e)}`;
        e.actor = createActor(logic as any, { snapshot: o.actor as any, parent: this.root, id, systemId: id });
      } else {
        e.object = o.object;
        this.indexOwners(e.uid, undefined, e.object);
      }
      this.store.add(e);
      if (e.machine === 'node') {
        const node = e.actor!.getSnapshot().context.node as Node;
        const ni = newNodeInfo(node);
        this.nodeInfos.set(e.name, ni);
        this.nodeOrder.push(ni);
      }
    }
    for (const e of this.store.all()) {
      if (!e.actor) continue;
      e.actor.start();
      this.observe(e);
      if (e.machine === 'pod') {
        const pod = e.last as Pod;
        this.accountPod(e, pod);
      }
    }
    this.schedQueue = [...s.scheduler.queue];
    this.unschedulable = new Set(s.scheduler.unschedulable);
    this.schedState.nextStartNodeIndex = s.scheduler.nextStartNodeIndex;
    this.evictions = new Map(Object.entries(s.evictions));
    this.podgc = new Map(Object.entries(s.podgc));
    this.foreground = new Set(s.foreground ?? []);
  }

  snapshot(): ClusterSnapshot {
    const objects: SnapshotObject[] = [];
    for (const e of this.store.all()) {
      const o: SnapshotObject = { kind: e.kind, namespace: e.namespace, name: e.name, uid: e.uid, rv: e.rv };
      if (e.actor) {
        o.machine = e.machine;
        o.actor = e.actor.getPersistedSnapshot();
      } else o.object = e.object;
      objects.push(o);
    }
    const images: Record<string, Record<string, number>> = {};
    for (const [n, m] of this.images) images[n] = Object.fromEntries(m);
    return JSON.parse(
      JSON.stringify({
        version: 1,
        seed: this.seed,
        defaults: this.defaults,
        clock: this.clock.snapshot(),
        rng: this.rng.state,
        rv: this.rv,
        objects,
        events: this.recorder.snapshot(),
        images,
        scheduler: { queue: this.schedQueue, unschedulable: [...this.unschedulable], nextStartNodeIndex: this.schedState.nextStartNodeIndex },
        evictions: Object.fromEntries(this.evictions),
        podgc: Object.fromEntries(this.podgc),
        foreground: [...this.foreground],
      }),
    );
  }

  // ---------------------------------------------------------------- actors

  private observe(e: Entry): void {
    const observer: Observer<any> = {
      next: (snap) => this.onSnapshot(e, snap),
      error: (err) => {
        this.fatal ??= err;
      },
    };
    const sub = e.actor!.subscribe(observer);
    e.unsubscribe = () => sub.unsubscribe();
    const snap = e.actor!.getSnapshot();
    e.last = snap.context[e.machine === 'node' ? 'node' : 'pod'];
    this.indexOwners(e.uid, undefined, e.last);
  }

  private onSnapshot(e: Entry, snap: any): void {
    const obj = snap.context[e.machine === 'node' ? 'node' : 'pod'] as KObject;
    if (obj !== e.last) {
      this.stats.objectChanges++;
      const prev = e.last;
      e.last = obj;
      e.rv = ++this.rv;
      if (prev?.metadata.ownerReferences !== obj.metadata.ownerReferences) this.indexOwners(e.uid, prev, obj);
      if (e.machine === 'pod') this.podChanged(e, prev as Pod, obj as Pod);
      else this.nodeChanged(e, prev as Node, obj as Node);
      if (this.store.byUid.get(e.uid) === e) this.emitWatch('MODIFIED', e);
    }
    if (snap.status === 'done' && this.store.byUid.get(e.uid) === e) this.work.push(() => this.removeEntry(e));
  }

  private createActorEntry(kind: 'Pod' | 'Node', obj: KObject): Entry {
    const md = obj.metadata;
    const e: Entry = { kind, namespace: md.namespace, name: md.name, uid: md.uid!, rv: ++this.rv, machine: kind === 'Pod' ? 'pod' : 'node' };
    const addr = kind === 'Pod' ? `pod:${e.uid}` : `node:${e.name}`;
    const logic = kind === 'Pod' ? this.podMachine : this.nodeMachine;
    const input = kind === 'Pod' ? { addr, pod: obj } : { addr, node: obj };
    // The id names the actor in the root's done/error events and traces (never a session id).
    const id = `${kind}/${keyOfEntry(e)}`;
    e.actor = createActor(logic as any, { input: input as any, parent: this.root, id, systemId: id });
    this.store.add(e);
    e.actor.start();
    this.observe(e);
    this.emitWatch('ADDED', e);
    return e;
  }

  /** The live ActorRef of a Pod or Node (for inspection). */
  actor(kind: string, name: string, namespace?: string): AnyActorRef | undefined {
    const k = this.kindName(kind);
    return this.store.get(k, this.nsFor(k, namespace), name)?.actor;
  }

  /** Resolves a timer address: `pod:<uid>[/<container>[/<probe>]]`, `node:<name>`, `cp:<component>`. */
  private resolve(addr: string): AnyActorRef | undefined {
    const parts = addr.split('/');
    const head = parts[0]!;
    let ref: AnyActorRef | undefined;
    if (head.startsWith('pod:')) ref = this.store.byUid.get(head.slice(4))?.actor;
    else if (head.startsWith('node:')) ref = this.store.get('Node', undefined, head.slice(5))?.actor;
    for (let i = 1; ref && i < parts.length; i++) ref = (ref.getSnapshot() as any).children?.[parts[i]!];
    return ref;
  }

  private fire(t: Timer): void {
    this.stats.timersFired++;
    if (t.addr.startsWith('cp:')) return this.fireControlPlane(t);
    const ref = this.resolve(t.addr);
    if (!ref) return;
    const snap = ref.getSnapshot() as any;
    if (snap.status !== 'active' || snap.context?.timers?.[t.name] !== t.due) return;
    ref.send({ type: `timer.${t.name}` });
  }

  // ---------------------------------------------------------------- time

  /** Runs the simulated clock forward (a duration string like '30s' or ms). */
  advance(d: string | number): this {
    const end = this.clock.now + parseDuration(d);
    this.runTo(end);
    return this;
  }

  private runTo(end: number): void {
    this.settle();
    for (;;) {
      const t = this.clock.popDue(end);
      if (!t) break;
      this.fire(t);
      this.settle();
    }
    if (this.clock.now < end) this.clock.now = end;
    this.settle();
  }

  /** Advances until `pred` holds (checked after every step); throws after `timeout` (default 10m). */
  runUntil(pred: (c: Cluster) => boolean, opts: { timeout?: string | number } = {}): this {
    const end = this.clock.now + parseDuration(opts.timeout ?? '10m');
    this.settle();
    if (pred(this)) return this;
    for (;;) {
      const next = this.clock.peek();
      if (next > end) {
        this.runTo(end);
        if (pred(this)) return this;
        throw new ClusterError(`timed out waiting for the condition after ${opts.timeout ?? '10m'}`, 'Timeout');
      }
      const t = this.clock.popDue(next)!;
      this.fire(t);
      this.settle();
      if (pred(this)) return this;
    }
  }

  /** Runs queued control-plane work until nothing is left (deterministic FIFO). */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (;;) {
        const job = this.work.shift();
        if (job) {
          job();
          continue;
        }
        if (this.schedQueue.length) {
          this.runScheduler();
          continue;
        }
        break;
      }
    } finally {
      this.settling = false;
    }
    this.checkFatal();
  }

  /** An exception inside an actor is a bug: surface it to the caller instead of losing it. */
  private checkFatal(): void {
    const errors = (this.root.getSnapshot() as any).context.errors as { id: string; message: string }[];
    if (errors.length > this.errorsSeen) {
      this.errorsSeen = errors.length;
      this.fatal ??= new Error(`actor ${errors[errors.length - 1]!.id} failed: ${errors[errors.length - 1]!.message}`);
    }
    if (this.fatal) {
      const f = this.fatal;
      this.fatal = undefined;
      throw f;
    }
  }

  // ---------------------------------------------------------------- reads

  private kindName(kind: string): string {
    const k = resolveKind(kind);
    if (!k) throw new ClusterError(`the server doesn't have a resource type "${kind}"`, 'NotFound');
    return k.kind;
  }

  private nsFor(kind: string, namespace?: string): string | undefined {
    const k = resolveKind(kind);
    return k?.namespaced ? (namespace ?? 'default') : undefined;
  }

  get(kind: string, name: string, namespace?: string): KObject | undefined {
    const k = this.kindName(kind);
    if (k === 'Event') return this.listEvents({ namespace }).find((e) => e.metadata.name === name);
    const e = this.store.get(k, this.nsFor(k, namespace), name);
    return e ? structuredClone(objectOf(e)) : undefined;
  }

  list(kind: string, opts: ListOptions = {}): KObject[] {
    const k = this.kindName(kind);
    const ls = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    const fs = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    if (fs) validateFieldSelector(fs, k);
    const source: KObject[] =
      k === 'Event'
        ? this.listEvents(opts.allNamespaces ? {} : { namespace: opts.namespace ?? 'default' })
        : [...this.store.entries(k)]
            .filter((e) => opts.allNamespaces || !resolveKind(k)?.namespaced || e.namespace === (opts.namespace ?? 'default'))
            .map(objectOf);
    const out = source.filter((o) => (!ls || matches(ls, o.metadata.labels)) && (!fs || matchesFields(fs, o as any)));
    out.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
    return structuredClone(out);
  }

  private listEvents(opts: { namespace?: string }): KObject[] {
    return this.recorder
      .list()
      .filter((e) => !opts.namespace || e.metadata?.namespace === opts.namespace) as unknown as KObject[];
  }

  /** Kubernetes Events, oldest first. */
  events(opts: { namespace?: string; allNamespaces?: boolean; involved?: { kind: string; name: string; namespace?: string } } = {}): KObject[] {
    let list = this.listEvents(opts.allNamespaces || opts.involved ? {} : { namespace: opts.namespace });
    if (opts.involved) {
      const i = opts.involved;
      const ns = this.nsFor(i.kind, i.namespace);
      list = list.filter((e: any) => e.involvedObject.kind === this.kindName(i.kind) && e.involvedObject.name === i.name && (e.involvedObject.namespace ?? undefined) === ns);
    }
    return list;
  }

  /**
   * Calls `listener` with every change to every object, like a watch on the API server
   * (ADDED / MODIFIED / DELETED with the object as it is then). Returns the unsubscribe function.
   * Costs nothing while nobody watches.
   */
  watch(listener: (e: WatchEvent) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private emitWatch(type: WatchEvent['type'], e: Entry, obj?: KObject): void {
    if (!this.watchers.size) return;
    const object = structuredClone(obj ?? objectOf(e));
    for (const w of this.watchers) w({ type, object });
  }

  // ---------------------------------------------------------------- apply

  /** Creates or updates objects like `kubectl apply`. All-or-nothing: any error changes nothing. */
  apply(input: string | KObject | KObject[], opts: { file?: string } = {}): ApplyResult[] {
    const values = typeof input === 'string' ? null : Array.isArray(input) ? input : [input];
    const parsed = values ? parseObjects(values, { file: opts.file }) : parseManifests(input as string, { file: opts.file });
    if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
    const raws = values ? flattenLists(values) : rawDocuments(input as string);
    type Step = { obj: KObject; raw: string; existing?: Entry; action: ApplyResult['action'] };
    const plan: Step[] = [];
    const errors: ManifestError[] = [];
    const creatingNs = new Set<string>();
    parsed.objects.forEach((lo, i) => {
      const obj = lo.object;
      const kind = obj.kind;
      const info = resolveKind(kind)!;
      const ns = info.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
      if (info.namespaced) obj.metadata.namespace = ns;
      const raw = lastApplied(raws[i] ?? obj, ns);
      const bad = validateBehaviourAnnotations(obj.metadata.annotations);
      for (const b of bad) errors.push({ file: lo.file, line: lo.line, path: `metadata.annotations[${b.key}]`, message: b.message });
      if (kind === 'Namespace') creatingNs.add(obj.metadata.name);
      if (ns && !creatingNs.has(ns) && !this.store.get('Namespace', undefined, ns)) {
        errors.push({ file: lo.file, line: lo.line, path: 'metadata.namespace', message: `namespaces "${ns}" not found` });
      }
      if (!obj.metadata.name && obj.metadata.generateName) {
        plan.push({ obj, raw, action: 'created' });
        return;
      }
      const existing = this.store.get(kind, ns, obj.metadata.name);
      if (!existing) {
        plan.push({ obj, raw, action: 'created' });
        return;
      }
      const cur = objectOf(existing);
      if (cur.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] === raw) {
        plan.push({ obj, raw, existing, action: 'unchanged' });
        return;
      }
      if (cur.metadata.deletionTimestamp) {
        errors.push({ file: lo.file, line: lo.line, path: 'metadata', message: `object is being deleted: ${info.plural} "${obj.metadata.name}" already exists` });
        return;
      }
      if (kind === 'Pod') {
        // Compare with the server-set fields carried over, as the API server's update does.
        const md = cur.metadata;
        const next = {
          ...obj,
          metadata: { ...obj.metadata, uid: md.uid, creationTimestamp: md.creationTimestamp, generation: md.generation, resourceVersion: md.resourceVersion },
          spec: { ...obj.spec, nodeName: cur.spec?.nodeName },
        } as KObject;
        for (const err of validatePodUpdate(cur as any, next as any)) errors.push({ ...err, file: lo.file, line: err.line ?? lo.line });
      }
      plan.push({ obj, raw, existing, action: 'configured' });
    });
    if (errors.length) throw new ManifestLoadError(errors);
    const results: ApplyResult[] = [];
    for (const step of plan) {
      const { obj } = step;
      obj.metadata.annotations = { ...obj.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': step.raw };
      if (step.action === 'created') this.create(obj);
      else if (step.action === 'configured') this.update(step.existing!, obj);
      results.push({ kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, action: step.action });
      this.settle();
    }
    return results;
  }

  /** Creates one object (already validated and defaulted). */
  private create(obj: KObject): Entry {
    const md = obj.metadata;
    if (!md.name && md.generateName) md.name = `${md.generateName}${this.rng.suffix(5)}`;
    md.uid = this.uid();
    md.creationTimestamp = iso(this.clock.now);
    if (obj.kind === 'Pod') md.generation = 1;
    delete md.resourceVersion;
    if (obj.kind === 'Pod') {
      delete obj.status;
      obj.status = { phase: 'Pending', qosClass: undefined };
      delete obj.status.qosClass;
      const e = this.createActorEntry('Pod', obj);
      this.podCreated(e);
      return e;
    }
    if (obj.kind === 'Node') return this.createNode(obj as Node);
    return this.createStatic(obj);
  }

  private createStatic(obj: KObject): Entry {
    const md = obj.metadata;
    md.uid ??= this.uid();
    md.creationTimestamp ??= iso(this.clock.now);
    if (obj.kind === 'Service' && obj.spec && !obj.spec.clusterIP) {
      const ip = `10.96.${this.rng.int(256)}.${1 + this.rng.int(254)}`;
      obj.spec.clusterIP = ip;
      obj.spec.clusterIPs = [ip];
    }
    if (obj.kind === 'PersistentVolumeClaim') obj.status = { phase: 'Pending' };
    const e: Entry = { kind: obj.kind, namespace: md.namespace, name: md.name, uid: md.uid, rv: ++this.rv, object: obj };
    this.store.add(e);
    this.indexOwners(e.uid, undefined, obj);
    this.emitWatch('ADDED', e);
    return e;
  }

  private update(e: Entry, obj: KObject): void {
    if (e.machine === 'pod') {
      const cur = objectOf(e) as Pod;
      const specChanged = JSON.stringify(cur.spec?.containers?.map((c) => c.image)) !== JSON.stringify((obj.spec as any).containers?.map((c: Container) => c.image)) || cur.spec?.activeDeadlineSeconds !== obj.spec?.activeDeadlineSeconds;
      const pod = { ...obj, metadata: { ...obj.metadata, generation: (cur.metadata?.generation ?? 1) + (specChanged ? 1 : 0) } } as Pod;
      e.actor!.send({ type: 'pod.update', pod });
      return;
    }
    if (e.machine === 'node') {
      e.actor!.send({ type: 'node.update', node: obj });
      return;
    }
    const cur = e.object!;
    e.object = { ...obj, metadata: { ...obj.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp }, status: cur.status };
    this.indexOwners(e.uid, cur, e.object);
    if (obj.kind === 'Service' && cur.spec?.clusterIP) e.object.spec = { ...obj.spec, clusterIP: cur.spec.clusterIP, clusterIPs: cur.spec.clusterIPs };
    e.rv = ++this.rv;
  }

  // ---------------------------------------------------------------- nodes

  private createNode(n: Node): Entry {
    const node = structuredClone(n) as Node & KObject;
    const md = node.metadata as KObject['metadata'];
    md.uid ??= this.uid();
    md.creationTimestamp ??= iso(this.clock.now);
    const index = this.nodeOrder.length;
    if (!node.spec?.podCIDR) node.spec = { ...node.spec, podCIDR: `${podCIDRBase(index)}.0/24`, podCIDRs: [`${podCIDRBase(index)}.0/24`] };
    if (!node.status?.addresses) {
      node.status = {
        ...defaultNode(md.name!, index).status,
        ...node.status,
      };
    }
    md.labels = { ...defaultNode(md.name!, index).metadata!.labels, ...md.labels };
    const e = this.createActorEntry('Node', node);
    const ni = newNodeInfo(e.last as Node);
    this.nodeInfos.set(e.name, ni);
    this.nodeOrder.push(ni);
    this.recorder.record({ type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', involved: { kind: 'Node', name: e.name, uid: e.name }, component: 'kubelet', host: e.name });
    this.recorder.record({ type: 'Normal', reason: 'RegisteredNode', message: `Node ${e.name} event: Registered Node ${e.name} in Controller`, involved: { kind: 'Node', name: e.name, uid: e.name }, component: 'node-controller' });
    this.requeueUnschedulable();
    return e;
  }

  private nodeEntry(name: string): Entry {
    const e = this.store.get('Node', undefined, name);
    if (!e) throw new ClusterError(`nodes "${name}" not found`, 'NotFound');
    return e;
  }

  /** Adds a node (a name for a default worker, or a Node object). */
  addNode(node: string | Node): KObject {
    const n = typeof node === 'string' ? defaultNode(node, this.nodeOrder.length) : node;
    if (this.store.get('Node', undefined, n.metadata!.name!)) throw new ClusterError(`nodes "${n.metadata!.name}" already exists`, 'AlreadyExists');
    const e = this.createNode(n);
    this.settle();
    return objectOf(e);
  }

  private updateNode(name: string, f: (n: Node) => Node): void {
    const e = this.nodeEntry(name);
    e.actor!.send({ type: 'node.update', node: f(structuredClone(e.last as Node)) });
    this.settle();
  }

  cordon(name: string): void {
    this.updateNode(name, (n) => ({ ...n, spec: { ...n.spec, unschedulable: true } }));
  }

  uncordon(name: string): void {
    this.updateNode(name, (n) => {
      const spec = { ...n.spec };
      delete spec.unschedulable;
      return { ...n, spec };
    });
  }

  /** Adds (`key=value:Effect`) or removes (`key:Effect-` / `key-`) a taint, like `kubectl taint`. */
  taint(name: string, spec: string): void {
    const m = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
    if (!m || (!m[4] && !m[3])) throw new ClusterError(`invalid taint spec: ${spec}, expected key[=value]:Effect (NoSchedule|PreferNoSchedule|NoExecute) or key[:Effect]-`, 'Invalid');
    const [, key, value, effect, remove] = m;
    this.updateNode(name, (n) => {
      let taints = [...(n.spec?.taints ?? [])];
      if (remove) {
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
        if (before === taints.length) throw new ClusterError(`taint "${key}${effect ? `:${effect}` : ''}" not found`, 'NotFound');
      } else {
        taints = taints.filter((t) => !(t.key === key && t.effect === effect));
        const t: any = { key, effect };
        if (value) t.value = value;
        if (effect === 'NoExecute') t.timeAdded = iso(this.clock.now);
        taints.push(t);
      }
      return { ...n, spec: { ...n.spec, taints } };
    });
  }

  label(kind: string, name: string, labels: Record<string, string | null>, namespace?: string): void {
    const k = this.kindName(kind);
    const e = this.store.get(k, this.nsFor(k, namespace), name);
    if (!e) throw new ClusterError(`${resolveKind(k)!.plural} "${name}" not found`, 'NotFound');
    const obj = structuredClone(objectOf(e));
    const next: Record<string, string> = { ...obj.metadata.labels };
    for (const [lk, lv] of Object.entries(labels)) {
      if (lv === null) delete next[lk];
      else next[lk] = lv;
    }
    obj.metadata.labels = next;
    if (e.machine === 'node') e.actor!.send({ type: 'node.update', node: obj });
    else if (e.machine === 'pod') e.actor!.send({ type: 'pod.update', pod: obj });
    else this.update(e, obj);
    this.settle();
  }

  /**
   * Fails a node: `unreachable` (the kubelet stops posting status: after the grace period the
   * node is Unknown and tainted unreachable) or `notready` (the kubelet reports NotReady).
   */
  failNode(name: string, mode: 'unreachable' | 'notready' = 'unreachable'): void {
    const e = this.nodeEntry(name);
    e.actor!.send({ type: 'node.kubelet', state: mode === 'notready' ? 'NotReady' : 'Stopped' });
    if (mode === 'unreachable') for (const p of this.podsOnNode(name)) p.actor!.send({ type: 'pod.kubelet', up: false });
    this.settle();
  }

  recoverNode(name: string): void {
    const e = this.nodeEntry(name);
    e.actor!.send({ type: 'node.kubelet', state: 'Ready' });
    for (const p of this.podsOnNode(name)) p.actor!.send({ type: 'pod.kubelet', up: true });
    this.settle();
  }

  removeNode(name: string): void {
    const e = this.nodeEntry(name);
    this.recorder.record({ type: 'Normal', reason: 'RemovingNode', message: `Node ${name} event: Removing Node ${name} from Controller`, involved: { kind: 'Node', name, uid: name }, component: 'node-controller' });
    this.removeEntry(e);
    this.podgc.set(name, this.clock.now + PODGC_QUARANTINE_MS);
    this.clock.arm('cp:podgc', name, this.clock.now + PODGC_QUARANTINE_MS);
    this.settle();
  }

  private podsOnNode(name: string): Entry[] {
    const out: Entry[] = [];
    for (const e of this.store.entries('Pod')) if ((e.last as Pod).spec?.nodeName === name) out.push(e);
    return out;
  }

  private nodeChanged(e: Entry, prev: Node | undefined, node: Node): void {
    const ni = this.nodeInfos.get(e.name);
    if (ni) setNode(ni, node);
    const readyOf = (n?: Node) => n?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const was = readyOf(prev);
    const now = readyOf(node);
    if (was === 'True' && now !== 'True') {
      // MarkPodsNotReady: the node lifecycle controller flips each pod's Ready condition.
      for (const p of this.podsOnNode(e.name)) {
        // MarkPodsNotReady records the event only where it flips Ready from True.
        if (!isReady(p.last as Pod)) continue;
        this.recorder.record({
          type: 'Warning',
          reason: 'NodeNotReady',
          message: 'Node is not ready',
          involved: { kind: 'Pod', name: p.name, namespace: p.namespace, uid: p.uid },
          component: 'node-controller',
        });
        p.actor!.send({ type: 'pod.conditions', conditions: [{ type: 'Ready', status: 'False' }] });
      }
    }
    if (now === 'True' && was !== 'True') {
      // The kubelet's next status report overwrites the controller's Ready=False.
      for (const p of this.podsOnNode(e.name)) p.actor!.send({ type: 'pod.conditions', conditions: [], remove: ['Ready'] });
    }
    const noExec = (n?: Node) => JSON.stringify((n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
    if (noExec(prev) !== noExec(node)) this.work.push(() => this.reconcileEvictions(e.name));
    this.requeueUnschedulable();
  }

  // ---------------------------------------------------------------- taint eviction & pod GC

  /** pkg/controller/tainteviction: pods not tolerating a NoExecute taint are deleted, after tolerationSeconds. */
  private reconcileEvictions(nodeName: string): void {
    const e = this.store.get('Node', undefined, nodeName);
    const taints = ((e?.last as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    for (const p of this.podsOnNode(nodeName)) {
      const pod = p.last as Pod;
      if (pod.metadata?.deletionTimestamp) continue;
      if (!taints.length) {
        this.evictions.delete(p.uid);
        continue;
      }
      const seconds = getMinTolerationTime(pod.spec?.tolerations, taints);
      if (seconds < 0) {
        this.evictions.delete(p.uid);
        continue;
      }
      const added = Math.max(...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : this.clock.now)));
      let due = Math.max(this.clock.now, (Number.isFinite(added) ? added : this.clock.now) + seconds * 1000);
      // processPodOnNode keeps an already scheduled eviction that fires earlier.
      const pending = this.evictions.get(p.uid);
      if (pending !== undefined && pending < due) due = pending;
      if (pending === due) continue;
      this.evictions.set(p.uid, due);
      if (due <= this.clock.now) this.work.push(() => this.evict(p.uid, due));
      else this.clock.arm('cp:taint-eviction', p.uid, due);
    }
  }

  private fireControlPlane(t: Timer): void {
    if (t.addr === 'cp:taint-eviction') this.evict(t.name, t.due);
    else if (t.addr === 'cp:podgc') {
      if (this.podgc.get(t.name) !== t.due) return;
      this.podgc.delete(t.name);
      if (this.store.get('Node', undefined, t.name)) return;
      for (const p of this.podsOnNode(t.name)) {
        p.actor!.send({ type: 'pod.conditions', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }] });
        this.removeEntry(p);
      }
    } else if (t.addr === 'cp:scheduler') {
      if (this.unschedulable.has(t.name)) {
        this.unschedulable.delete(t.name);
        this.schedQueue.push(t.name);
      }
    }
  }

  /** The taint-eviction controller deletes a pod whose toleration time ran out. */
  private evict(uid: string, due: number): void {
    if (this.evictions.get(uid) !== due) return;
    this.evictions.delete(uid);
    const p = this.store.byUid.get(uid);
    if (!p || p.machine !== 'pod') return;
    this.recorder.record({
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${p.namespace}/${p.name}`,
      involved: { kind: 'Pod', name: p.name, namespace: p.namespace, uid: p.uid },
      component: 'taint-eviction-controller',
    });
    p.actor!.send({ type: 'pod.conditions', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] });
    this.deletePod(p, {});
  }

  // ---------------------------------------------------------------- scheduling

  private podCreated(e: Entry): void {
    const pod = e.last as Pod;
    if (pod.spec?.nodeName) {
      this.bind(e, pod.spec.nodeName, false);
    } else if ((pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') {
      this.schedQueue.push(e.uid);
    }
  }

  private requeueUnschedulable(): void {
    if (!this.unschedulable.size) return;
    for (const uid of this.unschedulable) this.schedQueue.push(uid);
    this.unschedulable.clear();
  }

  private runScheduler(): void {
    const queue = this.schedQueue;
    this.schedQueue = [];
    for (const uid of queue) {
      const e = this.store.byUid.get(uid);
      if (!e || e.machine !== 'pod') continue;
      const pod = e.last as Pod;
      if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
      const r = schedulePod(pod, this.nodeOrder, this.schedState, () => this.rng.next());
      if ('nodeName' in r) {
        this.bind(e, r.nodeName, true);
      } else {
        this.recorder.record({
          type: 'Warning',
          reason: 'FailedScheduling',
          message: r.error,
          involved: { kind: 'Pod', name: e.name, namespace: e.namespace, uid: e.uid },
          component: 'default-scheduler',
        });
        e.actor!.send({
          type: 'pod.conditions',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: r.error } as PodCondition],
        });
        this.unschedulable.add(uid);
        this.clock.arm('cp:scheduler', uid, this.clock.now + UNSCHEDULABLE_RETRY_MS);
      }
    }
  }

  private bind(e: Entry, nodeName: string, byScheduler: boolean): void {
    const ni = this.nodeInfos.get(nodeName);
    const pod = e.last as Pod;
    if (byScheduler) {
      this.recorder.record({
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${e.namespace}/${e.name} to ${nodeName}`,
        involved: { kind: 'Pod', name: e.name, namespace: e.namespace, uid: e.uid },
        component: 'default-scheduler',
      });
    }
    if (!ni) {
      // Bound to a node that does not exist: PodGC collects it after its quarantine.
      e.boundNode = nodeName;
      if (!this.podgc.has(nodeName)) {
        this.podgc.set(nodeName, this.clock.now + PODGC_QUARANTINE_MS);
        this.clock.arm('cp:podgc', nodeName, this.clock.now + PODGC_QUARANTINE_MS);
      }
      return;
    }
    const nodeIndex = this.nodeOrder.indexOf(ni);
    const podIP = pod.spec?.hostNetwork ? nodeIP(nodeIndex) : this.allocateIP(nodeName, nodeIndex);
    e.boundNode = nodeName;
    addPod(ni, pod);
    e.actor!.send({ type: 'pod.bound', nodeName, hostIP: nodeIP(nodeIndex), podIP });
  }

  private allocateIP(nodeName: string, nodeIndex: number): string {
    let used = this.usedIPs.get(nodeName);
    if (!used) this.usedIPs.set(nodeName, (used = new Set()));
    let host = 2 + this.rng.int(252);
    while (used.has(host) && used.size < 252) host = 2 + ((host - 1) % 252);
    used.add(host);
    return `${podCIDRBase(nodeIndex)}.${host}`;
  }

  /** Re-derives scheduler accounting for a restored pod. */
  private accountPod(e: Entry, pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const ni = this.nodeInfos.get(node);
    e.boundNode = node;
    if (!ni) return; // its node is gone: PodGC will collect it
    addPod(ni, pod);
    const ip = pod.status?.podIP;
    if (ip) {
      let used = this.usedIPs.get(node);
      if (!used) this.usedIPs.set(node, (used = new Set()));
      used.add(Number(ip.split('.')[3]));
    }
  }

  private releasePod(e: Entry): void {
    if (!e.boundNode) return;
    const ni = this.nodeInfos.get(e.boundNode);
    const pod = e.last as Pod;
    if (ni) removePod(ni, pod);
    const ip = pod.status?.podIP;
    if (ip) this.usedIPs.get(e.boundNode)?.delete(Number(ip.split('.')[3]));
    e.boundNode = undefined;
    this.requeueUnschedulable();
  }

  private podChanged(e: Entry, prev: Pod | undefined, pod: Pod): void {
    const wasReady = isReady(prev);
    const ready = isReady(pod);
    if (wasReady !== ready) this.stats.readyPods += ready ? 1 : -1;
    const phase = pod.status?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && e.boundNode) this.releasePod(e);
  }

  // ---------------------------------------------------------------- deletion & GC

  delete(kind: string, name: string, opts: DeleteOptions = {}): void {
    const k = this.kindName(kind);
    const ns = this.nsFor(k, opts.namespace);
    const e = this.store.get(k, ns, name);
    if (!e) throw new ClusterError(`${resolveKind(k)!.plural} "${name}" not found`, 'NotFound');
    if (opts.force && (opts.gracePeriodSeconds ?? 0) > 0) {
      throw new ClusterError('--force and --grace-period greater than 0 cannot be specified together', 'BadRequest');
    }
    this.deleteWithPolicy(e, opts.propagationPolicy ?? 'Background', opts);
    this.settle();
  }

  /**
   * pkg/controller/garbagecollector: Orphan strips this owner from its dependents' ownerReferences
   * first; Foreground marks the owner (deletionTimestamp + `foregroundDeletion` finalizer), deletes
   * its dependents (in Foreground too) and removes the owner once no dependent with
   * `blockOwnerDeletion` is left; Background removes the owner and lets the collector delete
   * dependents whose owners are all gone.
   */
  private deleteWithPolicy(e: Entry, policy: 'Background' | 'Foreground' | 'Orphan', opts: DeleteOptions): void {
    if (policy === 'Orphan') this.orphanDependents(e);
    if (policy === 'Foreground' && this.dependentsOf(e.uid).length) {
      if (this.foreground.has(e.uid)) return;
      this.foreground.add(e.uid);
      if (e.object) {
        const md = e.object.metadata;
        e.object = { ...e.object, metadata: { ...md, deletionTimestamp: md.deletionTimestamp ?? iso(this.clock.now), finalizers: [...(md.finalizers ?? []), 'foregroundDeletion'] } };
        e.rv = ++this.rv;
      }
      for (const d of this.dependentsOf(e.uid)) this.deleteWithPolicy(d, 'Foreground', {});
      this.work.push(() => this.finishForeground(e.uid, opts));
      return;
    }
    if (e.kind === 'Pod') this.deletePod(e, opts);
    else if (e.kind === 'Node') this.removeNode(e.name);
    else if (e.kind === 'Namespace') this.deleteNamespace(e);
    else this.removeEntry(e);
  }

  private finishForeground(uid: string, opts: DeleteOptions = {}): void {
    const owner = this.store.byUid.get(uid);
    if (!owner || !this.foreground.has(uid)) return;
    const blocking = this.dependentsOf(uid).filter((d) =>
      (d.last ?? d.object)!.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion),
    );
    if (blocking.length) return;
    this.foreground.delete(uid);
    if (owner.object?.metadata.finalizers) {
      const finalizers = owner.object.metadata.finalizers.filter((f) => f !== 'foregroundDeletion');
      const md: KObject['metadata'] = { ...owner.object.metadata, finalizers };
      if (!finalizers.length) delete md.finalizers;
      owner.object = { ...owner.object, metadata: md };
    }
    if (owner.kind === 'Pod') this.deletePod(owner, opts);
    else if (owner.kind === 'Namespace') this.deleteNamespace(owner);
    else this.removeEntry(owner);
  }

  /** Keeps the owner → dependents index in line with an object's ownerReferences. */
  private indexOwners(uid: string, before: KObject | undefined, after: KObject | undefined): void {
    const a = before?.metadata.ownerReferences;
    const b = after?.metadata.ownerReferences;
    if (a === b) return;
    for (const r of a ?? []) this.dependents.get(r.uid)?.delete(uid);
    for (const r of b ?? []) {
      let set = this.dependents.get(r.uid);
      if (!set) this.dependents.set(r.uid, (set = new Set()));
      set.add(uid);
    }
  }

  private deletePod(e: Entry, opts: DeleteOptions): void {
    const pod = e.last as Pod;
    const grace = opts.force ? 0 : (opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    if (grace === 0) {
      this.removeEntry(e);
      return;
    }
    e.actor!.send({ type: 'pod.delete', graceMs: grace * 1000 });
  }

  private deleteNamespace(e: Entry): void {
    if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(e.name)) {
      throw new ClusterError(`namespaces "${e.name}" is forbidden: this namespace may not be deleted`, 'BadRequest');
    }
    const obj = e.object!;
    e.object = { ...obj, metadata: { ...obj.metadata, deletionTimestamp: iso(this.clock.now) }, status: { phase: 'Terminating' } };
    e.rv = ++this.rv;
    for (const kind of this.store.allKinds()) {
      if (kind === 'Namespace' || kind === 'Node') continue;
      for (const d of [...this.store.entries(kind)]) {
        if (d.namespace !== e.name) continue;
        if (kind === 'Pod') this.deletePod(d, {});
        else this.removeEntry(d);
      }
    }
    this.work.push(() => this.finishNamespace(e));
  }

  private finishNamespace(e: Entry): void {
    if (!this.store.byUid.has(e.uid)) return;
    for (const kind of this.store.allKinds()) {
      if (kind === 'Namespace' || kind === 'Node') continue;
      for (const d of this.store.entries(kind)) if (d.namespace === e.name) return;
    }
    this.removeEntry(e);
  }

  private orphanDependents(owner: Entry): void {
    for (const d of this.dependentsOf(owner.uid)) {
      const obj = structuredClone(objectOf(d));
      obj.metadata.ownerReferences = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.uid);
      if (!obj.metadata.ownerReferences.length) delete obj.metadata.ownerReferences;
      if (d.machine === 'pod') d.actor!.send({ type: 'pod.update', pod: obj });
      else if (d.object) {
        this.indexOwners(d.uid, d.object, obj);
        d.object = obj;
        d.rv = ++this.rv;
      }
    }
  }

  private dependentsOf(uid: string): Entry[] {
    const out: Entry[] = [];
    for (const d of this.dependents.get(uid) ?? []) {
      const e = this.store.byUid.get(d);
      if (e) out.push(e);
    }
    return out;
  }

  /** Removes an object from the API; dependents whose owners are all gone are deleted (Background). */
  private removeEntry(e: Entry): void {
    if (this.store.byUid.get(e.uid) !== e) return;
    if (this.watchers.size) this.emitWatch('DELETED', e);
    if (e.machine === 'pod') {
      this.releasePod(e);
      if (isReady(e.last as Pod)) this.stats.readyPods--;
    }
    this.store.remove(e);
    if (e.actor) {
      e.unsubscribe?.();
      if (e.actor.getSnapshot().status === 'active') stopMember(e.actor);
    }
    if (e.machine === 'node') {
      const ni = this.nodeInfos.get(e.name);
      this.nodeInfos.delete(e.name);
      if (ni) this.nodeOrder = this.nodeOrder.filter((n) => n !== ni);
      this.images.delete(e.name);
    }
    this.evictions.delete(e.uid);
    const self = e.last ?? e.object;
    for (const r of self?.metadata.ownerReferences ?? []) {
      if (this.foreground.has(r.uid)) this.work.push(() => this.finishForeground(r.uid));
    }
    this.indexOwners(e.uid, self, undefined);
    for (const d of this.dependentsOf(e.uid)) {
      const live = (d.last ?? d.object)!.metadata.ownerReferences!.filter((r) => r.uid !== e.uid && this.store.byUid.has(r.uid));
      if (live.length) continue;
      this.work.push(() => {
        if (!this.store.byUid.has(d.uid)) return;
        if (d.machine === 'pod') this.deletePod(d, {});
        else this.removeEntry(d);
      });
    }
    this.dependents.delete(e.uid);
    this.foreground.delete(e.uid);
  }

  // ---------------------------------------------------------------- fault injection

  private podEntry(name: string, namespace?: string): Entry {
    const e = this.store.get('Pod', namespace ?? 'default', name);
    if (!e) throw new ClusterError(`pods "${name}" not found`, 'NotFound');
    return e;
  }

  private containerRef(pod: Entry, container?: string): { ref: AnyActorRef; name: string } {
    const p = pod.last as Pod;
    const name = container ?? defaultContainer(p);
    const ref = (pod.actor!.getSnapshot() as any).children?.[name] as AnyActorRef | undefined;
    if (!ref) {
      const all = allContainerNames(p);
      if (all.includes(name)) throw new ClusterError(`container "${name}" in pod "${p.metadata!.name}" is waiting to start: PodScheduled`, 'BadRequest');
      throw new ClusterError(`container ${name} is not valid for pod ${p.metadata!.name}`, 'BadRequest');
    }
    return { ref, name };
  }

  /** Makes a container's process exit now with `exitCode`. */
  crashContainer(pod: string, opts: { container?: string; exitCode?: number; namespace?: string } = {}): void {
    const { ref, name } = this.containerRef(this.podEntry(pod, opts.namespace), opts.container);
    const state = (ref.getSnapshot() as any).context.status.state;
    if (!state?.running) throw new ClusterError(`container ${name} is not running`, 'BadRequest');
    ref.send({ type: 'container.crash', exitCode: opts.exitCode ?? 1 });
    this.settle();
  }

  /** Forces a probe's outcome (`Failure`/`Success`), or gives it back to the behaviour (`null`). */
  setProbe(pod: string, kind: 'liveness' | 'readiness' | 'startup', result: 'Success' | 'Failure' | null, opts: { container?: string; namespace?: string } = {}): void {
    const { ref, name } = this.containerRef(this.podEntry(pod, opts.namespace), opts.container);
    const probe = (ref.getSnapshot() as any).children?.[kind] as AnyActorRef | undefined;
    if (!probe) throw new ClusterError(`container "${name}" has no running ${kind} probe`, 'BadRequest');
    probe.send({ type: 'probe.force', result });
    this.settle();
  }

  // ---------------------------------------------------------------- logs, exec, debug

  logs(pod: string, opts: { container?: string; previous?: boolean; namespace?: string; timestamps?: boolean; tail?: number } = {}): string {
    const e = this.podEntry(pod, opts.namespace);
    const p = e.last as Pod;
    const name = opts.container ?? defaultContainer(p);
    if (!allContainerNames(p).includes(name)) {
      throw new ClusterError(`container ${name} is not valid for pod ${pod}`, 'BadRequest');
    }
    const ref = (e.actor!.getSnapshot() as any).children?.[name] as AnyActorRef | undefined;
    const ctx = ref ? (ref.getSnapshot() as any).context : undefined;
    // Which instance's log: the kubelet's validateContainerLogStatus (pkg/kubelet/kubelet_pods.go).
    // `logs` keeps the newest instance; `previousLogs` the one before it. Waiting in a crash loop,
    // the newest instance IS the last terminated one, for both `logs` and `logs --previous`.
    const state = ctx?.status.state ?? {};
    const lastTerminated = !!ctx?.status.lastState?.terminated;
    const newestIsCurrent = !!(state.running || state.terminated);
    if (opts.previous) {
      if (!lastTerminated) throw new ClusterError(`previous terminated container "${name}" in pod "${pod}" not found`, 'BadRequest');
      return render(newestIsCurrent ? (ctx.previousLogs ?? []) : ctx.logs, opts);
    }
    if (newestIsCurrent || lastTerminated) return render(ctx.logs, opts);
    const reason = state.waiting?.reason ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    throw new ClusterError(`container "${name}" in pod "${pod}" is waiting to start: ${why}`, 'BadRequest');
  }

  /**
   * What `ps aux` shows in a container: its own process as PID 1, or — with
   * `shareProcessNamespace` (or an ephemeral container targeting it) — the pause process as PID 1
   * and every container's process after it.
   */
  processes(pod: string, opts: { container?: string; namespace?: string } = {}): { pid: number; container: string; command: string }[] {
    const e = this.podEntry(pod, opts.namespace);
    const p = e.last as Pod;
    const name = opts.container ?? defaultContainer(p);
    const children = (e.actor!.getSnapshot() as any).children ?? {};
    const running = (n: string) => !!children[n]?.getSnapshot().context.status.state?.running;
    const cmd = (c: Container | EphemeralContainer) => [...(c.command ?? []), ...(c.args ?? [])].join(' ') || entrypointOf(c.image ?? '');
    const all: (Container | EphemeralContainer)[] = [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? []), ...(p.spec?.ephemeralContainers ?? [])];
    const self = all.find((c) => c.name === name);
    if (!self) throw new ClusterError(`container ${name} is not valid for pod ${pod}`, 'BadRequest');
    if (!running(name)) throw new ClusterError(`container ${name} is not running`, 'BadRequest');
    const target = (self as EphemeralContainer).targetContainerName;
    if (p.spec?.shareProcessNamespace) {
      const out = [{ pid: 1, container: 'POD', command: '/pause' }];
      let pid = 7;
      for (const c of all) if (running(c.name)) out.push({ pid: pid++, container: c.name, command: cmd(c) });
      return out;
    }
    if (target) {
      const t = all.find((c) => c.name === target);
      const out = [];
      if (t && running(target)) out.push({ pid: 1, container: target, command: cmd(t) });
      out.push({ pid: out.length ? 7 : 1, container: name, command: cmd(self) });
      return out;
    }
    return [{ pid: 1, container: name, command: cmd(self) }];
  }

  /**
   * `kubectl debug`: an ephemeral container in the running pod (optionally sharing a target
   * container's process namespace), or a debug copy of the pod (`copyTo`, `setImage`).
   */
  debug(pod: string, opts: { image?: string; container?: string; target?: string; copyTo?: string; setImage?: Record<string, string>; namespace?: string; command?: string[] } = {}): { pod: string; container?: string } {
    const e = this.podEntry(pod, opts.namespace);
    const p = e.last as Pod;
    if (opts.copyTo) {
      if (this.store.get('Pod', e.namespace, opts.copyTo)) throw new ClusterError(`pods "${opts.copyTo}" already exists`, 'AlreadyExists');
      const spec = structuredClone(p.spec!);
      delete spec.nodeName;
      delete spec.ephemeralContainers;
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        const img = opts.setImage?.[c.name] ?? opts.setImage?.['*'];
        if (img) c.image = img;
      }
      let debugName: string | undefined;
      const existing = opts.container ? spec.containers.find((c) => c.name === opts.container) : undefined;
      if (existing) {
        // kubectl debug --copy-to -c <existing>: that container is changed, not added.
        if (opts.image) existing.image = opts.image;
        if (opts.command) {
          existing.command = opts.command;
          delete existing.args;
        }
        debugName = existing.name;
      } else if (opts.image) {
        debugName = opts.container ?? `debugger-${this.rng.suffix(5)}`;
        spec.containers.push({ name: debugName, image: opts.image, command: opts.command, stdin: true, tty: true, terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', resources: {} } as Container);
        spec.shareProcessNamespace = spec.shareProcessNamespace ?? undefined;
      }
      const copy: KObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: opts.copyTo, namespace: e.namespace, annotations: p.metadata?.annotations ? { ...p.metadata.annotations } : undefined },
        spec,
      };
      if (copy.metadata.annotations) delete copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (!copy.metadata.annotations || !Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
      const parsed = parseManifests(JSON.stringify(copy));
      if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
      this.create(parsed.objects[0]!.object);
      this.settle();
      return { pod: opts.copyTo, container: debugName };
    }
    if (!opts.image) throw new ClusterError('--image is required unless --copy-to is given', 'BadRequest');
    if (!p.spec?.nodeName) throw new ClusterError(`pod ${pod} is not scheduled yet`, 'BadRequest');
    if (opts.target && !p.spec.containers.some((c) => c.name === opts.target)) {
      throw new ClusterError(`spec.ephemeralContainers[0].targetContainerName: Not found: "${opts.target}"`, 'Invalid');
    }
    if (opts.container && allContainerNames(p).includes(opts.container)) {
      throw new ClusterError(`container "${opts.container}" already exists in pod ${pod}`, 'Invalid');
    }
    // Drawn only once the request is known to be valid: a refused command changes nothing.
    let name = opts.container ?? `debugger-${this.rng.suffix(5)}`;
    while (allContainerNames(p).includes(name)) name = `debugger-${this.rng.suffix(5)}`;
    const c: EphemeralContainer = {
      name,
      image: opts.image,
      imagePullPolicy: defaultImagePullPolicy(opts.image),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      stdin: true,
      tty: true,
      resources: {},
    };
    if (opts.command) c.command = opts.command;
    if (opts.target) c.targetContainerName = opts.target;
    e.actor!.send({ type: 'pod.ephemeral', container: c });
    this.settle();
    return { pod, container: name };
  }

  // ---------------------------------------------------------------- later issues

  scale(kind: string, _name: string, _replicas: number): never {
    throw new ClusterError(`scaling ${this.kindName(kind)} is not supported by this version of kubeactors yet`, 'Unsupported');
  }

  setImage(kind: string, name: string, images: Record<string, string>, namespace?: string): void {
    const k = this.kindName(kind);
    if (k !== 'Pod') throw new ClusterError(`set image on ${k} is not supported by this version of kubeactors yet`, 'Unsupported');
    const e = this.podEntry(name, namespace);
    const obj = structuredClone(objectOf(e)) as Pod;
    let changed = false;
    for (const c of [...obj.spec!.containers, ...(obj.spec!.initContainers ?? [])]) {
      const img = images[c.name] ?? images['*'];
      if (img && img !== c.image) {
        c.image = img;
        changed = true;
      }
    }
    const unknown = Object.keys(images).filter((n) => n !== '*' && !allContainerNames(obj).includes(n));
    if (unknown.length) throw new ClusterError(`unable to find container named "${unknown[0]}"`, 'NotFound');
    if (!changed) return;
    (obj.metadata as KObject['metadata']).generation = (obj.metadata!.generation ?? 1) + 1;
    e.actor!.send({ type: 'pod.update', pod: obj });
    this.settle();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const e of this.store.all()) {
      e.unsubscribe?.();
      if (e.actor && e.actor.getSnapshot().status === 'active') stopMember(e.actor);
    }
    this.root.stop();
  }
}

/**
 * Members of the root's system are parented to it without being in its children map, and XState
 * refuses `stop()` on a parented actor; `_stop` is the same procedure without that check.
 */
function stopMember(a: AnyActorRef): void {
  (a as any)._stop();
}

function keyOfEntry(e: { namespace?: string; name: string }): string {
  return e.namespace ? `${e.namespace}/${e.name}` : e.name;
}

// ------------------------------------------------------------------ helpers

function isReady(p: Pod | undefined): boolean {
  return !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

function allContainerNames(p: Pod): string[] {
  return [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? []), ...(p.spec?.ephemeralContainers ?? [])].map((c) => c.name);
}

/** kubectl's default container: the `kubectl.kubernetes.io/default-container` annotation, else the first. */
export function defaultContainer(p: Pod): string {
  return p.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? p.spec!.containers[0]!.name;
}

function entrypointOf(image: string): string {
  const base = image.split('/').pop()!.split(':')[0]!.split('@')[0]!;
  const known: Record<string, string> = {
    nginx: 'nginx: master process nginx -g daemon off;',
    busybox: 'sh',
    redis: 'redis-server *:6379',
    perl: 'perl',
    pause: '/pause',
  };
  return known[base] ?? base;
}

function render(lines: { t: number; line: string }[], opts: { timestamps?: boolean; tail?: number }): string {
  const sel = opts.tail !== undefined && opts.tail >= 0 ? lines.slice(Math.max(0, lines.length - opts.tail)) : lines;
  return sel.map((l) => (opts.timestamps ? `${new Date(l.t).toISOString().replace('Z', '000000Z')} ${l.line}` : l.line)).join('\n') + (sel.length ? '\n' : '');
}

/** The documents as written (before defaulting), for last-applied-configuration. */
function rawDocuments(text: string): unknown[] {
  try {
    return flattenLists(YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null && d !== undefined));
  } catch {
    return [];
  }
}

function flattenLists(docs: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    if (d && typeof d === 'object' && (d as any).kind === 'List' && Array.isArray((d as any).items)) out.push(...(d as any).items);
    else out.push(d);
  }
  return out;
}

/** kubectl's last-applied-configuration: the object as given, JSON with sorted keys, plus the namespace. */
function lastApplied(raw: unknown, namespace: string | undefined): string {
  const obj = structuredClone(raw) as any;
  if (obj && typeof obj === 'object' && namespace) {
    obj.metadata = { ...obj.metadata, namespace };
    if (obj.metadata.annotations) {
      delete obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (!Object.keys(obj.metadata.annotations).length) delete obj.metadata.annotations;
    }
  }
  return JSON.stringify(sortKeys(obj)) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v;
}

import YAML from 'yaml';
import { iso } from '../../machines/time.ts';

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}

export { TAINT_UNREACHABLE, STATIC_KINDS };
