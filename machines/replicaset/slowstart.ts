/**
 * How many pods a ReplicaSet sync creates or deletes, and in which batches.
 *
 * Upstream (kubernetes/kubernetes):
 *  - pkg/controller/replicaset/replica_set.go  BurstReplicas, manageReplicas, slowStartBatch
 *  - pkg/controller/controller_utils.go        SlowStartInitialBatchSize
 */

/** replica_set.go `BurstReplicas`: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/** controller_utils.go `SlowStartInitialBatchSize`. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * The batch sizes `slowStartBatch(count, initialBatchSize, fn)` runs when every call succeeds:
 * `batch = min(remaining, initial)`, then `min(2*batch, remaining)` while `batch > 0`.
 * `slowStartBatches(10)` → [1, 2, 4, 3]. `maxBatchSize`: the StatefulSet controller's own
 * slowStartBatch caps each batch at `MaxBatchSize` (500).
 */
export function slowStartBatches(count: number, initialBatchSize: number = SLOW_START_INITIAL_BATCH_SIZE, maxBatchSize = Infinity): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining, maxBatchSize)) {
    out.push(batch);
    remaining -= batch;
  }
  return out;
}

export interface SlowStartOutcome {
  /** Sizes of the batches actually run (every call in a batch is attempted, concurrently). */
  batches: number[];
  /** Calls made. */
  attempted: number;
  /** `successes`, slowStartBatch's return value. */
  successes: number;
  /** Calls that failed (all in the last batch run). */
  failures: number;
  /** Calls never made because a batch failed. */
  notAttempted: number;
  /**
   * manageReplicas' `skippedPods = diff - successfulCreations`: creations the informer will not
   * observe (failed + never attempted); each is subtracted from the expectations
   * (`CreationObserved`).
   */
  skipped: number;
  /** Whether slowStartBatch returned an error (a batch had ≥1 failure). */
  error: boolean;
}

/**
 * replica_set.go `slowStartBatch` with a scripted outcome. `failAt`: a number n means calls
 * number n, n+1, … fail (0-based; `Infinity` = none fail, 0 = all fail); a predicate decides per
 * call number. Calls are numbered in batch order. A batch with any failure still runs to the end
 * (its calls are concurrent), then every later batch is skipped.
 */
export function slowStartOutcome(
  count: number,
  failAt: number | ((call: number) => boolean) = Infinity,
  initialBatchSize: number = SLOW_START_INITIAL_BATCH_SIZE,
): SlowStartOutcome {
  const fails = typeof failAt === 'number' ? (i: number) => i >= failAt : failAt;
  const batches: number[] = [];
  let remaining = count;
  let successes = 0;
  let attempted = 0;
  let failures = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    batches.push(batch);
    let errs = 0;
    for (let k = 0; k < batch; k++) if (fails(attempted + k)) errs++;
    attempted += batch;
    successes += batch - errs;
    if (errs > 0) {
      failures = errs;
      break;
    }
    remaining -= batch;
  }
  const total = Math.max(0, count);
  return { batches, attempted, successes, failures, notAttempted: total - attempted, skipped: total - successes, error: failures > 0 };
}

export type ManageReplicasDiff = { create: number } | { delete: number } | Record<string, never>;

/**
 * replica_set.go `manageReplicas`: `diff = len(activeOwnedPods) - spec.replicas`; too few →
 * create `min(-diff, burstReplicas)`; too many → delete `min(diff, burstReplicas)`; else nothing.
 */
export function manageReplicasDiff(active: number, replicas: number, burstReplicas: number = BURST_REPLICAS): ManageReplicasDiff {
  const diff = active - replicas;
  if (diff < 0) return { create: Math.min(-diff, burstReplicas) };
  if (diff > 0) return { delete: Math.min(diff, burstReplicas) };
  return {};
}
