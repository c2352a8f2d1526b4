/**
 * Go `time.Location` arithmetic for the CronJob schedule, over the platform's IANA database
 * (`Intl.DateTimeFormat`, ICU's tzdata). Only what robfig/cron's `SpecSchedule.Next` and the
 * controller use: wall-clock fields of an instant in a zone, `time.Date` (with Go's
 * normalisation of out-of-range fields and of wall times that do not exist or occur twice),
 * `Time.AddDate`, `time.LoadLocation`, and `Format(time.RFC3339)`.
 *
 * Upstream: Go src/time/time.go (`Date`: "In such cases, the choice of time zone, and therefore
 * the time, is not guaranteed" — the algorithm looks the offset up at the wall time read as UTC,
 * and again at the corrected instant when that falls outside the first zone period),
 * src/time/zoneinfo.go / zoneinfo_read.go (`LoadLocation`: "" and "UTC" → UTC, "Local" → the
 * process zone, `unknown time zone <name>`, `time: invalid location name`), src/time/format.go
 * (`RFC3339 = "2006-01-02T15:04:05Z07:00"`: a zero offset prints `Z` in any zone).
 *
 * Deliberate differences: milliseconds instead of nanoseconds; the tz database is ICU's (Node
 * 20: tzdata 2025-ish) instead of the controller-manager's; Go reads zone files case-sensitively
 * while ICU accepts any case, so a name whose path component starts with a lower-case letter
 * (`america/new_york`) is rejected here as Go on Linux would; ICU aliases (`US/Eastern`) are
 * accepted, as Go accepts the tzdata link files. Before 1900 the offset of 1900-01-01 is used
 * (Go uses the zone's first LMT period: only relevant to Go's zero time, year 1).
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** A loaded location. `name` is what Go's `Location.String()` returns. */
export interface Zone {
  readonly name: string;
  /** The IANA id handed to `Intl` (`UTC` for Go's UTC). */
  readonly iana: string;
}

export const UTC: Zone = Object.freeze({ name: 'UTC', iana: 'UTC' });

/** Wall-clock fields of an instant in a zone (month 1-12, weekday 0 = Sunday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** ms of `y-mo-d h:mi:s` read as UTC, with JS/Go normalisation of out-of-range fields (years 0-99 kept). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  return dt.getTime();
}

/** 1900-01-01T00:00:00Z: earlier instants use this instant's offset (see the module comment). */
const OFFSET_FLOOR_MS = Date.UTC(1900, 0, 1);

/** The zone's UTC offset in ms at instant `ms` (whole seconds, as the tz database has them). */
export function offsetMs(zone: Zone, ms: number): number {
  if (zone.iana === 'UTC') return 0;
  const at = ms < OFFSET_FLOOR_MS ? OFFSET_FLOOR_MS : ms;
  const sec = Math.floor(at / SECOND_MS) * SECOND_MS;
  const p = partsOf(zone, sec);
  return utcMs(p.year, p.month, p.day, p.hour, p.minute, p.second) - sec;
}

function partsOf(zone: Zone, ms: number): Omit<WallClock, 'weekday'> {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of formatter(zone.iana).formatToParts(ms)) {
    switch (part.type) {
      case 'year': out.year = Number(part.value); break;
      case 'month': out.month = Number(part.value); break;
      case 'day': out.day = Number(part.value); break;
      case 'hour': out.hour = Number(part.value); break;
      case 'minute': out.minute = Number(part.value); break;
      case 'second': out.second = Number(part.value); break;
      case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
    }
  }
  if (bc) out.year = 1 - out.year;
  return out;
}

/** `t.In(loc)`'s `Year() Month() Day() Hour() Minute() Second() Weekday()`. */
export function wallClock(zone: Zone, ms: number): WallClock {
  const local = ms + offsetMs(zone, ms);
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay(),
  };
}

/**
 * Go `time.Date(y, mo, d, h, mi, s, 0, loc)`: fields out of range are normalised (October 32 →
 * November 1); a wall time in a spring-forward gap or a fall-back overlap resolves as Go does —
 * the offset in force at the wall time read as UTC, or, if the instant that gives lies outside
 * that offset's period, the offset in force at that instant (New York 02:30 on the
 * spring-forward day → 01:30 EST; London 01:30 → 02:30 BST; an ambiguous 01:30 in New York →
 * the first, EDT, occurrence).
 */
export function goDate(zone: Zone, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const unix = utcMs(y, mo, d, h, mi, s);
  const off1 = offsetMs(zone, unix);
  if (off1 === 0) return unix;
  const off2 = offsetMs(zone, unix - off1);
  return unix - off2;
}

/** Go `t.AddDate(years, months, days)`: `Date(y+years, m+months, d+days, h, mi, s, ns, loc)`. */
export function addDate(zone: Zone, ms: number, years: number, months: number, days: number): number {
  const w = wallClock(zone, ms);
  const frac = ms - Math.floor(ms / SECOND_MS) * SECOND_MS;
  return goDate(zone, w.year + years, w.month + months, w.day + days, w.hour, w.minute, w.second) + frac;
}

/** Go `t.Truncate(d)` for d dividing a day (absolute time, not wall time). */
export function truncate(ms: number, unitMs: number): number {
  return Math.floor(ms / unitMs) * unitMs;
}

export type LoadLocationResult = { zone: Zone } | { error: string };

/** Names the platform resolves: cache of `Intl` checks. */
const known = new Map<string, string | null>();

function resolveIana(name: string): string | null {
  if (known.has(name)) return known.get(name)!;
  let resolved: string | null;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    resolved = null;
  }
  known.set(name, resolved);
  return resolved;
}

/**
 * Go `time.LoadLocation(name)`: `""` and `"UTC"` are UTC; `"Local"` is the process's zone (the
 * simulated controller-manager's, `localZone`, UTC by default); a name with `..` or a leading
 * `/` or `\` is `time: invalid location name`; an unknown name is `unknown time zone <name>`.
 */
export function loadLocation(name: string, localZone: Zone = UTC): LoadLocationResult {
  if (name === '' || name === 'UTC') return { zone: UTC };
  if (name === 'Local') return { zone: localZone };
  if (name.includes('..') || name[0] === '/' || name[0] === '\\') return { error: 'time: invalid location name' };
  const caseMismatch = name.split('/').some((part) => /^[a-z]/.test(part));
  const iana = caseMismatch ? null : resolveIana(name);
  if (iana === null) return { error: `unknown time zone ${name}` };
  return { zone: { name, iana } };
}

/** A zone for an IANA name known to load (tests, defaults); throws otherwise. */
export function mustLoadLocation(name: string): Zone {
  const r = loadLocation(name);
  if ('error' in r) throw new Error(r.error);
  return r.zone;
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, '0');
}

/** Go `t.In(loc).Format(time.RFC3339)`: `2006-01-02T15:04:05Z07:00`, `Z` for a zero offset. */
export function formatRFC3339(zone: Zone, ms: number): string {
  const off = offsetMs(zone, ms);
  const w = wallClock(zone, ms);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  if (off === 0) return `${date}Z`;
  const totalMin = Math.trunc(Math.abs(off) / MINUTE_MS);
  return `${date}${off < 0 ? '-' : '+'}${pad(Math.trunc(totalMin / 60))}:${pad(totalMin % 60)}`;
}
