/**
 * YAML exactly as `kubectl -o yaml` writes it.
 *
 * kubectl's YAMLPrinter (k8s.io/cli-runtime/pkg/printers/yaml.go) calls sigs.k8s.io/yaml.Marshal,
 * i.e. json.Marshal → yaml.Unmarshal into interface{} → go-yaml v2 Marshal. The consequences
 * reproduced here (ported from gopkg.in/yaml.v2 encode.go / emitterc.go / sorter.go / resolve.go):
 *
 * - map keys are sorted with go-yaml's "natural" keyList.Less (digit runs compared numerically);
 * - block style, 2-space indent, sequences inside mappings are not indented ("- " under the key);
 * - strings that would resolve to another YAML 1.1 type (`"80"`, `"true"`, `"yes"`, `""`,
 *   timestamps, `"1:20"`) are double-quoted; strings not allowed as plain scalars are
 *   single-quoted; strings with line breaks use literal style (`|`, `|-`, `|+`);
 * - long plain/quoted scalars are folded at spaces once the column exceeds 80 (best_width).
 *
 * `yaml` (eemeli/yaml) is not used because its quoting and folding rules differ from go-yaml's.
 */
import { goFloatV } from './util.ts';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

export interface GoYamlOptions {
  /**
   * Sort map keys the way go-yaml does (kubectl behaviour). Default true; false keeps the object's
   * own key order.
   */
  sortKeys?: boolean;
}

// ------------------------------------------------------------------------------------------
// key ordering: go-yaml v2 sorter.go keyList.Less for string keys

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
function isDigit(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function sortKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0));
}

// ------------------------------------------------------------------------------------------
// resolve.go: would this string, written plain, be read back as something other than a string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml's parseTimestamp: the formats it accepts for an unquoted timestamp. */
function looksLikeTimestamp(s: string): boolean {
  // Quick check (from resolve.go): the first 4 chars must be digits and the 5th a '-'.
  if (!/^[0-9]{4}-/.test(s)) return false;
  return (
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?$/.test(s)
  );
}

/** strconv.ParseInt(s, 0, 64) / ParseUint succeed? (underscores already removed by the caller) */
function goParsesAsInt(s: string): boolean {
  const body = s.replace(/^[+-]/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return true;
  if (/^0[bB][01]+$/.test(body)) return true;
  if (/^0[oO][0-7]+$/.test(body)) return true;
  if (/^0[0-7]*$/.test(body)) return true;
  if (/^[1-9][0-9]*$/.test(body)) return true;
  return false;
}

function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const hint = s.charAt(0);
  if (hint === '.') {
    return YAML_STYLE_FLOAT.test(s) || /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  }
  if (/[+\-0-9]/.test(hint)) {
    if (looksLikeTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ------------------------------------------------------------------------------------------
// emitterc.go yaml_emitter_analyze_scalar

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
const isSpace = (ch: string | undefined) => ch === ' ';
const isBreak = (ch: string | undefined) =>
  ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';
const isBlankz = (ch: string | undefined) => ch === undefined || isBlank(ch) || isBreak(ch) || ch === '\0';

function analyzeScalar(value: string): Analysis {
  const chars = [...value];
  if (chars.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      switch (ch) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?': case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (ch) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    // emitter.unicode is true in go-yaml v2's encoder
    if (!isPrintable(ch)) specialCharacters = true;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(ch);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  void flowIndicators; // only matters in flow context, which go-yaml never uses for JSON data
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** encode.go stringv + emitterc.go yaml_emitter_select_scalar_style. */
function selectStyle(s: string, isKey: boolean): Style {
  const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
  let style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  const a = analyzeScalar(s);
  if (isKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && isKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || isKey)) style = 'double';
  return style;
}

// ------------------------------------------------------------------------------------------
// the emitter

class Out {
  buf: string[] = [];
  column = 0;
  /** emitter.whitespace: last written char was whitespace/indentation */
  whitespace = true;
  indention = true;
  /** emitter.open_ended: a `|+` block scalar was written; the stream then ends with "..." */
  openEnded = false;

  put(s: string): void {
    this.buf.push(s);
    for (const _ of s) this.column++;
  }
  breakLine(): void {
    this.buf.push('\n');
    this.column = 0;
  }
  /** yaml_emitter_write_indent */
  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.breakLine();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  /** yaml_emitter_write_indicator */
  indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
  toString(): string {
    return this.buf.join('');
  }
}

const DQ_ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function writePlain(o: Out, value: string, allowBreaks: boolean, indent: number): void {
  if (!o.whitespace) o.put(' ');
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (isSpace(ch)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && !isSpace(chars[i + 1])) {
        o.writeIndent(indent);
      } else {
        o.put(ch);
      }
      spaces = true;
    } else {
      o.put(ch);
      o.indention = false;
      spaces = false;
    }
  }
  o.whitespace = false;
  o.indention = false;
}

function writeSingleQuoted(o: Out, value: string, allowBreaks: boolean, indent: number): void {
  o.indicator('\'', true, false, false);
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (isSpace(ch)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && !isSpace(chars[i + 1])) {
        o.writeIndent(indent);
      } else {
        o.put(ch);
      }
      spaces = true;
    } else {
      if (ch === '\'') o.put('\'');
      o.put(ch);
      o.indention = false;
      spaces = false;
    }
  }
  o.indicator('\'', false, false, false);
  o.whitespace = false;
  o.indention = false;
}

function writeDoubleQuoted(o: Out, value: string, allowBreaks: boolean, indent: number): void {
  o.indicator('"', true, false, false);
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(ch) || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
      o.put('\\');
      const esc = DQ_ESCAPES[ch];
      if (esc !== undefined) {
        o.put(esc);
      } else if (cp <= 0xff) {
        o.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
      } else if (cp <= 0xffff) {
        o.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
      } else {
        o.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
      }
      spaces = false;
    } else if (isSpace(ch)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        o.writeIndent(indent);
        if (isSpace(chars[i + 1])) o.put('\\');
      } else {
        o.put(ch);
      }
      spaces = true;
    } else {
      o.put(ch);
      spaces = false;
    }
  }
  o.indicator('"', false, false, false);
  o.whitespace = false;
  o.indention = false;
}

function writeLiteral(o: Out, value: string, indent: number): void {
  o.indicator('|', true, false, false);
  // yaml_emitter_write_block_scalar_hints
  const chars = [...value];
  if (isSpace(chars[0]) || isBreak(chars[0])) o.indicator(String(BEST_INDENT), false, false, false);
  o.openEnded = false;
  let chomp = '';
  if (chars.length === 0) {
    chomp = '-';
  } else if (!isBreak(chars[chars.length - 1])) {
    chomp = '-';
  } else if (chars.length === 1) {
    chomp = '+';
  } else if (isBreak(chars[chars.length - 2])) {
    chomp = '+';
  }
  if (chomp === '+') o.openEnded = true;
  if (chomp) o.indicator(chomp, false, false, false);
  o.breakLine();
  o.indention = true;
  o.whitespace = true;
  let breaks = true;
  for (const ch of chars) {
    if (isBreak(ch)) {
      o.breakLine();
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) o.writeIndent(indent);
      o.put(ch);
      o.indention = false;
      breaks = false;
    }
  }
}

function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return goFloatV(n); // strconv.FormatFloat(f, 'g', -1, 64)
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object';
}

class Emitter {
  readonly o = new Out();
  constructor(private readonly opts: GoYamlOptions) {}

  private keys(m: Record<string, unknown>): string[] {
    const ks = Object.keys(m).filter((k) => m[k] !== undefined);
    return this.opts.sortKeys === false ? ks : sortKeys(ks);
  }

  /** emit a scalar node whose continuation indent is `indent` */
  scalar(v: unknown, indent: number, isKey: boolean): void {
    const o = this.o;
    if (v === null || v === undefined) return writePlain(o, 'null', !isKey, indent);
    if (typeof v === 'boolean') return writePlain(o, v ? 'true' : 'false', !isKey, indent);
    if (typeof v === 'number') return writePlain(o, goFormatFloat(v), !isKey, indent);
    if (typeof v === 'bigint') return writePlain(o, v.toString(), !isKey, indent);
    const s = String(v);
    switch (selectStyle(s, isKey)) {
      case 'plain': return writePlain(o, s, !isKey, indent);
      case 'single': return writeSingleQuoted(o, s, !isKey, indent);
      case 'double': return writeDoubleQuoted(o, s, !isKey, indent);
      case 'literal': return writeLiteral(o, s, indent);
    }
  }

  /** any node, as the value of a mapping key or a sequence item; `indent` is the parent's indent */
  node(v: unknown, parentIndent: number, inMapping: boolean): void {
    const o = this.o;
    if (isScalar(v)) {
      this.scalar(v, parentIndent + BEST_INDENT, false);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        o.indicator('[]', true, false, false);
        return;
      }
      // sequences in a mapping are "indentless"
      this.sequence(v, inMapping ? parentIndent : parentIndent + BEST_INDENT);
      return;
    }
    const m = v as Record<string, unknown>;
    if (this.keys(m).length === 0) {
      o.indicator('{}', true, false, false);
      return;
    }
    this.mapping(m, parentIndent + BEST_INDENT);
  }

  sequence(items: unknown[], indent: number): void {
    const o = this.o;
    for (const item of items) {
      o.writeIndent(indent);
      o.indicator('-', true, false, true);
      this.node(item, indent, false);
    }
  }

  mapping(m: Record<string, unknown>, indent: number): void {
    const o = this.o;
    for (const k of this.keys(m)) {
      o.writeIndent(indent);
      this.scalar(k, indent, true);
      o.indicator(':', false, false, false);
      this.node(m[k], indent, true);
    }
  }

  document(v: unknown): string {
    const o = this.o;
    if (isScalar(v)) {
      this.scalar(v, 0, false);
    } else if (Array.isArray(v)) {
      if (v.length === 0) o.indicator('[]', true, false, false);
      else this.sequence(v, 0);
    } else {
      const m = v as Record<string, unknown>;
      if (this.keys(m).length === 0) o.indicator('{}', true, false, false);
      else this.mapping(m, 0);
    }
    // document end: yaml_emitter_write_indent; stream end: "..." if open ended
    o.writeIndent(0);
    if (o.openEnded) {
      o.indicator('...', true, false, false);
      o.writeIndent(0);
    }
    return o.toString();
  }
}

/** Marshals JSON-compatible data to YAML the way sigs.k8s.io/yaml (go-yaml v2) does. */
export function goYamlMarshal(value: unknown, opts: GoYamlOptions = {}): string {
  // Round-trip through JSON like sigs.k8s.io/yaml does (drops undefined, functions, Dates → strings).
  const data = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return new Emitter(opts).document(data);
}
