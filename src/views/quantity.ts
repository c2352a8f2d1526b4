/**
 * Quantities as the views read and print them, on top of the one `resource.Quantity`
 * implementation in `src/quantity.ts`: lenient parsing (trimmed, undefined when invalid), the
 * canonical `String()` form, and the `ResourceList` arithmetic kubectl's describers use.
 */
import {
  addQuantities, compareQuantities, formatCanonical, newQuantity, tryParseQuantity, type Quantity, type QuantityFormat,
} from '../quantity.ts';

export type { Quantity };

/** Parses a quantity string; returns undefined when it is not a valid quantity. */
export function parseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  const r = tryParseQuantity(String(input).trim(), { requireDigits: true });
  return r.ok ? r.quantity : undefined;
}

/** Canonical `Quantity.String()`. */
export const formatQuantity: (q: Quantity) => string = formatCanonical;

export function zeroQuantity(format: QuantityFormat = 'DecimalSI'): Quantity {
  return newQuantity(0, format);
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
    into[k] = into[k] ? addQuantities(into[k], q) : q;
  }
}

/** `maxResourceList`: keeps the larger value per resource. */
export function maxResourceList(into: ResourceList, other: ResourceList): void {
  for (const [k, q] of Object.entries(other)) {
    if (!into[k] || compareQuantities(q, into[k]) > 0) into[k] = q;
  }
}
