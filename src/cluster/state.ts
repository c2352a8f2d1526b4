/**
 * The cluster's internal state, shared by the modules that make up the runtime: `cluster.ts` is
 * the public facade; `runtime.ts` (actors, timers, the settle loop), `apply.ts` (writes),
 * `scheduling.ts`, `nodelifecycle.ts`, `gc.ts`, `kubelet.ts` and `snapshot.ts` are functions
 * over one `ClusterState`. It owns the simulated clock, the seeded RNG, the object index, the
 * event recorder and the Env every Pod and Node actor runs in.
 */
import { createActor, type AnyActorRef } from 'xstate';
import { createNodeMachine } from '../../machines/node.ts';
import { createPodMachine } from '../../machines/pod/pod.ts';
import { createReplicaSetMachine } from '../../machines/replicaset/replicaset.ts';
import { claimControl, jobControl, podControl, queueSync, replicaSetControl, revisionControl } from './controllers.ts';
import { createJobMachine } from '../../machines/job/job.ts';
import { createCronJobMachine } from '../../machines/cronjob/cronjob.ts';
import { createStatefulSetMachine } from '../../machines/statefulset/statefulset.ts';
import { createDaemonSetMachine } from '../../machines/daemonset/daemonset.ts';
import { createDeploymentMachine } from '../../machines/deployment/deployment.ts';
import { createClusterLogic } from '../../machines/cluster.ts';
import { DEFAULT_BEHAVIOUR, type BehaviourDefaults } from '../../machines/behaviour.ts';
import type { Env, RecordedEvent } from '../../machines/env.ts';
import { SimClock } from '../clock.ts';
import { resolveKind } from '../kinds.ts';
import { Rng } from '../rng.ts';
import type { NodeInfo } from '../scheduler/resources.ts';
import type { KObject, Pod } from '../types.ts';
import { EventRecorder } from './events.ts';
import { objectOf, Store, type Entry } from './store.ts';
import type { ClusterOptions } from './cluster.ts';

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

export class ClusterState {
  readonly clock: SimClock;
  readonly rng: Rng;
  rv = 0;
  readonly store = new Store();
  readonly recorder: EventRecorder;
  readonly env: Env;
  readonly defaults: BehaviourDefaults;
  readonly seed: number;
  readonly podMachine;
  readonly nodeMachine;
  /** Per-node image cache: image → time it is (or will be) present. */
  readonly images = new Map<string, Map<string, number>>();
  readonly nodeInfos = new Map<string, NodeInfo>();
  nodeOrder: NodeInfo[] = [];
  readonly usedIPs = new Map<string, Set<number>>();
  /** The scheduler's activeQ: pods to try, in order. */
  schedQueue: string[] = [];
  /** unschedulablePods: uid → when its leftover flush is due (5 min after it failed). */
  unschedulable = new Map<string, number>();
  /** The one `cp:scheduler` timer each pod has armed: uid → its due time (re-armed when it fires early). */
  leftoverTimers = new Map<string, number>();
  /** backoffQ: uid → when its back-off ends. */
  backoffQ = new Map<string, number>();
  /** QueuedPodInfo of pods that failed to schedule: failed attempts, and when the last one failed. */
  schedAttempts = new Map<string, { attempts: number; at: number }>();
  readonly schedState = { nextStartNodeIndex: 0 };
  /** Pods pending taint eviction: uid → due. */
  evictions = new Map<string, number>();
  /** Garbage collector's graph: owner uid → dependent uids (from ownerReferences). */
  readonly dependents = new Map<string, Set<string>>();
  /** Owners deleted with Foreground propagation, waiting for their blocking dependents. */
  foreground = new Map<string, { gracePeriodSeconds?: number; force?: boolean }>();
  /** Nodes gone, pods to collect: node → due. */
  podgc = new Map<string, number>();
  settling = false;
  /** Root actor: every Pod and Node actor joins its system. */
  readonly root: AnyActorRef;
  fatal: unknown;
  readonly watchers = new Set<(e: WatchEvent) => void>();
  /** Work counters (benchmarks): timers fired, object changes observed. */
  readonly stats = { timersFired: 0, objectChanges: 0, readyPods: 0 };
  errorsSeen = 0;
  /** Claims whose StorageClass does not exist stay Pending (else the simulated provisioner serves any class). */
  readonly strictStorage: boolean;
  /** A binding pass over Pending claims is queued. */
  bindingQueued = false;
  /** Services whose Endpoints must be recomputed once the rest has settled (uids). */
  readonly dirtyServices = new Set<string>();
  /** Controllers to sync once the rest has settled (uids). */
  readonly dirtyControllers = new Set<string>();
  /** Pods and ReplicaSets with no controller ownerReference: kind → namespace → entries. */
  readonly orphans = new Map<string, Map<string, Set<Entry>>>();
  readonly replicaSetMachine;
  readonly deploymentMachine;
  readonly daemonSetMachine;
  readonly statefulSetMachine;
  readonly jobMachine;
  readonly cronJobMachine;
  /** Queued control-plane work, run FIFO by `settle`. */
  readonly work: (() => void)[] = [];
  stopped = false;

  constructor(opts: ClusterOptions) {
    const snap = opts.snapshot;
    this.seed = snap?.seed ?? opts.seed ?? 1;
    this.strictStorage = snap?.strictStorage ?? opts.strictStorage ?? false;
    this.defaults = snap?.defaults ?? { ...DEFAULT_BEHAVIOUR, ...opts.defaults };
    const start = opts.start === undefined ? DEFAULT_START : typeof opts.start === 'number' ? opts.start : Date.parse(opts.start);
    this.clock = new SimClock(start, snap?.clock);
    this.rng = new Rng(this.seed);
    if (snap) this.rng.state = snap.rng;
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
    this.env.resync = (uid) => queueSync(this, uid);
    this.env.pods = podControl(this);
    this.env.replicaSets = replicaSetControl(this);
    this.env.revisions = revisionControl(this);
    this.env.claims = claimControl(this);
    this.env.jobs = jobControl(this);
    this.podMachine = createPodMachine(this.env);
    this.replicaSetMachine = createReplicaSetMachine(this.env);
    this.deploymentMachine = createDeploymentMachine(this.env);
    this.daemonSetMachine = createDaemonSetMachine(this.env);
    this.statefulSetMachine = createStatefulSetMachine(this.env);
    this.jobMachine = createJobMachine(this.env);
    this.cronJobMachine = createCronJobMachine(this.env);
    this.nodeMachine = createNodeMachine(this.env);
    this.root = createActor(createClusterLogic(), { inspect: opts.inspect }).start();
  }
}

// ------------------------------------------------------------------ shared helpers

export function kindName(kind: string): string {
  const k = resolveKind(kind);
  if (!k) throw new ClusterError(`the server doesn't have a resource type "${kind}"`, 'NotFound');
  return k.kind;
}

export function nsFor(kind: string, namespace?: string): string | undefined {
  const k = resolveKind(kind);
  return k?.namespaced ? (namespace ?? 'default') : undefined;
}

export function newUid(s: ClusterState): string {
  const h = s.rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function emitWatch(s: ClusterState, type: WatchEvent['type'], e: Entry, obj?: KObject): void {
  if (!s.watchers.size) return;
  const object = structuredClone(obj ?? objectOf(e));
  for (const w of s.watchers) w({ type, object });
}

/**
 * Members of the root's system are parented to it without being in its children map, and XState
 * refuses `stop()` on a parented actor; `_stop` is the same procedure without that check.
 */
export function stopMember(a: AnyActorRef): void {
  (a as any)._stop();
}

export function isReady(p: Pod | undefined): boolean {
  return !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}
