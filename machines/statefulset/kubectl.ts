/**
 * kubectl's client-side StatefulSet verbs: `rollout status` (kubectl
 * pkg/polymorphichelpers/rollout_status.go `StatefulSetStatusViewer.Status`) and `rollout history`
 * (history.go `StatefulSetHistoryViewer.ViewHistory` → `printHistory`). Texts are exact; errors
 * are returned bare (kubectl prints `error: <text>`).
 *
 * Sources read: kubernetes/kubectl rollout_status.go (the StatefulSet viewer is unchanged across
 * the versions seen); kubernetes/kubernetes staging kubectl history.go. Two history.go versions
 * were found: an older one printing a bare `REVISION` column for StatefulSets, and the one with
 * `GetHistory` and the shared `printHistory` (`REVISION  CHANGE-CAUSE`, as Deployments and
 * DaemonSets). The latter is used; that it is the 1.32 form is inferred (GetHistory predates
 * 1.32), not confirmed at a 1.32 tag.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { RolloutStatus } from '../deployment/status-messages.ts';
import { tabbed } from '../deployment/kubectl.ts';
import { CHANGE_CAUSE_ANNOTATION } from '../deployment/replicasets.ts';
import { applyRevision } from './revisions.ts';
import { ROLLING_UPDATE } from './spec.ts';

/**
 * kubectl `StatefulSetStatusViewer.Status(obj, revision)` (the revision argument is ignored):
 *  - strategy ≠ RollingUpdate → error `rollout status is only available for RollingUpdate strategy type`
 *    (upstream returns done=true with it; `rollout status` exits with the error either way);
 *  - observedGeneration 0 or < generation → `Waiting for statefulset spec update to be observed...`;
 *  - readyReplicas < spec.replicas → `Waiting for <spec − ready> pods to be ready...`;
 *  - a `rollingUpdate` block (with a partition): updated < spec − partition →
 *    `Waiting for partitioned roll out to finish: <updated> out of <spec − partition> new pods have been updated...`,
 *    else DONE `partitioned roll out complete: <updated> new pods have been updated...` — the usual
 *    ending, since the API defaults `rollingUpdate: {partition: 0}`;
 *  - (no block) updateRevision ≠ currentRevision →
 *    `waiting for statefulset rolling update to complete <updated> pods at revision <updateRevision>...`
 *    (lower-case "waiting", as upstream);
 *  - else DONE `statefulset rolling update complete <currentReplicas> pods at revision <currentRevision>...`.
 * Every message ends with "\n". A nil `spec.replicas` skips the checks that read it.
 */
export function statefulSetRolloutStatus(sts: StatefulSet): RolloutStatus {
  const spec = sts.spec;
  const st = sts.status ?? ({ replicas: 0 } as NonNullable<StatefulSet['status']>);
  if (spec?.updateStrategy?.type !== ROLLING_UPDATE) {
    return { error: `rollout status is only available for ${ROLLING_UPDATE} strategy type` };
  }
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const replicas = spec.replicas;
  const ready = st.readyReplicas ?? 0;
  const updated = st.updatedReplicas ?? 0;
  if (replicas != null && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru != null) {
    if (replicas != null && ru.partition != null && updated < replicas - ru.partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if ((st.updateRevision ?? '') !== (st.currentRevision ?? '')) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...\n`, done: true };
}

/** `metav1.IsControlledBy(revision, sts)`: the revision's controller ref has the set's UID (kubectl `controlledHistoryV1`). */
export function isControlledBy(revision: ControllerRevision, sts: StatefulSet): boolean {
  const ref = revision.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref !== undefined && ref.uid === (sts.metadata?.uid ?? '');
}

export type StatefulSetHistoryResult =
  | { ok: true; text: string }
  | { ok: true; revision: number; template: PodTemplateSpec }
  | { ok: false; error: string };

/**
 * kubectl `StatefulSetHistoryViewer.ViewHistory(ns, name, revision)` → `printHistory`: the
 * ControllerRevisions the set controls (already selector-listed by the caller), by `revision`
 * number (a later one with the same number wins); none → `No rollout history found.`; with
 * `revision > 0` that revision's pod template (ApplyRevision onto the set; kubectl then describes
 * it) or `unable to find the specified revision`; else `REVISION  CHANGE-CAUSE` rows ascending,
 * the change-cause being the revision's `kubernetes.io/change-cause` annotation (copied from the
 * set when the revision was made) or `<none>`.
 */
export function statefulSetRolloutHistory(sts: StatefulSet, revisions: ReadonlyArray<ControllerRevision>, revision = 0): StatefulSetHistoryResult {
  const byRevision = new Map<number, ControllerRevision>();
  for (const r of revisions) if (isControlledBy(r, sts)) byRevision.set(r.revision, r);
  if (byRevision.size === 0) return { ok: true, text: 'No rollout history found.' };
  if (revision > 0) {
    const r = byRevision.get(revision);
    if (!r) return { ok: false, error: 'unable to find the specified revision' };
    return { ok: true, revision, template: applyRevision(sts, r).spec!.template };
  }
  const rows = [['REVISION', 'CHANGE-CAUSE']];
  for (const n of [...byRevision.keys()].sort((a, b) => a - b)) {
    const cause = byRevision.get(n)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
    rows.push([String(n), cause ? cause : '<none>']);
  }
  return { ok: true, text: tabbed(rows) };
}
