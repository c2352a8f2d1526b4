/**
 * Why a pod did not fit: `framework.Diagnosis`, `FitError.Error()` (pkg/scheduler/framework/types.go)
 * and the DefaultPreemption PostFilter message (pkg/scheduler/framework/preemption/preemption.go,
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go).
 */

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface NodeStatus {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that rejected the node. */
  readonly plugin?: string;
}

export interface Diagnosis {
  /** Statuses of the nodes that were evaluated and rejected, keyed by node name. */
  readonly nodeToStatus: Map<string, NodeStatus>;
  /** The status every node missing from `nodeToStatus` is taken to have. */
  absentNodesStatus: NodeStatus;
  readonly unschedulablePlugins: Set<string>;
  /** Message of a PreFilter rejection (then the per-node histogram is not printed). */
  preFilterMsg: string;
  /** Message of the PostFilter (preemption) run, e.g. "preemption: 0/3 nodes are available: …". */
  postFilterMsg: string;
}

/** `NewDefaultNodeToStatus`: absent nodes are UnschedulableAndUnresolvable with no reason. */
export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new Map(),
    absentNodesStatus: { code: 'UnschedulableAndUnresolvable', reasons: [] },
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** `ErrNoNodesAvailable` (pkg/scheduler/schedule_one.go). */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** Go's `sort.Strings` order (bytewise; equal to UTF-16 order for ASCII). */
const byGoString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function histogram(numAllNodes: number, nodeToStatus: Map<string, NodeStatus>, absent: NodeStatus): string[] {
  const reasons = new Map<string, number>();
  for (const st of nodeToStatus.values()) for (const r of st.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  if (nodeToStatus.size < numAllNodes) {
    for (const r of absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - nodeToStatus.size);
  }
  return [...reasons].map(([k, v]) => `${v} ${k}`).sort(byGoString);
}

/**
 * `FitError.Error()`: "0/X nodes are available: <PreFilterMsg>. <FilterMsg>. <PostFilterMsg>" —
 * the filter part is the histogram of reasons ("<count> <reason>", sorted as strings, joined by
 * ", "), counting nodes absent from the status map with the absent status' reasons.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const h = histogram(numAllNodes, d.nodeToStatus, d.absentNodesStatus);
    if (h.length !== 0) msg += ` ${h.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

export interface PreemptionOptions {
  /** `spec.preemptionPolicy`; "Never" makes the pod ineligible. */
  preemptionPolicy?: string;
  /**
   * Whether a node rejected with a resolvable (Unschedulable) status has victims whose removal
   * would make the pod fit. The simulator does not model priorities, so by default none does.
   */
  hasVictims?: (nodeName: string) => boolean;
}

/**
 * The DefaultPreemption PostFilter message ("preemption: " + message) for a pod that fit nowhere
 * and for which no preemption candidate exists:
 *  - preemptionPolicy Never → "not eligible due to preemptionPolicy=Never.";
 *  - otherwise a FitError over all nodes where each node rejected as resolvable (Unschedulable)
 *    reads "No preemption victims found for incoming pod" and every other node
 *    "Preemption is not helpful for scheduling".
 * Returns "" when preemption would find a candidate (the pod gets nominated instead).
 */
export function preemptionMessage(numAllNodes: number, d: Diagnosis, opts: PreemptionOptions = {}): string {
  if (opts.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  if (numAllNodes === 0) return 'preemption: no nodes available';
  const statuses = new Map<string, NodeStatus>();
  // NodesForStatusCode(Unschedulable): the potential nodes are those rejected as resolvable
  for (const [name, st] of d.nodeToStatus) {
    if (st.code !== 'Unschedulable') continue;
    if (opts.hasVictims?.(name)) return '';
    statuses.set(name, { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] });
  }
  const fe: Diagnosis = {
    ...newDiagnosis(),
    nodeToStatus: statuses,
    absentNodesStatus: { code: 'UnschedulableAndUnresolvable', reasons: ['Preemption is not helpful for scheduling'] },
  };
  return 'preemption: ' + fitErrorMessage(numAllNodes, fe);
}
