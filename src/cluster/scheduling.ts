/**
 * Scheduling glue: the queue the settle loop drains through the scheduler (`src/scheduler/`),
 * binding pods to nodes, pod IP allocation, and the per-node resource accounting a pod holds
 * until it ends or is removed.
 */
import { schedulePod } from '../scheduler/index.ts';
import { addPod, removePod } from '../scheduler/resources.ts';
import type { Pod, PodCondition } from '../types.ts';
import { armPodGC } from './nodelifecycle.ts';
import { volumeBindingMessage } from './storage.ts';
import { isReady, type ClusterState } from './state.ts';
import type { Entry } from './store.ts';

/** podMaxInUnschedulablePodsDuration: an unschedulable pod is retried at least this often. */
export const UNSCHEDULABLE_RETRY_MS = 300_000;
/** The scheduler's podInitialBackoffSeconds / podMaxBackoffSeconds (KubeSchedulerConfiguration defaults). */
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;

/**
 * `PriorityQueue.calculateBackoffDuration`: no back-off before the first failed attempt, then
 * 1 s doubling per attempt, capped at 10 s.
 */
export function podBackoffMs(attempts: number, initialMs = POD_INITIAL_BACKOFF_MS, maxMs = POD_MAX_BACKOFF_MS): number {
  if (attempts <= 0) return 0;
  let d = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (d > maxMs - d) return maxMs;
    d += d;
  }
  return d;
}

export function podCreated(s: ClusterState, e: Entry): void {
  const pod = e.last as Pod;
  if (pod.spec?.nodeName) {
    bind(s, e, pod.spec.nodeName, false);
  } else if ((pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') {
    s.schedQueue.push(e.uid);
  }
}

/**
 * `movePodsToActiveOrBackoffQueue` for a cluster event that may make pods schedulable (a pod
 * released its node's resources, a node appeared or changed, a claim bound): every
 * unschedulable pod goes to the activeQ, or to the backoffQ while its back-off lasts.
 */
export function requeueUnschedulable(s: ClusterState): void {
  if (!s.unschedulable.size) return;
  for (const uid of s.unschedulable.keys()) activateOrBackoff(s, uid);
  s.unschedulable.clear();
}

function activateOrBackoff(s: ClusterState, uid: string): void {
  const a = s.schedAttempts.get(uid);
  const end = a ? a.at + podBackoffMs(a.attempts) : 0;
  if (end > s.clock.now) {
    s.backoffQ.set(uid, end);
    s.clock.arm('cp:scheduler-backoff', uid, end);
  } else s.schedQueue.push(uid);
}

/** The `cp:scheduler` timer: `flushUnschedulablePodsLeftover` for a pod unschedulable for 5 min. */
export function retryUnschedulable(s: ClusterState, uid: string, due: number): void {
  if (s.leftoverTimers.get(uid) !== due) return;
  s.leftoverTimers.delete(uid);
  const want = s.unschedulable.get(uid);
  if (want === undefined) return; // it left unschedulablePods meanwhile
  if (want > due) {
    // It failed again since this timer was armed: its flush is later now.
    armLeftover(s, uid, want);
    return;
  }
  s.unschedulable.delete(uid);
  activateOrBackoff(s, uid);
}

/** One live leftover timer per pod, however often it fails (stale ones would pile up in the clock). */
function armLeftover(s: ClusterState, uid: string, due: number): void {
  s.leftoverTimers.set(uid, due);
  s.clock.arm('cp:scheduler', uid, due);
}

/** The `cp:scheduler-backoff` timer: `flushBackoffQCompleted` for a pod whose back-off ended. */
export function flushBackoff(s: ClusterState, uid: string, due: number): void {
  if (s.backoffQ.get(uid) !== due) return;
  s.backoffQ.delete(uid);
  s.schedQueue.push(uid);
}

/** A pod left the API: it leaves the scheduling queues. */
export function forgetPod(s: ClusterState, uid: string): void {
  s.unschedulable.delete(uid);
  s.leftoverTimers.delete(uid);
  s.backoffQ.delete(uid);
  s.schedAttempts.delete(uid);
}

export function runScheduler(s: ClusterState): void {
  const queue = s.schedQueue;
  s.schedQueue = [];
  for (const uid of queue) {
    const e = s.store.byUid.get(uid);
    if (!e || e.machine !== 'pod') continue;
    const pod = e.last as Pod;
    if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) {
      s.schedAttempts.delete(uid);
      continue;
    }
    const r = schedulePod(pod, s.nodeOrder, s.schedState, () => s.rng.next(), { volumeBinding: (p) => volumeBindingMessage(s, p) });
    if ('nodeName' in r) {
      s.schedAttempts.delete(uid);
      bind(s, e, r.nodeName, true);
    } else {
      s.recorder.record({
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
      // AddUnschedulableIfNotPresent: one more failed attempt, timestamped now; the pod waits in
      // unschedulablePods for an event (then its back-off) or for the 5-minute leftover flush.
      const attempts = (s.schedAttempts.get(uid)?.attempts ?? 0) + 1;
      s.schedAttempts.set(uid, { attempts, at: s.clock.now });
      const due = s.clock.now + UNSCHEDULABLE_RETRY_MS;
      s.unschedulable.set(uid, due);
      if (!s.leftoverTimers.has(uid)) armLeftover(s, uid, due);
    }
  }
}

function bind(s: ClusterState, e: Entry, nodeName: string, byScheduler: boolean): void {
  const ni = s.nodeInfos.get(nodeName);
  const pod = e.last as Pod;
  if (byScheduler) {
    s.recorder.record({
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
    if (!s.podgc.has(nodeName)) armPodGC(s, nodeName);
    return;
  }
  // Addresses come from the Node object itself (InternalIP, spec.podCIDR): O(1), and stable
  // whatever happened to other nodes.
  const hostIP = ni.node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const podIP = pod.spec?.hostNetwork ? hostIP : allocateIP(s, nodeName, cidrBase(ni.node.spec?.podCIDR));
  e.boundNode = nodeName;
  addPod(ni, pod);
  e.actor!.send({ type: 'pod.bound', nodeName, hostIP, podIP });
}

/** `10.244.3.0/24` → `10.244.3` (pod CIDRs are /24s, one per node). */
function cidrBase(cidr: string | undefined): string {
  return (cidr ?? '10.244.0.0/24').split('/')[0]!.split('.').slice(0, 3).join('.');
}

function ipsOf(s: ClusterState, nodeName: string): Set<number> {
  let used = s.usedIPs.get(nodeName);
  if (!used) s.usedIPs.set(nodeName, (used = new Set()));
  return used;
}

const hostOctet = (ip: string) => Number(ip.split('.')[3]);

/** A free address in the node's /24, drawn with the seeded RNG (.2–.253). */
function allocateIP(s: ClusterState, nodeName: string, base: string): string {
  const used = ipsOf(s, nodeName);
  let host = 2 + s.rng.int(252);
  while (used.has(host) && used.size < 252) host = 2 + ((host - 1) % 252);
  used.add(host);
  return `${base}.${host}`;
}

/** Re-derives scheduler accounting for a restored pod. */
export function accountPod(s: ClusterState, e: Entry, pod: Pod): void {
  const node = pod.spec?.nodeName;
  if (!node || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
  const ni = s.nodeInfos.get(node);
  e.boundNode = node;
  if (!ni) return; // its node is gone: PodGC will collect it
  addPod(ni, pod);
  const ip = pod.status?.podIP;
  if (ip && !pod.spec?.hostNetwork) ipsOf(s, node).add(hostOctet(ip));
}

export function releasePod(s: ClusterState, e: Entry): void {
  if (!e.boundNode) return;
  const ni = s.nodeInfos.get(e.boundNode);
  const pod = e.last as Pod;
  if (ni) removePod(ni, pod);
  const ip = pod.status?.podIP;
  if (ip && !pod.spec?.hostNetwork) s.usedIPs.get(e.boundNode)?.delete(hostOctet(ip));
  e.boundNode = undefined;
  requeueUnschedulable(s);
}

export function podChanged(s: ClusterState, e: Entry, prev: Pod | undefined, pod: Pod): void {
  const wasReady = isReady(prev);
  const ready = isReady(pod);
  if (wasReady !== ready) s.stats.readyPods += ready ? 1 : -1;
  const phase = pod.status?.phase;
  if ((phase === 'Succeeded' || phase === 'Failed') && e.boundNode) releasePod(s, e);
}
