/**
 * Turning field errors into positioned manifest errors: a field path is looked up in the YAML
 * document's node tree; a field that does not exist (a missing required field) is reported at
 * its nearest existing parent.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { pathString, type FieldError, type ManifestError, type Path } from './errors.ts';

export interface Position {
  line: number;
  column: number;
}

export type Locator = (path: Path, atKey: boolean) => Position | undefined;

function resolve(node: unknown, doc: Document | undefined): unknown {
  let n = node;
  for (let i = 0; i < 8 && isAlias(n) && doc; i++) n = n.resolve(doc);
  return n;
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  if (k === null || k === undefined) return undefined;
  return typeof k === 'object' ? undefined : String(k);
}

/** A locator over one object's node (a document's contents or a List item). */
export function nodeLocator(rootNode: unknown, lc: LineCounter, doc?: Document): Locator {
  const pos = (offset: number): Position => {
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
  const start = (n: unknown): number | undefined => {
    const r = (n as Node | null)?.range;
    return Array.isArray(r) ? r[0] : undefined;
  };
  return (path, atKey) => {
    let current: unknown = resolve(rootNode, doc);
    let offset = start(current);
    if (offset === undefined) return undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (seg.k === 'i') {
        if (!isSeq(current)) break;
        const item = resolve(current.items[seg.index], doc);
        const s = start(item);
        if (item === undefined || s === undefined) break;
        current = item;
        offset = s;
        continue;
      }
      if (!isMap(current)) break;
      const name = seg.k === 'f' ? seg.name : seg.key;
      const pair = (current.items as Pair[]).find((p) => keyText(p.key) === name);
      if (!pair) break;
      const keyStart = start(pair.key);
      const value = resolve(pair.value, doc);
      const valueStart = start(value);
      const emptyValue = value === null || value === undefined || (isScalar(value) && value.value === null && valueStart === (value as Node).range?.[1]);
      if (last && atKey && keyStart !== undefined) {
        offset = keyStart;
        current = value;
        break;
      }
      if (emptyValue || valueStart === undefined) {
        if (keyStart !== undefined) offset = keyStart;
        current = value;
        if (!isMap(value) && !isSeq(value)) break;
        continue;
      }
      offset = valueStart;
      current = value;
    }
    return pos(offset);
  };
}

/** Position field errors with `locate` (if any) and label them with file and document index. */
export function toManifestErrors(errors: readonly FieldError[], locate?: Locator, file?: string, doc?: number): ManifestError[] {
  // field.ErrorList.ToAggregate drops repeated messages; so do we.
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const k = `${pathString(e.path)}: ${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.map((e) => {
    const out = {} as ManifestError;
    if (file !== undefined) out.file = file;
    const p = locate?.(e.at ?? e.path, e.atKey ?? false);
    if (p) {
      out.line = p.line;
      out.column = p.column;
    }
    if (doc !== undefined) out.doc = doc;
    out.path = pathString(e.path);
    out.message = e.message;
    return out;
  }) as ManifestError[];
}

/** The field path of the deepest node containing `offset` (best effort; used to label YAML syntax errors). */
export function pathAtOffset(rootNode: unknown, offset: number): Path {
  const out: Path[number][] = [];
  const contains = (n: unknown): boolean => {
    const r = (n as Node | null)?.range;
    return Array.isArray(r) && r[0] <= offset && offset < Math.max(r[2], r[0] + 1);
  };
  let current: unknown = rootNode;
  for (let depth = 0; depth < 10_000; depth++) {
    if (isMap(current)) {
      const pair = (current.items as Pair[]).find((p) => contains(p.key) || contains(p.value));
      const name = pair ? keyText(pair.key) : undefined;
      if (!pair || name === undefined) break;
      out.push({ k: 'f', name });
      if (contains(pair.key)) break;
      current = pair.value;
    } else if (isSeq(current)) {
      const i = current.items.findIndex((item) => contains(item));
      if (i < 0) break;
      out.push({ k: 'i', index: i });
      current = current.items[i];
    } else break;
  }
  return out;
}
