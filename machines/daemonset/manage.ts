/**
 * The per-node reconciliation of a DaemonSet sync: which nodes need a pod, which pods go.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/daemon/daemon_controller.go  podsShouldBeOnNode, manage, syncNodes,
 *                                                getUnscheduledPodsWithoutNode, failedPodsBackoffKey,
 *                                                BurstReplicas, the event reasons
 *  - staging/src/k8s.io/client-go/util/flowcontrol/backoff.go  Backoff (Next, Get,
 *                                                IsInBackOffSinceUpdate, GC)
 *  - cmd/kube-controller-manager/app/apps.go     `flowcontrol.NewBackOff(1*time.Second, 15*time.Minute)`
 *
 * The failed-pod backoff is the one piece of controller memory; here it is an immutable value
 * passed in and returned. Times are ms since the epoch.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Node, Pod } from '../../src/types.ts';
import type { ControllerEvent } from '../replicaset/events.ts';
import { isPodAvailable, isPodReady } from '../replicaset/status.ts';
import { slowStartBatches } from '../replicaset/slowstart.ts';
import { hasExpired, nextBackoff, type BackoffEntry } from '../container/backoff.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import { allowsSurge, CONTROLLER_REVISION_HASH_LABEL, getNodesToDaemonPods, newDaemonPod, sortDaemonPods } from './pods.ts';

/** daemon_controller.go `BurstReplicas`: at most this many creates, and this many deletes, per sync. */
export const DAEMONSET_BURST_REPLICAS = 250;

/** daemon_controller.go event reasons. */
export const SELECTING_ALL_REASON = 'SelectingAll';
export const FAILED_PLACEMENT_REASON = 'FailedPlacement';
export const FAILED_DAEMON_POD_REASON = 'FailedDaemonPod';
export const SUCCEEDED_DAEMON_POD_REASON = 'SucceededDaemonPod';

/** syncDaemonSet's event for an empty (`{}`) selector; the sync then stops. */
export const selectingAllEvent = (): ControllerEvent =>
  ({ type: 'Warning', reason: SELECTING_ALL_REASON, message: 'This daemon set is selecting all pods. A non-empty selector is required.' });

/** podsShouldBeOnNode: `Warning FailedDaemonPod "Found failed daemon pod %s/%s on node %s, will try to kill it"`. */
export const failedDaemonPodEvent = (namespace: string, pod: string, node: string): ControllerEvent =>
  ({ type: 'Warning', reason: FAILED_DAEMON_POD_REASON, message: `Found failed daemon pod ${namespace}/${pod} on node ${node}, will try to kill it` });

/** podsShouldBeOnNode: `Normal SucceededDaemonPod "Found succeeded daemon pod %s/%s on node %s, will try to delete it"`. */
export const succeededDaemonPodEvent = (namespace: string, pod: string, node: string): ControllerEvent =>
  ({ type: 'Normal', reason: SUCCEEDED_DAEMON_POD_REASON, message: `Found succeeded daemon pod ${namespace}/${pod} on node ${node}, will try to delete it` });

// ---------------------------------------------------------------------------------------------
// Failed-pod backoff (flowcontrol.Backoff, no jitter: the kubelet's arithmetic, machines/container/backoff.ts)
// ---------------------------------------------------------------------------------------------

export const FAILED_PODS_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_PODS_BACKOFF_MAX_MS = 15 * 60_000;

export type { BackoffEntry };

/** flowcontrol `Backoff.perItemBackoff`, as an immutable map. */
export type FailedPodsBackoff = ReadonlyMap<string, BackoffEntry>;
export const NO_BACKOFF: FailedPodsBackoff = new Map();

/** daemon_controller.go `failedPodsBackoffKey`: `<ds uid>/<status.observedGeneration>/<node>`. */
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata?.uid ?? ''}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
}

/** backoff.go `Backoff.Get(id)`: the current delay, 0 without an entry. */
export function backoffGet(state: FailedPodsBackoff, id: string): number {
  return state.get(id)?.backoff ?? 0;
}

/** backoff.go `IsInBackOffSinceUpdate(id, eventTime)`: an unexpired entry whose delay has not passed since its last update. */
export function backoffIsInBackOffSinceUpdate(state: FailedPodsBackoff, id: string, eventTime: number, max = FAILED_PODS_BACKOFF_MAX_MS): boolean {
  const e = state.get(id) ?? null;
  if (!e || hasExpired(e, eventTime, max)) return false;
  return eventTime - e.lastUpdate < e.backoff;
}

/**
 * backoff.go `Next(id, eventTime)`: a missing or expired entry starts at the initial delay,
 * otherwise the delay doubles up to max; `lastUpdate` = now (`Clock.Now()`, the same instant here).
 */
export function backoffNext(state: FailedPodsBackoff, id: string, eventTime: number, initial = FAILED_PODS_BACKOFF_INITIAL_MS, max = FAILED_PODS_BACKOFF_MAX_MS): FailedPodsBackoff {
  const out = new Map(state);
  out.set(id, nextBackoff(state.get(id) ?? null, eventTime, eventTime, initial, max));
  return out;
}

/** backoff.go `GC()` (run every `BackoffGCInterval` = 1 minute): drop entries idle for more than 2×max. */
export function backoffGC(state: FailedPodsBackoff, now: number, max = FAILED_PODS_BACKOFF_MAX_MS): FailedPodsBackoff {
  const out = new Map<string, BackoffEntry>();
  for (const [k, e] of state) if (!hasExpired(e, now, max)) out.set(k, e);
  return out.size === state.size ? state : out;
}

// ---------------------------------------------------------------------------------------------
// podsShouldBeOnNode
// ---------------------------------------------------------------------------------------------

export interface NodePlan {
  /** 0 or 1 entry: this node's name when a pod must be created. */
  nodesNeedingDaemonPods: string[];
  /** Names of pods to delete, in upstream's order. */
  podsToDelete: string[];
  /** Events recorded on the DaemonSet. */
  events: ControllerEvent[];
  /** `enqueueDaemonSetAfter(ds, delay)` requests (ms) from failed pods still in backoff. */
  requeueAfter: number[];
  /** The failed-pod backoff after this node. */
  backoff: FailedPodsBackoff;
}

/**
 * daemon_controller.go `podsShouldBeOnNode(node, nodeToDaemonPods, ds, hash)`. `pods` is the
 * node's entry of `getNodesToDaemonPods(.., false)` — `undefined` when the node has no entry
 * (a node whose only pods are being deleted HAS an entry, so nothing is created until they are gone).
 *
 *  - shouldRun and no entry → create.
 *  - shouldContinueRunning: pods being deleted are skipped; a Failed pod is deleted with a
 *    `FailedDaemonPod` warning unless its `<uid>/<observedGeneration>/<node>` key is in backoff
 *    (then skipped and the DaemonSet requeued after the current delay); each deletion advances the
 *    backoff (1 s doubling to 15 min). A Succeeded pod is deleted with a `SucceededDaemonPod` event.
 *    Then, without surge: more than one remaining pod → keep the first by
 *    {@link sortDaemonPods} (scheduled, oldest, name), delete the rest. With surge (maxSurge > 0):
 *    none remaining and shouldRun → create; more than one → keep the oldest pod whose
 *    `controller-revision-hash` is `hash` and the oldest with another hash, delete all others,
 *    and delete that old one too when it is not Ready or the new one is available (minReadySeconds).
 *  - !shouldContinueRunning and an entry → delete every pod not already being deleted.
 */
export function podsShouldBeOnNode(
  node: Node,
  pods: readonly Pod[] | undefined,
  ds: DaemonSet,
  hash: string,
  now: number,
  backoff: FailedPodsBackoff = NO_BACKOFF,
): NodePlan {
  const nodeName = node.metadata?.name ?? '';
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const plan: NodePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], events: [], requeueAfter: [], backoff };
  const exists = pods !== undefined;
  const daemonPods = pods ?? [];

  if (shouldRun && !exists) {
    plan.nodesNeedingDaemonPods.push(nodeName);
    return plan;
  }
  if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of daemonPods) {
      if (pod.metadata?.deletionTimestamp != null) continue;
      const phase = pod.status?.phase;
      const podName = pod.metadata?.name ?? '';
      if (phase === 'Failed') {
        const key = failedPodsBackoffKey(ds, nodeName);
        if (backoffIsInBackOffSinceUpdate(plan.backoff, key, now)) {
          plan.requeueAfter.push(backoffGet(plan.backoff, key));
          continue;
        }
        plan.backoff = backoffNext(plan.backoff, key, now);
        plan.events.push(failedDaemonPodEvent(pod.metadata?.namespace ?? '', podName, nodeName));
        plan.podsToDelete.push(podName);
      } else if (phase === 'Succeeded') {
        plan.events.push(succeededDaemonPodEvent(pod.metadata?.namespace ?? '', podName, nodeName));
        plan.podsToDelete.push(podName);
      } else {
        running.push(pod);
      }
    }

    if (!allowsSurge(ds)) {
      if (running.length <= 1) return plan;
      const sorted = sortDaemonPods(running);
      for (let i = 1; i < sorted.length; i++) plan.podsToDelete.push(sorted[i]!.metadata?.name ?? '');
      return plan;
    }

    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) plan.nodesNeedingDaemonPods.push(nodeName);
      return plan;
    }

    let oldestNewPod: Pod | undefined;
    let oldestOldPod: Pod | undefined;
    for (const pod of sortDaemonPods(running)) {
      if ((pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '') === hash) {
        if (oldestNewPod === undefined) {
          oldestNewPod = pod;
          continue;
        }
      } else if (oldestOldPod === undefined) {
        oldestOldPod = pod;
        continue;
      }
      plan.podsToDelete.push(pod.metadata?.name ?? '');
    }
    if (oldestNewPod && oldestOldPod) {
      if (!isPodReady(oldestOldPod)) plan.podsToDelete.push(oldestOldPod.metadata?.name ?? '');
      else if (isPodAvailable(oldestNewPod, ds.spec?.minReadySeconds ?? 0, now)) plan.podsToDelete.push(oldestOldPod.metadata?.name ?? '');
    }
    return plan;
  }
  if (exists) {
    for (const pod of daemonPods) if (pod.metadata?.deletionTimestamp == null) plan.podsToDelete.push(pod.metadata?.name ?? '');
  }
  return plan;
}

/**
 * daemon_controller.go `getUnscheduledPodsWithoutNode(nodeList, nodeToDaemonPods)`: pods that
 * target (by affinity) a node that does not exist and were never scheduled. PodGC cannot delete
 * them (it only collects pods bound to vanished nodes), so the DaemonSet does.
 */
export function getUnscheduledPodsWithoutNode(nodes: readonly Node[], nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>): string[] {
  const running = new Set(nodes.map((n) => n.metadata?.name ?? ''));
  const out: string[] = [];
  for (const [n, pods] of nodeToDaemonPods) {
    if (running.has(n)) continue;
    for (const pod of pods) if ((pod.spec?.nodeName ?? '').length === 0) out.push(pod.metadata?.name ?? '');
  }
  return out;
}

export interface ManagePlan {
  nodesNeedingDaemonPods: string[];
  podsToDelete: string[];
  events: ControllerEvent[];
  requeueAfter: number[];
  backoff: FailedPodsBackoff;
}

/**
 * daemon_controller.go `manage(ds, nodeList, hash)` before `syncNodes`: `getNodesToDaemonPods`
 * (deleted terminal pods left out) over the claimed `pods`, {@link podsShouldBeOnNode} per node in
 * node-list order, then {@link getUnscheduledPodsWithoutNode}.
 */
export function manage(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, now: number, backoff: FailedPodsBackoff = NO_BACKOFF): ManagePlan {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const out: ManagePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], events: [], requeueAfter: [], backoff };
  for (const node of nodes) {
    const p = podsShouldBeOnNode(node, nodeToDaemonPods.get(node.metadata?.name ?? ''), ds, hash, now, out.backoff);
    out.nodesNeedingDaemonPods.push(...p.nodesNeedingDaemonPods);
    out.podsToDelete.push(...p.podsToDelete);
    out.events.push(...p.events);
    out.requeueAfter.push(...p.requeueAfter);
    out.backoff = p.backoff;
  }
  out.podsToDelete.push(...getUnscheduledPodsWithoutNode(nodes, nodeToDaemonPods));
  return out;
}

export interface SyncNodesPlan {
  /** The pods to create (first `min(len, burst)` nodes), in slow-start batch order. */
  create: Pod[];
  /** Slow-start batch sizes for the creates when all succeed (1, 2, 4, …). */
  createBatches: number[];
  /** Names of the pods to delete (first `min(len, burst)`; deletes are all issued at once). */
  delete: string[];
  /** `expectations.SetExpectations(key, createDiff, deleteDiff)`. */
  expectations: { add: number; del: number };
}

/**
 * daemon_controller.go `syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash)`: each list is
 * cut to `BurstReplicas` (250) from the front, expectations are set to the two counts, creates go
 * in slow-start batches, each pod built by {@link newDaemonPod}. (A failed create lowers the
 * expectations for itself and the batches never attempted — see replicaset/slowstart.ts.)
 */
export function syncNodesPlan(ds: DaemonSet, podsToDelete: readonly string[], nodesNeedingDaemonPods: readonly string[], hash: string, burstReplicas = DAEMONSET_BURST_REPLICAS): SyncNodesPlan {
  const createDiff = Math.min(nodesNeedingDaemonPods.length, burstReplicas);
  const deleteDiff = Math.min(podsToDelete.length, burstReplicas);
  return {
    create: nodesNeedingDaemonPods.slice(0, createDiff).map((n) => newDaemonPod(ds, hash, n)),
    createBatches: slowStartBatches(createDiff),
    delete: podsToDelete.slice(0, deleteDiff),
    expectations: { add: createDiff, del: deleteDiff },
  };
}
