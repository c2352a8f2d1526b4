/**
 * Writes: `kubectl apply` (all-or-nothing: plan and validate every object, then create or
 * update each), object creation with server-set fields, updates, `label` and `set image`. The
 * last-applied helpers keep kubectl's `last-applied-configuration` annotation: the object as
 * written, keys sorted.
 */
import YAML from 'yaml';
import { iso } from '../../machines/time.ts';
import { resolveKind, unsupportedKindMessage } from '../kinds.ts';
import { parseManifests, parseObjects, validatePodUpdate, validateUpdate, ManifestLoadError, type ManifestError } from '../manifest/index.ts';
import type { KObject, Node, Pod } from '../types.ts';
import type { ApplyResult } from './cluster.ts';
import { indexOwners } from './gc.ts';
import { allContainerNames, podEntry } from './kubelet.ts';
import { createNode } from './nodelifecycle.ts';
import { queueSync } from './controllers.ts';
import { createActorEntry, settle } from './runtime.ts';
import { podCreated } from './scheduling.ts';
import { admitClaim, queueBinding } from './storage.ts';
import { generateJobSelector, generateJobSelectorInPlace } from '../manifest/defaults.ts';
import { ClusterError, emitWatch, kindName, newUid, nsFor, type ClusterState } from './state.ts';
import { CONTROLLER_KINDS, objectOf, type Entry } from './store.ts';

const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** Kinds the cluster runs (a controller or a store for them exists); others are refused clearly. */
const RUNNABLE_KINDS = new Set([
  'Pod', 'Node', 'Namespace', 'Service', 'PersistentVolumeClaim', 'ConfigMap', 'PersistentVolume', 'StorageClass', 'ControllerRevision',
  ...CONTROLLER_KINDS,
]);

/** Creates or updates objects like `kubectl apply`. All-or-nothing: any error changes nothing. */
export function apply(s: ClusterState, input: string | KObject | KObject[], opts: { file?: string; changeCause?: string } = {}): ApplyResult[] {
  const values = typeof input === 'string' ? null : Array.isArray(input) ? input : [input];
  const parsed = values ? parseObjects(values, { file: opts.file }) : parseManifests(input as string, { file: opts.file });
  if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
  const raws = values ? flattenLists(values) : rawDocuments(input as string);
  type Step = { obj: KObject; raw: string; existing?: Entry; action: ApplyResult['action'] };
  const plan: Step[] = [];
  const errors: ManifestError[] = [];
  const creatingNs = new Set<string>();
  parsed.objects.forEach((lo, i) => {
    const obj = lo.object;
    const kind = obj.kind;
    const info = resolveKind(kind)!;
    if (!RUNNABLE_KINDS.has(kind)) {
      // The manifest layer may already know a kind whose controller has not arrived yet.
      errors.push({ file: lo.file, line: lo.line, path: 'kind', message: unsupportedKindMessage(info) });
      return;
    }
    const ns = info.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    if (info.namespaced) obj.metadata.namespace = ns;
    const raw = lastApplied(raws[i] ?? obj, ns);
    if (kind === 'Namespace') creatingNs.add(obj.metadata.name);
    if (ns && !creatingNs.has(ns) && !s.store.get('Namespace', undefined, ns)) {
      errors.push({ file: lo.file, line: lo.line, path: 'metadata.namespace', message: `namespaces "${ns}" not found` });
    }
    if (!obj.metadata.name && obj.metadata.generateName) {
      plan.push({ obj, raw, action: 'created' });
      return;
    }
    const existing = s.store.get(kind, ns, obj.metadata.name);
    if (!existing) {
      plan.push({ obj, raw, action: 'created' });
      return;
    }
    const cur = objectOf(existing);
    if (cur.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] === raw) {
      plan.push({ obj, raw, existing, action: 'unchanged' });
      return;
    }
    if (cur.metadata.deletionTimestamp) {
      errors.push({ file: lo.file, line: lo.line, path: 'metadata', message: `object is being deleted: ${info.plural} "${obj.metadata.name}" already exists` });
      return;
    }
    if (kind === 'Job' && obj.spec?.manualSelector !== true) {
      // The selector and labels the API server generated at creation stay (kubectl's three-way
      // merge keeps them; a manifest never carries them).
      generateJobSelectorInPlace(obj as any, cur.metadata.uid!);
      if (!obj.metadata.labels || !Object.keys(obj.metadata.labels).length) obj.metadata.labels = cur.metadata.labels;
    }
    for (const err of updateErrors(cur, obj)) errors.push({ ...err, file: lo.file, line: err.line ?? lo.line });
    plan.push({ obj, raw, existing, action: 'configured' });
  });
  if (errors.length) throw new ManifestLoadError(errors);
  const results: ApplyResult[] = [];
  for (const step of plan) {
    const { obj } = step;
    obj.metadata.annotations = { ...obj.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': step.raw };
    if (opts.changeCause) recordChangeCause(obj, opts.changeCause);
    if (step.action === 'created') create(s, obj);
    else if (step.action === 'configured') update(s, step.existing!, obj);
    results.push({ kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, action: step.action });
    settle(s);
  }
  return results;
}

/**
 * The API server's update validation (immutable fields and the like), comparing with the
 * server-set fields carried over as its update does.
 */
export function updateErrors(cur: KObject, obj: KObject): ManifestError[] {
  const md = cur.metadata;
  const next = {
    ...obj,
    metadata: { ...obj.metadata, uid: md.uid, creationTimestamp: md.creationTimestamp, generation: md.generation, resourceVersion: md.resourceVersion },
    ...(obj.kind === 'Pod' ? { spec: { ...obj.spec, nodeName: cur.spec?.nodeName } } : {}),
  } as KObject;
  return obj.kind === 'Pod' ? validatePodUpdate(cur as any, next as any) : validateUpdate(cur, next);
}

/**
 * `kubectl create` of one object: decoded, defaulted and validated like a manifest, refused when
 * the name is taken (`AlreadyExists`), then created. Returns the stored object.
 */
export function createOne(s: ClusterState, input: KObject): KObject {
  const parsed = parseObjects([input], {});
  if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
  const obj = parsed.objects[0]!.object;
  const info = resolveKind(obj.kind)!;
  if (!RUNNABLE_KINDS.has(obj.kind)) throw new ClusterError(unsupportedKindMessage(info), 'Unsupported');
  const ns = info.namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
  if (info.namespaced) obj.metadata.namespace = ns;
  if (s.store.get(obj.kind, ns, obj.metadata.name)) {
    throw new ClusterError(`${info.plural}${info.group ? `.${info.group}` : ''} "${obj.metadata.name}" already exists`, 'AlreadyExists');
  }
  const e = create(s, obj);
  settle(s);
  return objectOf(e);
}

/**
 * `kubectl patch --type merge` (RFC 7386 JSON merge patch): the patched object goes through the
 * API server's update validation and the controller's update, like an edit.
 */
export function patch(s: ClusterState, kind: string, name: string, mergePatch: unknown, namespace?: string): { changed: boolean } {
  const k = kindName(kind);
  const info = resolveKind(k)!;
  const e = s.store.get(k, nsFor(k, namespace), name);
  if (!e) throw new ClusterError(`${info.plural}${info.group ? `.${info.group}` : ''} "${name}" not found`, 'NotFound');
  const cur = objectOf(e);
  const next = mergePatchApply(structuredClone(cur), mergePatch) as KObject;
  if (JSON.stringify(sortKeys(next)) === JSON.stringify(sortKeys(cur))) return { changed: false };
  const { status: _status, ...body } = next;
  const parsed = parseObjects([{ ...body, metadata: { ...body.metadata, resourceVersion: undefined } }], {});
  if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
  const obj = parsed.objects[0]!.object;
  const errors = updateErrors(cur, obj);
  if (errors.length) throw new ManifestLoadError(errors);
  update(s, e, obj);
  settle(s);
  return { changed: true };
}

/** RFC 7386: objects merge key by key, `null` removes, anything else replaces. */
function mergePatchApply(target: unknown, patchValue: unknown): unknown {
  if (patchValue === null || typeof patchValue !== 'object' || Array.isArray(patchValue)) return patchValue;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patchValue as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatchApply(out[k], v);
  }
  return out;
}

/** Creates one object (already validated and defaulted). */
export function create(s: ClusterState, obj: KObject): Entry {
  const md = obj.metadata;
  if (!md.name && md.generateName) {
    // The API server retries a generated name that is taken (RetryGenerateName, GA in 1.31).
    const ns = resolveKind(obj.kind)?.namespaced ? md.namespace : undefined;
    do md.name = `${md.generateName}${s.rng.suffix(5)}`;
    while (s.store.get(obj.kind, ns, md.name));
  }
  md.uid = newUid(s);
  md.creationTimestamp = iso(s.clock.now);
  if (obj.kind === 'Pod' || CONTROLLER_KINDS.has(obj.kind)) md.generation = 1;
  delete md.resourceVersion;
  if (obj.kind === 'Job') {
    // The Job strategy's PrepareForCreate: the generated selector and labels name the new uid.
    const generated = generateJobSelector(obj, md.uid) as KObject;
    obj.metadata = generated.metadata;
    obj.spec = generated.spec;
  }
  if (obj.kind === 'DaemonSet') {
    // The registry's PrepareForCreate: templateGeneration 1, kept in the deprecated annotation.
    md.annotations = { ...md.annotations, [TEMPLATE_GENERATION_ANNOTATION]: '1' };
  }
  if (CONTROLLER_KINDS.has(obj.kind)) {
    delete obj.status;
    const e = createActorEntry(s, obj.kind, obj);
    queueSync(s, e.uid);
    return e;
  }
  if (obj.kind === 'Pod') {
    obj.status = { phase: 'Pending' };
    const e = createActorEntry(s, 'Pod', obj);
    podCreated(s, e);
    return e;
  }
  if (obj.kind === 'Node') return createNode(s, obj as Node);
  return createStatic(s, obj);
}

export function createStatic(s: ClusterState, obj: KObject): Entry {
  const md = obj.metadata;
  md.uid ??= newUid(s);
  md.creationTimestamp ??= iso(s.clock.now);
  if (obj.kind === 'Service' && obj.spec && !obj.spec.clusterIP) {
    const ip = `10.96.${s.rng.int(256)}.${1 + s.rng.int(254)}`;
    obj.spec.clusterIP = ip;
    obj.spec.clusterIPs = [ip];
  }
  if (obj.kind === 'PersistentVolumeClaim') {
    admitClaim(s, obj);
    obj.status = { phase: 'Pending' };
  }
  if (obj.kind === 'PersistentVolume') obj.status = { phase: 'Available' };
  const e: Entry = { kind: obj.kind, namespace: md.namespace, name: md.name, uid: md.uid, rv: ++s.rv, object: obj };
  s.store.add(e);
  indexOwners(s, e.uid, undefined, obj);
  emitWatch(s, 'ADDED', e);
  if (obj.kind === 'Service') s.dirtyServices.add(e.uid);
  if (obj.kind === 'PersistentVolumeClaim' || obj.kind === 'PersistentVolume' || obj.kind === 'StorageClass') queueBinding(s);
  return e;
}

export function update(s: ClusterState, e: Entry, obj: KObject): void {
  if (e.machine && e.machine !== 'pod' && e.machine !== 'node') {
    const cur = objectOf(e);
    const md = { ...obj.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp, generation: nextGeneration(cur, obj) };
    if (e.kind === 'DaemonSet') {
      // PrepareForUpdate: a changed template bumps templateGeneration (the deprecated annotation).
      const gen = Number(cur.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '1') || 1;
      const changed = JSON.stringify(sortKeys(cur.spec?.template)) !== JSON.stringify(sortKeys(obj.spec?.template));
      md.annotations = { ...md.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(changed ? gen + 1 : gen) };
    }
    // Each controller asks for its sync itself (a CronJob's updateCronJob may wait for the next time).
    e.actor!.send({ type: 'controller.update', object: { ...obj, metadata: md } });
    return;
  }
  if (e.machine === 'pod') {
    const pod = { ...obj, metadata: { ...obj.metadata, generation: nextGeneration(objectOf(e), obj) } } as Pod;
    e.actor!.send({ type: 'pod.update', pod });
    return;
  }
  if (e.machine === 'node') {
    e.actor!.send({ type: 'node.update', node: obj });
    return;
  }
  const cur = e.object!;
  e.object = { ...obj, metadata: { ...obj.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp }, status: cur.status };
  indexOwners(s, e.uid, cur, e.object);
  if (obj.kind === 'Service' && cur.spec?.clusterIP) e.object.spec = { ...obj.spec, clusterIP: cur.spec.clusterIP, clusterIPs: cur.spec.clusterIPs };
  if (obj.kind === 'Service') s.dirtyServices.add(e.uid);
  e.rv = ++s.rv;
}

export function label(s: ClusterState, kind: string, name: string, labels: Record<string, string | null>, namespace?: string): void {
  const k = kindName(kind);
  const e = s.store.get(k, nsFor(k, namespace), name);
  if (!e) throw new ClusterError(`${resolveKind(k)!.plural} "${name}" not found`, 'NotFound');
  const obj = structuredClone(objectOf(e));
  const next: Record<string, string> = { ...obj.metadata.labels };
  for (const [lk, lv] of Object.entries(labels)) {
    if (lv === null) delete next[lk];
    else next[lk] = lv;
  }
  obj.metadata.labels = next;
  if (e.machine === 'node') e.actor!.send({ type: 'node.update', node: obj });
  else if (e.machine === 'pod') e.actor!.send({ type: 'pod.update', pod: obj });
  else update(s, e, obj);
  settle(s);
}

/** kubectl's `--record`: the command line in `kubernetes.io/change-cause`. */
export function recordChangeCause(obj: KObject, cause: string): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, 'kubernetes.io/change-cause': cause };
}

export function setImage(s: ClusterState, kind: string, name: string, images: Record<string, string>, namespace?: string, changeCause?: string): void {
  const k = kindName(kind);
  if (k !== 'Pod' && !CONTROLLER_KINDS.has(k)) throw new ClusterError(`set image on ${k} is not supported by this version of kubeactors yet`, 'Unsupported');
  const e = k === 'Pod' ? podEntry(s, name, namespace) : s.store.get(k, nsFor(k, namespace), name);
  if (!e) throw new ClusterError(`${resolveKind(k)!.plural}${resolveKind(k)!.group ? `.${resolveKind(k)!.group}` : ''} "${name}" not found`, 'NotFound');
  const obj = structuredClone(objectOf(e));
  // A pod's own spec, or a controller's pod template.
  const spec = (k === 'Pod' ? obj.spec : obj.spec?.template?.spec) as Pod['spec'];
  let changed = false;
  const names: string[] = [];
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    names.push(c.name);
    const img = images[c.name] ?? images['*'];
    if (img && img !== c.image) {
      c.image = img;
      changed = true;
    }
  }
  if (k === 'Pod') names.push(...allContainerNames(obj as Pod).filter((n) => !names.includes(n)));
  const unknown = Object.keys(images).filter((n) => n !== '*' && !names.includes(n));
  if (unknown.length) throw new ClusterError(`unable to find container named "${unknown[0]}"`, 'NotFound');
  if (!changed && !changeCause) return;
  if (changeCause) recordChangeCause(obj, changeCause);
  update(s, e, obj);
  settle(s);
}

/**
 * `metadata.generation` after an update: bumped when the spec changed, as the API server's
 * PrepareForUpdate does — comparing what the client sets, not the fields the cluster fills in
 * (a pod's `nodeName` and ephemeral containers).
 */
function nextGeneration(cur: KObject, next: KObject): number {
  const clientSpec = (o: KObject) => {
    if (o.kind !== 'Pod') return o.spec;
    const { nodeName: _n, ephemeralContainers: _e, ...rest } = o.spec ?? {};
    return rest;
  };
  const changed = JSON.stringify(sortKeys(clientSpec(cur))) !== JSON.stringify(sortKeys(clientSpec(next)));
  return (cur.metadata.generation ?? 1) + (changed ? 1 : 0);
}

// ------------------------------------------------------------------ last-applied-configuration

/** The documents as written (before defaulting), for last-applied-configuration. */
function rawDocuments(text: string): unknown[] {
  try {
    return flattenLists(YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null && d !== undefined));
  } catch {
    return [];
  }
}

function flattenLists(docs: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    if (d && typeof d === 'object' && (d as any).kind === 'List' && Array.isArray((d as any).items)) out.push(...(d as any).items);
    else out.push(d);
  }
  return out;
}

/** kubectl's last-applied-configuration: the object as given, JSON with sorted keys, plus the namespace. */
function lastApplied(raw: unknown, namespace: string | undefined): string {
  const obj = structuredClone(raw) as any;
  if (obj && typeof obj === 'object' && namespace) {
    obj.metadata = { ...obj.metadata, namespace };
    if (obj.metadata.annotations) {
      delete obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (!Object.keys(obj.metadata.annotations).length) delete obj.metadata.annotations;
    }
  }
  return JSON.stringify(sortKeys(obj)) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v;
}
