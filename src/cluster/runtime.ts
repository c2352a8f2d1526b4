/**
 * The runtime loop: Pod and Node actors, the timers delivered to them, and the settle loop that
 * runs queued control-plane work.
 *
 * Why Pods are not `spawnChild`ren of one root machine: XState copies a parent's children map on
 * every spawn and stop, which makes N pods under one parent O(N²) (DESIGN.md). The cluster keeps
 * each top-level object actor as its own root, supervised by event routing along
 * ownerReferences, so the fan-out costs O(1) per pod. Containers and probes (bounded fan-out)
 * are real XState children of their pod.
 */
import { createActor, type AnyActorRef, type Observer } from 'xstate';
import type { Timer } from '../clock.ts';
import { resolveAddress } from '../../machines/env.ts';
import type { KObject, Node, Pod } from '../types.ts';
import { indexOwners, removeEntry } from './gc.ts';
import { collectNodePods, evict, gcUnscheduledTerminating, nodeChanged, watchUnscheduledTerminating } from './nodelifecycle.ts';
import { flushBackoff, podChanged, retryUnschedulable, runScheduler } from './scheduling.ts';
import { ClusterError, emitWatch, stopMember, type ClusterState } from './state.ts';
import { contextKey, keyOf, machineFor, type Entry, type MachineKind } from './store.ts';
import { dependentTouched, indexOrphan, syncControllers } from './controllers.ts';
import { endpointsPodTouched, syncEndpoints } from './endpoints.ts';

// ---------------------------------------------------------------- actors

export function observe(s: ClusterState, e: Entry): void {
  const observer: Observer<any> = {
    next: (snap) => onSnapshot(s, e, snap),
    error: (err) => {
      s.fatal ??= err;
    },
  };
  const sub = e.actor!.subscribe(observer);
  e.unsubscribe = () => sub.unsubscribe();
  const snap = e.actor!.getSnapshot();
  e.last = snap.context[contextKey(e.machine)];
  indexOwners(s, e.uid, undefined, e.last);
  if (e.machine === 'pod') {
    s.store.setNode(e, (e.last as Pod).spec?.nodeName);
    endpointsPodTouched(s, undefined, e.last as Pod);
  }
  indexOrphan(s, e, e.last);
  dependentTouched(s, e.kind, e.last);
}

export function logicFor(s: ClusterState, machine: MachineKind) {
  switch (machine) {
    case 'pod': return s.podMachine;
    case 'node': return s.nodeMachine;
    case 'deployment': return s.deploymentMachine;
    case 'daemonset': return s.daemonSetMachine;
    case 'statefulset': return s.statefulSetMachine;
    case 'job': return s.jobMachine;
    case 'cronjob': return s.cronJobMachine;
    default: return s.replicaSetMachine;
  }
}

function onSnapshot(s: ClusterState, e: Entry, snap: any): void {
  const obj = snap.context[contextKey(e.machine)] as KObject;
  if (obj !== e.last) {
    s.stats.objectChanges++;
    const prev = e.last;
    e.last = obj;
    e.rv = ++s.rv;
    if (prev?.metadata.ownerReferences !== obj.metadata.ownerReferences) indexOwners(s, e.uid, prev, obj);
    if (prev?.metadata.ownerReferences !== obj.metadata.ownerReferences) {
      indexOrphan(s, e, obj);
      dependentTouched(s, e.kind, prev); // the controller it left, if any
    }
    if (e.machine === 'pod') {
      if (prev?.spec !== obj.spec) s.store.setNode(e, (obj as Pod).spec?.nodeName);
      podChanged(s, e, prev as Pod, obj as Pod);
      watchUnscheduledTerminating(s, e, prev as Pod, obj as Pod);
      endpointsPodTouched(s, prev as Pod, obj as Pod);
    } else if (e.machine === 'node') nodeChanged(s, e, prev as Node, obj as Node);
    dependentTouched(s, e.kind, obj);
    if (s.store.byUid.get(e.uid) === e) emitWatch(s, 'MODIFIED', e);
  }
  if (snap.status === 'done' && s.store.byUid.get(e.uid) === e) s.work.push(() => removeEntry(s, e));
}

export function createActorEntry(s: ClusterState, kind: string, obj: KObject): Entry {
  const md = obj.metadata;
  const machine = machineFor(kind);
  const e: Entry = { kind, namespace: md.namespace, name: md.name, uid: md.uid!, rv: ++s.rv, machine };
  const addr = machine === 'pod' ? `pod:${e.uid}` : machine === 'node' ? `node:${e.name}` : `ctl:${e.uid}`;
  const input = { addr, [contextKey(machine)]: obj };
  const logic = logicFor(s, machine);
  // The id names the actor in the root's done/error events and traces (never a session id).
  const id = `${kind}/${keyOf(e.namespace, e.name)}`;
  e.actor = createActor(logic as any, { input: input as any, parent: s.root, id, systemId: id });
  s.store.add(e);
  e.actor.start();
  observe(s, e);
  emitWatch(s, 'ADDED', e);
  return e;
}

/** Resolves a timer address: `pod:<uid>[/<container>[/<probe>]]`, `node:<name>`, `cp:<component>`. */
function resolve(s: ClusterState, addr: string): AnyActorRef | undefined {
  const slash = addr.indexOf('/');
  const head = slash < 0 ? addr : addr.slice(0, slash);
  let root: AnyActorRef | undefined;
  if (head.startsWith('pod:')) root = s.store.byUid.get(head.slice(4))?.actor;
  else if (head.startsWith('ctl:')) root = s.store.byUid.get(head.slice(4))?.actor;
  else if (head.startsWith('node:')) root = s.store.get('Node', undefined, head.slice(5))?.actor;
  return root && resolveAddress(root, head, addr);
}

function fire(s: ClusterState, t: Timer): void {
  s.stats.timersFired++;
  if (t.addr.startsWith('cp:')) return fireControlPlane(s, t);
  const ref = resolve(s, t.addr);
  if (!ref) return;
  const snap = ref.getSnapshot() as any;
  if (snap.status !== 'active' || snap.context?.timers?.[t.name] !== t.due) return;
  ref.send({ type: `timer.${t.name}` });
}

function fireControlPlane(s: ClusterState, t: Timer): void {
  if (t.addr === 'cp:taint-eviction') evict(s, t.name, t.due);
  else if (t.addr === 'cp:podgc') collectNodePods(s, t.name, t.due);
  else if (t.addr === 'cp:podgc-unscheduled') gcUnscheduledTerminating(s, t.name);
  else if (t.addr === 'cp:scheduler') retryUnschedulable(s, t.name, t.due);
  else if (t.addr === 'cp:scheduler-backoff') flushBackoff(s, t.name, t.due);
}

export function stop(s: ClusterState): void {
  if (s.stopped) return;
  s.stopped = true;
  for (const e of s.store.all()) {
    e.unsubscribe?.();
    if (e.actor && e.actor.getSnapshot().status === 'active') stopMember(e.actor);
  }
  s.root.stop();
}

// ---------------------------------------------------------------- time

export function runTo(s: ClusterState, end: number): void {
  settle(s);
  for (;;) {
    const t = s.clock.popDue(end);
    if (!t) break;
    fire(s, t);
    settle(s, s.clock.peek() > s.clock.now);
  }
  if (s.clock.now < end) s.clock.now = end;
  settle(s);
}

/** Advances until `pred` holds (checked after every step); throws after `end` (`timeout` names it). */
export function runUntil(s: ClusterState, pred: () => boolean, end: number, timeout: string | number): void {
  settle(s);
  if (pred()) return;
  for (;;) {
    const next = s.clock.peek();
    if (next > end) {
      runTo(s, end);
      if (pred()) return;
      throw new ClusterError(`timed out waiting for the condition after ${timeout}`, 'Timeout');
    }
    const t = s.clock.popDue(next)!;
    fire(s, t);
    settle(s, s.clock.peek() > s.clock.now);
    if (pred()) {
      settle(s); // controllers deferred within this instant catch up before returning
      return;
    }
  }
}

/**
 * Runs queued control-plane work until nothing is left (deterministic FIFO). Workload
 * controllers sync last, and — while more timers are due at this same instant — not yet
 * (`controllers = false`): like a controller's workqueue, one sync then covers every pod change
 * of the instant, instead of one O(pods) sync per pod event.
 */
export function settle(s: ClusterState, controllers = true): void {
  if (s.settling) return;
  s.settling = true;
  try {
    for (;;) {
      const job = s.work.shift();
      if (job) {
        job();
        continue;
      }
      if (s.schedQueue.length) {
        runScheduler(s);
        continue;
      }
      if (controllers && syncControllers(s)) continue;
      if (controllers && syncEndpoints(s)) continue;
      break;
    }
  } finally {
    s.settling = false;
  }
  checkFatal(s);
}

/** An exception inside an actor is a bug: surface it to the caller instead of losing it. */
function checkFatal(s: ClusterState): void {
  const errors = (s.root.getSnapshot() as any).context.errors as { id: string; message: string }[];
  if (errors.length > s.errorsSeen) {
    s.errorsSeen = errors.length;
    s.fatal ??= new Error(`actor ${errors[errors.length - 1]!.id} failed: ${errors[errors.length - 1]!.message}`);
  }
  if (s.fatal) {
    const f = s.fatal;
    s.fatal = undefined;
    throw f;
  }
}
