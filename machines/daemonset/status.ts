/**
 * DaemonSet status: the counts `updateDaemonSetStatus` computes and when it writes them.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/daemon/daemon_controller.go:
 *  - updateDaemonSetStatus   the per-node counts and the minReadySeconds requeue
 *  - storeDaemonSetStatus    the "nothing changed" short-cut, observedGeneration
 *  - syncDaemonSet           observedGeneration is raised only when the sync acted
 *                            (expectations satisfied); a DaemonSet being deleted gets no update
 *
 * Availability is replicaset/status.ts `isPodAvailable`, i.e. the 1.34+ inclusive
 * `readySince + minReadySeconds <= now`; Kubernetes 1.32 used the strict `<` (`Before`), so a pod
 * becomes available here exactly at the boundary second, one instant earlier than in 1.32.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.d.ts';
import type { Node, Pod } from '../../src/types.ts';
import { isPodAvailable, isPodReady } from '../replicaset/status.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import { getNodesToDaemonPods, isPodUpdated, sortDaemonPods, templateGenerationOrNull } from './pods.ts';

export interface DaemonSetStatusCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/**
 * `updateDaemonSetStatus`'s counts over the claimed `pods` (`getNodesToDaemonPods(.., false)`, so
 * terminating and Failed pods still count; only deleted terminal ones do not). For each node in
 * the list: `shouldRun` → desired++, and if it has pods → current++, and the FIRST pod by
 * scheduled/creation/name order decides: Ready → ready++ (and available → available++), updated
 * ({@link isPodUpdated} against `hash` and the template generation) → updated++. A node with pods
 * that should not run them → misscheduled++ (even when `shouldContinueRunning`, e.g. a new
 * NoSchedule taint). Pods on nodes missing from the list are not counted.
 * `numberUnavailable = desired − available`.
 */
export function calculateDaemonSetStatus(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, now: number): DaemonSetStatusCounts {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const generation = templateGenerationOrNull(ds);
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  const c = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const daemonPods = nodeToDaemonPods.get(node.metadata?.name ?? '') ?? [];
    const scheduled = daemonPods.length > 0;
    if (shouldRun) {
      c.desiredNumberScheduled++;
      if (!scheduled) continue;
      c.currentNumberScheduled++;
      const pod = sortDaemonPods(daemonPods)[0]!;
      if (isPodReady(pod)) {
        c.numberReady++;
        if (isPodAvailable(pod, minReadySeconds, now)) c.numberAvailable++;
      }
      if (isPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
    } else if (scheduled) {
      c.numberMisscheduled++;
    }
  }
  return { ...c, numberUnavailable: c.desiredNumberScheduled - c.numberAvailable };
}

/**
 * `storeDaemonSetStatus(.., updateObservedGen)`: null when every count already matches and
 * `status.observedGeneration >= metadata.generation` (no API call); otherwise the status to write —
 * the counts, plus `observedGeneration = generation` when `updateObservedGen` (the sync acted).
 * Other status fields (collisionCount, conditions) are kept.
 */
export function nextDaemonSetStatus(ds: DaemonSet, counts: DaemonSetStatusCounts, updateObservedGen: boolean): DaemonSetStatus | null {
  const s = ds.status;
  const generation = ds.metadata?.generation ?? 0;
  const same =
    (s?.desiredNumberScheduled ?? 0) === counts.desiredNumberScheduled &&
    (s?.currentNumberScheduled ?? 0) === counts.currentNumberScheduled &&
    (s?.numberMisscheduled ?? 0) === counts.numberMisscheduled &&
    (s?.numberReady ?? 0) === counts.numberReady &&
    (s?.updatedNumberScheduled ?? 0) === counts.updatedNumberScheduled &&
    (s?.numberAvailable ?? 0) === counts.numberAvailable &&
    (s?.numberUnavailable ?? 0) === counts.numberUnavailable &&
    (s?.observedGeneration ?? 0) >= generation;
  if (same) return null;
  return {
    ...(s ?? {}),
    ...(updateObservedGen ? { observedGeneration: generation } : {}),
    desiredNumberScheduled: counts.desiredNumberScheduled,
    currentNumberScheduled: counts.currentNumberScheduled,
    numberMisscheduled: counts.numberMisscheduled,
    numberReady: counts.numberReady,
    updatedNumberScheduled: counts.updatedNumberScheduled,
    numberAvailable: counts.numberAvailable,
    numberUnavailable: counts.numberUnavailable,
  };
}

/**
 * `updateDaemonSetStatus`'s last step: "Resync the DaemonSet after MinReadySeconds as a last line
 * of defense to guard against clock-skew" — when `minReadySeconds > 0` and ready ≠ available,
 * requeue after exactly minReadySeconds (ms); else null.
 */
export function daemonSetStatusRequeueAfter(ds: DaemonSet, counts: DaemonSetStatusCounts): number | null {
  const m = ds.spec?.minReadySeconds ?? 0;
  return m > 0 && counts.numberReady !== counts.numberAvailable ? m * 1000 : null;
}
