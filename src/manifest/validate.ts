/**
 * Validation of (defaulted) objects, ported from the API server:
 * `pkg/apis/core/validation/validation.go` (ValidatePodCreate, ValidatePodSpec, validateContainers,
 * validateInitContainers, validateProbe, ValidateTolerations, validateResourceRequirements,
 * ValidateService, validateServicePort, ValidatePersistentVolumeClaimSpec, ValidateConfigMap,
 * ValidateNamespace, ValidateNode/validateNodeTaints, ValidateReplicationController,
 * ValidatePersistentVolume(Spec) with the hostPath/nfs/local/csi source checks),
 * `pkg/apis/apps/validation/validation.go` (ValidateReplicaSet, ValidatePodTemplateSpecForReplicaSet, ValidateDeployment,
 * ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePositiveIntOrPercent, IsNotMoreThan100Percent,
 * ValidateStatefulSet(Spec), ValidateDaemonSet(Spec), ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet,
 * ValidateControllerRevision), `pkg/apis/storage/validation/validation.go` (ValidateStorageClass),
 * `pkg/apis/batch/validation/validation.go` (ValidateJob, validateGeneratedSelector, ValidateJobSpec, validateJobSpec,
 * validatePodFailurePolicy, validateSuccessPolicy, ValidateCronJobCreate, validateCronJobSpec, ValidateJobTemplateSpec;
 * validateScheduleFormat and validateTimeZone are machines/cronjob/schedule.ts's, the parser the controller runs) and apimachinery's
 * `pkg/api/validation/objectmeta.go` / `pkg/apis/meta/v1/validation/validation.go`.
 * Messages and field paths are upstream's, including its quirks (noted where they look odd).
 */
import type { KindInfo } from '../kinds.ts';
import {
  isEmptySelector, matches, selectorFromLabelSelector, selectorFromSet, SelectorError, type LabelSelectorData,
} from '../labels.ts';
import type { LabelSelector } from '../types.ts';
import {
  GoLiteral, child, duplicate, forbidden, goQuote, index, invalid, key, notFound, notSupported, pointAt, required, tooLong,
  type FieldError, type Path,
} from './errors.ts';
import {
  byteLen, inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isHTTPHeaderName,
  isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel,
  nameIsDNSSubdomain, type NameFn,
} from './names.ts';
import { compareQuantity, formatQuantity, quantityOf as qOf, type Quantity } from './quantity.ts';
import { isPlainObject } from './schema.ts';
import { generateJobSelectorInPlace } from './defaults.ts';
import { validateScheduleFormat as scheduleFormatErrors, validateTimeZone as timeZoneErrors } from '../../machines/cronjob/schedule.ts';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => isPlainObject(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const entries = (v: unknown): [string, any][] => (isObj(v) ? Object.entries(v) : []);

const SPEC: Path = [{ k: 'f', name: 'spec' }];
const META: Path = [{ k: 'f', name: 'metadata' }];

/** apimachinery IsNegativeErrorMsg */
const IS_NEGATIVE = 'must be greater than or equal to 0';
/** apimachinery FieldImmutableErrorMsg */
export const FIELD_IMMUTABLE = 'field is immutable';
const MAX_INT32 = 2147483647;
/** apimachinery TotalAnnotationSizeLimitB */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);
/** core.MaxSecretSize */
const MAX_CONFIGMAP_SIZE = 1024 * 1024;

const nonNegative = (v: unknown, p: Path): FieldError[] =>
  typeof v === 'number' && v < 0 ? [invalid(p, v, IS_NEGATIVE)] : [];

// ---------------------------------------------------------------------------------------------
// metadata

/** meta/v1/validation ValidateLabels: errors name the labels map; they point at the offending entry. */
export function validateLabels(labels: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(pointAt(invalid(p, k, msg), key(p, k), true));
    if (typeof v === 'string') for (const msg of isValidLabelValue(v)) errs.push(pointAt(invalid(p, v, msg), key(p, k)));
  }
  return errs;
}

/** api/validation ValidateAnnotations */
export function validateAnnotations(annotations: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(pointAt(invalid(p, k, msg), key(p, k), true));
    size += byteLen(k) + byteLen(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(p, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateFinalizerName + core's validateKubeFinalizerName */
function validateFinalizerName(f: string, p: Path): FieldError[] {
  const errs = isQualifiedName(f).map((m) => invalid(p, f, m));
  if (f.split('/').length === 1 && !STANDARD_FINALIZERS.has(f))
    errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

/** api/validation ValidateObjectMeta (+ core's finalizer check). Name generation is left to the cluster. */
export function validateObjectMeta(meta: unknown, requiresNamespace: boolean, nameFn: NameFn, p: Path = META): FieldError[] {
  const errs: FieldError[] = [];
  const m: Obj = isObj(meta) ? meta : {};
  const generateName = str(m.generateName);
  const name = str(m.name);
  if (generateName) for (const msg of nameFn(generateName, true)) errs.push(invalid(child(p, 'generateName'), generateName, msg));
  if (!name) {
    // The API server generates a name from generateName before validating; the cluster does that here.
    if (!generateName) errs.push(required(child(p, 'name'), 'name or generateName is required'));
  } else for (const msg of nameFn(name, false)) errs.push(invalid(child(p, 'name'), name, msg));
  const ns = str(m.namespace);
  if (requiresNamespace) {
    if (!ns) errs.push(required(child(p, 'namespace')));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(p, 'namespace'), ns, msg));
  } else if (ns) errs.push(forbidden(child(p, 'namespace'), 'not allowed on this type'));
  errs.push(...nonNegative(m.generation, child(p, 'generation')));
  errs.push(...validateLabels(m.labels, child(p, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(p, 'annotations')));
  // ValidateOwnerReferences: upstream reports these under `metadata.ownerReferences.<field>` (no index).
  const orPath = child(p, 'ownerReferences');
  let firstController = '';
  arr(m.ownerReferences).forEach((ref: Obj, i) => {
    if (!isObj(ref)) return;
    const at = index(orPath, i);
    const av = str(ref.apiVersion);
    const version = av.includes('/') ? av.slice(av.indexOf('/') + 1) : av;
    if (!version) errs.push(pointAt(invalid(child(orPath, 'apiVersion'), av, 'version must not be empty'), child(at, 'apiVersion')));
    if (!str(ref.kind)) errs.push(pointAt(invalid(child(orPath, 'kind'), str(ref.kind), 'must not be empty'), child(at, 'kind')));
    if (!str(ref.name)) errs.push(pointAt(invalid(child(orPath, 'name'), str(ref.name), 'must not be empty'), child(at, 'name')));
    if (!str(ref.uid)) errs.push(pointAt(invalid(child(orPath, 'uid'), str(ref.uid), 'must not be empty'), child(at, 'uid')));
    if (ref.controller === true) {
      const cur = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController)
        errs.push(pointAt(invalid(orPath, new GoLiteral('[]v1.OwnerReference{…}'),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`), at));
      else firstController = cur;
    }
  });
  const finPath = child(p, 'finalizers');
  const fins = arr(m.finalizers).map(str);
  fins.forEach((f, i) => {
    // ValidateFinalizers reports qualified-name errors on the list; core adds its own per index.
    for (const msg of isQualifiedName(f)) errs.push(pointAt(invalid(finPath, f, msg), index(finPath, i)));
  });
  if (fins.includes('orphan') && fins.includes('foregroundDeletion'))
    errs.push(invalid(finPath, fins, 'finalizer orphan and foregroundDeletion cannot be both set'));
  fins.forEach((f, i) => {
    if (f.split('/').length === 1 && !STANDARD_FINALIZERS.has(f))
      errs.push(invalid(index(finPath, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// pod spec

export interface PodValidationOptions {
  /** The spec belongs to a Pod (not a template): enables pod-only checks. */
  resourceIsPod?: boolean;
  /**
   * Volume names that exist besides `spec.volumes` (a StatefulSet's claim templates, which its
   * controller adds to every pod): volume mounts may name them.
   */
  extraVolumeNames?: Iterable<string>;
}

function validatePortNumOrName(port: unknown, p: Path): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(p, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(p, n, m));
}

function validateHandler(h: Obj, gracePeriod: number | undefined, p: Path, lifecycle: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const kinds = lifecycle ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const kind of kinds) {
    const a = h[kind];
    if (a === undefined || a === null) continue;
    const ap = child(p, kind);
    if (n > 0) {
      errs.push(forbidden(ap, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const action: Obj = isObj(a) ? a : {};
    switch (kind) {
      case 'exec':
        if (arr(action.command).length === 0) errs.push(required(child(ap, 'command')));
        break;
      case 'httpGet':
        if (!str(action.path)) errs.push(required(child(ap, 'path')));
        errs.push(...validatePortNumOrName(action.port, child(ap, 'port')));
        if (!['HTTP', 'HTTPS'].includes(str(action.scheme)))
          errs.push(notSupported(child(ap, 'scheme'), str(action.scheme), ['HTTP', 'HTTPS']));
        for (const hdr of arr(action.httpHeaders))
          if (isObj(hdr)) for (const m of isHTTPHeaderName(str(hdr.name))) errs.push(invalid(child(ap, 'httpHeaders'), str(hdr.name), m));
        break;
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(action.port, child(ap, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(typeof action.port === 'number' ? action.port : 0, child(ap, 'port')));
        break;
      case 'sleep': {
        const s = typeof action.seconds === 'number' ? action.seconds : 0;
        if (gracePeriod !== undefined && (s < 0 || s > gracePeriod))
          errs.push(invalid(ap, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        break;
      }
    }
  }
  if (n === 0) errs.push(required(p, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: unknown, gracePeriod: number | undefined, p: Path): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, gracePeriod, p, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    errs.push(...nonNegative(probe[f], child(p, f)));
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(child(p, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

function validateLivenessOrStartupProbe(probe: unknown, gracePeriod: number | undefined, p: Path): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateProbe(probe, gracePeriod, p);
  const st = typeof probe.successThreshold === 'number' ? probe.successThreshold : 0;
  if (st !== 1) errs.push(invalid(child(p, 'successThreshold'), st, 'must be 1'));
  return errs;
}

function validateReadinessProbe(probe: unknown, gracePeriod: number | undefined, p: Path): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateProbe(probe, gracePeriod, p);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null)
    errs.push(invalid(child(p, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  return errs;
}

function validateLifecycle(lc: unknown, gracePeriod: number | undefined, p: Path): FieldError[] {
  if (!isObj(lc)) return [];
  const errs: FieldError[] = [];
  if (isObj(lc.postStart)) errs.push(...validateHandler(lc.postStart, gracePeriod, child(p, 'postStart'), true));
  if (isObj(lc.preStop)) errs.push(...validateHandler(lc.preStop, gracePeriod, child(p, 'preStop'), true));
  return errs;
}

function validateContainerPorts(ports: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    if (!isObj(port)) return;
    const ip = index(p, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(child(ip, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(ip, 'name'), name));
      else names.add(name);
    }
    const cp = typeof port.containerPort === 'number' ? port.containerPort : 0;
    if (cp === 0) errs.push(required(child(ip, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(ip, 'containerPort'), cp, m));
    const hp = typeof port.hostPort === 'number' ? port.hostPort : 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(child(ip, 'hostPort'), hp, m));
    const proto = str(port.protocol);
    if (!proto) errs.push(required(child(ip, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(child(ip, 'protocol'), proto, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** ValidateEnv with RelaxedEnvironmentVariableValidation (on by default since 1.32). */
function validateEnv(env: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const ip = index(p, i);
    const name = str(ev.name);
    if (!name) errs.push(required(child(ip, 'name')));
    else if ([...name].some((ch) => ch.codePointAt(0)! > 0x7e || ch.codePointAt(0)! < 0x20 || ch === '='))
      errs.push(invalid(child(ip, 'name'), name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    if (isObj(ev.valueFrom)) {
      const vp = child(ip, 'valueFrom');
      const n = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObj(ev.valueFrom[k])).length;
      if (n === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (str(ev.value)) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
      else if (n > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateLocalDescendingPath(target: string, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(p, target, 'must be a relative path'));
  if (target.replace(/\\/g, '/').split('/').includes('..')) errs.push(invalid(p, target, "must not contain '..'"));
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  arr(mounts).forEach((mnt, i) => {
    if (!isObj(mnt)) return;
    const ip = index(p, i);
    const name = str(mnt.name);
    if (!name) errs.push(required(child(ip, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(ip, 'name'), name));
    const mp = str(mnt.mountPath);
    if (!mp) errs.push(required(child(ip, 'mountPath')));
    if (mountPoints.has(mp)) errs.push(invalid(child(ip, 'mountPath'), mp, 'must be unique'));
    mountPoints.add(mp);
    // Upstream passes the list path (not the item path) for subPath errors.
    if (str(mnt.subPath)) errs.push(...validateLocalDescendingPath(str(mnt.subPath), child(p, 'subPath')).map((e) => pointAt(e, child(ip, 'subPath'))));
    if (str(mnt.subPathExpr)) {
      if (str(mnt.subPath)) errs.push(invalid(child(ip, 'subPathExpr'), str(mnt.subPathExpr), 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(str(mnt.subPathExpr), child(p, 'subPathExpr')).map((e) => pointAt(e, child(ip, 'subPathExpr'))));
    }
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'persistentvolumeclaims', 'storage', 'requests.storage', 'configmaps',
  'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (n: string) => n.startsWith('hugepages-');
/** helper.IsNativeResource: unprefixed or kubernetes.io-prefixed */
const isNative = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed */
const isOvercommitAllowed = (n: string) => isNative(n) && !isHugePages(n);
/** helper.IsIntegerResourceName (the relevant part: extended resources) */
const isIntegerResource = (n: string) => !isNative(n) && !n.startsWith('requests.');

function validateContainerResourceName(name: string, p: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(p, name, m));
  if (errs.length) return errs;
  if (name.split('/').length === 1) {
    // validateResourceName, then validateContainerResourceName appends its own complaint.
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-'))
      errs.push(invalid(p, name, 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(p, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function validateQuantityValue(name: string, q: Quantity, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(invalid(p, formatQuantity(q), IS_NEGATIVE));
  if (isIntegerResource(name) && q.nanos % 1_000_000_000n !== 0n)
    errs.push(invalid(p, new GoLiteral(formatQuantity(q)), 'must be an integer'));
  return errs;
}

/** validateResourceRequirements (container flavour) */
function validateResources(res: unknown, p: Path): FieldError[] {
  if (!isObj(res)) return [];
  const errs: FieldError[] = [];
  const limPath = child(p, 'limits');
  const reqPath = child(p, 'requests');
  const limits = isObj(res.limits) ? res.limits : {};
  let limCpuMem = false;
  let reqCpuMem = false;
  let huge = false;
  for (const [name, v] of Object.entries(limits)) {
    const fp = key(limPath, name);
    errs.push(...validateContainerResourceName(name, fp));
    const q = qOf(v);
    if (q) errs.push(...validateQuantityValue(name, q, fp));
    if (isHugePages(name)) huge = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, v] of entries(res.requests)) {
    const fp = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, fp));
    const q = qOf(v);
    if (q) errs.push(...validateQuantityValue(name, q, fp));
    const lq = name in limits ? qOf(limits[name]) : undefined;
    if (name in limits) {
      if (q && lq) {
        if (compareQuantity(q, lq) !== 0 && !isOvercommitAllowed(name))
          errs.push(pointAt(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lq)}`), fp));
        else if (compareQuantity(q, lq) > 0)
          errs.push(pointAt(invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lq)}`), fp));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(pointAt(required(limPath, 'Limit must be set for non overcommitable resources'), fp));
    }
    if (isHugePages(name)) huge = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && huge) errs.push(forbidden(p, 'HugePages require cpu or memory'));
  return errs;
}

function validateContainerCommon(c: Obj, volumes: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(p, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, m));
  if (!str(c.image)) errs.push(required(child(p, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(p, 'terminationMessagePolicy')));
  else if (!['File', 'FallbackToLogsOnError'].includes(tmp))
    errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, child(p, 'ports')));
  errs.push(...validateEnv(c.env, child(p, 'env')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(p, 'volumeMounts')));
  const pp = str(c.imagePullPolicy);
  if (!pp) errs.push(required(child(p, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pp))
    errs.push(notSupported(child(p, 'imagePullPolicy'), pp, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(c.resources, child(p, 'resources')));
  return errs;
}

function validateContainers(containers: unknown, volumes: Set<string>, gracePeriod: number | undefined, p: Path): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [required(p)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const cp = index(p, i);
    errs.push(...validateContainerCommon(c, volumes, cp));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(cp, 'name'), name));
    else names.add(name);
    if (c.lifecycle !== undefined && c.lifecycle !== null) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, child(cp, 'lifecycle')));
    errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, gracePeriod, child(cp, 'livenessProbe')));
    errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, child(cp, 'readinessProbe')));
    errs.push(...validateLivenessOrStartupProbe(c.startupProbe, gracePeriod, child(cp, 'startupProbe')));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null)
      errs.push(forbidden(child(cp, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(inits: unknown, regular: unknown, volumes: Set<string>, gracePeriod: number | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>(arr(regular).filter(isObj).map((c) => str(c.name)));
  arr(inits).forEach((c, i) => {
    if (!isObj(c)) return;
    const cp = index(p, i);
    errs.push(...validateContainerCommon(c, volumes, cp));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      const rp = str(c.restartPolicy);
      if (rp !== 'Always') errs.push(notSupported(child(cp, 'restartPolicy'), rp, ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(cp, 'name'), name));
    else if (name) names.add(name);
    if (restartAlways) {
      if (c.lifecycle !== undefined && c.lifecycle !== null) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, child(cp, 'lifecycle')));
      errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, gracePeriod, child(cp, 'livenessProbe')));
      errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, child(cp, 'readinessProbe')));
      errs.push(...validateLivenessOrStartupProbe(c.startupProbe, gracePeriod, child(cp, 'startupProbe')));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
        if (c[f] !== undefined && c[f] !== null)
          errs.push(forbidden(child(cp, f), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

/** validateVolumeSource order, for "may not specify more than 1 volume type". */
const VOLUME_SOURCE_ORDER = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume',
  'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos',
  'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
];

function validateVolumes(volumes: unknown, p: Path): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const ip = index(p, i);
    const el: FieldError[] = [];
    let n = 0;
    for (const src of VOLUME_SOURCE_ORDER) {
      if (v[src] === undefined || v[src] === null) continue;
      if (n > 0) {
        el.push(forbidden(child(ip, src), 'may not specify more than 1 volume type'));
        continue;
      }
      n++;
      const s: Obj = isObj(v[src]) ? v[src] : {};
      if (src === 'persistentVolumeClaim' && !str(s.claimName)) el.push(required(child(ip, src, 'claimName')));
      if (src === 'configMap' && !str(s.name)) el.push(required(child(ip, src, 'name')));
      if (src === 'secret' && !str(s.secretName)) el.push(required(child(ip, src, 'secretName')));
      if (src === 'hostPath' && !str(s.path)) el.push(required(child(ip, src, 'path')));
    }
    if (n === 0) el.push(required(ip, 'must specify a volume type'));
    const name = str(v.name);
    if (!name) el.push(required(child(ip, 'name')));
    else for (const m of isDNS1123Label(name)) el.push(invalid(child(ip, 'name'), name, m));
    if (names.has(name)) el.push(duplicate(child(ip, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

/** validateTaintEffect */
function validateTaintEffect(effect: string, allowEmpty: boolean, p: Path): FieldError[] {
  if (!allowEmpty && effect === '') return [required(p)];
  if (['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) return [];
  return [notSupported(p, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

/** ValidateTolerations (paths and quirks as upstream: value errors are reported on `operator`). */
export function validateTolerations(tolerations: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    if (!isObj(t)) return;
    const ip = index(p, i);
    const k = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (k) for (const m of isQualifiedName(k)) errs.push(invalid(child(ip, 'key'), k, m));
    if (!k && op !== 'Exists')
      errs.push(invalid(child(ip, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute')
      errs.push(invalid(child(ip, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(pointAt(invalid(child(ip, 'operator'), value, msgs.join(';')), child(ip, 'value')));
    } else if (op === 'Exists') {
      if (value) errs.push(pointAt(invalid(child(ip, 'operator'), value, "value must be empty when `operator` is 'Exists'"), child(ip, 'value')));
    } else errs.push(notSupported(child(ip, 'operator'), op, ['Equal', 'Exists']));
    if (effect) errs.push(...validateTaintEffect(effect, true, child(ip, 'effect')));
  });
  return errs;
}

/** ValidatePodSpec (the parts a simulator can check). */
export function validatePodSpec(spec0: unknown, p: Path, opts: PodValidationOptions = {}): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  const tgps = spec.terminationGracePeriodSeconds;
  if (tgps === undefined || tgps === null) errs.push(required(child(p, 'terminationGracePeriodSeconds')));
  // Not in upstream ValidatePodSpec (negative grace periods are tolerated there and treated as 1 by
  // the kubelet); kubeactors rejects them, as apimachinery's ValidateNonnegativeField words it.
  else errs.push(...nonNegative(tgps, child(p, 'terminationGracePeriodSeconds')));
  const gracePeriod = typeof tgps === 'number' ? tgps : undefined;

  const vols = validateVolumes(spec.volumes, child(p, 'volumes'));
  errs.push(...vols.errs);
  const volumeNames = opts.extraVolumeNames ? new Set([...vols.names, ...opts.extraVolumeNames]) : vols.names;
  errs.push(...validateContainers(spec.containers, volumeNames, gracePeriod, child(p, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumeNames, gracePeriod, child(p, 'initContainers')));

  // validatePodHostNetworkDeps
  if (spec.hostNetwork === true)
    arr(spec.containers).forEach((c, i) => {
      if (!isObj(c)) return;
      arr(c.ports).forEach((port, j) => {
        if (!isObj(port)) return;
        const hp = typeof port.hostPort === 'number' ? port.hostPort : 0;
        const cp = typeof port.containerPort === 'number' ? port.containerPort : 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp)
          errs.push(invalid(child(index(child(index(child(p, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      });
    });

  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(child(p, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(child(p, 'restartPolicy'), rp, ['Always', 'OnFailure', 'Never']));
  const dns = str(spec.dnsPolicy);
  const dnsValid = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dns) errs.push(required(child(p, 'dnsPolicy')));
  else if (!dnsValid.includes(dns)) errs.push(notSupported(child(p, 'dnsPolicy'), dns, dnsValid));
  errs.push(...validateLabels(spec.nodeSelector, child(p, 'nodeSelector')));
  if (dns === 'None' && !isObj(spec.dnsConfig))
    errs.push(required(child(p, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));

  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    if (!isObj(g)) return;
    const name = str(g.name);
    for (const m of isQualifiedName(name)) errs.push(invalid(index(child(p, 'schedulingGates'), i), name, m));
    if (gates.has(name)) errs.push(duplicate(index(child(p, 'schedulingGates'), i), name));
    gates.add(name);
  });

  const sa = str(spec.serviceAccountName);
  if (sa) for (const m of nameIsDNSSubdomain(sa, false)) errs.push(invalid(child(p, 'serviceAccountName'), sa, m));
  const nodeName = str(spec.nodeName);
  if (nodeName) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(child(p, 'nodeName'), nodeName, m));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32))
    errs.push(invalid(child(p, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  const hostname = str(spec.hostname);
  if (hostname) for (const m of isDNS1123Label(hostname)) errs.push(invalid(child(p, 'hostname'), hostname, m));
  const subdomain = str(spec.subdomain);
  if (subdomain) for (const m of isDNS1123Label(subdomain)) errs.push(invalid(child(p, 'subdomain'), subdomain, m));
  errs.push(...validateTolerations(spec.tolerations, child(p, 'tolerations')));
  const pcn = str(spec.priorityClassName);
  if (pcn) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(child(p, 'priorityClassName'), pcn, m));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(required(child(p, 'preemptionPolicy')));
    else if (!['PreemptLowerPriority', 'Never'].includes(pp))
      errs.push(notSupported(child(p, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** Errors found under `real`, reported under upstream's path text `as` but still pointing at the real nodes. */
function reportAs(errs: FieldError[], as: Path): FieldError[] {
  return errs.map((e) => ({ ...e, path: as, at: e.at ?? e.path }));
}

/**
 * ValidatePodTemplateSpec: labels, annotations and the spec of an embedded pod template.
 * Upstream validates the template's (embedded) ObjectMeta at `<template>.labels` and
 * `<template>.annotations` (no `metadata`); that path text is kept, the position is the
 * offending entry under `<template>.metadata`.
 */
export function validatePodTemplateSpec(template: unknown, p: Path, opts: PodValidationOptions = {}): FieldError[] {
  const t: Obj = isObj(template) ? template : {};
  const errs = [...validatePodTemplateMetadata(t, p), ...validatePodSpec(t.spec, child(p, 'spec'), opts)];
  if (isObj(t.spec) && arr(t.spec.ephemeralContainers).length > 0)
    errs.push(forbidden(child(p, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/**
 * The labels and annotations of an embedded pod template, at upstream's path text
 * (`<template>.labels`), pointing at the entries under `<template>.metadata`.
 */
function validatePodTemplateMetadata(t: Obj, p: Path): FieldError[] {
  const meta: Obj = isObj(t.metadata) ? t.metadata : {};
  return [
    ...reportAs(validateLabels(meta.labels, child(p, 'metadata', 'labels')), child(p, 'labels')),
    ...reportAs(validateAnnotations(meta.annotations, child(p, 'metadata', 'annotations')), child(p, 'annotations')),
  ];
}

/** validatePodMetadataAndSpec: what both create and update check. */
export function validatePodMetadataAndSpec(pod: Obj): FieldError[] {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const errs = [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, META),
    ...validatePodSpec(spec, SPEC, { resourceIsPod: true }),
  ];
  // validateContainersOnlyForPod
  for (const list of ['containers', 'initContainers'])
    arr(spec[list]).forEach((c, i) => {
      if (isObj(c) && typeof c.image === 'string' && c.image.trim() !== c.image)
        errs.push(invalid(child(index(child(SPEC, list), i), 'image'), c.image, 'must not have leading or trailing whitespace'));
    });
  return errs;
}

/** ValidatePodCreate: validatePodMetadataAndSpec plus create-only rules. */
export function validatePod(pod: Obj): FieldError[] {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const errs = validatePodMetadataAndSpec(pod);
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden(child(SPEC, 'ephemeralContainers'), 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0)
    errs.push(forbidden(child(SPEC, 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// other kinds

function validateNode(node: Obj): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, META);
  const spec: Obj = isObj(node.spec) ? node.spec : {};
  // Upstream ValidateNode validates taints under `metadata.taints` (fldPath is the metadata path);
  // the path text is kept, the position points at spec.taints.
  const upstream: Path = child(META, 'taints');
  const seen = new Map<string, Set<string>>();
  arr(spec.taints).forEach((t, i) => {
    if (!isObj(t)) return;
    const ip = index(upstream, i);
    const at = index(child(SPEC, 'taints'), i);
    const k = str(t.key);
    const v = str(t.value);
    const effect = str(t.effect);
    for (const m of isQualifiedName(k)) errs.push(pointAt(invalid(child(ip, 'key'), k, m), child(at, 'key')));
    const vm = isValidLabelValue(v);
    if (vm.length) errs.push(pointAt(invalid(child(ip, 'value'), v, vm.join(';')), child(at, 'value')));
    for (const e of validateTaintEffect(effect, false, child(ip, 'effect'))) errs.push(pointAt(e, child(at, 'effect')));
    const keys = seen.get(effect);
    if (keys?.has(k)) {
      const lit = new GoLiteral(`core.Taint{Key:${JSON.stringify(k)}, Value:${JSON.stringify(v)}, Effect:${JSON.stringify(effect)}, TimeAdded:<nil>}`);
      errs.push(pointAt(duplicate(ip, lit, 'taints must be unique by key and effect pair'), at));
      return;
    }
    if (!keys) seen.set(effect, new Set([k]));
    else keys.add(k);
  });
  return errs;
}

function validateNamespace(ns: Obj): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel, META);
  const spec: Obj = isObj(ns.spec) ? ns.spec : {};
  arr(spec.finalizers).forEach((f, i) => {
    // Upstream reports these on `spec.finalizers` (no index).
    for (const e of validateFinalizerName(str(f), child(SPEC, 'finalizers'))) errs.push(pointAt(e, index(child(SPEC, 'finalizers'), i)));
  });
  return errs;
}

function goServicePortKey(protocol: string, port: number): GoLiteral {
  return new GoLiteral(
    `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

/** pkg/registry/core/service/portallocator: the default --service-node-port-range. */
const NODE_PORT_RANGE: [number, number] = [30000, 32767];

function validateService(svc: Obj): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, META);
  const spec: Obj = isObj(svc.spec) ? svc.spec : {};
  const type = str(spec.type);
  const clusterIPs = arr(spec.clusterIPs);
  const headless = type === 'ClusterIP' && (spec.clusterIP === 'None' || (clusterIPs.length === 1 && clusterIPs[0] === 'None'));
  const ports = arr(spec.ports);
  const portsPath = child(SPEC, 'ports');
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(portsPath));
  if ((type === 'LoadBalancer' || type === 'NodePort') && (spec.clusterIP === 'None' || clusterIPs[0] === 'None'))
    errs.push(invalid(index(child(SPEC, 'clusterIPs'), 0), 'None', `may not be set to 'None' for ${type} services`));
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0) errs.push(forbidden(child(SPEC, 'clusterIPs'), 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) errs.push(forbidden(child(SPEC, 'ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null)
      errs.push(forbidden(child(SPEC, 'ipFamilyPolicy'), 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(child(SPEC, 'externalName'), cname, m));
    else errs.push(required(child(SPEC, 'externalName')));
  }
  const names = new Set<string>();
  ports.forEach((sp, i) => {
    if (!isObj(sp)) return;
    const pp = index(portsPath, i);
    const name = str(sp.name);
    if (ports.length > 1 && !name) errs.push(required(child(pp, 'name')));
    else if (name) {
      for (const m of isDNS1123Label(name)) errs.push(invalid(child(pp, 'name'), name, m));
      if (names.has(name)) errs.push(duplicate(child(pp, 'name'), name));
      else names.add(name);
    }
    const port = typeof sp.port === 'number' ? sp.port : 0;
    for (const m of isValidPortNum(port)) errs.push(invalid(child(pp, 'port'), port, m));
    const proto = str(sp.protocol);
    if (!proto) errs.push(required(child(pp, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(child(pp, 'protocol'), proto, ['SCTP', 'TCP', 'UDP']));
    errs.push(...validatePortNumOrName(sp.targetPort, child(pp, 'targetPort')));
    if (sp.appProtocol !== undefined) for (const m of isQualifiedName(str(sp.appProtocol))) errs.push(invalid(child(pp, 'appProtocol'), str(sp.appProtocol), m));
  });
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, child(SPEC, 'selector')));
  const sa = str(spec.sessionAffinity);
  if (!sa) errs.push(required(child(SPEC, 'sessionAffinity')));
  else if (!['ClientIP', 'None'].includes(sa)) errs.push(notSupported(child(SPEC, 'sessionAffinity'), sa, ['ClientIP', 'None']));
  if (sa === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null)
    errs.push(forbidden(child(SPEC, 'sessionAffinityConfig'), 'must not be set when session affinity is None'));
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!type) errs.push(required(child(SPEC, 'type')));
  else if (!types.includes(type)) errs.push(notSupported(child(SPEC, 'type'), type, types));
  if (type === 'ClusterIP')
    ports.forEach((sp, i) => {
      if (isObj(sp) && typeof sp.nodePort === 'number' && sp.nodePort !== 0)
        errs.push(forbidden(child(index(portsPath, i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!isObj(sp) || typeof sp.nodePort !== 'number' || sp.nodePort === 0) return;
    const k = `${str(sp.protocol)}/${sp.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index(portsPath, i), 'nodePort'), sp.nodePort));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!isObj(sp)) return;
    const port = typeof sp.port === 'number' ? sp.port : 0;
    const k = `${str(sp.protocol)}/${port}`;
    if (seenPorts.has(k)) errs.push(duplicate(index(portsPath, i), goServicePortKey(str(sp.protocol), port)));
    seenPorts.add(k);
  });
  if (arr(spec.loadBalancerSourceRanges).length > 0 && type !== 'LoadBalancer')
    errs.push(forbidden(child(SPEC, 'LoadBalancerSourceRanges'), "may only be used when `type` is 'LoadBalancer'"));
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer')
    errs.push(forbidden(child(SPEC, 'allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined || itp === null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(required(child(SPEC, 'internalTrafficPolicy')));
  } else if (!['Cluster', 'Local'].includes(str(itp))) errs.push(notSupported(child(SPEC, 'internalTrafficPolicy'), str(itp), ['Cluster', 'Local']));
  // Node-port allocation happens in the Service REST storage; its range error is part of create.
  if (type === 'NodePort' || type === 'LoadBalancer')
    ports.forEach((sp, i) => {
      if (!isObj(sp) || typeof sp.nodePort !== 'number' || sp.nodePort === 0) return;
      if (sp.nodePort < NODE_PORT_RANGE[0] || sp.nodePort > NODE_PORT_RANGE[1])
        errs.push(invalid(child(index(portsPath, i), 'nodePort'), sp.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]}`));
    });
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** ValidatePersistentVolumeClaimSpec */
export function validatePVCSpec(spec0: unknown, p: Path): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  const modes = arr(spec.accessModes).map(str);
  if (modes.length === 0) errs.push(required(child(p, 'accessModes'), 'at least 1 access mode is required'));
  // The same unversioned LabelSelector validation as for workload selectors.
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, child(p, 'selector')));
  let rwop = false;
  let other = false;
  modes.forEach((mode, i) => {
    if (!ACCESS_MODES.includes(mode)) errs.push(pointAt(notSupported(child(p, 'accessModes'), mode, ACCESS_MODES), index(child(p, 'accessModes'), i)));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  });
  if (rwop && other) errs.push(forbidden(child(p, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = key(child(p, 'resources'), 'storage');
  const requests = isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests : {};
  const at = child(p, 'resources', 'requests', 'storage');
  if (!('storage' in requests)) errs.push(pointAt(required(storagePath), at));
  else {
    const q = qOf(requests.storage);
    if (q && q.nanos <= 0n) errs.push(pointAt(invalid(storagePath, formatQuantity(q), 'must be greater than zero'), at));
  }
  const sc = spec.storageClassName;
  if (typeof sc === 'string' && sc) for (const m of nameIsDNSSubdomain(sc, false)) errs.push(invalid(child(p, 'storageClassName'), sc, m));
  if (spec.volumeMode !== undefined && !['Block', 'Filesystem'].includes(str(spec.volumeMode)))
    errs.push(notSupported(child(p, 'volumeMode'), str(spec.volumeMode), ['Block', 'Filesystem']));
  return errs;
}

function validatePVC(pvc: Obj): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain, META), ...validatePVCSpec(pvc.spec, SPEC)];
}

function validateConfigMap(cm: Obj): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, META);
  let total = 0;
  const data: Path = [{ k: 'f', name: 'data' }];
  const binary: Path = [{ k: 'f', name: 'binaryData' }];
  const binaryData: Obj = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const [k, v] of entries(cm.data)) {
    for (const m of isConfigMapKey(k)) errs.push(pointAt(invalid(key(data, k), k, m), key(data, k), true));
    if (k in binaryData) errs.push(pointAt(invalid(key(data, k), k, 'duplicate of key present in binaryData'), key(data, k), true));
    total += byteLen(str(v));
  }
  for (const [k, v] of Object.entries(binaryData)) {
    for (const m of isConfigMapKey(k)) errs.push(pointAt(invalid(key(binary, k), k, m), key(binary, k), true));
    total += str(v).length;
  }
  // Upstream passes field.NewPath("") for this one; kubeactors names the data map instead.
  if (total > MAX_CONFIGMAP_SIZE) errs.push(tooLong(data, MAX_CONFIGMAP_SIZE));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// workloads with a pod template: apps/v1 ReplicaSet and Deployment, core/v1 ReplicationController

/** Go's string order (bytewise on UTF-8), as fmt sorts map keys. */
const goStringOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function goStringMapText(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort(goStringOrder);
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(str(m[k]))}`).join(', ')}}`;
}

/** `%#v` of a `map[string]string` (a template's labels), as field errors print it. */
export function goStringMap(m: unknown): GoLiteral {
  return new GoLiteral(goStringMapText(m));
}

function goStringSliceText(v: unknown): string {
  return Array.isArray(v) ? `[]string{${v.map((x) => goQuote(str(x))).join(', ')}}` : '[]string(nil)';
}

/**
 * `%#v` of a `metav1.LabelSelector`, as field errors print a selector
 * (`v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`).
 */
export function goLabelSelector(sel: unknown): GoLiteral {
  const s: Obj = isObj(sel) ? sel : {};
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((r) => {
          const q: Obj = isObj(r) ? r : {};
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(q.key))}, Operator:${goQuote(str(q.operator))}, Values:${goStringSliceText(q.values)}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${goStringMapText(s.matchLabels)}, MatchExpressions:${exprs}}`);
}

/** meta/v1/validation ValidateLabelSelector, with AllowInvalidLabelValueInSelector false (as workloads use it). */
export function validateLabelSelector(sel: unknown, p: Path): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, child(p, 'matchLabels'));
  arr(sel.matchExpressions).forEach((r, i) => {
    if (!isObj(r)) return;
    const rp = index(child(p, 'matchExpressions'), i);
    const op = str(r.operator);
    const values = arr(r.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(rp, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(rp, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(child(rp, 'operator'), op, 'not a valid selector operator'));
    for (const m of isQualifiedName(str(r.key))) errs.push(invalid(child(rp, 'key'), str(r.key), m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalid(index(child(rp, 'values'), j), str(v), m));
    });
  });
  return errs;
}

/**
 * ValidatePodTemplateSpecForReplicaSet / ValidatePodTemplateSpecForRC (template present): the
 * selector must select the template's labels, the template must be a valid pod template, its
 * pods must restart Always and may not have a deadline.
 */
function validateControllerTemplate(template: Obj, selector: LabelSelectorData, selPath: Path, p: Path, kind: string): FieldError[] {
  const meta: Obj = isObj(template.metadata) ? template.metadata : {};
  const errs: FieldError[] = [];
  const labels = isObj(meta.labels) ? (meta.labels as Record<string, string>) : undefined;
  if (!isEmptySelector(selector) && !matches(selector, labels))
    errs.push({
      ...invalid(child(p, 'metadata', 'labels'), goStringMap(meta.labels), '`selector` does not match template `labels`'),
      dependsOn: [selPath, child(p, 'metadata', 'labels')],
    });
  errs.push(...validatePodTemplateSpec(template, p));
  const spec: Obj = isObj(template.spec) ? template.spec : {};
  const rp = str(spec.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported(child(p, 'spec', 'restartPolicy'), rp, ['Always']));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null)
    errs.push(forbidden(child(p, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/**
 * metav1.LabelSelectorAsSelector: nil selects nothing, {} everything; undefined when the
 * selector does not convert (an unknown operator, a bad key or value).
 */
function labelSelectorAsSelector(sel: Obj | undefined): LabelSelectorData | undefined {
  try {
    // Absent strings are Go's zero value "" (a requirement whose key or operator was left out).
    const typed: LabelSelector | undefined = sel && {
      matchLabels: isObj(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : undefined,
      matchExpressions: arr(sel.matchExpressions).map((r) => {
        const q: Obj = isObj(r) ? r : {};
        return { key: str(q.key), operator: str(q.operator), values: Array.isArray(q.values) ? q.values.map(str) : undefined };
      }),
    };
    return selectorFromLabelSelector(typed);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    return undefined;
  }
}

/**
 * The selector checks ValidateReplicaSetSpec, ValidateDeploymentSpec and ValidateStatefulSetSpec
 * share: required, a valid LabelSelector, not empty (`empty selector is invalid for <kind>`; the
 * ReplicaSet's says `deployment`, as upstream's does), and convertible by
 * metav1.LabelSelectorAsSelector (else an Invalid error with `conversionDetail`). Returns the
 * selector to check the template against, or undefined when the conversion failed (upstream then
 * does not check the template).
 */
function validateWorkloadSelector(
  spec: Obj, selPath: Path, kind = 'deployment', conversionDetail = 'invalid label selector',
): { errs: FieldError[]; selector?: LabelSelectorData } {
  const errs: FieldError[] = [];
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (!sel) errs.push(required(selPath));
  else {
    errs.push(...validateLabelSelector(sel, selPath));
    if (entries(sel.matchLabels).length + arr(sel.matchExpressions).length === 0)
      errs.push({ ...invalid(selPath, goLabelSelector(sel), `empty selector is invalid for ${kind}`), dependsOn: [selPath] });
  }
  const selector = labelSelectorAsSelector(sel);
  if (!selector) errs.push({ ...invalid(selPath, goLabelSelector(sel), conversionDetail), dependsOn: [selPath] });
  return { errs, selector };
}

/** apps/validation ValidateReplicaSet: ValidateObjectMeta + ValidateReplicaSetSpec. */
export function validateReplicaSet(rs: Obj): FieldError[] {
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, META);
  const spec: Obj = isObj(rs.spec) ? rs.spec : {};
  errs.push(...nonNegative(spec.replicas, child(SPEC, 'replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, child(SPEC, 'minReadySeconds')));
  const selPath = child(SPEC, 'selector');
  const { errs: selErrs, selector } = validateWorkloadSelector(spec, selPath);
  errs.push(...selErrs);
  // If the selector does not convert, the template is not checked.
  if (!selector) return errs;
  // The template is a value in apps/v1: an absent one is validated as an empty one.
  errs.push(...validateControllerTemplate(isObj(spec.template) ? spec.template : {}, selector, selPath, child(SPEC, 'template'), 'ReplicaSet'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// apps/v1 Deployment

/** An `intstr.IntOrString` as the internal type holds it (Type 0 = Int, 1 = String). */
type IntOrString = { type: 0; intVal: number } | { type: 1; strVal: string };

/**
 * The internal IntOrString of a decoded value: numbers are Int, strings String; an absent value
 * (a nil pointer in apps/v1) converts to the zero IntOrString, Int 0.
 */
function intOrStringOf(v: unknown): IntOrString {
  if (typeof v === 'string') return { type: 1, strVal: v };
  return { type: 0, intVal: typeof v === 'number' ? v : 0 };
}

/** `%#v` of an `intstr.IntOrString`, as field errors print it in 1.32. */
function goIntOrString(v: IntOrString): GoLiteral {
  return new GoLiteral(
    v.type === 0
      ? `intstr.IntOrString{Type:0, IntVal:${v.intVal}, StrVal:""}`
      : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v.strVal)}}`,
  );
}

/** util/validation IsValidPercent: `^[0-9]+%$`, with RegexError(percentErrMsg, percentFmt, "1%", "93%"). */
const PERCENT_RE = /^[0-9]+%$/;
export const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Go strconv.Atoi as IntOrString.IntValue uses it: the value, or 0 on a syntax error (clamped on overflow). */
function goAtoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = BigInt(s);
  const max = 2n ** 63n - 1n;
  const min = -(2n ** 63n);
  return Number(n > max ? max : n < min ? min : n);
}

/** getPercentValue: the number of a valid percent string. */
function percentValue(v: IntOrString): number | undefined {
  if (v.type !== 1 || !PERCENT_RE.test(v.strVal)) return undefined;
  return goAtoi(v.strVal.slice(0, -1));
}

/** getIntOrPercentValue: the percent's number, else IntValue() (which parses a String with Atoi). */
function intOrPercentValue(v: IntOrString): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  return v.type === 0 ? v.intVal : goAtoi(v.strVal);
}

/** apps/validation ValidatePositiveIntOrPercent: a String must be a percent, an Int non-negative. */
function validatePositiveIntOrPercent(v: IntOrString, p: Path): FieldError[] {
  if (v.type === 1) return PERCENT_RE.test(v.strVal) ? [] : [invalid(p, goIntOrString(v), PERCENT_MSG)];
  return nonNegative(v.intVal, p);
}

/** apps/validation IsNotMoreThan100Percent (only percent strings are checked). */
function isNotMoreThan100Percent(v: IntOrString, p: Path): FieldError[] {
  const pct = percentValue(v);
  return pct === undefined || pct <= 100 ? [] : [invalid(p, goIntOrString(v), 'must not be greater than 100%')];
}

/** apps/validation ValidateRollingUpdateDeployment */
function validateRollingUpdateDeployment(ru: Obj, p: Path): FieldError[] {
  const muPath = child(p, 'maxUnavailable');
  const msPath = child(p, 'maxSurge');
  const mu = intOrStringOf(ru.maxUnavailable);
  const ms = intOrStringOf(ru.maxSurge);
  const errs = [...validatePositiveIntOrPercent(mu, muPath), ...validatePositiveIntOrPercent(ms, msPath)];
  if (intOrPercentValue(mu) === 0 && intOrPercentValue(ms) === 0)
    errs.push({ ...invalid(muPath, goIntOrString(mu), 'may not be 0 when `maxSurge` is 0'), dependsOn: [msPath] });
  errs.push(...isNotMoreThan100Percent(mu, muPath));
  return errs;
}

/**
 * `%#v` of the `*apps.DeploymentStrategy` an unsupported strategy error prints. A non-nil
 * RollingUpdate prints as a pointer address upstream; it is elided here.
 */
function goDeploymentStrategy(s: Obj): GoLiteral {
  const ru = s.rollingUpdate === undefined || s.rollingUpdate === null ? 'nil' : '0xc000…';
  return new GoLiteral(`apps.DeploymentStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:(*apps.RollingUpdateDeployment)(${ru})}`);
}

const DEPLOYMENT_STRATEGY_TYPES = ['Recreate', 'RollingUpdate'];

/**
 * apps/validation ValidateDeploymentStrategy. An unknown type is reported (as upstream does) on
 * `spec.strategy` with the whole strategy as the value; it points at `spec.strategy.type`.
 */
export function validateDeploymentStrategy(strategy: unknown, p: Path): FieldError[] {
  const s: Obj = isObj(strategy) ? strategy : {};
  const hasRollingUpdate = s.rollingUpdate !== undefined && s.rollingUpdate !== null;
  switch (s.type) {
    case 'Recreate':
      return hasRollingUpdate ? [forbidden(child(p, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      // Defaulting always sets it.
      if (!hasRollingUpdate) return [required(child(p, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(isObj(s.rollingUpdate) ? s.rollingUpdate : {}, child(p, 'rollingUpdate'));
    default:
      return [{ ...pointAt(notSupported(p, goDeploymentStrategy(s), DEPLOYMENT_STRATEGY_TYPES), child(p, 'type')), dependsOn: [p] }];
  }
}

/**
 * apps/validation ValidateDeploymentSpec (apps/v1 has no `rollbackTo`). The template is checked
 * by ValidatePodTemplateSpecForReplicaSet, so its deadline error names ReplicaSet, as upstream's does.
 */
export function validateDeploymentSpec(spec0: unknown, p: Path = SPEC): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs = nonNegative(spec.replicas, child(p, 'replicas'));
  const selPath = child(p, 'selector');
  const { errs: selErrs, selector } = validateWorkloadSelector(spec, selPath);
  errs.push(...selErrs);
  // The template is a value in apps/v1: an absent one is validated as an empty one.
  if (selector)
    errs.push(...validateControllerTemplate(isObj(spec.template) ? spec.template : {}, selector, selPath, child(p, 'template'), 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(spec.strategy, child(p, 'strategy')));
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  errs.push(...nonNegative(spec.minReadySeconds, child(p, 'minReadySeconds')));
  // Zero is a valid revisionHistoryLimit.
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(p, 'revisionHistoryLimit')));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    const pdsPath = child(p, 'progressDeadlineSeconds');
    errs.push(...nonNegative(pds, pdsPath));
    if (pds <= minReady)
      errs.push({ ...invalid(pdsPath, pds, 'must be greater than minReadySeconds'), dependsOn: [child(p, 'minReadySeconds')] });
  }
  return errs;
}

/** apps/validation ValidateDeployment: ValidateObjectMeta (DNS subdomain name) + ValidateDeploymentSpec. */
export function validateDeployment(d: Obj): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, META), ...validateDeploymentSpec(d.spec, SPEC)];
}

// ---------------------------------------------------------------------------------------------
// apps/v1 StatefulSet

/**
 * Checks newer API servers run in ValidateStatefulSetSpec that Kubernetes 1.32 does not. 1.32
 * validates only the template's labels and annotations (ValidatePodTemplateSpecForStatefulSet
 * leaves the pod spec to a TODO), its restartPolicy and activeDeadlineSeconds, and not the
 * volumeClaimTemplates at all: a StatefulSet with a broken template or claim template is
 * accepted and its pods or claims then fail to be created. Upstream added both checks in 1.34
 * (kubernetes PRs #131790 and #132212) behind these options, which its update path sets when the
 * old object already fails them (ratcheting). kubeactors runs them by default; set both for 1.32.
 */
export interface StatefulSetValidationOptions {
  /** Validate only the template's labels and annotations (1.32). */
  skipValidatePodTemplateSpec?: boolean;
  /** Do not validate `spec.volumeClaimTemplates` (1.32). */
  skipValidateVolumeClaimTemplates?: boolean;
}

const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'];
const PVC_RETENTION_POLICY_TYPES = ['Retain', 'Delete'];

/** A non-nil pointer inside a printed struct: upstream prints its address, elided here. */
const goPointer = (type: string, v: unknown) => `(*${type})(${v === undefined || v === null ? 'nil' : '0xc000…'})`;

/** `%#v` of the `apps.RollingUpdateStatefulSetStrategy` a misplaced rollingUpdate prints as. */
function goRollingUpdateStatefulSet(ru: Obj): GoLiteral {
  const partition = typeof ru.partition === 'number' ? ru.partition : 0;
  return new GoLiteral(`apps.RollingUpdateStatefulSetStrategy{Partition:${partition}, MaxUnavailable:${goPointer('intstr.IntOrString', ru.maxUnavailable)}}`);
}

/** `%#v` of an `apps.StatefulSetUpdateStrategy`. */
function goStatefulSetUpdateStrategy(s: Obj): GoLiteral {
  return new GoLiteral(`apps.StatefulSetUpdateStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', s.rollingUpdate)}}`);
}

/**
 * apps/validation validateRollingUpdateStatefulSet. `maxUnavailable` is only ever present when a
 * caller bypasses defaulting: with the MaxUnavailableStatefulSet gate off (1.32) the strategy drops it.
 */
function validateRollingUpdateStatefulSet(ru: Obj, p: Path): FieldError[] {
  const errs = nonNegative(ru.partition, child(p, 'partition'));
  if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
    const muPath = child(p, 'maxUnavailable');
    const mu = intOrStringOf(ru.maxUnavailable);
    errs.push(...validatePositiveIntOrPercent(mu, muPath));
    if (intOrPercentValue(mu) === 0) errs.push(invalid(muPath, goIntOrString(mu), 'cannot be 0'));
    errs.push(...isNotMoreThan100Percent(mu, muPath));
  }
  return errs;
}

/** The names of a StatefulSet's claim templates: its controller adds one volume per template to each pod. */
export function claimTemplateNames(spec: unknown): string[] {
  const s: Obj = isObj(spec) ? spec : {};
  return arr(s.volumeClaimTemplates)
    .map((t) => (isObj(t) && isObj(t.metadata) ? str(t.metadata.name) : ''))
    .filter((n) => n !== '');
}

/**
 * ValidateVolumeClaimTemplates (upstream 1.34+, see StatefulSetValidationOptions): each claim
 * template's spec is validated as a PersistentVolumeClaim's (ValidatePersistentVolumeClaimSpec).
 */
export function validateVolumeClaimTemplates(templates: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr(templates).forEach((t, i) => {
    if (isObj(t)) errs.push(...validatePVCSpec(t.spec, child(index(p, i), 'spec')));
  });
  return errs;
}

/** `selector` does not match template `labels`, as the workload validations word it. */
function templateLabelsMismatch(template: Obj, selPath: Path, p: Path): FieldError {
  const meta: Obj = isObj(template.metadata) ? template.metadata : {};
  return {
    ...invalid(child(p, 'metadata', 'labels'), goStringMap(meta.labels), '`selector` does not match template `labels`'),
    dependsOn: [selPath, child(p, 'metadata', 'labels')],
  };
}

const templateLabels = (template: Obj): Record<string, string> | undefined =>
  isObj(template.metadata) && isObj(template.metadata.labels) ? (template.metadata.labels as Record<string, string>) : undefined;

/**
 * apps/validation ValidateStatefulSetSpec (1.32), in upstream's order: podManagementPolicy,
 * updateStrategy, persistentVolumeClaimRetentionPolicy, (volumeClaimTemplates, 1.34+), replicas,
 * minReadySeconds, ordinals.start, the selector, the template (ValidatePodTemplateSpecForStatefulSet),
 * then the template's restartPolicy and activeDeadlineSeconds. `serviceName` is not validated in
 * 1.32 (1.33 checks it is a DNS label), nor is `revisionHistoryLimit` (a later release rejects
 * negative values).
 */
export function validateStatefulSetSpec(spec0: unknown, p: Path = SPEC, opts: StatefulSetValidationOptions = {}): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];

  const pmpPath = child(p, 'podManagementPolicy');
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required(pmpPath));
  else if (!POD_MANAGEMENT_POLICIES.includes(pmp)) errs.push(invalid(pmpPath, pmp, "must be 'OrderedReady' or 'Parallel'"));

  const usPath = child(p, 'updateStrategy');
  const us: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const ruPath = child(usPath, 'rollingUpdate');
  const hasRollingUpdate = us.rollingUpdate !== undefined && us.rollingUpdate !== null;
  const ru: Obj = isObj(us.rollingUpdate) ? us.rollingUpdate : {};
  switch (str(us.type)) {
    case '':
      errs.push(required(usPath));
      break;
    case 'OnDelete':
      if (hasRollingUpdate)
        errs.push({ ...invalid(ruPath, goRollingUpdateStatefulSet(ru), "only allowed for updateStrategy 'RollingUpdate'"), dependsOn: [ruPath] });
      break;
    case 'RollingUpdate':
      if (hasRollingUpdate) errs.push(...validateRollingUpdateStatefulSet(ru, ruPath));
      break;
    default:
      // Reported on spec.updateStrategy with the whole strategy as the value; points at its type.
      errs.push({ ...pointAt(invalid(usPath, goStatefulSetUpdateStrategy(us), "must be 'RollingUpdate' or 'OnDelete'"), child(usPath, 'type')), dependsOn: [usPath] });
  }

  // ValidatePersistentVolumeClaimRetentionPolicy (a nil policy is not checked; defaulting sets one).
  const rp = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(rp))
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(rp[f]);
      if (!PVC_RETENTION_POLICY_TYPES.includes(v))
        errs.push(notSupported(child(p, 'persistentVolumeClaimRetentionPolicy', f), v, PVC_RETENTION_POLICY_TYPES));
    }

  if (!opts.skipValidateVolumeClaimTemplates) errs.push(...validateVolumeClaimTemplates(spec.volumeClaimTemplates, child(p, 'volumeClaimTemplates')));

  errs.push(...nonNegative(spec.replicas, child(p, 'replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, child(p, 'minReadySeconds')));
  // Upstream's path is fldPath.Child("ordinals.start"): the same text.
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, child(p, 'ordinals', 'start')));

  const selPath = child(p, 'selector');
  // A selector that does not convert is Invalid with no detail at all for StatefulSets.
  const { errs: selErrs, selector } = validateWorkloadSelector(spec, selPath, 'statefulset', '');
  errs.push(...selErrs);
  // The template is a value in apps/v1: an absent one is validated as an empty one.
  const template: Obj = isObj(spec.template) ? spec.template : {};
  const tp = child(p, 'template');
  if (selector) {
    if (!isEmptySelector(selector) && !matches(selector, templateLabels(template))) errs.push(templateLabelsMismatch(template, selPath, tp));
    if (opts.skipValidatePodTemplateSpec) errs.push(...validatePodTemplateMetadata(template, tp));
    else errs.push(...validatePodTemplateSpec(template, tp, { extraVolumeNames: claimTemplateNames(spec) }));
  }
  const ts: Obj = isObj(template.spec) ? template.spec : {};
  const restart = str(ts.restartPolicy);
  if (restart !== 'Always') errs.push(notSupported(child(tp, 'spec', 'restartPolicy'), restart, ['Always']));
  if (ts.activeDeadlineSeconds !== undefined && ts.activeDeadlineSeconds !== null)
    errs.push(forbidden(child(tp, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errs;
}

/**
 * apps/validation ValidateStatefulSet: ValidateObjectMeta with ValidateStatefulSetName (a DNS
 * label since 1.27: the name becomes the pods' hostnames) + ValidateStatefulSetSpec.
 */
export function validateStatefulSet(sts: Obj, opts: StatefulSetValidationOptions = {}): FieldError[] {
  return [...validateObjectMeta(sts.metadata, true, nameIsDNSLabel, META), ...validateStatefulSetSpec(sts.spec, SPEC, opts)];
}

// ---------------------------------------------------------------------------------------------
// apps/v1 DaemonSet

/** `%#v` of the `apps.DaemonSetUpdateStrategy` an unsupported type error prints. */
function goDaemonSetUpdateStrategy(s: Obj): GoLiteral {
  return new GoLiteral(`apps.DaemonSetUpdateStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', s.rollingUpdate)}}`);
}

/**
 * apps/validation ValidateRollingUpdateDaemonSet: both values are positive ints or percents, not
 * over 100%, and exactly one of them is non-zero.
 */
function validateRollingUpdateDaemonSet(ru: Obj, p: Path): FieldError[] {
  const muPath = child(p, 'maxUnavailable');
  const msPath = child(p, 'maxSurge');
  // Nil pointers in apps/v1 convert to the zero IntOrString (Int 0).
  const mu = intOrStringOf(ru.maxUnavailable);
  const ms = intOrStringOf(ru.maxSurge);
  const errs = [
    ...validatePositiveIntOrPercent(mu, muPath),
    ...validatePositiveIntOrPercent(ms, msPath),
    ...isNotMoreThan100Percent(mu, muPath),
    ...isNotMoreThan100Percent(ms, msPath),
  ];
  const hasUnavailable = intOrPercentValue(mu) !== 0;
  const hasSurge = intOrPercentValue(ms) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push({ ...invalid(msPath, goIntOrString(ms), 'may not be set when maxUnavailable is non-zero'), dependsOn: [muPath] });
  else if (!hasUnavailable && !hasSurge) errs.push({ ...required(muPath, 'cannot be 0 when maxSurge is 0'), dependsOn: [msPath] });
  return errs;
}

/**
 * apps/validation ValidateDaemonSetUpdateStrategy. OnDelete ignores (and keeps) a rollingUpdate
 * block; an unknown type is reported on `spec.updateStrategy` with the whole strategy, pointing
 * at its type. The supported values are listed RollingUpdate first, as upstream lists them.
 */
export function validateDaemonSetUpdateStrategy(strategy: unknown, p: Path): FieldError[] {
  const s: Obj = isObj(strategy) ? strategy : {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      // Defaulting always sets it.
      if (s.rollingUpdate === undefined || s.rollingUpdate === null) return [required(child(p, 'rollingUpdate'))];
      return validateRollingUpdateDaemonSet(isObj(s.rollingUpdate) ? s.rollingUpdate : {}, child(p, 'rollingUpdate'));
    default:
      return [{ ...pointAt(notSupported(p, goDaemonSetUpdateStrategy(s), ['RollingUpdate', 'OnDelete']), child(p, 'type')), dependsOn: [p] }];
  }
}

/**
 * apps/validation ValidateDaemonSetSpec, in upstream's order. Unlike the other workloads, a
 * DaemonSet's selector is not `Required`: a missing one selects nothing, so the template's labels
 * are reported as not matching (the error users see for a DaemonSet without a selector). A
 * selector that does not convert skips that check but not the template's validation.
 */
export function validateDaemonSetSpec(spec0: unknown, p: Path = SPEC): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  const selPath = child(p, 'selector');
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (sel) errs.push(...validateLabelSelector(sel, selPath));
  const selector = labelSelectorAsSelector(sel);
  // The template is a value in apps/v1: an absent one is validated as an empty one.
  const template: Obj = isObj(spec.template) ? spec.template : {};
  const tp = child(p, 'template');
  if (selector && !matches(selector, templateLabels(template))) errs.push(templateLabelsMismatch(template, selPath, tp));
  if (sel && entries(sel.matchLabels).length + arr(sel.matchExpressions).length === 0)
    errs.push({ ...invalid(selPath, goLabelSelector(sel), 'empty selector is invalid for daemonset'), dependsOn: [selPath] });
  errs.push(...validatePodTemplateSpec(template, tp));
  const ts: Obj = isObj(template.spec) ? template.spec : {};
  const restart = str(ts.restartPolicy);
  if (restart !== 'Always') errs.push(notSupported(child(tp, 'spec', 'restartPolicy'), restart, ['Always']));
  if (ts.activeDeadlineSeconds !== undefined && ts.activeDeadlineSeconds !== null)
    errs.push(forbidden(child(tp, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...nonNegative(spec.minReadySeconds, child(p, 'minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, child(p, 'updateStrategy')));
  // Zero is a valid revisionHistoryLimit.
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(p, 'revisionHistoryLimit')));
  return errs;
}

/** apps/validation ValidateDaemonSet: ValidateObjectMeta (DNS subdomain name) + ValidateDaemonSetSpec. */
export function validateDaemonSet(ds: Obj): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, META), ...validateDaemonSetSpec(ds.spec, SPEC)];
}

// ---------------------------------------------------------------------------------------------
// apps/v1 ControllerRevision

/**
 * apps/validation ValidateControllerRevision: ValidateObjectMeta (DNS subdomain name), `data`
 * required (`data is mandatory`; any JSON value, even `{}`, is data), `revision` ≥ 0.
 */
export function validateControllerRevision(cr: Obj): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain, META);
  if (cr.data === undefined || cr.data === null) errs.push(required([{ k: 'f', name: 'data' }], 'data is mandatory'));
  errs.push(...nonNegative(cr.revision, [{ k: 'f', name: 'revision' }]));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// v1 PersistentVolume

const PV_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const PV_VOLUME_MODES = ['Block', 'Filesystem'];
/** supportedHostPathTypes, sorted as sets.List prints them (the unset type "" first). */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/**
 * The volume sources of a PersistentVolumeSpec in ValidatePersistentVolumeSpec's order, with the
 * path text of its "more than 1 volume type" error where upstream's differs from the JSON name.
 */
const PV_SOURCES: readonly [string, string?][] = [
  ['hostPath'], ['gcePersistentDisk'], ['awsElasticBlockStore'], ['glusterfs'], ['flocker'], ['nfs'], ['rbd'],
  ['quobyte'], ['cephfs', 'cephFS'], ['iscsi'], ['cinder'], ['fc'], ['flexVolume'], ['azureFile'], ['vsphereVolume'],
  ['photonPersistentDisk'], ['portworxVolume'], ['azureDisk'], ['scaleIO'], ['local'], ['storageos'], ['csi'],
];

/** validatePathNoBacksteps: one error however many `..` elements. */
function validatePathNoBacksteps(target: string, p: Path): FieldError[] {
  return target.replace(/\\/g, '/').split('/').includes('..') ? [invalid(p, target, "must not contain '..'")] : [];
}

/** Go's path.Clean(p) === "/" for the absolute paths that clean to the root. */
const cleansToRoot = (p: string) => p.startsWith('/') && p.split('/').every((seg) => seg === '' || seg === '.');

/** `%#v`-like rendering of a `core.ResourceList` (quantities shown as their canonical strings). */
function goResourceList(m: unknown): GoLiteral {
  if (!isObj(m)) return new GoLiteral('core.ResourceList(nil)');
  const keys = Object.keys(m).sort(goStringOrder);
  return new GoLiteral(`core.ResourceList{${keys.map((k) => {
    const q = qOf(m[k]);
    return `${goQuote(k)}:${goQuote(q ? formatQuantity(q) : str(m[k]))}`;
  }).join(', ')}}`);
}

/** Quantity.Value(): the value rounded up, away from zero, to an integer. */
function quantityIntValue(q: Quantity): bigint {
  const n = q.nanos;
  const whole = n / 1_000_000_000n;
  if (n % 1_000_000_000n === 0n) return whole;
  return n > 0n ? whole + 1n : whole - 1n;
}

/** validatePVSecretReference (CSI secret references: a DNS subdomain name, a DNS label namespace). */
function validatePVSecretReference(ref: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ref.name);
  if (!name) errs.push(required(child(p, 'name')));
  else for (const m of isDNS1123Subdomain(name)) errs.push(invalid(child(p, 'name'), name, m));
  const ns = str(ref.namespace);
  if (!ns) errs.push(required(child(p, 'namespace')));
  else for (const m of isDNS1123Label(ns)) errs.push(invalid(child(p, 'namespace'), ns, m));
  return errs;
}

/** The checks kubeactors runs on a PV's volume source: hostPath, nfs, local and csi; the others are kept as written. */
function validatePVSource(name: string, src: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  switch (name) {
    case 'hostPath': {
      // validateHostPathVolumeSource
      const path = str(src.path);
      if (!path) return [required(child(p, 'path'))];
      errs.push(...validatePathNoBacksteps(path, child(p, 'path')));
      if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(str(src.type)))
        errs.push(notSupported(child(p, 'type'), str(src.type), HOST_PATH_TYPES));
      return errs;
    }
    case 'nfs': {
      // validateNFSVolumeSource (an empty path is both required and not absolute)
      if (!str(src.server)) errs.push(required(child(p, 'server')));
      const path = str(src.path);
      if (!path) errs.push(required(child(p, 'path')));
      if (!path.startsWith('/')) errs.push(invalid(child(p, 'path'), path, 'must be an absolute path'));
      return errs;
    }
    case 'local': {
      // validateLocalVolumeSource
      const path = str(src.path);
      if (!path) return [required(child(p, 'path'))];
      return validatePathNoBacksteps(path, child(p, 'path'));
    }
    case 'csi': {
      // validateCSIPersistentVolumeSource / ValidateCSIDriverName
      const dp = child(p, 'driver');
      const driver = str(src.driver);
      if (!driver) errs.push(required(dp));
      if (driver.length > 63) errs.push(tooLong(dp, 63));
      for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(invalid(dp, driver, m));
      if (!str(src.volumeHandle)) errs.push(required(child(p, 'volumeHandle')));
      for (const ref of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef'])
        if (src[ref] !== undefined && src[ref] !== null) errs.push(...validatePVSecretReference(isObj(src[ref]) ? src[ref] : {}, child(p, ref)));
      return errs;
    }
    default:
      return [];
  }
}

/**
 * core/validation ValidatePersistentVolumeSpec (not inline), in upstream's order: access modes,
 * capacity (`storage` and nothing else, positive), reclaim policy, node affinity (`required` must
 * be given and name at least one term; the terms themselves are not checked), exactly one volume
 * source (only hostPath, nfs, local and csi are looked into), no Recycle of a hostPath `/`, the
 * storage class name, the volume mode. `volumeAttributesClassName` is not validated (the
 * VolumeAttributesClass gate is off by default in 1.32).
 */
export function validatePersistentVolumeSpec(spec0: unknown, p: Path = SPEC): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  const amPath = child(p, 'accessModes');
  const modes = arr(spec.accessModes).map(str);
  if (modes.length === 0) errs.push(required(amPath));
  let rwop = false;
  let other = false;
  modes.forEach((mode, i) => {
    if (!ACCESS_MODES.includes(mode)) errs.push(pointAt(notSupported(amPath, mode, ACCESS_MODES), index(amPath, i)));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  });
  if (rwop && other) errs.push(forbidden(amPath, 'may not use ReadWriteOncePod with other access modes'));

  const capPath = child(p, 'capacity');
  const capacity: Obj = isObj(spec.capacity) ? spec.capacity : {};
  const capKeys = Object.keys(capacity);
  if (capKeys.length === 0) errs.push(required(capPath));
  if (!capKeys.includes('storage') || capKeys.length > 1)
    errs.push({ ...notSupported(capPath, goResourceList(spec.capacity), ['storage']), dependsOn: [capPath] });
  for (const r of capKeys) {
    const q = qOf(capacity[r]);
    if (!q) continue;
    const rp = key(capPath, r);
    const v = quantityIntValue(q);
    // validateBasicResource, then ValidatePositiveQuantityValue.
    if (v < 0n) errs.push(invalid(rp, new GoLiteral(String(v)), 'must be a valid resource quantity'));
    if (q.nanos <= 0n) errs.push(invalid(rp, formatQuantity(q), 'must be greater than zero'));
  }

  const reclaim = str(spec.persistentVolumeReclaimPolicy);
  if (reclaim && !PV_RECLAIM_POLICIES.includes(reclaim))
    errs.push(notSupported(child(p, 'persistentVolumeReclaimPolicy'), reclaim, PV_RECLAIM_POLICIES));

  // validateVolumeNodeAffinity
  let nodeAffinitySpecified = false;
  if (spec.nodeAffinity !== undefined && spec.nodeAffinity !== null) {
    nodeAffinitySpecified = true;
    const na: Obj = isObj(spec.nodeAffinity) ? spec.nodeAffinity : {};
    const rq = child(p, 'nodeAffinity', 'required');
    if (!isObj(na.required)) errs.push(required(rq, 'must specify required node constraints'));
    else if (arr(na.required.nodeSelectorTerms).length === 0)
      errs.push(required(child(rq, 'nodeSelectorTerms'), 'must have at least one node selector term'));
  }

  let numVolumes = 0;
  for (const [name, upstreamName] of PV_SOURCES) {
    const src = spec[name];
    if (src === undefined || src === null) continue;
    const sp = child(p, name);
    // flexVolume is counted without the check (upstream's quirk).
    if (numVolumes > 0 && name !== 'flexVolume') {
      const f = forbidden(child(p, upstreamName ?? name), 'may not specify more than 1 volume type');
      errs.push(upstreamName ? pointAt(f, sp) : f);
      continue;
    }
    numVolumes++;
    errs.push(...validatePVSource(name, isObj(src) ? src : {}, sp));
    if (name === 'local' && !nodeAffinitySpecified) errs.push(required(child(p, 'nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (numVolumes === 0) errs.push(required(p, 'must specify a volume type'));

  if (isObj(spec.hostPath) && cleansToRoot(str(spec.hostPath.path)) && reclaim === 'Recycle')
    errs.push(forbidden(child(p, 'persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));

  const sc = str(spec.storageClassName);
  if (sc) for (const m of nameIsDNSSubdomain(sc, false)) errs.push(invalid(child(p, 'storageClassName'), sc, m));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !PV_VOLUME_MODES.includes(str(spec.volumeMode)))
    errs.push(notSupported(child(p, 'volumeMode'), str(spec.volumeMode), PV_VOLUME_MODES));
  return errs;
}

/** core/validation ValidatePersistentVolume: cluster-scoped, DNS subdomain name. */
export function validatePersistentVolume(pv: Obj): FieldError[] {
  return [...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain, META), ...validatePersistentVolumeSpec(pv.spec, SPEC)];
}

// ---------------------------------------------------------------------------------------------
// storage.k8s.io/v1 StorageClass

const SC_RECLAIM_POLICIES = ['Delete', 'Retain'];
const VOLUME_BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PROVISIONER_PARAMETER_SIZE = 256 * (1 << 10);
const MAX_PROVISIONER_PARAMETER_LEN = 512;
const field = (name: string): Path => [{ k: 'f', name }];

/**
 * storage/validation validateAllowedTopologies, via core's ValidateTopologySelectorTerm: each
 * requirement needs values (no duplicates) and a qualified-name key (no duplicate keys in a term);
 * no two terms may be equal. Upstream compares each term against a list that starts with one
 * nil entry per term, so a term without expressions is always reported as a duplicate.
 */
function validateAllowedTopologies(topologies: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const terms = arr(topologies);
  const seen: string[] = terms.map(() => '[]');
  terms.forEach((term0, i) => {
    const term: Obj = isObj(term0) ? term0 : {};
    const ep = child(index(p, i), 'matchLabelExpressions');
    const exprs = new Map<string, Set<string>>();
    arr(term.matchLabelExpressions).forEach((rq0, j) => {
      const rq: Obj = isObj(rq0) ? rq0 : {};
      const rp = index(ep, j);
      const vp = child(rp, 'values');
      const values = arr(rq.values).map(str);
      if (values.length === 0) errs.push(required(vp));
      const set = new Set<string>();
      values.forEach((v, k) => {
        if (set.has(v)) errs.push(duplicate(index(vp, k), v));
        set.add(v);
      });
      const k = str(rq.key);
      for (const m of isQualifiedName(k)) errs.push(invalid(child(rp, 'key'), k, m));
      if (exprs.has(k)) errs.push(duplicate(child(rp, 'key'), k));
      exprs.set(k, set);
    });
    const canon = JSON.stringify([...exprs.entries()].map(([k, v]) => [k, [...v].sort()]).sort());
    if (seen.includes(canon)) errs.push(duplicate(ep, ''));
    seen.push(canon);
  });
  return errs;
}

/**
 * storage/validation ValidateStorageClass: ValidateObjectMeta (cluster-scoped, ValidateClassName
 * = DNS subdomain), `provisioner` required and a qualified name (checked, and printed, lower-cased),
 * `parameters` (at most 512, no empty key, 256 KiB in all), `reclaimPolicy` Delete or Retain (an
 * explicit "" passes), `volumeBindingMode` Immediate or WaitForFirstConsumer (an explicit "" does
 * not), `allowedTopologies`. `mountOptions` and `allowVolumeExpansion` are not validated.
 */
export function validateStorageClass(sc: Obj): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain, META);
  const prov = str(sc.provisioner);
  const provPath = field('provisioner');
  if (!prov) errs.push(required(provPath));
  else for (const m of isQualifiedName(prov.toLowerCase())) errs.push(invalid(provPath, prov.toLowerCase(), m));

  const paramsPath = field('parameters');
  const params = entries(sc.parameters);
  if (params.length > MAX_PROVISIONER_PARAMETER_LEN) errs.push(tooLong(paramsPath, MAX_PROVISIONER_PARAMETER_LEN));
  else {
    let size = 0;
    for (const [k, v] of params) {
      if (k.length < 1) errs.push(pointAt(invalid(paramsPath, k, 'field can not be empty.'), key(paramsPath, k), true));
      size += byteLen(k) + byteLen(str(v));
    }
    if (size > MAX_PROVISIONER_PARAMETER_SIZE) errs.push(tooLong(paramsPath, MAX_PROVISIONER_PARAMETER_SIZE));
  }

  const reclaim = str(sc.reclaimPolicy);
  if (reclaim && !SC_RECLAIM_POLICIES.includes(reclaim)) errs.push(notSupported(field('reclaimPolicy'), reclaim, SC_RECLAIM_POLICIES));
  const vbmPath = field('volumeBindingMode');
  if (sc.volumeBindingMode === undefined || sc.volumeBindingMode === null) errs.push(required(vbmPath));
  else if (!VOLUME_BINDING_MODES.includes(str(sc.volumeBindingMode)))
    errs.push(notSupported(vbmPath, str(sc.volumeBindingMode), VOLUME_BINDING_MODES));
  errs.push(...validateAllowedTopologies(sc.allowedTopologies, field('allowedTopologies')));
  return errs;
}

/** core/validation ValidateReplicationController: ValidateObjectMeta + ValidateReplicationControllerSpec. */
export function validateReplicationController(rc: Obj): FieldError[] {
  const errs = validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain, META);
  const spec: Obj = isObj(rc.spec) ? rc.spec : {};
  errs.push(...nonNegative(spec.minReadySeconds, child(SPEC, 'minReadySeconds')));
  // ValidateNonEmptySelector (the selector's keys and values are not validated for RCs).
  const selPath = child(SPEC, 'selector');
  const selector = selectorFromSet(isObj(spec.selector) ? (spec.selector as Record<string, string>) : undefined);
  if (isEmptySelector(selector)) errs.push({ ...required(selPath), dependsOn: [selPath] });
  errs.push(...nonNegative(spec.replicas, child(SPEC, 'replicas')));
  // The template is a pointer in core/v1.
  if (!isObj(spec.template)) errs.push(required(child(SPEC, 'template')));
  else errs.push(...validateControllerTemplate(spec.template, selector, selPath, child(SPEC, 'template'), 'ReplicationController'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// batch/v1 Job and CronJob

/** A Go `%#v` of an `[]int32` (onExitCodes values), as field errors print it. */
function goInt32Slice(v: unknown): GoLiteral {
  return new GoLiteral(Array.isArray(v) ? `[]int32{${v.map((x) => String(x)).join(', ')}}` : '[]int32(nil)');
}

/** `%#v` of the `batch.SuccessPolicy` a non-Indexed Job's successPolicy error prints (pointers elided). */
function goSuccessPolicy(sp: Obj): GoLiteral {
  const rules = Array.isArray(sp.rules)
    ? `[]batch.SuccessPolicyRule{${sp.rules
        .map((r: unknown) => {
          const q: Obj = isObj(r) ? r : {};
          return `batch.SuccessPolicyRule{SucceededIndexes:${goPointer('string', q.succeededIndexes)}, SucceededCount:${goPointer('int32', q.succeededCount)}}`;
        })
        .join(', ')}}`
    : '[]batch.SuccessPolicyRule(nil)';
  return new GoLiteral(`batch.SuccessPolicy{Rules:${rules}}`);
}

/** field.TooMany */
const tooMany = (p: Path, actual: number, max: number): FieldError => ({
  path: p,
  message: `Too many: ${actual}: must have at most ${max} items`,
});

/** Go's `%q` of a string list (`["A" "B"]`), as the Job validation's "valid values" details print it. */
const goQuotedList = (vs: readonly string[]) => `[${vs.map(goQuote).join(' ')}]`;

const has = (o: Obj, k: string) => o[k] !== undefined && o[k] !== null;
const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** batch validation's limits (maxParallelismForIndexedJob, completionsSoftLimit …). */
const JOB_LIMITS = {
  maxParallelismForIndexedJob: 100000,
  maxFailedIndexesForIndexedJob: 100_000,
  completionsSoftLimit: 100_000,
  parallelismLimitForHighCompletions: 10_000,
  maxFailedIndexesLimitForHighCompletions: 10_000,
  maxPodFailurePolicyRules: 20,
  maxPodFailurePolicyOnExitCodesValues: 255,
  maxPodFailurePolicyOnPodConditionsPatterns: 20,
  maxManagedByLength: 63,
  maxJobSuccessPolicySucceededIndexesLimit: 64 * 1024,
  maxSuccessPolicyRule: 20,
};
/** sets.List order (sorted) of upstream's supported-value sets. */
const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const ON_EXIT_CODES_OPERATORS = ['In', 'NotIn'];
const ON_POD_CONDITIONS_STATUSES = ['False', 'True', 'Unknown'];
const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** util/validation IsDomainPrefixedPath (the managedBy check). */
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
function isDomainPrefixedPath(p: Path, v: string): FieldError[] {
  if (v.length === 0) return [required(p)];
  const slash = v.indexOf('/');
  const host = slash < 0 ? v : v.slice(0, slash);
  const rest = slash < 0 ? '' : v.slice(slash + 1);
  if (slash < 0 || !host || !rest) return [invalid(p, v, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(p, host, m));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(p, rest, `Invalid path (regex used for validation is '${HTTP_PATH_FMT}')`));
  return errs;
}

/** validatePodFailurePolicyRuleOnExitCodes */
function validateOnExitCodes(req: Obj, p: Path, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(req.operator);
  const opPath = child(p, 'operator');
  if (!op) errs.push(required(opPath, `valid values: ${goQuotedList(ON_EXIT_CODES_OPERATORS)}`));
  else if (!ON_EXIT_CODES_OPERATORS.includes(op)) errs.push(notSupported(opPath, op, ON_EXIT_CODES_OPERATORS));
  if (has(req, 'containerName') && !containerNames.has(str(req.containerName)))
    errs.push(invalid(child(p, 'containerName'), str(req.containerName), 'must be one of the container or initContainer names in the pod template'));
  const vp = child(p, 'values');
  const values = arr(req.values).map((x) => (typeof x === 'number' ? x : 0));
  if (values.length === 0) errs.push(invalid(vp, goInt32Slice(req.values), 'at least one value is required'));
  else if (values.length > JOB_LIMITS.maxPodFailurePolicyOnExitCodesValues)
    errs.push(tooMany(vp, values.length, JOB_LIMITS.maxPodFailurePolicyOnExitCodesValues));
  let ordered = true;
  const seen = new Set<number>();
  values.forEach((v, j) => {
    const ip = index(vp, j);
    if (op === 'In' && v === 0) errs.push(invalid(ip, 0, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(ip, v));
    else seen.add(v);
    if (j > 0 && values[j - 1] > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(vp, goInt32Slice(values), 'must be ordered'));
  return errs;
}

/** validatePodFailurePolicyRuleOnPodConditions */
function validateOnPodConditions(patterns: any[], p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > JOB_LIMITS.maxPodFailurePolicyOnPodConditionsPatterns)
    errs.push(tooMany(p, patterns.length, JOB_LIMITS.maxPodFailurePolicyOnPodConditionsPatterns));
  patterns.forEach((pat0, j) => {
    const pat: Obj = isObj(pat0) ? pat0 : {};
    const pp = index(p, j);
    const type = str(pat.type);
    // core validation's ValidateQualifiedName (util/validation: lengths in "characters").
    for (const m of isQualifiedName(type, 'characters')) errs.push(invalid(child(pp, 'type'), type, m));
    const status = str(pat.status);
    const sp = child(pp, 'status');
    if (!status) errs.push(required(sp, `valid values: ${goQuotedList(ON_POD_CONDITIONS_STATUSES)}`));
    else if (!ON_POD_CONDITIONS_STATUSES.includes(status)) errs.push(notSupported(sp, status, ON_POD_CONDITIONS_STATUSES));
  });
  return errs;
}

/** validatePodFailurePolicy and validatePodFailurePolicyRule */
function validatePodFailurePolicy(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = child(p, 'rules');
  const rules = arr(isObj(spec.podFailurePolicy) ? spec.podFailurePolicy.rules : undefined);
  if (rules.length > JOB_LIMITS.maxPodFailurePolicyRules) errs.push(tooMany(rulesPath, rules.length, JOB_LIMITS.maxPodFailurePolicyRules));
  const ts: Obj = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  const containerNames = new Set<string>(
    [...arr(ts.containers), ...arr(ts.initContainers)].map((c) => (isObj(c) ? str(c.name) : '')),
  );
  rules.forEach((r0, i) => {
    const rule: Obj = isObj(r0) ? r0 : {};
    const rp = index(rulesPath, i);
    const ap = child(rp, 'action');
    const action = str(rule.action);
    if (!action) errs.push(required(ap, `valid values: ${goQuotedList(POD_FAILURE_POLICY_ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (!has(spec, 'backoffLimitPerIndex')) errs.push(invalid(ap, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_POLICY_ACTIONS.includes(action)) errs.push(notSupported(ap, action, POD_FAILURE_POLICY_ACTIONS));
    const onExit = has(rule, 'onExitCodes');
    const conds = arr(rule.onPodConditions);
    if (onExit) errs.push(...validateOnExitCodes(isObj(rule.onExitCodes) ? rule.onExitCodes : {}, child(rp, 'onExitCodes'), containerNames));
    if (conds.length > 0) errs.push(...validateOnPodConditions(conds, child(rp, 'onPodConditions')));
    // field.OmitValueType: the value is left out of the message.
    if (onExit && conds.length > 0) errs.push({ path: rp, message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported' });
    if (!onExit && conds.length === 0) errs.push({ path: rp, message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required' });
  });
  return errs;
}

/** Go strconv.Atoi, as the index-interval parser uses it: the value, or undefined on a syntax or range error. */
function goAtoiStrict(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > 2n ** 63n - 1n || n < -(2n ** 63n) ? undefined : n;
}

/** parseIndexInterval (`x` or `x-y`, below completions, increasing). */
function parseIndexInterval(s: string, completions: number): { x: number; y: number } | { err: string } {
  const parts = s.split('-');
  if (parts.length > 2)
    return { err: `the fragment ${goQuote(s)} violates the requirement that an index interval can have at most two parts separated by '-'` };
  const x = goAtoiStrict(parts[0]);
  if (x === undefined) return { err: `cannot convert string to integer for index: ${goQuote(parts[0])}` };
  if (x >= BigInt(completions)) return { err: `too large index: ${goQuote(parts[0])}` };
  if (parts.length > 1) {
    const y = goAtoiStrict(parts[1]);
    if (y === undefined) return { err: `cannot convert string to integer for index: ${goQuote(parts[1])}` };
    if (y >= BigInt(completions)) return { err: `too large index: ${goQuote(parts[1])}` };
    if (x >= y) return { err: `non-increasing order, previous: ${x}, current: ${y}` };
    return { x: Number(x), y: Number(y) };
  }
  return { x: Number(x), y: Number(x) };
}

/** validateIndexesFormat: the number of indexes of a `1,3-5` list, or its error. */
export function validateIndexesFormat(indexes: string, completions: number): { total: number; err?: string } {
  if (indexes.length === 0) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const part of indexes.split(',')) {
    const r = parseIndexInterval(part, completions);
    if ('err' in r) return { total: 0, err: r.err };
    if (last !== undefined && last >= r.x) return { total: 0, err: `non-increasing order, previous: ${last}, current: ${r.x}` };
    total += r.y - r.x + 1;
    last = r.y;
  }
  return { total };
}

/**
 * validateSuccessPolicy / validateSuccessPolicyRule (an Indexed Job's). Upstream dereferences
 * `completions` here; an Indexed Job without completions (already `Required`) would crash the
 * API server's validation, so kubeactors skips the checks that need it.
 */
function validateSuccessPolicy(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = child(p, 'rules');
  const rules = arr(spec.successPolicy.rules);
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > JOB_LIMITS.maxSuccessPolicyRule) errs.push(tooMany(rulesPath, rules.length, JOB_LIMITS.maxSuccessPolicyRule));
  const completions = int(spec.completions);
  rules.forEach((r0, i) => {
    const rule: Obj = isObj(r0) ? r0 : {};
    const rp = index(rulesPath, i);
    if (!has(rule, 'succeededCount') && !has(rule, 'succeededIndexes'))
      errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (has(rule, 'succeededIndexes')) {
      const sp = child(rp, 'succeededIndexes');
      const si = str(rule.succeededIndexes);
      if (si.length > JOB_LIMITS.maxJobSuccessPolicySucceededIndexesLimit) errs.push(tooLong(sp, JOB_LIMITS.maxJobSuccessPolicySucceededIndexesLimit));
      if (completions !== undefined) {
        const r = validateIndexesFormat(si, completions);
        total = r.total;
        if (r.err) errs.push(invalid(sp, si, `error parsing succeededIndexes: ${r.err}`));
      }
    }
    if (has(rule, 'succeededCount')) {
      const cp = child(rp, 'succeededCount');
      const count = int(rule.succeededCount) ?? 0;
      errs.push(...nonNegative(count, cp));
      if (completions !== undefined) {
        if (count > completions)
          errs.push(invalid(cp, count, `must be less than or equal to ${completions} (the number of specified completions)`));
        if (has(rule, 'succeededIndexes') && count > total)
          errs.push(invalid(cp, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

/**
 * batch/validation validateJobSpec (1.32, every Job gate on): the part of a JobSpec both Jobs and
 * CronJob job templates get, in upstream's order — counts and limits, managedBy, completion mode,
 * podFailurePolicy, successPolicy, podReplacementPolicy, the pod template (ValidatePodTemplateSpec)
 * and its restartPolicy: OnFailure or Never (the defaulted `Always` is `Required`, as upstream
 * words it), Never with a podFailurePolicy.
 */
export function validateJobSpecCommon(spec0: unknown, p: Path): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'])
    errs.push(...nonNegative(spec[f], child(p, f)));
  if (has(spec, 'maxFailedIndexes')) {
    errs.push(...nonNegative(spec.maxFailedIndexes, child(p, 'maxFailedIndexes')));
    if (!has(spec, 'backoffLimitPerIndex')) errs.push(required(child(p, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (has(spec, 'managedBy')) {
    const mp = child(p, 'managedBy');
    const mb = str(spec.managedBy);
    errs.push(...isDomainPrefixedPath(mp, mb));
    // field.TooLongMaxLength
    if (mb.length > JOB_LIMITS.maxManagedByLength) errs.push({ path: mp, message: `Too long: may not be longer than ${JOB_LIMITS.maxManagedByLength}` });
  }
  const parallelism = int(spec.parallelism);
  const completions = int(spec.completions);
  const mfi = int(spec.maxFailedIndexes);
  const mode = has(spec, 'completionMode') ? str(spec.completionMode) : undefined;
  if (mode !== undefined) {
    if (!COMPLETION_MODES.includes(mode)) errs.push(notSupported(child(p, 'completionMode'), mode, COMPLETION_MODES));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(required(child(p, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > JOB_LIMITS.maxParallelismForIndexedJob)
        errs.push(invalid(child(p, 'parallelism'), parallelism, `must be less than or equal to ${JOB_LIMITS.maxParallelismForIndexedJob} when completion mode is Indexed`));
      if (completions !== undefined && mfi !== undefined && mfi > completions)
        errs.push(invalid(child(p, 'maxFailedIndexes'), mfi, 'must be less than or equal to completions'));
      if (mfi !== undefined && mfi > JOB_LIMITS.maxFailedIndexesForIndexedJob)
        errs.push(invalid(child(p, 'maxFailedIndexes'), mfi, `must be less than or equal to ${JOB_LIMITS.maxFailedIndexesForIndexedJob}`));
      if (completions !== undefined && completions > JOB_LIMITS.completionsSoftLimit && has(spec, 'backoffLimitPerIndex')) {
        const soft = JOB_LIMITS.completionsSoftLimit;
        if (mfi === undefined) errs.push(required(child(p, 'maxFailedIndexes'), `must be specified when completions is above ${soft}`));
        if (parallelism !== undefined && parallelism > JOB_LIMITS.parallelismLimitForHighCompletions)
          errs.push(invalid(child(p, 'parallelism'), parallelism,
            `must be less than or equal to ${JOB_LIMITS.parallelismLimitForHighCompletions} when completions are above ${soft} and used with backoff limit per index`));
        if (mfi !== undefined && mfi > JOB_LIMITS.maxFailedIndexesLimitForHighCompletions)
          errs.push(invalid(child(p, 'maxFailedIndexes'), mfi,
            `must be less than or equal to ${JOB_LIMITS.maxFailedIndexesLimitForHighCompletions} when completions are above ${soft} and used with backoff limit per index`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (has(spec, 'backoffLimitPerIndex')) errs.push(invalid(child(p, 'backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (has(spec, 'maxFailedIndexes')) errs.push(invalid(child(p, 'maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const hasPFP = has(spec, 'podFailurePolicy');
  if (hasPFP) errs.push(...validatePodFailurePolicy(spec, child(p, 'podFailurePolicy')));
  if (has(spec, 'successPolicy')) {
    const sp = child(p, 'successPolicy');
    if (mode !== 'Indexed') errs.push(invalid(sp, goSuccessPolicy(isObj(spec.successPolicy) ? spec.successPolicy : {}), 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy({ ...spec, successPolicy: isObj(spec.successPolicy) ? spec.successPolicy : {} }, sp));
  }
  // validatePodReplacementPolicy
  if (has(spec, 'podReplacementPolicy')) {
    const prp = str(spec.podReplacementPolicy);
    const pp = child(p, 'podReplacementPolicy');
    if (hasPFP) {
      if (prp !== 'Failed') errs.push(notSupported(pp, prp, ['Failed']));
    } else if (!POD_REPLACEMENT_POLICIES.includes(prp)) errs.push(notSupported(pp, prp, POD_REPLACEMENT_POLICIES));
  }
  // The template is a value in batch/v1: an absent one is validated as an empty one.
  const template: Obj = isObj(spec.template) ? spec.template : {};
  const tp = child(p, 'template');
  errs.push(...validatePodTemplateSpec(template, tp));
  const restart = isObj(template.spec) ? str(template.spec.restartPolicy) : '';
  const rpPath = child(tp, 'spec', 'restartPolicy');
  if (restart === 'Always' || restart === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(rpPath, restart, ['OnFailure', 'Never']));
  else if (hasPFP && restart !== 'Never') errs.push(invalid(rpPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/**
 * batch/validation ValidateJobSpec: validateJobSpec, then the selector — `Required` when absent,
 * a valid LabelSelector — and the template's labels must match it (an absent selector matches
 * nothing, so that error comes too).
 */
export function validateJobSpec(spec0: unknown, p: Path = SPEC): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs = validateJobSpecCommon(spec, p);
  const selPath = child(p, 'selector');
  const sel = isObj(spec.selector) ? spec.selector : undefined;
  if (!sel) errs.push(required(selPath));
  else errs.push(...validateLabelSelector(sel, selPath));
  const selector = labelSelectorAsSelector(sel);
  const template: Obj = isObj(spec.template) ? spec.template : {};
  if (selector && !matches(selector, templateLabels(template))) errs.push(templateLabelsMismatch(template, selPath, child(p, 'template')));
  return errs;
}

/** apivalidation ValidateHasLabel */
function validateHasLabel(meta: Obj, p: Path, k: string, expected: string): FieldError[] {
  const lp = key(child(p, 'labels'), k);
  const labels: Obj = isObj(meta.labels) ? meta.labels : {};
  if (!(k in labels)) return [required(lp, `must be '${expected}'`)];
  if (labels[k] !== expected) return [invalid(lp, goStringMap(meta.labels), `must be '${expected}'`)];
  return [];
}

export interface JobValidationOptions {
  /**
   * Require the `batch.kubernetes.io/` generated labels too (upstream's RequirePrefixedLabels:
   * always on create; on update only when the old Job had both).
   */
  requirePrefixedLabels?: boolean;
}

/**
 * validateGeneratedSelector: unless `manualSelector` is true, a Job with a selector must carry
 * the generated labels (the uid and the name) on its template and a selector that selects them.
 */
function validateGeneratedSelector(job: Obj, requirePrefixed: boolean): FieldError[] {
  const spec: Obj = isObj(job.spec) ? job.spec : {};
  if (spec.manualSelector === true || !isObj(spec.selector)) return [];
  const meta: Obj = isObj(job.metadata) ? job.metadata : {};
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (!uid) errs.push(required(child(META, 'uid')));
  const tm: Obj = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata : {};
  const tmp = child(SPEC, 'template', 'metadata');
  errs.push(...validateHasLabel(tm, tmp, 'controller-uid', uid), ...validateHasLabel(tm, tmp, 'job-name', name));
  const expected: Record<string, string> = {};
  if (requirePrefixed) {
    errs.push(
      ...validateHasLabel(tm, tmp, 'batch.kubernetes.io/controller-uid', uid),
      ...validateHasLabel(tm, tmp, 'batch.kubernetes.io/job-name', name),
    );
    expected['batch.kubernetes.io/controller-uid'] = uid;
    expected['batch.kubernetes.io/job-name'] = name;
  }
  expected['controller-uid'] = uid;
  expected['job-name'] = name;
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector && !matches(selector, expected))
    errs.push({ ...invalid(child(SPEC, 'selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'), dependsOn: [child(SPEC, 'selector')] });
  return errs;
}

/**
 * batch/validation ValidateJob of a Job as the API server validates it (after the strategy's
 * PrepareForCreate has generated its selector): ValidateObjectMeta (DNS subdomain name), the
 * generated selector and labels, ValidateJobSpec, and for Indexed Jobs that `<name>-<completions-1>`
 * is a DNS label (pod hostnames). See {@link validateJobCreate} for a Job not generated yet.
 */
export function validateJob(job: Obj, opts: JobValidationOptions = {}): FieldError[] {
  const spec: Obj = isObj(job.spec) ? job.spec : {};
  const errs = [
    ...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain, META),
    ...validateGeneratedSelector(job, opts.requirePrefixedLabels ?? true),
    ...validateJobSpec(spec, SPEC),
  ];
  const completions = int(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const name = isObj(job.metadata) ? str(job.metadata.name) : '';
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0)
      errs.push(invalid(child(META, 'name'), name, `will not able to create pod with invalid DNS label: ${hostname}`));
  }
  return errs;
}

/**
 * The uid a Job is validated with before the cluster has given it one (a valid label value; it
 * appears in messages only when the template sets a conflicting `controller-uid` label).
 */
export const JOB_UID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/**
 * A Job on create, as the API server validates it: upstream generates the selector and labels in
 * PrepareForCreate (it has the uid by then) and validates the result. Unless `manualSelector` is
 * true, the selector is generated here first — with `metadata.uid`, or {@link JOB_UID_PLACEHOLDER}
 * while the cluster has not assigned one — so a Job without a selector passes; the cluster then
 * calls `generateJobSelector(job, uid)` (defaults.ts) on the object it stores.
 */
export function validateJobCreate(job: Obj): FieldError[] {
  const spec: Obj = isObj(job.spec) ? job.spec : {};
  if (spec.manualSelector === true) return validateJob(job);
  const generated = structuredClone(job);
  const meta: Obj = isObj(generated.metadata) ? generated.metadata : (generated.metadata = {});
  if (!str(meta.uid)) meta.uid = JOB_UID_PLACEHOLDER;
  generateJobSelectorInPlace(generated, meta.uid);
  return validateJob(generated);
}

// -- CronJob schedules: github.com/robfig/cron/v3 v3.0.1 ParseStandard, as upstream uses it.

/**
 * validateScheduleFormat and validateTimeZone are the CronJob controller's own (robfig's parser,
 * the API server's texts): machines/cronjob/schedule.ts. Here they become field errors.
 */
function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: unknown, p: Path): FieldError[] {
  return scheduleFormatErrors(schedule, allowTZ, timeZone === undefined || timeZone === null ? null : str(timeZone)).map((m) => invalid(p, schedule, m));
}

export function validateTimeZone(tz: unknown, p: Path): FieldError[] {
  if (tz === undefined || tz === null) return [];
  const name = str(tz);
  return timeZoneErrors(name).map((m) => invalid(p, name, m));
}

/**
 * ValidateJobTemplateSpec: validateJobSpec of the template's spec (no generated-selector checks),
 * and the selector is the Jobs' to generate: none may be given, nor `manualSelector: true`.
 */
export function validateJobTemplateSpec(jt0: unknown, p: Path): FieldError[] {
  const jt: Obj = isObj(jt0) ? jt0 : {};
  const spec: Obj = isObj(jt.spec) ? jt.spec : {};
  const sp = child(p, 'spec');
  const errs = validateJobSpecCommon(spec, sp);
  if (has(spec, 'selector'))
    errs.push(invalid(child(sp, 'selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(child(sp, 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

/**
 * batch/validation validateCronJobSpec: the schedule (required, parsable, no TZ), the
 * startingDeadlineSeconds, the timeZone (on update only when it changed), the concurrencyPolicy,
 * the job template and the history limits. `old` is the old spec on update.
 */
export function validateCronJobSpec(spec0: unknown, old: Obj | undefined, p: Path = SPEC): FieldError[] {
  const spec: Obj = isObj(spec0) ? spec0 : {};
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  const schedPath = child(p, 'schedule');
  if (schedule.length === 0) errs.push(required(schedPath));
  else errs.push(...validateScheduleFormat(schedule, old !== undefined && str(old.schedule).includes('TZ'), spec.timeZone, schedPath));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, child(p, 'startingDeadlineSeconds')));
  if (old === undefined || (old.timeZone ?? undefined) !== (spec.timeZone ?? undefined)) errs.push(...validateTimeZone(spec.timeZone, child(p, 'timeZone')));
  const cp = child(p, 'concurrencyPolicy');
  const policy = str(spec.concurrencyPolicy);
  if (!policy) errs.push(required(cp));
  else if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported(cp, policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, child(p, 'jobTemplate')));
  // Zero is a valid history limit.
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, child(p, 'successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, child(p, 'failedJobsHistoryLimit')));
  return errs;
}

/** The longest CronJob name: its Jobs are named `<name>-<11-character timestamp>` (DNS1035LabelMaxLength - 11). */
export const CRONJOB_NAME_MAX_LENGTH = 52;

/**
 * batch/validation ValidateCronJobCreate: ValidateObjectMeta (DNS subdomain name),
 * validateCronJobSpec, and a name of at most 52 bytes (`must be no more than 52 characters`).
 */
export function validateCronJob(cj: Obj): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain, META), ...validateCronJobSpec(cj.spec, undefined, SPEC)];
  const name = isObj(cj.metadata) ? str(cj.metadata.name) : '';
  if (byteLen(name) > CRONJOB_NAME_MAX_LENGTH)
    errs.push(invalid(child(META, 'name'), name, `must be no more than ${CRONJOB_NAME_MAX_LENGTH} characters`));
  return errs;
}

/** Validate a defaulted object of a supported kind. */
export function validateObject(obj: Obj, info: KindInfo): FieldError[] {
  switch (info.kind) {
    case 'Pod': return validatePod(obj);
    case 'Node': return validateNode(obj);
    case 'Namespace': return validateNamespace(obj);
    case 'Service': return validateService(obj);
    case 'PersistentVolumeClaim': return validatePVC(obj);
    case 'ConfigMap': return validateConfigMap(obj);
    case 'ReplicaSet': return validateReplicaSet(obj);
    case 'Deployment': return validateDeployment(obj);
    case 'ReplicationController': return validateReplicationController(obj);
    case 'StatefulSet': return validateStatefulSet(obj);
    case 'DaemonSet': return validateDaemonSet(obj);
    case 'ControllerRevision': return validateControllerRevision(obj);
    case 'PersistentVolume': return validatePersistentVolume(obj);
    case 'StorageClass': return validateStorageClass(obj);
    case 'Job': return validateJobCreate(obj);
    case 'CronJob': return validateCronJob(obj);
    default: return validateObjectMeta(obj.metadata, info.namespaced, nameIsDNSSubdomain, META);
  }
}
