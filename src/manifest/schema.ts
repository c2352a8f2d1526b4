/**
 * Structural schemas of the supported kinds, used the way the API server's JSON decoder uses Go
 * types: a value of the wrong JSON type is a decoding error worded like encoding/json's
 * `UnmarshalTypeError` (`json: cannot unmarshal string into Go struct field
 * ContainerPort.spec.containers.ports.containerPort of type int32`), and a field the type does not
 * declare is a strict-decoding error (`strict decoding error: unknown field "spec.foo"`, from
 * sigs.k8s.io/json as used by kube-apiserver with `fieldValidation=Strict`, kubectl's default).
 *
 * Sub-structures the simulator does not interpret (affinity, security contexts, most volume
 * sources, status) are `open`: their contents are kept but not checked.
 */
import { child, index, key, pathString, type FieldError, type Path } from './errors.ts';
import { QUANTITY_FORMAT_ERROR, parseQuantity, isQuantity, quantityText } from './quantity.ts';

export type Schema =
  | { t: 'string' }
  | { t: 'int32' }
  | { t: 'int64' }
  | { t: 'bool' }
  | { t: 'intOrString' }
  | { t: 'quantity' }
  | { t: 'any' }
  | { t: 'array'; of: Schema }
  | { t: 'map'; of: Schema; go: string }
  | { t: 'object'; go: string; fields: Record<string, Schema>; open?: boolean };

const S: Schema = { t: 'string' };
const I32: Schema = { t: 'int32' };
const I64: Schema = { t: 'int64' };
const B: Schema = { t: 'bool' };
const IOS: Schema = { t: 'intOrString' };
const ANY: Schema = { t: 'any' };
const arr = (of: Schema): Schema => ({ t: 'array', of });
const obj = (go: string, fields: Record<string, Schema>, open = false): Schema => ({ t: 'object', go, fields, open });
const openObj = (go: string): Schema => ({ t: 'object', go, fields: {}, open: true });
const MAP_SS: Schema = { t: 'map', of: S, go: 'map[string]string' };
const RESOURCE_LIST: Schema = { t: 'map', of: { t: 'quantity' }, go: 'v1.ResourceList' };

// meta/v1
const ownerReference = obj('v1.OwnerReference', {
  apiVersion: S, kind: S, name: S, uid: S, controller: B, blockOwnerDeletion: B,
});
export const objectMeta = obj('v1.ObjectMeta', {
  name: S, generateName: S, namespace: S, selfLink: S, uid: S, resourceVersion: S, generation: I64,
  creationTimestamp: S, deletionTimestamp: S, deletionGracePeriodSeconds: I64,
  labels: MAP_SS, annotations: MAP_SS, ownerReferences: arr(ownerReference), finalizers: arr(S),
  managedFields: arr(ANY),
});
const labelSelector = obj('v1.LabelSelector', {
  matchLabels: MAP_SS,
  matchExpressions: arr(obj('v1.LabelSelectorRequirement', { key: S, operator: S, values: arr(S) })),
});

// core/v1 — handlers and probes
const execAction = obj('v1.ExecAction', { command: arr(S) });
const httpGetAction = obj('v1.HTTPGetAction', {
  path: S, port: IOS, host: S, scheme: S,
  httpHeaders: arr(obj('v1.HTTPHeader', { name: S, value: S })),
});
const tcpSocketAction = obj('v1.TCPSocketAction', { port: IOS, host: S });
const grpcAction = obj('v1.GRPCAction', { port: I32, service: S });
const probe = obj('v1.Probe', {
  exec: execAction, httpGet: httpGetAction, tcpSocket: tcpSocketAction, grpc: grpcAction,
  initialDelaySeconds: I32, timeoutSeconds: I32, periodSeconds: I32, successThreshold: I32,
  failureThreshold: I32, terminationGracePeriodSeconds: I64,
});
const lifecycleHandler = obj('v1.LifecycleHandler', {
  exec: execAction, httpGet: httpGetAction, tcpSocket: tcpSocketAction,
  sleep: obj('v1.SleepAction', { seconds: I64 }),
});
const lifecycle = obj('v1.Lifecycle', { postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: S });

const resourceRequirements = obj('v1.ResourceRequirements', {
  limits: RESOURCE_LIST, requests: RESOURCE_LIST, claims: arr(ANY),
});
const containerPort = obj('v1.ContainerPort', { name: S, hostPort: I32, containerPort: I32, protocol: S, hostIP: S });
const envVar = obj('v1.EnvVar', { name: S, value: S, valueFrom: openObj('v1.EnvVarSource') });
const volumeMount = obj('v1.VolumeMount', {
  name: S, readOnly: B, recursiveReadOnly: S, mountPath: S, subPath: S, mountPropagation: S, subPathExpr: S,
});
export const container = obj('v1.Container', {
  name: S, image: S, command: arr(S), args: arr(S), workingDir: S, ports: arr(containerPort),
  envFrom: arr(ANY), env: arr(envVar), resources: resourceRequirements, resizePolicy: arr(ANY),
  restartPolicy: S, restartPolicyRules: arr(ANY), volumeMounts: arr(volumeMount), volumeDevices: arr(ANY),
  livenessProbe: probe, readinessProbe: probe, startupProbe: probe, lifecycle,
  terminationMessagePath: S, terminationMessagePolicy: S, imagePullPolicy: S,
  securityContext: openObj('v1.SecurityContext'), stdin: B, stdinOnce: B, tty: B,
});
const toleration = obj('v1.Toleration', { key: S, operator: S, value: S, effect: S, tolerationSeconds: I64 });
const volume = obj('v1.Volume', { name: S }, true);

export const podSpec = obj('v1.PodSpec', {
  volumes: arr(volume), initContainers: arr(container), containers: arr(container),
  ephemeralContainers: arr(ANY), restartPolicy: S, terminationGracePeriodSeconds: I64,
  activeDeadlineSeconds: I64, dnsPolicy: S, nodeSelector: MAP_SS, serviceAccountName: S, serviceAccount: S,
  automountServiceAccountToken: B, nodeName: S, hostNetwork: B, hostPID: B, hostIPC: B,
  shareProcessNamespace: B, securityContext: openObj('v1.PodSecurityContext'),
  imagePullSecrets: arr(obj('v1.LocalObjectReference', { name: S })), hostname: S, subdomain: S,
  affinity: openObj('v1.Affinity'), schedulerName: S, tolerations: arr(toleration), hostAliases: arr(ANY),
  priorityClassName: S, priority: I32, dnsConfig: openObj('v1.PodDNSConfig'), readinessGates: arr(ANY),
  runtimeClassName: S, enableServiceLinks: B, preemptionPolicy: S, overhead: RESOURCE_LIST,
  topologySpreadConstraints: arr(ANY), setHostnameAsFQDN: B, os: openObj('v1.PodOS'), hostUsers: B,
  schedulingGates: arr(obj('v1.PodSchedulingGate', { name: S })), resourceClaims: arr(ANY),
  resources: resourceRequirements, hostnameOverride: S,
});

const typeMeta = { apiVersion: S, kind: S };
const status = (go: string) => openObj(go);

const pod = obj('v1.Pod', { ...typeMeta, metadata: objectMeta, spec: podSpec, status: status('v1.PodStatus') });

const taint = obj('v1.Taint', { key: S, value: S, effect: S, timeAdded: S });
const node = obj('v1.Node', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.NodeSpec', {
    podCIDR: S, podCIDRs: arr(S), providerID: S, unschedulable: B, taints: arr(taint),
    configSource: openObj('v1.NodeConfigSource'), externalID: S,
  }),
  status: status('v1.NodeStatus'),
});

const namespace = obj('v1.Namespace', {
  ...typeMeta, metadata: objectMeta, spec: obj('v1.NamespaceSpec', { finalizers: arr(S) }),
  status: status('v1.NamespaceStatus'),
});

const servicePort = obj('v1.ServicePort', { name: S, protocol: S, appProtocol: S, port: I32, targetPort: IOS, nodePort: I32 });
const service = obj('v1.Service', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.ServiceSpec', {
    ports: arr(servicePort), selector: MAP_SS, clusterIP: S, clusterIPs: arr(S), type: S, externalIPs: arr(S),
    sessionAffinity: S, loadBalancerIP: S, loadBalancerSourceRanges: arr(S), externalName: S,
    externalTrafficPolicy: S, healthCheckNodePort: I32, publishNotReadyAddresses: B,
    sessionAffinityConfig: openObj('v1.SessionAffinityConfig'), ipFamilies: arr(S), ipFamilyPolicy: S,
    allocateLoadBalancerNodePorts: B, loadBalancerClass: S, internalTrafficPolicy: S, trafficDistribution: S,
  }),
  status: status('v1.ServiceStatus'),
});

export const pvcSpec = obj('v1.PersistentVolumeClaimSpec', {
  accessModes: arr(S), selector: labelSelector,
  resources: obj('v1.VolumeResourceRequirements', { limits: RESOURCE_LIST, requests: RESOURCE_LIST }),
  volumeName: S, storageClassName: S, volumeMode: S, dataSource: openObj('v1.TypedLocalObjectReference'),
  dataSourceRef: openObj('v1.TypedObjectReference'), volumeAttributesClassName: S,
});
const pvc = obj('v1.PersistentVolumeClaim', {
  ...typeMeta, metadata: objectMeta, spec: pvcSpec, status: status('v1.PersistentVolumeClaimStatus'),
});

const configMap = obj('v1.ConfigMap', {
  ...typeMeta, metadata: objectMeta, data: MAP_SS, binaryData: MAP_SS, immutable: B,
});

const event = obj('v1.Event', { ...typeMeta, metadata: objectMeta }, true);

// Workloads that embed a pod template (apps/v1 ReplicaSet, core/v1 ReplicationController).
export const podTemplateSpec = obj('v1.PodTemplateSpec', { metadata: objectMeta, spec: podSpec });
const replicaSet = obj('v1.ReplicaSet', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.ReplicaSetSpec', { replicas: I32, minReadySeconds: I32, selector: labelSelector, template: podTemplateSpec }),
  status: status('v1.ReplicaSetStatus'),
});
const replicationController = obj('v1.ReplicationController', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.ReplicationControllerSpec', { replicas: I32, minReadySeconds: I32, selector: MAP_SS, template: podTemplateSpec }),
  status: status('v1.ReplicationControllerStatus'),
});

const deployment = obj('v1.Deployment', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.DeploymentSpec', {
    replicas: I32, selector: labelSelector, template: podTemplateSpec,
    strategy: obj('v1.DeploymentStrategy', { type: S, rollingUpdate: obj('v1.RollingUpdateDeployment', { maxUnavailable: IOS, maxSurge: IOS }) }),
    minReadySeconds: I32, revisionHistoryLimit: I32, paused: B, progressDeadlineSeconds: I32,
  }),
  status: status('v1.DeploymentStatus'),
});

// apps/v1 StatefulSet: claim templates are whole PersistentVolumeClaims (metadata, spec, status).
const statefulSet = obj('v1.StatefulSet', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.StatefulSetSpec', {
    replicas: I32, selector: labelSelector, template: podTemplateSpec, volumeClaimTemplates: arr(pvc),
    serviceName: S, podManagementPolicy: S,
    updateStrategy: obj('v1.StatefulSetUpdateStrategy', {
      type: S, rollingUpdate: obj('v1.RollingUpdateStatefulSetStrategy', { partition: I32, maxUnavailable: IOS }),
    }),
    revisionHistoryLimit: I32, minReadySeconds: I32,
    persistentVolumeClaimRetentionPolicy: obj('v1.StatefulSetPersistentVolumeClaimRetentionPolicy', { whenDeleted: S, whenScaled: S }),
    ordinals: obj('v1.StatefulSetOrdinals', { start: I32 }),
  }),
  status: status('v1.StatefulSetStatus'),
});

const daemonSet = obj('v1.DaemonSet', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.DaemonSetSpec', {
    selector: labelSelector, template: podTemplateSpec,
    updateStrategy: obj('v1.DaemonSetUpdateStrategy', {
      type: S, rollingUpdate: obj('v1.RollingUpdateDaemonSet', { maxUnavailable: IOS, maxSurge: IOS }),
    }),
    minReadySeconds: I32, revisionHistoryLimit: I32,
  }),
  status: status('v1.DaemonSetStatus'),
});

// apps/v1 ControllerRevision: `data` is a runtime.RawExtension (any JSON).
const controllerRevision = obj('v1.ControllerRevision', { ...typeMeta, metadata: objectMeta, data: ANY, revision: I64 });

// v1 PersistentVolume: the sources kubeactors looks into are typed (unknown fields kept), the rest open.
const secretReference = obj('v1.SecretReference', { name: S, namespace: S });
const persistentVolume = obj('v1.PersistentVolume', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.PersistentVolumeSpec', {
    capacity: RESOURCE_LIST, accessModes: arr(S), claimRef: openObj('v1.ObjectReference'),
    persistentVolumeReclaimPolicy: S, storageClassName: S, mountOptions: arr(S), volumeMode: S,
    nodeAffinity: openObj('v1.VolumeNodeAffinity'), volumeAttributesClassName: S,
    hostPath: obj('v1.HostPathVolumeSource', { path: S, type: S }, true),
    local: obj('v1.LocalVolumeSource', { path: S, fsType: S }, true),
    nfs: obj('v1.NFSVolumeSource', { server: S, path: S, readOnly: B }, true),
    csi: obj('v1.CSIPersistentVolumeSource', {
      driver: S, volumeHandle: S, readOnly: B, fsType: S, volumeAttributes: MAP_SS,
      controllerPublishSecretRef: secretReference, nodeStageSecretRef: secretReference, nodePublishSecretRef: secretReference,
      controllerExpandSecretRef: secretReference, nodeExpandSecretRef: secretReference,
    }, true),
    gcePersistentDisk: openObj('v1.GCEPersistentDiskVolumeSource'), awsElasticBlockStore: openObj('v1.AWSElasticBlockStoreVolumeSource'),
    glusterfs: openObj('v1.GlusterfsPersistentVolumeSource'), flocker: openObj('v1.FlockerVolumeSource'),
    rbd: openObj('v1.RBDPersistentVolumeSource'), quobyte: openObj('v1.QuobyteVolumeSource'),
    cephfs: openObj('v1.CephFSPersistentVolumeSource'), iscsi: openObj('v1.ISCSIPersistentVolumeSource'),
    cinder: openObj('v1.CinderPersistentVolumeSource'), fc: openObj('v1.FCVolumeSource'),
    flexVolume: openObj('v1.FlexPersistentVolumeSource'), azureFile: openObj('v1.AzureFilePersistentVolumeSource'),
    vsphereVolume: openObj('v1.VsphereVirtualDiskVolumeSource'), photonPersistentDisk: openObj('v1.PhotonPersistentDiskVolumeSource'),
    portworxVolume: openObj('v1.PortworxVolumeSource'), azureDisk: openObj('v1.AzureDiskVolumeSource'),
    scaleIO: openObj('v1.ScaleIOPersistentVolumeSource'), storageos: openObj('v1.StorageOSPersistentVolumeSource'),
  }),
  status: status('v1.PersistentVolumeStatus'),
});

// storage.k8s.io/v1 StorageClass: no spec, fields at the top level.
const storageClass = obj('v1.StorageClass', {
  ...typeMeta, metadata: objectMeta,
  provisioner: S, parameters: MAP_SS, reclaimPolicy: S, mountOptions: arr(S), allowVolumeExpansion: B,
  volumeBindingMode: S,
  allowedTopologies: arr(obj('v1.TopologySelectorTerm', {
    matchLabelExpressions: arr(obj('v1.TopologySelectorLabelRequirement', { key: S, values: arr(S) })),
  })),
});

// batch/v1 Job and CronJob (a CronJob's jobTemplate embeds a whole JobSpec).
const jobSpec = obj('v1.JobSpec', {
  parallelism: I32, completions: I32, activeDeadlineSeconds: I64,
  podFailurePolicy: obj('v1.PodFailurePolicy', {
    rules: arr(obj('v1.PodFailurePolicyRule', {
      action: S,
      onExitCodes: obj('v1.PodFailurePolicyOnExitCodesRequirement', { containerName: S, operator: S, values: arr(I32) }),
      onPodConditions: arr(obj('v1.PodFailurePolicyOnPodConditionsPattern', { type: S, status: S })),
    })),
  }),
  successPolicy: obj('v1.SuccessPolicy', {
    rules: arr(obj('v1.SuccessPolicyRule', { succeededIndexes: S, succeededCount: I32 })),
  }),
  backoffLimit: I32, backoffLimitPerIndex: I32, maxFailedIndexes: I32, selector: labelSelector, manualSelector: B,
  template: podTemplateSpec, ttlSecondsAfterFinished: I32, completionMode: S, suspend: B, podReplacementPolicy: S,
  managedBy: S,
});
const job = obj('v1.Job', { ...typeMeta, metadata: objectMeta, spec: jobSpec, status: status('v1.JobStatus') });
const cronJob = obj('v1.CronJob', {
  ...typeMeta, metadata: objectMeta,
  spec: obj('v1.CronJobSpec', {
    schedule: S, timeZone: S, startingDeadlineSeconds: I64, concurrencyPolicy: S, suspend: B,
    jobTemplate: obj('v1.JobTemplateSpec', { metadata: objectMeta, spec: jobSpec }),
    successfulJobsHistoryLimit: I32, failedJobsHistoryLimit: I32,
  }),
  status: status('v1.CronJobStatus'),
});

/** Top-level schema per supported kind. */
export const KIND_SCHEMAS: Record<string, Schema> = {
  Pod: pod,
  Node: node,
  Namespace: namespace,
  Service: service,
  PersistentVolumeClaim: pvc,
  ConfigMap: configMap,
  Event: event,
  ReplicaSet: replicaSet,
  ReplicationController: replicationController,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  ControllerRevision: controllerRevision,
  PersistentVolume: persistentVolume,
  StorageClass: storageClass,
  Job: job,
  CronJob: cronJob,
};

// ---------------------------------------------------------------------------------------------

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function goType(s: Schema): string {
  switch (s.t) {
    case 'string': return 'string';
    case 'int32': return 'int32';
    case 'int64': return 'int64';
    case 'bool': return 'bool';
    case 'intOrString': return 'intstr.IntOrString';
    case 'quantity': return 'resource.Quantity';
    case 'any': return 'interface {}';
    case 'array': return `[]${goType(s.of)}`;
    case 'map': return s.go;
    case 'object': return s.go;
  }
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

interface Ctx {
  path: Path;
  /** JSON field names from the root, no indices (Go's UnmarshalTypeError.Field). */
  fields: string[];
  /** Go struct type that declares the current field (UnmarshalTypeError.Struct). */
  struct: string;
  errors: FieldError[];
}

function typeError(ctx: Ctx, value: unknown, s: Schema, numberDetail = false): void {
  let what = jsonKind(value);
  if (numberDetail && typeof value === 'number') what = `number ${formatJSONNumber(value)}`;
  const where = ctx.fields.length ? `Go struct field ${ctx.struct}.${ctx.fields.join('.')}` : `Go value`;
  ctx.errors.push({ path: ctx.path, message: `json: cannot unmarshal ${what} into ${where} of type ${goType(s)}` });
}

function formatJSONNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

const MISSING = Symbol('invalid');

/**
 * Check `value` against `s`. Returns the value with every ill-typed or undeclared field removed
 * (so defaulting and validation can run on what remains), or MISSING if the value itself is ill-typed.
 */
function check(value: unknown, s: Schema, ctx: Ctx): unknown {
  // JSON null decodes to the zero value: the field is simply absent.
  if (value === null || value === undefined) return MISSING;
  switch (s.t) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      typeError(ctx, value, s);
      return MISSING;
    case 'bool':
      if (typeof value === 'boolean') return value;
      typeError(ctx, value, s);
      return MISSING;
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number') {
        typeError(ctx, value, s);
        return MISSING;
      }
      const ok = Number.isInteger(value) &&
        (s.t === 'int32' ? value >= INT32_MIN && value <= INT32_MAX : Number.isSafeInteger(value));
      if (!ok) {
        typeError(ctx, value, s, true);
        return MISSING;
      }
      return value;
    }
    case 'intOrString':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return value;
      typeError(ctx, value, I32, typeof value === 'number');
      return MISSING;
    case 'quantity': {
      // resource.Quantity.UnmarshalJSON parses the raw JSON text (trimmed) of anything but null.
      const text = quantityText(value);
      const q = text === undefined ? { error: QUANTITY_FORMAT_ERROR } : parseQuantity(text);
      if (!isQuantity(q)) {
        ctx.errors.push({ path: ctx.path, message: q.error });
        return MISSING;
      }
      return typeof value === 'string' ? value.trim() : value;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        typeError(ctx, value, s);
        return MISSING;
      }
      const out: unknown[] = [];
      value.forEach((item, i) => {
        // encoding/json reports a bad element against the array's field with the element type.
        const sub: Ctx = { ...ctx, path: index(ctx.path, i) };
        const r = item === null && s.of.t === 'object' ? {} : check(item, s.of, sub);
        out.push(r === MISSING ? (s.of.t === 'object' ? {} : undefined) : r);
      });
      return out;
    }
    case 'map': {
      if (!isPlainObject(value)) {
        typeError(ctx, value, s);
        return MISSING;
      }
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const sub: Ctx = { ...ctx, path: key(ctx.path, k) };
        if (v === null) {
          if (s.of.t === 'string') out[k] = '';
          continue;
        }
        const r = check(v, s.of, sub);
        if (r !== MISSING) out[k] = r;
      }
      return out;
    }
    case 'object': {
      if (!isPlainObject(value)) {
        typeError(ctx, value, s);
        return MISSING;
      }
      const out: Record<string, unknown> = {};
      const structName = s.go.replace(/^v1\./, '');
      for (const [k, v] of Object.entries(value)) {
        const fs = Object.prototype.hasOwnProperty.call(s.fields, k) ? s.fields[k] : undefined;
        const p = child(ctx.path, k);
        if (!fs) {
          if (s.open) out[k] = v;
          else ctx.errors.push({ path: p, message: `strict decoding error: unknown field "${pathString(p)}"`, atKey: true });
          continue;
        }
        const sub: Ctx = { path: p, fields: [...ctx.fields, k], struct: structName, errors: ctx.errors };
        const r = check(v, fs, sub);
        if (r !== MISSING) out[k] = r;
      }
      return out;
    }
  }
}

/**
 * Decode a raw manifest object against its kind's schema: returns decoding errors (wrong types,
 * unknown fields) and the object with the offending fields removed.
 */
export function decodeObject(raw: Record<string, unknown>, kind: string): { object: Record<string, unknown>; errors: FieldError[] } {
  const s = KIND_SCHEMAS[kind];
  if (!s) return { object: raw, errors: [] };
  const errors: FieldError[] = [];
  const ctx: Ctx = { path: [], fields: [], struct: kind, errors };
  const r = check(raw, s, ctx);
  return { object: (r === MISSING ? {} : r) as Record<string, unknown>, errors };
}

/** Decode a pod template's spec (for workload kinds that embed one). */
export function decodePodSpec(raw: unknown, path: Path): { spec: Record<string, unknown> | undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const ctx: Ctx = { path, fields: pathFields(path), struct: 'PodTemplateSpec', errors };
  const r = check(raw, podSpec, ctx);
  return { spec: r === MISSING ? undefined : (r as Record<string, unknown>), errors };
}

function pathFields(p: Path): string[] {
  return p.filter((s) => s.k === 'f').map((s) => (s as { name: string }).name);
}
