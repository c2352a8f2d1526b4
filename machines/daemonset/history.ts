/**
 * DaemonSet history: the ControllerRevisions that record each pod template, and which to delete.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/daemon/update.go (1.30+ version):
 *  - getPatch, Match, snapshot, maxRevision, dedupCurHistories, constructHistory, cleanupHistory,
 *    historiesByRevision
 *  - the hash is pkg/controller `ComputeHash(&ds.Spec.Template, ds.Status.CollisionCount)` — the
 *    Deployment's (machines/deployment/hash.ts, with its documented digit difference).
 *
 * The API calls (create, update, delete, pod relabel) are returned as plans.
 */
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from '../../src/types.ts';
import { goQuote } from '../deployment/fenceposts.ts';
import { computeHash } from '../deployment/hash.ts';
import { newControllerRef } from '../replicaset/claim.ts';
import { CONTROLLER_REVISION_HASH_LABEL, DEFAULT_REVISION_HISTORY_LIMIT, getNodesToDaemonPods } from './pods.ts';

// ---------------------------------------------------------------------------------------------
// getPatch: Go's encoding/json of a map[string]interface{}
// ---------------------------------------------------------------------------------------------

const HEX = '0123456789abcdef';

/**
 * Go `encoding/json` string encoding with `SetEscapeHTML(true)` (what `json.Marshal` does, Go
 * ≥1.22): `"` and `\` escaped; `\b \f \n \r \t` short forms; other control characters `\u00xx`;
 * `<`, `>`, `&` → `\u003c`, `\u003e`, `\u0026`; U+2028/U+2029 escaped; a lone surrogate (invalid
 * UTF-8 on Go's side) becomes `\ufffd`.
 */
export function goJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    switch (c) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x3c: case 0x3e: case 0x26: case 0x2028: case 0x2029:
        out += '\\u' + c.toString(16).padStart(4, '0');
        continue;
    }
    if (c < 0x20) {
      out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/**
 * Go `json.Marshal` of a decoded JSON value (`map[string]interface{}` / `[]interface{}` / string /
 * number / bool / nil): object keys sorted, no whitespace, `undefined` members dropped, strings per
 * {@link goJSONString}. Numbers: integers print as JSON does (k8s `util/json` decodes whole numbers
 * as int64); exotic floats may differ from Go's formatting.
 */
export function goJSONMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJSONString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map((v) => goJSONMarshal(v ?? null)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return '{' + keys.map((k) => goJSONString(k) + ':' + goJSONMarshal(obj[k])).join(',') + '}';
}

/**
 * The members Go's `json.Marshal(ds)` emits although empty, because they are structs (where
 * `omitempty` has no effect): the template's `metadata.creationTimestamp: null` (a zero
 * `metav1.Time`) and every container's `resources: {}`. Other zero-valued members are absent in
 * both worlds.
 */
function withGoStructZeroes(template: Record<string, unknown>): Record<string, unknown> {
  const t: Record<string, unknown> = { ...template };
  const md = { ...((t.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (md.creationTimestamp === undefined) md.creationTimestamp = null;
  t.metadata = md;
  const spec = { ...((t.spec as Record<string, unknown> | undefined) ?? {}) };
  for (const k of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = spec[k];
    if (Array.isArray(list)) spec[k] = list.map((c: Record<string, unknown>) => (c && c.resources === undefined ? { ...c, resources: {} } : c));
  }
  if (spec.containers === undefined) spec.containers = null;
  t.spec = spec;
  return t;
}

/**
 * update.go `getPatch(ds)`: the strategic-merge patch that restores the template —
 * `{"spec":{"template":{"$patch":"replace", …template…}}}` — as Go marshals the map: keys sorted at
 * every level (`$patch` first), HTML-escaped strings, `creationTimestamp: null` and `resources: {}`
 * included. This is a ControllerRevision's `data` and what {@link match} compares byte for byte.
 *
 * The template is taken as given. On a real cluster it is the stored object, i.e. after API
 * defaulting (imagePullPolicy, terminationMessagePath, dnsPolicy, …) and with quantities in
 * canonical form ("0.5" CPU → "500m"); whatever defaulting the simulator applies shows up here.
 */
export function getPatch(ds: DaemonSet): string {
  const template = withGoStructZeroes(JSON.parse(JSON.stringify(ds.spec?.template ?? {})) as Record<string, unknown>);
  template['$patch'] = 'replace';
  return goJSONMarshal({ spec: { template } });
}

/** A revision's `data` as bytes: a string as is, a decoded object re-marshalled ({@link goJSONMarshal}). */
export function revisionData(history: ControllerRevision): string {
  const d: unknown = history.data;
  return typeof d === 'string' ? d : goJSONMarshal(d ?? null);
}

/** update.go `Match(ds, history)`: `bytes.Equal(getPatch(ds), history.Data.Raw)`. */
export function match(ds: DaemonSet, history: ControllerRevision): boolean {
  return getPatch(ds) === revisionData(history);
}

/** The revision hash: `ComputeHash(&ds.Spec.Template, ds.Status.CollisionCount)`. */
export function daemonSetHash(ds: DaemonSet): string {
  return computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
}

/**
 * update.go `snapshot(ds, revision)`, the object it creates: name `<ds>-<hash>`, the DaemonSet's
 * namespace, labels = template labels + `controller-revision-hash: <hash>`, annotations = the
 * DaemonSet's annotations, ControllerRef to the DaemonSet, `data` = {@link getPatch} (decoded),
 * `revision`.
 */
export function snapshot(ds: DaemonSet, revision: number): ControllerRevision {
  const hash = daemonSetHash(ds);
  const name = ds.metadata?.name ?? '';
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${name}-${hash}`,
      ...(ds.metadata?.namespace !== undefined ? { namespace: ds.metadata.namespace } : {}),
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef({ apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: ds.metadata?.uid ?? '' })],
    },
    data: JSON.parse(getPatch(ds)) as object,
    revision,
  };
}

/** update.go `maxRevision(histories)`: the highest `revision`, 0 for none. */
export function maxRevision(histories: readonly ControllerRevision[]): number {
  let max = 0;
  for (const h of histories) if (h.revision > max) max = h.revision;
  return max;
}

/** `historiesByRevision`: ascending revision (a stable sort; upstream's `sort.Sort` is not). */
export function sortByRevision(histories: readonly ControllerRevision[]): ControllerRevision[] {
  return [...histories].sort((a, b) => a.revision - b.revision);
}

const hashLabelOf = (o: { metadata?: { labels?: Record<string, string> } }) => o.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];

/**
 * update.go `dedupCurHistories(ds, curHistories)`: with one match, it; otherwise keep the one with
 * the highest revision (the LAST among equals, `>=`), relabel every pod whose hash label differs
 * from the kept one's (merge patch of `controller-revision-hash`), and delete the other matches.
 */
export function dedupCurHistories(curHistories: readonly ControllerRevision[], pods: readonly Pod[]): { keep: ControllerRevision; relabelPods: string[]; deleteRevisions: string[] } {
  if (curHistories.length === 1) return { keep: curHistories[0]!, relabelPods: [], deleteRevisions: [] };
  let max = 0;
  let keep = curHistories[0]!;
  for (const cur of curHistories) {
    if (cur.revision >= max) {
      keep = cur;
      max = cur.revision;
    }
  }
  const keepHash = hashLabelOf(keep) ?? '';
  const relabelPods = pods.filter((p) => (hashLabelOf(p) ?? '') !== keepHash).map((p) => p.metadata?.name ?? '');
  const keepName = keep.metadata?.name ?? '';
  const deleteRevisions = curHistories.map((h) => h.metadata?.name ?? '').filter((n) => n !== keepName);
  return { keep, relabelPods, deleteRevisions };
}

export interface ConstructHistoryPlan {
  /** The current revision (existing, or the one to create). Its `controller-revision-hash` label is the sync's `hash`. */
  current: ControllerRevision;
  /** The other controlled revisions (labels as after `labelRevisions`). */
  old: ControllerRevision[];
  /** Revisions that lacked `controller-revision-hash` and get it set to their NAME (an Update each). */
  labelRevisions: string[];
  /** The revision to create (when no controlled revision matches the template), or null. */
  create: ControllerRevision | null;
  /** An existing current revision whose number is raised to `max(old) + 1` (rollback to it), or null. */
  updateRevision: { name: string; revision: number } | null;
  /** Pods relabelled to the kept hash while deduplicating, and the duplicate revisions deleted. */
  relabelPods: string[];
  deleteRevisions: string[];
}

/**
 * update.go `constructHistory(ds)` over the DaemonSet's controlled revisions (`controlledHistories`
 * — adoption/orphaning is ClaimControllerRevisions', not modelled here): revisions without the hash
 * label get it (= their name); each is current if it {@link match}es the template, else old; the
 * next revision number is `maxRevision(old) + 1`. No current → {@link snapshot} at that number.
 * Several → {@link dedupCurHistories}. A current one below that number gets it (rolling back to an
 * old template re-uses its revision object under a new number). `pods` are the DaemonSet's pods
 * (for the dedup relabel).
 *
 * `snapshot`'s name clash (AlreadyExists) is {@link snapshotConflict}'s.
 */
export function constructHistory(ds: DaemonSet, histories: readonly ControllerRevision[], pods: readonly Pod[] = []): ConstructHistoryPlan {
  const labelRevisions: string[] = [];
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let h of histories) {
    if (hashLabelOf(h) === undefined) {
      const name = h.metadata?.name ?? '';
      labelRevisions.push(name);
      h = { ...h, metadata: { ...(h.metadata ?? {}), labels: { ...(h.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: name } } };
    }
    (match(ds, h) ? current : old).push(h);
  }
  const currRevision = maxRevision(old) + 1;
  if (current.length === 0) {
    const created = snapshot(ds, currRevision);
    return { current: created, old, labelRevisions, create: created, updateRevision: null, relabelPods: [], deleteRevisions: [] };
  }
  const d = dedupCurHistories(current, pods);
  let cur = d.keep;
  let updateRevision: ConstructHistoryPlan['updateRevision'] = null;
  if (cur.revision < currRevision) {
    updateRevision = { name: cur.metadata?.name ?? '', revision: currRevision };
    cur = { ...cur, revision: currRevision };
  }
  return { current: cur, old, labelRevisions, create: null, updateRevision, relabelPods: d.relabelPods, deleteRevisions: d.deleteRevisions };
}

/**
 * update.go `snapshot`'s AlreadyExists branch, given the revision already holding the name and the
 * DaemonSet's latest `status.collisionCount` from the API server:
 *  - it matches the template → `existing` (use it as current);
 *  - the DaemonSet's collisionCount was stale → `retry` with upstream's error (values, see below);
 *  - otherwise a real hash collision → `collision`: write `status.collisionCount + 1` (from nil: 1)
 *    and fail the sync with the AlreadyExists error (the next sync hashes with the new count).
 */
export function snapshotConflict(ds: DaemonSet, existing: ControllerRevision, latestCollisionCount: number | undefined | null):
  { outcome: 'existing'; revision: ControllerRevision } | { outcome: 'retry'; error: string } | { outcome: 'collision'; collisionCount: number } {
  if (match(ds, existing)) return { outcome: 'existing', revision: existing };
  const ours = ds.status?.collisionCount;
  if ((ours ?? null) !== (latestCollisionCount ?? null)) {
    // Go formats the two *int32 with %d, i.e. their ADDRESSES in decimal (0 for nil): not
    // reproducible, so the values are printed instead.
    return {
      outcome: 'retry',
      error: `found a stale collision count (${ours ?? 0}, expected ${latestCollisionCount ?? 0}) of DaemonSet ${goQuote(ds.metadata?.name ?? '')} while processing; will retry until it is updated`,
    };
  }
  return { outcome: 'collision', collisionCount: (latestCollisionCount ?? 0) + 1 };
}

/**
 * update.go `cleanupHistory(ds, old)`: names of old revisions to delete. Keeps
 * `revisionHistoryLimit` (default 10) old revisions: `len(old) − limit` are deleted, lowest revision
 * first, skipping any whose `controller-revision-hash` is the hash label of a live pod — every
 * claimed pod with a target node, deleted terminal ones INCLUDED (`getNodesToDaemonPods(.., true)`).
 * A skipped revision does not use up the count: the walk goes on to newer ones.
 */
export function cleanupHistory(ds: DaemonSet, old: readonly ControllerRevision[], pods: readonly Pod[]): string[] {
  const toKeep = ds.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  let toKill = old.length - toKeep;
  if (toKill <= 0) return [];
  const liveHashes = new Set<string>();
  for (const list of getNodesToDaemonPods(pods, true).values()) {
    for (const p of list) {
      const h = hashLabelOf(p);
      if (h !== undefined && h.length > 0) liveHashes.add(h);
    }
  }
  const out: string[] = [];
  for (const h of sortByRevision(old)) {
    if (toKill <= 0) break;
    if (liveHashes.has(hashLabelOf(h) ?? '')) continue;
    out.push(h.metadata?.name ?? '');
    toKill--;
  }
  return out;
}
