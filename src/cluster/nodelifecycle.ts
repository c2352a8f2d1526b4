/**
 * Nodes: registration, the node operations of the API (cordon, taint, fail, recover, remove),
 * and the control-plane reactions to a node's changes — the node lifecycle controller's
 * MarkPodsNotReady, taint eviction of pods not tolerating NoExecute taints, and PodGC of pods
 * whose node is gone.
 */
import { iso } from '../../machines/time.ts';
import { getMinTolerationTime } from '../scheduler/taints.ts';
import { newNodeInfo, setNode } from '../scheduler/resources.ts';
import type { KObject, Node, Pod, PodCondition } from '../types.ts';
import { deletePod, removeEntry } from './gc.ts';
import { nodesTouched } from './controllers.ts';
import { defaultNode, podCIDRBase } from './nodes.ts';
import { createActorEntry, settle } from './runtime.ts';
import { requeueUnschedulable } from './scheduling.ts';
import { ClusterError, isReady, newUid, type ClusterState } from './state.ts';
import { objectOf, type Entry } from './store.ts';

/** PodGC (pkg/controller/podgc): orphaned pods are force-deleted after this quarantine. */
const PODGC_QUARANTINE_MS = 40_000;

// ---------------------------------------------------------------- nodes

export function createNode(s: ClusterState, n: Node): Entry {
  const node = structuredClone(n) as Node & KObject;
  const md = node.metadata as KObject['metadata'];
  md.uid ??= newUid(s);
  md.creationTimestamp ??= iso(s.clock.now);
  // The node IPAM: the first /24 (and node address) no live node holds, so a node added after
  // another was removed never collides — derived from the nodes themselves (restore-safe).
  const taken = new Set(s.nodeOrder.map((ni) => ni.node.spec?.podCIDR));
  let index = s.nodeOrder.length;
  for (let i = 0; i <= s.nodeOrder.length; i++) {
    if (!taken.has(`${podCIDRBase(i)}.0/24`)) {
      index = i;
      break;
    }
  }
  if (!node.spec?.podCIDR) node.spec = { ...node.spec, podCIDR: `${podCIDRBase(index)}.0/24`, podCIDRs: [`${podCIDRBase(index)}.0/24`] };
  if (!node.status?.addresses) {
    node.status = {
      ...defaultNode(md.name!, index).status,
      ...node.status,
    };
  }
  md.labels = { ...defaultNode(md.name!, index).metadata!.labels, ...md.labels };
  const e = createActorEntry(s, 'Node', node);
  const ni = newNodeInfo(e.last as Node);
  s.nodeInfos.set(e.name, ni);
  s.nodeOrder.push(ni);
  s.recorder.record({ type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', involved: { kind: 'Node', name: e.name, uid: e.name }, component: 'kubelet', host: e.name });
  s.recorder.record({ type: 'Normal', reason: 'RegisteredNode', message: `Node ${e.name} event: Registered Node ${e.name} in Controller`, involved: { kind: 'Node', name: e.name, uid: e.name }, component: 'node-controller' });
  requeueUnschedulable(s);
  nodesTouched(s);
  return e;
}

function nodeEntry(s: ClusterState, name: string): Entry {
  const e = s.store.get('Node', undefined, name);
  if (!e) throw new ClusterError(`nodes "${name}" not found`, 'NotFound');
  return e;
}

export function addNode(s: ClusterState, node: string | Node): KObject {
  const n = typeof node === 'string' ? defaultNode(node, s.nodeOrder.length) : node;
  if (s.store.get('Node', undefined, n.metadata!.name!)) throw new ClusterError(`nodes "${n.metadata!.name}" already exists`, 'AlreadyExists');
  const e = createNode(s, n);
  settle(s);
  return objectOf(e);
}

function updateNode(s: ClusterState, name: string, f: (n: Node) => Node): void {
  const e = nodeEntry(s, name);
  e.actor!.send({ type: 'node.update', node: f(structuredClone(e.last as Node)) });
  settle(s);
}

export function cordon(s: ClusterState, name: string): void {
  updateNode(s, name, (n) => ({ ...n, spec: { ...n.spec, unschedulable: true } }));
}

export function uncordon(s: ClusterState, name: string): void {
  updateNode(s, name, (n) => {
    const spec = { ...n.spec };
    delete spec.unschedulable;
    return { ...n, spec };
  });
}

export function taint(s: ClusterState, name: string, spec: string): void {
  const m = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
  if (!m || (!m[4] && !m[3])) throw new ClusterError(`invalid taint spec: ${spec}, expected key[=value]:Effect (NoSchedule|PreferNoSchedule|NoExecute) or key[:Effect]-`, 'Invalid');
  const [, key, value, effect, remove] = m;
  updateNode(s, name, (n) => {
    let taints = [...(n.spec?.taints ?? [])];
    if (remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
      if (before === taints.length) throw new ClusterError(`taint "${key}${effect ? `:${effect}` : ''}" not found`, 'NotFound');
    } else {
      taints = taints.filter((t) => !(t.key === key && t.effect === effect));
      const t: any = { key, effect };
      if (value) t.value = value;
      if (effect === 'NoExecute') t.timeAdded = iso(s.clock.now);
      taints.push(t);
    }
    return { ...n, spec: { ...n.spec, taints } };
  });
}

export function failNode(s: ClusterState, name: string, mode: 'unreachable' | 'notready'): void {
  const e = nodeEntry(s, name);
  e.actor!.send({ type: 'node.kubelet', state: mode === 'notready' ? 'NotReady' : 'Stopped' });
  if (mode === 'unreachable') for (const p of podsOnNode(s, name)) p.actor!.send({ type: 'pod.kubelet', up: false });
  settle(s);
}

export function recoverNode(s: ClusterState, name: string): void {
  const e = nodeEntry(s, name);
  e.actor!.send({ type: 'node.kubelet', state: 'Ready' });
  for (const p of podsOnNode(s, name)) p.actor!.send({ type: 'pod.kubelet', up: true });
  settle(s);
}

export function removeNode(s: ClusterState, name: string): void {
  const e = nodeEntry(s, name);
  s.recorder.record({ type: 'Normal', reason: 'RemovingNode', message: `Node ${name} event: Removing Node ${name} from Controller`, involved: { kind: 'Node', name, uid: name }, component: 'node-controller' });
  removeEntry(s, e);
  nodesTouched(s);
  armPodGC(s, name);
  settle(s);
}

function podsOnNode(s: ClusterState, name: string): Entry[] {
  return s.store.podsOnNode(name);
}

export function nodeChanged(s: ClusterState, e: Entry, prev: Node | undefined, node: Node): void {
  const ni = s.nodeInfos.get(e.name);
  if (ni) setNode(ni, node);
  const readyOf = (n?: Node) => n?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const was = readyOf(prev);
  const now = readyOf(node);
  // DaemonSets place pods by labels, taints and schedulability.
  if (prev?.metadata?.labels !== node.metadata?.labels || prev?.spec !== node.spec || was !== now) nodesTouched(s);
  if (was === 'True' && now !== 'True') {
    // MarkPodsNotReady: the node lifecycle controller flips each pod's Ready condition.
    for (const p of podsOnNode(s, e.name)) {
      // MarkPodsNotReady records the event only where it flips Ready from True.
      if (!isReady(p.last as Pod)) continue;
      s.recorder.record({
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
    for (const p of podsOnNode(s, e.name)) p.actor!.send({ type: 'pod.conditions', conditions: [], remove: ['Ready'] });
  }
  const noExec = (n?: Node) => JSON.stringify((n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
  if (noExec(prev) !== noExec(node)) s.work.push(() => reconcileEvictions(s, e.name));
  requeueUnschedulable(s);
}

// ---------------------------------------------------------------- taint eviction & pod GC

/** pkg/controller/tainteviction: pods not tolerating a NoExecute taint are deleted, after tolerationSeconds. */
function reconcileEvictions(s: ClusterState, nodeName: string): void {
  const e = s.store.get('Node', undefined, nodeName);
  const taints = ((e?.last as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  for (const p of podsOnNode(s, nodeName)) {
    const pod = p.last as Pod;
    if (pod.metadata?.deletionTimestamp) continue;
    if (!taints.length) {
      s.evictions.delete(p.uid);
      continue;
    }
    const seconds = getMinTolerationTime(pod.spec?.tolerations, taints);
    if (seconds < 0) {
      s.evictions.delete(p.uid);
      continue;
    }
    const added = Math.max(...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : s.clock.now)));
    let due = Math.max(s.clock.now, (Number.isFinite(added) ? added : s.clock.now) + seconds * 1000);
    // processPodOnNode keeps an already scheduled eviction that fires earlier.
    const pending = s.evictions.get(p.uid);
    if (pending !== undefined && pending < due) due = pending;
    if (pending === due) continue;
    s.evictions.set(p.uid, due);
    if (due <= s.clock.now) s.work.push(() => evict(s, p.uid, due));
    else s.clock.arm('cp:taint-eviction', p.uid, due);
  }
}

/** The taint-eviction controller deletes a pod whose toleration time ran out (`cp:taint-eviction`). */
export function evict(s: ClusterState, uid: string, due: number): void {
  if (s.evictions.get(uid) !== due) return;
  s.evictions.delete(uid);
  const p = s.store.byUid.get(uid);
  if (!p || p.machine !== 'pod') return;
  s.recorder.record({
    type: 'Normal',
    reason: 'TaintManagerEviction',
    message: `Marking for deletion Pod ${p.namespace}/${p.name}`,
    involved: { kind: 'Pod', name: p.name, namespace: p.namespace, uid: p.uid },
    component: 'taint-eviction-controller',
  });
  p.actor!.send({ type: 'pod.conditions', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] });
  deletePod(s, p, {});
}

/** Arms PodGC for the pods of a node that is gone (or never existed). */
export function armPodGC(s: ClusterState, nodeName: string): void {
  s.podgc.set(nodeName, s.clock.now + PODGC_QUARANTINE_MS);
  s.clock.arm('cp:podgc', nodeName, s.clock.now + PODGC_QUARANTINE_MS);
}

/** PodGC (`cp:podgc`): after the quarantine, the pods of a node still gone are force-deleted. */
export function collectNodePods(s: ClusterState, nodeName: string, due: number): void {
  if (s.podgc.get(nodeName) !== due) return;
  s.podgc.delete(nodeName);
  if (s.store.get('Node', undefined, nodeName)) return;
  for (const p of podsOnNode(s, nodeName)) {
    markFailedAndDelete(s, p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
  }
}

/**
 * PodGC's `markFailedAndDeletePodWithCondition`: a pod not yet terminal gets phase Failed (and the
 * condition, if any); then a force delete (a finalizer still holds the object).
 */
function markFailedAndDelete(s: ClusterState, e: Entry, condition?: PodCondition): void {
  const phase = (e.last as Pod).status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    e.actor!.send({ type: 'pod.conditions', phase: 'Failed', conditions: condition ? [condition] : [] });
  }
  deletePod(s, e, { force: true });
}

/** PodGC's `gcCheckPeriod`: how often it looks for terminating pods no node has (20 s). */
export const PODGC_CHECK_PERIOD_MS = 20_000;

/**
 * A pod that became terminating while no node had it (a finalizer keeps it): PodGC's
 * `gcUnscheduledTerminating` marks it Failed and force-deletes it at its next pass — here at the
 * latest such pass, one `gcCheckPeriod` after the deletion.
 */
export function watchUnscheduledTerminating(s: ClusterState, e: Entry, prev: Pod | undefined, pod: Pod): void {
  if (pod.spec?.nodeName || !pod.metadata?.deletionTimestamp || prev?.metadata?.deletionTimestamp) return;
  s.clock.arm('cp:podgc-unscheduled', e.uid, s.clock.now + PODGC_CHECK_PERIOD_MS);
}

/** The `cp:podgc-unscheduled` timer. */
export function gcUnscheduledTerminating(s: ClusterState, uid: string): void {
  const e = s.store.byUid.get(uid);
  const pod = e?.last as Pod | undefined;
  if (!e || !pod || pod.spec?.nodeName || !pod.metadata?.deletionTimestamp) return;
  markFailedAndDelete(s, e);
}
