/**
 * kubectl's client-side Deployment history verbs: `rollout undo` (kubectl
 * pkg/polymorphichelpers/rollback.go `DeploymentRollbacker`) and `rollout history`
 * (history.go `DeploymentHistoryViewer`). `rollout status` is `deploymentRolloutStatus` in
 * status-messages.ts. Errors are returned bare; kubectl prints them as `error: <text>`.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { goQuote } from './fenceposts.ts';
import { equalIgnoreHash } from './hash.ts';
import { setDeploymentAnnotationsTo, templateWithoutHash } from './history.ts';
import { CHANGE_CAUSE_ANNOTATION, findNewReplicaSet, findOldReplicaSets, revisionOf } from './replicasets.ts';

/** `kubectl ... deployment.apps/<name> <verb>`: the resource as kubectl prints it. */
export function deploymentRef(d: Deployment): string {
  return `deployment.apps/${d.metadata?.name ?? ''}`;
}

/** kubectl `revisionNotFoundErr`. */
export function revisionNotFoundError(revision: number): string {
  return `unable to find specified revision ${revision} in history`;
}

/** kubectl's order: all old RSs (list order), then the new one (`GetAllReplicaSets`). */
function allReplicaSets(d: Deployment, rsList: ReadonlyArray<ReplicaSet>): ReplicaSet[] {
  const { all } = findOldReplicaSets(d, rsList);
  const newRS = findNewReplicaSet(d, rsList);
  return newRS ? [...all, newRS] : all;
}

/**
 * kubectl rollback.go `deploymentRevision(deployment, c, toRevision)`: with `toRevision > 0` the
 * RS carrying that revision, else the second-newest revision; unparsable revisions are skipped.
 */
export function deploymentRevision(d: Deployment, rsList: ReadonlyArray<ReplicaSet>, toRevision: number): { rs: ReplicaSet } | { error: string } {
  let latest: ReplicaSet | null = null;
  let latestRevision = -1;
  let previous: ReplicaSet | null = null;
  let previousRevision = -1;
  for (const rs of allReplicaSets(d, rsList)) {
    const v = revisionOf(rs);
    if (v === null) continue;
    if (toRevision === 0) {
      if (latestRevision < v) {
        previousRevision = latestRevision;
        previous = latest;
        latestRevision = v;
        latest = rs;
      } else if (previousRevision < v) {
        previousRevision = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return { rs };
    }
  }
  if (toRevision > 0) return { error: revisionNotFoundError(toRevision) };
  if (!previous) return { error: `no rollout history found for deployment ${goQuote(d.metadata?.name ?? '')}` };
  return { rs: previous };
}

export type UndoResult =
  | { ok: true; skipped: true; message: string }
  | { ok: true; skipped: false; message: string; template: NonNullable<ReplicaSet['spec']>['template']; annotations: Record<string, string> }
  | { ok: false; error: string };

/**
 * kubectl `DeploymentRollbacker.Rollback(obj, _, toRevision, dryRun=none)`: a negative revision
 * or a missing one fails; a paused Deployment fails; a target whose template already equals
 * the current one (ignoring the hash) is skipped — and the message quotes `toRevision` AS GIVEN
 * (0 for a plain `rollout undo`); otherwise the patch replaces spec.template (hash label
 * removed) and metadata.annotations (skip-listed keys kept from the Deployment, the rest from
 * the RS) and kubectl prints `deployment.apps/<name> rolled back`.
 */
export function rolloutUndo(d: Deployment, rsList: ReadonlyArray<ReplicaSet>, toRevision = 0): UndoResult {
  if (toRevision < 0) return { ok: false, error: revisionNotFoundError(toRevision) };
  const found = deploymentRevision(d, rsList, toRevision);
  if ('error' in found) return { ok: false, error: found.error };
  if (d.spec?.paused) {
    return { ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  }
  if (equalIgnoreHash(found.rs.spec?.template, d.spec?.template)) {
    return { ok: true, skipped: true, message: `${deploymentRef(d)} skipped rollback (current template already matches revision ${toRevision})` };
  }
  return {
    ok: true,
    skipped: false,
    message: `${deploymentRef(d)} rolled back`,
    template: templateWithoutHash(found.rs),
    annotations: setDeploymentAnnotationsTo(d, found.rs),
  };
}

/** text/tabwriter as kubectl's `tabbedString` sets it up (minwidth 0, padding 2, spaces); the last cell is not padded. */
export function tabbed(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]! + 2) : c)).join('') + '\n').join('');
}

export type HistoryResult = { ok: true; text: string } | { ok: true; revision: number; rs: ReplicaSet } | { ok: false; error: string };

/**
 * kubectl `DeploymentHistoryViewer.ViewHistory(ns, name, revision)`: revisions of the
 * Deployment's RSs (unparsable ones skipped; a later RS with the same number wins), ascending,
 * each with its `kubernetes.io/change-cause` or `<none>`; "No rollout history found." when
 * empty; with `revision > 0` that revision's RS (kubectl then prints its pod template) or
 * "unable to find the specified revision".
 */
export function rolloutHistory(d: Deployment, rsList: ReadonlyArray<ReplicaSet>, revision = 0): HistoryResult {
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of allReplicaSets(d, rsList)) {
    const v = revisionOf(rs);
    if (v !== null) byRevision.set(v, rs);
  }
  if (byRevision.size === 0) return { ok: true, text: 'No rollout history found.' };
  if (revision > 0) {
    const rs = byRevision.get(revision);
    return rs ? { ok: true, revision, rs } : { ok: false, error: 'unable to find the specified revision' };
  }
  const rows = [['REVISION', 'CHANGE-CAUSE']];
  for (const r of [...byRevision.keys()].sort((a, b) => a - b)) {
    const cause = byRevision.get(r)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
    rows.push([String(r), cause ? cause : '<none>']);
  }
  return { ok: true, text: tabbed(rows) };
}
