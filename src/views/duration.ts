/**
 * Human-readable durations, exactly as kubectl prints them.
 *
 * Port of k8s.io/apimachinery/pkg/util/duration/duration.go
 * (kubernetes/kubernetes: staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go).
 * Go works in nanoseconds and truncates toward zero (`int(d.Seconds())`, `int(d / time.Minute)`);
 * here durations are milliseconds and `Math.trunc` reproduces the same truncation.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go `int(x)` conversion of a float / integer division of a Duration: truncation toward zero. */
function trunc(x: number): number {
  const t = Math.trunc(x);
  return t === 0 ? 0 : t; // normalise -0
}

/**
 * `duration.ShortHumanDuration`: one unit only (`59s`, `1m`, `23h`, `364d`, `2y`).
 * Used by kubectl for a few columns (e.g. `kubectl get events --watch` style outputs); AGE uses
 * {@link humanDuration}.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * `duration.HumanDuration`: ~2-3 significant figures (`119s`, `2m1s`, `10m`, `3h1m`, `8h`, `2d1h`,
 * `8d`, `2y1d`, `8y`). This is what AGE, RESTARTS "(Xs ago)" and describe's event ages use.
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = trunc(ms / SECOND) % 60;
    if (s === 0) return `${minutes}m`;
    return `${minutes}m${s}s`;
  } else if (minutes < 60 * 3) {
    return `${minutes}m`;
  }
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = trunc(ms / MINUTE) % 60;
    if (m === 0) return `${hours}h`;
    return `${hours}h${m}m`;
  } else if (hours < 48) {
    return `${hours}h`;
  } else if (hours < 24 * 8) {
    const h = hours % 24;
    if (h === 0) return `${trunc(hours / 24)}d`;
    return `${trunc(hours / 24)}d${h}h`;
  } else if (hours < 24 * 365 * 2) {
    return `${trunc(hours / 24)}d`;
  } else if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    if (dy === 0) return `${trunc(hours / 24 / 365)}y`;
    return `${trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

/**
 * Parses a Kubernetes timestamp (RFC 3339 `metav1.Time`, or `metav1.MicroTime` with fractional
 * seconds). Returns `undefined` for a missing/empty/unparseable value (Go's zero time).
 */
export function parseTime(ts: string | number | Date | null | undefined): number | undefined {
  if (ts === null || ts === undefined || ts === '') return undefined;
  if (typeof ts === 'number') return Number.isFinite(ts) ? ts : undefined;
  if (ts instanceof Date) return Number.isNaN(ts.getTime()) ? undefined : ts.getTime();
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return undefined;
  // Go's zero time (0001-01-01T00:00:00Z) is "IsZero".
  if (t === GO_ZERO_TIME) return undefined;
  return t;
}

/** 0001-01-01T00:00:00Z in epoch ms. */
export const GO_ZERO_TIME = -62135596800000;

/**
 * `translateTimestampSince` from printers.go / describe.go: `<unknown>` for a zero timestamp,
 * otherwise `HumanDuration(now - ts)`.
 */
export function translateTimestampSince(ts: string | number | Date | null | undefined, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** `translateTimestampUntil`: `HumanDuration(ts - now)`. */
export function translateTimestampUntil(ts: string | number | Date | null | undefined, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(t - now);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Go `time.RFC1123Z` (`Mon, 02 Jan 2006 15:04:05 -0700`) rendered in UTC (`+0000`), as kubectl
 * describe prints Start Time / Started / Finished / condition times. A missing timestamp renders as
 * Go's zero time, like `metav1.Time{}.Time.Format(...)` does.
 */
export function formatRFC1123Z(ts: string | number | Date | null | undefined): string {
  const t = parseTime(ts);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const yyyy = year < 1000 ? String(year).padStart(4, '0') : String(year);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${yyyy} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}
