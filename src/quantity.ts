/**
 * `resource.Quantity` from k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go, amount.go):
 * exact fixed-point parsing (values are kept as an exact count of nano-units, as upstream rounds
 * every parsed value up to the nano scale), `Value()`/`MilliValue()` rounding away from zero, and
 * the canonical String() form that kubectl prints.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** Exact value × 10^9 (every parsed quantity is a whole number of nano-units). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /**
   * The input string when upstream keeps it as the serialized form (it does so when the input
   * was already canonical, e.g. "100m", "1Gi"; see ParseQuantity).
   */
  readonly s?: string;
}

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** `resource.ErrFormatWrong` */
export const ERR_FORMAT_WRONG = "quantities must match the regular expression '" + splitREString + "'";
/** `resource.ErrNumeric` */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** `resource.ErrSuffix` */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO = 1_000_000_000n;
const MAX_INT64 = 9223372036854775807n;
const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string) => c >= '0' && c <= '9';

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** `parseQuantityString`: the fast scanner. Returns null for ErrFormatWrong. */
function scan(str: string): Scanned | null {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!SUFFIX_CHARS.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[i])) break;
  }
  return null;
}

interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** `suffixHandler.interpret` */
function interpret(s: string): Interpreted | null {
  if (own(DEC_SUFFIXES, s)) return { base: 10, exponent: DEC_SUFFIXES[s], format: 'DecimalSI' };
  if (own(BIN_SUFFIXES, s)) return { base: 2, exponent: BIN_SUFFIXES[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const v = BigInt(rest);
    if (v > MAX_INT64 || v < -MAX_INT64 - 1n) return null;
    // int32(parsed): Go truncates to 32 bits
    return { base: 10, exponent: Number(BigInt.asIntN(32, v)), format: 'DecimalExponent' };
  }
  return null;
}

// Exponents beyond this are not representable here without huge BigInts; upstream would build
// arbitrarily large inf.Dec values. See parseQuantity.
const MAX_DECIMAL_EXPONENT = 4096;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Ceiling division of non-negative bigints. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * `resource.ParseQuantity`. Throws a QuantityError with upstream's message. Numbers are accepted
 * as JSON/YAML numbers are (upstream's UnmarshalJSON parses their text).
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberText(input) : input;
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', s: str };

  const sc = scan(str);
  if (sc === null) throw new QuantityError(ERR_FORMAT_WRONG);
  const it = interpret(sc.suffix);
  if (it === null) throw new QuantityError(ERR_SUFFIX);
  const { positive, num, denom } = sc;
  let { format } = it;
  const { base, exponent } = it;

  // Fast path (int64Amount) eligibility, exactly as upstream computes it.
  let precision: number;
  let scale = 0;
  if (base === 10) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const mantissa = base === 2 ? 1n << BigInt(exponent) : 1n;
      const result = value * mantissa;
      if (result <= MAX_INT64) {
        if (result !== 0n && scale + 9 > MAX_DECIMAL_EXPONENT) throw new QuantityError(ERR_NUMERIC);
        const nanos = result === 0n ? 0n : (positive ? result : -result) * pow10(scale + 9);
        let keep = false;
        if (format === 'BinarySI') keep = exponent % 10 === 0 && (value & 7n) !== 0n;
        else keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return keep ? { nanos, format, s: str } : { nanos, format };
      }
    }
  }

  // Slow path (inf.Dec): inf.Dec.SetString(value) needs at least one digit.
  const digitsOnly = sc.value.replace(/^[+-]/, '');
  if (!/^[0-9]*\.?[0-9]*$/.test(digitsOnly) || !/[0-9]/.test(digitsOnly)) throw new QuantityError(ERR_NUMERIC);
  const intDigits = (num + denom).replace(/^0+(?=.)/, '');
  let mag = BigInt(intDigits); // value × 10^denom.length
  let nanos: bigint;
  if (base === 10) {
    const e = exponent - denom.length + 9; // magnitude in nanos = mag × 10^e
    if (mag === 0n) nanos = 0n;
    else if (e >= 0) {
      if (e > MAX_DECIMAL_EXPONENT) throw new QuantityError(ERR_NUMERIC);
      nanos = mag * pow10(e);
    } else if (-e > MAX_DECIMAL_EXPONENT) nanos = 1n; // rounds up to the minimum representable value
    else nanos = ceilDiv(mag, pow10(-e));
  } else {
    mag = mag << BigInt(exponent);
    const den = pow10(denom.length);
    nanos = mag === 0n ? 0n : ceilDiv(mag * NANO, den);
  }
  // BinarySI is capped at the int64 maximum; non-zero values below 1 switch to DecimalSI.
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  return { nanos: positive ? nanos : -nanos, format };
}

export interface ParseOptions {
  /**
   * Reject a number part without any digit (`Gi`, `-`, `.`) with ERR_NUMERIC. Upstream reads these
   * as zero; kubeactors' manifest validation and the views refuse them.
   */
  requireDigits?: boolean;
}

/** Non-throwing variant of {@link parseQuantity}. */
export function tryParseQuantity(
  input: string | number,
  opts: ParseOptions = {},
): { ok: true; quantity: Quantity } | { ok: false; error: string } {
  try {
    const quantity = parseQuantity(input);
    if (opts.requireDigits && typeof input === 'string' && !/^[+-]?\.?[0-9]/.test(input)) return { ok: false, error: ERR_NUMERIC };
    return { ok: true, quantity };
  } catch (e) {
    if (e instanceof QuantityError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The text a JSON/YAML number has when a Quantity is unmarshalled from it. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(n);
}

function toQuantity(q: Quantity | string | number): Quantity {
  return typeof q === 'object' ? q : parseQuantity(q);
}

/** `ScaledValue(scale)`: ceil(|q| / 10^scale) away from zero. */
function scaledValue(nanos: bigint, scale: number): bigint {
  if (nanos === 0n) return 0n;
  const neg = nanos < 0n;
  const mag = neg ? -nanos : nanos;
  const e = scale + 9;
  const v = e >= 0 ? ceilDiv(mag, pow10(e)) : mag * pow10(-e);
  return neg ? -v : v;
}

/** `Quantity.Value()`: rounded up (away from zero) to an integer. */
export function quantityValue(q: Quantity | string | number): number {
  return Number(scaledValue(toQuantity(q).nanos, 0));
}

/** `Quantity.MilliValue()`: ceil(q × 1000), away from zero. */
export function quantityMilliValue(q: Quantity | string | number): number {
  return Number(scaledValue(toQuantity(q).nanos, -3));
}

/** CPU as milli-cores, the scheduler's unit (`MilliValue()`): `cpuMillis("1.5") === 1500`. */
export function cpuMillis(q: Quantity | string | number): number {
  return quantityMilliValue(q);
}

/** Memory (or any byte quantity) as bytes (`Value()`): `memoryBytes("128Mi") === 134217728`. */
export function memoryBytes(q: Quantity | string | number): number {
  return quantityValue(q);
}

/** `resource.NewQuantity(value, format)`. */
export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

/** `resource.NewMilliQuantity(value, format)`. */
export function newMilliQuantity(millis: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(millis) * 1_000_000n, format };
}

/** `Quantity.Add`: the receiver's format wins unless it is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** `Quantity.Sub` */
export function subQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/**
 * `Quantity.RoundUp(scale)` (scale >= -9): the value rounded away from zero to a multiple of
 * 10^scale, e.g. `RoundUp(-3)` as SetDefaults_ResourceList does. Returns `q` itself when exact.
 */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  const unit = pow10(scale + 9);
  const rest = q.nanos % unit;
  if (rest === 0n) return q;
  return { nanos: q.nanos - rest + (q.nanos < 0n ? -unit : unit), format: q.format };
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity | string | number, b: Quantity | string | number): number {
  const x = toQuantity(a).nanos;
  const y = toQuantity(b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}

function removeFactors(v: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  const neg = v < 0n;
  let m = neg ? -v : v;
  while (m >= factor && m % factor === 0n) {
    m /= factor;
    times++;
  }
  return [neg ? -m : m, times];
}

const DEC_SUFFIX_FOR_EXP: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX_FOR_EXP: Record<number, string> = { 10: 'Ki', 20: 'Mi', 30: 'Gi', 40: 'Ti', 50: 'Pi', 60: 'Ei' };

/**
 * `Quantity.String()` / `CanonicalizeBytes`: the canonical form Kubernetes prints ("100m",
 * "128Mi", "2", "1500m" for 1.5, "1536Mi" for 1.5Gi). A parsed string that upstream keeps
 * verbatim (already canonical) is returned as given.
 */
export function formatQuantity(q: Quantity | string | number): string {
  const qq = toQuantity(q);
  if (qq.s !== undefined) return qq.s;
  const nanos = qq.nanos;
  if (nanos === 0n) return '0';
  let format = qq.format;
  if (format === 'BinarySI') {
    // -1024 < q < 1024 → DecimalSI; a value that is not a whole number → DecimalSI
    if (nanos > -1024n * NANO && nanos < 1024n * NANO) format = 'DecimalSI';
    else if (nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const [amount, exp] = removeFactors(nanos / NANO, 1024n);
    // an exponent without a suffix (beyond Ei) prints the bare number, as upstream does
    return amount.toString() + (BIN_SUFFIX_FOR_EXP[exp * 10] ?? '');
  }
  // AsCanonicalBytes: move factors of 10 into the exponent, then lower it to a multiple of 3
  let [amount, times] = removeFactors(nanos, 10n);
  let exponent = -9 + times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exponent === 0 ? '' : 'e' + exponent;
  else suffix = DEC_SUFFIX_FOR_EXP[exponent] ?? '';
  return amount.toString() + suffix;
}

/**
 * The canonical form of the value alone ({@link formatQuantity} ignoring a kept input text):
 * `+1` → `1`, `1.500` → `1500m`, `1E6` → `1e6`.
 */
export function formatCanonical(q: Quantity | string | number): string {
  const { nanos, format } = toQuantity(q);
  return formatQuantity({ nanos, format });
}

/** Display helper: milli-cores as kubectl prints a CPU quantity (`NewMilliQuantity(m, DecimalSI)`). */
export function formatCPU(millis: number): string {
  return formatQuantity(newMilliQuantity(millis, 'DecimalSI'));
}

/** Display helper: bytes as kubectl prints a memory quantity (`NewQuantity(b, BinarySI)`). */
export function formatMemory(bytes: number): string {
  return formatQuantity(newQuantity(bytes, 'BinarySI'));
}
