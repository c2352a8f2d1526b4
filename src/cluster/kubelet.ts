/**
 * What the kubelet answers about running pods, and fault injection into them: container logs,
 * the processes `ps` would show, `kubectl debug` (ephemeral containers and debug copies),
 * crashing a container and forcing a probe's outcome.
 */
import type { AnyActorRef } from 'xstate';
import { defaultImagePullPolicy } from '../manifest/defaults.ts';
import { parseManifests, ManifestLoadError } from '../manifest/index.ts';
import type { Container, EphemeralContainer, KObject, Pod } from '../types.ts';
import { create } from './apply.ts';
import { settle } from './runtime.ts';
import { ClusterError, type ClusterState } from './state.ts';
import type { Entry } from './store.ts';

export type ContainerOptions = { container?: string; namespace?: string };
export type CrashOptions = { container?: string; exitCode?: number; namespace?: string };
export type LogOptions = { container?: string; previous?: boolean; namespace?: string; timestamps?: boolean; tail?: number };
export type DebugOptions = { image?: string; container?: string; target?: string; copyTo?: string; setImage?: Record<string, string>; namespace?: string; command?: string[] };
export type ProcessInfo = { pid: number; container: string; command: string };

export function podEntry(s: ClusterState, name: string, namespace?: string): Entry {
  const e = s.store.get('Pod', namespace ?? 'default', name);
  if (!e) throw new ClusterError(`pods "${name}" not found`, 'NotFound');
  return e;
}

function containerRef(pod: Entry, container?: string): { ref: AnyActorRef; name: string } {
  const p = pod.last as Pod;
  const name = container ?? defaultContainer(p);
  const ref = (pod.actor!.getSnapshot() as any).children?.[name] as AnyActorRef | undefined;
  if (!ref) {
    const all = allContainerNames(p);
    if (all.includes(name)) throw new ClusterError(`container "${name}" in pod "${p.metadata!.name}" is waiting to start: PodScheduled`, 'BadRequest');
    throw new ClusterError(`container ${name} is not valid for pod ${p.metadata!.name}`, 'BadRequest');
  }
  return { ref, name };
}

// ---------------------------------------------------------------- fault injection

/** Makes a container's process exit now with `exitCode`. */
export function crashContainer(s: ClusterState, pod: string, opts: CrashOptions = {}): void {
  const { ref, name } = containerRef(podEntry(s, pod, opts.namespace), opts.container);
  const state = (ref.getSnapshot() as any).context.status.state;
  if (!state?.running) throw new ClusterError(`container ${name} is not running`, 'BadRequest');
  ref.send({ type: 'container.crash', exitCode: opts.exitCode ?? 1 });
  settle(s);
}

/** Forces a probe's outcome (`Failure`/`Success`), or gives it back to the behaviour (`null`). */
export function setProbe(s: ClusterState, pod: string, kind: 'liveness' | 'readiness' | 'startup', result: 'Success' | 'Failure' | null, opts: ContainerOptions = {}): void {
  const { ref, name } = containerRef(podEntry(s, pod, opts.namespace), opts.container);
  const probe = (ref.getSnapshot() as any).children?.[kind] as AnyActorRef | undefined;
  if (!probe) throw new ClusterError(`container "${name}" has no running ${kind} probe`, 'BadRequest');
  probe.send({ type: 'probe.force', result });
  settle(s);
}

// ---------------------------------------------------------------- logs, processes, debug

export function logs(s: ClusterState, pod: string, opts: LogOptions = {}): string {
  const e = podEntry(s, pod, opts.namespace);
  const p = e.last as Pod;
  const name = opts.container ?? defaultContainer(p);
  if (!allContainerNames(p).includes(name)) {
    throw new ClusterError(`container ${name} is not valid for pod ${pod}`, 'BadRequest');
  }
  const ref = (e.actor!.getSnapshot() as any).children?.[name] as AnyActorRef | undefined;
  const ctx = ref ? (ref.getSnapshot() as any).context : undefined;
  // Which instance's log: the kubelet's validateContainerLogStatus (pkg/kubelet/kubelet_pods.go).
  // `logs` keeps the newest instance; `previousLogs` the one before it. Waiting in a crash loop,
  // the newest instance IS the last terminated one, for both `logs` and `logs --previous`.
  const state = ctx?.status.state ?? {};
  const lastTerminated = !!ctx?.status.lastState?.terminated;
  const newestIsCurrent = !!(state.running || state.terminated);
  if (opts.previous) {
    if (!lastTerminated) throw new ClusterError(`previous terminated container "${name}" in pod "${pod}" not found`, 'BadRequest');
    return render(newestIsCurrent ? (ctx.previousLogs ?? []) : ctx.logs, opts);
  }
  if (newestIsCurrent || lastTerminated) return render(ctx.logs, opts);
  const reason = state.waiting?.reason ?? 'ContainerCreating';
  const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
  throw new ClusterError(`container "${name}" in pod "${pod}" is waiting to start: ${why}`, 'BadRequest');
}

/**
 * What `ps aux` shows in a container: its own process as PID 1, or — with
 * `shareProcessNamespace` (or an ephemeral container targeting it) — the pause process as PID 1
 * and every container's process after it.
 */
export function processes(s: ClusterState, pod: string, opts: ContainerOptions = {}): ProcessInfo[] {
  const e = podEntry(s, pod, opts.namespace);
  const p = e.last as Pod;
  const name = opts.container ?? defaultContainer(p);
  const children = (e.actor!.getSnapshot() as any).children ?? {};
  const running = (n: string) => !!children[n]?.getSnapshot().context.status.state?.running;
  const cmd = (c: Container | EphemeralContainer) => [...(c.command ?? []), ...(c.args ?? [])].join(' ') || entrypointOf(c.image ?? '');
  const all: (Container | EphemeralContainer)[] = [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? []), ...(p.spec?.ephemeralContainers ?? [])];
  const self = all.find((c) => c.name === name);
  if (!self) throw new ClusterError(`container ${name} is not valid for pod ${pod}`, 'BadRequest');
  if (!running(name)) throw new ClusterError(`container ${name} is not running`, 'BadRequest');
  const target = (self as EphemeralContainer).targetContainerName;
  if (p.spec?.shareProcessNamespace) {
    const out = [{ pid: 1, container: 'POD', command: '/pause' }];
    let pid = 7;
    for (const c of all) if (running(c.name)) out.push({ pid: pid++, container: c.name, command: cmd(c) });
    return out;
  }
  if (target) {
    const t = all.find((c) => c.name === target);
    const out = [];
    if (t && running(target)) out.push({ pid: 1, container: target, command: cmd(t) });
    out.push({ pid: out.length ? 7 : 1, container: name, command: cmd(self) });
    return out;
  }
  return [{ pid: 1, container: name, command: cmd(self) }];
}

/**
 * `kubectl debug`: an ephemeral container in the running pod (optionally sharing a target
 * container's process namespace), or a debug copy of the pod (`copyTo`, `setImage`).
 */
export function debug(s: ClusterState, pod: string, opts: DebugOptions = {}): { pod: string; container?: string } {
  const e = podEntry(s, pod, opts.namespace);
  const p = e.last as Pod;
  if (opts.copyTo) {
    if (s.store.get('Pod', e.namespace, opts.copyTo)) throw new ClusterError(`pods "${opts.copyTo}" already exists`, 'AlreadyExists');
    const spec = structuredClone(p.spec!);
    delete spec.nodeName;
    delete spec.ephemeralContainers;
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      const img = opts.setImage?.[c.name] ?? opts.setImage?.['*'];
      if (img) c.image = img;
    }
    let debugName: string | undefined;
    const existing = opts.container ? spec.containers.find((c) => c.name === opts.container) : undefined;
    if (existing) {
      // kubectl debug --copy-to -c <existing>: that container is changed, not added.
      if (opts.image) existing.image = opts.image;
      if (opts.command) {
        existing.command = opts.command;
        delete existing.args;
      }
      debugName = existing.name;
    } else if (opts.image) {
      debugName = opts.container ?? `debugger-${s.rng.suffix(5)}`;
      spec.containers.push({ name: debugName, image: opts.image, command: opts.command, stdin: true, tty: true, terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', resources: {} } as Container);
    }
    const copy: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: opts.copyTo, namespace: e.namespace, annotations: p.metadata?.annotations ? { ...p.metadata.annotations } : undefined },
      spec,
    };
    if (copy.metadata.annotations) delete copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    if (!copy.metadata.annotations || !Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
    const parsed = parseManifests(JSON.stringify(copy));
    if (parsed.errors.length) throw new ManifestLoadError(parsed.errors);
    create(s, parsed.objects[0]!.object);
    settle(s);
    return { pod: opts.copyTo, container: debugName };
  }
  if (!opts.image) throw new ClusterError('--image is required unless --copy-to is given', 'BadRequest');
  if (!p.spec?.nodeName) throw new ClusterError(`pod ${pod} is not scheduled yet`, 'BadRequest');
  if (opts.target && !p.spec.containers.some((c) => c.name === opts.target)) {
    throw new ClusterError(`spec.ephemeralContainers[0].targetContainerName: Not found: "${opts.target}"`, 'Invalid');
  }
  if (opts.container && allContainerNames(p).includes(opts.container)) {
    throw new ClusterError(`container "${opts.container}" already exists in pod ${pod}`, 'Invalid');
  }
  // Drawn only once the request is known to be valid: a refused command changes nothing.
  let name = opts.container ?? `debugger-${s.rng.suffix(5)}`;
  while (allContainerNames(p).includes(name)) name = `debugger-${s.rng.suffix(5)}`;
  const c: EphemeralContainer = {
    name,
    image: opts.image,
    imagePullPolicy: defaultImagePullPolicy(opts.image),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    stdin: true,
    tty: true,
    resources: {},
  };
  if (opts.command) c.command = opts.command;
  if (opts.target) c.targetContainerName = opts.target;
  e.actor!.send({ type: 'pod.ephemeral', container: c });
  settle(s);
  return { pod, container: name };
}

// ------------------------------------------------------------------ helpers

export function allContainerNames(p: Pod): string[] {
  return [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? []), ...(p.spec?.ephemeralContainers ?? [])].map((c) => c.name);
}

/** kubectl's default container: the `kubectl.kubernetes.io/default-container` annotation, else the first. */
export function defaultContainer(p: Pod): string {
  return p.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? p.spec!.containers[0]!.name;
}

function entrypointOf(image: string): string {
  const base = image.split('/').pop()!.split(':')[0]!.split('@')[0]!;
  const known: Record<string, string> = {
    nginx: 'nginx: master process nginx -g daemon off;',
    busybox: 'sh',
    redis: 'redis-server *:6379',
    perl: 'perl',
    pause: '/pause',
  };
  return known[base] ?? base;
}

function render(lines: { t: number; line: string }[], opts: { timestamps?: boolean; tail?: number }): string {
  const sel = opts.tail !== undefined && opts.tail >= 0 ? lines.slice(Math.max(0, lines.length - opts.tail)) : lines;
  return sel.map((l) => (opts.timestamps ? `${new Date(l.t).toISOString().replace('Z', '000000Z')} ${l.line}` : l.line)).join('\n') + (sel.length ? '\n' : '');
}
