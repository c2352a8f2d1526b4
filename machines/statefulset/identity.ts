/**
 * StatefulSet pod identity: names and ordinals, the identity labels, hostname/subdomain, stable
 * storage (per-ordinal PersistentVolumeClaims) and the pod the controller builds for an ordinal.
 * Pure functions over `kubernetes-types` objects; the "update"/"init" functions return new pods
 * instead of mutating their argument as upstream does.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/statefulset/stateful_set_utils.go  statefulPodRegex, getParentNameAndOrdinal,
 *      getParentName, getOrdinal, getStartOrdinal, getEndOrdinal, podInOrdinalRange, getPodName,
 *      getPersistentVolumeClaimName, isMemberOf, identityMatches, storageMatches,
 *      getPersistentVolumeClaims, updateStorage, initIdentity, updateIdentity, setPodRevision,
 *      getPodRevision, newStatefulSetPod, newVersionedStatefulSetPod, ascendingOrdinal,
 *      descendingOrdinal, and the pod predicates (isRunningAndReady, isRunningAndAvailable,
 *      isCreated, isPending, isFailed, isSucceeded, isTerminating, isHealthy)
 *  - pkg/controller/controller_utils.go                GetPodFromTemplate, getPodsPrefix
 *
 * Deliberate differences:
 *  - `updateStorage` builds the claim volumes from a Go map, so their order in `spec.volumes` is
 *    random upstream; here they follow `volumeClaimTemplates` order (then the other volumes).
 *  - Availability uses machines/replicaset/status.ts `isPodAvailable`, which is inclusive
 *    (`readySince + minReadySeconds <= now`, upstream since v1.34); 1.32's `IsPodAvailable` was the
 *    strict `<`. The difference is one instant.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.d.ts';
import { newControllerRef } from '../replicaset/claim.ts';
import { isPodAvailable, isPodReady } from '../replicaset/status.ts';
import {
  gatesWithDefaults, POD_INDEX_LABEL, ROLLING_UPDATE, setReplicas, STATEFULSET_KIND, STATEFULSET_POD_NAME_LABEL,
  STATEFULSET_REVISION_LABEL, type StatefulSetGates,
} from './spec.ts';

/** stateful_set_utils.go `statefulPodRegex = regexp.MustCompile("(.*)-([0-9]+)$")` (greedy parent). */
export const STATEFUL_POD_REGEX = /^(.*)-([0-9]+)$/;

const INT32_MAX = 2147483647;

/** Anything with a name (a Pod, or just the name). */
type Named = Pod | string;
const nameOf = (p: Named): string => (typeof p === 'string' ? p : p.metadata?.name ?? '');

/**
 * `getParentNameAndOrdinal(pod)`: `(.*)-([0-9]+)$` on the pod name. No match → `{parent: '',
 * ordinal: -1}`. The digits go through `strconv.ParseInt(s, 10, 32)`: beyond int32 the ordinal
 * stays -1 while the parent is still returned (so `isMemberOf` holds but the pod is ignored).
 */
export function getParentNameAndOrdinal(pod: Named): { parent: string; ordinal: number } {
  const m = STATEFUL_POD_REGEX.exec(nameOf(pod));
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1]!, ordinal: Number.isSafeInteger(n) && n <= INT32_MAX ? n : -1 };
}

/** `getParentName(pod)`. */
export function getParentName(pod: Named): string {
  return getParentNameAndOrdinal(pod).parent;
}

/** `getOrdinal(pod)`: -1 when the name carries none. */
export function getOrdinal(pod: Named): number {
  return getParentNameAndOrdinal(pod).ordinal;
}

/** `getStartOrdinal(set)`: `spec.ordinals.start` when `spec.ordinals` is set, else 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals ? set.spec.ordinals.start ?? 0 : 0;
}

/** `getEndOrdinal(set)`: the last ordinal, inclusive: `start + replicas − 1` (start − 1 when replicas is 0). */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + setReplicas(set) - 1;
}

/** The in-range ordinals `[start, end]`, ascending. */
export function replicaOrdinals(set: StatefulSet): number[] {
  const out: number[] = [];
  for (let o = getStartOrdinal(set); o <= getEndOrdinal(set); o++) out.push(o);
  return out;
}

/** `podInOrdinalRange(pod, set)`: `start <= ordinal <= end` (an unparsable name, ordinal -1, is out of range). */
export function podInOrdinalRange(pod: Named, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** `getPodName(set, ordinal)`: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

/** `getPersistentVolumeClaimName(set, claim, ordinal)`: `<template>-<set>-<ordinal>` (e.g. `www-web-0`). */
export function getPersistentVolumeClaimName(set: StatefulSet, claimTemplate: PersistentVolumeClaim, ordinal: number): string {
  return `${claimTemplate.metadata?.name ?? ''}-${set.metadata?.name ?? ''}-${ordinal}`;
}

/** `isMemberOf(set, pod)`: the name's parent part equals the set's name (the claim filter of getPodsForStatefulSet). */
export function isMemberOf(set: StatefulSet, pod: Named): boolean {
  return getParentName(pod) === (set.metadata?.name ?? '');
}

/**
 * `identityMatches(set, pod)`: a valid ordinal, parent = set name, name = `getPodName`, same
 * namespace, and the `statefulset.kubernetes.io/pod-name` label equal to the pod name. (Hostname,
 * subdomain and the pod-index label are NOT checked: they are set at creation only.)
 */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  const name = pod.metadata?.name ?? '';
  return ordinal >= 0 &&
    (set.metadata?.name ?? '') === parent &&
    name === getPodName(set, ordinal) &&
    (pod.metadata?.namespace ?? '') === (set.metadata?.namespace ?? '') &&
    pod.metadata?.labels?.[STATEFULSET_POD_NAME_LABEL] === name;
}

/**
 * `storageMatches(set, pod)`: for every volumeClaimTemplate the pod has a volume of the template's
 * name whose `persistentVolumeClaim.claimName` is the per-ordinal claim name. Invalid ordinal → false.
 */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map<string, Volume>();
  for (const v of pod.spec?.volumes ?? []) volumes.set(v.name, v);
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const v = volumes.get(claim.metadata?.name ?? '');
    if (!v || !v.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)) return false;
  }
  return true;
}

/**
 * `getPersistentVolumeClaims(set, pod)`: one claim per template, keyed by TEMPLATE name — a deep
 * copy of the template named `<template>-<set>-<ordinal>`, in the set's namespace, labelled with
 * the template's labels overlaid by `spec.selector.matchLabels` (just the matchLabels when the
 * template has none). Map order = template order.
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Named): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  const matchLabels = set.spec?.selector?.matchLabels;
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim: PersistentVolumeClaim = structuredClone(t);
    const md = (claim.metadata ??= {});
    md.name = getPersistentVolumeClaimName(set, t, ordinal);
    if (set.metadata?.namespace !== undefined) md.namespace = set.metadata.namespace;
    else delete md.namespace;
    if (md.labels) md.labels = { ...md.labels, ...(matchLabels ?? {}) };
    else if (matchLabels) md.labels = { ...matchLabels };
    claims.set(t.metadata?.name ?? '', claim);
  }
  return claims;
}

/**
 * `updateStorage(set, pod)` (returns a copy): the pod's volumes become one PVC volume per claim
 * template (`{name: <template>, persistentVolumeClaim: {claimName: <claim>}}`; upstream also sets
 * `readOnly: false`, which JSON omits) followed by the pod's other volumes; a pod volume named like
 * a template is REPLACED by the claim volume.
 */
export function updateStorage(set: StatefulSet, pod: Pod): Pod {
  const claims = getPersistentVolumeClaims(set, pod);
  const newVolumes: Volume[] = [];
  for (const [name, claim] of claims) newVolumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata?.name ?? '' } });
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) newVolumes.push(v);
  const out = structuredClone(pod);
  const spec = (out.spec ??= { containers: [] });
  spec.volumes = newVolumes;
  return out;
}

/**
 * `updateIdentity(set, pod)` (returns a copy): name `getPodName(set, getOrdinal(pod))`, the set's
 * namespace, label `statefulset.kubernetes.io/pod-name=<name>` and (gate PodIndexLabel, GA in
 * 1.32) `apps.kubernetes.io/pod-index=<ordinal>`.
 */
export function updateIdentity(set: StatefulSet, pod: Pod, gates?: StatefulSetGates): Pod {
  const ordinal = getOrdinal(pod);
  const out = structuredClone(pod);
  const md = (out.metadata ??= {});
  md.name = getPodName(set, ordinal);
  if (set.metadata?.namespace !== undefined) md.namespace = set.metadata.namespace;
  else delete md.namespace;
  md.labels = { ...(md.labels ?? {}), [STATEFULSET_POD_NAME_LABEL]: md.name };
  if (gatesWithDefaults(gates).podIndexLabel) md.labels[POD_INDEX_LABEL] = String(ordinal);
  return out;
}

/**
 * `initIdentity(set, pod)` (returns a copy): `updateIdentity`, plus the fields immutable after
 * creation: `spec.hostname = <pod name>` and `spec.subdomain = spec.serviceName` (an empty service
 * name leaves subdomain unset, as Go's omitempty does).
 */
export function initIdentity(set: StatefulSet, pod: Pod, gates?: StatefulSetGates): Pod {
  const out = updateIdentity(set, pod, gates);
  const spec = (out.spec ??= { containers: [] });
  spec.hostname = out.metadata!.name;
  const svc = set.spec?.serviceName ?? '';
  if (svc) spec.subdomain = svc;
  else delete spec.subdomain;
  return out;
}

/** `getPodRevision(pod)`: the `controller-revision-hash` label, '' when absent. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata?.labels?.[STATEFULSET_REVISION_LABEL] ?? '';
}

/** `setPodRevision(pod, revision)` (returns a copy): label `controller-revision-hash=<revision name>`. */
export function setPodRevision(pod: Pod, revision: string): Pod {
  const out = structuredClone(pod);
  const md = (out.metadata ??= {});
  md.labels = { ...(md.labels ?? {}), [STATEFULSET_REVISION_LABEL]: revision };
  return out;
}

/**
 * controller_utils.go `GetPodFromTemplate(template, parent, controllerRef)`: labels, annotations
 * and finalizers copied from the template, `generateName: <parent>-` (getPodsPrefix), the
 * controllerRef as the only ownerReference, and a deep copy of the template spec. Empty maps /
 * lists are left out (as their JSON encoding omits them).
 */
export function getPodFromTemplate(set: StatefulSet): Pod {
  const t = set.spec?.template ?? {};
  const md = t.metadata ?? {};
  const pod: Pod = {
    metadata: {
      generateName: `${set.metadata?.name ?? ''}-`,
      ...(md.labels && Object.keys(md.labels).length ? { labels: { ...md.labels } } : {}),
      ...(md.annotations && Object.keys(md.annotations).length ? { annotations: { ...md.annotations } } : {}),
      ...(md.finalizers && md.finalizers.length ? { finalizers: [...md.finalizers] } : {}),
      ownerReferences: [newControllerRef({
        apiVersion: STATEFULSET_KIND.apiVersion, kind: STATEFULSET_KIND.kind,
        name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '',
      })],
    },
    spec: structuredClone(t.spec ?? { containers: [] }),
  };
  return pod;
}

/**
 * `newStatefulSetPod(set, ordinal)`: `GetPodFromTemplate` with the set's ControllerRef
 * (`apps/v1 StatefulSet`, controller, blockOwnerDeletion), name `<set>-<ordinal>`, `initIdentity`,
 * `updateStorage`.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, gates?: StatefulSetGates): Pod {
  const pod = getPodFromTemplate(set);
  pod.metadata!.name = getPodName(set, ordinal);
  return updateStorage(set, initIdentity(set, pod, gates));
}

/**
 * `newVersionedStatefulSetPod(currentSet, updateSet, currentRevision, updateRevision, ordinal)`:
 * the pod for an empty slot is built from the CURRENT revision when
 * `(type == RollingUpdate && rollingUpdate == nil && ordinal < start + status.currentReplicas)
 *  || (rollingUpdate != nil && ordinal < start + partition)` (Go precedence: the type test only
 * guards the first disjunct), otherwise from the UPDATE revision; either way labelled with that
 * revision's name. So below the partition a recreated pod keeps the old template; with OnDelete it
 * always gets the new one.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number, gates?: StatefulSetGates,
): Pod {
  const us = currentSet.spec?.updateStrategy;
  const start = getStartOrdinal(currentSet);
  const useCurrent =
    (us?.type === ROLLING_UPDATE && us.rollingUpdate == null && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (us?.rollingUpdate != null && ordinal < start + (us.rollingUpdate.partition ?? 0));
  return useCurrent ? versionedPod(currentSet, ordinal, gates, currentRevision) : versionedPod(updateSet, ordinal, gates, updateRevision);
}

/**
 * The pod of `ordinal` at `revision`, memoised: a sync builds the pod of every missing ordinal
 * (upstream does too), so an OrderedReady scale-up of N would otherwise build O(N²) pods. The pod
 * depends only on the set's identity, the revision (content-addressed: it names the template) and
 * the ordinal — claim templates and serviceName are immutable. Callers never mutate it.
 */
const podMemo = new Map<string, Pod>();
const POD_MEMO_LIMIT = 50_000;

function versionedPod(set: StatefulSet, ordinal: number, gates: StatefulSetGates | undefined, revision: string): Pod {
  const md = set.metadata ?? {};
  const key = `${md.namespace}/${md.name}/${md.uid}|${revision}|${ordinal}|${gates ? JSON.stringify(gates) : ''}`;
  let pod = podMemo.get(key);
  if (!pod) {
    pod = setPodRevision(newStatefulSetPod(set, ordinal, gates), revision);
    if (podMemo.size >= POD_MEMO_LIMIT) podMemo.clear();
    podMemo.set(key, pod);
  }
  return pod;
}

/** `ascendingOrdinal.Less`: by ordinal (unparsable, -1, first). Use with a stable sort. */
export function ascendingOrdinal(a: Named, b: Named): number {
  return getOrdinal(a) - getOrdinal(b);
}

/** `descendingOrdinal.Less`: highest ordinal first (unparsable last). */
export function descendingOrdinal(a: Named, b: Named): number {
  return getOrdinal(b) - getOrdinal(a);
}

// ---------------------------------------------------------------------------------------------
// Pod predicates (stateful_set_utils.go)
// ---------------------------------------------------------------------------------------------

const phaseOf = (pod: Pod): string => pod.status?.phase ?? '';

/** `isRunningAndReady`: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return phaseOf(pod) === 'Running' && isPodReady(pod);
}

/** `isRunningAndAvailable(pod, minReadySeconds)` = `podutil.IsPodAvailable(pod, minReadySeconds, now)` (the phase is NOT checked). */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** `isCreated`: `status.phase != ""` (a pod built in memory for an empty slot has no phase). */
export function isCreated(pod: Pod): boolean {
  return phaseOf(pod) !== '';
}

/** `isPending`. */
export function isPending(pod: Pod): boolean {
  return phaseOf(pod) === 'Pending';
}

/** `isFailed`. */
export function isFailed(pod: Pod): boolean {
  return phaseOf(pod) === 'Failed';
}

/** `isSucceeded`. */
export function isSucceeded(pod: Pod): boolean {
  return phaseOf(pod) === 'Succeeded';
}

/** `isTerminating`: `deletionTimestamp != nil`. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp != null;
}

/** `isHealthy` (1.32): running and ready and not terminating — minReadySeconds plays no part. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/**
 * `isUnavailable(pod, minReadySeconds)` — NOT in 1.32: added by PR #130909 ("Fix
 * StatefulSetMinReadySeconds healthy concept", merged 2025, after 1.32), which replaced
 * `!isHealthy` by it in the first-unhealthy search, the rolling-update wait and the maxUnavailable
 * count: `!isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds)`. The body is inferred
 * from the PR's intent (the function itself was not read); used only with
 * `SyncOptions.availabilityAwareHealth`.
 */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return !isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds, now);
}
