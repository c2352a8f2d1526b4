/**
 * The cluster runtime: the root supervisor. It owns the simulated clock, the seeded RNG, the
 * object index, the event recorder and the control-plane loops that are not per-object actors
 * (scheduler, node lifecycle reactions, taint eviction, pod GC, garbage collector). Pods and
 * Nodes are XState actors; the cluster hands each the Env it runs in, delivers their timers at
 * their due times, and derives the API view from their snapshots.
 *
 * `Cluster` is the public facade over one `ClusterState` (state.ts); the work is done by:
 *   runtime.ts        actors, timer delivery, the settle loop
 *   snapshot.ts       bootstrap, snapshot and restore
 *   apply.ts          apply, create, update, label, set image
 *   scheduling.ts     the scheduling queue, binding, pod IPs, resource accounting
 *   nodelifecycle.ts  node operations, MarkPodsNotReady, taint eviction, PodGC
 *   gc.ts             deletion, propagation policies, the garbage collector
 *   kubelet.ts        logs, processes, debug, crashing containers, forcing probes
 */
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { TAINT_UNREACHABLE } from '../../machines/node.ts';
import type { BehaviourDefaults } from '../../machines/behaviour.ts';
import type { Env } from '../../machines/env.ts';
import type { SimClock } from '../clock.ts';
import { parseDuration } from '../duration.ts';
import type { Rng } from '../rng.ts';
import { resolveKind } from '../kinds.ts';
import { matches, parseSelector, parseFieldSelector, matchesFields, selectorFromLabelSelector, selectorFromSet, validateFieldSelector } from '../labels.ts';
import type { KObject, Node } from '../types.ts';
import * as writes from './apply.ts';
import type { EventRecorder } from './events.ts';
import { deleteObject } from './gc.ts';
import * as kubelet from './kubelet.ts';
import * as nodes from './nodelifecycle.ts';
import * as rollout from './rollout.ts';
import { isPodReady } from '../../machines/replicaset/status.ts';
import { createJobFromCronJob } from '../../machines/cronjob/kubectl.ts';
import * as runtime from './runtime.ts';
import { bootstrap, restore, snapshot, type ClusterSnapshot } from './snapshot.ts';
import { ClusterError, ClusterState, kindName, nsFor, type WatchEvent } from './state.ts';
import { objectOf, type Store } from './store.ts';

export { ClusterError, type WatchEvent, type ClusterSnapshot };
export { defaultContainer } from './kubelet.ts';

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
  /**
   * Storage as in a real cluster: a claim whose StorageClass does not exist stays Pending (and its
   * pods unschedulable). Default false: the simulated provisioner binds claims of any class.
   */
  strictStorage?: boolean;
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


/**
 * kubectl podutils `ByLogging.Less`: which pod `logs TYPE/NAME` reads. Phases rank Running 0,
 * Unknown 1, Pending 2 — and, as Go's map lookup gives 0 for a missing key, Succeeded and Failed
 * rank with Running (a Job's finished pod is read before a Pending one).
 */
function byLogging(a: KObject, b: KObject): number {
  const readySince = (p: KObject) => (isPodReady(p as any) ? p.status?.conditions?.find((c: any) => c.type === 'Ready')?.lastTransitionTime ?? '' : null);
  const rank = (p: KObject) => ({ Unknown: 1, Pending: 2 } as Record<string, number>)[p.status?.phase] ?? 0;
  const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => Math.max(n, c.restartCount ?? 0), 0);
  if (!!a.spec?.nodeName !== !!b.spec?.nodeName) return a.spec?.nodeName ? -1 : 1;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const ra = readySince(a);
  const rb = readySince(b);
  if ((ra === null) !== (rb === null)) return ra !== null ? -1 : 1;
  if (ra !== null && rb !== null && ra !== rb) return !rb ? -1 : !ra ? 1 : ra < rb ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta === tb ? 0 : !ta ? 1 : !tb ? -1 : ta < tb ? -1 : 1;
}

/** Kinds with a scale subresource (`kubectl scale`). */
const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

export class Cluster {
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly store: Store;
  readonly recorder: EventRecorder;
  readonly env: Env;
  readonly defaults: BehaviourDefaults;
  readonly seed: number;
  /** Root actor: every Pod and Node actor joins its system. */
  readonly root: AnyActorRef;
  /** Work counters (benchmarks): timers fired, object changes observed. */
  readonly stats: { timersFired: number; objectChanges: number; readyPods: number };
  private readonly s: ClusterState;

  constructor(opts: ClusterOptions = {}) {
    const s = (this.s = new ClusterState(opts));
    this.clock = s.clock;
    this.rng = s.rng;
    this.store = s.store;
    this.recorder = s.recorder;
    this.env = s.env;
    this.defaults = s.defaults;
    this.seed = s.seed;
    this.root = s.root;
    this.stats = s.stats;
    if (opts.snapshot) restore(s, opts.snapshot);
    else bootstrap(s, opts);
  }

  now(): number {
    return this.clock.now;
  }

  snapshot(): ClusterSnapshot {
    return snapshot(this.s);
  }

  /** The live ActorRef of a Pod or Node (for inspection). */
  actor(kind: string, name: string, namespace?: string): AnyActorRef | undefined {
    const k = kindName(kind);
    return this.store.get(k, nsFor(k, namespace), name)?.actor;
  }

  // ---------------------------------------------------------------- time

  /** Runs the simulated clock forward (a duration string like '30s' or ms). */
  advance(d: string | number): this {
    const end = this.clock.now + parseDuration(d);
    runtime.runTo(this.s, end);
    return this;
  }

  /** Advances until `pred` holds (checked after every step); throws after `timeout` (default 10m). */
  runUntil(pred: (c: Cluster) => boolean, opts: { timeout?: string | number } = {}): this {
    const end = this.clock.now + parseDuration(opts.timeout ?? '10m');
    runtime.runUntil(this.s, () => pred(this), end, opts.timeout ?? '10m');
    return this;
  }

  /** Runs queued control-plane work until nothing is left (deterministic FIFO). */
  settle(): void {
    runtime.settle(this.s);
  }

  // ---------------------------------------------------------------- reads

  get(kind: string, name: string, namespace?: string): KObject | undefined {
    const k = kindName(kind);
    if (k === 'Event') return this.listEvents({ namespace }).find((e) => e.metadata.name === name);
    const e = this.store.get(k, nsFor(k, namespace), name);
    return e ? structuredClone(objectOf(e)) : undefined;
  }

  list(kind: string, opts: ListOptions = {}): KObject[] {
    const k = kindName(kind);
    const ls = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    const fs = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    if (fs) validateFieldSelector(fs, k);
    const source: KObject[] =
      k === 'Event'
        ? this.listEvents(opts.allNamespaces ? {} : { namespace: opts.namespace ?? 'default' })
        : [...(opts.allNamespaces || !resolveKind(k)?.namespaced ? this.store.entries(k) : this.store.entriesIn(k, opts.namespace ?? 'default'))].map(objectOf);
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
      const ns = nsFor(i.kind, i.namespace);
      list = list.filter((e: any) => e.involvedObject.kind === kindName(i.kind) && e.involvedObject.name === i.name && (e.involvedObject.namespace ?? undefined) === ns);
    }
    return list;
  }

  /**
   * Calls `listener` with every change to every object, like a watch on the API server
   * (ADDED / MODIFIED / DELETED with the object as it is then). Returns the unsubscribe function.
   * Costs nothing while nobody watches.
   */
  watch(listener: (e: WatchEvent) => void): () => void {
    this.s.watchers.add(listener);
    return () => this.s.watchers.delete(listener);
  }

  // ---------------------------------------------------------------- writes

  /** Creates or updates objects like `kubectl apply`. All-or-nothing: any error changes nothing. */
  apply(input: string | KObject | KObject[], opts: { file?: string; changeCause?: string } = {}): ApplyResult[] {
    return writes.apply(this.s, input, opts);
  }

  label(kind: string, name: string, labels: Record<string, string | null>, namespace?: string): void {
    writes.label(this.s, kind, name, labels, namespace);
  }

  /** `kubectl set image`: a pod's containers, or a controller's pod template (`changeCause`: `--record`). */
  setImage(kind: string, name: string, images: Record<string, string>, namespace?: string, opts: { changeCause?: string } = {}): void {
    writes.setImage(this.s, kind, name, images, namespace, opts.changeCause);
  }

  /** `kubectl scale`: sets `spec.replicas` of a Deployment, ReplicaSet, ReplicationController or StatefulSet. */
  scale(kind: string, name: string, replicas: number, namespace?: string, opts: { changeCause?: string } = {}): void {
    const k = kindName(kind);
    // kubectl's scaler covers the kinds with a scale subresource.
    if (!SCALABLE_KINDS.has(k)) {
      const info = resolveKind(k)!;
      throw new ClusterError(`no scaler has been implemented for {"${info.group}" "${k}"}`, 'Unsupported');
    }
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new ClusterError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0', 'BadRequest');
    }
    const e = this.s.store.get(k, nsFor(k, namespace), name);
    if (!e) throw new ClusterError(`${resolveKind(k)!.plural}${resolveKind(k)!.group ? `.${resolveKind(k)!.group}` : ''} "${name}" not found`, 'NotFound');
    const obj = structuredClone(objectOf(e));
    obj.spec = { ...obj.spec, replicas };
    if (opts.changeCause) writes.recordChangeCause(obj, opts.changeCause);
    writes.update(this.s, e, obj);
    runtime.settle(this.s);
  }

  /**
   * kubectl's `AttachablePodForObject` (`logs job/x`, `logs deploy/x`): a pod itself, or the first
   * pod the object's selector matches in `podutils.ByLogging` order (scheduled, Running, Ready,
   * longest Ready, most restarts, oldest), with how many matched.
   */
  podFor(kind: string, name: string, namespace?: string): { pod: string; found: number } {
    const k = kindName(kind);
    const ns = nsFor(k, namespace);
    const obj = this.get(k, name, ns);
    const info = resolveKind(k)!;
    if (!obj) throw new ClusterError(`${info.plural}${info.group ? `.${info.group}` : ''} "${name}" not found`, 'NotFound');
    if (k === 'Pod') return { pod: name, found: 1 };
    const sel = obj.spec?.selector;
    if (!sel) throw new ClusterError(`cannot attach to ${k}: selector for ${k} not implemented`, 'BadRequest');
    const selector = k === 'ReplicationController' ? selectorFromSet(sel) : selectorFromLabelSelector(sel);
    const pods = this.list('Pod', { namespace: ns }).filter((p) => matches(selector, p.metadata.labels));
    if (!pods.length) throw new ClusterError('timed out waiting for the condition', 'Timeout');
    pods.sort(byLogging);
    return { pod: pods[0]!.metadata.name, found: pods.length };
  }

  /** `kubectl create job NAME --from=cronjob/CJ`: a Job from the CronJob's jobTemplate (annotated `cronjob.kubernetes.io/instantiate: manual`). */
  createJobFromCronJob(cronJob: string, name: string, namespace?: string): KObject {
    const cj = this.get('CronJob', cronJob, namespace);
    if (!cj) throw new ClusterError(`cronjobs.batch "${cronJob}" not found`, 'NotFound');
    return writes.createOne(this.s, createJobFromCronJob(cj as any, name, namespace) as unknown as KObject);
  }

  /** `kubectl patch TYPE NAME --type merge -p PATCH`: whether anything changed. */
  patch(kind: string, name: string, mergePatch: unknown, namespace?: string): { changed: boolean } {
    return writes.patch(this.s, kind, name, mergePatch, namespace);
  }

  // ---------------------------------------------------------------- rollouts (Deployments)

  /** `kubectl rollout status`: prints each status line while the clock runs; throws on an exceeded deadline. */
  rolloutStatus(kind: string, name: string, opts: rollout.RolloutStatusOptions = {}, print: (line: string) => void = () => {}): void {
    rollout.rolloutStatus(this.s, kind, name, opts, print);
  }

  /** `kubectl rollout history [--revision=N]`: kubectl's whole output. */
  rolloutHistory(kind: string, name: string, opts: { namespace?: string; revision?: number } = {}): string {
    return rollout.history(this.s, kind, name, opts.revision ?? 0, opts.namespace);
  }

  /** `kubectl rollout undo [--to-revision=N]`: returns kubectl's message. */
  rolloutUndo(kind: string, name: string, opts: { namespace?: string; toRevision?: number } = {}): string {
    return rollout.rollback(this.s, kind, name, opts.toRevision ?? 0, opts.namespace);
  }

  /** `kubectl rollout pause`. */
  rolloutPause(kind: string, name: string, namespace?: string): string {
    return rollout.setPaused(this.s, kind, name, true, namespace);
  }

  /** `kubectl rollout resume`. */
  rolloutResume(kind: string, name: string, namespace?: string): string {
    return rollout.setPaused(this.s, kind, name, false, namespace);
  }

  /** `kubectl rollout restart`. */
  rolloutRestart(kind: string, name: string, namespace?: string): string {
    return rollout.restart(this.s, kind, name, namespace);
  }

  /**
   * Deletes an object. Without a propagation policy the API's default applies — Background,
   * except for batch/v1 Jobs, whose pods are orphaned with the API server's warning (returned).
   */
  delete(kind: string, name: string, opts: DeleteOptions = {}): { warnings: string[] } {
    const warnings: string[] = [];
    if (!opts.propagationPolicy && kindName(kind) === 'Job') {
      opts = { ...opts, propagationPolicy: 'Orphan' };
      warnings.push('child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning');
    }
    deleteObject(this.s, kind, name, opts);
    return { warnings };
  }

  // ---------------------------------------------------------------- nodes

  /** Adds a node (a name for a default worker, or a Node object). */
  addNode(node: string | Node): KObject {
    return nodes.addNode(this.s, node);
  }

  cordon(name: string): void {
    nodes.cordon(this.s, name);
  }

  uncordon(name: string): void {
    nodes.uncordon(this.s, name);
  }

  /** Adds (`key=value:Effect`) or removes (`key:Effect-` / `key-`) a taint, like `kubectl taint`. */
  taint(name: string, spec: string): void {
    nodes.taint(this.s, name, spec);
  }

  /**
   * Fails a node: `unreachable` (the kubelet stops posting status: after the grace period the
   * node is Unknown and tainted unreachable) or `notready` (the kubelet reports NotReady).
   */
  failNode(name: string, mode: 'unreachable' | 'notready' = 'unreachable'): void {
    nodes.failNode(this.s, name, mode);
  }

  recoverNode(name: string): void {
    nodes.recoverNode(this.s, name);
  }

  removeNode(name: string): void {
    nodes.removeNode(this.s, name);
  }

  // ---------------------------------------------------------------- fault injection

  /** Makes a container's process exit now with `exitCode`. */
  crashContainer(pod: string, opts: kubelet.CrashOptions = {}): void {
    kubelet.crashContainer(this.s, pod, opts);
  }

  /** Forces a probe's outcome (`Failure`/`Success`), or gives it back to the behaviour (`null`). */
  setProbe(pod: string, kind: 'liveness' | 'readiness' | 'startup', result: 'Success' | 'Failure' | null, opts: kubelet.ContainerOptions = {}): void {
    kubelet.setProbe(this.s, pod, kind, result, opts);
  }

  // ---------------------------------------------------------------- logs, exec, debug

  logs(pod: string, opts: kubelet.LogOptions = {}): string {
    return kubelet.logs(this.s, pod, opts);
  }

  /**
   * What `ps aux` shows in a container: its own process as PID 1, or — with
   * `shareProcessNamespace` (or an ephemeral container targeting it) — the pause process as PID 1
   * and every container's process after it.
   */
  processes(pod: string, opts: kubelet.ContainerOptions = {}): kubelet.ProcessInfo[] {
    return kubelet.processes(this.s, pod, opts);
  }

  /**
   * `kubectl debug`: an ephemeral container in the running pod (optionally sharing a target
   * container's process namespace), or a debug copy of the pod (`copyTo`, `setImage`).
   */
  debug(pod: string, opts: kubelet.DebugOptions = {}): { pod: string; container?: string } {
    return kubelet.debug(this.s, pod, opts);
  }

  stop(): void {
    runtime.stop(this.s);
  }
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}

export { TAINT_UNREACHABLE };
