/**
 * The object index: answers get/list from the actors' own snapshots (one source of truth).
 * Static kinds (Namespace, Service, ConfigMap, PVC) have no lifecycle of their own yet and are
 * stored as objects; everything with a lifecycle is an actor whose context holds the object.
 */
import type { AnyActorRef } from 'xstate';
import type { KObject } from '../types.ts';

export interface Entry {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  /** resourceVersion of the last change. */
  rv: number;
  /** Live actor (Pods, Nodes); its context holds the object. */
  actor?: AnyActorRef;
  /** Which machine runs it (for snapshots). */
  machine?: MachineKind;
  /** The object itself, for kinds without an actor. */
  object?: KObject;
  /** Last object seen from the actor (change detection). */
  last?: KObject;
  /** Cached view with metadata.resourceVersion filled in. */
  view?: KObject;
  viewRv?: number;
  /** Scheduler accounting: node whose resources this pod holds. */
  boundNode?: string;
  /** Subscription to the actor. */
  unsubscribe?: () => void;
  /** Creation order (set by the store): a canonical order for iterating subsets of entries. */
  seq?: number;
  /** The node this pod is indexed under (its `spec.nodeName`). */
  indexedNode?: string;
}

export type MachineKind = 'pod' | 'node' | 'replicaset' | 'deployment' | 'daemonset' | 'statefulset' | 'job' | 'cronjob';

/** Kinds whose controller manages pods directly. */
export const POD_CONTROLLER_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job']);

/** Kinds run by a workload-controller actor. */
export const CONTROLLER_KINDS: ReadonlySet<string> = new Set([...POD_CONTROLLER_KINDS, 'Deployment', 'CronJob']);

const MACHINES: Record<string, MachineKind> = {
  Pod: 'pod', Node: 'node', ReplicaSet: 'replicaset', ReplicationController: 'replicaset', Deployment: 'deployment', DaemonSet: 'daemonset', StatefulSet: 'statefulset', Job: 'job', CronJob: 'cronjob',
};

/** The machine that runs a kind's actor. */
export function machineFor(kind: string): MachineKind {
  const m = MACHINES[kind];
  if (!m) throw new Error(`no machine runs ${kind}`);
  return m;
}

/** Where each machine keeps its object in context. */
export function contextKey(machine: MachineKind | undefined): string {
  return machine === 'node' ? 'node' : machine === 'pod' ? 'pod' : 'object';
}

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

const EMPTY: ReadonlySet<Entry> = new Set();

export class Store {
  private kinds = new Map<string, Map<string, Entry>>();
  readonly byUid = new Map<string, Entry>();
  /** Pods by `spec.nodeName`, for node-wide reactions without scanning every pod. */
  private byNode = new Map<string, Set<Entry>>();
  /** kind → namespace → entries, in creation order: what a namespaced lister iterates. */
  private byNs = new Map<string, Map<string, Set<Entry>>>();
  private seq = 0;

  table(kind: string): Map<string, Entry> {
    let t = this.kinds.get(kind);
    if (!t) {
      t = new Map();
      this.kinds.set(kind, t);
    }
    return t;
  }

  get(kind: string, namespace: string | undefined, name: string): Entry | undefined {
    return this.kinds.get(kind)?.get(keyOf(namespace, name));
  }

  add(e: Entry): void {
    e.seq = this.seq++;
    this.table(e.kind).set(keyOf(e.namespace, e.name), e);
    this.byUid.set(e.uid, e);
    if (e.namespace !== undefined) {
      let kind = this.byNs.get(e.kind);
      if (!kind) this.byNs.set(e.kind, (kind = new Map()));
      let set = kind.get(e.namespace);
      if (!set) kind.set(e.namespace, (set = new Set()));
      set.add(e);
    }
  }

  remove(e: Entry): void {
    this.kinds.get(e.kind)?.delete(keyOf(e.namespace, e.name));
    this.byUid.delete(e.uid);
    this.setNode(e, undefined);
    if (e.namespace !== undefined) {
      const kind = this.byNs.get(e.kind);
      const set = kind?.get(e.namespace);
      if (set?.delete(e) && !set.size) kind!.delete(e.namespace);
    }
  }

  /** The entries of a kind in one namespace, in the order `entries(kind)` gives them. */
  entriesIn(kind: string, namespace: string | undefined): IterableIterator<Entry> {
    return (this.byNs.get(kind)?.get(namespace ?? '') ?? EMPTY).values();
  }

  /** Keeps the node index in line with a pod's `spec.nodeName` (it is set once, on binding). */
  setNode(e: Entry, node: string | undefined): void {
    if (e.indexedNode === node) return;
    if (e.indexedNode !== undefined) {
      const old = this.byNode.get(e.indexedNode)!;
      old.delete(e);
      if (!old.size) this.byNode.delete(e.indexedNode);
    }
    e.indexedNode = node;
    if (node === undefined) return;
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(e);
  }

  /** Pods whose `spec.nodeName` is `node`, in creation order (restore-safe). */
  podsOnNode(node: string): Entry[] {
    const set = this.byNode.get(node);
    return set ? [...set].sort((a, b) => a.seq! - b.seq!) : [];
  }

  entries(kind: string): IterableIterator<Entry> {
    return this.table(kind).values();
  }

  allKinds(): string[] {
    return [...this.kinds.keys()].sort();
  }

  /**
   * Every entry: kinds in a fixed order (so a restored store iterates like the original, whatever
   * order its tables were created in), each kind's entries in creation order.
   */
  *all(): IterableIterator<Entry> {
    for (const k of [...this.kinds.keys()].sort()) yield* this.kinds.get(k)!.values();
  }
}

/** The object an entry stands for, with its resourceVersion. */
export function objectOf(e: Entry): KObject {
  if (e.view && e.viewRv === e.rv) return e.view;
  const base = e.actor ? (e.actor.getSnapshot().context[contextKey(e.machine)] as KObject) : e.object!;
  const view = { ...base, metadata: { ...base.metadata, resourceVersion: String(e.rv) } } as KObject;
  e.view = view;
  e.viewRv = e.rv;
  return view;
}
