/**
 * Workload controllers' side of the cluster: the PodControl they act through, and the sync queue
 * that wakes them level-triggered — a controller is marked dirty when its own object or a pod it
 * owns or could adopt changes, and dirty controllers sync (with the pods they may claim) once the
 * rest of the control plane has settled. See docs/architecture.md § Workload controllers.
 */
import type { ClaimControl, JobControl, PodControl, ReplicaSetControl, RevisionControl } from '../../machines/env.ts';
import { matches, selectorFromLabelSelector } from '../labels.ts';
import { rcSelector } from '../../machines/replicaset/rc.ts';
import { getControllerOf } from '../../machines/replicaset/claim.ts';
import type { KObject, OwnerReference, Pod } from '../types.ts';
import type { Job } from 'kubernetes-types/batch/v1.d.ts';
import { hasJobTrackingFinalizer } from '../../machines/job/counting.ts';
import { isJobFinished, JOB_TRACKING_FINALIZER, managedByExternalController } from '../../machines/job/spec.ts';
import { create, createStatic, update } from './apply.ts';
import { defaultObject } from '../manifest/defaults.ts';
import { deleteObject, dependentsOf, deletePod, indexOwners, removeEntry } from './gc.ts';
import type { ClusterState } from './state.ts';
import type { Entry } from './store.ts';

export { CONTROLLER_KINDS } from './store.ts';
import { CONTROLLER_KINDS, objectOf, POD_CONTROLLER_KINDS } from './store.ts';

export function podControl(s: ClusterState): PodControl {
  return {
    create(owner, ref) {
      const t = owner.spec?.template ?? {};
      const md = t.metadata ?? {};
      const pod: KObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: '',
          generateName: `${owner.metadata.name}-`,
          namespace: owner.metadata.namespace,
          ...(md.labels ? { labels: { ...md.labels } } : {}),
          ...(md.annotations ? { annotations: { ...md.annotations } } : {}),
          ownerReferences: [ref],
        },
        spec: structuredClone(t.spec),
      };
      // The API server defaults and admits the pod as any other (e.g. the DefaultTolerationSeconds
      // tolerations for not-ready/unreachable nodes).
      return create(s, defaultObject(pod, { namespaced: true, namespace: owner.metadata.namespace })).name;
    },
    delete(namespace, name) {
      const e = s.store.get('Pod', namespace, name);
      if (e && !(e.last as Pod).metadata?.deletionTimestamp) deletePod(s, e, {});
    },
    setController(namespace, name, ref, ownerUid) {
      setController(s, 'Pod', namespace, name, ref, ownerUid);
    },
    updatePod(pod) {
      const e = s.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
      if (e) update(s, e, pod);
    },
    removeFinalizer(namespace, name, uid, finalizer) {
      const e = s.store.get('Pod', namespace, name);
      if (e && e.uid === uid) removePodFinalizer(s, e, finalizer);
    },
    createPod(pod) {
      const obj = structuredClone(pod);
      obj.apiVersion = 'v1';
      obj.kind = 'Pod';
      obj.metadata.name ??= '';
      return create(s, defaultObject(obj, { namespaced: true, namespace: obj.metadata.namespace })).name;
    },
  };
}

export function revisionControl(s: ClusterState): RevisionControl {
  return {
    create: (revision) => createUnlessTaken(s, 'ControllerRevision', revision, () => createStatic(s, structuredClone(revision))),
    update: (revision) => updateNamed(s, 'ControllerRevision', revision),
    delete: (namespace, name) => removeNamed(s, 'ControllerRevision', namespace, name),
  };
}

export function claimControl(s: ClusterState): ClaimControl {
  return {
    create(claim) {
      const md = claim.metadata;
      if (s.store.get('PersistentVolumeClaim', md.namespace, md.name)) return false;
      const obj = structuredClone(claim);
      obj.apiVersion = 'v1';
      obj.kind = 'PersistentVolumeClaim';
      delete obj.status;
      create(s, defaultObject(obj, { namespaced: true, namespace: md.namespace }));
      return true;
    },
    update(claim) {
      const e = s.store.get('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name);
      if (!e) return;
      const cur = e.object!;
      // Only the owners change (retention policy); the rest of the claim is the binder's.
      const refs = claim.metadata.ownerReferences;
      const md = { ...cur.metadata, ownerReferences: refs } as KObject['metadata'];
      if (!refs?.length) delete md.ownerReferences;
      indexOwners(s, e.uid, cur, { ...cur, metadata: md });
      e.object = { ...cur, metadata: md };
      e.rv = ++s.rv;
    },
  };
}

export function jobControl(s: ClusterState): JobControl {
  return {
    create: (job) => createUnlessTaken(s, 'Job', job),
    delete(namespace, name, propagation, opts) {
      const e = s.store.get('Job', namespace, name);
      if (!e) return;
      const del = () => s.store.get('Job', namespace, name) === e && deleteObject(s, 'Job', name, { namespace, propagationPolicy: propagation });
      if (opts?.deferred) s.work.push(del);
      else del();
    },
  };
}

/** A node appeared, went, or changed what DaemonSets look at: every DaemonSet re-evaluates its nodes. */
export function nodesTouched(s: ClusterState): void {
  for (const e of s.store.entries('DaemonSet')) queueSync(s, e.uid);
}

export function replicaSetControl(s: ClusterState): ReplicaSetControl {
  return {
    create: (rs) => createUnlessTaken(s, 'ReplicaSet', rs),
    update: (rs) => updateNamed(s, 'ReplicaSet', rs),
    delete: (namespace, name) => removeNamed(s, 'ReplicaSet', namespace, name),
    setController(namespace, name, ref, ownerUid) {
      setController(s, 'ReplicaSet', namespace, name, ref, ownerUid);
    },
  };
}

/**
 * A controller's create of a namespaced object: the API's AlreadyExists answer (with the object
 * holding the name), or the object created — defaulted like any other unless `make` says how.
 */
function createUnlessTaken(s: ClusterState, kind: string, obj: KObject, make?: () => Entry): { ok: true; object: KObject } | { ok: false; existing: KObject } {
  const md = obj.metadata;
  const existing = s.store.get(kind, md.namespace, md.name);
  if (existing) return { ok: false, existing: objectOf(existing) };
  const e = make ? make() : create(s, defaultObject(structuredClone(obj), { namespaced: true, namespace: md.namespace }));
  return { ok: true, object: objectOf(e) };
}

/** A controller's update of an object it names; the object as stored after it (or as sent, if gone). */
function updateNamed(s: ClusterState, kind: string, obj: KObject): KObject {
  const e = s.store.get(kind, obj.metadata.namespace, obj.metadata.name);
  if (!e) return obj;
  update(s, e, obj);
  return objectOf(e);
}

function removeNamed(s: ClusterState, kind: string, namespace: string, name: string): void {
  const e = s.store.get(kind, namespace, name);
  if (e) removeEntry(s, e);
}

/** Adopts (sets the controller ownerReference) or releases (removes this owner's) a dependent. */
function setController(s: ClusterState, kind: string, namespace: string, name: string, ref: OwnerReference | null, ownerUid: string): void {
  const e = s.store.get(kind, namespace, name);
  if (!e) return;
  const obj = structuredClone(e.last!);
  const others = (obj.metadata.ownerReferences ?? []).filter((r: OwnerReference) => !(r.controller && (ref || r.uid === ownerUid)));
  const refs = ref ? [...others, ref] : others;
  obj.metadata.ownerReferences = refs;
  if (!refs.length) delete obj.metadata.ownerReferences;
  if (kind === 'Pod') e.actor!.send({ type: 'pod.update', pod: obj });
  else e.actor!.send({ type: 'controller.update', object: obj });
}

export function queueSync(s: ClusterState, uid: string): void {
  s.dirtyControllers.add(uid);
}

/** The controller kinds that own (and may adopt) objects of a kind. */
const OWNER_KINDS: Record<string, readonly string[]> = {
  Pod: [...POD_CONTROLLER_KINDS],
  ReplicaSet: ['Deployment'],
  // A CronJob hears of its own Jobs; it never adopts orphans (cronjob_controllerv2 lists by controllerRef).
  Job: [],
};

/**
 * A pod or ReplicaSet appeared, changed or went (`removed`): wake its controller, or — for an
 * orphan — any controller that may adopt it. A Recreate Deployment also hears of its pods going
 * (upstream's deletePod handler: it waits for the old pods to be gone).
 */
export function dependentTouched(s: ClusterState, kind: string, obj: KObject | undefined, removed = false): void {
  if (kind === 'Job' && obj && !removed && isJobFinished(obj as Job)) {
    // The Job controller's updateJob → cleanupPodFinalizers: a finished Job's pods are orphans to it.
    for (const d of dependentsOf(s, obj.metadata.uid!)) if (d.kind === 'Pod') orphanTrackedPod(s, d.last as Pod);
  }
  const owners = OWNER_KINDS[kind];
  if (!obj || !owners) return;
  if (kind === 'Pod' && !removed) orphanTrackedPod(s, obj as Pod);
  const ref = getControllerOf(obj as Pod);
  if (ref) {
    const owner = s.store.byUid.get(ref.uid);
    if (!owner || !CONTROLLER_KINDS.has(owner.kind)) return;
    queueSync(s, ref.uid);
    if (removed && kind === 'Pod') {
      const grand = getControllerOf(owner.last as Pod);
      const d = grand && s.store.byUid.get(grand.uid);
      if (d?.kind === 'Deployment' && d.last?.spec?.strategy?.type === 'Recreate') queueSync(s, d.uid);
    }
    return;
  }
  const ns = obj.metadata?.namespace;
  for (const ownerKind of owners) {
    for (const e of s.store.entriesIn(ownerKind, ns)) {
      if (e.last && matches(selectorOf(e), obj.metadata?.labels)) queueSync(s, e.uid);
    }
  }
}

/**
 * The Job controller's orphan queue (addPod / updatePod / deletePod → enqueueOrphanPod,
 * syncOrphanPod): a pod with the job-tracking finalizer that no unfinished batch/v1 Job controls
 * — no controller, or its Job is gone or finished — loses the finalizer. A pod controlled by
 * another kind keeps it. (Queued: this runs while an actor's snapshot is being observed.)
 */
function orphanTrackedPod(s: ClusterState, pod: Pod): void {
  if (!hasJobTrackingFinalizer(pod as any) || !orphanedFromJob(s, pod)) return;
  const uid = pod.metadata!.uid!;
  s.work.push(() => {
    const e = s.store.byUid.get(uid);
    const cur = e?.last as Pod | undefined;
    if (!e || !cur || !orphanedFromJob(s, cur)) return;
    removePodFinalizer(s, e, JOB_TRACKING_FINALIZER);
  });
}

/** The finalizer patch: only `metadata.finalizers` of the pod as it is now changes. */
function removePodFinalizer(s: ClusterState, e: Entry, finalizer: string): void {
  const cur = e.last as Pod | undefined;
  if (!cur?.metadata?.finalizers?.includes(finalizer)) return;
  const next = structuredClone(cur) as KObject;
  const finalizers = next.metadata.finalizers!.filter((f: string) => f !== finalizer);
  next.metadata.finalizers = finalizers;
  if (!finalizers.length) delete next.metadata.finalizers;
  update(s, e, next);
}

function orphanedFromJob(s: ClusterState, pod: Pod): boolean {
  const ref = getControllerOf(pod);
  if (!ref) return true;
  if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return false;
  const job = s.store.byUid.get(ref.uid);
  if (!job || job.kind !== 'Job' || job.name !== ref.name) return true;
  // A Job another controller manages (spec.managedBy) keeps its pods' finalizers for that controller.
  if (managedByExternalController(job.last as Job) !== null) return false;
  return isJobFinished(job.last as Job);
}

function selectorOf(e: Entry) {
  const o = e.last!;
  return o.kind === 'ReplicationController' ? rcSelector(o.spec?.selector) : selectorFromLabelSelector(o.spec?.selector);
}

/** What a controller may claim: the dependents it owns, and the matching orphans of its namespace, in creation order. */
function claimable(s: ClusterState, e: Entry, kind: string): Entry[] {
  const out: Entry[] = [];
  for (const d of dependentsOf(s, e.uid)) if (d.kind === kind) out.push(d);
  const sel = selectorOf(e);
  for (const o of s.orphans.get(kind)?.get(e.namespace ?? '') ?? []) if (matches(sel, o.last!.metadata.labels)) out.push(o);
  // Creation order, so a restored cluster (whose indexes were rebuilt) sees the same list.
  return out.sort((a, b) => a.seq! - b.seq!);
}

/** Syncs every dirty controller, in creation order; returns whether any ran. */
export function syncControllers(s: ClusterState): boolean {
  if (!s.dirtyControllers.size) return false;
  const dirty = [...s.dirtyControllers].map((uid) => s.store.byUid.get(uid)).filter((e): e is Entry => !!e && !!e.actor);
  s.dirtyControllers.clear();
  dirty.sort((a, b) => a.seq! - b.seq!);
  for (const e of dirty) {
    // An earlier controller in this pass may have deleted it (a CronJob's Replace or history cleanup).
    if (s.store.byUid.get(e.uid) !== e) continue;
    if (e.machine === 'deployment') {
      const rss = claimable(s, e, 'ReplicaSet');
      let pods: Record<string, Pod[]> | undefined;
      if (e.last!.spec?.strategy?.type === 'Recreate') {
        // getPodMapForDeployment: the pods of each ReplicaSet it may own, by the RS's uid.
        pods = {};
        for (const rs of rss) pods[rs.uid] = dependentsOf(s, rs.uid).filter((p) => p.kind === 'Pod').sort((a, b) => a.seq! - b.seq!).map((p) => p.last as Pod);
      }
      e.actor!.send({ type: 'controller.sync', replicaSets: rss.map((r) => r.last!), pods });
      continue;
    }
    if (e.machine === 'statefulset') {
      const revisions = dependentsOf(s, e.uid).filter((d) => d.kind === 'ControllerRevision').sort((a, b) => a.seq! - b.seq!).map((d) => d.object!);
      const claims: KObject[] = [];
      for (const c of s.store.entriesIn('PersistentVolumeClaim', e.namespace)) claims.push(objectOf(c));
      e.actor!.send({ type: 'controller.sync', pods: claimable(s, e, 'Pod').map((p) => p.last as Pod), revisions, claims });
      continue;
    }
    if (e.machine === 'cronjob') {
      const jobs = dependentsOf(s, e.uid).filter((d) => d.kind === 'Job').sort((a, b) => a.seq! - b.seq!).map((d) => d.last!);
      e.actor!.send({ type: 'controller.sync', jobs });
      continue;
    }
    if (e.machine === 'daemonset') {
      const nodes: KObject[] = [];
      for (const n of s.store.entries('Node')) if (n.last) nodes.push(n.last);
      const revisions = dependentsOf(s, e.uid).filter((d) => d.kind === 'ControllerRevision').sort((a, b) => a.seq! - b.seq!).map((d) => d.object!);
      e.actor!.send({ type: 'controller.sync', pods: claimable(s, e, 'Pod').map((p) => p.last as Pod), nodes, revisions });
      continue;
    }
    e.actor!.send({ type: 'controller.sync', pods: claimable(s, e, 'Pod').map((p) => p.last as Pod) });
  }
  return true;
}

/** Keeps the orphan index (objects a controller could adopt that have no controller ownerReference) in line. */
export function indexOrphan(s: ClusterState, e: Entry, obj: KObject | undefined): void {
  if (!OWNER_KINDS[e.kind]) return;
  const ns = e.namespace ?? '';
  let byNs = s.orphans.get(e.kind);
  let set = byNs?.get(ns);
  if (obj && !getControllerOf(obj as Pod)) {
    if (!byNs) s.orphans.set(e.kind, (byNs = new Map()));
    if (!set) byNs.set(ns, (set = new Set()));
    set.add(e);
  } else if (set?.delete(e) && !set.size) byNs!.delete(ns);
}
