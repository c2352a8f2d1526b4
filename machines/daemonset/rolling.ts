/**
 * DaemonSet RollingUpdate: which old pods to delete (maxUnavailable) or which nodes get an extra
 * new pod (maxSurge) in one sync.
 *
 * Upstream (kubernetes/kubernetes), read in the 1.30+ version:
 *  - pkg/controller/daemon/update.go             rollingUpdate, findUpdatedPodsOnNode,
 *                                                updatedDesiredNodeCounts
 *  - pkg/controller/daemon/daemon_controller.go  updateDaemonSet (manage, then rollingUpdate
 *                                                only when the expectations are satisfied)
 *
 * Deliberate difference: upstream walks `nodeToDaemonPods` in Go map order (random), which decides
 * WHICH nodes are updated first when candidates exceed the budget. Here the walk is in node-list
 * order, then any other keys in first-seen order — deterministic, same counts.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Node, Pod } from '../../src/types.ts';
import { goQuote } from '../deployment/fenceposts.ts';
import { isPodAvailable } from '../replicaset/status.ts';
import { iso } from '../time.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import {
  manage, NO_BACKOFF, syncNodesPlan, type FailedPodsBackoff, type ManagePlan, type SyncNodesPlan,
} from './manage.ts';
import {
  getNodesToDaemonPods, isPodUpdated, ROLLING_UPDATE_DAEMONSET, surgeCount, templateGenerationOrNull, unavailableCount,
} from './pods.ts';

/**
 * update.go `findUpdatedPodsOnNode(ds, podsOnNode, hash)`: among the node's pods NOT being deleted,
 * the new one ({@link isPodUpdated}) and the old one; `ok: false` when there are two of either kind
 * (the manage loop prunes those first).
 */
export function findUpdatedPodsOnNode(ds: DaemonSet, podsOnNode: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  const generation = templateGenerationOrNull(ds);
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of podsOnNode) {
    if (pod.metadata?.deletionTimestamp != null) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

export interface DesiredNodeCounts {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/**
 * update.go `updatedDesiredNodeCounts(ds, nodeList, nodeToDaemonPods)`: `desiredNumberScheduled`
 * = nodes where `shouldRun`; maxUnavailable = `UnavailableCount` and maxSurge = `SurgeCount`, both
 * scaled against it ROUNDING UP; if there are desired nodes and both are 0, maxUnavailable = 1.
 * Every desired node without pods gets an empty entry in `nodeToDaemonPods` (mutated, as upstream:
 * pass a copy). Errors carry upstream's text: "invalid value for MaxUnavailable: …" /
 * "invalid value for MaxSurge: …".
 */
export function updatedDesiredNodeCounts(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: Map<string, Pod[]>): DesiredNodeCounts | { error: string } {
  let desiredNumberScheduled = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desiredNumberScheduled++;
    const name = node.metadata?.name ?? '';
    if (!nodeToDaemonPods.has(name)) nodeToDaemonPods.set(name, []);
  }
  let maxUnavailable: number;
  try {
    maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  } catch (e) {
    return { error: `invalid value for MaxUnavailable: ${(e as Error).message}` };
  }
  let maxSurge: number;
  try {
    maxSurge = surgeCount(ds, desiredNumberScheduled);
  } catch (e) {
    return { error: `invalid value for MaxSurge: ${(e as Error).message}` };
  }
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

/** The keys of `m` in node-list order, then the rest in insertion order (see the file comment). */
function walkOrder(nodes: readonly Node[], m: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of nodes) {
    const name = n.metadata?.name ?? '';
    if (m.has(name) && !seen.has(name)) {
      out.push(name);
      seen.add(name);
    }
  }
  for (const k of m.keys()) if (!seen.has(k)) out.push(k);
  return out;
}

export interface RollingUpdatePlan extends DesiredNodeCounts {
  /** Nodes that get a new pod now (surge path only; `syncNodes`' nodesNeedingDaemonPods). */
  createOnNodes: string[];
  /** Old pods to delete (`syncNodes`' podsToDelete). */
  deletePods: string[];
}

/**
 * update.go `rollingUpdate(ds, nodeList, hash)` up to the `syncNodes` call, over the claimed `pods`
 * (`getNodesToDaemonPods(.., false)`). Pods being deleted count as neither old nor new, so a node
 * whose pod is terminating is a node without pods.
 *
 * maxSurge == 0 — delete, and let `manage` recreate next sync. Per node: excess pods (2 new or 2
 * old) or no pod / old+new → unavailable; only new → unavailable unless available; only old and
 * not available → deleted now (always allowed) and unavailable; only old and available → a
 * candidate, recorded only while `numUnavailable < maxUnavailable` at that point of the walk.
 * Deleted: the not-available old pods, then `clamp(maxUnavailable − numUnavailable, 0, #candidates)`
 * candidates.
 *
 * maxSurge > 0 — create first, delete once the new pod is available. Per node: excess → counts as
 * surging; availability is counted from the old pod if any, else the new one. Only new → nothing.
 * Only old, not available → a new pod now, unless the node should no longer run the daemon (then the
 * old pod is deleted). Only old, available → if the node should not run: a "should not run" deletion
 * candidate; else a surge candidate while `numSurge < maxSurge`. Old + new: new not available →
 * surging (wait); new available → delete the old. Then `numAvailable − desired` of the
 * should-not-run candidates are deleted (never dropping below desired availability), and the nodes
 * created on are the allowed ones plus `clamp(maxSurge − numSurge, 0, #candidates)` candidates.
 * A node with pods that is missing from `nodes` fails the surge path with upstream's
 * "couldn't get node for nodeName …" error.
 */
export function rollingUpdate(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, now: number): RollingUpdatePlan | { error: string } {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const counts = updatedDesiredNodeCounts(ds, nodes, nodeToDaemonPods);
  if ('error' in counts) return { error: `couldn't get unavailable numbers: ${counts.error}` };
  const { maxSurge, maxUnavailable } = counts;
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReadySeconds, now);
  const order = walkOrder(nodes, nodeToDaemonPods);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const nodeName of order) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName)!, hash);
      if (!ok) {
        numUnavailable++;
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) {
        allowedReplacementPods.push(oldPod!.metadata?.name ?? '');
        numUnavailable++;
      } else if (numUnavailable >= maxUnavailable) {
        continue;
      } else {
        candidatePodsToDelete.push(oldPod!.metadata?.name ?? '');
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return { ...counts, createOnNodes: [], deletePods: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)] };
  }

  const byName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n] as const));
  const shouldRun = (nodeName: string): boolean | { error: string } => {
    const node = byName.get(nodeName);
    if (!node) return { error: `couldn't get node for nodeName ${goQuote(nodeName)}: node ${goQuote(nodeName)} not found` };
    return nodeShouldRunDaemonPod(node, ds).shouldRun;
  };
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of order) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName)!, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod) {
      if (available(newPod)) numAvailable++;
    }
    if (!oldPod) continue;
    if (!newPod) {
      const run = shouldRun(nodeName);
      if (typeof run === 'object') return run;
      if (!available(oldPod)) {
        if (!run) {
          oldPodsToDelete.push(oldPod.metadata?.name ?? '');
          continue;
        }
        allowedNewNodes.push(nodeName);
      } else {
        if (!run) {
          shouldNotRunPodsToDelete.push(oldPod.metadata?.name ?? '');
          continue;
        }
        if (numSurge >= maxSurge) continue;
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata?.name ?? '');
  }
  const deletable = numAvailable - counts.desiredNumberScheduled;
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, Math.min(deletable, shouldNotRunPodsToDelete.length)));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { ...counts, createOnNodes: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)], deletePods: oldPodsToDelete };
}

export interface UpdateDaemonSetPlan {
  /** `manage`'s per-node decisions (events, backoff, requeues included). */
  manage: ManagePlan;
  /** What `manage`'s `syncNodes` sends. */
  manageSync: SyncNodesPlan;
  /**
   * `rollingUpdate`'s plan, or null when it does not run this sync: not RollingUpdate (OnDelete
   * replaces pods only when they are deleted by hand), or `manage`'s creates/deletes are still
   * unobserved (see {@link UpdateOptions.observedImmediately}).
   */
  rolling: RollingUpdatePlan | { error: string } | null;
  /** What the rolling update's `syncNodes` sends (null when it did not run or failed). */
  rollingSync: SyncNodesPlan | null;
}

export interface UpdateOptions {
  /**
   * Whether `manage`'s creates and deletes are seen by the time `updateDaemonSet` checks
   * `expectations.SatisfiedExpectations` again. false (default): the informer has not delivered
   * them yet — the usual case, watch events arrive asynchronously — so `rollingUpdate` runs only in
   * a sync where `manage` did nothing. true: they are observed at once, as with upstream's unit-test
   * `fakePodControl` (which calls Creation/DeletionObserved itself); `rollingUpdate` then runs on
   * the pods as `manage` left them — deleted ones marked with a deletionTimestamp, created ones
   * added (unscheduled, named `<generateName>observed-<i>`).
   */
  observedImmediately?: boolean;
}

/**
 * daemon_controller.go `updateDaemonSet` (history cleanup aside): `manage` + `syncNodes`; then, if
 * the expectations are satisfied, `rollingUpdate` + `syncNodes` for the RollingUpdate strategy.
 * Callers run this only when the expectations were satisfied at the start of the sync (otherwise
 * upstream only updates the status, without raising observedGeneration).
 */
export function planUpdateDaemonSet(
  ds: DaemonSet,
  nodes: readonly Node[],
  pods: readonly Pod[],
  hash: string,
  now: number,
  backoff: FailedPodsBackoff = NO_BACKOFF,
  opts: UpdateOptions = {},
): UpdateDaemonSetPlan {
  const m = manage(ds, nodes, pods, hash, now, backoff);
  const manageSync = syncNodesPlan(ds, m.podsToDelete, m.nodesNeedingDaemonPods, hash);
  const acted = manageSync.expectations.add > 0 || manageSync.expectations.del > 0;
  if (ds.spec?.updateStrategy?.type !== ROLLING_UPDATE_DAEMONSET || (acted && !opts.observedImmediately)) {
    return { manage: m, manageSync, rolling: null, rollingSync: null };
  }
  let current: readonly Pod[] = pods;
  if (acted) {
    const deleted = new Set(manageSync.delete);
    const stamp = iso(now);
    current = [
      ...pods.map((p) => (deleted.has(p.metadata?.name ?? '') && p.metadata?.deletionTimestamp == null ? { ...p, metadata: { ...p.metadata, deletionTimestamp: stamp } } : p)),
      ...manageSync.create.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `${p.metadata?.generateName ?? ''}observed-${i}` } })),
    ];
  }
  const rolling = rollingUpdate(ds, nodes, current, hash, now);
  const rollingSync = 'error' in rolling ? null : syncNodesPlan(ds, rolling.deletePods, rolling.createOnNodes, hash);
  return { manage: m, manageSync, rolling, rollingSync };
}
