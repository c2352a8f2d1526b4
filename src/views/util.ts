/**
 * Small formatting helpers shared by the printers and describers, each a port of the apimachinery /
 * kubectl function named in its comment.
 */
import { SelectorError, selectorFromLabelSelector, selectorToString } from '../labels.ts';
import type { KObject, LabelSelector } from '../types.ts';

type StrMap = Record<string, string> | undefined | null;

/** Go's byte-wise string ordering (JS compares UTF-16 code units; identical for ASCII/BMP). */
export function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Go `sort.Strings` (returns a sorted copy). */
export function sortedStrings(xs: Iterable<string>): string[] {
  return [...xs].sort(goLess);
}

/**
 * `labels.Set(m).String()` (apimachinery pkg/labels/labels.go): `k=v` pairs sorted as strings,
 * joined with ','. Note the sort is over the whole `k=v` string, not the key.
 */
export function labelSetString(m: StrMap): string {
  if (!m) return '';
  return sortedStrings(Object.entries(m).map(([k, v]) => `${k}=${v}`)).join(',');
}

/** `labels.FormatLabels`: {@link labelSetString}, or `<none>` when empty. */
export function formatLabels(m: StrMap): string {
  const s = labelSetString(m);
  return s === '' ? '<none>' : s;
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()` (src/labels.ts): requirements sorted by key; `k=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. A nil selector is `labels.Nothing()` and an empty one
 * `labels.Everything()`; both print as "". A selector that does not convert prints as `<error>`.
 */
export function labelSelectorString(sel: LabelSelectorLike | null | undefined): string {
  try {
    return selectorToString(selectorFromLabelSelector(sel as LabelSelector | null | undefined));
  } catch (e) {
    if (e instanceof SelectorError) return '<error>';
    throw e;
  }
}

/** `metav1.FormatLabelSelector`: {@link labelSelectorString}, or `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelectorLike | null | undefined): string {
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

/**
 * `helper.GetAccessModesAsString` (pkg/apis/core/helper): de-duplicated, fixed order RWO, ROX, RWX,
 * RWOP, comma-joined.
 */
export function accessModesString(modes: string[] | undefined | null): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** `strings.Title`-free helper: Go `%v` of a scalar from unstructured JSON. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloatV(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = sortedStrings(Object.keys(v as object));
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go `%v` of a float64 (shortest repr, exponent when exp < -4 || exp >= 21) / of an int64. */
export function goFloatV(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    // JS gives e.g. "1e-7"; Go gives "1e-07" (at least two exponent digits).
    const [mant, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '');
    return `${mant}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
  }
  return String(n);
}

/** Go `%v` of a `[]string`: `[a b c]`. */
export function goStringSlice(xs: string[] | undefined | null): string {
  return `[${(xs ?? []).join(' ')}]`;
}

/** metadata accessor helpers */
export function nameOf(o: { metadata?: { name?: string } } | undefined | null): string {
  return o?.metadata?.name ?? '';
}
export function namespaceOf(o: { metadata?: { namespace?: string } } | undefined | null): string {
  return o?.metadata?.namespace ?? '';
}

/**
 * The order in which the API server lists objects: etcd key order, i.e. byte order of
 * `<namespace>/<name>` (or `<name>` for cluster-scoped objects).
 */
export function compareByStorageKey(a: KObject, b: KObject): number {
  const ka = a.metadata?.namespace ? `${a.metadata.namespace}/${a.metadata.name}` : a.metadata?.name ?? '';
  const kb = b.metadata?.namespace ? `${b.metadata.namespace}/${b.metadata.name}` : b.metadata?.name ?? '';
  return goLess(ka, kb);
}

/** The controller owner reference (`metav1.GetControllerOf`). */
export function controllerOf(o: { metadata?: { ownerReferences?: Array<{ controller?: boolean; kind: string; name: string }> } }):
  { kind: string; name: string } | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true);
}
