/**
 * One scheduling decision of the default kube-scheduler profile, as pure functions over a node
 * cache. Ported from pkg/scheduler/schedule_one.go (`schedulePod`, `findNodesThatFitPod`,
 * `findNodesThatPassFilters`, `numFeasibleNodesToFind`, `prioritizeNodes`, `selectHost`) and the
 * plugins of pkg/scheduler/framework/plugins:
 *
 *   Filter (in default-profile order, the first rejecting plugin decides a node's status):
 *     NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit
 *   Score (weight): TaintToleration (3), NodeAffinity (2), NodeResourcesFit/LeastAllocated (1),
 *     NodeResourcesBalancedAllocation (1)   — pkg/scheduler/apis/config/v1/default_plugins.go
 *
 * Behaviour follows the v1.33 line (taint reason text with `{key: value}`, unresolvable
 * NodeResourcesFit when a request exceeds allocatable, BalancedAllocation skipped for best-effort
 * pods). Not modelled: NodePorts, volume plugins, InterPodAffinity, PodTopologySpread (incl. its
 * default constraints), ImageLocality, DRA, extenders, and actual preemption (the PostFilter
 * message assumes no lower-priority victims unless `hasPreemptionVictims` says otherwise).
 *
 * Performance: per call, everything about the pod is compiled once; the per-node loop does not
 * allocate. Scratch buffers are module-level typed arrays (the simulator is single-threaded), and
 * resource scores are memoized per node while neither the node's accounting nor the pod's
 * requests change.
 */
import type { Pod, Taint, Toleration } from '../types.ts';
import { PreferredSchedulingTerms, RequiredNodeAffinity, preFilterNodeNames, preferredNodeAffinity } from './nodeaffinity.ts';
import { podRequests, type NodeInfo, type PodRequests } from './resources.ts';
import { tolerates, TAINT_NODE_UNSCHEDULABLE } from './taints.ts';
import {
  fitErrorMessage,
  newDiagnosis,
  NO_NODES_AVAILABLE,
  preemptionMessage,
  type Diagnosis,
  type NodeStatus,
} from './fit-error.ts';

/** `framework.MaxNodeScore` */
export const MAX_NODE_SCORE = 100;
/** `minFeasibleNodesToFind` */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** `minFeasibleNodesPercentageToFind` */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** Default score-plugin weights (default_plugins.go). */
export const SCORE_WEIGHTS = Object.freeze({
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
});

const W_TAINT = 3;
const W_AFFINITY = 2;
const W_FIT = 1;
const W_BALANCED = 1;

/** Filter plugin names, in the default profile's order. */
export const FILTER_PLUGINS = Object.freeze([
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodeResourcesFit',
] as const);

/** Filter reasons, verbatim from the plugins. */
export const REASONS = Object.freeze({
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  affinityConflict: 'pod affinity terms conflict',
  tooManyPods: 'Too many pods',
  insufficientCPU: 'Insufficient cpu',
  insufficientMemory: 'Insufficient memory',
  /** Used when `taintReason: 'generic'` (the wording of v1.34+). */
  untoleratedTaintGeneric: 'node(s) had untolerated taint(s)',
});

/** The TaintToleration filter reason: `node(s) had untolerated taint {<key>: <value>}`. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** What the caller persists between calls (upstream: `sched.nextStartNodeIndex`). */
export interface SchedulerState {
  nextStartNodeIndex: number;
}

export interface ScheduleOptions {
  /** `percentageOfNodesToScore`; 0 or unset means the adaptive default. */
  percentageOfNodesToScore?: number;
  /** 'detailed' (default): `{key: value}` reason (≤ v1.33); 'generic': v1.34+ wording. */
  taintReason?: 'detailed' | 'generic';
  /** The pod's requests, when the caller already computed them (saves re-parsing quantities). */
  podRequests?: PodRequests;
  /** See {@link preemptionMessage}: whether preemption would find victims on a node. */
  hasPreemptionVictims?: (nodeName: string) => boolean;
  /**
   * The VolumeBinding plugin's PreFilter over the pod's PersistentVolumeClaims (the cluster knows
   * the claims): a message when one is missing, being deleted or an unbound Immediate claim
   * (UnschedulableAndUnresolvable), else null.
   */
  volumeBinding?: (pod: Pod) => string | null;
}

export type ScheduleResult =
  | {
      nodeName: string;
      /** Index of the chosen node in the `nodes` array. */
      nodeIndex: number;
      /** `ScheduleResult.EvaluatedNodes` / `FeasibleNodes`. */
      evaluatedNodes: number;
      feasibleNodes: number;
    }
  | {
      /** The PodScheduled=False message (and FailedScheduling event text). */
      error: string;
      /** Plugins that rejected the pod, sorted (queueing hints key off these). */
      unschedulablePlugins: string[];
    };

/**
 * `numFeasibleNodesToFind`: below 100 nodes every node; otherwise `percentage` of them (adaptive
 * default 50 − n/125, at least 5 %), but never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  if (numNodes < MIN_FEASIBLE_NODES_TO_FIND) return MIN_FEASIBLE_NODES_TO_FIND;
  return numNodes;
}

/**
 * `selectHost` (reservoir sampling among the highest scores, in list order): a later node with
 * the same top score replaces the candidate with probability 1/count, drawing `rng()` once per tie.
 */
export function selectHost(scores: ArrayLike<number>, rng: () => number, count = scores.length): number {
  if (count === 0) throw new Error('empty priorityList');
  let maxScore = scores[0];
  let selected = 0;
  let cntOfMaxScore = 1;
  for (let i = 1; i < count; i++) {
    const s = scores[i];
    if (s > maxScore) {
      maxScore = s;
      selected = i;
      cntOfMaxScore = 1;
    } else if (s === maxScore) {
      cntOfMaxScore++;
      if (Math.floor(rng() * cntOfMaxScore) === 0) selected = i; // rand.Intn(cntOfMaxScore) == 0
    }
  }
  return selected;
}

// ---------------------------------------------------------------------------------------------
// Per-pod compilation
// ---------------------------------------------------------------------------------------------

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

interface CompiledPod {
  readonly nodeName: string;
  readonly tolerations: readonly Toleration[];
  readonly toleratesUnschedulable: boolean;
  readonly required: RequiredNodeAffinity | null;
  readonly preferred: PreferredSchedulingTerms | null;
  readonly tolerationsPreferNoSchedule: readonly Toleration[];
  readonly req: PodRequests;
  readonly bestEffort: boolean;
}

function compilePod(pod: Pod, req: PodRequests): CompiledPod {
  const tolerations = pod.spec?.tolerations ?? [];
  const required = new RequiredNodeAffinity(pod);
  const preferred = preferredNodeAffinity(pod);
  return {
    nodeName: pod.spec?.nodeName ?? '',
    tolerations,
    toleratesUnschedulable: tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT)),
    required: required.isEmpty ? null : required,
    preferred: preferred === null || preferred.isEmpty ? null : preferred,
    // getAllTolerationPreferNoSchedule: an empty effect matches PreferNoSchedule too
    tolerationsPreferNoSchedule: tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
    req,
    bestEffort: req.milliCPU === 0 && req.memory === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

const PASS = 0;
const F_UNSCHEDULABLE = 1;
const F_NODE_NAME = 2;
const F_TAINT = 3;
const F_AFFINITY = 4;
const F_FIT = 5;

const FIT_TOO_MANY_PODS = 1;
const FIT_CPU = 2;
const FIT_MEMORY = 4;
const FIT_UNRESOLVABLE = 8;

/** Detail of the last failure: the taint index (F_TAINT) or the fit bit mask (F_FIT). */
let lastAux = 0;

function anyTolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (tolerates(tolerations[i], taint)) return true;
  return false;
}

function runFilters(p: CompiledPod, ni: NodeInfo): number {
  const node = ni.node;
  const spec = node.spec;
  // NodeUnschedulable: a pod tolerating node.kubernetes.io/unschedulable:NoSchedule ignores the flag
  if (spec != null && spec.unschedulable === true && !p.toleratesUnschedulable) return F_UNSCHEDULABLE;
  // NodeName
  if (p.nodeName !== '' && p.nodeName !== node.metadata?.name) return F_NODE_NAME;
  // TaintToleration: the first NoSchedule/NoExecute taint no toleration tolerates
  const taints = spec?.taints;
  if (taints != null) {
    for (let i = 0; i < taints.length; i++) {
      const t = taints[i];
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !anyTolerates(p.tolerations, t)) {
        lastAux = i;
        return F_TAINT;
      }
    }
  }
  // NodeAffinity (nodeSelector + required affinity)
  if (p.required !== null && !p.required.match(node)) return F_AFFINITY;
  // NodeResourcesFit
  const alloc = ni.allocatable;
  const used = ni.requested;
  const req = p.req;
  let mask = 0;
  if (used.pods + 1 > alloc.pods) mask |= FIT_TOO_MANY_PODS;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    mask |= FIT_CPU;
    if (req.milliCPU > alloc.milliCPU) mask |= FIT_UNRESOLVABLE;
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    mask |= FIT_MEMORY;
    if (req.memory > alloc.memory) mask |= FIT_UNRESOLVABLE;
  }
  if (mask !== 0) {
    lastAux = mask;
    return F_FIT;
  }
  return PASS;
}

function statusOf(code: number, aux: number, ni: NodeInfo, taintReason: 'detailed' | 'generic'): NodeStatus {
  switch (code) {
    case F_UNSCHEDULABLE:
      return { code: 'UnschedulableAndUnresolvable', reasons: [REASONS.unschedulable], plugin: 'NodeUnschedulable' };
    case F_NODE_NAME:
      return { code: 'UnschedulableAndUnresolvable', reasons: [REASONS.nodeName], plugin: 'NodeName' };
    case F_TAINT: {
      const taint = ni.node.spec!.taints![aux];
      const reason = taintReason === 'generic' ? REASONS.untoleratedTaintGeneric : untoleratedTaintReason(taint);
      return { code: 'UnschedulableAndUnresolvable', reasons: [reason], plugin: 'TaintToleration' };
    }
    case F_AFFINITY:
      return { code: 'UnschedulableAndUnresolvable', reasons: [REASONS.nodeAffinity], plugin: 'NodeAffinity' };
    default: {
      const reasons: string[] = [];
      if (aux & FIT_TOO_MANY_PODS) reasons.push(REASONS.tooManyPods);
      if (aux & FIT_CPU) reasons.push(REASONS.insufficientCPU);
      if (aux & FIT_MEMORY) reasons.push(REASONS.insufficientMemory);
      return {
        code: aux & FIT_UNRESOLVABLE ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
        reasons,
        plugin: 'NodeResourcesFit',
      };
    }
  }
}

/**
 * Runs the filters for one node and returns null when it passes, else its status (plugin,
 * code and reasons, exactly as the plugins word them).
 */
export function filterNode(pod: Pod, ni: NodeInfo, opts: Pick<ScheduleOptions, 'podRequests' | 'taintReason'> = {}): NodeStatus | null {
  const p = compilePod(pod, opts.podRequests ?? podRequests(pod));
  const code = runFilters(p, ni);
  return code === PASS ? null : statusOf(code, lastAux, ni, opts.taintReason ?? 'detailed');
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

/**
 * Exact floor(a / b) for non-negative safe integers with a small quotient (scores are <= 100).
 * Below 2^46 the float quotient cannot round across an integer (the distance to the next integer,
 * at least 1/b, exceeds the rounding error), so truncation is exact; larger divisors correct the
 * float quotient by one.
 */
function intDiv(a: number, b: number): number {
  if (b < 70368744177664) return Math.trunc(a / b);
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (r < 0) q--;
  else if (r >= b) q++;
  return q;
}

/** `leastRequestedScore` */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return intDiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** NodeResourcesFit score, LeastAllocated strategy with cpu and memory weighted 1 each. */
export function leastAllocatedScore(ni: NodeInfo, req: PodRequests): number {
  let nodeScore = 0;
  let weightSum = 0;
  const cpuAlloc = ni.allocatable.milliCPU;
  if (cpuAlloc !== 0) {
    nodeScore += leastRequestedScore(ni.nonZeroRequested.milliCPU + req.nonZeroMilliCPU, cpuAlloc);
    weightSum += 1;
  }
  const memAlloc = ni.allocatable.memory;
  if (memAlloc !== 0) {
    nodeScore += leastRequestedScore(ni.nonZeroRequested.memory + req.nonZeroMemory, memAlloc);
    weightSum += 1;
  }
  return weightSum === 2 ? nodeScore >> 1 : nodeScore; // weights are 1: the sum divided by their count
}

/** NodeResourcesBalancedAllocation score (`balancedResourceScorer` over actual requests). */
export function balancedAllocationScore(ni: NodeInfo, req: PodRequests): number {
  const cpuAlloc = ni.allocatable.milliCPU;
  const memAlloc = ni.allocatable.memory;
  let n = 0;
  let f0 = 0;
  let f1 = 0;
  if (cpuAlloc !== 0) {
    let f = (ni.requested.milliCPU + req.milliCPU) / cpuAlloc;
    if (f > 1) f = 1;
    f0 = f;
    n++;
  }
  if (memAlloc !== 0) {
    let f = (ni.requested.memory + req.memory) / memAlloc;
    if (f > 1) f = 1;
    if (n === 0) f0 = f;
    else f1 = f;
    n++;
  }
  const std = n === 2 ? Math.abs((f0 - f1) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

function countIntolerablePreferNoSchedule(ni: NodeInfo, tolerations: readonly Toleration[]): number {
  const taints = ni.node.spec?.taints;
  if (taints == null) return 0;
  let count = 0;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i];
    if (t.effect === 'PreferNoSchedule' && !anyTolerates(tolerations, t)) count++;
  }
  return count;
}

// Scratch buffers, grown on demand.
let feasibleBuf = new Int32Array(1024);
let totalBuf = new Float64Array(1024);
let rawBuf = new Float64Array(1024);
let failIdxBuf = new Int32Array(1024);
let failCodeBuf = new Int32Array(1024);
let failAuxBuf = new Int32Array(1024);

function ensureCapacity(n: number): void {
  if (feasibleBuf.length >= n) return;
  let size = feasibleBuf.length;
  while (size < n) size *= 2;
  feasibleBuf = new Int32Array(size);
  totalBuf = new Float64Array(size);
  rawBuf = new Float64Array(size);
  failIdxBuf = new Int32Array(size);
  failCodeBuf = new Int32Array(size);
  failAuxBuf = new Int32Array(size);
}

/** `DefaultNormalizeScore(MaxNodeScore, reverse, scores)` applied in place to `raw[0..n)`. */
function normalize(raw: Float64Array, n: number, reverse: boolean): void {
  let maxCount = 0;
  for (let i = 0; i < n; i++) if (raw[i] > maxCount) maxCount = raw[i];
  if (maxCount === 0) {
    if (reverse) for (let i = 0; i < n; i++) raw[i] = MAX_NODE_SCORE;
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = intDiv(MAX_NODE_SCORE * raw[i], maxCount);
    if (reverse) s = MAX_NODE_SCORE - s;
    raw[i] = s;
  }
}

/**
 * NodeResourcesFit + BalancedAllocation for one node: LeastAllocated over non-zero requests (cpu
 * and memory weigh 1 each) and the balanced score over actual requests (see
 * {@link balancedAllocationScore}).
 */
function resourceScore(ni: NodeInfo, req: PodRequests, balanced: boolean): number {
  const alloc = ni.allocatable;
  const cpuAlloc = alloc.milliCPU;
  const memAlloc = alloc.memory;
  const nz = ni.nonZeroRequested;
  let fit = 0;
  let weights = 0;
  if (cpuAlloc !== 0) {
    fit += leastRequestedScore(nz.milliCPU + req.nonZeroMilliCPU, cpuAlloc);
    weights++;
  }
  if (memAlloc !== 0) {
    fit += leastRequestedScore(nz.memory + req.nonZeroMemory, memAlloc);
    weights++;
  }
  if (weights === 2) fit >>= 1;
  let s = fit * W_FIT;
  if (balanced) {
    const used = ni.requested;
    let std = 0;
    if (cpuAlloc !== 0 && memAlloc !== 0) {
      let f0 = (used.milliCPU + req.milliCPU) / cpuAlloc;
      if (f0 > 1) f0 = 1;
      let f1 = (used.memory + req.memory) / memAlloc;
      if (f1 > 1) f1 = 1;
      std = Math.abs((f0 - f1) / 2);
    }
    s += Math.trunc((1 - std) * MAX_NODE_SCORE) * W_BALANCED;
  }
  return s;
}

/*
 * Memo of resourceScore per node of a nodes array: a stream of identical pods (a Deployment)
 * rescores hundreds of unchanged nodes per pod, and the divisions dominate. An entry is reused
 * only when the pod's requests and every input read from the node are equal, so results are
 * identical with or without it.
 */
const MEMO_SLOTS = 8;
interface ScoreMemo {
  refs: (NodeInfo | undefined)[];
  data: Float64Array;
}
const scoreMemos = new WeakMap<readonly NodeInfo[], ScoreMemo>();
let memoGen = 0;
let memoReq: PodRequests | null = null;
let memoBalanced = false;

function memoFor(nodes: readonly NodeInfo[], req: PodRequests, balanced: boolean): ScoreMemo {
  const r = memoReq;
  if (
    r === null ||
    balanced !== memoBalanced ||
    r.milliCPU !== req.milliCPU ||
    r.memory !== req.memory ||
    r.nonZeroMilliCPU !== req.nonZeroMilliCPU ||
    r.nonZeroMemory !== req.nonZeroMemory
  ) {
    memoGen++;
    memoReq = { ...req };
    memoBalanced = balanced;
  }
  let m = scoreMemos.get(nodes);
  if (m === undefined || m.data.length < nodes.length * MEMO_SLOTS) {
    m = { refs: new Array(nodes.length), data: new Float64Array(nodes.length * MEMO_SLOTS) };
    scoreMemos.set(nodes, m);
  }
  return m;
}

/** `prioritizeNodes`: weighted sum of the score plugins for `list[feasible[i]]`, into `total`. */
function prioritize(
  p: CompiledPod,
  list: readonly NodeInfo[],
  feasible: Int32Array,
  n: number,
  total: Float64Array,
  memo: ScoreMemo | null,
): void {
  const req = p.req;
  const balanced = !p.bestEffort; // BalancedAllocation's PreScore skips best-effort pods (kubernetes#129138)
  const tols = p.tolerationsPreferNoSchedule;
  const raw = rawBuf;
  const gen = memoGen;
  let maxTaint = 0;
  // one pass: NodeResourcesFit + BalancedAllocation scores, and the raw TaintToleration counts
  for (let i = 0; i < n; i++) {
    const idx = feasible[i];
    const ni = list[idx];
    let s: number;
    if (memo === null) {
      s = resourceScore(ni, req, balanced);
    } else {
      const d = memo.data;
      const o = idx * MEMO_SLOTS;
      const alloc = ni.allocatable;
      const nz = ni.nonZeroRequested;
      const used = ni.requested;
      if (
        memo.refs[idx] === ni &&
        d[o] === gen &&
        d[o + 1] === alloc.milliCPU &&
        d[o + 2] === alloc.memory &&
        d[o + 3] === nz.milliCPU &&
        d[o + 4] === nz.memory &&
        d[o + 5] === used.milliCPU &&
        d[o + 6] === used.memory
      ) {
        s = d[o + 7];
      } else {
        s = resourceScore(ni, req, balanced);
        memo.refs[idx] = ni;
        d[o] = gen;
        d[o + 1] = alloc.milliCPU;
        d[o + 2] = alloc.memory;
        d[o + 3] = nz.milliCPU;
        d[o + 4] = nz.memory;
        d[o + 5] = used.milliCPU;
        d[o + 6] = used.memory;
        d[o + 7] = s;
      }
    }
    total[i] = s;
    const c = countIntolerablePreferNoSchedule(ni, tols);
    raw[i] = c;
    if (c > maxTaint) maxTaint = c;
  }
  // TaintToleration: DefaultNormalizeScore(reverse) — all zero counts score MaxNodeScore
  if (maxTaint === 0) {
    const add = MAX_NODE_SCORE * W_TAINT;
    for (let i = 0; i < n; i++) total[i] += add;
  } else {
    normalize(raw, n, true);
    for (let i = 0; i < n; i++) total[i] += raw[i] * W_TAINT;
  }
  // NodeAffinity: sum of matching preferred-term weights, normalized; skipped without terms
  if (p.preferred !== null) {
    for (let i = 0; i < n; i++) raw[i] = p.preferred.score(list[feasible[i]].node);
    normalize(raw, n, false);
    for (let i = 0; i < n; i++) total[i] += raw[i] * W_AFFINITY;
  }
}

/** The weighted total score of each node for the pod (for display and tests). */
export function scoreNodes(pod: Pod, nodes: readonly NodeInfo[], opts: Pick<ScheduleOptions, 'podRequests'> = {}): number[] {
  const p = compilePod(pod, opts.podRequests ?? podRequests(pod));
  ensureCapacity(nodes.length);
  for (let i = 0; i < nodes.length; i++) feasibleBuf[i] = i;
  prioritize(p, nodes, feasibleBuf, nodes.length, totalBuf, null);
  return Array.from(totalBuf.subarray(0, nodes.length));
}

// ---------------------------------------------------------------------------------------------
// Node lookup by name (for PreFilter narrowing and the nominated node)
// ---------------------------------------------------------------------------------------------

const nameIndexCache = new WeakMap<readonly NodeInfo[], Map<string, number>>();

function indexOfNode(nodes: readonly NodeInfo[], name: string): number {
  let m = nameIndexCache.get(nodes);
  if (m !== undefined) {
    const i = m.get(name);
    if (i !== undefined && nodes[i]?.node.metadata?.name === name) return i;
  }
  m = new Map();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i].node.metadata?.name;
    if (n !== undefined && !m.has(n)) m.set(n, i);
  }
  nameIndexCache.set(nodes, m);
  return m.get(name) ?? -1;
}

// ---------------------------------------------------------------------------------------------
// schedulePod
// ---------------------------------------------------------------------------------------------

function fail(
  pod: Pod,
  numAllNodes: number,
  d: Diagnosis,
  opts: ScheduleOptions,
): { error: string; unschedulablePlugins: string[] } {
  d.postFilterMsg = preemptionMessage(numAllNodes, d, {
    preemptionPolicy: pod.spec?.preemptionPolicy,
    hasVictims: opts.hasPreemptionVictims,
  });
  return { error: fitErrorMessage(numAllNodes, d), unschedulablePlugins: [...d.unschedulablePlugins].sort() };
}

/**
 * Schedules one pod onto one of `nodes` (the scheduler cache snapshot, in snapshot order) and
 * advances `state.nextStartNodeIndex` as upstream does. `rng` (values in [0, 1)) is drawn only to
 * break ties between top-scoring nodes. Returns the chosen node, or the FitError message with the
 * plugins that rejected the pod. The caller binds the pod and updates the NodeInfo (`addPod`).
 */
export function schedulePod(
  pod: Pod,
  nodes: readonly NodeInfo[],
  state: SchedulerState,
  rng: () => number,
  opts: ScheduleOptions = {},
): ScheduleResult {
  const numAllNodes = nodes.length;
  if (numAllNodes === 0) return { error: NO_NODES_AVAILABLE, unschedulablePlugins: [] };
  const taintReason = opts.taintReason ?? 'detailed';
  const p = compilePod(pod, opts.podRequests ?? podRequests(pod));
  const d = newDiagnosis();

  // PreFilter: VolumeBinding — claims that are missing or not bound make every node fail.
  const volumes = opts.volumeBinding?.(pod) ?? null;
  if (volumes !== null) {
    d.preFilterMsg = volumes;
    d.absentNodesStatus = { code: 'UnschedulableAndUnresolvable', reasons: [volumes], plugin: 'VolumeBinding' };
    d.unschedulablePlugins.add('VolumeBinding');
    return fail(pod, numAllNodes, d, opts);
  }

  // PreFilter: NodeAffinity may narrow the candidates to named nodes (e.g. DaemonSet pods).
  let list: readonly NodeInfo[] = nodes;
  let narrowed = false;
  const names = p.required !== null ? preFilterNodeNames(pod) : null;
  if (names === 'conflict') {
    d.preFilterMsg = REASONS.affinityConflict;
    d.absentNodesStatus = { code: 'UnschedulableAndUnresolvable', reasons: [REASONS.affinityConflict], plugin: 'NodeAffinity' };
    d.unschedulablePlugins.add('NodeAffinity');
    return fail(pod, numAllNodes, d, opts);
  }
  if (names !== null) d.unschedulablePlugins.add('NodeAffinity');

  // A nominated node (set by an earlier preemption) is tried first, on its own.
  let nominatedStatus: NodeStatus | null = null;
  let nominatedIdx = -1;
  const nnn = pod.status?.nominatedNodeName;
  if (nnn) {
    nominatedIdx = indexOfNode(nodes, nnn);
    if (nominatedIdx >= 0) {
      const code = runFilters(p, nodes[nominatedIdx]);
      if (code === PASS) return { nodeName: nnn, nodeIndex: nominatedIdx, evaluatedNodes: 1, feasibleNodes: 1 };
      nominatedStatus = statusOf(code, lastAux, nodes[nominatedIdx], taintReason);
      d.unschedulablePlugins.add(nominatedStatus.plugin!);
    }
  }

  let listToNodes: number[] | null = null;
  if (names !== null) {
    const idx: number[] = [];
    for (const n of names) {
      const i = indexOfNode(nodes, n);
      if (i >= 0) idx.push(i);
    }
    idx.sort((a, b) => a - b);
    listToNodes = idx;
    list = idx.map((i) => nodes[i]);
    narrowed = true;
    d.absentNodesStatus = {
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"],
    };
  }

  // findNodesThatPassFilters: scan from nextStartNodeIndex, stop once enough feasible nodes.
  const n = list.length;
  const numNodesToFind = numFeasibleNodesToFind(n, opts.percentageOfNodesToScore ?? 0);
  ensureCapacity(n + 1);
  let feasible = 0;
  let failed = 0;
  const start = state.nextStartNodeIndex > 0 ? Math.trunc(state.nextStartNodeIndex) : 0;
  for (let i = 0; i < n && feasible < numNodesToFind; i++) {
    const li = (start + i) % n;
    const code = runFilters(p, list[li]);
    if (code === PASS) {
      feasibleBuf[feasible++] = li;
    } else {
      failIdxBuf[failed] = li;
      failCodeBuf[failed] = code;
      failAuxBuf[failed] = lastAux;
      failed++;
    }
  }

  // The nominated node's failed status stays in the diagnosis unless the scan re-evaluated it.
  let extraStatus = 0;
  if (nominatedStatus !== null) {
    const li = narrowed ? listToNodes!.indexOf(nominatedIdx) : nominatedIdx;
    const scanned = li >= 0 && (li - (start % n) + n) % n < feasible + failed;
    if (!scanned) extraStatus = 1;
  }
  const processed = feasible + failed + extraStatus;
  state.nextStartNodeIndex = (start + processed) % numAllNodes;

  if (feasible === 0) {
    if (nominatedStatus !== null && extraStatus === 1) d.nodeToStatus.set(nnn!, nominatedStatus);
    for (let k = 0; k < failed; k++) {
      const ni = list[failIdxBuf[k]];
      const st = statusOf(failCodeBuf[k], failAuxBuf[k], ni, taintReason);
      d.nodeToStatus.set(ni.node.metadata?.name ?? '', st);
      d.unschedulablePlugins.add(st.plugin!);
    }
    return fail(pod, numAllNodes, d, opts);
  }

  const evaluatedNodes = feasible + failed + extraStatus;
  const toNodeIndex = (li: number) => (listToNodes === null ? li : listToNodes[li]);
  if (feasible === 1) {
    const li = feasibleBuf[0];
    return { nodeName: list[li].node.metadata?.name ?? '', nodeIndex: toNodeIndex(li), evaluatedNodes, feasibleNodes: 1 };
  }
  prioritize(p, list, feasibleBuf, feasible, totalBuf, narrowed ? null : memoFor(nodes, p.req, !p.bestEffort));
  const chosen = feasibleBuf[selectHost(totalBuf, rng, feasible)];
  return {
    nodeName: list[chosen].node.metadata?.name ?? '',
    nodeIndex: toNodeIndex(chosen),
    evaluatedNodes,
    feasibleNodes: feasible,
  };
}
