/**
 * Deployment rollout arithmetic, part 1: int-or-percent scaling, fenceposts and the new
 * ReplicaSet's size. Pure functions over `kubernetes-types` objects; nothing here mutates its
 * inputs. Errors are thrown as `IntOrStringError` / `Error` with upstream's exact text.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { goQuote } from '../../src/manifest/errors.ts';

export type IntOrString = number | string;

export const ROLLING_UPDATE = 'RollingUpdate';
export const RECREATE = 'Recreate';
/** `math.MaxInt32`: "unlimited" for progressDeadlineSeconds / revisionHistoryLimit. */
export const MAX_INT32 = 2147483647;

export class IntOrStringError extends Error {}

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/**
 * Go `strconv.ParseInt(s, 10, 64)` / `strconv.Atoi` (64-bit int): an optional sign then decimal
 * digits. Returns the value or the error text Go prints (`strconv.Atoi: parsing "x": invalid
 * syntax`, `... value out of range`). Values beyond 2^53 lose precision as JS numbers.
 */
export function goParseInt(s: string, fn: 'Atoi' | 'ParseInt' = 'ParseInt'): { value: number } | { error: string } {
  const name = `strconv.${fn}`;
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `${name}: parsing ${goQuote(s)}: invalid syntax` };
  const big = BigInt(s);
  if (big > I64_MAX || big < I64_MIN) return { error: `${name}: parsing ${goQuote(s)}: value out of range` };
  return { value: Number(big) };
}

/** Go `%q` (strconv.Quote): the one the manifest errors use. */
export { goQuote };

// apimachinery pkg/util/intstr: getIntOrPercentValueSafely
function intOrPercentValueSafely(v: IntOrString): { value: number; isPercent: boolean } {
  if (typeof v === 'number') return { value: Math.trunc(v), isPercent: false };
  if (typeof v !== 'string') throw new IntOrStringError('invalid type: neither int nor percentage');
  if (!v.endsWith('%')) throw new IntOrStringError('invalid type: string is not a percentage');
  const parsed = goParseInt(v.slice(0, -1), 'Atoi');
  if ('error' in parsed) throw new IntOrStringError(`invalid value ${goQuote(v)}: ${parsed.error}`);
  return { value: parsed.value, isPercent: true };
}

/**
 * apimachinery `intstr.GetScaledValueFromIntOrPercent(intOrPercent, total, roundUp)`: an int is
 * itself; `"N%"` is `ceil(N*total/100)` (roundUp) or `floor(...)`. `undefined`/`null` (Go nil)
 * throws "nil value for IntOrString"; a string without a trailing `%` throws
 * "invalid value for IntOrString: invalid type: string is not a percentage".
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new IntOrStringError('nil value for IntOrString');
  let parsed: { value: number; isPercent: boolean };
  try {
    parsed = intOrPercentValueSafely(v);
  } catch (e) {
    throw new IntOrStringError(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!parsed.isPercent) return parsed.value;
  const raw = (parsed.value * total) / 100; // float64(value) * float64(total) / 100
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

export interface Fenceposts {
  surge: number;
  unavailable: number;
}

/**
 * deployment_util.go `ResolveFenceposts(maxSurge, maxUnavailable, desired)`: surge rounds up,
 * unavailable rounds down, a missing value counts as 0 (`intstr.ValueOrDefault(.., 0)`), and if
 * both resolve to 0 unavailable becomes 1 so a rollout can always progress. Throws on a bad
 * string (the upstream error).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined | null, maxUnavailable: IntOrString | undefined | null, desired: number): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** `*deployment.Spec.Replicas` (API default 1). */
export function deploymentReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

/** `*rs.Spec.Replicas` (API default 1). */
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

/** deployment_util.go `IsRollingUpdate`. */
export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === ROLLING_UPDATE;
}

/** ResolveFenceposts with errors swallowed as upstream's wrappers do ("Error caught by validation"). */
function fenceposts(d: Deployment): Fenceposts {
  const ru = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, deploymentReplicas(d));
  } catch {
    return { surge: 0, unavailable: 0 };
  }
}

/** deployment_util.go `MaxSurge(deployment)`: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d).surge;
}

/**
 * deployment_util.go `MaxUnavailable(deployment)`: 0 unless RollingUpdate or when replicas is
 * 0; otherwise the resolved value clamped to replicas.
 */
export function maxUnavailable(d: Deployment): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const { unavailable } = fenceposts(d);
  return unavailable > replicas ? replicas : unavailable;
}

/** deployment_util.go `MinAvailable(deployment)`: replicas − MaxUnavailable; 0 unless RollingUpdate. */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return deploymentReplicas(d) - maxUnavailable(d);
}

/** deployment_util.go `GetReplicaCountForReplicaSets`: Σ spec.replicas (nil entries skipped). */
export function getReplicaCountForReplicaSets(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsReplicas(rs);
  return n;
}

/** deployment_util.go `GetActualReplicaCountForReplicaSets`: Σ status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.replicas ?? 0;
  return n;
}

/** deployment_util.go `GetReadyReplicaCountForReplicaSets`: Σ status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.readyReplicas ?? 0;
  return n;
}

/** deployment_util.go `GetAvailableReplicaCountForReplicaSets`: Σ status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.availableReplicas ?? 0;
  return n;
}

/**
 * deployment_util.go `NewRSNewReplicas(deployment, allRSs, newRS)`: how many replicas the new
 * RS should have now. RollingUpdate: `maxSurge` is scaled from the RAW field (not via
 * ResolveFenceposts; a missing value throws "nil value for IntOrString"); with
 * `current = Σ spec.replicas(allRSs)` and `maxTotal = replicas + maxSurge`, the new RS stays put
 * when `current >= maxTotal`, else grows by `min(maxTotal − current, replicas − newRS)`.
 * Recreate: `replicas`. Any other type throws `deployment type X isn't supported`.
 * `allRSs` must include `newRS` (a brand-new RS counts with its planned 0).
 */
export function newRSNewReplicas(d: Deployment, allRSs: ReadonlyArray<ReplicaSet | null | undefined>, newRS: ReplicaSet): number {
  const replicas = deploymentReplicas(d);
  const type = d.spec?.strategy?.type;
  switch (type) {
    case ROLLING_UPDATE: {
      const surge = getScaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas, true);
      const currentPodCount = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicas + surge;
      const newReplicas = rsReplicas(newRS);
      if (currentPodCount >= maxTotalPods) return newReplicas;
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - newReplicas);
      return newReplicas + scaleUpCount;
    }
    case RECREATE:
      return replicas;
    default:
      throw new Error(`deployment type ${type ?? ''} isn't supported`);
  }
}
