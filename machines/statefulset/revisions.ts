/**
 * StatefulSet ControllerRevisions: the revision data (a strategic-merge patch that replaces
 * `spec.template`), its hash and name, revision ordering and equality, the current/update revision
 * selection of a sync, and history truncation. Pure: functions return the objects / decisions
 * the controller would write instead of writing them.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/statefulset/stateful_set_utils.go   getPatch, newRevision, ApplyRevision, nextRevision
 *  - pkg/controller/statefulset/stateful_set_control.go getStatefulSetRevisions, truncateHistory
 *  - pkg/controller/history/controller_history.go       ControllerRevisionHashLabel, ControllerRevisionName,
 *      NewControllerRevision, HashControllerRevision, SortControllerRevisions (byRevision),
 *      EqualRevision, FindEqualRevisions, realHistory.CreateControllerRevision (collision loop)
 *  - pkg/controller/statefulset/stateful_set_compatibility_test.go: the test vector (raw data →
 *      `test-c77f6d978`) reproduced in test/machines/statefulset/revisions.test.ts
 *
 * The hash is upstream's, byte for byte: `HashControllerRevision` uses `fnv.New32()` — FNV-1, NOT
 * the FNV-1a of ComputeHash (machines/deployment/hash.ts) — over `Data.Raw`, then writes the
 * collision count as DECIMAL TEXT (`strconv.FormatInt`), not as bytes; the StatefulSet always
 * passes a non-nil count, so "0" is hashed even before any collision. `Sum32()` is rendered in
 * decimal through `SafeEncodeString`.
 *
 * `Data.Raw` is Go's `json.Marshal` of a `map[string]interface{}` (getPatch round-trips the set
 * through the apps/v1 codec, then re-marshals): keys sorted at every level, HTML characters
 * escaped. {@link goJsonMarshal} reproduces that. The codec step also emits what Go's encoder
 * emits for zero struct values — `metadata.creationTimestamp: null` and `resources: {}` on every
 * container — which {@link getPatch} adds; every other default (imagePullPolicy, dnsPolicy …) must
 * already be in the stored template (the API server's defaulting), so names match a real cluster
 * only for a fully defaulted template.
 *
 * The label on a ControllerRevision is `controller.kubernetes.io/hash: <hash>`; the label on pods
 * is `controller-revision-hash: <revision NAME>` (`<set>-<hash>`), see identity.ts.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { safeEncodeString } from '../deployment/hash.ts';
import { newControllerRef } from '../replicaset/claim.ts';
import { getPodRevision } from './identity.ts';
import { revisionHistoryLimit, STATEFULSET_KIND } from './spec.ts';

/** history.ControllerRevisionHashLabel. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** `hash/fnv.New32()`: FNV-1 (multiply, then xor), 32-bit, continuing from `seed`. */
export function fnv1_32(bytes: Uint8Array, seed: number = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, FNV32_PRIME) >>> 0;
    h = (h ^ bytes[i]!) >>> 0;
  }
  return h >>> 0;
}

const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Go `json.Marshal` of a value decoded into `interface{}`: object keys sorted (byte order; the
 * API's keys are ASCII), `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c` … (SetEscapeHTML is
 * on by default), `undefined` members dropped. Numbers print as JS prints them, which equals Go's
 * float64 formatting for the integers found in API objects.
 */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map((v) => goJsonMarshal(v)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return '{' + keys.map((k) => goString(k) + ':' + goJsonMarshal(obj[k])).join(',') + '}';
}

const encoder = new TextEncoder();

/** Zero-value struct fields Go's encoder writes despite `omitempty`: `resources: {}` on each (init/ephemeral) container. */
function withGoZeroStructs(spec: Record<string, unknown>): Record<string, unknown> {
  const fix = (list: unknown) =>
    Array.isArray(list) ? list.map((c) => (c && typeof c === 'object' && (c as Record<string, unknown>).resources == null ? { ...c, resources: {} } : c)) : list;
  const out = { ...spec };
  for (const k of ['containers', 'initContainers', 'ephemeralContainers']) if (out[k] !== undefined) out[k] = fix(out[k]);
  return out;
}

/**
 * stateful_set_utils.go `getPatch(set)` as an object: `{"spec":{"template":{…template,
 * "$patch":"replace"}}}`, with the codec's `creationTimestamp: null` in the template metadata
 * (unless it has a timestamp) and `resources: {}` on containers lacking one. Other spec fields are
 * not recorded: a revision is the pod template only.
 */
export function getPatch(set: StatefulSet): { spec: { template: Record<string, unknown> } } {
  const t: PodTemplateSpec = structuredClone(set.spec?.template ?? {});
  const metadata = { creationTimestamp: null, ...(t.metadata ?? {}) };
  const spec = withGoZeroStructs((t.spec ?? { containers: [] }) as unknown as Record<string, unknown>);
  return { spec: { template: { ...t, $patch: 'replace', metadata, spec } } };
}

/** `Data.Raw` of a revision: the Go JSON of its data (for revisions built here, the bytes upstream would store). */
export function revisionRaw(revision: ControllerRevision): string {
  return goJsonMarshal(revision.data ?? null);
}

/**
 * history.go `HashControllerRevision(revision, probe)`: FNV-1 32 over the raw data, then (probe
 * set) the probe's decimal text; `SafeEncodeString` of the decimal sum.
 */
export function hashControllerRevision(raw: string, probe?: number | null): string {
  let h = raw.length > 0 ? fnv1_32(encoder.encode(raw)) : FNV32_OFFSET;
  if (probe !== undefined && probe !== null) h = fnv1_32(encoder.encode(String(Math.trunc(probe))), h);
  return safeEncodeString(String(h));
}

/** history.go `ControllerRevisionName(prefix, hash)`: `<prefix>-<hash>`, the prefix cut to 223 bytes (names stay ≤ 253). */
export function controllerRevisionName(prefix: string, hash: string): string {
  const p = encoder.encode(prefix).length > 223 ? new TextDecoder().decode(encoder.encode(prefix).slice(0, 223)) : prefix;
  return `${p}-${hash}`;
}

/**
 * stateful_set_utils.go `newRevision(set, revision, collisionCount)` via history
 * `NewControllerRevision`: data = getPatch(set); labels = the TEMPLATE's labels plus
 * `controller.kubernetes.io/hash`; the set's annotations copied (so `kubernetes.io/change-cause`
 * reaches `kubectl rollout history`; an empty map is left out, as JSON omits it); a ControllerRef
 * to the set; name `<set>-<hash>` with the hash of the data and `collisionCount`. The namespace
 * (set by the create call upstream) is the set's. On a name collision CreateControllerRevision
 * renames the object but keeps this first hash in the label, as upstream does.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = getPatch(set);
  const hash = hashControllerRevision(goJsonMarshal(data), collisionCount);
  const name = controllerRevisionName(set.metadata?.name ?? '', hash);
  const md: NonNullable<ControllerRevision['metadata']> = {
    name,
    labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
    ...(set.metadata?.annotations && Object.keys(set.metadata.annotations).length ? { annotations: { ...set.metadata.annotations } } : {}),
    ownerReferences: [newControllerRef({ apiVersion: STATEFULSET_KIND.apiVersion, kind: STATEFULSET_KIND.kind, name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '' })],
  };
  if (set.metadata?.namespace !== undefined) md.namespace = set.metadata.namespace;
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: md, data, revision };
}

/** Rename a revision built by {@link newRevision} for another collision count (what CreateControllerRevision's retry does). */
function renamed(cr: ControllerRevision, prefix: string, collisionCount: number): ControllerRevision {
  const hash = hashControllerRevision(revisionRaw(cr), collisionCount);
  return { ...cr, metadata: { ...cr.metadata, name: controllerRevisionName(prefix, hash) } };
}

/**
 * stateful_set_utils.go `ApplyRevision(set, revision)`: the set with the revision's patch
 * applied. The patch's `$patch: replace` makes the strategic merge replace `spec.template`
 * wholesale; nothing else changes. (The codec's `creationTimestamp: null` is dropped again.)
 */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const out = structuredClone(set);
  const tpl = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!tpl) return out;
  const { $patch: _directive, ...template } = structuredClone(tpl);
  const md = template.metadata as Record<string, unknown> | undefined;
  if (md && md.creationTimestamp === null) delete md.creationTimestamp;
  out.spec = { ...(out.spec as NonNullable<StatefulSet['spec']>), template: template as PodTemplateSpec };
  return out;
}

const timeOf = (cr: ControllerRevision): number => {
  const t = cr.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
};

/**
 * history.go `byRevision.Less`: by `revision`; ties by creation time (older first), then name.
 * Use with a stable sort ({@link sortControllerRevisions}).
 */
export function compareRevisions(a: ControllerRevision, b: ControllerRevision): number {
  if (a.revision !== b.revision) return a.revision - b.revision;
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta === tb) {
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return ta < tb ? -1 : 1;
}

/** history.go `SortControllerRevisions` (`sort.Stable(byRevision)`), returning a sorted copy. */
export function sortControllerRevisions(revisions: ReadonlyArray<ControllerRevision>): ControllerRevision[] {
  return [...revisions].sort(compareRevisions);
}

/** stateful_set_utils.go `nextRevision(revisions)`: 1 for none, else the last (highest) `revision` + 1. Expects sorted input. */
export function nextRevision(sorted: ReadonlyArray<ControllerRevision>): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1]!.revision + 1;
}

/** `strconv.ParseInt(hs, 10, 32)` of a hash label, as EqualRevision reads it (null when it does not parse). */
function parsedHashLabel(cr: ControllerRevision): number | null {
  const hs = cr.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  if (hs === undefined || !/^[+-]?[0-9]+$/.test(hs)) return null;
  const n = Number(hs);
  return n >= -2147483648 && n <= 2147483647 ? n >>> 0 : null;
}

/**
 * history.go `EqualRevision(lhs, rhs)`: both nil → true, one nil → false; if BOTH hash labels
 * parse as decimal int32 and differ → false (safe-encoded hashes usually contain letters, so this
 * rarely applies); else the raw data must be byte-equal. (`Data.Object` is never set for
 * StatefulSet revisions.)
 */
export function equalRevision(lhs: ControllerRevision | null | undefined, rhs: ControllerRevision | null | undefined): boolean {
  if (!lhs || !rhs) return lhs == rhs;
  const lh = parsedHashLabel(lhs);
  const rh = parsedHashLabel(rhs);
  if (lh !== null && rh !== null && lh !== rh) return false;
  return revisionRaw(lhs) === revisionRaw(rhs);
}

/** history.go `FindEqualRevisions(revisions, needle)` (input order kept). */
export function findEqualRevisions(revisions: ReadonlyArray<ControllerRevision>, needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

export interface CreateRevisionResult {
  /** The revision to create, or — when one of that name already holds the same data — the existing one. */
  revision: ControllerRevision;
  /** False when an existing object was returned instead of creating one. */
  create: boolean;
  /** The collision count after the retries (`*collisionCount++` per name taken by other data). */
  collisionCount: number;
}

/**
 * history.go `realHistory.CreateControllerRevision(parent, revision, collisionCount)`: name the
 * revision with the hash for the current count; if that name is taken (`existing`: every
 * ControllerRevision in the namespace, whoever owns it) by an object with the same raw data,
 * return that object; if by other data, bump the count and retry.
 */
export function createControllerRevision(
  set: StatefulSet, revision: ControllerRevision, collisionCount: number,
  existing: ReadonlyMap<string, ControllerRevision> | ReadonlyArray<ControllerRevision>,
): CreateRevisionResult {
  const byName = Array.isArray(existing)
    ? new Map((existing as ReadonlyArray<ControllerRevision>).map((r) => [r.metadata?.name ?? '', r]))
    : (existing as ReadonlyMap<string, ControllerRevision>);
  const prefix = set.metadata?.name ?? '';
  let count = collisionCount;
  for (let attempt = 0; ; attempt++) {
    const clone = renamed(revision, prefix, count);
    const taken = byName.get(clone.metadata!.name!);
    if (!taken) return { revision: clone, create: true, collisionCount: count };
    if (revisionRaw(taken) === revisionRaw(clone)) return { revision: taken, create: false, collisionCount: count };
    count++;
    if (attempt > byName.size) throw new Error('collision loop did not terminate'); // cannot happen: each name is taken once
  }
}

export type RevisionAction =
  /** The newest existing revision already equals the set's template: nothing to write. */
  | { type: 'none' }
  /** An OLDER revision equals the template (a rollback): UpdateControllerRevision bumps its `revision` to the next number. */
  | { type: 'bump'; revision: ControllerRevision; from: number; to: number }
  /** No equal revision: create this one (or adopt `create: false` — an identical object already had the name). */
  | { type: 'create'; revision: ControllerRevision; create: boolean };

export interface StatefulSetRevisions {
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  /** The collision count to store in `status.collisionCount`. */
  collisionCount: number;
  action: RevisionAction;
}

/**
 * stateful_set_control.go `getStatefulSetRevisions(set, revisions)`:
 *  - the candidate is `newRevision(set, nextRevision(revisions), status.collisionCount ?? 0)`;
 *  - if the LAST revision (by number) equals it, that revision is the update revision;
 *  - else if an older one equals it, the newest such one is bumped to the next number (rollback);
 *  - else the candidate is created (CreateControllerRevision's collision loop over `existing`,
 *    default: `revisions`);
 *  - the current revision is the one named by `status.currentRevision` (looked up in the list as
 *    passed in), or the update revision when there is none.
 * `revisions` are the set's revisions (ListControllerRevisions: selector match and owned by the
 * set or orphaned); they are sorted here.
 */
export function getStatefulSetRevisions(
  set: StatefulSet,
  revisions: ReadonlyArray<ControllerRevision>,
  existing?: ReadonlyMap<string, ControllerRevision> | ReadonlyArray<ControllerRevision>,
): StatefulSetRevisions {
  const sorted = sortControllerRevisions(revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  const candidate = newRevision(set, nextRevision(sorted), collisionCount);
  const equal = findEqualRevisions(sorted, candidate);
  let updateRevision: ControllerRevision;
  let action: RevisionAction;
  if (equal.length > 0 && equalRevision(sorted[sorted.length - 1], equal[equal.length - 1])) {
    updateRevision = sorted[sorted.length - 1]!;
    action = { type: 'none' };
  } else if (equal.length > 0) {
    const old = equal[equal.length - 1]!;
    updateRevision = { ...old, revision: candidate.revision };
    action = { type: 'bump', revision: updateRevision, from: old.revision, to: candidate.revision };
  } else {
    const r = createControllerRevision(set, candidate, collisionCount, existing ?? sorted);
    collisionCount = r.collisionCount;
    updateRevision = r.revision;
    action = { type: 'create', revision: r.revision, create: r.create };
  }
  const cur = set.status?.currentRevision;
  const currentRevision = sorted.find((r) => (r.metadata?.name ?? '') === cur) ?? updateRevision;
  return { currentRevision, updateRevision, collisionCount, action };
}

/**
 * stateful_set_control.go `truncateHistory(set, pods, revisions, current, update)`: the revisions
 * to DELETE. Live = current, update, and every revision named by a pod's `controller-revision-hash`
 * label; the non-live ones, in revision order, beyond `revisionHistoryLimit` go, oldest first.
 * A negative limit keeps everything (validation forbids it anyway).
 */
export function truncateHistory(
  set: StatefulSet,
  pods: ReadonlyArray<Pod>,
  revisions: ReadonlyArray<ControllerRevision>,
  current: ControllerRevision | null | undefined,
  update: ControllerRevision | null | undefined,
): ControllerRevision[] {
  const live = new Set<string>();
  if (current) live.add(current.metadata?.name ?? '');
  if (update) live.add(update.metadata?.name ?? '');
  for (const p of pods) live.add(getPodRevision(p));
  const history = sortControllerRevisions(revisions).filter((r) => !live.has(r.metadata?.name ?? ''));
  const limit = revisionHistoryLimit(set);
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit);
}
