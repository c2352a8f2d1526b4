/**
 * Defaulting, as the API server does it between decoding and validation.
 *
 * - Scheme defaults: `pkg/apis/core/v1/defaults.go` (SetDefaults_Pod, _PodSpec, _Container, _Probe,
 *   _HTTPGetAction, _Service, _PersistentVolumeClaim(Spec), _Namespace(Status), _Volume, _ResourceList,
 *   _ReplicationController, _PersistentVolume …), `pkg/apis/apps/v1/defaults.go` (SetDefaults_ReplicaSet,
 *   SetDefaults_Deployment, SetDefaults_StatefulSet, SetDefaults_DaemonSet), `pkg/apis/storage/v1/defaults.go`
 *   (SetDefaults_StorageClass), `pkg/apis/batch/v1/defaults.go` (SetDefaults_Job, SetDefaults_CronJob)
 *   plus the declarative `+default` markers in `k8s.io/api/core/v1/types.go` (ContainerPort.protocol TCP).
 * - Admission plugins that kube-apiserver enables by default: DefaultTolerationSeconds
 *   (`plugin/pkg/admission/defaulttolerationseconds/admission.go`), Priority (priority 0,
 *   preemptionPolicy PreemptLowerPriority when no PriorityClass applies) and ServiceAccount
 *   (serviceAccountName `default`).
 * - Registry strategies (PrepareForCreate): pod status {phase: Pending, qosClass}, namespace
 *   finalizer `kubernetes`, service ipFamilies/ipFamilyPolicy on a single-stack IPv4 cluster.
 *
 * Every function is pure: it returns a defaulted copy and never mutates its argument.
 */
import { computePodQOS } from '../qos.ts';
import { formatQuantity, quantityOf } from './quantity.ts';
import { isPlainObject } from './schema.ts';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.d.ts';
import { setDefaultsJob } from '../../machines/job/spec.ts';
import { setDefaultsCronJob } from '../../machines/cronjob/spec.ts';
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1.d.ts';
import { setDefaultsDaemonSet } from '../../machines/daemonset/pods.ts';
import { setDefaultsStatefulSet } from '../../machines/statefulset/spec.ts';
import { setDefaultsReplicationController } from '../../machines/replicaset/rc.ts';

type Obj = Record<string, any>;

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const isObj = (v: unknown): v is Obj => isPlainObject(v);

/** v1.TerminationMessagePathDefault */
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** v1.DefaultTerminationGracePeriodSeconds */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** DefaultTolerationSeconds admission: --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds */
export const DEFAULT_TOLERATION_SECONDS = 300;
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** v1.SecretVolumeSourceDefaultMode et al. (0644) */
const DEFAULT_MODE = 0o644;

// Docker reference grammar (github.com/distribution/reference), enough to tell tag from digest.
const referenceRE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;

/**
 * SetDefaults_Container: `Always` when the tag is `latest` — which `parsers.ParseImageName` also
 * assumes when neither tag nor digest is given — otherwise `IfNotPresent` (including digests and
 * references that do not parse).
 */
export function defaultImagePullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string') return 'IfNotPresent';
  const m = referenceRE.exec(image);
  if (!m) return 'IfNotPresent';
  const [, tag, digest] = m;
  if (tag === 'latest') return 'Always';
  if (!tag && !digest) return 'Always';
  return 'IfNotPresent';
}

/** SetDefaults_ResourceList: round up to milli precision; the API server then prints the canonical form. */
function defaultResourceList(list: unknown): unknown {
  if (!isObj(list)) return list;
  const out: Obj = {};
  for (const [k, v] of Object.entries(list)) {
    const q = quantityOf(v);
    out[k] = q ? formatQuantity(q) : v;
  }
  return out;
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultHandler(h: unknown): void {
  if (isObj(h)) defaultHTTPGet(h.httpGet);
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  defaultHandler(p);
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  if (Array.isArray(c.env))
    for (const e of c.env)
      if (isObj(e) && isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef) && !e.valueFrom.fieldRef.apiVersion)
        e.valueFrom.fieldRef.apiVersion = 'v1';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
  if (isObj(c.resources)) {
    if (c.resources.limits !== undefined) c.resources.limits = defaultResourceList(c.resources.limits);
    if (c.resources.requests !== undefined) c.resources.requests = defaultResourceList(c.resources.requests);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;
export { VOLUME_SOURCES };

function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  // SetDefaults_Volume: a volume with no source is an emptyDir.
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected'])
    if (isObj(v[s]) && v[s].defaultMode === undefined) v[s].defaultMode = DEFAULT_MODE;
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  // SetDefaults_PersistentVolumeClaimSpec also applies inside generic ephemeral volumes.
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate) && isObj(v.ephemeral.volumeClaimTemplate.spec)) {
    const s = v.ephemeral.volumeClaimTemplate.spec;
    if (!s.volumeMode) s.volumeMode = 'Filesystem';
  }
}

function defaultPodSpecInPlace(spec: Obj): void {
  // SetDefaults_PodSpec
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
    if (Array.isArray(spec[list])) spec[list].forEach(defaultContainer);
  if (Array.isArray(spec.volumes)) spec.volumes.forEach(defaultVolume);
  if (spec.overhead !== undefined) spec.overhead = defaultResourceList(spec.overhead);
}

/**
 * Defaults of a pod spec wherever it appears (a Pod or a workload's pod template):
 * SetDefaults_PodSpec and the per-field defaults of its containers, probes, ports and volumes.
 * Pod-only defaults (requests from limits, enableServiceLinks, admission plugins) are not applied.
 */
export function defaultPodSpec<T extends object>(spec: T): T {
  if (!isObj(spec)) return spec;
  const out = clone(spec) as Obj;
  defaultPodSpecInPlace(out);
  return out as T;
}

function copyLimitsToRequests(c: unknown): void {
  if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) return;
  const req: Obj = isObj(c.resources.requests) ? c.resources.requests : {};
  for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in req)) req[k] = v;
  c.resources.requests = req;
}

function tolerates(tols: Obj[], taintKey: string): boolean {
  return tols.some(
    (t) => isObj(t) && (t.key === taintKey || !t.key) && (t.effect === 'NoExecute' || !t.effect),
  );
}

/** pkg/apis/core/v1/helper/qos GetPodQOS (requests/limits of cpu and memory only). */
export { computePodQOS as podQOSClass };

function defaultPod(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  // SetDefaults_Pod: requests default to limits (Pods only, not templates).
  for (const list of ['containers', 'initContainers']) if (Array.isArray(spec[list])) spec[list].forEach(copyLimitsToRequests);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true)
    for (const list of ['containers', 'initContainers'])
      if (Array.isArray(spec[list]))
        for (const c of spec[list])
          if (isObj(c) && Array.isArray(c.ports))
            for (const p of c.ports) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
  defaultPodSpecInPlace(spec);

  // ServiceAccount admission: the namespace's `default` service account (the deprecated
  // `serviceAccount` field mirrors it in v1 output). Its projected token volume is not simulated.
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;

  // Priority admission with no PriorityClass: priority 0, preemptionPolicy PreemptLowerPriority.
  if (spec.priority === undefined || spec.priority === null) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';

  // DefaultTolerationSeconds admission.
  const tols: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const add: Obj[] = [];
  if (!tolerates(tols, TAINT_NODE_NOT_READY))
    add.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  if (!tolerates(tols, TAINT_NODE_UNREACHABLE))
    add.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  if (add.length) spec.tolerations = [...tols, ...add];

  // Pod strategy PrepareForCreate: status starts as {phase: Pending, qosClass}.
  if (!isObj(obj.status) || Object.keys(obj.status).length === 0) obj.status = { phase: 'Pending', qosClass: computePodQOS(spec) };
}

function externallyAccessible(spec: Obj): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  );
}

function defaultService(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  // SetDefaults_Service
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    if (!isObj(cfg) || !isObj(cfg.clientIP) || cfg.clientIP.timeoutSeconds === undefined)
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } }; // v1.DefaultClientIPServiceAffinitySeconds
  }
  if (!spec.type) spec.type = 'ClusterIP';
  if (Array.isArray(spec.ports))
    for (const p of spec.ports) {
      if (!isObj(p)) continue;
      if (!p.protocol) p.protocol = 'TCP';
      if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
    spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;

  // Service REST storage (IP-family defaulting) on a single-stack IPv4 cluster. Allocating the
  // ClusterIP itself is the cluster's job.
  if (spec.type !== 'ExternalName') {
    if (spec.clusterIP && !Array.isArray(spec.clusterIPs)) spec.clusterIPs = [spec.clusterIP];
    if (!spec.clusterIP && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string') spec.clusterIP = spec.clusterIPs[0];
    const headlessNoSelector = spec.clusterIP === 'None' && (!isObj(spec.selector) || Object.keys(spec.selector).length === 0);
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
}

function defaultPVC(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (isObj(spec.resources)) {
    if (spec.resources.requests !== undefined) spec.resources.requests = defaultResourceList(spec.resources.requests);
    if (spec.resources.limits !== undefined) spec.resources.limits = defaultResourceList(spec.resources.limits);
  }
  const status: Obj = isObj(obj.status) ? obj.status : (obj.status = {});
  if (!status.phase) status.phase = 'Pending';
}

function defaultNamespace(obj: Obj): void {
  const meta: Obj = obj.metadata;
  if (meta.name) meta.labels = { ...(isObj(meta.labels) ? meta.labels : {}), 'kubernetes.io/metadata.name': meta.name };
  // Namespace strategy PrepareForCreate: the `kubernetes` finalizer (pkg/registry/core/namespace/strategy.go).
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  const fins: unknown[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  if (!fins.includes('kubernetes')) spec.finalizers = [...fins, 'kubernetes'];
  const status: Obj = isObj(obj.status) ? obj.status : (obj.status = {});
  if (!status.phase) status.phase = 'Active';
}

function defaultNode(obj: Obj): void {
  // SetDefaults_NodeStatus: allocatable defaults to capacity.
  if (isObj(obj.status) && isObj(obj.status.capacity) && obj.status.allocatable === undefined)
    obj.status.allocatable = { ...obj.status.capacity };
}

/**
 * SetDefaults_ReplicaSet (`pkg/apis/apps/v1/defaults.go`): replicas 1. The generated defaulters
 * then apply the pod-spec defaults to `spec.template.spec`, which in apps/v1 is a value (not a
 * pointer), so even an absent template gets them. Template metadata is left as written; the
 * strategy's `generation: 1` is the cluster's to set.
 */
function defaultReplicaSet(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/**
 * SetDefaults_Deployment (`pkg/apis/apps/v1/defaults.go`): replicas 1; strategy type
 * RollingUpdate, and for RollingUpdate maxUnavailable and maxSurge `25%` each when absent (values
 * given as integers stay integers); revisionHistoryLimit 10; progressDeadlineSeconds 600. A
 * Recreate strategy is left as written (a rollingUpdate block with it is a validation error).
 * minReadySeconds and paused have no default (their zero values are omitted). The pod template
 * gets the pod-spec defaults as a ReplicaSet's does (a value in apps/v1).
 */
function defaultDeployment(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  const absent = (v: unknown) => v === undefined || v === null;
  if (absent(spec.replicas)) spec.replicas = 1;
  const strategy: Obj = isObj(spec.strategy) ? spec.strategy : (spec.strategy = {});
  if (absent(strategy.type) || strategy.type === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru: Obj = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
    if (absent(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (absent(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (absent(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (absent(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

const absent = (v: unknown) => v === undefined || v === null;

/**
 * The defaults of a StatefulSet's claim template: SetDefaults_PersistentVolumeClaim (status phase
 * Pending: stored StatefulSets show it on every template), SetDefaults_PersistentVolumeClaimSpec
 * (volumeMode Filesystem when absent; a pointer, so an explicit "" stays) and the resource lists.
 * The API server also stores each template with `apiVersion: v1` and `kind: PersistentVolumeClaim`
 * (what GitOps tools report as drift); they are filled in when absent.
 */
function defaultClaimTemplate(t: Obj): void {
  if (absent(t.apiVersion)) t.apiVersion = 'v1';
  if (absent(t.kind)) t.kind = 'PersistentVolumeClaim';
  const spec: Obj = isObj(t.spec) ? t.spec : (t.spec = {});
  if (absent(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (isObj(spec.resources)) {
    if (spec.resources.requests !== undefined) spec.resources.requests = defaultResourceList(spec.resources.requests);
    if (spec.resources.limits !== undefined) spec.resources.limits = defaultResourceList(spec.resources.limits);
  }
  const status: Obj = isObj(t.status) ? t.status : (t.status = {});
  if (!status.phase) status.phase = 'Pending';
}

/**
 * SetDefaults_StatefulSet (`pkg/apis/apps/v1/defaults.go`), with 1.32's gates (StatefulSetAutoDeletePVC
 * on, MaxUnavailableStatefulSet off): podManagementPolicy OrderedReady; an empty updateStrategy type
 * becomes RollingUpdate with a rollingUpdate block, and a RollingUpdate block gets partition 0 (an
 * explicit RollingUpdate type without a block stays without one); persistentVolumeClaimRetentionPolicy
 * Retain/Retain; replicas 1; revisionHistoryLimit 10; the pod-spec defaults on the template (a value in
 * apps/v1) and the PVC defaults on each claim template. The strategy's PrepareForCreate drops
 * `rollingUpdate.maxUnavailable` while the MaxUnavailableStatefulSet gate is off.
 */
function defaultStatefulSet(obj: Obj): void {
  // The StatefulSet controller's own SetDefaults_StatefulSet (machines/statefulset/spec.ts).
  if (!isObj(obj.spec)) obj.spec = {};
  Object.assign(obj, setDefaultsStatefulSet(obj as unknown as StatefulSet));
  const spec = obj.spec as Obj;
  const us = spec.updateStrategy as Obj;
  if (isObj(us.rollingUpdate)) delete us.rollingUpdate.maxUnavailable;
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
  if (Array.isArray(spec.volumeClaimTemplates)) for (const t of spec.volumeClaimTemplates) if (isObj(t)) defaultClaimTemplate(t);
}

/**
 * SetDefaults_DaemonSet (`pkg/apis/apps/v1/defaults.go`): an empty updateStrategy type becomes
 * RollingUpdate; a RollingUpdate strategy gets maxUnavailable 1 and maxSurge 0 when absent (an
 * OnDelete strategy keeps a rollingUpdate block as written); revisionHistoryLimit 10; the pod-spec
 * defaults on the template. The strategy's templateGeneration (stored as the
 * `deprecated.daemonset.template.generation` annotation) and `generation: 1` are the cluster's to set.
 */
function defaultDaemonSet(obj: Obj): void {
  // The DaemonSet controller's own SetDefaults_DaemonSet (machines/daemonset/pods.ts).
  if (!isObj(obj.spec)) obj.spec = {};
  Object.assign(obj, setDefaultsDaemonSet(obj as unknown as DaemonSet));
  const spec = obj.spec as Obj;
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/**
 * SetDefaults_PersistentVolume (`pkg/apis/core/v1/defaults.go`): persistentVolumeReclaimPolicy
 * Retain when empty, volumeMode Filesystem when absent (a pointer: an explicit "" stays), status
 * phase Pending (the strategy's PrepareForCreate has dropped any status the client sent; the
 * `lastPhaseTransitionTime` it stamps is the cluster's); the capacity as a resource list; a
 * hostPath source's type "" (SetDefaults_HostPathVolumeSource).
 */
function defaultPersistentVolume(obj: Obj): void {
  const spec: Obj = isObj(obj.spec) ? obj.spec : (obj.spec = {});
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (absent(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (spec.capacity !== undefined) spec.capacity = defaultResourceList(spec.capacity);
  if (isObj(spec.hostPath) && absent(spec.hostPath.type)) spec.hostPath.type = '';
  const status: Obj = isObj(obj.status) ? obj.status : (obj.status = {});
  if (!status.phase) status.phase = 'Pending';
}

/**
 * SetDefaults_StorageClass (`pkg/apis/storage/v1/defaults.go`): reclaimPolicy Delete and
 * volumeBindingMode Immediate when absent (both pointers: an explicit "" stays).
 */
function defaultStorageClass(obj: Obj): void {
  if (absent(obj.reclaimPolicy)) obj.reclaimPolicy = 'Delete';
  if (absent(obj.volumeBindingMode)) obj.volumeBindingMode = 'Immediate';
}

/**
 * SetDefaults_ReplicationController (`pkg/apis/core/v1/defaults.go`): the selector and the
 * controller's own labels default to the template's labels when empty, replicas to 1. The
 * template is a pointer in core/v1: pod-spec defaults apply only when there is one.
 */
function defaultReplicationController(obj: Obj): void {
  // The controller's own SetDefaults_ReplicationController (machines/replicaset/rc.ts).
  if (!isObj(obj.spec)) obj.spec = {};
  Object.assign(obj, setDefaultsReplicationController(obj as never));
  const template: Obj | undefined = isObj((obj.spec as Obj).template) ? ((obj.spec as Obj).template as Obj) : undefined;
  if (template) defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern: an empty status means `True`. */
function defaultPodFailurePolicy(spec: Obj): void {
  if (!isObj(spec.podFailurePolicy) || !Array.isArray(spec.podFailurePolicy.rules)) return;
  for (const rule of spec.podFailurePolicy.rules)
    if (isObj(rule) && Array.isArray(rule.onPodConditions))
      for (const pattern of rule.onPodConditions) if (isObj(pattern) && !pattern.status) pattern.status = 'True';
}

/**
 * SetDefaults_Job (`pkg/apis/batch/v1/defaults.go`, 1.32 gates: JobPodReplacementPolicy on):
 * completions and parallelism 1 when both are absent, else parallelism 1 when absent; backoffLimit
 * 6, or MaxInt32 when backoffLimitPerIndex is set; the Job's labels from the template's when the
 * Job has none; completionMode NonIndexed; suspend false; podReplacementPolicy Failed with a
 * podFailurePolicy, else TerminatingOrFailed; manualSelector false; an empty onPodConditions
 * status `True`; the pod-spec defaults on the template (a value in batch/v1). The template's
 * restartPolicy therefore defaults to `Always`, which a Job may not use: a Job must name
 * OnFailure or Never. The generated selector and labels need the uid: {@link generateJobSelector}.
 */
function defaultJob(obj: Obj): void {
  // The Job controller's own SetDefaults_Job (machines/job/spec.ts), then the pod template's.
  if (!isObj(obj.spec)) obj.spec = {};
  Object.assign(obj, setDefaultsJob(obj as unknown as Job));
  const spec = obj.spec as Obj;
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/**
 * SetDefaults_CronJob (`pkg/apis/batch/v1/defaults.go`): concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1. The generated defaulters then reach into
 * the jobTemplate: the onPodConditions status and the pod-spec defaults of its pod template (both
 * values in batch/v1). SetDefaults_Job is not applied there (it is registered for Job, not
 * JobSpec): a CronJob's jobTemplate keeps no parallelism, completions, backoffLimit … of its own;
 * the Jobs it creates get them.
 */
function defaultCronJob(obj: Obj): void {
  // The CronJob controller's own SetDefaults_CronJob (machines/cronjob/spec.ts).
  if (!isObj(obj.spec)) obj.spec = {};
  Object.assign(obj, setDefaultsCronJob(obj as unknown as CronJob));
  const spec = obj.spec as Obj;
  const jt: Obj = isObj(spec.jobTemplate) ? spec.jobTemplate : (spec.jobTemplate = {});
  const js: Obj = isObj(jt.spec) ? jt.spec : (jt.spec = {});
  defaultPodFailurePolicy(js);
  const template: Obj = isObj(js.template) ? js.template : (js.template = {});
  defaultPodSpecInPlace(isObj(template.spec) ? template.spec : (template.spec = {}));
}

/** batch.LegacyControllerUidLabel, batch.LegacyJobNameLabel, batch.ControllerUidLabel, batch.JobNameLabel */
export const JOB_LABELS = {
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
} as const;

/**
 * The Job strategy's generateSelector (`pkg/registry/batch/job/strategy.go`), in place: template
 * labels `controller-uid` and `batch.kubernetes.io/controller-uid` (the uid), `job-name` and
 * `batch.kubernetes.io/job-name` (the name), each only where the template does not have it
 * already (a conflicting value is then rejected by validation), and `matchLabels`
 * `batch.kubernetes.io/controller-uid: <uid>` added to the selector (created when absent).
 */
export function generateJobSelectorInPlace(job: Obj, uid: string): void {
  const spec: Obj = isObj(job.spec) ? job.spec : (job.spec = {});
  const template: Obj = isObj(spec.template) ? spec.template : (spec.template = {});
  const meta: Obj = isObj(template.metadata) ? template.metadata : (template.metadata = {});
  const labels: Obj = isObj(meta.labels) ? meta.labels : (meta.labels = {});
  const name = isObj(job.metadata) && typeof job.metadata.name === 'string' ? job.metadata.name : '';
  for (const k of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) if (!(k in labels)) labels[k] = name;
  for (const k of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) if (!(k in labels)) labels[k] = uid;
  const sel: Obj = isObj(spec.selector) ? spec.selector : (spec.selector = {});
  const ml: Obj = isObj(sel.matchLabels) ? sel.matchLabels : (sel.matchLabels = {});
  if (!(JOB_LABELS.controllerUid in ml)) ml[JOB_LABELS.controllerUid] = uid;
}

/**
 * What the API server does to a Job once it has its uid (PrepareForCreate): unless
 * `spec.manualSelector` is true, {@link generateJobSelectorInPlace}. Returns a copy carrying the
 * uid in `metadata.uid` (the generated labels name it). A Job without labels then shows the
 * template's (generated) labels, as SetDefaults_Job applies them again when the stored Job is read
 * back (`kubectl get job -o yaml` shows `batch.kubernetes.io/controller-uid` … on the Job itself).
 * Idempotent; call it on a defaulted Job (`defaultObject`).
 */
export function generateJobSelector<T extends object>(job: T, uid: string): T {
  const out = clone(job) as Obj;
  const meta: Obj = isObj(out.metadata) ? out.metadata : (out.metadata = {});
  meta.uid = uid;
  const spec: Obj = isObj(out.spec) ? out.spec : (out.spec = {});
  if (spec.manualSelector === true) return out as T;
  generateJobSelectorInPlace(out, uid);
  const labels = spec.template.metadata.labels;
  if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  return out as T;
}

export interface DefaultOptions {
  /** Namespace given to namespaced objects that name none (kubectl's current namespace). Default `default`. */
  namespace?: string;
  /** Whether the kind is namespaced (from the kind registry). */
  namespaced?: boolean;
}

/**
 * Apply the API server's defaults to a decoded object of a supported kind. Namespaced objects
 * without a namespace get `default`; cluster-scoped objects lose any namespace they name (the
 * API server ignores it).
 */
export function defaultObject<T extends object>(object: T, opts: DefaultOptions = {}): T {
  const obj = clone(object) as Obj;
  if (!isObj(obj.metadata)) obj.metadata = {};
  if (opts.namespaced === true && !obj.metadata.namespace) obj.metadata.namespace = opts.namespace ?? 'default';
  if (opts.namespaced === false) delete obj.metadata.namespace;
  switch (obj.kind) {
    case 'Pod': defaultPod(obj); break;
    case 'Service': defaultService(obj); break;
    case 'PersistentVolumeClaim': defaultPVC(obj); break;
    case 'Namespace': defaultNamespace(obj); break;
    case 'Node': defaultNode(obj); break;
    case 'ReplicaSet': defaultReplicaSet(obj); break;
    case 'Deployment': defaultDeployment(obj); break;
    case 'ReplicationController': defaultReplicationController(obj); break;
    case 'StatefulSet': defaultStatefulSet(obj); break;
    case 'DaemonSet': defaultDaemonSet(obj); break;
    case 'PersistentVolume': defaultPersistentVolume(obj); break;
    case 'StorageClass': defaultStorageClass(obj); break;
    case 'Job': defaultJob(obj); break;
    case 'CronJob': defaultCronJob(obj); break;
    default: break;
  }
  return obj as T;
}

