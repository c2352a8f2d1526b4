/**
 * Which nodes a DaemonSet runs on, and the scheduling fields every daemon pod carries.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/daemon/daemon_controller.go   NodeShouldRunDaemonPod, predicates, NewPod
 *  - pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
 *                                                 ReplaceDaemonSetPodNodeNameNodeAffinity,
 *                                                 GetTargetNodeName
 *  - pkg/apis/core/v1/helper/helpers.go           AddOrUpdateTolerationInPodSpec
 *  - staging/src/k8s.io/api/core/v1/toleration.go MatchToleration
 *
 * Taint/toleration matching and required node affinity are the scheduler's (src/scheduler):
 * `findUntoleratedTaint` is `FindMatchingUntoleratedTaint`, `RequiredNodeAffinity` is
 * `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`. Nothing here mutates its inputs.
 *
 * Node readiness, `spec.unschedulable` and resources are NOT checked (the default scheduler
 * handles resources since 1.12; a cordoned node carries the `node.kubernetes.io/unschedulable`
 * taint, which every daemon pod tolerates). Read in daemon_controller.go (1.30+ versions; 1.36
 * only adds a logger and the TaintTolerationComparisonOperators flag to the same checks).
 */
import type { Affinity, Node, NodeSelectorRequirement, Pod, PodSpec, Taint, Toleration } from '../../src/types.ts';
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import {
  findUntoleratedTaint, RequiredNodeAffinity,
  TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE,
} from '../../src/scheduler/index.ts';

/** metav1 `ObjectNameField`: the node field a daemon pod's injected affinity selects on. */
export const OBJECT_NAME_FIELD = 'metadata.name';

// ---------------------------------------------------------------------------------------------
// Tolerations
// ---------------------------------------------------------------------------------------------

/**
 * k8s.io/api core/v1 `Toleration.MatchToleration`: tolerations are unique by
 * <key, effect, operator, value> (absent and "" are the same Go zero value).
 */
export function matchToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');
}

/**
 * pkg/apis/core/v1/helper `AddOrUpdateTolerationInPodSpec(spec, toleration)`, pure: every
 * existing toleration matching the new one (see {@link matchToleration}) is replaced by it IN
 * PLACE (so a user's `not-ready:NoExecute` toleration with `tolerationSeconds: 300` loses its
 * seconds); without a match it is appended.
 *
 * Upstream quirk, kept: the "already identical → return false" branch compares a `*Toleration`
 * with a `Toleration` through `helper.Semantic.DeepEqual`, whose first step is
 * `if v1.Type() != v2.Type() { return false }` (third_party/forked/golang/reflect/deep_equal.go) —
 * so it never fires, a match is always "updated", and there is no early return.
 */
export function addOrUpdateTolerationInPodSpec(spec: PodSpec, toleration: Toleration): { spec: PodSpec; updated: boolean } {
  const newTolerations: Toleration[] = [];
  let updated = false;
  for (const t of spec.tolerations ?? []) {
    if (matchToleration(toleration, t)) {
      newTolerations.push({ ...toleration });
      updated = true;
      continue;
    }
    newTolerations.push(t);
  }
  if (!updated) newTolerations.push({ ...toleration });
  return { spec: { ...spec, tolerations: newTolerations }, updated: true };
}

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect });

/**
 * The tolerations `AddOrUpdateDaemonPodTolerations` adds, in its order: not-ready and unreachable
 * `NoExecute` WITHOUT tolerationSeconds (so node problems never evict daemon pods), then
 * disk-pressure, memory-pressure, pid-pressure and unschedulable `NoSchedule` (TaintNodesByCondition),
 * all `operator: Exists`.
 */
export const DAEMON_POD_TOLERATIONS: readonly Toleration[] = Object.freeze([
  exists(TAINT_NODE_NOT_READY, 'NoExecute'),
  exists(TAINT_NODE_UNREACHABLE, 'NoExecute'),
  exists(TAINT_NODE_DISK_PRESSURE, 'NoSchedule'),
  exists(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule'),
  exists(TAINT_NODE_PID_PRESSURE, 'NoSchedule'),
  exists(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule'),
]);

/** Added last, and only when `spec.hostNetwork` is true. */
export const HOST_NETWORK_DAEMON_POD_TOLERATION: Toleration = Object.freeze(exists(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule'));

/**
 * daemonset_util.go `AddOrUpdateDaemonPodTolerations(spec)`, pure: the spec with
 * {@link DAEMON_POD_TOLERATIONS} (plus network-unavailable for `hostNetwork` pods) added or
 * updated one by one through {@link addOrUpdateTolerationInPodSpec}.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): PodSpec {
  let out = spec;
  for (const t of DAEMON_POD_TOLERATIONS) out = addOrUpdateTolerationInPodSpec(out, t).spec;
  if (spec.hostNetwork) out = addOrUpdateTolerationInPodSpec(out, HOST_NETWORK_DAEMON_POD_TOLERATION).spec;
  return out;
}

// ---------------------------------------------------------------------------------------------
// NodeShouldRunDaemonPod
// ---------------------------------------------------------------------------------------------

/**
 * daemon_controller.go `NewPod(ds, nodeName)`: the hypothetical pod the checks run on — the
 * template's metadata and spec, the DaemonSet's namespace, `spec.nodeName = nodeName`, and the
 * default daemon tolerations.
 */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  const t = ds.spec?.template ?? {};
  const metadata = { ...(t.metadata ?? {}) };
  if (ds.metadata?.namespace !== undefined) metadata.namespace = ds.metadata.namespace;
  const spec = addOrUpdateDaemonPodTolerations({ ...(t.spec ?? { containers: [] }), nodeName });
  return { metadata, spec };
}

export interface Predicates {
  fitsNodeName: boolean;
  fitsNodeAffinity: boolean;
  fitsTaints: boolean;
}

const noScheduleOrNoExecute = (t: Taint) => t.effect === 'NoExecute' || t.effect === 'NoSchedule';
const noExecute = (t: Taint) => t.effect === 'NoExecute';

/**
 * daemon_controller.go `predicates(pod, node, taints)`: node name (empty or equal), required node
 * affinity including `nodeSelector` (parse errors ignored "for backwards compatibility": a term that
 * does not parse matches nothing), and no untolerated `NoSchedule`/`NoExecute` taint
 * (`PreferNoSchedule` is ignored).
 */
export function predicates(pod: Pod, node: Node, taints: readonly Taint[] | undefined): Predicates {
  const nodeName = pod.spec?.nodeName ?? '';
  return {
    fitsNodeName: nodeName.length === 0 || nodeName === (node.metadata?.name ?? ''),
    fitsNodeAffinity: new RequiredNodeAffinity(pod).match(node),
    fitsTaints: findUntoleratedTaint(taints, pod.spec?.tolerations, noScheduleOrNoExecute) === undefined,
  };
}

export interface NodeShouldRun {
  /** A daemon pod should be created on the node if it has none. */
  shouldRun: boolean;
  /** A daemon pod already on the node may stay. */
  shouldContinueRunning: boolean;
}

/**
 * daemon_controller.go `NodeShouldRunDaemonPod(node, ds)`:
 *  - template `spec.nodeName` set to another node → (false, false);
 *  - nodeSelector / required node affinity not matched → (false, false);
 *  - an untolerated `NoSchedule` or `NoExecute` taint → shouldRun false; shouldContinueRunning
 *    stays true unless one of the untolerated taints is `NoExecute` (a new `NoSchedule` taint
 *    does not evict a running daemon pod, a `NoExecute` one does);
 *  - otherwise (true, true).
 * Tolerations are the template's plus the defaults, so not-ready / unreachable / pressure /
 * unschedulable (cordoned) nodes keep and get daemon pods.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeShouldRun {
  const nodeName = node.metadata?.name ?? '';
  const pod = newPod(ds, nodeName);
  const templateNodeName = ds.spec?.template?.spec?.nodeName ?? '';
  if (!(templateNodeName === '' || templateNodeName === nodeName)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  const p = predicates(pod, node, taints);
  if (!p.fitsNodeName || !p.fitsNodeAffinity) return { shouldRun: false, shouldContinueRunning: false };
  if (!p.fitsTaints) {
    const untoleratedNoExecute = findUntoleratedTaint(taints, pod.spec?.tolerations, noExecute);
    return { shouldRun: false, shouldContinueRunning: untoleratedNoExecute === undefined };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

// ---------------------------------------------------------------------------------------------
// The node-name affinity of created pods
// ---------------------------------------------------------------------------------------------

/**
 * daemonset_util.go `ReplaceDaemonSetPodNodeNameNodeAffinity(affinity, nodename)`, pure: the
 * affinity with `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` replaced by the
 * single term `matchFields: [{key: metadata.name, operator: In, values: [nodename]}]` (the
 * default scheduler then binds the pod to that node; the DaemonSet never sets `spec.nodeName`).
 * Everything else — preferred node terms, pod (anti-)affinity — is kept. Upstream assumes the
 * template's own required terms do not conflict (NodeShouldRunDaemonPod checked them).
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined | null, nodename: string): Affinity {
  const nodeSelReq: NodeSelectorRequirement = { key: OBJECT_NAME_FIELD, operator: 'In', values: [nodename] };
  const terms = [{ matchFields: [nodeSelReq] }];
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  if (!affinity.nodeAffinity) return { ...affinity, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  const na = affinity.nodeAffinity;
  const required = na.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    ...affinity,
    nodeAffinity: { ...na, requiredDuringSchedulingIgnoredDuringExecution: { ...(required ?? {}), nodeSelectorTerms: terms } },
  };
}

/**
 * daemonset_util.go `GetTargetNodeName(pod)`: `spec.nodeName` when set, else the value of the first
 * `matchFields` requirement `metadata.name In [...]` among the required node affinity terms (which
 * must have exactly one value); otherwise the upstream error text.
 */
export function getTargetNodeName(pod: Pod): { nodeName: string } | { error: string } {
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName.length !== 0) return { nodeName };
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) {
    return { error: `no spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution for pod ${ns}/${name}` };
  }
  const terms = required.nodeSelectorTerms ?? [];
  if (terms.length < 1) return { error: `no nodeSelectorTerms in requiredDuringSchedulingIgnoredDuringExecution of pod ${ns}/${name}` };
  for (const term of terms) {
    for (const exp of term.matchFields ?? []) {
      if (exp.key === OBJECT_NAME_FIELD && exp.operator === 'In') {
        const values = exp.values ?? [];
        if (values.length !== 1) return { error: `the matchFields value of '${OBJECT_NAME_FIELD}' is not unique for pod ${ns}/${name}` };
        return { nodeName: values[0]! };
      }
    }
  }
  return { error: `no node name found for pod ${ns}/${name}` };
}
