/**
 * `pod-template-hash` and template equality: `controller.ComputeHash`, apimachinery
 * `rand.SafeEncodeString`, deployment_util.go `EqualIgnoreHash`.
 *
 * Deliberate difference: upstream hashes a `spew` dump of the Go struct
 * (`hashutil.DeepHashObject`); here the dump is a stable JSON of the template with object keys
 * sorted and `undefined` members dropped. Same properties (deterministic, field-order
 * independent, any change → a different hash), different digits than a real cluster.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { compareQuantities, tryParseQuantity } from '../../src/quantity.ts';

/** `apps.DefaultDeploymentUniqueLabelKey`. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** apimachinery `rand.alphanums`: no vowels, so hashes cannot spell words. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** `hash/fnv.New32a()`: FNV-1a, 32-bit, over `bytes`, continuing from `seed`. */
export function fnv1a32(bytes: Uint8Array, seed: number = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * apimachinery `rand.SafeEncodeString(s)`: each rune `b` becomes `alphanums[b % 27]`, so the
 * decimal digits 0-9 map to `4 5 6 7 8 9 b c d f`.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHANUMS[ch.codePointAt(0)! % SAFE_ALPHANUMS.length];
  return out;
}

/** A stable JSON dump: object keys sorted, `undefined` members and array holes dropped as JSON does. */
export function stableDump(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return '[' + value.map((v) => stableDump(v === undefined ? null : v)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableDump(obj[k])).join(',') + '}';
}

const encoder = new TextEncoder();

/**
 * pkg/controller/controller_utils.go `ComputeHash(template, collisionCount)`: FNV-1a 32 over the
 * template dump, then — if `collisionCount` is set — an 8-byte buffer holding the count as a
 * little-endian uint32 (the upper 4 bytes stay zero, as upstream's `make([]byte, 8)`), rendered
 * as the decimal `Sum32()` through `SafeEncodeString`.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number | null): string {
  let h = fnv1a32(encoder.encode(stableDump(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(buf, h);
  }
  return safeEncodeString(String(h));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent, null, `[]` and `{}` are one value for `Semantic.DeepEqual` (nil ≡ empty slice/map). */
function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).every((k) => v[k] === undefined);
}

/** Keys whose members are `resource.Quantity` values (compared with `Cmp`, as Semantic does). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead', 'capacity', 'allocatable']);
const QUANTITY_FIELDS = new Set(['sizeLimit']);

function quantityEqual(a: unknown, b: unknown): boolean | undefined {
  if ((typeof a !== 'string' && typeof a !== 'number') || (typeof b !== 'string' && typeof b !== 'number')) return undefined;
  const qa = tryParseQuantity(a);
  const qb = tryParseQuantity(b);
  if (!qa.ok || !qb.ok) return undefined;
  return compareQuantities(qa.quantity, qb.quantity) === 0;
}

/**
 * apimachinery `equality.Semantic.DeepEqual` over JSON objects: nil and empty slices/maps are
 * equal, `resource.Quantity` values compare by value ("1000m" = "1"). Approximation: a JSON
 * `{}` also equals an absent struct pointer (Go would tell `nil` from `&T{}`).
 */
export function semanticDeepEqual(a: unknown, b: unknown, parentKey = '', key = ''): boolean {
  if (a === b) return true;
  if (QUANTITY_MAPS.has(parentKey) || QUANTITY_FIELDS.has(key)) {
    const q = quantityEqual(a, b);
    if (q !== undefined) return q;
  }
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticDeepEqual(a[i], b[i], key, '')) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticDeepEqual(a[k], b[k], key, k)) return false;
    return true;
  }
  return false;
}

function withoutHashLabel(t: PodTemplateSpec | undefined | null): unknown {
  if (!t) return t;
  const labels = t.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return t;
  const { [POD_TEMPLATE_HASH_LABEL]: _dropped, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/**
 * deployment_util.go `EqualIgnoreHash(template1, template2)`: semantic equality after deleting
 * the `pod-template-hash` label from both (so a template without the label equals one with it).
 */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined | null, t2: PodTemplateSpec | undefined | null): boolean {
  return semanticDeepEqual(withoutHashLabel(t1), withoutHashLabel(t2));
}
