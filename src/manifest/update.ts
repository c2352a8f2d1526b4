/**
 * Update validation: what an update of an existing object may change.
 * `ValidatePodUpdate` and friends in `pkg/apis/core/validation/validation.go`, the ReplicaSet, Deployment,
 * StatefulSet, DaemonSet, ControllerRevision, ReplicationController, PersistentVolume and StorageClass strategies'
 * `ValidateUpdate` (`pkg/registry/{apps,core,storage}/<kind>/strategy.go`, `pkg/apis/apps/validation`,
 * `pkg/apis/storage/validation`), the Job and CronJob strategies' (`pkg/registry/batch/{job,cronjob}/strategy.go`,
 * `pkg/apis/batch/validation`),
 * `ValidateObjectMetaAccessorUpdate` in `staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go`.
 */
import type { KObject } from '../types.ts';
import { lookupKind } from '../kinds.ts';
import { GoLiteral, child, forbidden, goQuote, index, invalid, required, type FieldError, type Path } from './errors.ts';
import { inclusiveRangeError } from './names.ts';
import { isPlainObject } from './schema.ts';
import {
  FIELD_IMMUTABLE, claimTemplateNames, goLabelSelector, validateAnnotations, validateControllerRevision,
  validateCronJobSpec, validateDaemonSet, validateDeploymentSpec, validateJob, validateJobSpec, validateLabels,
  validatePersistentVolume, validatePodMetadataAndSpec, validatePodTemplateSpec, validateReplicaSet, validateReplicationController, validateStatefulSetSpec, validateStorageClass,
  validateVolumeClaimTemplates, type StatefulSetValidationOptions,
} from './validate.ts';
import { toManifestErrors } from './locate.ts';
import { JOB_LABELS } from './defaults.ts';
import type { ManifestError } from './errors.ts';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => isPlainObject(v);
const META: Path = [{ k: 'f', name: 'metadata' }];
const SPEC: Path = [{ k: 'f', name: 'spec' }];
const MAX_INT32 = 2147483647;

/** apiequality.Semantic.DeepEqual on JSON values (absent, null and zero values of omitted fields aside). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k] ?? undefined, b[k] ?? undefined)) return false;
    return true;
  }
  return false;
}

/** apimachinery ValidateImmutableField */
function immutable(newVal: unknown, oldVal: unknown, p: Path): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(p, newVal ?? '', FIELD_IMMUTABLE)];
}

/** ValidateObjectMetaUpdate (resourceVersion bookkeeping is the cluster's, so not checked here). */
export function validateObjectMetaUpdate(newMeta: unknown, oldMeta: unknown, p: Path = META): FieldError[] {
  const n: Obj = isObj(newMeta) ? newMeta : {};
  const o: Obj = isObj(oldMeta) ? oldMeta : {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const added = (Array.isArray(n.finalizers) ? n.finalizers : []).filter((f: unknown) => !(Array.isArray(o.finalizers) ? o.finalizers : []).includes(f));
    if (added.length)
      errs.push(forbidden(child(p, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${[...new Set(added as string[])].sort().map(goQuote).join(', ')}}`));
  }
  if (typeof n.generation === 'number' && typeof o.generation === 'number' && n.generation < o.generation)
    errs.push(invalid(child(p, 'generation'), n.generation, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'])
    errs.push(...immutable(n[f], o[f], child(p, f)));
  return errs;
}

/** ValidatePodUpdate's list of mutable spec fields, verbatim (`updatablePodSpecFields`). */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(newCs: unknown, oldCs: unknown, p: Path): { errs: FieldError[]; stop: boolean } {
  const n = Array.isArray(newCs) ? newCs : [];
  const o = Array.isArray(oldCs) ? oldCs : [];
  if (n.length !== o.length) return { errs: [forbidden(p, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = isObj(c) && typeof c.image === 'string' ? c.image : '';
    if (!image) errs.push(required(child(index(p, i), 'image')));
    if (image.trim() !== image) errs.push(invalid(child(index(p, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newT: unknown, oldT: unknown, p: Path): FieldError[] {
  const n = Array.isArray(newT) ? newT : [];
  const o = Array.isArray(oldT) ? oldT : [];
  for (const old of o) {
    const found = n.some((t) => isObj(old) && isObj(t) && deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(p, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

function validateOnlyDeletedSchedulingGates(newG: unknown, oldG: unknown, p: Path): FieldError[] {
  const n = Array.isArray(newG) ? newG : [];
  const o = new Set((Array.isArray(oldG) ? oldG : []).map((g) => (isObj(g) ? g.name : undefined)));
  const errs: FieldError[] = [];
  n.forEach((g, i) => {
    const name = isObj(g) ? g.name : undefined;
    if (!o.has(name)) errs.push(forbidden(child(index(p, i), 'name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
  });
  return errs;
}

/**
 * A diff in the spirit of the `cmp.Diff(oldPod.Spec, mungedPodSpec)` that upstream appends: one
 * `-`/`+` line per changed leaf, with its path relative to the spec. (cmp's Go-syntax rendering of
 * the whole struct is not reproduced.)
 */
export function specDiff(oldSpec: unknown, newSpec: unknown, typeName = 'core.PodSpec'): string {
  const lines: string[] = [];
  const render = (v: unknown) => (v === undefined ? '<unset>' : JSON.stringify(v));
  const walk = (a: unknown, b: unknown, path: string) => {
    if (deepEqual(a, b)) return;
    if (isObj(a) && isObj(b)) {
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])])
        walk(a[k] ?? undefined, b[k] ?? undefined, path ? `${path}.${k}` : k);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
      return;
    }
    if (a !== undefined) lines.push(`- \t${path}: ${render(a)}`);
    if (b !== undefined) lines.push(`+ \t${path}: ${render(b)}`);
  };
  walk(oldSpec, newSpec, '');
  return [`  ${typeName}{`, ...lines, '  }'].join('\n');
}

/** ValidatePodUpdate, returning field errors (no positions). */
export function validatePodUpdateFields(oldPod: Obj, newPod: Obj): FieldError[] {
  const errs: FieldError[] = [...validateObjectMetaUpdate(newPod.metadata, oldPod.metadata), ...validatePodMetadataAndSpec(newPod)];
  const ns: Obj = isObj(newPod.spec) ? newPod.spec : {};
  const os: Obj = isObj(oldPod.spec) ? oldPod.spec : {};
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(ns[list], os[list], child(SPEC, list));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const adsPath = child(SPEC, 'activeDeadlineSeconds');
  const nAds = ns.activeDeadlineSeconds;
  const oAds = os.activeDeadlineSeconds;
  if (typeof nAds === 'number') {
    if (nAds < 0 || nAds > MAX_INT32) {
      errs.push(invalid(adsPath, nAds, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (typeof oAds === 'number' && oAds < nAds) {
      errs.push(invalid(adsPath, nAds, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oAds === 'number') {
    errs.push(invalid(adsPath, null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations, os.tolerations, child(SPEC, 'tolerations')));
  errs.push(...validateOnlyDeletedSchedulingGates(ns.schedulingGates, os.schedulingGates, child(SPEC, 'schedulingGates')));
  if (deepEqual(ns, os)) return errs;

  // Munge the updatable fields back to their old values, then compare.
  const munged: Obj = structuredClone(ns);
  for (const list of ['containers', 'initContainers'])
    if (Array.isArray(munged[list]))
      munged[list] = munged[list].map((c: unknown, i: number) =>
        isObj(c) ? { ...c, image: isObj(os[list]?.[i]) ? os[list][i].image : undefined } : c,
      );
  if (oAds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = oAds;
  if (os.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = os.schedulingGates;
  if (os.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  if (!deepEqual(munged, os))
    errs.push(forbidden(SPEC, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(os, munged)}`));
  return errs;
}

/**
 * Validate replacing `oldPod` with `newPod` (both as stored, i.e. defaulted), as the API server
 * does on update: metadata identity is immutable and only the fields listed in
 * UPDATABLE_POD_SPEC_FIELDS (plus removal of scheduling gates) may change.
 */
export function validatePodUpdate(oldPod: KObject | Obj, newPod: KObject | Obj): ManifestError[] {
  return toManifestErrors(validatePodUpdateFields(oldPod as Obj, newPod as Obj));
}

/**
 * apiequality.Semantic.DeepEqual of two label selectors: nil and empty maps/slices are equal,
 * a nil selector is not an empty one.
 */
function selectorsEqual(a: unknown, b: unknown): boolean {
  const norm = (s: unknown): unknown => {
    if (!isObj(s)) return undefined;
    const exprs = (Array.isArray(s.matchExpressions) ? s.matchExpressions : []).map((r: unknown) => {
      const q: Obj = isObj(r) ? r : {};
      return { key: q.key ?? '', operator: q.operator ?? '', values: Array.isArray(q.values) && q.values.length ? q.values : undefined };
    });
    return {
      matchLabels: isObj(s.matchLabels) && Object.keys(s.matchLabels).length ? s.matchLabels : undefined,
      matchExpressions: exprs.length ? exprs : undefined,
    };
  };
  return deepEqual(norm(a), norm(b));
}

/**
 * The ReplicaSet strategy's ValidateUpdate: ValidateReplicaSet, ValidateReplicaSetUpdate (metadata
 * identity; the spec again, whose repeats are dropped) and, for every group/version but the removed
 * extensions/v1beta1, an immutable `spec.selector` (`pkg/registry/apps/replicaset/strategy.go`).
 */
function validateReplicaSetUpdate(o: Obj, n: Obj): FieldError[] {
  return [...validateReplicaSet(n), ...validateObjectMetaUpdate(n.metadata, o.metadata), ...immutableSelector(o, n)];
}

/** ValidateImmutableField on `spec.selector`, compared as apiequality.Semantic.DeepEqual does. */
function immutableSelector(o: Obj, n: Obj): FieldError[] {
  const ns = isObj(n.spec) ? n.spec.selector : undefined;
  const os = isObj(o.spec) ? o.spec.selector : undefined;
  return selectorsEqual(ns, os) ? [] : [invalid(child(SPEC, 'selector'), isObj(ns) ? goLabelSelector(ns) : null, FIELD_IMMUTABLE)];
}

/**
 * The Deployment strategy's ValidateUpdate (`pkg/registry/apps/deployment/strategy.go`):
 * ValidateDeploymentUpdate — ValidateObjectMetaUpdate (identity, then the new labels and
 * annotations) and ValidateDeploymentSpec of the new object — and, for every group/version but
 * the removed apps/v1beta1 and extensions/v1beta1, an immutable `spec.selector`. Unlike a
 * ReplicaSet's, the new object's metadata is not validated again as on create.
 */
export function validateDeploymentUpdateFields(o: Obj, n: Obj): FieldError[] {
  const meta: Obj = isObj(n.metadata) ? n.metadata : {};
  return [
    ...validateObjectMetaUpdate(n.metadata, o.metadata),
    ...validateLabels(meta.labels, child(META, 'labels')),
    ...validateAnnotations(meta.annotations, child(META, 'annotations')),
    ...validateDeploymentSpec(n.spec, SPEC),
    ...immutableSelector(o, n),
  ];
}

/**
 * apiequality.Semantic.DeepEqual on JSON values, as far as kubeactors models it: absent, null,
 * empty lists and empty maps are all equal (Go's nil and empty slices and maps are). An empty
 * object also equals an absent one, which for pointer-to-struct fields is looser than Go.
 */
function semanticEqual(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
    if (isObj(v)) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) {
        const n = norm(x);
        if (n !== undefined) out[k] = n;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return deepEqual(norm(a), norm(b));
}

/** ValidateStatefulSetUpdate's message, verbatim for 1.32 (later releases also name 'revisionHistoryLimit'). */
export const STATEFULSET_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** The spec fields ValidateStatefulSetUpdate (1.32) lets change. */
const STATEFULSET_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

/**
 * The checks a StatefulSet update skips because the old object already fails them (upstream's
 * ratcheting of the pod-template and claim-template validation it added in 1.34).
 */
function statefulSetUpdateOptions(o: Obj): StatefulSetValidationOptions {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  const tp = child(SPEC, 'template');
  return {
    skipValidatePodTemplateSpec: validatePodTemplateSpec(spec.template, tp, { extraVolumeNames: claimTemplateNames(spec) }).length > 0,
    skipValidateVolumeClaimTemplates: validateVolumeClaimTemplates(spec.volumeClaimTemplates, child(SPEC, 'volumeClaimTemplates')).length > 0,
  };
}

/**
 * The StatefulSet strategy's ValidateUpdate, i.e. ValidateStatefulSetUpdate (1.32): metadata
 * identity and the new labels and annotations (the name is not validated again), the new spec
 * as on create, then a single Forbidden on `spec` if anything but replicas, ordinals, template,
 * updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds changed — the
 * selector, serviceName, podManagementPolicy, volumeClaimTemplates and (in 1.32)
 * revisionHistoryLimit are fixed. `opts` defaults to skipping the template checks the old object
 * already fails.
 */
export function validateStatefulSetUpdateFields(o: Obj, n: Obj, opts: StatefulSetValidationOptions = statefulSetUpdateOptions(o)): FieldError[] {
  const meta: Obj = isObj(n.metadata) ? n.metadata : {};
  const errs = [
    ...validateObjectMetaUpdate(n.metadata, o.metadata),
    ...validateLabels(meta.labels, child(META, 'labels')),
    ...validateAnnotations(meta.annotations, child(META, 'annotations')),
    ...validateStatefulSetSpec(n.spec, SPEC, opts),
  ];
  const ns: Obj = isObj(n.spec) ? { ...n.spec } : {};
  const os: Obj = isObj(o.spec) ? o.spec : {};
  for (const f of STATEFULSET_MUTABLE) {
    if (os[f] === undefined) delete ns[f];
    else ns[f] = os[f];
  }
  const { selector: nSel, ...nRest } = ns;
  const { selector: oSel, ...oRest } = os;
  if (!selectorsEqual(nSel, oSel) || !semanticEqual(nRest, oRest)) errs.push(forbidden(SPEC, STATEFULSET_SPEC_FORBIDDEN));
  return errs;
}

/**
 * The DaemonSet strategy's ValidateUpdate: ValidateDaemonSet of the new object, ValidateDaemonSetUpdate
 * (metadata identity; the spec again, whose repeats are dropped; its templateGeneration checks concern
 * a field the strategy itself maintains) and, for apps/v1, an immutable `spec.selector`.
 */
export function validateDaemonSetUpdateFields(o: Obj, n: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validateDaemonSet(n), ...immutableSelector(o, n)];
}

/** The JSON names of a PersistentVolumeSpec's inlined PersistentVolumeSource. */
const PV_SOURCE_FIELDS = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi',
];

function pvSource(spec: Obj): Obj {
  const out: Obj = {};
  for (const f of PV_SOURCE_FIELDS) if (spec[f] !== undefined && spec[f] !== null) out[f] = spec[f];
  return out;
}

/**
 * The PersistentVolume strategy's ValidateUpdate: ValidatePersistentVolume of the new object, then
 * ValidatePersistentVolumeUpdate: the volume source is immutable (a CSI source may gain a
 * controllerExpandSecretRef) with a diff in the message, as is `volumeMode` (reported as upstream
 * does, at `volumeMode` without `spec`), and a node affinity once set.
 */
export function validatePersistentVolumeUpdateFields(o: Obj, n: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validatePersistentVolume(n)];
  const ns: Obj = isObj(n.spec) ? n.spec : {};
  const os: Obj = isObj(o.spec) ? o.spec : {};
  const nSrc = pvSource(ns);
  const oSrc = pvSource(os);
  if (isObj(oSrc.csi) && isObj(nSrc.csi) && oSrc.csi.controllerExpandSecretRef === undefined && nSrc.csi.controllerExpandSecretRef !== undefined) {
    const { controllerExpandSecretRef: _, ...csi } = nSrc.csi;
    nSrc.csi = csi;
  }
  if (!semanticEqual(nSrc, oSrc))
    errs.push(pointAtSpec(forbidden(child(SPEC, 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${specDiff(oSrc, nSrc, 'core.PersistentVolumeSource')}`)));
  if (!deepEqual(ns.volumeMode, os.volumeMode))
    errs.push({ ...invalid([{ k: 'f', name: 'volumeMode' }], ns.volumeMode ?? null, FIELD_IMMUTABLE), at: child(SPEC, 'volumeMode') });
  if (os.nodeAffinity !== undefined && os.nodeAffinity !== null && !semanticEqual(ns.nodeAffinity, os.nodeAffinity)) {
    const na = ns.nodeAffinity;
    const value = na === undefined || na === null
      ? null
      : new GoLiteral(`core.VolumeNodeAffinity{Required:(*core.NodeSelector)(${isObj(na) && isObj(na.required) ? '0xc000…' : 'nil'})}`);
    errs.push({ ...invalid([{ k: 'f', name: 'nodeAffinity' }], value, FIELD_IMMUTABLE), at: child(SPEC, 'nodeAffinity') });
  }
  return errs;
}

const pointAtSpec = (e: FieldError): FieldError => ({ ...e, at: SPEC });

/**
 * The StorageClass strategy's ValidateUpdate: ValidateStorageClass of the new object, then
 * ValidateStorageClassUpdate: parameters, provisioner and reclaimPolicy may not change (Forbidden,
 * with upstream's trailing periods; parameters compare as reflect.DeepEqual does, so `{}` is not
 * absent), volumeBindingMode is immutable.
 */
export function validateStorageClassUpdateFields(o: Obj, n: Obj): FieldError[] {
  const f = (name: string): Path => [{ k: 'f', name }];
  const errs = [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validateStorageClass(n)];
  if (!deepEqual(n.parameters, o.parameters)) errs.push(forbidden(f('parameters'), 'updates to parameters are forbidden.'));
  if ((n.provisioner ?? '') !== (o.provisioner ?? '')) errs.push(forbidden(f('provisioner'), 'updates to provisioner are forbidden.'));
  if ((n.reclaimPolicy ?? '') !== (o.reclaimPolicy ?? '')) errs.push(forbidden(f('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (!deepEqual(n.volumeBindingMode, o.volumeBindingMode)) errs.push(invalid(f('volumeBindingMode'), n.volumeBindingMode ?? null, FIELD_IMMUTABLE));
  return errs;
}

/**
 * The ControllerRevision strategy's ValidateUpdate (ValidateControllerRevisionUpdate): metadata
 * identity, the new object as on create, and immutable `data` (printed as JSON here, not as Go's
 * rendering of the decoded object). `revision` may change: upstream checks only `data`.
 */
export function validateControllerRevisionUpdateFields(o: Obj, n: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validateControllerRevision(n)];
  if (!deepEqual(n.data, o.data)) errs.push(invalid([{ k: 'f', name: 'data' }], n.data ?? null, FIELD_IMMUTABLE));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// batch/v1 Job and CronJob

/** ValidateImmutableField on a spec field, compared as apiequality.Semantic.DeepEqual (objects printed as JSON). */
function immutableSpecField(n: Obj, o: Obj, f: string): FieldError[] {
  if (semanticEqual(n[f], o[f])) return [];
  const v = n[f];
  return [invalid(child(SPEC, f), v === undefined || v === null ? null : v, FIELD_IMMUTABLE)];
}

/**
 * validatePodTemplateUpdate: the template is immutable, except — when the old Job is suspended and
 * has never started (AllowMutableSchedulingDirectives) — its node affinity, node selector,
 * tolerations, scheduling gates, labels and annotations. The value printed is the new template as
 * JSON (upstream prints Go's `%#v` of the whole `core.PodTemplateSpec`).
 */
function validateJobTemplateUpdate(ns: Obj, os: Obj, allowMutableSchedulingDirectives: boolean): FieldError[] {
  const template: Obj = isObj(ns.template) ? ns.template : {};
  let old: Obj = isObj(os.template) ? os.template : {};
  if (allowMutableSchedulingDirectives) {
    old = structuredClone(old);
    const nts: Obj = isObj(template.spec) ? template.spec : {};
    const ots: Obj = isObj(old.spec) ? old.spec : (old.spec = {});
    const nAff = isObj(nts.affinity) ? nts.affinity : undefined;
    const oAff = isObj(ots.affinity) ? ots.affinity : undefined;
    if (!nAff && oAff) {
      delete oAff.nodeAffinity;
      if (Object.keys(oAff).every((k) => oAff[k] === undefined || oAff[k] === null)) delete ots.affinity;
    } else if (nAff && !oAff) {
      ots.affinity = nAff.nodeAffinity === undefined ? {} : { nodeAffinity: nAff.nodeAffinity };
    } else if (nAff && oAff) {
      if (nAff.nodeAffinity === undefined) delete oAff.nodeAffinity;
      else oAff.nodeAffinity = nAff.nodeAffinity;
    }
    for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) {
      if (nts[f] === undefined) delete ots[f];
      else ots[f] = nts[f];
    }
    const nm: Obj = isObj(template.metadata) ? template.metadata : {};
    const om: Obj = isObj(old.metadata) ? old.metadata : (old.metadata = {});
    for (const f of ['labels', 'annotations']) {
      if (nm[f] === undefined) delete om[f];
      else om[f] = nm[f];
    }
  }
  return semanticEqual(template, old) ? [] : [invalid(child(SPEC, 'template'), template, FIELD_IMMUTABLE)];
}

/**
 * validateCompletions with AllowElasticIndexedJobs (ElasticIndexedJob is GA in 1.32): completions
 * is immutable, except that an Indexed Job may change it together with parallelism (new
 * completions equal to the new parallelism). Removing it is left to validateJobSpec's `Required`.
 */
function validateJobCompletionsUpdate(ns: Obj, os: Obj): FieldError[] {
  if (ns.completionMode !== 'Indexed') return immutableSpecField(ns, os, 'completions');
  if (deepEqual(ns.completions ?? undefined, os.completions ?? undefined) || typeof ns.completions !== 'number') return [];
  return ns.completions !== ns.parallelism
    ? [invalid(child(SPEC, 'completions'), ns.completions, 'can only be modified in tandem with spec.parallelism')]
    : [];
}

const hasLabel = (template: unknown, k: string): boolean =>
  isObj(template) && isObj(template.metadata) && isObj(template.metadata.labels) && k in template.metadata.labels;

/**
 * The Job strategy's ValidateUpdate (`pkg/registry/batch/job/strategy.go`, 1.32): ValidateJob of the
 * new Job (the generated `batch.kubernetes.io/` labels required only when the old Job had both),
 * then ValidateJobUpdate — metadata identity and ValidateJobSpecUpdate: the spec again (repeats
 * dropped), completions (elastic for Indexed Jobs), an immutable selector, the template (scheduling
 * directives mutable while suspended and never started), and immutable completionMode,
 * podFailurePolicy, backoffLimitPerIndex, managedBy and successPolicy. Parallelism, suspend,
 * activeDeadlineSeconds, backoffLimit, maxFailedIndexes, ttlSecondsAfterFinished and
 * podReplacementPolicy may change. A Job's selector is never generated again on update.
 */
export function validateJobUpdateFields(o: Obj, n: Obj): FieldError[] {
  const ns: Obj = isObj(n.spec) ? n.spec : {};
  const os: Obj = isObj(o.spec) ? o.spec : {};
  const requirePrefixedLabels = hasLabel(os.template, JOB_LABELS.jobName) && hasLabel(os.template, JOB_LABELS.controllerUid);
  const allowMutableSchedulingDirectives = os.suspend === true && !(isObj(o.status) && o.status.startTime);
  return [
    ...validateJob(n, { requirePrefixedLabels }),
    ...validateObjectMetaUpdate(n.metadata, o.metadata),
    ...validateJobSpec(ns, SPEC),
    ...validateJobCompletionsUpdate(ns, os),
    ...immutableSelector(o, n),
    ...validateJobTemplateUpdate(ns, os, allowMutableSchedulingDirectives),
    ...['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'].flatMap((f) => immutableSpecField(ns, os, f)),
  ];
}

/**
 * The CronJob strategy's ValidateUpdate (ValidateCronJobUpdate): metadata identity and the new
 * labels and annotations, then the spec as on create except that a `TZ` already in the old
 * schedule may stay (without a timeZone), and the timeZone is checked only when it changed. The
 * 52-character name limit is not applied (older CronJobs may have longer names). Everything in
 * the spec may change.
 */
export function validateCronJobUpdateFields(o: Obj, n: Obj): FieldError[] {
  const meta: Obj = isObj(n.metadata) ? n.metadata : {};
  return [
    ...validateObjectMetaUpdate(n.metadata, o.metadata),
    ...validateLabels(meta.labels, child(META, 'labels')),
    ...validateAnnotations(meta.annotations, child(META, 'annotations')),
    ...validateCronJobSpec(n.spec, isObj(o.spec) ? o.spec : {}, SPEC),
  ];
}

/**
 * Update validation for any supported kind: metadata identity for all, ValidatePodUpdate for Pods,
 * the strategies' ValidateUpdate for ReplicaSets, Deployments and DaemonSets (selector immutable),
 * ReplicationControllers (ValidateReplicationController + ValidateReplicationControllerUpdate: the
 * selector may change), StatefulSets (most of the spec fixed), PersistentVolumes (source fixed),
 * StorageClasses and ControllerRevisions, Jobs (most of the spec fixed) and CronJobs. Kinds the
 * registry does not mark supported yet are checked all the same.
 */
export function validateUpdate(oldObj: KObject | Obj, newObj: KObject | Obj): ManifestError[] {
  const o = oldObj as Obj;
  const n = newObj as Obj;
  const kind = lookupKind(String(n.apiVersion), String(n.kind));
  switch (kind.info?.kind) {
    case 'Pod': return validatePodUpdate(o, n);
    case 'ReplicaSet': return toManifestErrors(validateReplicaSetUpdate(o, n));
    case 'Deployment': return toManifestErrors(validateDeploymentUpdateFields(o, n));
    case 'ReplicationController':
      return toManifestErrors([...validateReplicationController(n), ...validateObjectMetaUpdate(n.metadata, o.metadata)]);
    case 'StatefulSet': return toManifestErrors(validateStatefulSetUpdateFields(o, n));
    case 'DaemonSet': return toManifestErrors(validateDaemonSetUpdateFields(o, n));
    case 'PersistentVolume': return toManifestErrors(validatePersistentVolumeUpdateFields(o, n));
    case 'StorageClass': return toManifestErrors(validateStorageClassUpdateFields(o, n));
    case 'ControllerRevision': return toManifestErrors(validateControllerRevisionUpdateFields(o, n));
    case 'Job': return toManifestErrors(validateJobUpdateFields(o, n));
    case 'CronJob': return toManifestErrors(validateCronJobUpdateFields(o, n));
    default: return toManifestErrors(validateObjectMetaUpdate(n.metadata, o.metadata));
  }
}
