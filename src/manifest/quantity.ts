/**
 * Resource quantities as the manifest pipeline reads and prints them, on top of the one
 * `resource.Quantity` implementation in `src/quantity.ts`: a number part without digits is
 * refused, and values print in canonical form after SetDefaults_ResourceList's `RoundUp(-3)`.
 */
import {
  ERR_FORMAT_WRONG, compareQuantities, formatCanonical, roundUpQuantity, tryParseQuantity, type Quantity,
} from '../quantity.ts';

export type { Quantity };

/** resource.ErrFormatWrong */
export const QUANTITY_FORMAT_ERROR = ERR_FORMAT_WRONG;

/** resource.ParseQuantity; returns the upstream error message on failure. */
export function parseQuantity(str: string): Quantity | { error: string } {
  const r = tryParseQuantity(str, { requireDigits: true });
  return r.ok ? r.quantity : { error: r.error };
}

export function isQuantity(q: Quantity | { error: string }): q is Quantity {
  return 'nanos' in q;
}

/** -1, 0, 1 */
export const compareQuantity: (a: Quantity, b: Quantity) => number = compareQuantities;

/** Quantity.String() of the value rounded up to milli precision (what the API server stores). */
export function formatQuantity(q: Quantity): string {
  return formatCanonical(roundUpQuantity(q, -3));
}

/** The text `resource.Quantity.UnmarshalJSON` parses: a JSON number's text or a trimmed string. */
export function quantityText(v: unknown): string | undefined {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
}

/** Parse a manifest value (string or number) as a quantity. */
export function quantityOf(v: unknown): Quantity | undefined {
  const text = quantityText(v);
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  return isQuantity(q) ? q : undefined;
}
