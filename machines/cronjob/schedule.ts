/**
 * CronJob schedules: a port of github.com/robfig/cron/v3 (v3.0.1, the version kube-controller-
 * manager and the API server vendor) — `ParseStandard`, `SpecSchedule.Next`,
 * `ConstantDelaySchedule` (`@every`) — plus the controller's `formatSchedule` and the API
 * server's `validateScheduleFormat` / `validateTimeZone`. Nothing else in machines/cronjob reads
 * a schedule string: it calls {@link parse} and gets `{ next(afterMs) }` or `{ error }`.
 *
 * Upstream: robfig/cron v3 parser.go (`Parser.Parse`, `normalizeFields`, `getField`,
 * `getRange`, `parseIntOrName`, `mustParseInt`, `getBits`, `parseDescriptor`), spec.go
 * (`SpecSchedule.Next`, `dayMatches`, bounds), constantdelay.go (`Every`, `Next`), spec_test.go
 * (the DST table); kubernetes/kubernetes pkg/controller/cronjob/cronjob_controllerv2.go
 * (`formatSchedule`), pkg/apis/batch/validation/validation.go (`validateScheduleFormat`,
 * `validateTimeZone`, `validTimeZoneCharacters`); Go src/time/format.go (`ParseDuration`).
 *
 * Why a port and not an npm cron library: every maintained JS parser checked (croner 11,
 * cron-parser 5, cronosjs 1.7) differs from robfig where a simulator of Kubernetes must not —
 *  - DST: robfig works on wall-clock bitsets, so a time that does not exist is SKIPPED (New York
 *    `0 2 * * *` does not run on the spring-forward day) and a time that occurs twice runs
 *    TWICE (`0 1 * * *` runs at 01:00 EDT and 01:00 EST on the fall-back day). The libraries
 *    follow Vixie cron (run a gap time at the end of the gap, run a repeated time once) and fail
 *    4 of the 16 rows of robfig's own DST table;
 *  - grammar: robfig reads `5/15` as `5-59/15` (croner rejects it), rejects `7` for Sunday (all
 *    three accept it), and treats `*`/`?` (and `*\/1`, but not `*\/2`) as "star" for the
 *    day-of-month / day-of-week rule;
 *  - texts: the controller's `UnparseableSchedule` event and the API server's validation error
 *    quote robfig's error strings (`end of range (61) above maximum (59): 61`).
 * croner is kept as a test-only oracle (test/machines/cronjob/oracle.test.ts) for the schedules
 * where both agree. Wall-clock arithmetic comes from tz.ts (the platform's IANA database).
 */
import { goQuote } from '../deployment/fenceposts.ts';
import { GO_ZERO_TIME } from '../../src/views/duration.ts';
import {
  HOUR_MS, MINUTE_MS, SECOND_MS, UTC, addDate, goDate, loadLocation, offsetMs, truncate, wallClock,
  type WallClock, type Zone,
} from './tz.ts';

/** Go's zero `time.Time` (0001-01-01T00:00:00Z) in ms: what `Next` returns when nothing matches within five years. */
export const ZERO_TIME = GO_ZERO_TIME;

/** robfig `bounds`: the range of a field and its names (lower-case). */
interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1, max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** One field as robfig's `uint64`: the set bits, and `starBit` (the field was `*` or `?`, with no step > 1). */
export interface Field {
  readonly bits: readonly boolean[];
  readonly star: boolean;
}

/** robfig `SpecSchedule` with its `Location` resolved (Local → the controller-manager's zone). */
export interface SpecSchedule {
  readonly second: Field;
  readonly minute: Field;
  readonly hour: Field;
  readonly dom: Field;
  readonly month: Field;
  readonly dow: Field;
  readonly location: Zone;
}

/** A parsed schedule: `next(t)` is the first activation strictly after `t` (ms), or {@link ZERO_TIME}. */
export interface CronSchedule {
  readonly kind: 'spec' | 'every';
  next(afterMs: number): number;
  /** The zone the schedule reads wall clocks in (`spec`), or UTC (`every`, which ignores zones). */
  readonly location: Zone;
  readonly spec?: SpecSchedule;
  /** `@every`: the delay in ms (whole seconds, ≥ 1 s). */
  readonly delayMs?: number;
}

export type ParseResult = { schedule: CronSchedule } | { error: string };

// ------------------------------------------------------------------ parsing

/** Go `strings.Fields` separators (unicode.IsSpace). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((f) => f !== '');
}

/** Go `strconv.Atoi(s)` (64-bit int): the value, or its error text. */
function goAtoi(s: string): { value: bigint } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return { error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  return { value: v };
}

/** robfig `mustParseInt`: a non-negative int (kept as bigint so error texts print it exactly). */
function mustParseInt(expr: string): { value: bigint } | { error: string } {
  const r = goAtoi(expr);
  if ('error' in r) return { error: `failed to parse int from ${expr}: ${r.error}` };
  if (r.value < 0n) return { error: `negative number (${r.value}) not allowed: ${expr}` };
  return r;
}

/** robfig `parseIntOrName`: a (case-insensitive) name of the field, else an int. */
function parseIntOrName(expr: string, r: Bounds): { value: bigint } | { error: string } {
  const key = expr.toLowerCase();
  if (r.names && Object.hasOwn(r.names, key)) return { value: BigInt(r.names[key]!) };
  return mustParseInt(expr);
}

function emptyBits(): boolean[] {
  return new Array<boolean>(64).fill(false);
}

/** robfig `getBits(min, max, step)`. */
function setBits(bits: boolean[], min: number, max: number, step: number): void {
  for (let i = min; i <= max; i += step) bits[i] = true;
}

/**
 * robfig `getRange(expr, r)`: `number | number "-" number [ "/" number ]`, `*` and `?` meaning
 * the whole range with the star bit; `N/step` means `N-max/step`; a step > 1 drops the star bit.
 */
function getRange(expr: string, r: Bounds, into: boolean[]): { star: boolean } | { error: string } {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  const min = BigInt(r.min);
  const max = BigInt(r.max);
  let start: bigint;
  let end: bigint;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = min;
    end = max;
    star = true;
  } else {
    const s = parseIntOrName(lowAndHigh[0]!, r);
    if ('error' in s) return s;
    start = s.value;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1]!, r);
      if ('error' in e) return e;
      end = e.value;
    } else return { error: `too many hyphens: ${expr}` };
  }
  let step: bigint;
  if (rangeAndStep.length === 1) step = 1n;
  else if (rangeAndStep.length === 2) {
    const st = mustParseInt(rangeAndStep[1]!);
    if ('error' in st) return st;
    step = st.value;
    if (singleDigit) end = max;
    if (step > 1n) star = false;
  } else return { error: `too many slashes: ${expr}` };

  if (start < min) return { error: `beginning of range (${start}) below minimum (${r.min}): ${expr}` };
  if (end > max) return { error: `end of range (${end}) above maximum (${r.max}): ${expr}` };
  if (start > end) return { error: `beginning of range (${start}) beyond end of range (${end}): ${expr}` };
  if (step === 0n) return { error: `step of range should be a positive number: ${expr}` };
  // A step beyond the range keeps only the start (`*/61` in minutes is minute 0).
  setBits(into, Number(start), Number(end), step > max ? r.max + 1 : Number(step));
  return { star };
}

/** robfig `getField`: a comma-separated list of ranges (empty items are dropped, as `strings.FieldsFunc`). */
function getField(field: string, r: Bounds): Field | { error: string } {
  const bits = emptyBits();
  let star = false;
  for (const expr of field.split(',').filter((x) => x !== '')) {
    const res = getRange(expr, r, bits);
    if ('error' in res) return res;
    star ||= res.star;
  }
  return { bits, star };
}

function allOf(r: Bounds): Field {
  const bits = emptyBits();
  setBits(bits, r.min, r.max, 1);
  return { bits, star: true };
}

function only(v: number): Field {
  const bits = emptyBits();
  bits[v] = true;
  return { bits, star: false };
}

function specSchedule(f: Omit<SpecSchedule, 'location'>, location: Zone): CronSchedule {
  const spec: SpecSchedule = { ...f, location };
  return { kind: 'spec', spec, location, next: (t: number) => specNext(spec, t) };
}

/**
 * robfig `parseDescriptor`: `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`,
 * `@hourly`, `@every <Go duration>`; else `unrecognized descriptor: <d>`.
 */
function parseDescriptor(descriptor: string, loc: Zone): ParseResult {
  const zero = only(0);
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return { schedule: specSchedule({ second: zero, minute: zero, hour: zero, dom: only(1), month: only(1), dow: allOf(DOW) }, loc) };
    case '@monthly':
      return { schedule: specSchedule({ second: zero, minute: zero, hour: zero, dom: only(1), month: allOf(MONTHS), dow: allOf(DOW) }, loc) };
    case '@weekly':
      return { schedule: specSchedule({ second: zero, minute: zero, hour: zero, dom: allOf(DOM), month: allOf(MONTHS), dow: only(0) }, loc) };
    case '@daily':
    case '@midnight':
      return { schedule: specSchedule({ second: zero, minute: zero, hour: zero, dom: allOf(DOM), month: allOf(MONTHS), dow: allOf(DOW) }, loc) };
    case '@hourly':
      return { schedule: specSchedule({ second: zero, minute: zero, hour: allOf(HOURS), dom: allOf(DOM), month: allOf(MONTHS), dow: allOf(DOW) }, loc) };
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const d = parseGoDuration(descriptor.slice(every.length));
    if ('error' in d) return { error: `failed to parse duration ${descriptor}: ${d.error}` };
    return { schedule: everySchedule(d.ns) };
  }
  return { error: `unrecognized descriptor: ${descriptor}` };
}

/**
 * robfig `ParseStandard(spec)` (the standard parser: minute hour dom month dow, descriptors
 * allowed): `""` → `empty spec string`; a `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix loads that
 * zone (`provided bad location <zone>: <err>`); otherwise wall clocks are read in `localZone`
 * (Go's `time.Local`, the controller-manager's zone). Deviation: a `TZ=` prefix with no space
 * after it makes robfig panic (slice bounds); here it is an error with the panic's text.
 */
export function parseStandard(spec: string, localZone: Zone = UTC): ParseResult {
  if (spec.length === 0) return { error: 'empty spec string' };
  let loc = localZone;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // Upstream slices spec[eq+1:i] with i = -1 and panics; the API server's recovered panic reads so.
    if (i < 0) return { error: 'runtime error: slice bounds out of range [:-1]' };
    const name = spec.slice(eq + 1, i);
    const l = loadLocation(name, localZone);
    if ('error' in l) return { error: `provided bad location ${name}: ${l.error}` };
    loc = l.zone;
    spec = spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, loc);
  const fields = goFields(spec);
  if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const out: Field[] = [];
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
  for (let i = 0; i < 5; i++) {
    const f = getField(fields[i]!, bounds[i]!);
    if ('error' in f) return f;
    out.push(f);
  }
  return {
    schedule: specSchedule({ second: getField('0', SECONDS) as Field, minute: out[0]!, hour: out[1]!, dom: out[2]!, month: out[3]!, dow: out[4]! }, loc),
  };
}

// ------------------------------------------------------------------ Next

/** robfig `dayMatches`: both must match when either field has the star bit, else either may. */
export function dayMatches(s: SpecSchedule, w: WallClock): boolean {
  const domMatch = s.dom.bits[w.day] === true;
  const dowMatch = s.dow.bits[w.weekday] === true;
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * robfig `SpecSchedule.Next(t)`: the first activation strictly after `t`, found by walking the
 * wall clock of `s.location` field by field (month, day, hour, minute, second), each increment
 * resetting the smaller fields and wrapping back to re-check the larger ones; zero time when
 * nothing matches within five years. Month and day steps are `AddDate` (wall-clock, normalised
 * by `time.Date`), hour/minute/second steps add absolute time — hence a wall time that does not
 * exist is skipped and one that occurs twice matches twice. A day step that lands off midnight
 * (a zone whose midnight does not exist) is pulled back (hour ≤ 12) or pushed forward (> 12).
 */
/** Units from `cur` to the next set bit of the field, or to its wrap (`span`): what robfig's one-unit steps would count. */
function unitsToNext(bits: readonly boolean[], cur: number, span: number): number {
  for (let v = cur + 1; v < span; v++) if (bits[v]) return v - cur;
  return span - cur;
}

/**
 * robfig's inner loops add one minute (second) at a time and re-read the wall clock; that lands
 * where `k` steps would when the zone's offset is the same at both ends (then the wall clock moved
 * k units too — no zone changes its offset and back within an hour). Otherwise one step, as robfig.
 * Same result, without up to 59 wall-clock reads per call.
 */
function stepTo(loc: Zone, t: number, unitMs: number, k: number): number {
  if (k > 1) {
    const jump = t + k * unitMs;
    if (offsetMs(loc, jump) === offsetMs(loc, t)) return jump;
  }
  return t + unitMs;
}

/** `oneUnitSteps`: robfig's literal one-unit loops — the reference the jumps are tested against. */
export function specNext(s: SpecSchedule, afterMs: number, oneUnitSteps = false): number {
  const loc = s.location;
  // Start at the earliest possible time (the upcoming second).
  let t = truncate(afterMs, SECOND_MS) + SECOND_MS;
  let added = false;
  let w = wallClock(loc, t);
  const yearLimit = w.year + 5;

  wrap: for (;;) {
    if (w.year > yearLimit) return ZERO_TIME;

    while (!s.month.bits[w.month]) {
      if (!added) {
        added = true;
        t = goDate(loc, w.year, w.month, 1, 0, 0, 0);
      }
      t = addDate(loc, t, 0, 1, 0);
      w = wallClock(loc, t);
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(s, w)) {
      if (!added) {
        added = true;
        t = goDate(loc, w.year, w.month, w.day, 0, 0, 0);
      }
      t = addDate(loc, t, 0, 0, 1);
      w = wallClock(loc, t);
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * HOUR_MS : -w.hour * HOUR_MS;
        w = wallClock(loc, t);
      }
      if (w.day === 1) continue wrap;
    }

    while (!s.hour.bits[w.hour]) {
      if (!added) {
        added = true;
        t = goDate(loc, w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += HOUR_MS;
      w = wallClock(loc, t);
      if (w.hour === 0) continue wrap;
    }

    while (!s.minute.bits[w.minute]) {
      if (!added) {
        added = true;
        t = truncate(t, MINUTE_MS);
      }
      t = stepTo(loc, t, MINUTE_MS, oneUnitSteps ? 1 : unitsToNext(s.minute.bits, w.minute, 60));
      w = wallClock(loc, t);
      if (w.minute === 0) continue wrap;
    }

    while (!s.second.bits[w.second]) {
      if (!added) {
        added = true;
        t = truncate(t, SECOND_MS);
      }
      t = stepTo(loc, t, SECOND_MS, oneUnitSteps ? 1 : unitsToNext(s.second.bits, w.second, 60));
      w = wallClock(loc, t);
      if (w.second === 0) continue wrap;
    }

    return t;
  }
}

// ------------------------------------------------------------------ @every

/** robfig `Every(d)`: at least one second, rounded down to whole seconds; `Next(t) = t − t.Nanosecond() + delay`. */
function everySchedule(ns: bigint): CronSchedule {
  let d = ns < 1_000_000_000n ? 1_000_000_000n : ns;
  d -= d % 1_000_000_000n;
  const delayMs = Number(d / 1_000_000n);
  return {
    kind: 'every', location: UTC, delayMs,
    next: (t: number) => truncate(t, SECOND_MS) + delayMs,
  };
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};

const MAX_DURATION = (1n << 63n) - 1n;

/**
 * Go `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs ms s m h; errors
 * `time: invalid duration "<s>"`, `time: missing unit in duration "<s>"`,
 * `time: unknown unit "<u>" in duration "<s>"`.
 */
export function parseGoDuration(orig: string): { ns: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0n };
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid;
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    let frac = '';
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
      post = frac.length > 0;
    }
    if (intPart.length === 0 && !post) return invalid;
    let i = 0;
    while (i < s.length && !(s[i] === '.' || (s[i]! >= '0' && s[i]! <= '9'))) i++;
    if (i === 0) return { error: `time: missing unit in duration ${goQuote(orig)}` };
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNIT_NS[u];
    if (unit === undefined) return { error: `time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}` };
    const v = intPart === '' ? 0n : BigInt(intPart);
    if (v > (1n << 63n) / unit) return invalid;
    let part = v * unit;
    if (frac !== '') {
      // float64 is accurate to the nanosecond for fractions of an hour, as upstream.
      part += BigInt(Math.floor(Number(`0.${frac}`) * Number(unit)));
      if (part > 1n << 63n) return invalid;
    }
    total += part;
    if (total > 1n << 63n) return invalid;
  }
  if (neg) return { ns: -total };
  if (total > MAX_DURATION) return invalid;
  return { ns: total };
}

// ------------------------------------------------------------------ the controller's view

/**
 * cronjob_controllerv2.go `formatSchedule(cj, recorder)`: a schedule containing `TZ` is used as
 * is (and the controller warns, see {@link unsupportedScheduleMessage}); with a `timeZone`
 * that loads it becomes `TZ=<timeZone> <schedule>`; otherwise the schedule alone (Local).
 */
export function formatSchedule(schedule: string, timeZone: string | null | undefined): { spec: string; unsupportedTZ: boolean } {
  if (schedule.includes('TZ')) return { spec: schedule, unsupportedTZ: true };
  if (timeZone !== undefined && timeZone !== null) {
    if ('error' in loadLocation(timeZone)) return { spec: schedule, unsupportedTZ: false };
    return { spec: `TZ=${timeZone} ${schedule}`, unsupportedTZ: false };
  }
  return { spec: schedule, unsupportedTZ: false };
}

/** The `UnsupportedSchedule` Warning text formatSchedule records for a schedule containing `TZ`. */
export function unsupportedScheduleMessage(schedule: string): string {
  return `CRON_TZ or TZ used in schedule ${goQuote(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`;
}

/**
 * The schedule of a CronJob as the controller parses it: `cron.ParseStandard(formatSchedule(cj))`.
 * `localZone` is the controller-manager's `time.Local` (used when `timeZone` is nil): UTC by
 * default, as in a container. Returns `{ next(afterMs) }` or `{ error }` (robfig's text).
 */
export function parse(schedule: string, timeZone?: string | null, localZone: Zone = UTC): CronSchedule | { error: string } {
  const r = parseStandard(formatSchedule(schedule, timeZone).spec, localZone);
  return 'error' in r ? { error: r.error } : r.schedule;
}

// ------------------------------------------------------------------ API validation

/**
 * validation.go `validateScheduleFormat(schedule, allowTZInSchedule, timeZone)`: the
 * `field.Invalid` details for spec.schedule — robfig's parse error, then (on create, or on an
 * update whose old schedule had no `TZ`) `cannot use TZ or CRON_TZ in schedule, use timeZone
 * field instead`, or (updating a schedule that already had `TZ`, when timeZone is set) `cannot
 * use both timeZone field and TZ or CRON_TZ in schedule`. An empty schedule is `Required`
 * upstream and is not checked here.
 */
export function validateScheduleFormat(schedule: string, allowTZInSchedule: boolean, timeZone: string | null | undefined): string[] {
  const errs: string[] = [];
  const r = parseStandard(schedule);
  if ('error' in r) errs.push(r.error);
  const hasTZ = schedule.includes('TZ');
  if (allowTZInSchedule && hasTZ && timeZone !== undefined && timeZone !== null) {
    errs.push('cannot use both timeZone field and TZ or CRON_TZ in schedule');
  } else if (!allowTZInSchedule && hasTZ) {
    errs.push('cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  }
  return errs;
}

/** validation.go `validTimeZoneCharacters`. */
const VALID_TZ_CHARS = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * validation.go `validateTimeZone(timeZone)`: `timeZone must be nil or non-empty string`; a
 * path component `.`/`..`, starting with `-` or outside `[A-Za-z.-_0-9+]{1,14}` → `unknown time
 * zone <tz>` (and nothing else); `Local` (any case) → `timeZone must be an explicit time zone as
 * defined in https://www.iana.org/time-zones`; then `time.LoadLocation`'s error.
 */
export function validateTimeZone(timeZone: string | null | undefined): string[] {
  if (timeZone === undefined || timeZone === null) return [];
  if (timeZone.length === 0) return ['timeZone must be nil or non-empty string'];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TZ_CHARS.test(part)) return [`unknown time zone ${timeZone}`];
  }
  const errs: string[] = [];
  if (timeZone.toLowerCase() === 'local') errs.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  const l = loadLocation(timeZone);
  if ('error' in l) errs.push(l.error);
  return errs;
}
