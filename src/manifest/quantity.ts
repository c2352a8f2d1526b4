/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`): parsing, exact comparison and the
 * canonical string the API server prints (`staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`).
 * Values are exact rationals (BigInt numerator/denominator), so comparisons never round.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = num / den, den > 0 */
  num: bigint;
  den: bigint;
  format: QuantityFormat;
}

// resource.ErrFormatWrong / ErrNumeric / ErrSuffix
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
function norm(num: bigint, den: bigint, format: QuantityFormat): Quantity {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g, format };
}

/** resource.parseQuantityString: sign, integer digits, optional fraction, suffix. */
function splitQuantity(str: string): { negative: boolean; num: string; denom: string; suffix: string } | { error: string } {
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '+') pos++;
  else if (str[0] === '-') {
    negative = true;
    pos++;
  }
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i);
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return { error: QUANTITY_FORMAT_ERROR };
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/** resource.ParseQuantity; returns the upstream error message on failure. */
export function parseQuantity(str: string): Quantity | { error: string } {
  if (str.length === 0) return { error: QUANTITY_FORMAT_ERROR };
  const parts = splitQuantity(str);
  if ('error' in parts) return parts;
  const { negative, num, denom, suffix } = parts;
  let kind: 'bin' | 'dec' | 'exp';
  let e = 0;
  if (suffix in binarySuffixes) {
    kind = 'bin';
    e = binarySuffixes[suffix];
  } else if (suffix in decimalSuffixes) {
    kind = 'dec';
    e = decimalSuffixes[suffix];
  } else {
    const em = /^[eE]([-+]?\d+)$/.exec(suffix);
    if (!em) return { error: QUANTITY_SUFFIX_ERROR };
    e = Number(em[1]);
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return { error: QUANTITY_SUFFIX_ERROR };
    kind = 'exp';
  }
  if (num + denom === '') return { error: QUANTITY_NUMERIC_ERROR };
  let mant = BigInt(num + denom);
  if (negative) mant = -mant;
  const fracDen = pow10(denom.length);
  if (kind === 'bin') return norm(mant * (1n << BigInt(e)), fracDen, 'BinarySI');
  const format: QuantityFormat = kind === 'dec' ? 'DecimalSI' : 'DecimalExponent';
  return e >= 0 ? norm(mant * pow10(e), fracDen, format) : norm(mant, fracDen * pow10(-e), format);
}

export function isQuantity(q: Quantity | { error: string }): q is Quantity {
  return (q as Quantity).num !== undefined;
}

/** -1, 0, 1 */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const isNegative = (q: Quantity) => q.num < 0n;

/** Quantity.RoundUp(-3): SetDefaults_ResourceList rounds every value up to milli precision. */
export function roundUpMilli(q: Quantity): Quantity {
  const scaled = q.num * 1000n;
  let milli = scaled / q.den;
  if (milli * q.den !== scaled && scaled > 0n) milli += 1n; // BigInt division truncates toward zero
  return norm(milli, 1000n, q.format);
}

function removeFactors(v: bigint, base: bigint): [bigint, number] {
  let times = 0;
  if (v === 0n) return [0n, 0];
  while (v % base === 0n) {
    v /= base;
    times++;
  }
  return [v, times];
}

/** Quantity.String() (CanonicalizeBytes) of a value already rounded to milli precision. */
export function formatQuantity(q0: Quantity): string {
  const q = roundUpMilli(q0);
  if (q.num === 0n) return '0';
  let format = q.format;
  const isInt = q.den === 1n;
  if (format === 'BinarySI') {
    const abs = q.num < 0n ? -q.num : q.num;
    if (!isInt || abs < 1024n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const [n, times] = removeFactors(q.num, 1024n);
    const t = Math.min(times, 6);
    const mant = n * (1n << BigInt(10 * (times - t)));
    return `${mant}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][t]}`;
  }
  // value = milli * 10^-3
  const milli = (q.num * 1000n) / q.den;
  let [amount, times] = removeFactors(milli, 10n);
  let exponent = -3 + times;
  const r = ((exponent % 3) + 3) % 3;
  if (r === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (r === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
  if (exponent in suffix) return `${amount}${suffix[exponent]}`;
  return `${amount}e${exponent}`;
}

/** Parse a manifest value (string or number) as a quantity. */
export function quantityOf(v: unknown): Quantity | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return undefined;
  const q = parseQuantity(v);
  return isQuantity(q) ? q : undefined;
}
