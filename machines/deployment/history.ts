/**
 * Revisions and history on the controller side: deployment_util.go `MaxRevision`,
 * `LastRevision`, `SetNewReplicaSetAnnotations` (revision-history, ≤ 2000 chars), the
 * annotations copied between Deployment and ReplicaSet, sync.go `getNewReplicaSet` (create
 * path) and `cleanupDeployment`, rollback.go (the deprecated controller-side rollback).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { deploymentReplicas, goParseInt, maxSurge, newRSNewReplicas, rsReplicas } from './fenceposts.ts';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './hash.ts';
import {
  compareByRevision, DEPRECATED_ROLLBACK_TO_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_CONFIG_ANNOTATION,
  MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, revisionOf, setReplicasAnnotations, sortedBy,
} from './replicasets.ts';
import { hasRevisionHistoryLimit, messages, RollbackDone, RollbackRevisionNotFound, RollbackTemplateUnchanged } from './status-messages.ts';

/** sync.go `maxRevHistoryLengthInChars`: "limit revision history length to 100 element (~2000 chars)". */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** deployment_util.go `annotationsToSkip`: never copied Deployment → RS (nor RS → Deployment on rollback). */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** deployment_util.go `MaxRevision`: the highest parsable revision (0 if none). */
export function maxRevision(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let max = 0;
  for (const rs of rss) {
    const v = rs ? revisionOf(rs) : 0;
    if (v !== null && v > max) max = v;
  }
  return max;
}

/** deployment_util.go `LastRevision`: the second-highest revision (0 if none). */
export function lastRevision(rss: ReadonlyArray<ReplicaSet | null | undefined>): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    const v = rs ? revisionOf(rs) : 0;
    if (v === null) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) secMax = v;
  }
  return secMax;
}

/** sync.go `getNewReplicaSet`: `newRevision = MaxRevision(allOldRSs) + 1`, as a string. */
export function nextRevision(oldRSs: ReadonlyArray<ReplicaSet | null | undefined>): string {
  return String(maxRevision(oldRSs) + 1);
}

/**
 * The revision-history step of `SetNewReplicaSetAnnotations`: `oldRevision` appended to the
 * comma-separated `history`, dropping entries from the front until the result fits in
 * `limit` chars. An empty history (or one starting with an empty entry) becomes `oldRevision`.
 * Returns `undefined` when it cannot fit at all (upstream then leaves the history as it was).
 */
export function appendRevisionHistory(history: string | undefined, oldRevision: string, limit = MAX_REV_HISTORY_LENGTH_IN_CHARS): string | undefined {
  const h = history ?? '';
  const old = h.split(',');
  if (old[0]!.length === 0) return oldRevision;
  let totalLen = h.length + oldRevision.length + 1;
  let start = 0;
  while (totalLen > limit && start < old.length) {
    totalLen -= old[start]!.length + 1;
    start++;
  }
  if (totalLen > limit) return undefined;
  return [...old.slice(start), oldRevision].join(',');
}

/** deployment_util.go `copyDeploymentAnnotationsToReplicaSet` (pure). */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rsAnnotations: Readonly<Record<string, string>> | undefined): { annotations: Record<string, string>; changed: boolean } {
  const out = { ...(rsAnnotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || out[k] === v) continue;
    out[k] = v;
    changed = true;
  }
  return { annotations: out, changed };
}

/**
 * deployment_util.go `SetNewReplicaSetAnnotations(deployment, newRS, newRevision, exists,
 * revHistoryLimitInChars)` (pure): copy the Deployment's annotations (minus the skip list);
 * raise the RS's revision to `newRevision` if lower, and if it already had one (a rollback to
 * it) append that old number to revision-history; a not-yet-created RS also gets the
 * desired/max-replicas annotations. A non-numeric existing revision stops early with
 * `changed: false` (as upstream, which has already copied the annotations by then).
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rsAnnotations: Readonly<Record<string, string>> | undefined,
  newRevision: string,
  exists: boolean,
  limit = MAX_REV_HISTORY_LENGTH_IN_CHARS,
): { annotations: Record<string, string>; changed: boolean } {
  const copied = copyDeploymentAnnotationsToReplicaSet(d, rsAnnotations);
  const out = copied.annotations;
  let changed = copied.changed;
  const had = REVISION_ANNOTATION in out;
  const oldRevision = out[REVISION_ANNOTATION] ?? '';
  const oldParsed = goParseInt(oldRevision);
  if ('error' in oldParsed && oldRevision !== '') return { annotations: out, changed: false };
  const oldInt = 'error' in oldParsed ? 0 : oldParsed.value;
  const newParsed = goParseInt(newRevision);
  if ('error' in newParsed) return { annotations: out, changed: false };
  if (oldInt < newParsed.value) {
    out[REVISION_ANNOTATION] = newRevision;
    changed = true;
    if (had) {
      const h = appendRevisionHistory(out[REVISION_HISTORY_ANNOTATION], oldRevision, limit);
      if (h !== undefined) out[REVISION_HISTORY_ANNOTATION] = h;
    }
  }
  if (!exists) {
    const replicas = deploymentReplicas(d);
    const r = setReplicasAnnotations(out, replicas, replicas + maxSurge(d));
    if (r.updated) {
      Object.assign(out, r.annotations);
      changed = true;
    }
  }
  return { annotations: out, changed };
}

/** deployment_util.go `SetDeploymentAnnotationsTo(deployment, rollbackToRS)` (pure): skip-listed keys kept, the rest from the RS. */
export function setDeploymentAnnotationsTo(d: Deployment, rs: ReplicaSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  return out;
}

function cloneSelectorAndAddLabel(sel: LabelSelector | undefined, key: string, value: string): LabelSelector {
  return { ...(sel ?? {}), matchLabels: { ...(sel?.matchLabels ?? {}), [key]: value } };
}

/**
 * sync.go `getNewReplicaSet`, create path: hash = `ComputeHash(template, collisionCount)`; name
 * `<deployment>-<hash>`; labels and selector gain `pod-template-hash`; ControllerRef to the
 * Deployment; `minReadySeconds` copied; size `NewRSNewReplicas` with the new RS counted at 0;
 * annotations via `SetNewReplicaSetAnnotations(.., MaxRevision(allOldRSs)+1, exists=false)`.
 */
export function buildNewReplicaSet(d: Deployment, allOldRSs: ReadonlyArray<ReplicaSet>): ReplicaSet {
  const template = d.spec!.template;
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name ?? ''}-${hash}`,
      ...(d.metadata?.namespace !== undefined ? { namespace: d.metadata.namespace } : {}),
      labels,
      ownerReferences: [{
        apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata?.name ?? '', uid: d.metadata?.uid ?? '',
        controller: true, blockOwnerDeletion: true,
      }],
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector: cloneSelectorAndAddLabel(d.spec?.selector, POD_TEMPLATE_HASH_LABEL, hash),
      template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
    },
  };
  const replicas = newRSNewReplicas(d, [...allOldRSs, rs], rs);
  rs.spec!.replicas = replicas;
  rs.metadata!.annotations = setNewReplicaSetAnnotations(d, undefined, nextRevision(allOldRSs), false).annotations;
  return rs;
}

/**
 * sync.go `cleanupDeployment(oldRSs, deployment)`: which old RSs to delete. Nothing without a
 * revisionHistoryLimit (nil or MaxInt32). Of the old RSs not being deleted, `len − limit` are
 * candidates, taken lowest revision first (`ReplicaSetsByRevision`); a candidate is deleted only
 * if `spec.replicas == 0`, `status.replicas == 0` and its generation has been observed —
 * otherwise it is skipped, not replaced.
 */
export function cleanupDeployment(oldRSs: ReadonlyArray<ReplicaSet | null | undefined>, d: Deployment): ReplicaSet[] {
  if (!hasRevisionHistoryLimit(d)) return [];
  const alive = oldRSs.filter((rs): rs is ReplicaSet => !!rs && !rs.metadata?.deletionTimestamp);
  const diff = alive.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return [];
  const sorted = sortedBy(alive, compareByRevision);
  const out: ReplicaSet[] = [];
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue;
    out.push(rs);
  }
  return out;
}

/** rollback.go `getRollbackTo`: the deprecated rollback annotation's revision, or null (absent/invalid). */
export function getRollbackTo(d: Deployment): number | null {
  const v = d.metadata?.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  if (!v) return null;
  const p = goParseInt(v);
  return 'error' in p ? null : p.value;
}

export interface ControllerRollback {
  event: { type: 'Normal' | 'Warning'; reason: string; message: string };
  /** Set when the template is restored: the RS's template without `pod-template-hash`, and the new annotations. */
  template?: NonNullable<ReplicaSet['spec']>['template'];
  annotations?: Record<string, string>;
}

/**
 * rollback.go `rollback` + `rollbackToTemplate` (deprecated `deprecated.deployment.rollback.to`
 * path): revision 0 means `LastRevision`; the matching RS's template (hash label removed) and
 * annotations are restored unless it already equals the current template. The annotation is
 * always cleared by the caller afterwards.
 */
export function controllerRollback(d: Deployment, allRSs: ReadonlyArray<ReplicaSet | null | undefined>, revision: number): ControllerRollback {
  let target = revision;
  if (target === 0) {
    target = lastRevision(allRSs);
    if (target === 0) return { event: { type: 'Warning', reason: RollbackRevisionNotFound, message: messages.rollbackLastRevisionNotFound } };
  }
  for (const rs of allRSs) {
    if (!rs || revisionOf(rs) !== target) continue;
    if (equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
      return { event: { type: 'Warning', reason: RollbackTemplateUnchanged, message: messages.rollbackTemplateUnchanged(d.metadata?.name ?? '') } };
    }
    return {
      event: { type: 'Normal', reason: RollbackDone, message: messages.rolledBack(d.metadata?.name ?? '', target) },
      template: templateWithoutHash(rs),
      annotations: setDeploymentAnnotationsTo(d, rs),
    };
  }
  return { event: { type: 'Warning', reason: RollbackRevisionNotFound, message: messages.rollbackRevisionNotFound } };
}

/** deployment_util.go `SetFromReplicaSetTemplate`: the RS template with `pod-template-hash` removed. */
export function templateWithoutHash(rs: ReplicaSet): NonNullable<ReplicaSet['spec']>['template'] {
  const t = rs.spec?.template ?? {};
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = t.metadata?.labels ?? {};
  const metadata = { ...(t.metadata ?? {}) };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;
  return { ...t, metadata };
}
