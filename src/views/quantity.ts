/**
 * Minimal `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource/quantity.go): parse, add,
 * compare, and the canonical `String()` form kubectl prints (`100m`, `2`, `1500`, `3k`, `128Mi`,
 * `1Gi`, `0`). Values are held exactly as BigInt nano-units (10^-9), which covers everything the
 * API server accepts except precision below a nano (rounded up, as the API server does).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value × 10^9 */
  nanos: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY_RE = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

function pow10(e: number): bigint {
  return 10n ** BigInt(e);
}

/** Parses a quantity string; returns undefined when it is not a valid quantity. */
export function parseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  const s = String(input).trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const [, num, suffix, exp] = m;
  const negative = num.startsWith('-');
  const unsigned = num.replace(/^[+-]/, '');
  const [intPart, fracPart = ''] = unsigned.split('.');
  const digits = BigInt((intPart || '0') + fracPart); // value = digits × 10^-scale
  const scale = fracPart.length;
  let format: QuantityFormat = 'DecimalSI';
  let numer = digits * pow10(9); // nanos × 10^scale
  let denom = pow10(scale);
  if (suffix !== undefined && suffix in BINARY) {
    format = 'BinarySI';
    numer *= 2n ** BigInt(BINARY[suffix]);
  } else if (exp !== undefined) {
    format = 'DecimalExponent';
    const e = Number(exp);
    if (e >= 0) numer *= pow10(e); else denom *= pow10(-e);
  } else {
    const e = DECIMAL[suffix ?? ''];
    if (e >= 0) numer *= pow10(e); else denom *= pow10(-e);
  }
  // round up (away from zero) to nano precision, like the API server's canonicalisation
  let nanos = numer / denom;
  if (nanos * denom !== numer) nanos += 1n;
  return { nanos: negative ? -nanos : nanos, format };
}

export function zeroQuantity(format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: 0n, format };
}

/** `q.Add(other)`: keeps the receiver's format. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** `q.MilliValue()` (rounded up). */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** `q.Value()` (rounded up). */
export function value(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000_000n));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a || a < 0n ? q : q + 1n;
}

const DEC_SUFFIX: Array<[number, string]> = [
  [18, 'E'], [15, 'P'], [12, 'T'], [9, 'G'], [6, 'M'], [3, 'k'], [0, ''], [-3, 'm'], [-6, 'u'], [-9, 'n'],
];
const BIN_SUFFIX: Array<[number, string]> = [[60, 'Ei'], [50, 'Pi'], [40, 'Ti'], [30, 'Gi'], [20, 'Mi'], [10, 'Ki'], [0, '']];

/** Canonical `Quantity.String()`. */
export function formatQuantity(q: Quantity): string {
  const { nanos } = q;
  if (nanos === 0n) return '0';
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  const sign = neg ? '-' : '';
  let format = q.format;
  const ONE = 1_000_000_000n;
  if (format === 'BinarySI') {
    // values in (-1024, 1024) and non-integers are shown as DecimalSI
    if (abs < 1024n * ONE || abs % ONE !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const units = abs / ONE;
    for (const [bits, suffix] of BIN_SUFFIX) {
      const d = 2n ** BigInt(bits);
      if (units % d === 0n) return `${sign}${units / d}${suffix}`;
    }
  }
  // DecimalSI (and DecimalExponent, rendered with an e-exponent)
  for (const [e, suffix] of DEC_SUFFIX) {
    const d = pow10(e + 9);
    if (abs % d === 0n) {
      const mant = abs / d;
      if (format === 'DecimalExponent') return e === 0 ? `${sign}${mant}` : `${sign}${mant}e${e}`;
      return `${sign}${mant}${suffix}`;
    }
  }
  return `${sign}${abs}n`;
}

/** Canonicalises a quantity string; returns the input unchanged if it does not parse. */
export function canonicalQuantity(s: string | number | undefined | null): string {
  if (s === undefined || s === null) return '0';
  const q = parseQuantity(s);
  return q ? formatQuantity(q) : String(s);
}

export type ResourceList = Record<string, Quantity>;

export function parseResourceList(r: Record<string, string | number> | undefined | null): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(r ?? {})) {
    const q = parseQuantity(v);
    if (q) out[k] = q;
  }
  return out;
}

/** `addResourceList`: first value keeps its own format (DeepCopy), later ones are Add()ed. */
export function addResourceList(into: ResourceList, add: ResourceList): void {
  for (const [k, q] of Object.entries(add)) {
    into[k] = into[k] ? addQuantity(into[k], q) : { ...q };
  }
}

/** `maxResourceList`: keeps the larger value per resource. */
export function maxResourceList(into: ResourceList, other: ResourceList): void {
  for (const [k, q] of Object.entries(other)) {
    if (!into[k] || cmpQuantity(q, into[k]) > 0) into[k] = { ...q };
  }
}
