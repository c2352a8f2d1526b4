/**
 * Taints and tolerations.
 *  - `Toleration.ToleratesTaint`: staging/src/k8s.io/api/core/v1/toleration.go
 *  - `TolerationsTolerateTaint`, `FindMatchingUntoleratedTaint`, `GetMatchingTolerations`:
 *    staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go (and pkg/apis/core/v1/helper)
 *  - `getMinTolerationTime`, `processPodOnNode`: pkg/controller/tainteviction/taint_eviction.go
 */
import type { Taint, Toleration } from '../types.ts';

/** Well-known taint keys (k8s.io/api/core/v1/well_known_taints.go). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/**
 * `Toleration.ToleratesTaint`:
 *  1. an empty toleration effect matches every effect, otherwise effects must be equal;
 *  2. an empty toleration key matches every key (with operator Exists: every taint);
 *  3. operator "" means Equal (values must be equal); Exists matches any value;
 *     any other operator (e.g. the alpha Gt/Lt, gate off by default) matches nothing.
 */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  const effect = toleration.effect;
  if (effect !== undefined && effect !== '' && effect !== taint.effect) return false;
  const key = toleration.key;
  if (key !== undefined && key !== '' && key !== taint.key) return false;
  switch (toleration.operator) {
    case undefined:
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** `TolerationsTolerateTaint`: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (let i = 0; i < tolerations.length; i++) if (tolerates(tolerations[i], taint)) return true;
  return false;
}

/** `helper.DoNotScheduleTaintsFilterFunc`: only NoSchedule and NoExecute taints keep pods off. */
export function isDoNotScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

/**
 * `FindMatchingUntoleratedTaint`: the first taint (in node order) that passes `filter` and that no
 * toleration tolerates, or undefined. The default filter is {@link isDoNotScheduleTaint}.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: ((t: Taint) => boolean) | null = isDoNotScheduleTaint,
): Taint | undefined {
  if (!taints) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (filter !== null && !filter(t)) continue;
    if (!tolerationsTolerateTaint(tolerations, t)) return t;
  }
  return undefined;
}

/**
 * `GetMatchingTolerations`: whether every taint is tolerated, and for each taint the first
 * toleration that tolerates it (the list the taint manager derives the eviction delay from).
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } {
  if (taints.length === 0) return { allTolerated: true, used: [] };
  if (!tolerations || tolerations.length === 0) return { allTolerated: false, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => tolerates(t, taint));
    if (!match) return { allTolerated: false, used: [] };
    used.push(match);
  }
  return { allTolerated: true, used };
}

/**
 * Upstream `getMinTolerationTime(tolerations)` verbatim: 0 for an empty list or any
 * tolerationSeconds <= 0, -1 when none sets tolerationSeconds (tolerate forever), otherwise the
 * smallest tolerationSeconds (in seconds).
 */
export function minTolerationSeconds(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
      if (t.tolerationSeconds <= 0) return 0;
      if (t.tolerationSeconds < min) min = t.tolerationSeconds;
    }
  }
  return min === Infinity ? -1 : min;
}

/**
 * What the taint-eviction controller does with a pod on a node (`processPodOnNode` over the
 * node's NoExecute taints), as a delay in seconds:
 *  - -1: keep the pod (no NoExecute taint, or every one tolerated forever);
 *  - 0: evict now (some NoExecute taint is not tolerated, or tolerationSeconds <= 0);
 *  - n > 0: evict after n seconds unless the taints go away (the minimum tolerationSeconds of the
 *    tolerations that match the NoExecute taints).
 */
export function getMinTolerationTime(tolerations: readonly Toleration[] | undefined, taints: readonly Taint[] | undefined): number {
  const noExecute = (taints ?? []).filter((t) => t.effect === 'NoExecute');
  // the controller only tracks nodes that have NoExecute taints; others cancel any eviction
  if (noExecute.length === 0) return -1;
  const { allTolerated, used } = getMatchingTolerations(noExecute, tolerations);
  if (!allTolerated) return 0;
  return minTolerationSeconds(used);
}
