/**
 * `kubectl describe` output, ported from kubernetes/kubectl pkg/describe/describe.go (1.32 behaviour;
 * where master differs, e.g. projected-volume sources, the 1.32 form is used).
 *
 * Layout rules reproduced exactly:
 * - `PrefixWriter` levels are 2 spaces each;
 * - everything goes through Go's text/tabwriter with `Init(buf, 0, 8, 2, ' ', 0)` (see
 *   {@link DESCRIBE_TABWRITER}), so `Key:\tvalue` lines align within *column blocks* — runs of
 *   consecutive lines that contain a tab — and a line without a tab (e.g. `Containers:`) ends the
 *   block. Lines that pad a tab-terminated cell keep their trailing spaces, as kubectl's do.
 */
import type {
  ConfigMap, Container, ContainerState, ContainerStatus, Event, KObject, Namespace, Node, PersistentVolumeClaim,
  Pod, Probe, Service, Toleration,
} from '../types.ts';
import { formatRFC1123Z, humanDuration, parseTime, translateTimestampSince } from './duration.ts';
import {
  findNodeRoles, formatEndpoints, isDefaultStorageClass, joinHostPort, pvClaimString, pvStorageClass, pvcStorageClass,
} from './printers.ts';
import { type LabelSelectorData, SelectorError, matches as matchesSelector, selectorFromLabelSelector, selectorFromSet } from '../labels.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { compareByCreationTimestamp, findNewReplicaSet, findOldReplicaSets } from '../../machines/deployment/replicasets.ts';
import { goQuote } from '../manifest/errors.ts';
import { quantityMilliValue as milliValue, quantityValue as value } from '../quantity.ts';
import { computePodQOS } from '../qos.ts';
import {
  type Quantity, type ResourceList, addResourceList, canonicalQuantity, formatQuantity, maxResourceList,
  parseQuantity, parseResourceList, zeroQuantity,
} from './quantity.ts';
import { DESCRIBE_TABWRITER, TabWriter } from './tabwriter.ts';
import {
  accessModesString, compareByStorageKey, controllerOf, formatLabelSelector, formatLabels, goLess, goStringSlice, goValue,
  labelSelectorString, sortedStrings,
} from './util.ts';
import { printBoolPtr } from '../../machines/cronjob/kubectl.ts';

// ---------------------------------------------------------------------------------------------
// PrefixWriter

const LEVEL_0 = 0;
const LEVEL_1 = 1;
const LEVEL_2 = 2;
const LEVEL_3 = 3;

/** cli-runtime printers.EscapeTerminal: ESC becomes "^[", CR becomes a literal "\\r". */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** The PrefixWriter interface of describe.go. */
export interface PW {
  write(level: number, text: string): void;
  writeLine(...a: string[]): void;
  flush(): void;
}

/** `prefixWriter` + the tabwriter behind `tabbedString`. */
export class PrefixWriter implements PW {
  private readonly tw: TabWriter | undefined;
  private raw = '';

  /**
   * `tabwriter: false` is `describe.NewPrefixWriter(buf)` on a plain bytes.Buffer (as
   * polymorphichelpers `printTemplate` does for `rollout history --revision`): tabs stay literal.
   */
  constructor(opts: { tabwriter?: boolean } = {}) {
    this.tw = opts.tabwriter === false ? undefined : new TabWriter(DESCRIBE_TABWRITER);
  }

  private out(s: string): void {
    if (this.tw) this.tw.write(s);
    else this.raw += s;
  }

  /** `Write(level, format, args...)` with the formatting already applied (then WriteEscaped). */
  write(level: number, text: string): void {
    this.out(escapeTerminal('  '.repeat(level) + text));
  }

  /** `WriteLine(a...)`: fmt.Sprintln — operands separated by spaces, then a newline. */
  writeLine(...a: string[]): void {
    this.out(escapeTerminal(a.join(' ') + '\n'));
  }

  flush(): void {
    this.tw?.flush();
  }

  toString(): string {
    return this.tw ? this.tw.toString() : this.raw;
  }
}

/** `nestedPrefixWriter`: adds `indent` levels; note WriteLine output is indented too (as in Go). */
class NestedPrefixWriter implements PW {
  constructor(private readonly w: PW, private readonly indent: number) {}
  write(level: number, text: string): void {
    this.w.write(level + this.indent, text);
  }
  writeLine(...a: string[]): void {
    this.w.write(this.indent, a.join(' ') + '\n');
  }
  flush(): void {
    this.w.flush();
  }
}

function tabbedString(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  f(w);
  return w.toString();
}

// ---------------------------------------------------------------------------------------------
// shared helpers

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent */
function printLabelsMultiline(w: PW, title: string, labels: Record<string, string> | undefined | null,
  initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedStrings(Object.keys(labels ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

function shorten(s: string, maxLength: number): string {
  return s.length > maxLength ? s.slice(0, maxLength) + '...' : s;
}

/** printAnnotationsMultiline (skips last-applied-configuration; long values wrapped/shortened). */
function printAnnotationsMultiline(w: PW, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedStrings(Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** `Taint.ToString()` */
function taintString(t: { key: string; value?: string; effect?: string }): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function printTaintsMultiline(w: PrefixWriter, title: string, taints: Array<{ key: string; value?: string; effect?: string }> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => goLess(`${a.effect ?? ''},${a.key}`, `${b.effect ?? ''},${b.key}`));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => goLess(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, '\t');
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // `operator: Exists` with no value is a special case which tolerates everything
    if (t.operator === 'Exists' && !t.value) {
      s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

function matchesInvolved(e: Event, kind: string, name: string, namespace: string | undefined, uid?: string): boolean {
  const io = e.involvedObject ?? {};
  if (io.name !== name) return false;
  if (io.kind && io.kind !== kind) return false;
  if (namespace !== undefined && (io.namespace ?? e.metadata?.namespace ?? '') !== namespace) return false;
  if (uid && io.uid && io.uid !== uid) return false;
  return true;
}

/** `event.SortableEvents`: by series.lastObservedTime, else lastTimestamp, else eventTime (stable). */
function eventSortTime(e: Event): number {
  if (e.series) return parseTime(e.series.lastObservedTime) ?? Number.NEGATIVE_INFINITY;
  const last = parseTime(e.lastTimestamp);
  if (last !== undefined) return last;
  return parseTime(e.eventTime) ?? Number.NEGATIVE_INFINITY;
}

/** `DescribeEvents`: `Events:\t<none>` or the Type/Reason/Age/From/Message table. */
export function describeEvents(events: Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => eventSortTime(a) - eventSortTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    let firstTimestampSince = translateTimestampSince(e.eventTime, now);
    if (parseTime(e.eventTime) === undefined) firstTimestampSince = translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) {
      interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstTimestampSince})`;
    } else {
      interval = firstTimestampSince;
    }
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// containers

type EnvResolver = (fieldPath: string) => string;

/** fieldpath.ExtractFieldPathAsString for the paths the downward API allows. */
function podFieldResolver(pod: Pod): EnvResolver {
  return (path: string) => {
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
    switch (path) {
      case 'metadata.name': return pod.metadata?.name ?? '';
      case 'metadata.namespace': return pod.metadata?.namespace ?? '';
      case 'metadata.uid': return pod.metadata?.uid ?? '';
      case 'metadata.labels': return formatLabelsPlain(pod.metadata?.labels);
      case 'metadata.annotations': return formatLabelsPlain(pod.metadata?.annotations);
      case 'spec.nodeName': return pod.spec?.nodeName ?? '';
      case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
      case 'status.hostIP': return pod.status?.hostIP ?? '';
      case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((i) => i.ip).join(',');
      case 'status.podIP': return pod.status?.podIP ?? '';
      case 'status.podIPs': return (pod.status?.podIPs ?? []).map((i) => i.ip).join(',');
      default: return '';
    }
  };
}

function formatLabelsPlain(m: Record<string, string> | undefined): string {
  return sortedStrings(Object.keys(m ?? {})).map((k) => `${k}="${m![k]}"`).join('\n');
}

/** resourcehelper.ExtractContainerResourceValue */
function containerResourceValue(ref: { resource: string; divisor?: string }, c: Container): string {
  const divisor = parseQuantity(ref.divisor ?? '1') ?? parseQuantity('1')!;
  const [kind, name] = ref.resource.split('.', 2);
  const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const q = parseQuantity(list?.[name] as string | undefined) ?? zeroQuantity();
  if (name === 'cpu') {
    const d = milliValue(divisor) || 1;
    return String(Math.ceil(milliValue(q) / d));
  }
  const d = value(divisor) || 1;
  return String(Math.ceil(value(q) / d));
}

function describeContainerPorts(c: Container): [string, string] {
  const ports = c.ports ?? [];
  return [
    ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '),
    ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '),
  ];
}

/** `DescribeProbe` (API defaults applied: timeout 1s, period 10s, #success 1, #failure 3). */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s ` +
    `period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec ${goStringSlice(probe.exec.command)} ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const scheme = (h.scheme ?? 'HTTP').toLowerCase();
    const port = h.port === undefined || h.port === null ? '' : String(h.port);
    const host = port.length > 0 ? joinHostPort(h.host ?? '', port) : h.host ?? '';
    let path = h.path ?? '';
    if (path !== '' && !path.startsWith('/') && host !== '') path = '/' + path;
    return `http-get ${scheme}://${host}${path} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(stateName: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeResources(resources: { limits?: Record<string, string>; requests?: Record<string, string> } | undefined,
  w: PrefixWriter, level: number): void {
  if (!resources) return;
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const name of sortedStrings(Object.keys(limits))) w.write(level + 1, `${name}:\t${canonicalQuantity(limits[name])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const name of sortedStrings(Object.keys(requests))) w.write(level + 1, `${name}:\t${canonicalQuantity(requests[name])}\n`);
}

function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined,
  resolver: EnvResolver | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    // describeContainerBasicInfo
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const [ports, hostPorts] = describeContainerPorts(c);
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    // describeContainerCommand
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const cmd of c.command!) for (const s of cmd.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const arg of c.args!) for (const s of arg.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    // describeContainerState
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources as any, w, LEVEL_2);
    // describeContainerProbe
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    // describeContainerEnvFrom
    if ((c.envFrom ?? []).length > 0) {
      w.write(LEVEL_2, 'Environment Variables from:\n');
      for (const e of c.envFrom!) {
        let from = '';
        let name = '';
        let optional = false;
        if (e.configMapRef) {
          from = 'ConfigMap';
          name = e.configMapRef.name ?? '';
          optional = e.configMapRef.optional === true;
        } else if (e.secretRef) {
          from = 'Secret';
          name = e.secretRef.name ?? '';
          optional = e.secretRef.optional === true;
        }
        if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
        else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      }
    }
    // describeContainerEnvVars
    const env = c.env ?? [];
    w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        (e.value ?? '').split('\n').forEach((s, i) => {
          if (i === 0) w.write(LEVEL_3, `${e.name}:\t${s}\n`);
          else w.write(LEVEL_3, `\t${s}\n`);
        });
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        const v = resolver ? resolver(vf.fieldRef.fieldPath) : '';
        w.write(LEVEL_3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      } else if (vf.resourceFieldRef) {
        let v = containerResourceValue(vf.resourceFieldRef as any, c);
        const resource = vf.resourceFieldRef.resource;
        if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
        w.write(LEVEL_3, `${e.name}:\t${v} (${resource})\n`);
      } else if (vf.secretKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      } else if (vf.configMapKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
      }
    }
    // describeContainerVolumes
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => goLess(a.mountPath, b.mountPath));
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
    if ((c.volumeDevices ?? []).length > 0) {
      w.write(LEVEL_2, 'Devices:\n');
      for (const d of [...c.volumeDevices!].sort((a, b) => goLess(a.devicePath, b.devicePath))) {
        w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// volumes

function goBoolPtr(v: boolean | undefined | null): string {
  // 1.32 prints the *bool pointer itself for projected sources; an address is not reproducible, so a
  // set value prints as the boolean.
  return v === undefined || v === null ? '<nil>' : String(v);
}

function describeVolumes(volumes: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const sl = v.emptyDir.sizeLimit ? parseQuantity(v.emptyDir.sizeLimit) : undefined;
      const sizeLimit = sl && sl.nanos > 0n ? formatQuantity(sl) : '<unset>';
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`);
    } else if (v.secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.nfs) {
      w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.ephemeral) {
      w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
      const t = v.ephemeral.volumeClaimTemplate;
      if (t) {
        printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: t.metadata, spec: t.spec } as PersistentVolumeClaim, false, 0);
      }
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      // Kubernetes 1.32 form (the `Sources:` layout arrived in 1.33, kubernetes#129457)
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of v.projected.sources ?? []) {
        if (src.secret) {
          w.write(LEVEL_2, `SecretName:\t${src.secret.name ?? ''}\n    SecretOptionalName:\t${goBoolPtr(src.secret.optional)}\n`);
        } else if (src.downwardAPI) {
          w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        } else if (src.configMap) {
          w.write(LEVEL_2, `ConfigMapName:\t${src.configMap.name ?? ''}\n    ConfigMapOptional:\t${goBoolPtr(src.configMap.optional)}\n`);
        } else if (src.serviceAccountToken) {
          w.write(LEVEL_2, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        }
      }
    } else if (v.csi) {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
      printLabelsMultiline(w, 'VolumeAttributes', v.csi.volumeAttributes, '    ');
    } else if (v.image) {
      w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ''}\n    PullPolicy:\t${v.image.pullPolicy ?? ''}\n`);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// QoS and resource requests

function effectiveRequests(c: Container): ResourceList {
  // The API server defaults requests to limits when unset.
  const req: Record<string, string> = { ...(c.resources?.limits as Record<string, string> ?? {}), ...(c.resources?.requests as Record<string, string> ?? {}) };
  return parseResourceList(req);
}

/** kubectl pkg/util/qos GetPodQOS: status.qosClass if set, else ComputePodQOS. */
export function podQOSClass(pod: Pod): string {
  return pod.status?.qosClass || computePodQOS(pod.spec);
}

/** kubectl pkg/util/resource PodRequestsAndLimits (sidecar-aware; overhead added). */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const compute = (get: (c: Container) => ResourceList): ResourceList => {
    const reqs: ResourceList = {};
    for (const c of pod.spec?.containers ?? []) addResourceList(reqs, get(c));
    const restartable: ResourceList = {};
    const initReqs: ResourceList = {};
    for (const c of pod.spec?.initContainers ?? []) {
      let containerReqs = get(c);
      if (c.restartPolicy === 'Always') {
        addResourceList(reqs, containerReqs);
        addResourceList(restartable, containerReqs);
        containerReqs = restartable;
      } else {
        const tmp: ResourceList = {};
        addResourceList(tmp, containerReqs);
        addResourceList(tmp, restartable);
        containerReqs = tmp;
      }
      maxResourceList(initReqs, containerReqs);
    }
    maxResourceList(reqs, initReqs);
    if (pod.spec?.overhead) addResourceList(reqs, parseResourceList(pod.spec.overhead as Record<string, string>));
    return reqs;
  };
  return {
    requests: compute(effectiveRequests),
    limits: compute((c) => parseResourceList(c.resources?.limits as Record<string, string>)),
  };
}

// ---------------------------------------------------------------------------------------------
// Pod

export interface DescribeOptions {
  /**
   * `--show-events` (default true). Passing `events: null` to a describer has the same effect as
   * false.
   */
  showEvents?: boolean;
}

/**
 * `kubectl describe pod`. `events` may contain events for other objects; only those whose
 * involvedObject is this pod are shown. `null` hides the Events section (`--show-events=false`).
 */
export function describePod(pod: Pod | KObject, events: Event[] | null | undefined, now: number, opts: DescribeOptions = {}): string {
  const p = pod as Pod;
  const meta = p.metadata ?? {};
  const spec = p.spec ?? ({ containers: [] } as NonNullable<Pod['spec']>);
  const status = p.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const sp = spec.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_0, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    // remove when .IP field is deprecated
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    // describePodIPs
    const podIPs = status.podIPs ?? [];
    if (podIPs.length === 0) {
      w.write(LEVEL_0, 'IPs:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const ctrl = controllerOf(p as any);
    if (ctrl) w.write(LEVEL_0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if ((spec as any).resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources((spec as any).resources, w, LEVEL_1);
    }
    const resolver = podFieldResolver(p);
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers!, status.initContainerStatuses, resolver, w, '');
    }
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers as Container[], status.ephemeralContainerStatuses, resolver, w, '');
    }
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates!) {
        const c = status.conditions?.find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions!) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOSClass(p)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Pod', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

function describeTopologySpreadConstraints(tscs: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = [...tscs].sort((a, b) => goLess(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// Node

export interface DescribeNodeOptions extends DescribeOptions {
  /**
   * The node's Lease (kube-node-lease/<node>). When omitted, one is synthesised as the kubelet would
   * keep it: holder = node name, acquire time unset, renew time = the Ready condition's heartbeat.
   */
  lease?: { holderIdentity?: string; acquireTime?: string; renewTime?: string } | null;
}

/**
 * `kubectl describe node`. `pods` may be all pods; the non-terminated ones bound to this node are
 * listed. `events` may be all events; those involving this node are shown.
 */
export function describeNode(node: Node | KObject, pods: Array<Pod | KObject>, events: Event[] | null | undefined, now: number,
  opts: DescribeNodeOptions = {}): string {
  const n = node as Node;
  const name = n.metadata?.name ?? '';
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = findNodeRoles(n);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', n.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', n.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(n.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', n.spec?.taints as any);
    w.write(LEVEL_0, `Unschedulable:\t${n.spec?.unschedulable === true}\n`);

    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    const lease = opts.lease === undefined
      ? { holderIdentity: name, renewTime: ready?.lastHeartbeatTime }
      : opts.lease;
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease?.acquireTime ? formatRFC1123Z(lease.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease?.renewTime ? formatRFC1123Z(lease.renewTime) : '<unset>'}\n`);

    const conds = n.status?.conditions ?? [];
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conds) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of n.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);

    const printResourceList = (rl: Record<string, string>) => {
      for (const r of sortedStrings(Object.keys(rl))) w.write(LEVEL_0, `  ${r}:\t${canonicalQuantity(rl[r])}\n`);
    };
    const capacity = (n.status?.capacity ?? {}) as Record<string, string>;
    const allocatableRaw = (n.status?.allocatable ?? {}) as Record<string, string>;
    if (Object.keys(capacity).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(capacity);
    }
    if (Object.keys(allocatableRaw).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(allocatableRaw);
    }
    const info: Record<string, string | undefined> = (n.status?.nodeInfo ?? {}) as any;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
    if (n.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${n.spec.podCIDR}\n`);
    if ((n.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${n.spec!.podCIDRs!.join(',')}\n`);
    if (n.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${n.spec.providerID}\n`);

    // describeNodeResource
    const nodePods = (pods as Pod[])
      .filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => compareByStorageKey(a as KObject, b as KObject));
    const allocatable = parseResourceList(Object.keys(allocatableRaw).length > 0 ? allocatableRaw : capacity);
    const allocCpu = milliValue(allocatable.cpu ?? zeroQuantity());
    const allocMem = value(allocatable.memory ?? zeroQuantity());
    const pct = (x: number, total: number) => (total === 0 ? 0 : Math.trunc((x / total) * 100));
    const q = (rl: ResourceList, r: string): Quantity => rl[r] ?? zeroQuantity();
    w.write(LEVEL_0, `Non-terminated Pods:\t(${nodePods.length} in total)\n`);
    w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const totalReq: ResourceList = {};
    const totalLim: ResourceList = {};
    for (const p of nodePods) {
      const { requests, limits } = podRequestsAndLimits(p);
      addResourceList(totalReq, requests);
      addResourceList(totalLim, limits);
      const cr = q(requests, 'cpu');
      const cl = q(limits, 'cpu');
      const mr = q(requests, 'memory');
      const ml = q(limits, 'memory');
      w.write(LEVEL_1, `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t` +
        `${formatQuantity(cr)} (${pct(milliValue(cr), allocCpu)}%)\t${formatQuantity(cl)} (${pct(milliValue(cl), allocCpu)}%)\t` +
        `${formatQuantity(mr)} (${pct(value(mr), allocMem)}%)\t${formatQuantity(ml)} (${pct(value(ml), allocMem)}%)\t` +
        `${translateTimestampSince(p.metadata?.creationTimestamp, now)}\n`);
    }
    w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
    w.write(LEVEL_1, '--------\t--------\t------\n');
    const allocEph = value(allocatable['ephemeral-storage'] ?? zeroQuantity());
    const row = (res: string, byMilli: boolean, total: number) => {
      const r = q(totalReq, res);
      const l = q(totalLim, res);
      const rv = byMilli ? milliValue(r) : value(r);
      const lv = byMilli ? milliValue(l) : value(l);
      w.write(LEVEL_1, `${res}\t${formatQuantity(r)} (${pct(rv, total)}%)\t${formatQuantity(l)} (${pct(lv, total)}%)\n`);
    };
    row('cpu', true, allocCpu);
    row('memory', false, allocMem);
    row('ephemeral-storage', false, allocEph);
    const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
    const hugePages = sortedStrings(Object.keys(allocatable).filter((r) => r.startsWith('hugepages-')));
    for (const r of hugePages) row(r, false, value(allocatable[r]));
    const ext = sortedStrings(Object.keys(allocatable).filter((r) => !r.startsWith('hugepages-') && !standard.has(r) && !r.startsWith('requests.') && !r.startsWith('limits.')));
    for (const r of ext) w.write(LEVEL_1, `${r}\t${formatQuantity(q(totalReq, r))}\t${formatQuantity(q(totalLim, r))}\n`);

    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Node', name, undefined)), w, now);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Namespace, Service, PVC, ConfigMap, generic

export interface DescribeObjectOptions extends DescribeOptions {
  /** Service: the Endpoints object of the same name (core/v1 shape). */
  endpoints?: any;
  /** Service: EndpointSlices of the service (discovery/v1 shape); used if `endpoints` is absent. */
  endpointSlices?: any[];
  /**
   * PVC: pods in the namespace (those mounting the claim are listed under "Used By").
   * ReplicaSet / ReplicationController / DaemonSet / StatefulSet: candidate pods for `Pods Status`
   * (counted when selected and controlled by the object).
   */
  pods?: Array<Pod | KObject>;
  /** Namespace: ResourceQuota objects in it (default none → "No resource quota."). */
  resourceQuotas?: any[];
  /** Namespace: LimitRange objects in it (default none → "No LimitRange resource."). */
  limitRanges?: any[];
  /** Node: see {@link DescribeNodeOptions.lease} */
  lease?: DescribeNodeOptions['lease'];
  /**
   * Deployment: the ReplicaSets of its namespace. Those the Deployment's selector selects and whose
   * controller owner reference is the Deployment are split into `NewReplicaSet` / `OldReplicaSets`.
   */
  replicaSets?: Array<ReplicaSet | KObject>;
}

function describeNamespace(ns: Namespace, opts: DescribeObjectOptions): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conds = (ns.status as any)?.conditions ?? [];
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conds) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    const quotas = [...(opts.resourceQuotas ?? [])].sort((a, b) => goLess(a.metadata?.name ?? '', b.metadata?.name ?? ''));
    if (quotas.length === 0) {
      w.write(LEVEL_0, 'No resource quota.\n');
    } else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const rq of quotas) {
        w.write(LEVEL_1, `Name:\t${rq.metadata?.name ?? ''}\n`);
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        const hard = rq.status?.hard ?? {};
        const used = rq.status?.used ?? {};
        for (const r of sortedStrings(Object.keys(hard))) {
          w.write(LEVEL_1, `${r}\t${canonicalQuantity(used[r] ?? '0')}\t${canonicalQuantity(hard[r])}\n`);
        }
      }
    }
    w.write(LEVEL_0, '\n');
    const lrs = opts.limitRanges ?? [];
    if (lrs.length === 0) {
      w.write(LEVEL_0, 'No LimitRange resource.\n');
    } else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of lrs) {
        for (const item of lr.spec?.limits ?? []) {
          const names = new Set<string>();
          for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
            for (const k of Object.keys(item[f] ?? {})) names.add(k);
          }
          // Go iterates a map here (random order); sorted for determinism
          for (const k of sortedStrings(names)) {
            const get = (f: string) => (item[f]?.[k] !== undefined ? canonicalQuantity(item[f][k]) : '-');
            w.write(LEVEL_0, ` ${item.type}\t${k}\t${get('min')}\t${get('max')}\t${get('defaultRequest')}\t${get('default')}\t${get('maxLimitRequestRatio')}\n`);
          }
        }
      }
    }
  });
}

function formatEndpointSlices(slices: any[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const eps: any[] = s.endpoints ?? [];
    const ports: any[] = s.ports ?? [];
    if (ports.length === 0) {
      for (const ep of eps) {
        if (list.length === max) more = true;
        if (ep.conditions?.ready === false) continue;
        if (!more) list.push(ep.addresses[0]);
        count++;
      }
    } else {
      for (const port of ports) {
        if ((port.name ?? '') !== portName) continue;
        for (const ep of eps) {
          if (list.length === max) more = true;
          if (ep.conditions?.ready === false) continue;
          if (!more) list.push(joinHostPort(ep.addresses[0], port.port));
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeService(svc: Service, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const spec = svc.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies!.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs!.join(',') : '<none>'}\n`);
    if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) {
      const list = ingress.map((i) => (i.ip ? i.ip + ((i as any).ipMode ? ` (${(i as any).ipMode})` : '') : i.hostname ?? '')).join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const proto = sp.protocol ?? 'TCP';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${proto}\n`);
      const tp = sp.targetPort ?? sp.port;
      w.write(LEVEL_0, `TargetPort:\t${tp}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
      const eps = opts.endpoints !== undefined
        ? formatEndpoints(opts.endpoints, new Set([sp.name ?? '']))
        : formatEndpointSlices(opts.endpointSlices ?? [], sp.name ?? '');
      w.write(LEVEL_0, `Endpoints:\t${eps}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
    }
    if ((spec as any).trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${(spec as any).trafficDistribution}\n`);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Service', svc.metadata?.name ?? '', svc.metadata?.namespace ?? '')), w, now);
    }
  });
}

/** printPersistentVolumeClaim: shared by PVCs and ephemeral-volume claim templates (isFullPVC=false). */
function printPersistentVolumeClaim(w: PW, pvc: PersistentVolumeClaim, isFullPVC: boolean, now: number): void {
  if (isFullPVC) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${pvcStorageClass(pvc)}\n`);
  if (isFullPVC) {
    if (pvc.metadata?.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, now)})\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
  if (isFullPVC) w.write(LEVEL_0, `Finalizers:\t${goStringSlice(pvc.metadata?.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (pvc.spec?.volumeName) {
    accessModes = accessModesString(pvc.status?.accessModes);
    capacity = canonicalQuantity(pvc.status?.capacity?.storage);
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const ds = pvc.spec?.dataSource;
  if (ds) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (ds.apiGroup) w.write(LEVEL_1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${ds.kind}\n`);
    w.write(LEVEL_1, `Name:\t${ds.name}\n`);
  }
}

function describePVC(pvc: PersistentVolumeClaim, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const name = pvc.metadata?.name ?? '';
  const ns = pvc.metadata?.namespace ?? '';
  return tabbedString((w) => {
    printPersistentVolumeClaim(w, pvc, true, now);
    // getPodsForPVC + printPodsMultiline
    const nsPods = (opts.pods ?? []).filter((p) => (p.metadata?.namespace ?? '') === ns) as Pod[];
    const users: Pod[] = [];
    for (const p of nsPods) {
      for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === name) users.push(p);
    }
    for (const ref of pvc.metadata?.ownerReferences ?? []) {
      if (ref.kind !== 'Pod') continue;
      const owner = nsPods.find((p) => p.metadata?.uid === ref.uid);
      if (owner && !users.some((u) => u.metadata?.uid === owner.metadata?.uid)) users.push(owner);
    }
    w.write(LEVEL_0, 'Used By:\t');
    if (users.length === 0) {
      w.writeLine('<none>');
    } else {
      [...users].sort((a, b) => goLess(a.metadata?.name ?? '', b.metadata?.name ?? '')).forEach((p, i) => {
        if (i !== 0) w.write(LEVEL_0, '\t');
        w.write(LEVEL_0, `${p.metadata?.name ?? ''}\n`);
      });
    }
    const conds = (pvc.status as any)?.conditions ?? [];
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conds) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'PersistentVolumeClaim', name, ns)), w, now);
    }
  });
}

function describeConfigMap(cm: ConfigMap, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    // Go iterates the map (random order); sorted here for determinism
    for (const k of sortedStrings(Object.keys(cm.data ?? {}))) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data![k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of sortedStrings(Object.keys(cm.binaryData ?? {}))) {
      w.write(LEVEL_0, `${k}: ${base64DecodedLength(cm.binaryData![k])} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'ConfigMap', cm.metadata?.name ?? '', cm.metadata?.namespace ?? '')), w, now);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// ReplicaSet, ReplicationController

/** `DescribePodTemplate`: the template's labels, containers, volumes, scheduling hints. */
function describePodTemplate(template: any, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/**
 * `getPodStatusForController`: the pods the selector selects whose controller owner reference is
 * `uid`, counted by phase (Pending counts as Waiting).
 */
function podStatusForController(pods: Array<Pod | KObject>, selector: LabelSelectorData, uid: string | undefined):
  { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods as Pod[]) {
    if (!matchesSelector(selector, (p.metadata?.labels ?? {}) as Record<string, string>)) continue;
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    switch (p.status?.phase) {
      case 'Running': counts.running++; break;
      case 'Pending': counts.waiting++; break;
      case 'Succeeded': counts.succeeded++; break;
      case 'Failed': counts.failed++; break;
      default: break;
    }
  }
  return counts;
}

/** The `Conditions:` table of ReplicaSets and ReplicationControllers. */
function describeReplicaConditions(conds: any[] | undefined, w: PrefixWriter): void {
  if (!conds || conds.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conds) w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
}

/**
 * `kubectl describe rs` (ReplicaSetDescriber). `opts.pods` are candidate pods; those the selector
 * selects and whose controller is this set are counted in `Pods Status`.
 */
function describeReplicaSet(rs: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = rs.metadata ?? {};
  const spec = rs.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    const ctrl = controllerOf(rs);
    if (ctrl) w.write(LEVEL_0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    let selector: LabelSelectorData | undefined;
    try {
      selector = selectorFromLabelSelector(spec.selector);
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
    }
    if (!selector) {
      w.write(LEVEL_0, 'error in fetching pods: invalid label selector\n');
    } else {
      const s = podStatusForController(opts.pods ?? [], selector, meta.uid);
      w.write(LEVEL_0, `${s.running} Running / ${s.waiting} Waiting / ${s.succeeded} Succeeded / ${s.failed} Failed\n`);
    }
    describePodTemplate(spec.template, w);
    describeReplicaConditions(rs.status?.conditions, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'ReplicaSet', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

/** `kubectl describe rc` (ReplicationControllerDescriber); `opts.pods` as for ReplicaSets. */
function describeReplicationController(rc: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = rc.metadata ?? {};
  const spec = rc.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
    const s = podStatusForController(opts.pods ?? [], selectorFromSet(spec.selector ?? {}), meta.uid);
    w.write(LEVEL_0, `Pods Status:\t${s.running} Running / ${s.waiting} Waiting / ${s.succeeded} Succeeded / ${s.failed} Failed\n`);
    describePodTemplate(spec.template, w);
    describeReplicaConditions(rc.status?.conditions, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'ReplicationController', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Deployment

/**
 * kubectl pkg/util/deployment `listReplicaSets` + `GetAllReplicaSetsInChunks`: the sets listed with
 * the Deployment's selector (as its `String()` is sent to the server, so a selector printing as ""
 * lists everything) in its namespace, kept when their controller reference is the Deployment
 * (`metav1.IsControlledBy`). `findNewReplicaSet` then sorts that list IN PLACE by creation
 * timestamp (name breaks ties) and takes the oldest whose template equals the Deployment's ignoring
 * `pod-template-hash`; `findOldReplicaSets` walks the sorted list, so `allOldRSs` — which describe
 * prints, zero-replica sets included (kubernetes#113083) — come oldest first.
 */
function replicaSetsForDeployment(d: Deployment, candidates: ReadonlyArray<ReplicaSet | KObject>):
  { oldRSs: ReplicaSet[]; newRS: ReplicaSet | null } {
  const ns = d.metadata?.namespace ?? '';
  const uid = d.metadata?.uid ?? '';
  let selects: (labels: Record<string, string>) => boolean;
  if (labelSelectorString(d.spec?.selector) === '') {
    selects = () => true;
  } else {
    try {
      const sel = selectorFromLabelSelector(d.spec?.selector as any);
      selects = (labels) => matchesSelector(sel, labels);
    } catch (e) {
      // LabelSelectorAsSelector failed: GetAllReplicaSets errors and describe prints neither line
      if (e instanceof SelectorError) return { oldRSs: [], newRS: null };
      throw e;
    }
  }
  const owned = (candidates as ReplicaSet[]).filter((rs) => {
    if ((rs.metadata?.namespace ?? '') !== ns) return false;
    if (!selects((rs.metadata?.labels ?? {}) as Record<string, string>)) return false;
    const ref = rs.metadata?.ownerReferences?.find((r) => r.controller === true);
    return ref !== undefined && (ref.uid ?? '') === uid;
  });
  const rsList = [...owned].sort(compareByCreationTimestamp);
  return { oldRSs: findOldReplicaSets(d, rsList).all, newRS: findNewReplicaSet(d, rsList) };
}

/** describe.go `printReplicaSetsByLabels`: `name (current/desired replicas created)`, ", "-joined, else `<none>`. */
function printReplicaSetsByLabels(rss: ReadonlyArray<ReplicaSet>): string {
  const list = rss.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ');
  return list === '' ? '<none>' : list;
}

/** `intstr.IntOrString.String()`: an int prints as a decimal, a string as itself; nil as `<nil>`. */
function intOrStringString(v: number | string | null | undefined): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

/**
 * `kubectl describe deployment` (DeploymentDescriber / describeDeployment). Objects read back from
 * the API server are defaulted, so a missing strategy here is read the way apps/v1
 * `SetDefaults_Deployment` fills it: RollingUpdate with 25% max unavailable and 25% max surge
 * (each field defaulted separately). `Recreate` has no rollingUpdate, hence no
 * `RollingUpdateStrategy` line. A paused Deployment prints nothing extra: the pause shows only in
 * the conditions (`Progressing  Unknown  DeploymentPaused`). `OldReplicaSets` / `NewReplicaSet` are
 * printed only when the Deployment has at least one ReplicaSet (`len(oldRSs) > 0 || len(newRSs) > 0`).
 */
function describeDeployment(obj: Deployment | KObject, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const d = obj as Deployment;
  const meta = d.metadata ?? {};
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const status = d.status ?? {};
  const strategyType = spec.strategy?.type ?? 'RollingUpdate';
  const rolling = spec.strategy?.rollingUpdate ?? (strategyType === 'RollingUpdate' ? {} : undefined);
  const { oldRSs, newRS } = replicaSetsForDeployment(d, opts.replicaSets ?? []);
  const newRSs = newRS ? [newRS] : [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
      `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${strategyType}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    if (rolling) {
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrStringString(rolling.maxUnavailable ?? '25%')} max unavailable, ` +
        `${intOrStringString(rolling.maxSurge ?? '25%')} max surge\n`);
    }
    describePodTemplate(spec.template, w);
    describeReplicaConditions(status.conditions, w);
    if (oldRSs.length > 0 || newRSs.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSetsByLabels(newRSs)}\n`);
    }
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Deployment', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

/**
 * The pod template of one Deployment revision as `kubectl rollout history deployment/NAME
 * --revision=N` prints it (kubectl pkg/polymorphichelpers/history.go): `ViewHistory` maps each
 * revision to its ReplicaSet's `spec.template` (pod-template-hash label included), first copying
 * the RS's `kubernetes.io/change-cause` annotation, if any, into the template's annotations; then
 * `printTemplate` runs `DescribePodTemplate` through a PrefixWriter writing straight into a
 * bytes.Buffer — no tabwriter, so every `\t` stays a literal tab (as real transcripts show,
 * e.g. `  Labels:\tapp=nginx\n\tpod-template-hash=…`).
 */
export function describePodTemplateForHistory(template: PodTemplateSpec | null | undefined, changeCause?: string): string {
  const w = new PrefixWriter({ tabwriter: false });
  let t = template;
  if (t && changeCause) {
    t = { ...t, metadata: { ...t.metadata, annotations: { ...t.metadata?.annotations, 'kubernetes.io/change-cause': changeCause } } };
  }
  describePodTemplate(t, w);
  return w.toString();
}

/**
 * The whole stdout of `kubectl rollout history deployment/NAME --revision=N` (N > 0, revision
 * found). kubectl cmd/rollout/rollout_history.go builds the operation
 * `fmt.Sprintf("%s\n%s", "with revision #N", historyInfo)` and prints it with the NamePrinter
 * (cli-runtime printers/name.go: `kind.group/name` + " " + operation + "\n"), so the output is
 * `deployment.apps/NAME with revision #N`, the `Pod Template:` block with literal tabs, and — since
 * the block already ends in "\n" — a trailing empty line. `changeCause` is the RS's
 * `kubernetes.io/change-cause` annotation (see {@link describePodTemplateForHistory}).
 */
export function rolloutHistoryRevisionText(deploymentName: string, revision: number,
  rsTemplate: PodTemplateSpec | null | undefined, changeCause?: string): string {
  return `deployment.apps/${deploymentName || '<unknown>'} with revision #${revision}\n${describePodTemplateForHistory(rsTemplate, changeCause)}\n`;
}

// ---------------------------------------------------------------------------------------------
// DaemonSet, StatefulSet

/**
 * The pod counts behind `Pods Status:`. kubectl's `getPodStatusForController` lists the namespace's
 * pods with `LabelSelector: selector.String()` — so a selector printing as "" lists every pod — and
 * keeps those whose controller owner reference has the object's uid. A selector that does not
 * convert makes the describer fail upstream; here it counts nothing.
 */
function controllerPodCounts(pods: Array<Pod | KObject>, labelSelector: any, uid: string | undefined):
  { running: number; waiting: number; succeeded: number; failed: number } {
  let selector: LabelSelectorData;
  try {
    selector = labelSelectorString(labelSelector) === ''
      ? selectorFromLabelSelector({})
      : selectorFromLabelSelector(labelSelector);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    return { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  }
  return podStatusForController(pods, selector, uid);
}

/**
 * `kubectl describe daemonset` (DaemonSetDescriber / describeDaemonSet, kubectl 1.32 — the
 * `Namespace:` line arrived after 1.32). The five status counters are written as plain
 * `Key: value` text without a tab, so they never align with the tabbed lines. `opts.pods` are
 * candidate pods; those selected and controlled by the DaemonSet are counted in `Pods Status`.
 */
function describeDaemonSet(ds: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = ds.metadata ?? {};
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    const s = controllerPodCounts(opts.pods ?? [], spec.selector, meta.uid);
    w.write(LEVEL_0, `Pods Status:\t${s.running} Running / ${s.waiting} Waiting / ${s.succeeded} Succeeded / ${s.failed} Failed\n`);
    describePodTemplate(spec.template ?? {}, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'DaemonSet', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

/**
 * `describeVolumeClaimTemplates`: each template's name, class, labels and annotations (both as
 * `key=value` lines at two spaces, nothing skipped), requested storage (`<default>` without one) and
 * access modes as Go's `%s` of the slice (`[ReadWriteOnce]`).
 */
function describeVolumeClaimTemplates(templates: any[] | undefined, w: PrefixWriter): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${pvcStorageClass(pvc)}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage !== undefined && storage !== null ? canonicalQuantity(storage) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goStringSlice(pvc.spec?.accessModes)}\n`);
  }
}

/**
 * `kubectl describe statefulset` (StatefulSetDescriber / describeStatefulSet). A missing update
 * strategy reads as apps/v1 `SetDefaults_StatefulSet` fills it (RollingUpdate, partition 0); the
 * `Partition` line shows only with a rollingUpdate block, and `MaxUnavailable` only under a set
 * partition (kubernetes#109251). `opts.pods` as for DaemonSets.
 */
function describeStatefulSet(sts: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = sts.metadata ?? {};
  const spec = sts.spec ?? {};
  const strategyType = spec.updateStrategy?.type || 'RollingUpdate';
  const rolling = spec.updateStrategy?.rollingUpdate ?? (spec.updateStrategy?.type ? undefined : { partition: 0 });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${strategyType}\n`);
    if (rolling) {
      const partition = rolling.partition ?? (strategyType === 'RollingUpdate' ? 0 : undefined);
      if (partition !== undefined && partition !== null) {
        w.write(LEVEL_1, `Partition:\t${partition}\n`);
        if (rolling.maxUnavailable !== undefined && rolling.maxUnavailable !== null) {
          w.write(LEVEL_1, `MaxUnavailable:\t${intOrStringString(rolling.maxUnavailable)}\n`);
        }
      }
    }
    const s = controllerPodCounts(opts.pods ?? [], spec.selector, meta.uid);
    w.write(LEVEL_0, `Pods Status:\t${s.running} Running / ${s.waiting} Waiting / ${s.succeeded} Succeeded / ${s.failed} Failed\n`);
    describePodTemplate(spec.template ?? {}, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'StatefulSet', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Job, CronJob

/** `capIndexesListOrNone`: `<none>` when empty, else cut at the first comma at or after `softLimit` (then `...`). */
function capIndexesListOrNone(indexes: string | undefined | null, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) {
    if (indexes[ix] === ',') break;
  }
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + '...';
}


const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * `kubectl describe job` (JobDescriber / describeJob). Optional spec fields print only when set,
 * except `Completions` (`<unset>`); `Pods Statuses` carries `(N Ready)` only when status.ready is set.
 */
function describeJob(job: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = job.metadata ?? {};
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    const ctrl = controllerOf(job);
    if (ctrl) w.write(LEVEL_0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
    if (isSet(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
    if (isSet(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (isSet(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${String(spec.suspend)}\n`);
    if (isSet(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (isSet(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    const start = parseTime(st.startTime);
    const done = parseTime(st.completionTime);
    if (start !== undefined) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(st.startTime)}\n`);
    if (done !== undefined) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(st.completionTime)}\n`);
    if (start !== undefined && done !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(done - start)}\n`);
    if (isSet(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const active = st.active ?? 0;
    const succeeded = st.succeeded ?? 0;
    const failed = st.failed ?? 0;
    if (!isSet(st.ready)) {
      w.write(LEVEL_0, `Pods Statuses:\t${active} Active / ${succeeded} Succeeded / ${failed} Failed\n`);
    } else {
      w.write(LEVEL_0, `Pods Statuses:\t${active} Active (${st.ready} Ready) / ${succeeded} Succeeded / ${failed} Failed\n`);
    }
    if (spec.completionMode === 'Indexed') {
      w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(st.completedIndexes, 50)}\n`);
    }
    describePodTemplate(spec.template ?? {}, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Job', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

/** `describeJobTemplate`: the CronJob's job template (unset fields read `<unset>`), then its pod template. */
function describeJobTemplate(jobTemplate: any, w: PrefixWriter): void {
  const spec = jobTemplate?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${isSet(spec.selector) ? labelSelectorString(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${isSet(spec.parallelism) ? spec.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec.template ?? {}, w);
}

/** `printActiveJobs`: the active jobs' names, comma-separated, or `<none>`. */
function printActiveJobs(w: PrefixWriter, title: string, jobs: Array<{ name?: string }> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!jobs || jobs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  jobs.forEach((j, i) => {
    if (i !== 0) w.write(LEVEL_0, ', ');
    w.write(LEVEL_0, j.name ?? '');
  });
  w.writeLine('');
}

/** `kubectl describe cronjob` (CronJobDescriber / describeCronJob). */
function describeCronJob(cj: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = cj.metadata ?? {};
  const spec = cj.spec ?? {};
  const st = cj.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${isSet(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${isSet(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
    describeJobTemplate(spec.jobTemplate, w);
    w.write(LEVEL_0, `Last Schedule Time:\t${parseTime(st.lastScheduleTime) !== undefined ? formatRFC1123Z(st.lastScheduleTime) : '<unset>'}\n`);
    printActiveJobs(w, 'Active Jobs', st.active);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'CronJob', meta.name ?? '', meta.namespace ?? '', meta.uid)), w, now);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// PersistentVolume, StorageClass, Endpoints

/** `printNodeSelectorTermsMultilineWithIndent`: `key op [v1, v2]` per requirement, operator lower-cased. */
function printNodeSelectorTerms(w: PrefixWriter, indentLevel: number, title: string, reqs: any[] | undefined): void {
  w.write(indentLevel, `${title}:\t`);
  if (!reqs || reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((req, i) => {
    if (i !== 0) w.write(indentLevel, '\t');
    let expr = `${req.key ?? ''} ${String(req.operator ?? '').toLowerCase()}`;
    if ((req.values ?? []).length > 0) expr = `${expr} [${req.values.join(', ')}]`;
    w.write(LEVEL_0, `${expr}\n`);
  });
}

/** `printVolumeNodeAffinity`: `<none>` without required terms; only matchExpressions are printed. */
function printVolumeNodeAffinity(w: PrefixWriter, affinity: any): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity || !affinity.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => printNodeSelectorTerms(w, LEVEL_2, `Term ${i}`, term.matchExpressions));
}

/**
 * `printCSIPersistentVolumeAttributesMultilineIndent`: every piece is written at LEVEL_2, so the
 * first `key=value` follows the tab after four more spaces and each further one starts with eight
 * spaces and a tab; a `key=value` longer than 140 characters is cut to 140 and `...` appended.
 */
function printCSIVolumeAttributes(w: PrefixWriter, attributes: Record<string, string> | undefined | null): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = sortedStrings(Object.keys(attributes ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    w.write(LEVEL_2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
  });
}

/** The `Source:` block of `describePersistentVolume` for the sources kubeactors can hold. */
function describePersistentVolumeSource(spec: any, w: PrefixWriter): void {
  if (spec.hostPath) {
    const t = spec.hostPath.type;
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${t === undefined || t === null ? '<none>' : t}\n`);
  } else if (spec.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ''}\n    Path:\t${spec.nfs.path ?? ''}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  } else if (spec.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`);
  } else if (spec.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver ?? ''}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle ?? ''}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    printCSIVolumeAttributes(w, spec.csi.volumeAttributes);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/**
 * `kubectl describe pv` (PersistentVolumeDescriber / describePersistentVolume). Cluster-scoped: no
 * Namespace line. `Finalizers` is Go's `%v` of the slice; `Capacity` an absent storage quantity's
 * zero value, `0`. Sources: HostPath, NFS, Local and CSI as kubectl prints them; any other prints
 * `<unknown>`.
 */
function describePersistentVolume(pv: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = pv.metadata ?? {};
  const spec = pv.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStringSlice(meta.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${pvStorageClass(pv)}\n`);
    if (meta.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    }
    w.write(LEVEL_0, `Claim:\t${pvClaimString(pv)}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${canonicalQuantity(spec.capacity?.storage)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    describePersistentVolumeSource(spec, w);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'PersistentVolume', meta.name ?? '', undefined)), w, now);
    }
  });
}

/** `printTopologySelectorTermsMultilineWithIndent`: `key in [v1, v2]` per requirement. */
function printTopologySelectorTerms(w: PrefixWriter, indentLevel: number, title: string, reqs: any[] | undefined): void {
  w.write(indentLevel, `${title}:\t`);
  if (!reqs || reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((req, i) => {
    if (i !== 0) w.write(indentLevel, '\t');
    let expr = `${req.key ?? ''} in`;
    if ((req.values ?? []).length > 0) expr = `${expr} [${req.values.join(', ')}]`;
    w.write(LEVEL_0, `${expr}\n`);
  });
}

/**
 * `kubectl describe storageclass` (StorageClassDescriber / describeStorageClass). `IsDefaultClass`
 * is Yes/No from the default-class annotation; `Annotations` and `Parameters` are one
 * `labels.FormatLabels` line each (so last-applied-configuration is NOT skipped here);
 * `AllowVolumeExpansion` is `<unset>`/True/False; ReclaimPolicy and VolumeBindingMode print only
 * when set (the API server always sets them). `AllowedTopologies` prints when the list is present;
 * an empty list does not survive the API server, so it is treated as absent.
 */
function describeStorageClass(sc: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = sc.metadata ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    const ave = sc.allowVolumeExpansion;
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${ave === undefined || ave === null ? '<unset>' : printBool(ave)}\n`);
    const mountOptions: string[] = sc.mountOptions ?? [];
    if (mountOptions.length === 0) {
      w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy !== undefined && sc.reclaimPolicy !== null) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode !== undefined && sc.volumeBindingMode !== null) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    const topologies: any[] | undefined = sc.allowedTopologies;
    if (Array.isArray(topologies) && topologies.length > 0) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      w.writeLine('');
      topologies.forEach((term, i) => printTopologySelectorTerms(w, LEVEL_1, `Term ${i}`, term.matchLabelExpressions));
    }
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'StorageClass', meta.name ?? '', undefined)), w, now);
    }
  });
}

/**
 * `kubectl describe endpoints` (EndpointsDescriber / describeEndpoints): per subset its ready and
 * not-ready IPs (comma-joined, `<none>` when empty), the ports table when it has ports, then an
 * empty line.
 */
function describeEndpoints(ep: any, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions): string {
  const meta = ep.metadata ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const subset of ep.subsets ?? []) {
      const ready = (subset.addresses ?? []).map((a: any) => a.ip ?? '').join(',');
      w.write(LEVEL_1, `Addresses:\t${ready || '<none>'}\n`);
      const notReady = (subset.notReadyAddresses ?? []).map((a: any) => a.ip ?? '').join(',');
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
      const ports: any[] = subset.ports ?? [];
      if (ports.length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, 'Endpoints', meta.name ?? '', meta.namespace ?? '')), w, now);
    }
  });
}

function base64DecodedLength(b64: string): number {
  const clean = b64.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

/** fatih/camelcase.Split */
function camelcaseSplit(src: string): string[] {
  const runes: string[][] = [];
  let lastClass = 0;
  for (const r of src) {
    let cls: number;
    if (/\p{Ll}/u.test(r)) cls = 1;
    else if (/\p{Lu}/u.test(r)) cls = 2;
    else if (/\p{Nd}/u.test(r)) cls = 3;
    else cls = 4;
    if (cls === lastClass) runes[runes.length - 1].push(r);
    else runes.push([r]);
    lastClass = cls;
  }
  for (let i = 0; i < runes.length - 1; i++) {
    if (/\p{Lu}/u.test(runes[i][0]) && /\p{Ll}/u.test(runes[i + 1][0])) {
      runes[i + 1] = [runes[i][runes[i].length - 1], ...runes[i + 1]];
      runes[i] = runes[i].slice(0, -1);
    }
  }
  return runes.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor (describe.go) */
export function smartLabelFor(field: string): string {
  if ([...field].some((r) => !/\p{L}/u.test(r) && r !== '-')) return field;
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  const parts: string[] = [];
  for (let part of camelcaseSplit(field)) {
    if (part === '_') continue;
    if (acronyms.includes(part.toUpperCase())) part = part.toUpperCase();
    else part = part.charAt(0).toUpperCase() + part.slice(1);
    parts.push(part);
  }
  return parts.join(' ');
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: string[]): void {
  for (const field of sortedStrings(Object.keys(content))) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
          printUnstructuredContent(w, level + 1, child as Record<string, unknown>, skipExpr, skip);
        } else {
          w.write(level + 1, `${goValue(child)}\n`);
        }
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** genericDescriber: used by kubectl for kinds without a dedicated describer. */
export function describeGeneric(obj: KObject, events: Event[] | null | undefined, now: number, opts: DescribeOptions = {}): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
    const content = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
    printUnstructuredContent(w, LEVEL_0, content, '', [
      '.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations',
    ]);
    if (events && opts.showEvents !== false) {
      describeEvents(events.filter((e) => matchesInvolved(e, obj.kind, obj.metadata?.name ?? '', obj.metadata?.namespace)), w, now);
    }
  });
}

/**
 * `kubectl describe <kind> <name>` for any object: Pod, Node, Namespace, Service,
 * PersistentVolumeClaim, ConfigMap, ReplicaSet, ReplicationController, Deployment, DaemonSet,
 * StatefulSet, PersistentVolume, StorageClass, Endpoints, Job and CronJob have kubectl's dedicated layouts; other
 * kinds use the generic describer. (For Node, ReplicaSet, ReplicationController, DaemonSet and
 * StatefulSet, pass the pods in `opts.pods`; for Deployment, the namespace's ReplicaSets in
 * `opts.replicaSets`.)
 */
export function describeObject(obj: KObject, events: Event[] | null | undefined, now: number, opts: DescribeObjectOptions = {}): string {
  switch (obj.kind) {
    case 'Pod': return describePod(obj, events, now, opts);
    case 'Node': return describeNode(obj, opts.pods ?? [], events, now, opts);
    case 'Namespace': return describeNamespace(obj as unknown as Namespace, opts);
    case 'Service': return describeService(obj as unknown as Service, events, now, opts);
    case 'PersistentVolumeClaim': return describePVC(obj as unknown as PersistentVolumeClaim, events, now, opts);
    case 'ConfigMap': return describeConfigMap(obj as unknown as ConfigMap, events, now, opts);
    case 'ReplicaSet': return describeReplicaSet(obj, events, now, opts);
    case 'ReplicationController': return describeReplicationController(obj, events, now, opts);
    case 'Deployment': return describeDeployment(obj, events, now, opts);
    case 'DaemonSet': return describeDaemonSet(obj, events, now, opts);
    case 'StatefulSet': return describeStatefulSet(obj, events, now, opts);
    case 'PersistentVolume': return describePersistentVolume(obj, events, now, opts);
    case 'StorageClass': return describeStorageClass(obj, events, now, opts);
    case 'Endpoints': return describeEndpoints(obj, events, now, opts);
    case 'Job': return describeJob(obj, events, now, opts);
    case 'CronJob': return describeCronJob(obj, events, now, opts);
    default: return describeGeneric(obj, events, now, opts);
  }
}

/** Several describes joined the way kubectl describe does (`\n\n` between objects). */
export function joinDescriptions(descriptions: string[]): string {
  return descriptions.map((d, i) => (i === 0 ? d : `\n\n${d}`)).join('');
}

