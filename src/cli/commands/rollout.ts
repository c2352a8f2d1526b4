/**
 * `kubeactors rollout status|history|undo|pause|resume|restart` (kubectl rollout). `status`
 * advances simulated time, printing kubectl's progress lines, until the rollout is done or fails.
 */
import { Command, Option } from 'commander';
import { ClusterError, type Cluster } from '../../cluster/cluster.ts';
import { durationFlag, intFlag, parseResourceArgs } from '../args.ts';
import { CliError, describeError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

/** One or more `TYPE NAME` / `TYPE/NAME` targets; kubectl requires a name here. */
function targets(args: string[]): { kind: string; name: string }[] {
  if (!args.length) throw usageError('required resource not specified');
  const { refs } = parseResourceArgs(args);
  const out: { kind: string; name: string }[] = [];
  for (const r of refs) {
    if (!r.name) throw usageError('resource(s) were provided, but no name was specified');
    out.push({ kind: r.info.kind, name: r.name });
  }
  return out;
}

/** kubectl's rollout verbs fail on the client (`error: …`) except for objects that are not there. */
function rolloutError(e: unknown): CliError {
  if (e instanceof ClusterError && e.code !== 'NotFound') return new CliError(e.message.startsWith('error: ') ? e.message : `error: ${e.message}`);
  return new CliError(describeError(e));
}

/** Runs a verb on each target: its message is printed, errors collected and printed after (kubectl's aggregate). */
function each(s: Session, args: string[], f: (c: Cluster, kind: string, name: string) => string): void {
  const c = s.cluster();
  const errors: string[] = [];
  for (const { kind, name } of targets(args)) {
    try {
      s.println(f(c, kind, name));
    } catch (e) {
      errors.push(rolloutError(e).message);
    }
  }
  if (errors.length) throw new CliError(errors.join('\n'));
}

export function registerRollout(program: Command, s: Session): void {
  const rollout = program
    .command('rollout')
    .summary('Manage the rollout of a resource')
    .description('Manage the rollout of Deployments (kubectl rollout): status, history, undo, pause, resume, restart.');

  rollout
    .command('status')
    .summary('Show the status of the rollout')
    .description(
      'Watch the rollout of a Deployment until it is done (kubectl rollout status), advancing simulated time and printing a line each time the Deployment changes. ' +
        'Fails on ProgressDeadlineExceeded, as kubectl does; gives up after --timeout (default 1h of simulated time, where kubectl would wait forever).',
    )
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .option('--revision <n>', 'pin to a specific revision for showing its status', intFlag('--revision', { min: 0 }), 0)
    .option('-w, --watch', 'watch the status of the rollout until it is done (default; --watch=false prints it once)')
    .addOption(new Option('--no-watch', 'print the status once (--watch=false)').hideHelp())
    .option('--timeout <duration>', 'the length of simulated time to wait before ending watch', durationFlag('--timeout'), 0)
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { revision: number; watch?: boolean; timeout: number; namespace: string }) => {
      const c = s.cluster();
      for (const { kind, name } of targets(args)) {
        try {
          c.rolloutStatus(kind, name, { namespace: o.namespace, revision: o.revision, watch: o.watch !== false, timeoutMs: o.timeout }, (line) => s.out(line));
        } catch (e) {
          throw rolloutError(e);
        }
      }
    });

  rollout
    .command('history')
    .summary('View rollout history')
    .description('View the revisions of a Deployment and their change causes (kubectl rollout history); --revision=N prints that revision\'s pod template.')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .option('--revision <n>', 'see the details, including podTemplate of the revision specified', intFlag('--revision'), 0)
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { revision: number; namespace: string }) => {
      const c = s.cluster();
      for (const { kind, name } of targets(args)) {
        try {
          s.out(c.rolloutHistory(kind, name, { namespace: o.namespace, revision: o.revision }));
        } catch (e) {
          throw rolloutError(e);
        }
      }
    });

  rollout
    .command('undo')
    .summary('Undo a previous rollout')
    .description('Roll a Deployment back to the previous revision, or to --to-revision=N (kubectl rollout undo).')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .option('--to-revision <n>', 'the revision to rollback to; 0 = the last revision', intFlag('--to-revision'), 0)
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { toRevision: number; namespace: string }) => {
      each(s, args, (c, kind, name) => c.rolloutUndo(kind, name, { namespace: o.namespace, toRevision: o.toRevision }));
    });

  // pause / resume / restart: one write each, kubectl's message per object.
  const writes: Array<[string, string, string, (c: Cluster, kind: string, name: string, ns: string) => string]> = [
    ['pause', 'Mark the provided resource as paused', 'Pause a Deployment (kubectl rollout pause): template changes are not rolled out until it is resumed.', (c, k, n, ns) => c.rolloutPause(k, n, ns)],
    ['resume', 'Resume a paused resource', 'Resume a paused Deployment (kubectl rollout resume).', (c, k, n, ns) => c.rolloutResume(k, n, ns)],
    ['restart', 'Restart a resource', "Restart a Deployment's pods with a rolling update (kubectl rollout restart: stamps kubectl.kubernetes.io/restartedAt on the pod template).", (c, k, n, ns) => c.rolloutRestart(k, n, ns)],
  ];
  for (const [verb, summary, description, run] of writes) {
    rollout
      .command(verb)
      .summary(summary)
      .description(description)
      .argument('<args...>', 'TYPE NAME or TYPE/NAME')
      .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
      .action(async (args: string[], o: { namespace: string }) => {
        each(s, args, (c, kind, name) => run(c, kind, name, o.namespace));
      });
  }
}
