/**
 * Workload controllers' side of the cluster: the PodControl they act through, and the sync queue
 * that wakes them level-triggered — a controller is marked dirty when its own object or a pod it
 * owns or could adopt changes, and dirty controllers sync (with the pods they may claim) once the
 * rest of the control plane has settled. See docs/architecture.md § Workload controllers.
 */
import type { PodControl } from '../../machines/env.ts';
import { matches, selectorFromLabelSelector } from '../labels.ts';
import { rcSelector } from '../../machines/replicaset/rc.ts';
import { getControllerOf } from '../../machines/replicaset/claim.ts';
import type { KObject, OwnerReference, Pod } from '../types.ts';
import { create } from './apply.ts';
import { defaultObject } from '../manifest/defaults.ts';
import { dependentsOf, deletePod } from './gc.ts';
import type { ClusterState } from './state.ts';
import type { Entry } from './store.ts';

export { CONTROLLER_KINDS } from './store.ts';
import { CONTROLLER_KINDS } from './store.ts';

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
      const e = s.store.get('Pod', namespace, name);
      if (!e) return;
      const pod = structuredClone(e.last as Pod);
      const others = (pod.metadata!.ownerReferences ?? []).filter((r: OwnerReference) => !(r.controller && (ref || r.uid === ownerUid)));
      const refs = ref ? [...others, ref] : others;
      (pod.metadata as KObject['metadata']).ownerReferences = refs.length ? refs : undefined;
      if (!refs.length) delete (pod.metadata as KObject['metadata']).ownerReferences;
      e.actor!.send({ type: 'pod.update', pod });
    },
    resync(ownerUid) {
      queueSync(s, ownerUid);
    },
  };
}

export function queueSync(s: ClusterState, uid: string): void {
  s.dirtyControllers.add(uid);
}

/** A pod appeared, changed or went: wake its controller, or — for an orphan — any that may adopt it. */
export function podTouched(s: ClusterState, pod: Pod | undefined): void {
  if (!pod) return;
  const ref = getControllerOf(pod);
  if (ref) {
    if (s.store.byUid.get(ref.uid)?.machine === 'replicaset') queueSync(s, ref.uid);
    return;
  }
  for (const e of controllersIn(s, pod.metadata?.namespace)) {
    if (matches(selectorOf(e), pod.metadata?.labels)) queueSync(s, e.uid);
  }
}

function controllersIn(s: ClusterState, namespace: string | undefined): Entry[] {
  const out: Entry[] = [];
  // (`last` is unset only while a snapshot is being restored, before the controller is observed.)
  for (const kind of CONTROLLER_KINDS) for (const e of s.store.entries(kind)) if (e.namespace === namespace && e.last) out.push(e);
  return out;
}

function selectorOf(e: Entry) {
  const o = e.last!;
  return o.kind === 'ReplicationController' ? rcSelector(o.spec?.selector) : selectorFromLabelSelector(o.spec?.selector);
}

/** Syncs every dirty controller, in creation order; returns whether any ran. */
export function syncControllers(s: ClusterState): boolean {
  if (!s.dirtyControllers.size) return false;
  const dirty = [...s.dirtyControllers].map((uid) => s.store.byUid.get(uid)).filter((e): e is Entry => !!e && !!e.actor);
  s.dirtyControllers.clear();
  dirty.sort((a, b) => a.seq! - b.seq!);
  for (const e of dirty) {
    // What it may claim: its own pods, and the orphans of its namespace matching its selector —
    // in creation order, so a restored cluster (whose indexes were rebuilt) sees the same list.
    const claimable: Entry[] = [];
    for (const d of dependentsOf(s, e.uid)) if (d.kind === 'Pod') claimable.push(d);
    const sel = selectorOf(e);
    for (const o of s.orphanPods.get(e.namespace ?? '') ?? []) if (matches(sel, o.last!.metadata.labels)) claimable.push(o);
    claimable.sort((a, b) => a.seq! - b.seq!);
    const pods = claimable.map((p) => p.last as Pod);
    e.actor!.send({ type: 'controller.sync', pods });
  }
  return true;
}

/** Keeps the orphan index (pods without a controller ownerReference) in line. */
export function indexOrphan(s: ClusterState, e: Entry, pod: Pod | undefined): void {
  const ns = e.namespace ?? '';
  let set = s.orphanPods.get(ns);
  if (pod && !getControllerOf(pod)) {
    if (!set) s.orphanPods.set(ns, (set = new Set()));
    set.add(e);
  } else if (set?.delete(e) && !set.size) s.orphanPods.delete(ns);
}
