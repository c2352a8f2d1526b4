/**
 * Durations as users write them: Go's `time.ParseDuration` syntax (`1h30m`, `90s`, `1.5s`,
 * `250ms`) plus plain numbers (milliseconds). Returns milliseconds; throws a clear Error.
 */
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new Error(`invalid duration ${input}: must be a non-negative number of milliseconds`);
    return input;
  }
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (!s || matched !== s.length) {
    throw new Error(`invalid duration "${input}": expected a number with a unit, e.g. 30s, 5m, 1h30m, 250ms`);
  }
  return Math.round(total);
}

/** Go's `time.Duration.String()` for whole or fractional seconds (`2s`, `1.5s`, `1m30s`, `500ms`). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trimZeros(ms.toFixed(3))}ms`;
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const sec = `${trimZeros(rest.toFixed(3))}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
