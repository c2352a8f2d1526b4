/**
 * DaemonSet pods: the labels that mark them, the template they are created from, their order, and
 * the node each one belongs to.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/daemon/util/daemonset_util.go GetTemplateGeneration, CreatePodTemplate,
 *                                                 AllowsSurge, SurgeCount, UnavailableCount,
 *                                                 IsPodUpdated, SplitByAvailablePods (≤1.20)
 *  - pkg/controller/daemon/daemon_controller.go   getNodesToDaemonPods, podByCreationTimestampAndPhase,
 *                                                 syncNodes (the pod each create sends)
 *  - pkg/controller/controller_utils.go           GetPodFromTemplate
 *  - pkg/apis/apps/v1/defaults.go                 SetDefaults_DaemonSet
 *  - staging/src/k8s.io/api/apps/v1/types.go, extensions/v1beta1/types.go (label/annotation keys)
 *
 * Pure functions over `kubernetes-types` objects; inputs are never mutated.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { getScaledValueFromIntOrPercent, goParseInt, type IntOrString } from '../deployment/fenceposts.ts';
import { newControllerRef } from '../replicaset/claim.ts';
import { isPodAvailable, isPodTerminal, timeMs } from '../replicaset/status.ts';
import { addOrUpdateDaemonPodTolerations, getTargetNodeName, replaceDaemonSetPodNodeNameNodeAffinity } from './eligibility.ts';

/**
 * apps/v1 `ControllerRevisionHashLabelKey` = `DefaultDaemonSetUniqueLabelKey`: on daemon pods and
 * ControllerRevisions it holds the revision's HASH (StatefulSet pods hold the revision name).
 */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** extensions/v1beta1 `DaemonSetTemplateGenerationKey` (deprecated pod label). */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/**
 * apps/v1 `DeprecatedTemplateGeneration`: the DaemonSet annotation the API server keeps at the
 * template generation (1 on create, +1 per template change — registry strategy, [M] not re-read).
 */
export const DEPRECATED_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export const ROLLING_UPDATE_DAEMONSET = 'RollingUpdate';
export const ON_DELETE_DAEMONSET = 'OnDelete';
/** apps/v1 defaults: revisionHistoryLimit. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/**
 * apps/v1 `SetDefaults_DaemonSet` (pure): updateStrategy.type "" → RollingUpdate; for RollingUpdate
 * a missing rollingUpdate becomes `{}`, maxUnavailable 1 and maxSurge 0 when absent;
 * revisionHistoryLimit 10. (The pod template's own defaults are the pod defaulter's.)
 */
export function setDefaultsDaemonSet(ds: DaemonSet): DaemonSet {
  const spec = { ...(ds.spec ?? { selector: {}, template: {} }) };
  const strategy = { ...(spec.updateStrategy ?? {}) };
  if (!strategy.type) strategy.type = ROLLING_UPDATE_DAEMONSET;
  if (strategy.type === ROLLING_UPDATE_DAEMONSET) {
    const ru = { ...(strategy.rollingUpdate ?? {}) };
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
    strategy.rollingUpdate = ru;
  }
  spec.updateStrategy = strategy;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
  return { ...ds, spec };
}

/**
 * daemonset_util.go `GetTemplateGeneration(ds)`: the deprecated annotation parsed with
 * `strconv.ParseInt(s, 10, 64)`; `null` without the annotation; the Go error text when it does
 * not parse (every caller then proceeds with nil). Values beyond 2^53 lose precision here.
 */
export function getTemplateGeneration(ds: DaemonSet): { generation: number | null } | { error: string } {
  const annotations = ds.metadata?.annotations;
  if (!annotations || !Object.prototype.hasOwnProperty.call(annotations, DEPRECATED_TEMPLATE_GENERATION_ANNOTATION)) return { generation: null };
  const parsed = goParseInt(annotations[DEPRECATED_TEMPLATE_GENERATION_ANNOTATION]!);
  return 'error' in parsed ? { error: parsed.error } : { generation: parsed.value };
}

/** `GetTemplateGeneration` as the controller uses it: a parse error counts as no generation. */
export function templateGenerationOrNull(ds: DaemonSet): number | null {
  const g = getTemplateGeneration(ds);
  return 'error' in g ? null : g.generation;
}

/**
 * daemonset_util.go `IsPodUpdated(pod, hash, dsTemplateGeneration)`: the pod's
 * `controller-revision-hash` label equals a non-empty `hash`, OR a template generation is known
 * and the pod's `pod-template-generation` label equals it (`fmt.Sprint(*gen)`; the 1.20-era
 * version printed the pointer instead).
 */
export function isPodUpdated(pod: Pod, hash: string, dsTemplateGeneration: number | null): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = dsTemplateGeneration !== null && (labels[POD_TEMPLATE_GENERATION_LABEL] ?? '') === String(dsTemplateGeneration);
  const hashMatches = hash.length > 0 && (labels[CONTROLLER_REVISION_HASH_LABEL] ?? '') === hash;
  return hashMatches || templateMatches;
}

/**
 * daemonset_util.go `CreatePodTemplate(template, generation, hash)`: a copy with the default
 * daemon tolerations, a labels map, `pod-template-generation` when a generation is known, and
 * `controller-revision-hash` when the hash is non-empty.
 */
export function createPodTemplate(template: PodTemplateSpec, generation: number | null, hash: string): PodTemplateSpec {
  const t = structuredClone(template);
  const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
  if (generation !== null) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash.length > 0) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  return { ...t, metadata: { ...(t.metadata ?? {}), labels }, spec: addOrUpdateDaemonPodTolerations(t.spec ?? { containers: [] }) };
}

/**
 * The pod `syncNodes` asks `podControl.CreatePods` to create for one node: `CreatePodTemplate`
 * (generation from the annotation, parse errors ignored) with the node-name affinity
 * ({@link replaceDaemonSetPodNodeNameNodeAffinity}), turned into a pod by controller_utils.go
 * `GetPodFromTemplate`: template labels / annotations / finalizers, `generateName: "<ds>-"`,
 * the ControllerRef, the DaemonSet's namespace, the template spec. No `spec.nodeName`: the
 * scheduler binds it. (`getPodsPrefix` falls back to the bare name when `"<ds>-"` is not a valid
 * pod generateName — impossible for a valid DaemonSet name, not modelled.)
 */
export function newDaemonPod(ds: DaemonSet, hash: string, nodeName: string): Pod {
  const template = createPodTemplate(ds.spec?.template ?? {}, templateGenerationOrNull(ds), hash);
  const md = template.metadata ?? {};
  const spec = { ...(template.spec ?? { containers: [] }) };
  spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(spec.affinity, nodeName);
  const name = ds.metadata?.name ?? '';
  return {
    metadata: {
      generateName: `${name}-`,
      ...(ds.metadata?.namespace !== undefined ? { namespace: ds.metadata.namespace } : {}),
      labels: { ...(md.labels ?? {}) },
      ...(md.annotations ? { annotations: { ...md.annotations } } : {}),
      ...(md.finalizers ? { finalizers: [...md.finalizers] } : {}),
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: ds.metadata?.uid ?? '' })],
    },
    spec,
  };
}

function rollingUpdateOf(ds: DaemonSet) {
  const s = ds.spec?.updateStrategy;
  return s?.type === ROLLING_UPDATE_DAEMONSET ? s.rollingUpdate : undefined;
}

/**
 * daemonset_util.go `SurgeCount(ds, numberToSchedule)`: 0 unless RollingUpdate with a maxSurge;
 * otherwise `GetScaledValueFromIntOrPercent(maxSurge, numberToSchedule, roundUp=true)` — a
 * percentage ROUNDS UP (unlike a Deployment's maxUnavailable). Throws the intstr error.
 */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const ru = rollingUpdateOf(ds);
  const v: IntOrString | undefined | null = ru?.maxSurge;
  if (!ru || v === undefined || v === null) return 0;
  return getScaledValueFromIntOrPercent(v, numberToSchedule, true);
}

/**
 * daemonset_util.go `UnavailableCount(ds, numberToSchedule)`: 0 unless RollingUpdate with a
 * rollingUpdate block; otherwise maxUnavailable scaled ROUNDING UP. A missing maxUnavailable
 * (impossible after defaulting) throws "nil value for IntOrString", as upstream.
 */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const ru = rollingUpdateOf(ds);
  if (!ru) return 0;
  return getScaledValueFromIntOrPercent(ru.maxUnavailable, numberToSchedule, true);
}

/** daemonset_util.go `AllowsSurge(ds)`: `SurgeCount(ds, 1) > 0` (an invalid value means no surge). */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}

/**
 * daemon_controller.go `podByCreationTimestampAndPhase.Less` (despite the name, phase is not
 * used): scheduled pods (`spec.nodeName` set) first, then older `creationTimestamp` first (the
 * zero time oldest), equal times by name. Returns a comparator result.
 */
export function compareDaemonPods(a: Pod, b: Pod): number {
  const aScheduled = (a.spec?.nodeName ?? '').length !== 0;
  const bScheduled = (b.spec?.nodeName ?? '').length !== 0;
  if (aScheduled !== bScheduled) return aScheduled ? -1 : 1;
  const ca = timeMs(a.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  const cb = timeMs(b.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  if (ca === cb) {
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return ca < cb ? -1 : 1;
}

/** `sort.Sort(podByCreationTimestampAndPhase(pods))` on a copy (a total order for named pods). */
export function sortDaemonPods(pods: readonly Pod[]): Pod[] {
  return [...pods].sort(compareDaemonPods);
}

/**
 * daemon_controller.go `getNodesToDaemonPods(ctx, ds, includeDeletedTerminal)` over the already
 * claimed pods: grouped by {@link getTargetNodeName} (pods without a target node are skipped);
 * unless `includeDeletedTerminal`, pods that are terminal (Succeeded/Failed) AND have a
 * deletionTimestamp are left out. A node is a key only if it has at least one pod. Keys keep
 * first-seen order (Go's map order is random).
 */
export function getNodesToDaemonPods(pods: readonly Pod[], includeDeletedTerminal = false): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata?.deletionTimestamp != null) continue;
    const target = getTargetNodeName(pod);
    if ('error' in target) continue;
    const list = out.get(target.nodeName);
    if (list) list.push(pod);
    else out.set(target.nodeName, [pod]);
  }
  return out;
}

/**
 * daemonset_util.go `SplitByAvailablePods(minReadySeconds, pods)` (≤1.20; the surge-aware
 * rollingUpdate of 1.21+ no longer calls it): `IsPodAvailable` at `now` splits the pods, order kept.
 */
export function splitByAvailablePods(minReadySeconds: number, pods: readonly Pod[], now: number): { available: Pod[]; unavailable: Pod[] } {
  const available: Pod[] = [];
  const unavailable: Pod[] = [];
  for (const p of pods) (isPodAvailable(p, minReadySeconds, now) ? available : unavailable).push(p);
  return { available, unavailable };
}
