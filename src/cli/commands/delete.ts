/**
 * `kubeactors delete` (kubectl delete): grace-period, --now, --force and --cascade rules of
 * kubectl's delete_flags.go / delete.go, and kubectl's default `--wait`, which here advances
 * simulated time until the objects are gone.
 */
import { Command } from 'commander';
import { ClusterError, type DeleteOptions } from '../../cluster/cluster.ts';
import { boolFlag, durationFlag, goDuration, intFlag, kindLabel, parseResourceArgs } from '../args.ts';
import { CliError, describeError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

interface DeleteFlags {
  selector?: string;
  all?: boolean;
  namespace: string;
  gracePeriod: number;
  now?: boolean;
  force?: boolean;
  cascade?: string;
  wait: boolean;
  timeout?: number;
}

/** How long `delete` waits (simulated) when --timeout is not given. kubectl waits up to a week. */
const DEFAULT_WAIT_MS = 10 * 60_000;

export const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** kubectl GetCascadingStrategy. */
export function cascadePolicy(s: Session, value: string | undefined): NonNullable<DeleteOptions['propagationPolicy']> {
  switch (value) {
    case undefined:
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      s.eprintln('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.');
      return 'Background';
    case 'false':
      s.eprintln('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
    default:
      throw usageError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
  }
}

/** kubectl's grace-period arithmetic (delete.go Complete/Validate). -1 = the object's own. */
export function effectiveGrace(o: { gracePeriod: number; now?: boolean; force?: boolean }): number {
  let grace = o.gracePeriod;
  if (o.now) {
    if (grace !== -1) throw usageError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !o.force) grace = 1;
  if (o.force && grace < 0) grace = 0;
  if (o.force && grace > 0) throw usageError('--force and --grace-period greater than 0 cannot be specified together');
  return grace;
}

async function runDelete(s: Session, args: string[], o: DeleteFlags): Promise<void> {
  const policy = cascadePolicy(s, o.cascade);
  const grace = effectiveGrace(o);
  if (!args.length) {
    throw new CliError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  if (o.all && o.selector) throw usageError('cannot set --all and --selector at the same time');
  const { refs } = parseResourceArgs(args);
  const named = refs.some((r) => r.name !== undefined);
  if (named && o.selector) throw usageError('name cannot be provided when a selector is specified');
  if (named && o.all) throw usageError('name cannot be provided when --all is specified');
  if (!named && !o.all && !o.selector) throw usageError('resource(s) were provided, but no name was specified');
  const c = s.cluster();
  const ns = o.namespace;
  const targets: { kind: string; label: string; plural: string; name: string; uid?: string }[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const info = ref.info;
    if (info.kind === 'Event') throw usageError('events are recorded by the cluster and cannot be deleted in kubeactors');
    if (ref.name !== undefined) {
      const found = c.get(info.kind, ref.name, ns);
      if (found) targets.push({ kind: info.kind, label: kindLabel(info), plural: info.plural, name: ref.name, uid: found.metadata.uid });
      else missing.push(`Error from server (NotFound): ${info.plural} "${ref.name}" not found`);
    } else {
      for (const obj of c.list(info.kind, { namespace: ns, labelSelector: o.selector })) {
        targets.push({ kind: info.kind, label: kindLabel(info), plural: info.plural, name: obj.metadata.name, uid: obj.metadata.uid });
      }
    }
  }
  // Unlike kubectl (which deletes what it found, then reports the rest), nothing is deleted when
  // any named object is missing: a failed command leaves the cluster as it was.
  if (missing.length) throw new CliError(missing.join('\n'));
  if (!targets.length) {
    s.println('No resources found');
    return;
  }
  const force = grace === 0;
  if (force) s.eprintln(FORCE_WARNING);
  for (const t of targets) {
    try {
      c.delete(t.kind, t.name, { namespace: ns, propagationPolicy: policy, gracePeriodSeconds: grace >= 0 ? grace : undefined, force });
    } catch (e) {
      throw new CliError(describeError(e));
    }
    s.println(`${t.label} "${t.name}" ${force ? 'force deleted' : 'deleted'}`);
  }
  if (!o.wait || force) return;
  const timeout = o.timeout || DEFAULT_WAIT_MS;
  for (const t of targets) {
    try {
      // kubectl waits for THIS object (its uid): a StatefulSet re-creates a pod under the same name.
      c.runUntil((cl) => cl.get(t.kind, t.name, ns)?.metadata.uid !== t.uid, { timeout });
    } catch (e) {
      if (!(e instanceof ClusterError && e.code === 'Timeout')) throw e;
      // kubectl fails here; the deletion itself was accepted, so kubeactors keeps it and warns.
      s.eprintln(`warning: timed out waiting for the condition on ${t.plural}/${t.name} (waited ${goDuration(timeout)} of simulated time; the deletion continues)`);
    }
  }
}

export function registerDelete(program: Command, s: Session): void {
  program
    .command('delete')
    .summary('Delete resources by resources and names, or by resources and label selector')
    .description(
      'Delete objects (kubectl delete). Pods terminate gracefully: by default the command waits (advancing simulated\n' +
        'time) until they are gone; --wait=false returns at once, leaving them Terminating.',
    )
    .argument('[resources...]', 'TYPE NAME... or TYPE/NAME...')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('-l, --selector <selector>', 'delete the objects matching this label selector')
    .option('--all', 'delete all objects of the given kinds in the namespace')
    .option('--grace-period <seconds>', 'seconds given to the object to terminate gracefully; -1 = its own default; 0 with --force = immediately', intFlag('--grace-period'), -1)
    .option('--now', 'signal the object for immediate shutdown (same as --grace-period=1)')
    .option('--force', 'remove from the API at once, without waiting for the kubelet (grace period 0)')
    .option('--cascade <strategy>', 'background, foreground or orphan (true/false are deprecated)')
    .option('--wait <bool>', 'wait (in simulated time) for the objects to be gone', boolFlag('--wait'), true)
    .option('--timeout <duration>', 'how long to wait (simulated) before giving up; 0 = 10m', durationFlag('--timeout'))
    .action(async (resources: string[], o: DeleteFlags) => runDelete(s, resources, o));
}
