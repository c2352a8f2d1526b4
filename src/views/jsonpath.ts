/**
 * kubectl `-o jsonpath=<template>`: a port of the subset of k8s.io/client-go/util/jsonpath used in
 * practice, with kubectl's settings (AllowMissingKeys(true)).
 *
 * Supported: literal text; `{.a.b}`, `{$.a}`, `{@.a}`; `{.items[*].x}`; `[n]`, `[-1]`, `[a:b]`,
 * `[a:b:step]`; `[*]` and `.*`; `..name` (recursive descent); `['key']` / `["key"]` and escaped dots
 * (`{.metadata.labels.app\.kubernetes\.io/name}`); filters `[?(@.type=="Ready")]` with
 * `== != < > <= >=` and existence `[?(@.x)]`; unions `[0,2]` / `['a','b']`;
 * `{range <expr>}…{end}`; quoted strings `{"\n"}`.
 *
 * Output follows JSONPath.PrintResults: the results of one `{…}` are joined with a space; strings
 * print raw, numbers and booleans with Go's `%v`, maps and arrays as compact JSON.
 */
import { goValue } from './util.ts';

type Segment =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string | '*' }
  | { t: 'wildcard' }
  | { t: 'index'; values: Array<number | { start?: number; end?: number; step?: number }> }
  | { t: 'keys'; names: string[] }
  | { t: 'filter'; left: Segment[]; op?: string; right?: FilterOperand };

type FilterOperand = { kind: 'path'; segs: Segment[] } | { kind: 'literal'; value: unknown };

type Node =
  | { t: 'text'; text: string }
  | { t: 'expr'; segs: Segment[] }
  | { t: 'range'; segs: Segment[]; body: Node[] };

export class JSONPathError extends Error {}

// ------------------------------------------------------------------------------------------
// parsing

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ segs: Segment[]; body: Node[] }> = [];
  const cur = () => (stack.length > 0 ? stack[stack.length - 1].body : root);
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      cur().push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) cur().push({ t: 'text', text: template.slice(i, open) });
    const close = findClose(template, open + 1);
    if (close < 0) throw new JSONPathError(`unclosed action`);
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    if (inner === 'end') {
      const r = stack.pop();
      if (!r) throw new JSONPathError('not in range, nothing to end');
      cur().push({ t: 'range', segs: r.segs, body: r.body });
    } else if (inner.startsWith('range ') || inner === 'range') {
      stack.push({ segs: parseExpr(inner.slice(5).trim()), body: [] });
    } else if (inner.startsWith('"') || inner.startsWith('\'')) {
      cur().push({ t: 'text', text: unquote(inner) });
    } else {
      cur().push({ t: 'expr', segs: parseExpr(inner) });
    }
  }
  if (stack.length > 0) throw new JSONPathError('range not closed');
  return root;
}

/** index of the '}' closing the action that starts at `from`, skipping quoted strings */
function findClose(s: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '\'') {
      quote = c;
    } else if (c === '}') {
      return i;
    }
  }
  return -1;
}

function unquote(q: string): string {
  const quote = q[0];
  if (q[q.length - 1] !== quote) throw new JSONPathError(`unterminated quoted string ${q}`);
  const body = q.slice(1, -1);
  if (quote === '\'') return body.replace(/\\'/g, '\'');
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'b': return '\b';
      case 'v': return '\v';
      case 'a': return '\x07';
      case '0': return '\0';
      case 'u': case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

function parseExpr(expr: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  if (expr[i] === '$' || expr[i] === '@') i++;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '.') {
      if (expr[i + 1] === '.') {
        i += 2;
        const { name, next } = readName(expr, i);
        segs.push({ t: 'recursive', name: name === '' ? '*' : name });
        i = next;
        continue;
      }
      i++;
      if (expr[i] === '*') {
        segs.push({ t: 'wildcard' });
        i++;
        continue;
      }
      const { name, next } = readName(expr, i);
      if (name !== '') segs.push({ t: 'field', name });
      i = next;
    } else if (c === '[') {
      const close = findBracketClose(expr, i);
      if (close < 0) throw new JSONPathError(`unterminated array in ${expr}`);
      segs.push(parseBracket(expr.slice(i + 1, close).trim()));
      i = close + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      // bare identifier at the start (e.g. "{items[*]}") behaves like a field
      const { name, next } = readName(expr, i);
      if (name === '') throw new JSONPathError(`unrecognized character in action: ${c}`);
      segs.push({ t: 'field', name });
      i = next;
    }
  }
  return segs;
}

/** reads a field name; `\.` escapes a dot */
function readName(s: string, from: number): { name: string; next: number } {
  let name = '';
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      name += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '.' || c === '[' || /\s/.test(c)) break;
    name += c;
    i++;
  }
  return { name, next: i };
}

function findBracketClose(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === '\'') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  return -1;
}

function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '\'') {
      quote = c;
    } else if (c === sep) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}

function parseBracket(inner: string): Segment {
  if (inner === '*') return { t: 'wildcard' };
  if (inner.startsWith('?')) {
    const m = /^\?\s*\((.*)\)$/s.exec(inner);
    if (!m) throw new JSONPathError(`invalid filter ${inner}`);
    return parseFilter(m[1].trim());
  }
  const parts = splitTopLevel(inner, ',');
  if (parts.every((p) => p.startsWith('"') || p.startsWith('\''))) {
    return { t: 'keys', names: parts.map(unquote) };
  }
  const values = parts.map((p) => {
    if (/^-?\d+$/.test(p)) return Number(p);
    const sl = /^(-?\d+)?\s*:\s*(-?\d+)?(?:\s*:\s*(-?\d+)?)?$/.exec(p);
    if (!sl) throw new JSONPathError(`invalid array index ${p}`);
    return {
      start: sl[1] !== undefined ? Number(sl[1]) : undefined,
      end: sl[2] !== undefined ? Number(sl[2]) : undefined,
      step: sl[3] !== undefined ? Number(sl[3]) : undefined,
    };
  });
  return { t: 'index', values };
}

function parseOperand(s: string): FilterOperand {
  if (s.startsWith('@') || s.startsWith('$')) return { kind: 'path', segs: parseExpr(s) };
  if (s.startsWith('"') || s.startsWith('\'')) return { kind: 'literal', value: unquote(s) };
  if (s === 'true' || s === 'false') return { kind: 'literal', value: s === 'true' };
  if (s === 'nil' || s === 'null') return { kind: 'literal', value: null };
  const n = Number(s);
  if (s !== '' && !Number.isNaN(n)) return { kind: 'literal', value: n };
  throw new JSONPathError(`unrecognized filter operand ${s}`);
}

function parseFilter(s: string): Segment {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/s.exec(s);
  if (!m) {
    const left = parseOperand(s);
    if (left.kind !== 'path') throw new JSONPathError(`invalid filter ${s}`);
    return { t: 'filter', left: left.segs };
  }
  const left = parseOperand(m[1].trim());
  if (left.kind !== 'path') throw new JSONPathError(`invalid filter ${s}`);
  return { t: 'filter', left: left.segs, op: m[2], right: parseOperand(m[3].trim()) };
}

// ------------------------------------------------------------------------------------------
// evaluation

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function evalSegs(values: unknown[], segs: Segment[]): unknown[] {
  let cur = values;
  for (const seg of segs) cur = evalSeg(cur, seg);
  return cur;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort();
}

function recursiveCollect(v: unknown, name: string | '*', out: unknown[]): void {
  if (isObj(v)) {
    for (const k of sortedKeys(v)) {
      if (name === '*' || k === name) out.push(v[k]);
    }
    for (const k of sortedKeys(v)) recursiveCollect(v[k], name, out);
  } else if (Array.isArray(v)) {
    if (name === '*') out.push(...v);
    for (const x of v) recursiveCollect(x, name, out);
  }
}

function evalSeg(values: unknown[], seg: Segment): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.t) {
      case 'field':
        if (isObj(v) && seg.name in v && v[seg.name] !== undefined) out.push(v[seg.name]);
        break; // missing keys allowed (kubectl sets AllowMissingKeys(true))
      case 'keys':
        if (isObj(v)) for (const n of seg.names) if (n in v) out.push(v[n]);
        break;
      case 'wildcard':
        if (Array.isArray(v)) out.push(...v);
        else if (isObj(v)) for (const k of sortedKeys(v)) out.push(v[k]);
        break;
      case 'recursive':
        recursiveCollect(v, seg.name, out);
        break;
      case 'index': {
        if (!Array.isArray(v)) break;
        const len = v.length;
        for (const idx of seg.values) {
          if (typeof idx === 'number') {
            const i = idx < 0 ? idx + len : idx;
            if (i >= 0 && i < len) out.push(v[i]);
            else throw new JSONPathError(`array index out of bounds: index ${idx}, length ${len}`);
          } else {
            let start = idx.start ?? 0;
            let end = idx.end ?? len;
            const step = idx.step ?? 1;
            if (start < 0) start += len;
            if (end < 0) end += len;
            start = Math.max(0, Math.min(start, len));
            end = Math.max(0, Math.min(end, len));
            for (let i = start; i < end; i += Math.max(1, step)) out.push(v[i]);
          }
        }
        break;
      }
      case 'filter': {
        const items = Array.isArray(v) ? v : [];
        for (const item of items) {
          const lefts = evalSegs([item], seg.left);
          if (!seg.op) {
            if (lefts.length > 0) out.push(item);
            continue;
          }
          const rights = seg.right!.kind === 'literal' ? [seg.right!.value] : evalSegs([item], seg.right!.segs);
          if (lefts.length === 0 || rights.length === 0) continue;
          if (compare(lefts[0], seg.op, rights[0])) out.push(item);
        }
        break;
      }
    }
  }
  return out;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return applyOp(Number(a), op, Number(b));
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return applyOp(text(a), op, text(b));
}

function applyOp<T extends number | string>(x: T, op: string, y: T): boolean {
  switch (op) {
    case '==': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    case '>=': return x >= y;
  }
  return false;
}

/** Go json.Marshal of a scalar (null, string, number, boolean); undefined for arrays and objects. */
export function goJsonScalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** Go json.Marshal (compact): sorted map keys, HTML-escaped strings. */
export function goJsonCompact(v: unknown): string {
  const scalar = goJsonScalar(v);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(v)) return `[${v.map(goJsonCompact).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonCompact(o[k])}`).join(',')}}`;
}

/** A JSON string literal as Go's encoding/json writes it (escapes <, >, &, U+2028, U+2029). */
export function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Scalars as Go `%v` prints them, arrays and maps as compact JSON. */
function printValue(v: unknown): string {
  return v !== null && typeof v === 'object' ? goJsonCompact(v) : goValue(v);
}

function execute(nodes: Node[], data: unknown, out: string[]): void {
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out.push(n.text);
        break;
      case 'expr':
        out.push(evalSegs([data], n.segs).map(printValue).join(' '));
        break;
      case 'range':
        for (const item of evalSegs([data], n.segs)) execute(n.body, item, out);
        break;
    }
  }
}

/** Evaluates a kubectl jsonpath template against `data`. No trailing newline is added. */
export function jsonpath(data: unknown, template: string): string {
  const nodes = parseTemplate(template);
  const out: string[] = [];
  execute(nodes, data, out);
  return out.join('');
}
