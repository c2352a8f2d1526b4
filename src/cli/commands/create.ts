/**
 * `kubeactors create job NAME --from=cronjob/CJ` (kubectl create job) and `kubeactors patch TYPE
 * NAME -p PATCH` (kubectl patch, JSON merge patch — e.g. `{"spec":{"suspend":true}}`).
 */
import { Command } from 'commander';
import { createdJobMessage, createJobFromError, validateCreateJob } from '../../../machines/cronjob/kubectl.ts';
import { kindLabel, kindOf, parseResourceArgs } from '../args.ts';
import { CliError, describeError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export function registerCreate(program: Command, s: Session): void {
  const create = program.command('create').summary('Create a resource from a file or from stdin').description('Create objects (kubectl create): create job NAME --from=cronjob/NAME.');
  create
    .command('job')
    .summary('Create a job with the specified name')
    .description('Create a Job from a CronJob\'s jobTemplate (kubectl create job NAME --from=cronjob/NAME), annotated cronjob.kubernetes.io/instantiate: manual.')
    .argument('[name...]', 'the Job\'s name')
    .option('--from <resource>', 'the resource to create a Job from (only cronjob/NAME)')
    .option('--image <image>', 'image name to run (not simulated: use --from, or apply a Job manifest)')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (names: string[], o: { from?: string; image?: string; namespace: string }) => {
      const v = validateCreateJob({ argsBeforeDash: names, from: o.from, image: o.image });
      if ('error' in v) throw usageError(v.error);
      if (o.image) throw usageError('create job --image is not supported by kubeactors; apply a Job manifest instead');
      const slash = o.from!.indexOf('/');
      const kind = slash > 0 ? kindOf(o.from!.slice(0, slash)).kind : '';
      if (kind !== 'CronJob') throw usageError(createJobFromError(slash > 0 ? 1 : 0, kind));
      const c = s.cluster();
      try {
        c.createJobFromCronJob(o.from!.slice(slash + 1), v.name, o.namespace);
      } catch (e) {
        throw new CliError(describeError(e, { kind: 'Job', name: v.name }));
      }
      s.println(createdJobMessage(v.name));
    });

  program
    .command('patch')
    .summary('Update fields of a resource')
    .description('Update fields of an object with a JSON merge patch (kubectl patch --type merge), e.g. patch cronjob hello -p \'{"spec":{"suspend":true}}\'.')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .requiredOption('-p, --patch <patch>', 'the patch (JSON)')
    .option('--type <type>', 'the patch type: merge (strategic is treated as merge for maps; json is not supported)', 'strategic')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { patch: string; type: string; namespace: string }) => {
      if (o.type === 'json') throw usageError('--type json is not supported by kubeactors: use --type merge');
      if (o.type !== 'merge' && o.type !== 'strategic') throw usageError(`--type must be one of [json merge strategic], not "${o.type}"`);
      let value: unknown;
      try {
        value = JSON.parse(o.patch);
      } catch (e) {
        throw usageError(`unable to parse "${o.patch}": ${(e as Error).message}`);
      }
      const { refs } = parseResourceArgs(args);
      if (refs.length !== 1 || !refs[0]!.name) throw usageError('exactly one TYPE NAME or TYPE/NAME is required');
      const { info, name } = refs[0]!;
      const c = s.cluster();
      let changed: boolean;
      try {
        changed = c.patch(info.kind, name!, value, o.namespace).changed;
      } catch (e) {
        throw new CliError(describeError(e, { kind: info.kind, name: name! }));
      }
      s.println(`${kindLabel(info)}/${name} ${changed ? 'patched' : 'patched (no change)'}`);
    });
}
