/**
 * Table printers for `kubectl get`, ported from kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go (the server-side TableConvertor kubectl displays).
 *
 * As on the server, every printer produces all cells including the priority-1 (`-o wide`) ones;
 * {@link renderTable} drops the wide columns unless asked for them.
 */
import type {
  ConfigMap, Container, ContainerStatus, Event, KObject, Namespace, Node, PersistentVolumeClaim, Pod, Service,
} from '../types.ts';
import { type KindInfo, kindInfo, resolveAnyKind } from '../kinds.ts';
import { humanDuration, parseTime, translateTimestampSince } from './duration.ts';
import { canonicalQuantity } from './quantity.ts';
import { type ColumnDefinition, type Table, type TableRow, noResourcesMessage, renderTable } from './table.ts';
import {
  accessModesString, compareByStorageKey, formatLabelSelector, formatLabels, labelSelectorString, sortedStrings,
} from './util.ts';
import { jobRow } from '../../machines/job/kubectl.ts';
import { printCronJob } from '../../machines/cronjob/kubectl.ts';

// ---------------------------------------------------------------------------------------------
// Kinds

/**
 * Resolves what a user may type (`pods`, `pod`, `po`, `Pod`, `deployments.apps`) or a Kind to its
 * entry in the kind registry (`src/kinds.ts`, including the kinds only printers know); the group
 * qualifier is not checked. Unknown kinds are assumed namespaced core-group resources.
 */
export function resolveKind(kindOrResource: string): KindInfo {
  const q = kindOrResource.trim();
  const known = resolveAnyKind(q.split('.')[0]);
  if (known) return known;
  return kindInfo('v1', q.charAt(0).toUpperCase() + q.slice(1), true, `${q.toLowerCase()}s`, [], false);
}

// ---------------------------------------------------------------------------------------------
// Printers

export interface PrintContext {
  /** simulated clock, epoch ms */
  now: number;
}

export interface KindPrinter {
  columns: ColumnDefinition[];
  /** All cells (including wide ones), one per column. */
  row(obj: any, ctx: PrintContext): TableRow['cells'];
}

const age = (o: { metadata?: { creationTimestamp?: string } }, ctx: PrintContext) =>
  translateTimestampSince(o.metadata?.creationTimestamp, ctx.now);

function findCondition<T extends { type: string }>(conds: T[] | undefined, type: string): T | undefined {
  return conds?.find((c) => c.type === type);
}

function isRestartableInitContainer(c: Container | undefined): boolean {
  return !!c && c.restartPolicy === 'Always';
}

export interface PodStatusSummary {
  /** READY cell, `n/m` */
  ready: string;
  /** STATUS cell */
  status: string;
  /** RESTARTS cell: `N` or `N (X ago)` */
  restarts: string;
  readyContainers: number;
  totalContainers: number;
  restartCount: number;
  /** epoch ms of the latest lastState.terminated.finishedAt counted, if any */
  lastRestart?: number;
}

/**
 * The READY / STATUS / RESTARTS computation of `printPod` (printers.go, Kubernetes 1.32). See
 * reference/kubernetes-semantics.md §1.9.
 */
export function podStatusSummary(pod: Pod, now: number): PodStatusSummary {
  const spec = pod.spec ?? ({ containers: [] } as NonNullable<Pod['spec']>);
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status.phase ?? '';
  let reason: string = podPhase;
  if (status.reason) reason = status.reason;

  // If the Pod carries {type:PodScheduled, reason:SchedulingGated}, set reason to 'SchedulingGated'.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  const later = (cur: number | undefined, ts: string | undefined): number | undefined => {
    const t = parseTime(ts);
    if (t === undefined) return cur;
    return cur === undefined || cur < t ? t : cur;
  };

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    if (container.lastState?.terminated) {
      lastRestartDate = later(lastRestartDate, container.lastState.terminated.finishedAt);
    }
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      if (container.lastState?.terminated) {
        lastRestartableInitContainerRestartDate =
          later(lastRestartableInitContainerRestartDate, container.lastState.terminated.finishedAt);
      }
    }
    const term = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) {
      continue;
    } else if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    } else if (term) {
      // initialization is failed
      if (!term.reason) {
        if (term.signal) reason = `Init:Signal:${term.signal}`;
        else reason = `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
      initializing = true;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = findCondition(status.conditions, 'Initialized')?.status === 'True';
  if (!initializing || initializedTrue) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      if (container.lastState?.terminated) {
        lastRestartDate = later(lastRestartDate, container.lastState.terminated.finishedAt);
      }
      const waiting = container.state?.waiting;
      const term = container.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (term && term.reason) {
        reason = term.reason;
      } else if (term && !term.reason) {
        if (term.signal) reason = `Signal:${term.signal}`;
        else reason = `ExitCode:${term.exitCode ?? 0}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = findCondition(status.conditions, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== undefined) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestartDate)} ago)`;
  }
  return {
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsStr,
    readyContainers,
    totalContainers,
    restartCount: restarts,
    lastRestart: lastRestartDate,
  };
}

const podPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Status' }, { name: 'Restarts' }, { name: 'Age' },
    { name: 'IP', priority: 1 }, { name: 'Node', priority: 1 }, { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row(pod: Pod, ctx) {
    const s = podStatusSummary(pod, ctx.now);
    // podIPs[0]; the API server always mirrors status.podIP into podIPs, fall back to it if absent.
    const podIP = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    const nodeName = pod.spec?.nodeName || '<none>';
    const nominated = pod.status?.nominatedNodeName || '<none>';
    let readinessGates = '<none>';
    const gates = pod.spec?.readinessGates ?? [];
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const g of gates) {
        const c = findCondition(pod.status?.conditions, g.conditionType);
        if (c && c.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    return [pod.metadata?.name, s.ready, s.status, s.restarts, age(pod, ctx), podIP, nodeName, nominated, readinessGates];
  },
};

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role.length > 0) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return sortedStrings(roles);
}

/** STATUS cell of `kubectl get nodes`: Ready / NotReady / Unknown, plus `,SchedulingDisabled`. */
export function nodeStatusString(node: Node): string {
  const status: string[] = [];
  const ready = findCondition(node.status?.conditions, 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

const nodePrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Roles' }, { name: 'Age' }, { name: 'Version' },
    { name: 'Internal-IP', priority: 1 }, { name: 'External-IP', priority: 1 }, { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 }, { name: 'Container-Runtime', priority: 1 },
  ],
  row(node: Node, ctx) {
    const roles = findNodeRoles(node).join(',') || '<none>';
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name, nodeStatusString(node), roles, age(node, ctx), info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

const namespacePrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  row: (ns: Namespace, ctx) => [ns.metadata?.name, ns.status?.phase ?? '', age(ns, ctx)],
};

const LOAD_BALANCER_WIDTH = 16;

function loadBalancerStatusString(svc: Service, wide: boolean): string {
  const result = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  let r = sortedStrings(result).join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

/** getServiceExternalIP (printers.go). */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusString(svc, wide);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lbIps.length > 0) results.push(...lbIps.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-separated. */
export function servicePortString(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0
      ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
      : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

function makeServicePrinter(wide: boolean): KindPrinter {
  return {
    columns: [
      { name: 'Name' }, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' },
      { name: 'Age' }, { name: 'Selector', priority: 1 },
    ],
    row(svc: Service, ctx) {
      // clusterIPs[0]; the API server always mirrors spec.clusterIP into clusterIPs.
      const internalIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
      const ports = servicePortString(svc) || '<none>';
      return [
        svc.metadata?.name, svc.spec?.type ?? 'ClusterIP', internalIP, serviceExternalIP(svc, wide), ports,
        age(svc, ctx), formatLabels(svc.spec?.selector),
      ];
    },
  };
}

/** GetPersistentVolumeClaimClass: beta annotation first, then spec.storageClassName. */
export function pvcStorageClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? '';
}

const pvcPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Volume' }, { name: 'Capacity' }, { name: 'Access Modes' },
    { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Age' }, { name: 'VolumeMode', priority: 1 },
  ],
  row(pvc: PersistentVolumeClaim, ctx) {
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
    let capacity = '';
    let accessModes = '';
    if (pvc.spec?.volumeName) {
      accessModes = accessModesString(pvc.status?.accessModes);
      capacity = canonicalQuantity(pvc.status?.capacity?.storage);
    }
    return [
      pvc.metadata?.name, phase, pvc.spec?.volumeName ?? '', capacity, accessModes, pvcStorageClass(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>', age(pvc, ctx), pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** GetPersistentVolumeClass (pkg/apis/core/helper, kubectl pkg/util/storage): beta annotation first, then spec.storageClassName. */
export function pvStorageClass(pv: any): string {
  const ann = pv?.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return pv?.spec?.storageClassName ?? '';
}

/** The PV's CLAIM cell / describe `Claim:` line: `namespace/name` of spec.claimRef, "" without one. */
export function pvClaimString(pv: any): string {
  const ref = pv?.spec?.claimRef;
  return ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
}

/**
 * printPersistentVolume (printers.go, 1.32): NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
 * STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. STATUS is Terminating once a
 * deletionTimestamp is set; an absent capacity prints as the zero Quantity, "0".
 */
const pvPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'Reclaim Policy' }, { name: 'Status' },
    { name: 'Claim' }, { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Reason' }, { name: 'Age' },
    { name: 'VolumeMode', priority: 1 },
  ],
  row(pv: any, ctx) {
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
    return [
      pv.metadata?.name, canonicalQuantity(pv.spec?.capacity?.storage), accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '', phase, pvClaimString(pv), pvStorageClass(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>', pv.status?.reason ?? '', age(pv, ctx), pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/**
 * storageutil.IsDefaultAnnotation: `storageclass.kubernetes.io/is-default-class` (or its beta
 * form) is exactly "true".
 */
export function isDefaultStorageClass(sc: { metadata?: { annotations?: Record<string, string> | null } } | null | undefined): boolean {
  const ann = sc?.metadata?.annotations ?? {};
  return ann['storageclass.kubernetes.io/is-default-class'] === 'true'
    || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/**
 * printStorageClass (printers.go, 1.32): NAME (` (default)` appended to every class carrying the
 * default annotation), PROVISIONER, RECLAIMPOLICY (Delete when unset), VOLUMEBINDINGMODE (Immediate
 * when unset), ALLOWVOLUMEEXPANSION (a bool cell: `true`/`false`, false when unset), AGE.
 */
const storageClassPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Provisioner' }, { name: 'ReclaimPolicy' }, { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' }, { name: 'Age' },
  ],
  row(sc: any, ctx) {
    const name = (sc.metadata?.name ?? '') + (isDefaultStorageClass(sc) ? ' (default)' : '');
    return [
      name, sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false, age(sc, ctx),
    ];
  },
};

const configMapPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  row: (cm: ConfigMap, ctx) =>
    [cm.metadata?.name, Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm, ctx)],
};

const secretPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  row: (s: any, ctx) => [s.metadata?.name, s.type ?? '', Object.keys(s.data ?? {}).length, age(s, ctx)],
};

const serviceAccountPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
  row: (sa: any, ctx) => [sa.metadata?.name, (sa.secrets ?? []).length, age(sa, ctx)],
};

/** formatEndpoints (printers.go): up to 3 `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: any, ports?: Set<string>): string {
  const subsets: any[] = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: any[] = ss.addresses ?? [];
    const sPorts: any[] = ss.ports ?? [];
    if (sPorts.length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of sPorts) {
      if (!ports || ports.has(port.name ?? '')) {
        count += addresses.length;
        for (const a of addresses) {
          if (list.length === max) { more = true; break; }
          list.push(joinHostPort(a.ip, port.port));
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** Go net.JoinHostPort. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const endpointsPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  row: (ep: any, ctx) => [ep.metadata?.name, formatEndpoints(ep), age(ep, ctx)],
};

/** formatEventSource: component (or reportingController) [, host (or reportingInstance)]. */
function formatEventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

const eventPrinter: KindPrinter = {
  columns: [
    { name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' },
    { name: 'Subobject', priority: 1 }, { name: 'Source', priority: 1 }, { name: 'Message' },
    { name: 'First Seen', priority: 1 }, { name: 'Count', priority: 1 }, { name: 'Name', priority: 1 },
  ],
  row(e: Event, ctx) {
    let firstTimestamp = translateTimestampSince(e.firstTimestamp, ctx.now);
    if (parseTime(e.firstTimestamp) === undefined) firstTimestamp = translateTimestampSince(e.eventTime, ctx.now);
    let lastTimestamp = translateTimestampSince(e.lastTimestamp, ctx.now);
    if (parseTime(e.lastTimestamp) === undefined) lastTimestamp = firstTimestamp;
    let count = e.count ?? 0;
    if (e.series) {
      lastTimestamp = translateTimestampSince(e.series.lastObservedTime, ctx.now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    const io = e.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return [
      lastTimestamp, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', formatEventSource(e),
      (e.message ?? '').trim(), firstTimestamp, count, e.metadata?.name,
    ];
  },
};

function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

const deploymentPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, { name: 'Age' },
    { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
  ],
  row(d: any, ctx) {
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata?.name, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0, age(d, ctx), names, images, labelSelectorString(d.spec?.selector),
    ];
  },
};

const replicaSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Age' },
    { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
  ],
  row(rs: any, ctx) {
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name, rs.spec?.replicas ?? 1, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(rs, ctx),
      names, images, formatLabelSelector(rs.spec?.selector),
    ];
  },
};

const replicationControllerPrinter: KindPrinter = {
  columns: replicaSetPrinter.columns,
  row(rc: any, ctx) {
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata?.name, rc.spec?.replicas ?? 1, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0, age(rc, ctx),
      names, images, formatLabels(rc.spec?.selector),
    ];
  },
};

/** printStatefulSet (printers.go, 1.32): NAME, READY (`ready/desired`), AGE; wide CONTAINERS, IMAGES. */
const statefulSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Age' }, { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 },
  ],
  row(s: any, ctx) {
    const [names, images] = layoutContainerCells(s.spec?.template?.spec?.containers);
    return [s.metadata?.name, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`, age(s, ctx), names, images];
  },
};

/**
 * printDaemonSet (printers.go, 1.32): NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR
 * (`labels.FormatLabels` of the template's nodeSelector) AGE; wide CONTAINERS IMAGES SELECTOR.
 */
const daemonSetPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Up-to-date' },
    { name: 'Available' }, { name: 'Node Selector' }, { name: 'Age' },
    { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
  ],
  row(ds: any, ctx) {
    const st = ds.status ?? {};
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name, st.desiredNumberScheduled ?? 0, st.currentNumberScheduled ?? 0, st.numberReady ?? 0,
      st.updatedNumberScheduled ?? 0, st.numberAvailable ?? 0, formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds, ctx), names, images, formatLabelSelector(ds.spec?.selector),
    ];
  },
};

/**
 * formatResourceName (printers.go) for a controller owner reference: `schema.ParseGroupVersion` of
 * its apiVersion gives the group; `strings.ToLower(GroupKind.String()) + "/" + name`, where
 * GroupKind.String() is `Kind.group`, or just `Kind` in the core group (`daemonset.apps/x`,
 * `statefulset.apps/x`). An apiVersion that does not parse makes the server's printer fail; that
 * cannot be stored, so it is printed as if the group were empty.
 */
export function controllerRefName(ref: { apiVersion?: string; kind?: string; name?: string }): string {
  const gv = ref.apiVersion ?? '';
  const parts = gv.split('/');
  const group = parts.length === 2 ? parts[0] : '';
  const kind = ref.kind ?? '';
  if (kind === '' && group === '') return ref.name ?? '';
  const gk = group === '' ? kind : `${kind}.${group}`;
  return `${gk.toLowerCase()}/${ref.name ?? ''}`;
}

/** printControllerRevision (printers.go): NAME, CONTROLLER (`<none>` without a controller ref), REVISION, AGE. */
const controllerRevisionPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
  row(cr: any, ctx) {
    const ref = cr.metadata?.ownerReferences?.find((r: any) => r.controller === true);
    return [cr.metadata?.name, ref ? controllerRefName(ref) : '<none>', cr.revision ?? 0, age(cr, ctx)];
  },
};

const jobPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, { name: 'Age' },
    { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
  ],
  row(job: any, ctx) {
    // printJob (machines/job/kubectl.ts), plus the wide columns.
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [...jobRow(job, ctx.now), names, images, formatLabelSelector(job.spec?.selector)];
  },
};

const cronJobPrinter: KindPrinter = {
  columns: [
    { name: 'Name' }, { name: 'Schedule' }, { name: 'Timezone' }, { name: 'Suspend' }, { name: 'Active' },
    { name: 'Last Schedule' }, { name: 'Age' },
    { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
  ],
  // printCronJob (machines/cronjob/kubectl.ts), wide columns included.
  row: (cj: any, ctx) => printCronJob(cj, ctx.now, true),
};

/** The fallback used for kinds without a printer: NAME, AGE (tableprinter.go objectMetaColumnDefinitions). */
export const defaultPrinter: KindPrinter = {
  columns: [{ name: 'Name' }, { name: 'Age' }],
  row: (o: KObject, ctx) => [o.metadata?.name, age(o, ctx)],
};

/**
 * The printer kubectl uses for a kind. The API server generates tables with `Wide: true` (server-side
 * printing), so the Service EXTERNAL-IP is never clipped to 16 characters in `kubectl get` output;
 * pass `wide = false` to get the client-side-printing behaviour instead.
 */
export function printerFor(kind: string, wide = true): KindPrinter {
  switch (resolveKind(kind).kind) {
    case 'Pod': return podPrinter;
    case 'Node': return nodePrinter;
    case 'Namespace': return namespacePrinter;
    case 'Service': return makeServicePrinter(wide);
    case 'PersistentVolumeClaim': return pvcPrinter;
    case 'PersistentVolume': return pvPrinter;
    case 'ConfigMap': return configMapPrinter;
    case 'Secret': return secretPrinter;
    case 'ServiceAccount': return serviceAccountPrinter;
    case 'Endpoints': return endpointsPrinter;
    case 'Event': return eventPrinter;
    case 'Deployment': return deploymentPrinter;
    case 'ReplicaSet': return replicaSetPrinter;
    case 'ReplicationController': return replicationControllerPrinter;
    case 'StatefulSet': return statefulSetPrinter;
    case 'DaemonSet': return daemonSetPrinter;
    case 'ControllerRevision': return controllerRevisionPrinter;
    case 'StorageClass': return storageClassPrinter;
    case 'Job': return jobPrinter;
    case 'CronJob': return cronJobPrinter;
    default: return defaultPrinter;
  }
}

// ---------------------------------------------------------------------------------------------
// getTable

export interface GetTableOptions {
  /** simulated clock, epoch ms */
  now: number;
  /** `-o wide` */
  wide?: boolean;
  /** `-A` / `--all-namespaces` */
  allNamespaces?: boolean;
  /** `--show-labels` */
  showLabels?: boolean;
  /** `-L key,...` */
  labelColumns?: string[];
  /** `--no-headers` */
  noHeaders?: boolean;
  /** the request namespace, for the "No resources found in <ns> namespace." message (default "default") */
  namespace?: string;
  /**
   * Sort rows the way the API server lists them (etcd key order `<namespace>/<name>`). Default true;
   * pass false to keep the given order (e.g. `kubectl get pod b a`).
   */
  sort?: boolean;
}

export interface GetResult {
  stdout: string;
  stderr: string;
}

/** Builds the (undecorated) table for objects of one kind. */
export function buildTable(kind: string, objects: KObject[], opts: { now: number; wide?: boolean; sort?: boolean }): Table {
  const printer = printerFor(kind);
  const objs = opts.sort === false ? objects : [...objects].sort(compareByStorageKey);
  return {
    columns: printer.columns,
    rows: objs.map((o) => ({
      cells: printer.row(o, { now: opts.now }),
      namespace: o.metadata?.namespace ?? '',
      labels: o.metadata?.labels ?? undefined,
    })),
  };
}

/** `kubectl get <kind>` split into what goes to stdout and to stderr. */
export function getTableResult(kind: string, objects: KObject[], opts: GetTableOptions): GetResult {
  const info = resolveKind(kind);
  const table = buildTable(kind, objects, opts);
  const stdout = renderTable(table, {
    wide: opts.wide,
    withNamespace: !!opts.allNamespaces && info.namespaced,
    showLabels: opts.showLabels,
    columnLabels: opts.labelColumns,
    noHeaders: opts.noHeaders,
  });
  const stderr = stdout === ''
    ? noResourcesMessage({ namespaced: info.namespaced, allNamespaces: opts.allNamespaces, namespace: opts.namespace })
    : '';
  return { stdout, stderr };
}

/**
 * `kubectl get <kind>` human-readable output. When nothing is printed, returns kubectl's
 * "No resources found …" line instead (which real kubectl writes to stderr; use
 * {@link getTableResult} to keep the two apart).
 */
export function getTable(kind: string, objects: KObject[], opts: GetTableOptions): string {
  const r = getTableResult(kind, objects, opts);
  return r.stdout !== '' ? r.stdout : r.stderr;
}
