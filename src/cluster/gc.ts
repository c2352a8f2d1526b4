/**
 * Deletion and garbage collection: propagation policies, the owner → dependents index kept from
 * ownerReferences, Foreground deletion, namespace deletion, and removing an object from the API
 * (which lets the collector delete dependents whose owners are all gone).
 */
import { iso } from '../../machines/time.ts';
import { resolveKind } from '../kinds.ts';
import type { KObject, Pod } from '../types.ts';
import type { DeleteOptions } from './cluster.ts';
import { removeNode } from './nodelifecycle.ts';
import { settle } from './runtime.ts';
import { forgetPod, releasePod } from './scheduling.ts';
import { ClusterError, emitWatch, isReady, kindName, nsFor, stopMember, type ClusterState } from './state.ts';
import { CONTROLLER_KINDS, objectOf, type Entry } from './store.ts';
import { dependentTouched, indexOrphan } from './controllers.ts';
import { endpointsPodTouched, serviceRemoved } from './endpoints.ts';
import { claimRemoved } from './storage.ts';

export function deleteObject(s: ClusterState, kind: string, name: string, opts: DeleteOptions): void {
  const k = kindName(kind);
  const ns = nsFor(k, opts.namespace);
  const e = s.store.get(k, ns, name);
  if (!e) throw new ClusterError(`${resolveKind(k)!.plural} "${name}" not found`, 'NotFound');
  if (opts.force && (opts.gracePeriodSeconds ?? 0) > 0) {
    throw new ClusterError('--force and --grace-period greater than 0 cannot be specified together', 'BadRequest');
  }
  deleteWithPolicy(s, e, opts.propagationPolicy ?? 'Background', opts);
  settle(s);
}

/**
 * pkg/controller/garbagecollector: Orphan strips this owner from its dependents' ownerReferences
 * first; Foreground marks the owner (deletionTimestamp + `foregroundDeletion` finalizer), deletes
 * its dependents (in Foreground too) and removes the owner once no dependent with
 * `blockOwnerDeletion` is left; Background removes the owner and lets the collector delete
 * dependents whose owners are all gone.
 */
function deleteWithPolicy(s: ClusterState, e: Entry, policy: 'Background' | 'Foreground' | 'Orphan', opts: DeleteOptions): void {
  if (policy === 'Orphan') orphanDependents(s, e);
  if (policy === 'Foreground' && dependentsOf(s, e.uid).length) {
    if (s.foreground.has(e.uid)) return;
    // The owner's own delete options (grace period, force) apply when it finally goes.
    s.foreground.set(e.uid, { gracePeriodSeconds: opts.gracePeriodSeconds, force: opts.force });
    const mark = (o: KObject): KObject => {
      const md = o.metadata;
      return { ...o, metadata: { ...md, deletionTimestamp: md.deletionTimestamp ?? iso(s.clock.now), finalizers: [...(md.finalizers ?? []), 'foregroundDeletion'] } };
    };
    if (e.object) {
      e.object = mark(e.object);
      e.rv = ++s.rv;
    } else if (e.actor && CONTROLLER_KINDS.has(e.kind)) {
      // A workload controller sees its own deletionTimestamp and stops managing replicas (it
      // would otherwise replace the dependents the collector is deleting).
      e.actor.send({ type: 'controller.update', object: mark(e.last!) });
    }
    for (const d of dependentsOf(s, e.uid)) deleteWithPolicy(s, d, 'Foreground', {});
    s.work.push(() => finishForeground(s, e.uid));
    return;
  }
  if (e.kind === 'Pod') deletePod(s, e, opts);
  else if (e.kind === 'Node') removeNode(s, e.name);
  else if (e.kind === 'Namespace') deleteNamespace(s, e);
  else removeEntry(s, e);
}

function finishForeground(s: ClusterState, uid: string): void {
  const owner = s.store.byUid.get(uid);
  const opts = s.foreground.get(uid);
  if (!owner || !opts) return;
  const blocking = dependentsOf(s, uid).filter((d) =>
    (d.last ?? d.object)!.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion),
  );
  if (blocking.length) return;
  s.foreground.delete(uid);
  if (owner.object?.metadata.finalizers) {
    const finalizers = owner.object.metadata.finalizers.filter((f) => f !== 'foregroundDeletion');
    const md: KObject['metadata'] = { ...owner.object.metadata, finalizers };
    if (!finalizers.length) delete md.finalizers;
    owner.object = { ...owner.object, metadata: md };
  }
  if (owner.kind === 'Pod') deletePod(s, owner, opts);
  else if (owner.kind === 'Namespace') deleteNamespace(s, owner);
  else removeEntry(s, owner);
}

export function deletePod(s: ClusterState, e: Entry, opts: DeleteOptions): void {
  const pod = e.last as Pod;
  const grace = opts.force ? 0 : (opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
  // Grace period 0 removes the object at once — unless a finalizer holds it: then the pod actor
  // keeps it (deletionTimestamp set) until the finalizers are gone.
  if (grace === 0 && !pod.metadata?.finalizers?.length) {
    removeEntry(s, e);
    return;
  }
  e.actor!.send({ type: 'pod.delete', graceMs: grace * 1000 });
}

function deleteNamespace(s: ClusterState, e: Entry): void {
  if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(e.name)) {
    throw new ClusterError(`namespaces "${e.name}" is forbidden: this namespace may not be deleted`, 'BadRequest');
  }
  const obj = e.object!;
  e.object = { ...obj, metadata: { ...obj.metadata, deletionTimestamp: iso(s.clock.now) }, status: { phase: 'Terminating' } };
  e.rv = ++s.rv;
  for (const kind of s.store.allKinds()) {
    if (kind === 'Namespace' || kind === 'Node') continue;
    for (const d of [...s.store.entries(kind)]) {
      if (d.namespace !== e.name) continue;
      if (kind === 'Pod') deletePod(s, d, {});
      else removeEntry(s, d);
    }
  }
  s.work.push(() => finishNamespace(s, e));
}

function finishNamespace(s: ClusterState, e: Entry): void {
  if (s.store.byUid.get(e.uid) !== e) return;
  for (const kind of s.store.allKinds()) {
    if (kind === 'Namespace' || kind === 'Node') continue;
    if (!s.store.entriesIn(kind, e.name).next().done) return;
  }
  removeEntry(s, e);
}

/** Removes an object from the API; dependents whose owners are all gone are deleted (Background). */
export function removeEntry(s: ClusterState, e: Entry): void {
  if (s.store.byUid.get(e.uid) !== e) return;
  indexOrphan(s, e, undefined);
  if (s.watchers.size) emitWatch(s, 'DELETED', e);
  if (e.machine === 'pod') {
    releasePod(s, e);
    forgetPod(s, e.uid);
    if (isReady(e.last as Pod)) s.stats.readyPods--;
  }
  s.store.remove(e);
  if (e.actor) {
    e.unsubscribe?.();
    if (e.actor.getSnapshot().status === 'active') stopMember(e.actor);
  }
  if (e.machine === 'node') {
    const ni = s.nodeInfos.get(e.name);
    s.nodeInfos.delete(e.name);
    if (ni) s.nodeOrder = s.nodeOrder.filter((n) => n !== ni);
    s.images.delete(e.name);
  }
  s.evictions.delete(e.uid);
  const self = e.last ?? e.object;
  for (const r of self?.metadata.ownerReferences ?? []) {
    if (s.foreground.has(r.uid)) s.work.push(() => finishForeground(s, r.uid));
  }
  indexOwners(s, e.uid, self, undefined);
  for (const d of dependentsOf(s, e.uid)) {
    const live = (d.last ?? d.object)!.metadata.ownerReferences!.filter((r) => r.uid !== e.uid && s.store.byUid.has(r.uid));
    if (live.length) continue;
    s.work.push(() => {
      if (!s.store.byUid.has(d.uid)) return;
      if (d.machine === 'pod') deletePod(s, d, {});
      else removeEntry(s, d);
    });
  }
  s.dependents.delete(e.uid);
  s.foreground.delete(e.uid);
  dependentTouched(s, e.kind, e.last, true); // its controller replaces it
  if (e.machine === 'pod') endpointsPodTouched(s, e.last as Pod, undefined);
  if (e.kind === 'Service') {
    const ep = serviceRemoved(s, e);
    if (ep) removeEntry(s, ep);
  }
  if (e.kind === 'PersistentVolumeClaim') claimRemoved(s, e.object!, (pv) => removeEntry(s, pv));
  // The namespace controller finishes a terminating namespace once its last object is gone.
  if (e.namespace !== undefined) {
    const ns = s.store.get('Namespace', undefined, e.namespace);
    if (ns?.object?.metadata.deletionTimestamp) s.work.push(() => finishNamespace(s, ns));
  }
}

// ---------------------------------------------------------------- owner index

/** Keeps the owner → dependents index in line with an object's ownerReferences. */
export function indexOwners(s: ClusterState, uid: string, before: KObject | undefined, after: KObject | undefined): void {
  const a = before?.metadata.ownerReferences;
  const b = after?.metadata.ownerReferences;
  if (a === b) return;
  for (const r of a ?? []) s.dependents.get(r.uid)?.delete(uid);
  for (const r of b ?? []) {
    let set = s.dependents.get(r.uid);
    if (!set) s.dependents.set(r.uid, (set = new Set()));
    set.add(uid);
  }
}

export function dependentsOf(s: ClusterState, uid: string): Entry[] {
  const out: Entry[] = [];
  for (const d of s.dependents.get(uid) ?? []) {
    const e = s.store.byUid.get(d);
    if (e) out.push(e);
  }
  return out;
}

function orphanDependents(s: ClusterState, owner: Entry): void {
  for (const d of dependentsOf(s, owner.uid)) {
    const obj = structuredClone(objectOf(d));
    obj.metadata.ownerReferences = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.uid);
    if (!obj.metadata.ownerReferences.length) delete obj.metadata.ownerReferences;
    if (d.machine === 'pod') d.actor!.send({ type: 'pod.update', pod: obj });
    else if (d.actor) d.actor.send({ type: 'controller.update', object: obj });
    else if (d.object) {
      indexOwners(s, d.uid, d.object, obj);
      d.object = obj;
      d.rv = ++s.rv;
    }
  }
}
