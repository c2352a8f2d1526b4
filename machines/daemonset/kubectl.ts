/**
 * `kubectl rollout status daemonset/<name>`: kubectl pkg/polymorphichelpers/rollout_status.go
 * `DaemonSetStatusViewer.Status(obj, revision)` (read in kubernetes/kubectl at 53ef3abb; the
 * `--revision` flag is ignored for DaemonSets: "ignoring revision as DaemonSets does not have
 * history yet").
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.d.ts';
import type { RolloutStatus } from '../deployment/status-messages.ts';
import { goQuote } from '../deployment/fenceposts.ts';
import { ROLLING_UPDATE_DAEMONSET } from './pods.ts';

/**
 * The line `kubectl rollout status` prints (with its trailing newline) and whether the rollout is
 * done, or the error kubectl prints as `error: <text>`:
 *  - strategy not RollingUpdate → "rollout status is only available for RollingUpdate strategy
 *    type" (upstream formats `RollingUpdateStatefulSetStrategyType`, also "RollingUpdate", and
 *    returns done=true with it, so `--watch` stops);
 *  - `generation > observedGeneration` → "Waiting for daemon set spec update to be observed...";
 *  - `updatedNumberScheduled < desiredNumberScheduled` → "… %d out of %d new pods have been updated...";
 *  - `numberAvailable < desiredNumberScheduled` → "… %d of %d updated pods are available...";
 *  - else `daemon set "<name>" successfully rolled out`.
 */
export function daemonSetRolloutStatus(ds: DaemonSet): RolloutStatus {
  if (ds.spec?.updateStrategy?.type !== ROLLING_UPDATE_DAEMONSET) {
    return { error: `rollout status is only available for ${ROLLING_UPDATE_DAEMONSET} strategy type` };
  }
  const name = goQuote(ds.metadata?.name ?? '');
  const st = ds.status;
  if ((ds.metadata?.generation ?? 0) <= (st?.observedGeneration ?? 0)) {
    const updated = st?.updatedNumberScheduled ?? 0;
    const desired = st?.desiredNumberScheduled ?? 0;
    const available = st?.numberAvailable ?? 0;
    if (updated < desired) {
      return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
    }
    if (available < desired) {
      return { message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
    }
    return { message: `daemon set ${name} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}
