/**
 * Kubelet back-off arithmetic (`client-go/util/flowcontrol/backoff.go` as used by
 * `kuberuntime_manager.go doBackOff` and the image puller). Pure functions over a small entry.
 */
export interface BackoffEntry {
  /** Current back-off period (ms). */
  backoff: number;
  /** Time the entry was last updated (ms): the `finishedAt` of the exit that armed it. */
  lastUpdate: number;
}

export const INITIAL_CRASHLOOP_BACKOFF = 10_000; // pkg/kubelet/kubelet.go initialCrashLoopBackOff
export const MAX_CONTAINER_BACKOFF = 300_000; // MaxContainerBackOff
export const INITIAL_IMAGE_BACKOFF = 10_000; // imageBackOffPeriod
export const MAX_IMAGE_BACKOFF = 300_000; // MaxImageBackOff

/** `hasExpired`: the entry is forgotten once `eventTime - lastUpdate > 2 * max`. */
export function hasExpired(entry: BackoffEntry | null, eventTime: number, max: number): boolean {
  return !entry || eventTime - entry.lastUpdate > 2 * max;
}

/**
 * `Next(key, eventTime)` called at clock time `now`: a new entry, or one expired relative to
 * `eventTime`, starts at `initial`; otherwise the period doubles up to `max`. `lastUpdate` is
 * the clock at the call (`p.Clock.Now()`), not `eventTime` — so the 10-minute reset window is
 * measured from the restart, not from the previous exit.
 */
export function nextBackoff(entry: BackoffEntry | null, eventTime: number, now: number, initial: number, max: number): BackoffEntry {
  if (!entry || hasExpired(entry, eventTime, max)) return { backoff: Math.min(initial, max), lastUpdate: now };
  return { backoff: Math.min(entry.backoff * 2, max), lastUpdate: now };
}

/**
 * `doBackOff` for an exited container: `IsInBackOffSince(key, finishedAt)` — in back-off while
 * the entry is not expired and `now - finishedAt < backoff` — gives the time the kubelet may
 * restart it (`waitUntil`), or null when it may restart now (having called `Next`).
 * The restart that follows a wait also calls `Next(key, finishedAt)`, at `waitUntil`: that is
 * what yields restarts 0, 10, 20, 40 … 300 s after each exit.
 */
export function crashLoopDecision(
  entry: BackoffEntry | null,
  finishedAt: number,
  now: number,
  initial = INITIAL_CRASHLOOP_BACKOFF,
  max = MAX_CONTAINER_BACKOFF,
): { waitUntil: number | null; entry: BackoffEntry } {
  if (entry && !hasExpired(entry, finishedAt, max) && now - finishedAt < entry.backoff) {
    return { waitUntil: finishedAt + entry.backoff, entry };
  }
  return { waitUntil: null, entry: nextBackoff(entry, finishedAt, now, initial, max) };
}
