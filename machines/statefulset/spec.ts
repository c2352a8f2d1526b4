/**
 * StatefulSet constants, API defaults and the spec accessors the controller reads, as pure
 * functions over `kubernetes-types` objects (nothing here mutates its input).
 *
 * Upstream (kubernetes/kubernetes, read for this module):
 *  - pkg/apis/apps/v1/defaults.go                     SetDefaults_StatefulSet
 *  - staging/src/k8s.io/api/apps/v1/types.go           label keys, strategy / policy type names
 *  - pkg/controller/statefulset/stateful_set_utils.go  allowsBurst, getStatefulSetMaxUnavailable
 *  - pkg/controller/statefulset/stateful_set.go        controllerKind (apps/v1 StatefulSet)
 *
 * Feature gates as of Kubernetes 1.32 (the version this simulator follows):
 *  - StatefulSetAutoDeletePVC (persistentVolumeClaimRetentionPolicy): GA in 1.32, always on here.
 *  - StatefulSetStartOrdinal (spec.ordinals.start): GA since 1.31, always on here.
 *  - PodIndexLabel (`apps.kubernetes.io/pod-index`): beta 1.28, GA (locked on) in 1.32 — read in
 *    pkg/features/versioned_kube_features.go; an option can still drop it.
 *  - MaxUnavailableStatefulSet (rollingUpdate.maxUnavailable): ALPHA since 1.24, OFF by default in
 *    1.32 (versioned_kube_features.go). A later gate list has it beta + on at 1.35; a kubernetes/website
 *    PR (#56128) says it was turned back off and is on by default from 1.37. Callers opt in with
 *    {@link StatefulSetGates}.
 */
import type { StatefulSet, StatefulSetPersistentVolumeClaimRetentionPolicy } from 'kubernetes-types/apps/v1.d.ts';
import { getScaledValueFromIntOrPercent, type IntOrString } from '../deployment/fenceposts.ts';

/** `apps.StatefulSetPodNameLabel`. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** `apps.PodIndexLabel` (gate PodIndexLabel). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** `apps.StatefulSetRevisionLabel` = `apps.ControllerRevisionHashLabelKey`: the pod's ControllerRevision NAME. */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';

export const ORDERED_READY = 'OrderedReady';
export const PARALLEL = 'Parallel';
export const ROLLING_UPDATE = 'RollingUpdate';
export const ON_DELETE = 'OnDelete';
export const RETAIN = 'Retain';
export const DELETE = 'Delete';

/** `controllerKind = apps.SchemeGroupVersion.WithKind("StatefulSet")`. */
export const STATEFULSET_KIND = { apiVersion: 'apps/v1', kind: 'StatefulSet' } as const;
/** `podKind = v1.SchemeGroupVersion.WithKind("Pod")` (stateful_set_utils.go). */
export const POD_KIND = { apiVersion: 'v1', kind: 'Pod' } as const;

/** stateful_set_control.go `MaxBatchSize`: the cap on a Parallel slow-start batch. */
export const MAX_BATCH_SIZE = 500;

/** Feature gates the controller consults; defaults are Kubernetes 1.32's. */
export interface StatefulSetGates {
  /** MaxUnavailableStatefulSet — alpha, default false in 1.32. */
  maxUnavailableStatefulSet?: boolean;
  /** PodIndexLabel — GA, default true in 1.32. */
  podIndexLabel?: boolean;
}

export const GATES_1_32: Required<StatefulSetGates> = { maxUnavailableStatefulSet: false, podIndexLabel: true };

export function gatesWithDefaults(g: StatefulSetGates | undefined): Required<StatefulSetGates> {
  return { ...GATES_1_32, ...(g ?? {}) };
}

/**
 * pkg/apis/apps/v1/defaults.go `SetDefaults_StatefulSet` (returns a defaulted copy):
 *  - podManagementPolicy `OrderedReady`;
 *  - updateStrategy.type `RollingUpdate`, and `rollingUpdate: {}` ONLY when the type was empty
 *    (an explicit `type: RollingUpdate` without a block keeps `rollingUpdate` nil);
 *  - for RollingUpdate with a block: partition 0, and (gate MaxUnavailableStatefulSet) maxUnavailable 1;
 *  - persistentVolumeClaimRetentionPolicy `{whenDeleted: Retain, whenScaled: Retain}` (each empty
 *    field filled; gate StatefulSetAutoDeletePVC, GA);
 *  - replicas 1, revisionHistoryLimit 10.
 * The pod-template defaults (SetDefaults_PodSpec …) are the generic defaulter's, not done here:
 * src/manifest/defaults.ts calls this for every StatefulSet it admits, adds those, and drops
 * `rollingUpdate.maxUnavailable` while the gate is off (the registry strategy's PrepareForCreate).
 */
export function setDefaultsStatefulSet(set: StatefulSet, gates?: StatefulSetGates): StatefulSet {
  const g = gatesWithDefaults(gates);
  const out: StatefulSet = structuredClone(set);
  const spec = (out.spec ??= {} as NonNullable<StatefulSet['spec']>);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = ORDERED_READY;
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = ROLLING_UPDATE;
    if (us.rollingUpdate == null) us.rollingUpdate = {};
  }
  if (us.type === ROLLING_UPDATE && us.rollingUpdate != null) {
    if (us.rollingUpdate.partition == null) us.rollingUpdate.partition = 0;
    if (g.maxUnavailableStatefulSet && us.rollingUpdate.maxUnavailable == null) us.rollingUpdate.maxUnavailable = 1;
  }
  const p = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!p.whenDeleted) p.whenDeleted = RETAIN;
  if (!p.whenScaled) p.whenScaled = RETAIN;
  if (spec.replicas == null) spec.replicas = 1;
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  return out;
}

/** `*set.Spec.Replicas` (nil → the API default 1). */
export function setReplicas(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** `set.Spec.MinReadySeconds`. */
export function minReadySeconds(set: StatefulSet): number {
  return set.spec?.minReadySeconds ?? 0;
}

/** `*set.Spec.RevisionHistoryLimit` (nil → the API default 10). */
export function revisionHistoryLimit(set: StatefulSet): number {
  return set.spec?.revisionHistoryLimit ?? 10;
}

/** `set.Spec.UpdateStrategy.Type` as stored ('' when absent; the API defaults it to RollingUpdate). */
export function updateStrategyType(set: StatefulSet): string {
  return set.spec?.updateStrategy?.type ?? '';
}

/**
 * The partition the controller uses: `*rollingUpdate.partition` when `rollingUpdate` is set (nil
 * partition read as 0 — the API always defaults it), else 0 (`updateMin := 0`).
 */
export function partition(set: StatefulSet): number {
  return set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
}

/** stateful_set_utils.go `allowsBurst`: `podManagementPolicy == Parallel`. Monotonic = !allowsBurst. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === PARALLEL;
}

/**
 * stateful_set_utils.go `getPersistentVolumeClaimRetentionPolicy`: the set's policy, or
 * Retain/Retain when it is nil. (A policy object with an empty field is returned as is; upstream's
 * ownerRef switch then treats an unknown combination as Retain — see retention.ts.)
 */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): StatefulSetPersistentVolumeClaimRetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return p ? { ...p } : { whenDeleted: RETAIN, whenScaled: RETAIN };
}

/**
 * stateful_set_utils.go `getStatefulSetMaxUnavailable(maxUnavailable, replicaCount)`:
 * `GetScaledValueFromIntOrPercent(ValueOrDefault(maxUnavailable, 1), replicas, roundUp=false)`,
 * then at least 1 ("maxUnavailable might be zero for small percentage with round down"). Throws
 * the intstr error for a malformed string (upstream returns it and the sync fails).
 */
export function getStatefulSetMaxUnavailable(maxUnavailable: IntOrString | null | undefined, replicaCount: number): number {
  const n = getScaledValueFromIntOrPercent(maxUnavailable ?? 1, replicaCount, false);
  return n < 1 ? 1 : n;
}
