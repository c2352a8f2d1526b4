/**
 * Kubernetes timestamps (`metav1.Time`): RFC 3339 in UTC with second precision. Many objects
 * are stamped at the same simulated instant, so the last conversion is remembered.
 */
let lastMs = NaN;
let lastIso = '';

export function iso(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace('.000Z', 'Z');
  }
  return lastIso;
}
