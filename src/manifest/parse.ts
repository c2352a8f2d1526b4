/**
 * Manifests in: YAML/JSON text → decoded, defaulted, validated objects, or every error found.
 *
 * The pipeline per object mirrors kube-apiserver's create path: decode (strict, typed) →
 * default (scheme defaults + default admission plugins) → validate. YAML is read as YAML 1.1,
 * like sigs.k8s.io/yaml (goyaml.v2) does for kubectl, so `yes`/`on` are booleans and `0755` octal.
 */
import { LineCounter, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import type { KObject } from '../types.ts';
import { lookupKind, type KindInfo } from '../kinds.ts';
import { ManifestLoadError, pathString, type FieldError, type ManifestError, type Path } from './errors.ts';
import { decodeObject, isPlainObject } from './schema.ts';
import { defaultObject } from './defaults.ts';
import { validateObject } from './validate.ts';
import { validateBehaviourAnnotations } from '../../machines/behaviour.ts';
import { nodeLocator, pathAtOffset, toManifestErrors, type Locator } from './locate.ts';

export interface LoadedObject {
  object: KObject;
  file?: string;
  /** 1-based line where the object starts (0 when it did not come from text). */
  line: number;
  /** 0-based index of the YAML document in its file (or of the object in an input array). */
  doc: number;
}

export interface ParseResult {
  /** Objects that passed; apply them only if `errors` is empty (all-or-nothing). */
  objects: LoadedObject[];
  errors: ManifestError[];
}

export interface ParseOptions {
  /** File name used in errors and on loaded objects. */
  file?: string;
  /** Namespace for namespaced objects that name none (kubectl's current namespace). Default `default`. */
  namespace?: string;
}

const YAML_OPTIONS = {
  version: '1.1' as const,
  // goyaml.v2 (what sigs.k8s.io/yaml uses) has no timestamp/binary/sexagesimal scalars: keep them strings.
  customTags: (tags: any[]) =>
    tags.filter(
      (t) => !['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary'].includes(t.tag) && t.format !== 'TIME',
    ),
  uniqueKeys: true,
  merge: true,
  prettyErrors: true,
  logLevel: 'error' as const,
};

/** yaml's messages end with " at line L, column C:" and a source excerpt; positions are reported separately. */
function cleanYamlMessage(msg: string): string {
  if (/Maximum call stack size exceeded/.test(msg)) return DEPTH_MESSAGE;
  return msg.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim() || msg.trim();
}

/** What goyaml says about absurdly nested documents (its limit is 10000; ours is the JS stack). */
const DEPTH_MESSAGE = 'yaml: exceeded max depth';

function rel(p: Path, base: Path): boolean {
  const s = pathString(p);
  const b = pathString(base);
  return s === b || s.startsWith(`${b}.`) || s.startsWith(`${b}[`);
}

const SEMANTIC_YAML_ERRORS = new Set<string>(['DUPLICATE_KEY', 'TAG_RESOLVE_FAILED', 'BAD_ALIAS', 'KEY_OVER_1024_CHARS']);
/**
 * Kinds whose registry strategy drops a client-sent `status` on create (PrepareForCreate); the
 * defaults then fill in what the API server would (a Pending phase for claims and volumes).
 */
export const STATUS_RESET_KINDS: ReadonlySet<string> = new Set([
  'Pod', 'Namespace', 'Service', 'PersistentVolumeClaim', 'ReplicaSet', 'ReplicationController', 'Deployment',
  'StatefulSet', 'DaemonSet', 'PersistentVolume', 'Job', 'CronJob',
]);

/**
 * The `kubeactors.dev/*` behaviour annotations (machines/behaviour.ts) wherever pods get them: the
 * object's own metadata, a pod template's (`spec.template`), a CronJob's job template's. An
 * unknown key or a bad value is an error at the annotation's own line, never a silent default.
 */
function behaviourErrors(obj: Record<string, any>): FieldError[] {
  const out: FieldError[] = [];
  const check = (meta: unknown, at: string[]) => {
    const ann = isPlainObject(meta) ? (meta as any).annotations : undefined;
    if (!isPlainObject(ann)) return;
    for (const b of validateBehaviourAnnotations(ann as Record<string, string>)) {
      const path: Path = [...at.map((name) => ({ k: 'f' as const, name })), { k: 'f', name: 'annotations' }, { k: 'key', key: b.key }];
      // An unknown key is pointed at itself; a bad value at the value.
      out.push({ path, message: b.message, ...(b.unknownKey ? { atKey: true } : {}) });
    }
  };
  check(obj.metadata, ['metadata']);
  check(obj.spec?.template?.metadata, ['spec', 'template', 'metadata']);
  check(obj.spec?.jobTemplate?.spec?.template?.metadata, ['spec', 'jobTemplate', 'spec', 'template', 'metadata']);
  return out;
}

interface Sink {
  objects: LoadedObject[];
  errors: ManifestError[];
}

/**
 * Decode, default and validate one raw object. Errors are positioned with `locate`.
 * Returns true when the object was accepted.
 */
function processObject(
  raw: unknown,
  locate: Locator | undefined,
  where: { file?: string; doc: number; line: number },
  opts: ParseOptions,
  sink: Sink,
): boolean {
  const report = (errs: FieldError[]) => sink.errors.push(...toManifestErrors(errs, locate, where.file, where.doc));
  const field = (name: string): Path => [{ k: 'f', name }];
  if (!isPlainObject(raw)) {
    const what = Array.isArray(raw) ? 'array' : typeof raw === 'boolean' ? 'bool' : typeof raw === 'number' ? 'number' : 'string';
    // What kubectl's decoder says when a document is not a mapping.
    report([{ path: [], message: `json: cannot unmarshal ${what} into Go value of type map[string]interface {}` }]);
    return false;
  }
  const head: FieldError[] = [];
  for (const f of ['apiVersion', 'kind'] as const) {
    const v = raw[f];
    if (v === undefined || v === null || v === '') head.push({ path: field(f), message: 'Required value' });
    else if (typeof v !== 'string')
      head.push({
        path: field(f),
        message: `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : 'number'} into Go struct field TypeMeta.${f} of type string`,
      });
  }
  if (head.length) {
    report(head);
    return false;
  }
  const found = lookupKind(raw.apiVersion as string, raw.kind as string);
  if (!found.ok) {
    report([{ path: field('kind'), message: found.message }]);
    return false;
  }
  const info: KindInfo = found.info;
  const decoded = decodeObject(raw, info.kind);
  // The registry strategies' PrepareForCreate/PrepareForUpdate ignore a status sent by a client
  // (Pods, Namespaces, Services, PVCs, PVs, ReplicaSets, ReplicationControllers, Deployments, StatefulSets,
  // DaemonSets, Jobs, CronJobs); Nodes may register with their status. StorageClasses and ControllerRevisions have none.
  if (STATUS_RESET_KINDS.has(info.kind)) delete decoded.object.status;
  const defaulted = defaultObject(decoded.object, { namespaced: info.namespaced, namespace: opts.namespace });
  const bad = decoded.errors.map((e) => e.path);
  const validation = validateObject(defaulted, info).filter(
    (e) => !bad.some((b) => rel(e.path, b) || (e.at !== undefined && rel(e.at, b)) || (e.dependsOn ?? []).some((d) => rel(b, d))),
  );
  const errs = [...decoded.errors, ...validation, ...behaviourErrors(defaulted)];
  if (errs.length) {
    report(errs);
    return false;
  }
  const loaded: LoadedObject = { object: defaulted as unknown as KObject, line: where.line, doc: where.doc };
  if (where.file !== undefined) loaded.file = where.file;
  sink.objects.push(loaded);
  return true;
}

function nodeStart(node: unknown): number | undefined {
  const r = (node as { range?: unknown } | null)?.range;
  return Array.isArray(r) ? (r[0] as number) : undefined;
}

function parseDocument(doc: Document.Parsed, d: number, lc: LineCounter, opts: ParseOptions, sink: Sink): void {
  const file = opts.file;
  if (doc.errors.length) {
    const seen = new Set<string>();
    for (const e of doc.errors) {
      const key = `${e.pos[0]}:${cleanYamlMessage(e.message)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { line, col } = lc.linePos(e.pos[0]);
      // Errors about well-formed nodes (a repeated key, an unknown tag) can name their field;
      // syntax errors leave the tree half-built, so they carry a position only.
      const path = SEMANTIC_YAML_ERRORS.has(e.code) ? pathString(pathAtOffset(doc.contents, e.pos[0])) : '';
      const err: ManifestError = { line, column: col, doc: d, path, message: cleanYamlMessage(e.message) };
      sink.errors.push(file !== undefined ? { file, ...err } : err);
    }
    return;
  }
  if (doc.contents === null || doc.contents === undefined) return; // empty document
  // JSON objects only have string keys; sigs.k8s.io/yaml refuses mappings or sequences as keys.
  let badKey = false;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && pair.key !== undefined && !isScalar(pair.key)) {
        const { line, col } = lc.linePos(nodeStart(pair.key) ?? 0);
        const err: ManifestError = { line, column: col, doc: d, path: '', message: 'yaml: invalid map key: a key must be a scalar' };
        sink.errors.push(file !== undefined ? { file, ...err } : err);
        badKey = true;
      }
    },
  });
  if (badKey) return;
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const { line, col } = lc.linePos(nodeStart(doc.contents) ?? 0);
    const err: ManifestError = { line, column: col, doc: d, path: '', message: (e as Error).message };
    sink.errors.push(file !== undefined ? { file, ...err } : err);
    return;
  }
  if (js === null || js === undefined) return; // a document that is just `~` or a comment
  const locate = nodeLocator(doc.contents, lc, doc);
  const lineOf = (node: unknown) => lc.linePos(nodeStart(node) ?? 0).line;

  // `kind: List` (what `kubectl get -o yaml` prints): each item is an object of its own.
  if (isPlainObject(js) && js.kind === 'List' && (js.apiVersion === 'v1' || js.apiVersion === undefined)) {
    const items = js.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      sink.errors.push(
        ...toManifestErrors(
          [{ path: [{ k: 'f', name: 'items' }], message: `json: cannot unmarshal ${typeof items === 'object' ? 'object' : typeof items} into Go struct field List.items of type []runtime.RawExtension` }],
          locate, file, d,
        ),
      );
      return;
    }
    const itemNodes = (() => {
      const n = (doc.contents as any)?.get?.('items', true);
      return n && Array.isArray(n.items) ? n.items : [];
    })();
    items.forEach((item, i) => {
      const node = itemNodes[i];
      const itemLocate = node ? nodeLocator(node, lc, doc) : undefined;
      processObject(item, itemLocate, { file, doc: d, line: node ? lineOf(node) : lineOf(doc.contents) }, opts, sink);
    });
    return;
  }
  processObject(js, locate, { file, doc: d, line: lineOf(doc.contents) }, opts, sink);
}

/**
 * Parse a multi-document YAML (or JSON) text into decoded, defaulted, validated objects.
 * Never throws: every problem in every document is returned in `errors`, each with file,
 * line, column, document index and field path. Callers must apply nothing if `errors` is non-empty.
 */
export function parseManifests(text: string, opts: ParseOptions = {}): ParseResult {
  const sink: Sink = { objects: [], errors: [] };
  try {
    if (typeof text !== 'string') {
      sink.errors.push({ ...(opts.file !== undefined ? { file: opts.file } : {}), path: '', message: `expected manifest text, got ${text === null ? 'null' : typeof text}` });
      return sink;
    }
    const lc = new LineCounter();
    const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lc }) as unknown as Document.Parsed[];
    Array.from(docs).forEach((doc, d) => {
      try {
        parseDocument(doc, d, lc, opts, sink);
      } catch (e) {
        const msg = (e as Error)?.message ?? String(e);
        const { line, col } = lc.linePos((doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0);
        sink.errors.push({
          ...(opts.file !== undefined ? { file: opts.file } : {}),
          line, column: col, doc: d, path: '',
          message: /Maximum call stack size exceeded/.test(msg) ? DEPTH_MESSAGE : `internal error while reading manifests: ${msg}`,
        });
      }
    });
  } catch (e) {
    // Defensive: a bug here must still come back as an error, never as an exception.
    sink.objects = [];
    sink.errors.push({
      ...(opts.file !== undefined ? { file: opts.file } : {}),
      path: '',
      message: `internal error while reading manifests: ${(e as Error)?.message ?? String(e)}`,
    });
  }
  return sink;
}

/**
 * Decode, default and validate objects given as JavaScript values (e.g. `cluster.apply([pod])`).
 * `doc` is the index in the input array; there are no line numbers.
 */
export function parseObjects(values: readonly unknown[], opts: ParseOptions = {}): ParseResult {
  const sink: Sink = { objects: [], errors: [] };
  try {
    values.forEach((v, i) => {
      let value = v;
      try {
        value = JSON.parse(JSON.stringify(v ?? null));
      } catch (e) {
        sink.errors.push({ ...(opts.file !== undefined ? { file: opts.file } : {}), doc: i, path: '', message: `not a JSON value: ${(e as Error).message}` });
        return;
      }
      if (isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
        value.items.forEach((item) => processObject(item, undefined, { file: opts.file, doc: i, line: 0 }, opts, sink));
      } else processObject(value, undefined, { file: opts.file, doc: i, line: 0 }, opts, sink);
    });
  } catch (e) {
    sink.objects = [];
    sink.errors.push({ path: '', message: `internal error while reading objects: ${(e as Error)?.message ?? String(e)}` });
  }
  return sink;
}

/** All-or-nothing: the objects of `text`, or a ManifestLoadError listing every error. */
export function loadManifests(text: string, opts: ParseOptions = {}): LoadedObject[] {
  const r = parseManifests(text, opts);
  if (r.errors.length) throw new ManifestLoadError(r.errors);
  return r.objects;
}
