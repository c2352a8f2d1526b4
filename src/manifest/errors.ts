/**
 * Manifest errors and the API server's field-error vocabulary.
 *
 * Field errors are rendered exactly like apimachinery's `field.Error`
 * (`staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go`):
 * `<path>: <Type>[: <value>][: <detail>]`, e.g. `spec.containers[0].image: Required value`.
 */

/** One problem found in a manifest. `path` is the field path (`spec.containers[0].image`). */
export interface ManifestError {
  file?: string;
  /** 1-based line of the offending node (or its nearest existing parent). */
  line?: number;
  /** 1-based column of the offending node (or its nearest existing parent). */
  column?: number;
  /** 0-based index of the YAML document in its file. */
  doc?: number;
  path: string;
  message: string;
}

/** `pod.yaml:7:9: spec.containers[0].name: Required value` */
export function formatManifestError(e: ManifestError): string {
  let where = '';
  if (e.file !== undefined) where += e.file;
  if (e.line !== undefined) {
    where += `${where ? ':' : ''}${e.line}`;
    if (e.column !== undefined) where += `:${e.column}`;
  }
  const body = e.path ? `${e.path}: ${e.message}` : e.message;
  return where ? `${where}: ${body}` : body;
}

/** Thrown by callers that refuse a whole batch because of manifest errors (nothing is applied). */
export class ManifestLoadError extends Error {
  readonly errors: ManifestError[];
  constructor(errors: ManifestError[]) {
    const n = errors.length;
    super(
      `${n} error${n === 1 ? '' : 's'} in manifests; nothing was applied:\n` +
        errors.map((e) => `  ${formatManifestError(e)}`).join('\n'),
    );
    this.name = 'ManifestLoadError';
    this.errors = errors;
  }
}

// ---------------------------------------------------------------------------------------------
// Field paths (apimachinery field.Path): child `.name`, index `[0]`, key `[key]`.

export type PathSeg = { k: 'f'; name: string } | { k: 'i'; index: number } | { k: 'key'; key: string };
export type Path = readonly PathSeg[];

export const root: Path = [];
export const child = (p: Path, ...names: string[]): Path => [...p, ...names.map((name) => ({ k: 'f' as const, name }))];
export const index = (p: Path, i: number): Path => [...p, { k: 'i', index: i }];
export const key = (p: Path, k: string): Path => [...p, { k: 'key', key: k }];

export function pathString(p: Path): string {
  let s = '';
  for (const seg of p) {
    if (seg.k === 'f') s += s ? `.${seg.name}` : seg.name;
    else if (seg.k === 'i') s += `[${seg.index}]`;
    else s += `[${seg.key}]`;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Field errors (before they are given a file position).

/** Where to point at when reporting: the value node (default) or the map key naming it. */
export interface FieldError {
  path: Path;
  message: string;
  /** Node to point at if different from `path` (e.g. the offending label key). */
  at?: Path;
  /** Point at the key of the last segment instead of its value. */
  atKey?: boolean;
  /**
   * Values this error judges as a whole (a selector, a template's labels): it is dropped when
   * anything under them failed to decode, as the API server would have stopped at decoding.
   */
  dependsOn?: Path[];
}

/** Go `strconv.Quote` (what `%q` prints), for the characters manifests realistically contain. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      default:
        if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
        else if ((c >= 0x80 && c < 0xa0) || c === 0xfeff || c === 0x2028 || c === 0x2029)
          out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
        else out += ch;
    }
  }
  return out + '"';
}

/** Marker for values printed verbatim (Go `%#v` of a struct, already rendered). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** How `field.Error.ErrorBody` prints a bad value: numbers/bools `%v`, strings `%q`, nil `"null"`. */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return '"null"';
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[]string{${v.map((x) => (typeof x === 'string' ? goQuote(x) : String(x))).join(', ')}}`;
  return JSON.stringify(v);
}

export const required = (p: Path, detail = ''): FieldError => ({
  path: p,
  message: `Required value${detail ? `: ${detail}` : ''}`,
});

export const invalid = (p: Path, value: unknown, detail: string): FieldError => ({
  path: p,
  message: `Invalid value: ${formatBadValue(value)}${detail ? `: ${detail}` : ''}`,
});

export const notSupported = (p: Path, value: unknown, valid: readonly string[]): FieldError => ({
  path: p,
  message:
    `Unsupported value: ${formatBadValue(value)}` +
    (valid.length ? `: supported values: ${valid.map(goQuote).join(', ')}` : ''),
});

export const duplicate = (p: Path, value: unknown, detail = ''): FieldError => ({
  path: p,
  message: `Duplicate value: ${formatBadValue(value)}${detail ? `: ${detail}` : ''}`,
});

export const forbidden = (p: Path, detail: string): FieldError => ({
  path: p,
  message: `Forbidden${detail ? `: ${detail}` : ''}`,
});

export const notFound = (p: Path, value: unknown, detail = ''): FieldError => ({
  path: p,
  message: `Not found: ${formatBadValue(value)}${detail ? `: ${detail}` : ''}`,
});

export const tooLong = (p: Path, maxLength: number): FieldError => ({
  path: p,
  message: `Too long: must have at most ${maxLength} bytes`,
});

/** Point an error at another node than the one its path names (keeps the upstream path text). */
export function pointAt(e: FieldError, at: Path, atKey = false): FieldError {
  return { ...e, at, atKey };
}
