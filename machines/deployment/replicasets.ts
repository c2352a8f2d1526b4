/**
 * ReplicaSet bookkeeping the Deployment controller shares between its phases: orderings
 * (controller_utils.go), revision and replica annotations, new/old selection, saturation.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deploymentReplicas, goParseInt, rsReplicas } from './fenceposts.ts';
import { equalIgnoreHash } from './hash.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** `apps.DeprecatedRollbackTo`. */
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** A `metav1.Time` as ms; a missing or unparsable stamp is Go's zero time (earliest). */
function creationMs(rs: ReplicaSet): number {
  const t = rs.metadata?.creationTimestamp;
  if (!t) return -Infinity;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? -Infinity : ms;
}

function nameOf(rs: ReplicaSet): string {
  return rs.metadata?.name ?? '';
}

/** controller_utils.go `ReplicaSetsByCreationTimestamp.Less`: older first, tie → name ascending. */
export function compareByCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = creationMs(a);
  const tb = creationMs(b);
  if (ta === tb) return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
  return ta < tb ? -1 : 1;
}

/** controller_utils.go `ReplicaSetsBySizeOlder`: larger first, tie → older first. */
export function compareBySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  const d = rsReplicas(b) - rsReplicas(a);
  return d !== 0 ? d : compareByCreationTimestamp(a, b);
}

/** controller_utils.go `ReplicaSetsBySizeNewer`: larger first, tie → newer first. */
export function compareBySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  const d = rsReplicas(b) - rsReplicas(a);
  return d !== 0 ? d : compareByCreationTimestamp(b, a);
}

/**
 * deployment_util.go `Revision(obj)`: the `deployment.kubernetes.io/revision` annotation as an
 * int64; 0 when absent; `null` when it does not parse (upstream's error case).
 */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | null | undefined): number | null {
  const v = obj?.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  const p = goParseInt(v);
  return 'error' in p ? null : p.value;
}

/**
 * deployment_util.go `ReplicaSetsByRevision.Less`: revision ascending; equal or unparsable
 * revisions fall back to creation timestamp (then name).
 */
export function compareByRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === null || rb === null || ra === rb) return compareByCreationTimestamp(a, b);
  return ra - rb;
}

/** A sorted copy (JS sort is stable; upstream's orders are total given distinct names). */
export function sortedBy<T>(items: ReadonlyArray<T>, cmp: (a: T, b: T) => number): T[] {
  return [...items].sort(cmp);
}

/** controller_utils.go `FilterActiveReplicaSets`: non-nil with spec.replicas > 0. */
export function filterActiveReplicaSets(rss: ReadonlyArray<ReplicaSet | null | undefined>): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && rsReplicas(rs) > 0);
}

/**
 * deployment_util.go `getNonNegativeInt32FromAnnotation`: decimal digits only (no sign), at
 * most MaxInt32; anything else (missing, "-1", "x", 2147483648) is not usable.
 */
export function nonNegativeInt32Annotation(rs: ReplicaSet, key: string): number | null {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[0-9]+$/.test(v)) return null;
  const n = BigInt(v);
  return n > 2147483647n ? null : Number(n);
}

/** deployment_util.go `GetDesiredReplicasAnnotation`. */
export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | null {
  return nonNegativeInt32Annotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

/** deployment_util.go `getMaxReplicasAnnotation`. */
export function getMaxReplicasAnnotation(rs: ReplicaSet): number | null {
  return nonNegativeInt32Annotation(rs, MAX_REPLICAS_ANNOTATION);
}

/**
 * deployment_util.go `ReplicasAnnotationsNeedUpdate(rs, desired, max)`: whether
 * `desired-replicas` / `max-replicas` differ from the given values (as `%d` strings).
 */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations;
  if (!a) return true;
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * deployment_util.go `SetReplicasAnnotations(rs, desired, max)` as a pure function: the RS's
 * annotations with `desired-replicas` / `max-replicas` set, and whether anything changed.
 */
export function setReplicasAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  desired: number,
  max: number,
): { annotations: Record<string, string>; updated: boolean } {
  const out = { ...(annotations ?? {}) };
  let updated = false;
  if (out[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    out[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    updated = true;
  }
  if (out[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    out[MAX_REPLICAS_ANNOTATION] = String(max);
    updated = true;
  }
  return { annotations: out, updated };
}

/**
 * deployment_util.go `IsSaturated(deployment, rs)`: the RS owns all desired replicas — its
 * spec and its desired-replicas annotation (parsed with `strconv.Atoi`) equal the Deployment's
 * replicas, and that many of its pods are available.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | null | undefined): boolean {
  if (!rs) return false;
  const desired = goParseInt(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? '', 'Atoi');
  if ('error' in desired) return false;
  const replicas = deploymentReplicas(d);
  return rsReplicas(rs) === replicas && desired.value === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * deployment_util.go `FindActiveOrLatest(newRS, oldRSs)`: the only active RS; with none active,
 * the new RS or else the newest old one; `null` when several are active (proportional scaling).
 */
export function findActiveOrLatest(newRS: ReplicaSet | null | undefined, oldRSs: ReadonlyArray<ReplicaSet>): ReplicaSet | null {
  if (!newRS && oldRSs.length === 0) return null;
  const newestFirst = sortedBy(oldRSs, (a, b) => compareByCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0] ?? null;
  if (active.length === 1) return active[0]!;
  return null;
}

/**
 * deployment_util.go `FindNewReplicaSet(deployment, rsList)`: the OLDEST RS (creation
 * timestamp, then name) whose template equals the Deployment's ignoring `pod-template-hash`.
 */
export function findNewReplicaSet(d: Deployment, rsList: ReadonlyArray<ReplicaSet>): ReplicaSet | null {
  for (const rs of sortedBy(rsList, compareByCreationTimestamp)) {
    if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) return rs;
  }
  return null;
}

/**
 * deployment_util.go `FindOldReplicaSets(deployment, rsList)`: every RS but the new one
 * (`all`), and those of them with spec.replicas ≠ 0 (`active`), in `rsList` order.
 */
export function findOldReplicaSets(d: Deployment, rsList: ReadonlyArray<ReplicaSet>): { active: ReplicaSet[]; all: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const all: ReplicaSet[] = [];
  const active: ReplicaSet[] = [];
  for (const rs of rsList) {
    if (newRS && (rs === newRS || (rs.metadata?.uid !== undefined && rs.metadata.uid === newRS.metadata?.uid))) continue;
    all.push(rs);
    if (rsReplicas(rs) !== 0) active.push(rs);
  }
  return { active, all };
}
