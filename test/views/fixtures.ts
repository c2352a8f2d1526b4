/**
 * Realistic Kubernetes objects (shaped like what the API server returns) for the views tests.
 * All times are relative to NOW.
 */
import type { ContainerStatus, Event, KObject, Node, Pod, PodCondition } from '../../src/types.ts';

export const NOW = Date.parse('2024-05-01T12:00:00Z');

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** RFC 3339 timestamp `ms` before NOW (second precision, like metav1.Time). */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 timestamp `ms` after NOW. */
export function fromNow(ms: number): string {
  return new Date(NOW + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------------------------------------
// container statuses

interface CsOpts {
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  /** lastState.terminated */
  last?: { exitCode: number; reason?: string; startedAt: string; finishedAt: string };
}

function baseStatus(name: string, o: CsOpts): ContainerStatus {
  const image = o.image ?? 'docker.io/library/nginx:1.25';
  const s: ContainerStatus = {
    name,
    image,
    imageID: `docker.io/library/nginx@sha256:${'a'.repeat(64)}`,
    containerID: `containerd://${name.padEnd(64, '0').slice(0, 64)}`,
    ready: o.ready ?? false,
    restartCount: o.restartCount ?? 0,
    started: o.started ?? false,
    state: {},
    lastState: {},
  };
  if (o.last) s.lastState = { terminated: { ...o.last } };
  return s;
}

export function running(name: string, o: CsOpts & { startedAt?: string } = {}): ContainerStatus {
  const s = baseStatus(name, { ready: true, started: true, ...o });
  s.state = { running: { startedAt: o.startedAt ?? ago(5 * MIN) } };
  return s;
}

export function waiting(name: string, reason: string, o: CsOpts & { message?: string } = {}): ContainerStatus {
  const s = baseStatus(name, o);
  s.state = { waiting: { reason, ...(o.message ? { message: o.message } : {}) } };
  if (reason === 'ContainerCreating' || reason === 'PodInitializing') {
    delete s.containerID;
    s.imageID = '';
  }
  return s;
}

export function terminated(name: string, t: { exitCode: number; reason?: string; signal?: number; startedAt?: string; finishedAt?: string },
  o: CsOpts = {}): ContainerStatus {
  const s = baseStatus(name, o);
  s.state = {
    terminated: {
      exitCode: t.exitCode,
      ...(t.reason ? { reason: t.reason } : {}),
      ...(t.signal ? { signal: t.signal } : {}),
      startedAt: t.startedAt ?? ago(2 * MIN),
      finishedAt: t.finishedAt ?? ago(1 * MIN),
    },
  };
  return s;
}

// ---------------------------------------------------------------------------------------------
// pods

export function cond(type: string, status: 'True' | 'False' | 'Unknown', extra: Partial<PodCondition> = {}): PodCondition {
  return { type, status, lastProbeTime: null as unknown as undefined, lastTransitionTime: ago(5 * MIN), ...extra };
}

/** The five conditions of a healthy running pod (1.29+ order). */
export function runningConditions(ready = true): PodCondition[] {
  return [
    cond('PodReadyToStartContainers', 'True'),
    cond('Initialized', 'True'),
    cond('Ready', ready ? 'True' : 'False'),
    cond('ContainersReady', ready ? 'True' : 'False'),
    cond('PodScheduled', 'True'),
  ];
}

export interface PodOpts {
  name?: string;
  namespace?: string;
  created?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers?: Array<Record<string, unknown>>;
  initContainers?: Array<Record<string, unknown>>;
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  nodeName?: string;
  podIP?: string;
  hostIP?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  ownerReferences?: Array<Record<string, unknown>>;
  readinessGates?: Array<{ conditionType: string }>;
  nominatedNodeName?: string;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export const NGINX_CONTAINER = {
  name: 'nginx',
  image: 'nginx:1.25',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  volumeMounts: [{ name: 'kube-api-access-5xzvn', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
};

export const KUBE_API_ACCESS_VOLUME = {
  name: 'kube-api-access-5xzvn',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

export const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export function pod(o: PodOpts = {}): Pod & KObject {
  const name = o.name ?? 'nginx';
  const nodeName = o.nodeName;
  const p: any = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      resourceVersion: '1234',
      creationTimestamp: o.created ?? ago(5 * MIN),
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}),
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp, deletionGracePeriodSeconds: o.deletionGracePeriodSeconds ?? 30 } : {}),
    },
    spec: {
      containers: o.containers ?? [NGINX_CONTAINER],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      ...(nodeName ? { nodeName } : {}),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: DEFAULT_TOLERATIONS,
      volumes: [KUBE_API_ACCESS_VOLUME],
      ...(o.readinessGates ? { readinessGates: o.readinessGates } : {}),
      ...(o.spec ?? {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.message ? { message: o.message } : {}),
      conditions: o.conditions ?? runningConditions(),
      ...(o.hostIP ?? nodeName ? { hostIP: o.hostIP ?? '172.18.0.2', hostIPs: [{ ip: o.hostIP ?? '172.18.0.2' }] } : {}),
      ...(o.podIP ? { podIP: o.podIP, podIPs: [{ ip: o.podIP }] } : {}),
      ...(nodeName ? { startTime: o.created ?? ago(5 * MIN) } : {}),
      ...(o.initContainerStatuses ? { initContainerStatuses: o.initContainerStatuses } : {}),
      ...(o.containerStatuses ? { containerStatuses: o.containerStatuses } : {}),
      ...(o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {}),
      qosClass: undefined,
      ...(o.status ?? {}),
    },
  };
  if (p.status.qosClass === undefined) delete p.status.qosClass;
  return p;
}

/** A healthy nginx pod on kind-worker. */
export function runningPod(o: PodOpts = {}): Pod & KObject {
  return pod({
    nodeName: 'kind-worker',
    podIP: '10.244.1.5',
    containerStatuses: [running('nginx')],
    ...o,
  });
}

// ---------------------------------------------------------------------------------------------
// nodes

export function node(name: string, o: {
  ready?: 'True' | 'False' | 'Unknown' | null;
  roles?: string[];
  unschedulable?: boolean;
  created?: string;
  internalIP?: string;
  externalIP?: string;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
} = {}): Node & KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(o.labels ?? {}),
  };
  for (const r of o.roles ?? []) labels[`node-role.kubernetes.io/${r}`] = '';
  const conditions: any[] = [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(30 * SEC), lastTransitionTime: ago(10 * DAY), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: ago(30 * SEC), lastTransitionTime: ago(10 * DAY), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: ago(30 * SEC), lastTransitionTime: ago(10 * DAY), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  ];
  if (o.ready !== null) {
    const ready = o.ready ?? 'True';
    conditions.push({
      type: 'Ready', status: ready, lastHeartbeatTime: ago(30 * SEC), lastTransitionTime: ago(10 * DAY),
      reason: ready === 'True' ? 'KubeletReady' : ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletNotReady',
      message: ready === 'True' ? 'kubelet is posting ready status' : ready === 'Unknown' ? 'Kubelet stopped posting node status.' : 'container runtime network not ready',
    });
  }
  const capacity = o.capacity ?? { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8148000Ki', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: o.created ?? ago(10 * DAY),
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      providerID: `kind://docker/kind/${name}`,
      ...(o.unschedulable ? { unschedulable: true } : {}),
      ...(o.taints ? { taints: o.taints } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: o.internalIP ?? '172.18.0.2' },
        ...(o.externalIP ? [{ type: 'ExternalIP', address: o.externalIP }] : []),
        { type: 'Hostname', address: name },
      ],
      allocatable: o.allocatable ?? capacity,
      capacity,
      conditions,
      nodeInfo: {
        architecture: 'amd64',
        bootID: 'b3c1c9a6-8d6e-4a35-9b0f-3d7f7c1e2a10',
        containerRuntimeVersion: 'containerd://1.7.18',
        kernelVersion: '6.5.0-1025-azure',
        kubeProxyVersion: 'v1.32.0',
        kubeletVersion: 'v1.32.0',
        machineID: '8f1c6e2b4e6d4a3f9c0b7a5d2e1f3c4b',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '8f1c6e2b-4e6d-4a3f-9c0b-7a5d2e1f3c4b',
      },
    },
  } as unknown as Node & KObject;
}

// ---------------------------------------------------------------------------------------------
// events

export function event(o: {
  name?: string;
  namespace?: string;
  kind?: string;
  objName?: string;
  fieldPath?: string;
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  first: string;
  last?: string;
  count?: number;
  component?: string;
  host?: string;
}): Event & KObject {
  const objName = o.objName ?? 'nginx';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: o.name ?? `${objName}.17c${Math.abs(hash(o.reason + o.first)).toString(16)}`,
      namespace: o.namespace ?? 'default',
      creationTimestamp: o.first,
    },
    involvedObject: {
      kind: o.kind ?? 'Pod',
      namespace: o.namespace ?? 'default',
      name: objName,
      uid: `uid-${objName}`,
      apiVersion: 'v1',
      ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}),
    },
    reason: o.reason,
    message: o.message,
    source: { component: o.component ?? 'kubelet', ...(o.host ? { host: o.host } : {}) },
    firstTimestamp: o.first,
    lastTimestamp: o.last ?? o.first,
    count: o.count ?? 1,
    type: o.type ?? 'Normal',
    eventTime: null as unknown as undefined,
    reportingComponent: o.component ?? 'kubelet',
    reportingInstance: o.host ?? '',
  } as unknown as Event & KObject;
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
