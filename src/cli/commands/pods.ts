/**
 * Commands that reach into a pod's containers: `logs`, `exec` (only `ps` is simulated), `debug`,
 * `set image`, and the fault injections `crash` and `probe`.
 */
import { Command } from 'commander';
import type { Cluster } from '../../cluster/cluster.ts';
import type { KObject, Pod } from '../../types.ts';
import { argsAfterDash, changeCause, intFlag, kindLabel, kindOf, podArg, RECORD_DEPRECATED } from '../args.ts';
import { CliError, describeError, notFound, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function getPod(c: Cluster, name: string, ns: string): Pod {
  const p = c.get('Pod', name, ns);
  if (!p) throw notFound('pods', name);
  return p as unknown as Pod;
}

/** `a, b, c (ephem), d (init)` (kubectl podcmd.AllContainerNames). */
export function allContainerNames(pod: Pod): string {
  const spec = pod.spec!;
  return [
    ...spec.containers.map((c) => c.name),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/**
 * kubectl podcmd.FindOrDefaultContainerByName: the given container, else the default-container
 * annotation, else the first container — announcing the choice on stderr when there were others.
 */
export function chooseContainer(s: Session, pod: Pod, given: string | undefined): string {
  if (given) return given;
  const spec = pod.spec!;
  const first = spec.containers[0]!.name;
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    const all = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
    if (all.some((c) => c.name === annotated)) return annotated;
    s.eprintln(`Default container name "${annotated}" in annotation not found in a pod, using "${first}" as default container`);
  }
  if (spec.containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length) {
    s.eprintln(`Defaulted container "${first}" out of: ${allContainerNames(pod)}`);
  }
  return first;
}

/** Runs an engine call, naming the pod in `The Pod "x" is invalid` errors. */
function onPod<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new CliError(describeError(e, { kind: 'Pod', name }));
  }
}

// ------------------------------------------------------------------------------- logs

function registerLogs(program: Command, s: Session): void {
  program
    .command('logs')
    .summary('Print the logs for a container in a pod')
    .description('Print the logs of a container (kubectl logs). Use --previous for the last terminated instance.')
    .argument('<pod>', 'POD, pod/POD, or TYPE/NAME (job/x, deploy/x …: its first pod)')
    .argument('[container]', 'container name (same as -c)')
    .option('-c, --container <name>', 'print the logs of this container')
    .option('-p, --previous', 'print the logs of the previous terminated instance of the container')
    .option('--timestamps', 'include an RFC3339 timestamp on each line')
    .option('--tail <lines>', 'lines of recent log to show; -1 = all', intFlag('--tail'), -1)
    .option('-f, --follow', 'not simulated: advance time, then read the logs again')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (podRef: string, positional: string | undefined, o: { container?: string; previous?: boolean; timestamps?: boolean; tail: number; follow?: boolean; namespace: string }) => {
      if (o.follow) throw usageError('--follow is not simulated: run "kubeactors advance <duration>" and read the logs again');
      if (positional && o.container && positional !== o.container) throw usageError('only one of -c or an inline [CONTAINER] arg is allowed');
      const c = s.cluster();
      let name: string;
      const slash = podRef.indexOf('/');
      if (slash > 0 && kindOf(podRef.slice(0, slash)).kind !== 'Pod') {
        // logs job/x, deploy/x …: the first pod of the object (kubectl's AttachablePodForObject).
        const info = kindOf(podRef.slice(0, slash));
        try {
          const r = c.podFor(info.kind, podRef.slice(slash + 1), o.namespace);
          if (r.found > 1) s.eprintln(`Found ${r.found} pods, using pod/${r.pod}`);
          name = r.pod;
        } catch (e) {
          throw new CliError(describeError(e));
        }
      } else name = podArg(podRef);
      const pod = getPod(c, name, o.namespace);
      const container = chooseContainer(s, pod, o.container ?? positional);
      s.out(onPod(name, () => c.logs(name, { container, previous: o.previous, timestamps: o.timestamps, tail: o.tail >= 0 ? o.tail : undefined, namespace: o.namespace })));
    });
}

// ------------------------------------------------------------------------------- exec

/** busybox `ps aux`: `%5u %-8.8s %5s %s`. */
export function psTable(procs: { pid: number; command: string }[]): string {
  const lines = ['PID   USER     TIME  COMMAND'];
  for (const p of procs) lines.push(`${String(p.pid).padStart(5)} ${'root'.padEnd(8)} ${'0:00'.padStart(5)} ${p.command}`);
  return lines.join('\n') + '\n';
}

function registerExec(program: Command, s: Session, argv: string[]): void {
  program
    .command('exec')
    .summary('Execute a command in a container (only ps is simulated)')
    .description(
      'Execute a command in a container (kubectl exec). kubeactors simulates one command, "ps" (e.g. exec <pod> -- ps aux),\n' +
        'showing the processes visible in the container: its own, or with shareProcessNamespace (or a debug container\n' +
        'targeting it) the pause process and those of the other containers.',
    )
    .argument('<pod>', 'POD or pod/POD')
    .argument('[command...]', 'after --: the command to run')
    .option('-c, --container <name>', 'container name; defaults to the default container')
    .option('-i, --stdin', 'pass stdin to the container (accepted, not simulated)')
    .option('-t, --tty', 'stdin is a TTY (accepted, not simulated)')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (podRef: string, _command: string[], o: { container?: string; namespace: string }) => {
      const cmd = argsAfterDash(argv);
      if (cmd === undefined) {
        if (_command.length) throw usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
        throw usageError('you must specify at least one command for the container');
      }
      if (!cmd.length) throw usageError('you must specify at least one command for the container');
      const name = podArg(podRef);
      const c = s.cluster();
      const pod = getPod(c, name, o.namespace);
      const container = chooseContainer(s, pod, o.container);
      const prog = cmd[0]!.split('/').pop();
      if (prog !== 'ps') {
        throw usageError(`kubeactors simulates only "ps" inside containers (e.g. exec ${name} -- ps aux); cannot run "${cmd.join(' ')}"`);
      }
      const procs = onPod(name, () => c.processes(name, { container, namespace: o.namespace }));
      const last = procs.reduce((m, p) => Math.max(m, p.pid), 0);
      s.out(psTable([...procs, { pid: last + 6, command: cmd.join(' ') }]));
    });
}

// ------------------------------------------------------------------------------- debug

interface DebugFlags {
  image?: string;
  target?: string;
  container?: string;
  copyTo?: string;
  setImage?: string;
  stdin?: boolean;
  tty?: boolean;
  profile?: string;
  quiet?: boolean;
  namespace: string;
}

function parseSetImage(v: string | undefined): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of v.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0 || i === part.length - 1) throw usageError(`--set-image: invalid format "${part}": expected CONTAINER=IMAGE (or *=IMAGE)`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/**
 * `--copy-to` with `-c` naming an existing container: kubectl changes that container's command
 * (and image) in the copy. The engine's `debug` only adds containers, so the copy is built here.
 */
function copyWithChangedContainer(c: Cluster, pod: Pod, o: DebugFlags, setImage: Record<string, string> | undefined, cmd: string[] | undefined): void {
  const spec = structuredClone(pod.spec!) as any;
  delete spec.nodeName;
  delete spec.ephemeralContainers;
  for (const ct of spec.containers) {
    const img = setImage?.[ct.name] ?? setImage?.['*'];
    if (img) ct.image = img;
  }
  const target = spec.containers.find((ct: any) => ct.name === o.container);
  if (cmd?.length) {
    target.command = cmd;
    delete target.args;
  }
  if (o.image) target.image = o.image;
  const annotations = { ...(pod.metadata?.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const copy: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.copyTo!, namespace: pod.metadata!.namespace, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec,
  };
  c.apply(JSON.stringify(copy));
}

function registerDebug(program: Command, s: Session, argv: string[]): void {
  program
    .command('debug')
    .summary('Create debugging sessions for troubleshooting pods')
    .description(
      'Debug a pod (kubectl debug): add an ephemeral container (--image, optionally --target to share a container\'s\n' +
        'process namespace), or make a copy of the pod (--copy-to) with a new debug container, a changed command (-c with\n' +
        'an existing container and -- COMMAND) or changed images (--set-image). Interactive sessions are not simulated:\n' +
        'use "exec <pod> -c <container> -- ps aux" to look inside once the container runs.',
    )
    .argument('<pod>', 'POD or pod/POD')
    .argument('[command...]', 'after --: the command of the debug container')
    .option('--image <image>', 'container image to use for the debug container')
    .option('--target <container>', 'share the process namespace of this container (ephemeral containers)')
    .option('-c, --container <name>', 'container name for the debug container (default debugger-xxxxx)')
    .option('--copy-to <name>', 'create a copy of the pod with this name')
    .option('--set-image <list>', 'with --copy-to: container images to change, e.g. app=nginx:1.27,*=busybox')
    .option('-i, --stdin', 'keep stdin open on the container')
    .option('-t, --tty', 'allocate a TTY for the debugging container')
    .option('--profile <profile>', 'debugging profile (legacy, general, baseline, restricted, netadmin, sysadmin)')
    .option('-q, --quiet', 'only print output from the remote session')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (podRef: string, _command: string[], o: DebugFlags) => {
      const cmd = argsAfterDash(argv);
      const name = podArg(podRef);
      const setImage = parseSetImage(o.setImage);
      if (o.setImage !== undefined && !o.copyTo) throw usageError('--set-image requires --copy-to');
      if (o.profile && !['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'].includes(o.profile)) {
        throw usageError(`invalid profile: "${o.profile}"`);
      }
      if (!o.copyTo && !o.image) throw usageError('--image is required when not using --copy-to');
      const c = s.cluster();
      const pod = getPod(c, name, o.namespace);
      const info = (msg: string) => {
        if (!o.quiet) s.eprintln(msg);
      };
      if (o.target) info(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.`);
      if (!o.profile) info('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".');
      let podName = name;
      let container: string | undefined;
      if (o.copyTo) {
        if (c.get('Pod', o.copyTo, o.namespace)) throw new CliError(`Error from server (AlreadyExists): pods "${o.copyTo}" already exists`);
        const existing = o.container !== undefined && pod.spec!.containers.some((ct) => ct.name === o.container);
        if (!existing && !o.image && !setImage) throw usageError('you must specify an existing container or a new image when specifying args.');
        if (existing) {
          onPod(o.copyTo, () => copyWithChangedContainer(c, pod, o, setImage, cmd));
          container = o.container;
        } else {
          const r = onPod(o.copyTo, () => c.debug(name, { image: o.image, container: o.container, copyTo: o.copyTo, setImage, namespace: o.namespace, command: cmd?.length ? cmd : undefined }));
          container = r.container;
          if (container && !o.container) info(`Defaulting debug container name to ${container}.`);
        }
        podName = o.copyTo;
      } else {
        const r = onPod(name, () => c.debug(name, { image: o.image, container: o.container, target: o.target, namespace: o.namespace, command: cmd?.length ? cmd : undefined }));
        container = r.container;
        if (!o.container) info(`Defaulting debug container name to ${container}.`);
      }
      if (o.stdin) {
        info("If you don't see a command prompt, try pressing enter.");
        info(`(kubeactors does not simulate interactive sessions; once it runs, look inside with: kubeactors exec ${podName}${container ? ` -c ${container}` : ''} -- ps aux)`);
      }
    });
}

// ------------------------------------------------------------------------------- set image

function registerSet(program: Command, s: Session): void {
  const set = program.command('set').summary('Set specific features on objects').description('Set specific features on objects (kubectl set).');
  set
    .command('image')
    .summary("Update the image of a pod template or a pod's containers")
    .description('Update container images (kubectl set image): set image deployment/NAME CONTAINER=IMAGE... (also rs, rc, pod; * = every container).')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME, then CONTAINER=IMAGE...')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('--record', 'record the command in the kubernetes.io/change-cause annotation (deprecated, as in kubectl)')
    .action(async (args: string[], o: { namespace: string; record?: boolean }, cmd: Command) => {
      const specs = args.filter((a) => a.includes('='));
      const res = args.filter((a) => !a.includes('='));
      if (!specs.length) throw usageError('at least one image update is required');
      let kind: string;
      let name: string;
      if (res.length === 1 && res[0]!.includes('/')) {
        const i = res[0]!.indexOf('/');
        kind = res[0]!.slice(0, i);
        name = res[0]!.slice(i + 1);
      } else if (res.length === 2) {
        [kind, name] = res as [string, string];
      } else {
        throw usageError('expected exactly one resource: TYPE NAME or TYPE/NAME');
      }
      const info = kindOf(kind);
      const images: Record<string, string> = {};
      for (const spec of specs) {
        const i = spec.indexOf('=');
        if (i <= 0 || i === spec.length - 1) throw usageError(`invalid image update "${spec}": expected CONTAINER=IMAGE`);
        images[spec.slice(0, i)] = spec.slice(i + 1);
      }
      if (o.record) s.eprintln(RECORD_DEPRECATED);
      const ns = cmd.getOptionValueSource('namespace') === 'cli' ? o.namespace : undefined;
      const cause = o.record ? changeCause('set image', args, [['namespace', ns], ['record', true]]) : undefined;
      const c = s.cluster();
      if (info.kind === 'Pod' && !c.get('Pod', name, o.namespace)) throw notFound('pods', name);
      const run = () => c.setImage(info.kind, name, images, o.namespace, { changeCause: cause });
      if (info.kind === 'Pod') onPod(name, run);
      else run();
      s.println(`${kindLabel(info)}/${name} image updated`);
    });
}

// ------------------------------------------------------------------------------- faults

function registerFaults(program: Command, s: Session): void {
  program
    .command('crash')
    .summary("Fault injection: make a container's process exit now")
    .description("Fault injection: the container's process exits now with --exit-code (default 1); the kubelet reacts as to a real crash.")
    .argument('<pod>', 'POD or pod/POD')
    .option('-c, --container <name>', 'container (default: the default container)')
    .option('--exit-code <code>', 'exit code 0-255', intFlag('--exit-code', { min: 0 }), 1)
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (podRef: string, o: { container?: string; exitCode: number; namespace: string }) => {
      if (o.exitCode > 255) throw usageError(`invalid argument "${o.exitCode}" for "--exit-code" flag: must be 0-255`);
      const name = podArg(podRef);
      const c = s.cluster();
      const pod = getPod(c, name, o.namespace);
      const container = o.container ?? pod.spec!.containers[0]!.name;
      const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((x) => x.name === container);
      if (st && !st.state?.running) {
        // The engine ignores a crash of a container that is not running; say so instead.
        const why = st.state?.waiting?.reason ?? st.state?.terminated?.reason ?? 'not started';
        throw usageError(`container "${container}" in pod "${name}" is not running (${why}): there is no process to crash`);
      }
      onPod(name, () => c.crashContainer(name, { container, exitCode: o.exitCode, namespace: o.namespace }));
      s.println(`pod/${name} container "${container}" crashed with exit code ${o.exitCode}`);
    });

  program
    .command('probe')
    .summary("Fault injection: force a container's probe to fail or succeed")
    .description('Fault injection: force a liveness, readiness or startup probe to fail or succeed, or reset it to the pod\'s own behaviour.')
    .argument('<pod>', 'POD or pod/POD')
    .argument('<probe>', 'liveness, readiness or startup')
    .argument('<result>', 'fail, succeed or reset')
    .option('-c, --container <name>', 'container (default: the default container)')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (podRef: string, probe: string, result: string, o: { container?: string; namespace: string }) => {
      if (!['liveness', 'readiness', 'startup'].includes(probe)) throw usageError(`unknown probe "${probe}": expected liveness, readiness or startup`);
      const outcome = ({ fail: 'Failure', succeed: 'Success', reset: null } as const)[result as 'fail' | 'succeed' | 'reset'];
      if (outcome === undefined) throw usageError(`unknown probe result "${result}": expected fail, succeed or reset`);
      const name = podArg(podRef);
      const c = s.cluster();
      const pod = getPod(c, name, o.namespace);
      const container = o.container ?? pod.spec!.containers[0]!.name;
      onPod(name, () => c.setProbe(name, probe as 'liveness', outcome, { container, namespace: o.namespace }));
      const what = outcome === null ? 'reset to the pod\'s own behaviour' : `forced to ${result}`;
      s.println(`pod/${name} container "${container}" ${probe} probe ${what}`);
    });
}

export function registerPodCommands(program: Command, s: Session, argv: string[]): void {
  registerLogs(program, s);
  registerExec(program, s, argv);
  registerDebug(program, s, argv);
  registerSet(program, s);
  registerFaults(program, s);
}
